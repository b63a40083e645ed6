import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseManifests, parseYamlValue } from './parse.ts';
import type { JsonValue } from './types.ts';

const here = new URL('./testdata/', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, here), 'utf8');

/** The value of the only document in `text`. */
function one(text: string): JsonValue {
  const r = parseManifests(text, 'x.yaml');
  expect(r.error).toBeUndefined();
  expect(r.documents).toHaveLength(1);
  return r.documents[0].value;
}

describe('parse errors match what kubectl prints', () => {
  const rows = read('errors/kubectl.tsv')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('\t') as [string, string]);

  it.each(rows)('%s gives kubectl\'s message', (file, expected) => {
    const r = parseManifests(read(`errors/${file}`), file);
    const got = r.error ? `error: ${r.error.message}` : '';
    expect(got).toBe(expected);
  });
});

describe('real-world broken manifests point at the real line with a plain-English hint', () => {
  const cases: { name: string; file: string; reason: string; line: number; column: number; hint: RegExp }[] = [
    {
      name: 'a pod whose container list is indented with tabs',
      file: 'tab-pod.yaml',
      reason: 'yaml: line 7: found character that cannot start any token',
      line: 7,
      column: 1,
      hint: /^YAML indentation must use spaces; line 7 starts with a tab$/,
    },
    {
      name: "a Service whose ports entry is indented one space short (go-yaml names the line before)",
      file: 'svc-ports.yaml',
      reason: 'yaml: line 10: did not find expected key',
      line: 11,
      column: 4,
      hint: /^line 11 starts at column 4, which does not line up/,
    },
    {
      name: 'a key without its colon',
      file: 'missing-colon.yaml',
      reason: "yaml: line 6: could not find expected ':'",
      line: 6,
      column: 6,
      hint: /^line 5 looks like a key but has no ':'/,
    },
    {
      name: 'a key indented under a scalar value',
      file: 'mapping-values.yaml',
      reason: 'yaml: line 5: mapping values are not allowed in this context',
      line: 5,
      column: 11,
      hint: /^line 5 has a ':' where no new key can start/,
    },
    {
      name: 'a double-quoted value never closed',
      file: 'unclosed-double.yaml',
      reason: 'yaml: line 8: found unexpected end of stream',
      line: 8,
      column: 1,
      hint: /^the quoted string that starts on line 6 is never closed$/,
    },
    {
      name: 'a mis-indented key in the second document (lines count from the file start)',
      file: 'second-doc.yaml',
      reason: 'yaml: line 5: mapping values are not allowed in this context',
      line: 10,
      column: 10,
      hint: /line 10/,
    },
    {
      name: 'a CRLF file with a tab',
      file: 'crlf.yaml',
      reason: 'yaml: line 5: found a tab character that violates indentation',
      line: 5,
      column: 1,
      hint: /^line 5 is indented with a tab/,
    },
  ];

  it.each(cases)('$name', ({ file, reason, line, column, hint }) => {
    const r = parseManifests(read(`errors/${file}`), file);
    expect(r.error?.reason).toBe(reason);
    expect(r.error?.message).toBe(`error parsing ${file}: error converting YAML to JSON: ${reason}`);
    expect({ line: r.error?.line, column: r.error?.column }).toEqual({ line, column });
    expect(r.error?.hint).toMatch(hint);
  });

  it('keeps the documents before the broken one', () => {
    const r = parseManifests(read('errors/second-doc.yaml'), 'second-doc.yaml');
    expect(r.documents.map((d) => (d.value as { metadata: { name: string } }).metadata.name)).toEqual(['a']);
  });
});

describe('YAML 1.1 scalars resolve as go-yaml v2 resolves them', () => {
  const cases: [string, string, JsonValue][] = [
    ['yes is true', 'v: yes', true],
    ['Off is false', 'v: Off', false],
    ['y is true', 'v: y', true],
    ['mixed-case yEs stays a string', 'v: yEs', 'yEs'],
    ['~ is null', 'v: ~', null],
    ['an empty value is null', 'v:', null],
    ['a leading 0 means octal', 'v: 0755', 493],
    ['0x is hexadecimal', 'v: 0x1F', 31],
    ['Go also accepts 0o octal', 'v: 0o17', 15],
    ['underscores are dropped', 'v: 1_000', 1000],
    ['08 is not octal, so it is a float, then an integer again through JSON', 'v: 08', 8],
    ['1e3 is a float that JSON turns into the integer 1000', 'v: 1e3', 1000],
    ['.5 is a float', 'v: .5', 0.5],
    ['-0.0 becomes 0 through JSON', 'v: -0.0', 0],
    ['a timestamp stays a string', 'v: 2025-06-01T09:00:00Z', '2025-06-01T09:00:00Z'],
    ['a sexagesimal number stays a string', 'v: 1:20', '1:20'],
    ['a float too big for float64 stays a string', 'v: 1e400', '1e400'],
    ['an int64 beyond 2^53 is kept exactly as a bigint', 'v: 9007199254740993', 9007199254740993n],
    ['a uint64 beyond int64 becomes a float64, as kubectl reads it back', 'v: 18446744073709551615', 2 ** 64],
    ['a quoted number is a string', 'v: "1"', '1'],
    ['!!str keeps text', 'v: !!str 123', '123'],
    ['!!binary decodes base64', 'v: !!binary aGVsbG8=', 'hello'],
  ];

  it.each(cases)('%s', (_name, text, expected) => {
    expect((one(text) as { v: JsonValue }).v).toEqual(expected);
  });

  const keys: [string, string, string][] = [
    ['an integer key becomes its decimal text', '0x10: a', '16'],
    ['a boolean key becomes "true"', 'on: a', 'true'],
    ['a float key is printed with float32 precision', '0.1234567891: a', '0.12345679'],
    ['an infinite key becomes ".inf"', '.inf: a', '.inf'],
  ];
  it.each(keys)('%s', (_name, text, key) => {
    expect(Object.keys(one(text) as object)).toEqual([key]);
  });
});

describe('documents are split and skipped as kubectl does', () => {
  it('reads a multi-document stream with a leading --- and skips empty documents', () => {
    const text = '---\na: 1\n---\n# only a comment\n---\n\n---\nb: 2\n--- # trailing comment\nc: ~\n---\n~\n';
    const r = parseManifests(text, 'x.yaml');
    expect(r.error).toBeUndefined();
    expect(r.documents.map((d) => d.value)).toEqual([{ a: 1 }, { b: 2 }, { c: null }]);
    expect(r.documents.map((d) => d.line)).toEqual([2, 8, 10]);
    expect(r.documents.map((d) => d.index)).toEqual([0, 3, 4]);
  });

  it('gives each document the line where its content starts', () => {
    const r = parseManifests('# header\n\napiVersion: v1\nkind: Pod\n', 'x.yaml');
    expect(r.documents[0].line).toBe(3);
  });

  it('reads CRLF files like LF files', () => {
    expect(one('a: 1\r\nb:\r\n- x\r\n')).toEqual({ a: 1, b: ['x'] });
  });

  it('reads a JSON stream of several objects, numbers as int64 or float64', () => {
    const r = parseManifests('{"a": 1, "b": 1.5}\n{"c": [true, null, "x"]}\n{"big": 9223372036854775807}', 'x.json');
    expect(r.error).toBeUndefined();
    expect(r.documents.map((d) => d.value)).toEqual([
      { a: 1, b: 1.5 },
      { c: [true, null, 'x'] },
      { big: 9223372036854775807n },
    ]);
    expect(r.documents.map((d) => d.line)).toEqual([1, 2, 3]);
  });

  it('reads a file starting with [ as YAML, which accepts it', () => {
    expect(one('[{"a": 1}]')).toEqual([{ a: 1 }]);
  });

  it('keeps a __proto__ key as data', () => {
    const v = one('__proto__: x') as Record<string, JsonValue>;
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
  });

  it('warns about a key given twice, which kubectl silently resolves to the last value', () => {
    const r = parseManifests('metadata:\n  name: first\n  name: second\n', 'x.yaml');
    expect(r.documents[0].value).toEqual({ metadata: { name: 'second' } });
    expect(r.warnings).toEqual([
      {
        line: 3,
        column: 3,
        message: 'the key "name" appears more than once in the same mapping; kubectl keeps the last value',
      },
    ]);
  });

  it('does not call a key overriding a merged one a duplicate', () => {
    const r = parseManifests('base: &b {x: 1}\nd:\n  <<: *b\n  x: 2\n', 'x.yaml');
    expect(r.documents[0].value).toEqual({ base: { x: 1 }, d: { x: 2 } });
    expect(r.warnings).toEqual([]);
  });
});

describe('anchors and aliases', () => {
  it('copies an aliased value so that changing one copy leaves the other alone', () => {
    const v = one('a: &x {k: [1]}\nb: *x\n') as { a: { k: number[] }; b: { k: number[] } };
    expect(v.b).toEqual({ k: [1] });
    v.b.k.push(2);
    expect(v.a.k).toEqual([1]);
  });

  it('merges with earlier sources winning and explicit keys after << overriding', () => {
    const v = one('x: &x {a: 1, b: 1}\ny: &y {b: 2, c: 2}\nz:\n  <<: [*x, *y]\n  c: 3\n') as Record<string, JsonValue>;
    expect(v.z).toEqual({ a: 1, b: 1, c: 3 });
  });
});

describe('hostile input fails fast instead of hanging or crashing', () => {
  const within = (ms: number, f: () => void): void => {
    const t0 = performance.now();
    f();
    expect(performance.now() - t0).toBeLessThan(ms);
  };

  it('rejects a billion-laughs document without expanding it', () => {
    within(1000, () => {
      expect(parseManifests(read('errors/billion-laughs.yaml'), 'b.yaml').error?.reason).toBe(
        'yaml: document contains excessive aliasing',
      );
    });
  });

  it("rejects a deeper billion-laughs (10^20 nodes) the same way", () => {
    let text = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i <= 20; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    within(1000, () => {
      expect(parseManifests(text, 'b.yaml').error?.reason).toBe('yaml: document contains excessive aliasing');
    });
  });

  it('accepts a document that uses a few aliases normally', () => {
    const text = `a: &a [${Array(5000).fill('{a: 1}').join(', ')}]\nb: [*a, *a]\n`;
    const v = one(text) as { b: unknown[][] };
    expect(v.b[1]).toHaveLength(5000);
  });

  it.each([
    ['10,001 nested flow sequences', `a: ${'['.repeat(10001)}`],
    ['10,001 nested flow mappings', `a: ${'{'.repeat(10001)}`],
    ['10,001 nested block sequences', '- '.repeat(10001)],
  ])('rejects %s with go-yaml\'s depth error', (_name, text) => {
    within(1000, () => {
      expect(parseManifests(text, 'd.yaml').error?.reason).toBe('yaml: exceeded max depth of 10000');
    });
  });

  it('reads 9,999 levels of nesting without overflowing the stack', () => {
    const r = parseManifests(`a: ${'['.repeat(9999)}${']'.repeat(9999)}`, 'd.yaml');
    expect(r.error).toBeUndefined();
  });

  it('reads a 5 MB file (the time is logged, not asserted)', () => {
    const doc = (i: number): string =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${i}\n  labels: {app: web}\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n      - name: nginx\n        image: "nginx:1.25"\n        args: ['--port', "80"]\n        command:\n        - |\n          echo starting ${i}\n          exec nginx\n`;
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 5_000_000; i++) {
      parts.push(doc(i));
      size += parts[i].length + 4;
    }
    const text = parts.join('---\n');
    const t0 = performance.now();
    const r = parseManifests(text, 'big.yaml');
    const ms = performance.now() - t0;
    console.log(`parsed ${(text.length / 1e6).toFixed(1)} MB, ${r.documents.length} documents, in ${ms.toFixed(0)} ms`);
    expect(r.documents).toHaveLength(parts.length);
  });
});

describe('parseYamlValue reads one YAML or JSON value, as kubectl patch -p does', () => {
  it.each([
    ['a JSON patch', '{"spec":{"replicas":3}}', { spec: { replicas: 3 } }],
    ['a YAML patch with YAML 1.1 booleans', 'spec: {paused: yes}', { spec: { paused: true } }],
    ['an empty text', '', null],
  ])('%s', (_name, text, expected) => {
    expect(parseYamlValue(text)).toEqual(expected);
  });

  it("throws go-yaml's message", () => {
    expect(() => parseYamlValue('a: b\n c: d\n')).toThrow('yaml: line 2: mapping values are not allowed in this context');
  });
});
