import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeJson, goJsonString, toCompactJson, toJson } from './json.ts';
import { parseManifests } from './parse.ts';

const here = new URL('./testdata/emit/', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, here), 'utf8');

describe('toJson prints exactly what kubectl -o json printed for the same object', () => {
  it.each(['pod', 'managedfields', 'strings', 'keys', 'numbers', 'values'])('%s', (file) => {
    const r = parseManifests(read(`${file}.input.yaml`), `${file}.input.yaml`);
    expect(toJson(r.documents[0].value)).toBe(read(`${file}.kubectl.json`));
  });
});

describe('Go encoding/json details', () => {
  const strings: [string, string, string][] = [
    ['HTML characters are escaped', '<a href="x">&</a>', '"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e"'],
    ['U+2028 and U+2029 are escaped', 'a\u2028b\u2029', '"a\\u2028b\\u2029"'],
    ['\\b and \\f use their short escapes (Go 1.22+)', '\b\f\n\r\t', '"\\b\\f\\n\\r\\t"'],
    ['other control characters use lower-case \\u00xx', '\x01\x1f', '"\\u0001\\u001f"'],
    ['DEL and non-ASCII stay raw', '\x7fé😀', '"\x7fé😀"'],
    ['a lone surrogate becomes \\ufffd', 'a\ud800b', '"a\\ufffdb"'],
  ];
  it.each(strings)('%s', (_name, input, expected) => {
    expect(goJsonString(input)).toBe(expected);
  });

  const numbers: [string, number | bigint, string][] = [
    ['integers print without a fraction', 3, '3'],
    ['tiny floats switch to exponent form with a short exponent', 1e-7, '1e-7'],
    ['1e-6 still prints in full', 0.000001, '0.000001'],
    ['1e21 switches to exponent form', 1e21, '1e+21'],
    ['1e20 prints in full', 1e20, '100000000000000000000'],
    ['negative zero keeps its sign', -0, '-0'],
    ['bigint prints exactly', 9223372036854775807n, '9223372036854775807'],
  ];
  it.each(numbers)('%s', (_name, n, expected) => {
    expect(toCompactJson(n)).toBe(expected);
  });

  it('refuses infinities as json.Marshal does', () => {
    expect(() => toJson({ a: Infinity })).toThrow('json: unsupported value: +Inf');
  });

  it('sorts keys by UTF-8 bytes, not naturally', () => {
    expect(toCompactJson({ b9: 1, b10: 2, a_b: 3, ab: 4, B: 5, '\uffff': 6, '😀': 7 })).toBe(
      '{"B":5,"a_b":3,"ab":4,"b10":2,"b9":1,"\uffff":6,"😀":7}',
    );
  });

  it('indents with four spaces and keeps empty collections on one line', () => {
    expect(toJson({ a: [], b: {}, c: [1, { d: null }] })).toBe(
      '{\n    "a": [],\n    "b": {},\n    "c": [\n        1,\n        {\n            "d": null\n        }\n    ]\n}\n',
    );
  });

  it("writes the last-applied-configuration annotation's form: compact, escaped, newline-terminated", () => {
    // kubectl create configmap demo --from-literal=html='<a href="x">&</a>' --save-config --dry-run=client -o yaml
    expect(encodeJson({ data: { html: '<a href="x">&</a>' }, kind: 'ConfigMap' })).toBe(
      '{"data":{"html":"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e"},"kind":"ConfigMap"}\n',
    );
  });

  it('skips undefined properties like JSON does', () => {
    expect(toCompactJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
  });

  it('keeps long compact output intact', () => {
    const big = { items: Array.from({ length: 2000 }, (_, i) => ({ name: `item-${i}` })) };
    expect(JSON.parse(toCompactJson(big))).toEqual(big);
  });

  it('writes 10,000 levels of nesting without overflowing the stack', () => {
    let v: unknown = 1;
    for (let i = 0; i < 10000; i++) v = [v];
    expect(toCompactJson(v)).toBe(`${'['.repeat(10000)}1${']'.repeat(10000)}`);
  });
});
