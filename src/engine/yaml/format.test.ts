import { describe, expect, it } from 'vitest';
import { formatFloatG, goYamlNumber } from './goformat.ts';
import { compareJsonKeys, goYamlKeyLess, sortYamlKeys } from './keyorder.ts';
import { isTimestamp, resolve, resolvesToString } from './resolve.ts';

describe("strconv.FormatFloat(f, 'g', -1, bits)", () => {
  const cases: [string, number, 32 | 64, string][] = [
    ['a short float prints as is', 1.5, 64, '1.5'],
    ['an exponent of 6 or more uses e notation', 1234567.5, 64, '1.2345675e+06'],
    ['an exponent below -4 uses e notation with two digits', 1e-7, 64, '1e-07'],
    ['0.0001 stays in decimal', 0.0001, 64, '0.0001'],
    ['float32 precision keeps fewer digits', 0.1234567891, 32, '0.12345679'],
    ['infinity', Infinity, 64, '+Inf'],
    ['negative zero', -0, 64, '-0'],
  ];
  it.each(cases)('%s', (_name, f, bits, expected) => {
    expect(formatFloatG(f, bits)).toBe(expected);
  });
});

describe('numbers in kubectl -o yaml', () => {
  const cases: [string, number | bigint, string][] = [
    ['an integer prints as an integer', 42, '42'],
    ['1e20 is an integer in JSON but too big for int64, so go-yaml prints a float', 1e20, '1e+20'],
    ['0.000001 prints as 1e-06', 0.000001, '1e-06'],
    ['a bigint uint64 prints as digits', 18446744073709551615n, '18446744073709551615'],
  ];
  it.each(cases)('%s', (_name, n, expected) => {
    expect(goYamlNumber(n)).toBe(expected);
  });
});

describe("go-yaml's key order", () => {
  const pairs: [string, string, string][] = [
    ['digit runs compare as numbers', 'b9', 'b10'],
    ['letters come after other characters', 'a_b', 'ab'],
    ['upper case sorts before lower case', 'Ab', 'aB'],
    ['numbers come before letters', '10', 'a'],
    ['a shorter digit run of the same value comes first', 'b9', 'b09'],
    ['a prefix comes first', 'app', 'apps'],
  ];
  it.each(pairs)('%s', (_name, first, second) => {
    expect(goYamlKeyLess(first, second)).toBe(true);
    expect(goYamlKeyLess(second, first)).toBe(false);
  });

  it('sorts a realistic set of keys', () => {
    expect(sortYamlKeys(['b10', 'b9', 'kind', 'apiVersion', '1', '', 'a-b', 'a_b', 'ab'])).toEqual([
      '',
      '1',
      'a-b',
      'a_b',
      'ab',
      'apiVersion',
      'b9',
      'b10',
      'kind',
    ]);
  });

  it('orders JSON keys by code point, astral characters last', () => {
    expect(['😀', '\uffff', 'a'].sort(compareJsonKeys)).toEqual(['a', '\uffff', '😀']);
  });
});

describe('scalar resolution', () => {
  const strings: [string, string, boolean][] = [
    ['a word stays plain', 'nginx', true],
    ['a version with two dots stays plain', '1.2.3', true],
    ['"on" would become a boolean', 'on', false],
    ['"0x1F" would become a number', '0x1F', false],
    ['"1:20" is quoted as a sexagesimal number', '1:20', false],
    ['"2025-06-01" would become a timestamp', '2025-06-01', false],
    ['a date that does not exist stays plain', '2025-02-30', true],
    ['a date-time without a zone is not a timestamp', '2025-06-01T09:00:00', true],
  ];
  it.each(strings)('%s', (_name, s, plain) => {
    expect(resolvesToString(s)).toBe(plain);
  });

  it.each([
    ['2001-12-14t21:59:43.10-05:00', true],
    ['2001-12-14 21:59:43.10', true],
    ['2001-1-2', true],
    ['2001-12-14 21:59:43 -5', false],
    ['2024-02-29', true],
    ['2023-02-29', false],
  ])('%s is a timestamp: %s', (s, expected) => {
    expect(isTimestamp(s)).toBe(expected);
  });

  it('refuses an explicit tag that does not fit', () => {
    expect(() => resolve('tag:yaml.org,2002:int', 'abc')).toThrow('cannot decode !!str `abc` as a !!int');
  });

  it('turns an integer tagged !!float into a float', () => {
    expect(resolve('tag:yaml.org,2002:float', '1').value).toEqual({ t: 'float', v: 1 });
  });
});
