import { describe, expect, it } from 'vitest';
import { errorLines } from './apply-errors.ts';

describe('where the editor marks kubectl errors', () => {
  it.each([
    {
      name: 'a tab in the indentation is marked where the hint says',
      stderr: 'error: error parsing /root/a.yaml: error converting YAML to JSON: yaml: line 4: found character that cannot start any token\nhint: /root/a.yaml:14:1: YAML indentation must use spaces; line 14 starts with a tab\n',
      content: '',
      want: [{ line: 14, column: 1 }],
    },
    {
      name: 'a syntax error in a one-document file is marked on go-yaml’s line',
      stderr: 'error: error parsing /root/a.yaml: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context\n',
      content: 'a: 1\nb: 2\nc: d: e\n',
      want: [{ line: 3 }],
    },
    {
      name: 'an unknown field is marked on the first line with that key',
      stderr: 'Error from server (BadRequest): error when creating "/root/a.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].bogus"\n',
      content: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: x\n    bogus: 1\n',
      want: [{ line: 8 }],
    },
    {
      name: 'an error naming no line or field goes on the first line',
      stderr: 'error: resource mapping not found for name: "web" namespace: "" from "/root/a.yaml": no matches for kind "Deployment" in version "extensions/v1beta1"\n',
      content: 'apiVersion: extensions/v1beta1\nkind: Deployment\n',
      want: [{ line: 1 }],
    },
    { name: 'a clean apply marks nothing', stderr: '', content: 'a: 1\n', want: [] },
  ])('$name', ({ stderr, content, want }) => {
    const got = errorLines(stderr, '/root/a.yaml', content).map(({ line, column }) => (column ? { line, column } : { line }));
    expect(got).toEqual(want);
  });
});
