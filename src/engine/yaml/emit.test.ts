import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { YamlOutputError, toYaml, toYamlDocuments } from './emit.ts';
import { parseManifests } from './parse.ts';

const here = new URL('./testdata/emit/', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, here), 'utf8');

describe('toYaml prints exactly what kubectl -o yaml printed for the same object', () => {
  it.each([
    ['a full running Pod (status, probes, projected volume, last-applied annotation)', 'pod'],
    ['managedFields with their f: and k:{...} keys', 'managedfields'],
    ['strings of every quoting style, folding and block scalar', 'strings'],
    ["keys in go-yaml's natural order, quoted and complex keys", 'keys'],
    ['numbers as float64, int64 and uint64 after the JSON round trip', 'numbers'],
    ['values read with YAML 1.1 rules, anchors, merges and tags', 'values'],
  ])('%s', (_name, file) => {
    const r = parseManifests(read(`${file}.input.yaml`), `${file}.input.yaml`);
    expect(r.error).toBeUndefined();
    expect(toYaml(r.documents[0].value)).toBe(read(`${file}.kubectl.yaml`));
  });
});

describe('scalar styles follow go-yaml v2', () => {
  const cases: [string, unknown, string][] = [
    ['a string that would read as a boolean is double-quoted', 'yes', '"yes"\n'],
    ['a string that would read as a number is double-quoted', '1.5', '"1.5"\n'],
    ['the empty string is double-quoted', '', '""\n'],
    ['a timestamp is double-quoted', '2025-06-01T09:00:00Z', '"2025-06-01T09:00:00Z"\n'],
    ['a leading * needs single quotes', '*x', "'*x'\n"],
    ['": " inside needs single quotes', 'a: b', "'a: b'\n"],
    ['" #" inside needs single quotes', 'a #b', "'a #b'\n"],
    ['a single quote is doubled inside single quotes', "'x", "'''x'\n"],
    ['a tab forces double quotes with an escape', 'a\tb', '"a\\tb"\n'],
    ['astral characters are escaped as \\U', '😀', '"\\U0001F600"\n'],
    ['a trailing newline gives a plain literal block', 'a\nb\n', '|\n  a\n  b\n'],
    ['no trailing newline gives |-', 'a\nb', '|-\n  a\n  b\n'],
    ['two trailing newlines give |+', 'a\n\n', '|+\n  a\n\n'],
    ['a leading space adds the indentation indicator', ' a\nb\n', '|2\n   a\n  b\n'],
    ['a space before a newline forces double quotes', 'a \nb', '"a \\nb"\n'],
    ['null prints as null', null, 'null\n'],
    ['an empty map prints as {}', {}, '{}\n'],
    ['an empty list prints as []', [], '[]\n'],
    ['a float prints with Go %g rules', 1234567.5, '1.2345675e+06\n'],
    ['a bigint prints exactly', 9223372036854775807n, '9223372036854775807\n'],
  ];
  it.each(cases)('%s', (_name, value, expected) => {
    expect(toYaml(value)).toBe(expected);
  });

  it('folds a long plain string at the first space past column 80', () => {
    const message = 'containers with unready status: [nginx] and some more words to make this line long enough';
    // kubectl create configmap x --from-literal=message=... --dry-run=client -o yaml
    expect(toYaml({ data: { message } })).toBe(
      "data:\n  message: 'containers with unready status: [nginx] and some more words to make this\n    line long enough'\n",
    );
  });

  it('writes sequences at their key\'s indentation and mappings inside them two spaces in', () => {
    expect(toYaml({ spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] } })).toBe(
      'spec:\n  containers:\n  - image: nginx\n    name: nginx\n    ports:\n    - containerPort: 80\n',
    );
  });

  it('nests a list in a list on one line', () => {
    expect(toYaml([['a', 'b'], []])).toBe('- - a\n  - b\n- []\n');
  });

  it('gives a key over 128 bytes the explicit "? key" form', () => {
    const key = 'k'.repeat(129);
    expect(toYaml({ [key]: 1 })).toBe(`? ${key}\n: 1\n`);
  });
});

describe('toYaml fails where kubectl fails', () => {
  it.each([
    ['DEL', 'a\x7fb'],
    ['a C1 control character', 'a\x80b'],
    ['U+FFFE', 'a\ufffeb'],
  ])('refuses %s, which go-yaml will not read back from JSON', (_name, value) => {
    expect(() => toYaml({ a: value })).toThrow(new YamlOutputError('yaml: control characters are not allowed'));
  });

  it('folds a raw NEL into a space, as go-yaml reads it back from the JSON text', () => {
    expect(toYaml({ a: 'x\u0085y' })).toBe('a: x y\n');
  });

  it('refuses NaN as json.Marshal does', () => {
    expect(() => toYaml({ a: NaN })).toThrow('json: unsupported value: NaN');
  });
});

describe('toYamlDocuments', () => {
  it('separates objects with --- as the YAML printer does', () => {
    expect(toYamlDocuments([{ a: 1 }, { b: [] }])).toBe('a: 1\n---\nb: []\n');
  });
});

describe('deep objects', () => {
  it('prints 10,000 levels of nesting without overflowing the stack', () => {
    let v: unknown = 'leaf';
    for (let i = 0; i < 10000; i++) v = { k: v };
    const out = toYaml(v);
    expect(out.startsWith('k:\n  k:\n')).toBe(true);
    expect(out.endsWith(`${' '.repeat(2 * 9999)}k: leaf\n`)).toBe(true);
  });

  it('prints hundreds of Pods quickly (the time is logged, not asserted)', () => {
    const pod = parseManifests(read('pod.input.yaml'), 'pod.yaml').documents[0].value;
    const t0 = performance.now();
    const out = toYaml({ apiVersion: 'v1', items: Array(500).fill(pod), kind: 'List' });
    console.log(`500 pods as YAML: ${(out.length / 1e6).toFixed(1)} MB in ${(performance.now() - t0).toFixed(0)} ms`);
    expect(out.length).toBeGreaterThan(500 * 4000);
  });
});
