import { describe, expect, it } from 'vitest';
import {
  addQuantities,
  canonicalQuantity,
  compareQuantity,
  ERR_FORMAT_WRONG,
  ERR_NUMERIC,
  ERR_SUFFIX,
  formatBytes,
  formatMilli,
  milliValue,
  parseQuantity,
  Quantity,
  QuantityError,
  quantityError,
  subtractQuantity,
  value,
} from './quantity.ts';

describe('parseQuantity and canonical form (quantity_test.go)', () => {
  // [input, canonical String(), format]
  const cases: [string, string, string][] = [
    ['0', '0', 'DecimalSI'],
    ['0n', '0', 'DecimalSI'],
    ['0Ki', '0', 'BinarySI'],
    ['1', '1', 'DecimalSI'],
    ['1Ki', '1Ki', 'BinarySI'],
    ['8Ki', '8Ki', 'BinarySI'],
    ['7Mi', '7Mi', 'BinarySI'],
    ['3Ei', '3Ei', 'BinarySI'],
    ['100Ti', '100Ti', 'BinarySI'],
    ['5n', '5n', 'DecimalSI'],
    ['4u', '4u', 'DecimalSI'],
    ['50k', '50k', 'DecimalSI'],
    ['40T', '40T', 'DecimalSI'],
    ['1E', '1E', 'DecimalSI'],
    ['1E-3', '1E-3', 'DecimalExponent'], // already canonical: the input string is kept as written
    ['1e3', '1e3', 'DecimalExponent'],
    ['1e13', '10e12', 'DecimalExponent'],
    ['100.035k', '100.035k', 'DecimalSI'], // 3n decimal places: Go reuses the input (kubernetes#138165)
    ['0.001', '1m', 'DecimalSI'],
    ['0.0005k', '500m', 'DecimalSI'],
    ['0.5', '500m', 'DecimalSI'],
    ['0.5e-1', '50e-3', 'DecimalExponent'],
    ['1.2e3', '1200', 'DecimalExponent'],
    ['1.3E+6', '1300e3', 'DecimalExponent'],
    ['9.01', '9010m', 'DecimalSI'],
    ['7.123456M', '7.123456M', 'DecimalSI'],
    ['6.987654321G', '6.987654321G', 'DecimalSI'],
    ['7.1234567M', '7123456700m', 'DecimalSI'],
    ['2.5P', '2500T', 'DecimalSI'],
    ['1.01E', '1010P', 'DecimalSI'],
    ['3.001n', '4n', 'DecimalSI'],
    ['1.1E-9', '2e-9', 'DecimalExponent'],
    ['0.0000000001', '1n', 'DecimalSI'],
    ['0.00000012345', '124n', 'DecimalSI'],
    ['9Ei', '9223372036854775807', 'BinarySI'],
    ['9223372036854775807Ki', '9223372036854775807', 'BinarySI'],
    ['12E', '12E', 'DecimalSI'],
    ['100.035Ki', '102435840m', 'BinarySI'],
    ['0.5Mi', '512Ki', 'BinarySI'],
    ['0.05Gi', '53687091200m', 'BinarySI'],
    ['0.025Ti', '27487790694400m', 'BinarySI'],
    ['0.000000000001Ki', '2n', 'DecimalSI'],
    ['.001', '1m', 'DecimalSI'],
    ['.0001k', '100m', 'DecimalSI'],
    ['1.', '1.', 'DecimalSI'],
    ['1.G', '1.G', 'DecimalSI'],
    // TestQuantityParseEmit
    ['1024Mi', '1Gi', 'BinarySI'],
    ['1000M', '1G', 'DecimalSI'],
    ['.001Ki', '1024m', 'BinarySI'],
    ['.000001Ki', '1024u', 'DecimalSI'],
    ['.000000001Ki', '1024n', 'DecimalSI'],
    // The brief's examples
    ['1.5', '1500m', 'DecimalSI'],
    ['2e3', '2e3', 'DecimalExponent'],
    ['1536Mi', '1536Mi', 'BinarySI'],
    ['1.5Gi', '1536Mi', 'BinarySI'],
    ['0.1', '100m', 'DecimalSI'],
    ['100000m', '100', 'DecimalSI'],
    ['1000m', '1', 'DecimalSI'],
    ['1500Mi', '1500Mi', 'BinarySI'],
    ['1025', '1025', 'DecimalSI'],
    ['2048', '2048', 'DecimalSI'],
    ['128974848', '128974848', 'DecimalSI'],
    ['129e6', '129e6', 'DecimalExponent'],
    ['123Mi', '123Mi', 'BinarySI'],
    // TestParseQuantity: beyond int64
    ['999999999999999999.1', '999999999999999999100m', 'DecimalSI'],
    ['9999999999999999999', '9999999999999999999', 'DecimalSI'],
    ['1000000000000000000', '1E', 'DecimalSI'],
    ['-1000000000000000000.0', '-1E', 'DecimalSI'],
    ['9999999999999999999000m', '9999999999999999999', 'DecimalSI'],
    ['1.0000000000000000001E', '1000000000000000000100m', 'DecimalSI'],
    ['10E', '10E', 'DecimalSI'],
    ['10000000000000000000000m', '10E', 'DecimalSI'],
    ['-9223372036854775808.1', '-9223372036854775808100m', 'DecimalSI'],
    ['9223372036854775808.0', '9223372036854775808', 'DecimalSI'],
    // Things written by trolls
    ['.', '0', 'DecimalSI'],
    ['-', '0', 'DecimalSI'],
    ['00', '0', 'DecimalSI'],
  ];
  it.each(cases)('parses %s and prints it as %s', (input, canonical, format) => {
    const q = parseQuantity(input);
    expect(q.toString()).toBe(canonical);
    expect(q.format).toBe(format);
  });

  it.each(cases.filter(([i, c]) => c !== '0' && !i.startsWith('-')))('prints the negative of %s with a leading minus', (input, canonical) => {
    expect(parseQuantity('-' + input).toString()).toBe(canonical.startsWith('-') ? canonical.slice(1) : '-' + canonical);
  });

  it('keeps a leading plus or zero when the digits are otherwise canonical, as Go reuses the input', () => {
    expect(canonicalQuantity('+1')).toBe('+1');
    expect(canonicalQuantity('01')).toBe('01');
    expect(canonicalQuantity('+1Ki')).toBe('+1Ki');
    expect(canonicalQuantity('+1000m')).toBe('1'); // not reused: ends in 000
    expect(canonicalQuantity('1.001')).toBe('1.001'); // three decimals: reused too
    expect(canonicalQuantity('1.44')).toBe('1440m');
  });

  it('drops the suffix past E as Kubernetes does, printing 1000E as 1', () => {
    expect(canonicalQuantity('1000E')).toBe('1');
    expect(value('1000E')).toBe(1e21);
  });

  it('handles huge exponents without building huge numbers', () => {
    expect(canonicalQuantity('1e1000000000')).toBe('10e999999999');
    expect(canonicalQuantity('1.5e-1000000000')).toBe('1e-9');
    expect(compareQuantity('1e1000000000', '1e999999999')).toBe(1);
  });

  it('accepts numbers from YAML as Go reads their JSON text', () => {
    expect(canonicalQuantity(1)).toBe('1');
    expect(canonicalQuantity(0.5)).toBe('500m');
    expect(canonicalQuantity(1.5)).toBe('1500m');
    expect(canonicalQuantity(1e21)).toBe('1e+21'); // Go's JSON writes 1e+21, and that string is kept
    expect(canonicalQuantity(0.1 + 0.2)).toBe('300000001n');
    expect(() => parseQuantity(NaN)).toThrow(ERR_FORMAT_WRONG);
  });
});

describe('parse errors', () => {
  const cases: [string, string][] = [
    ['', ERR_FORMAT_WRONG],
    [' 1', ERR_FORMAT_WRONG],
    ['1 ', ERR_FORMAT_WRONG],
    ['1.1.M', ERR_FORMAT_WRONG],
    ['1+1.0M', ERR_FORMAT_WRONG],
    ['aoeu', ERR_FORMAT_WRONG],
    ['abc', ERR_FORMAT_WRONG],
    ['0.1mi', ERR_SUFFIX],
    ['0.1am', ERR_FORMAT_WRONG],
    ['.5i', ERR_SUFFIX],
    ['1i', ERR_SUFFIX],
    ['-3.01i', ERR_SUFFIX],
    ['-3.01e-', ERR_SUFFIX],
    ['1e', ERR_SUFFIX],
    ['1ee', ERR_SUFFIX],
    ['1Ki3', ERR_SUFFIX],
    ['100MB', ERR_FORMAT_WRONG],
    ['Ei', ERR_NUMERIC],
    ['.Pi', ERR_NUMERIC],
  ];
  it.each(cases)('rejects %j with the message %s', (input, message) => {
    expect(() => parseQuantity(input)).toThrow(QuantityError);
    expect(quantityError(input)).toBe(message);
  });

  it('words the format error exactly as apimachinery', () => {
    expect(ERR_FORMAT_WRONG).toBe(
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });
});

describe('values', () => {
  const cases: [string, number, number][] = [
    // [input, Value(), MilliValue()]
    ['500m', 1, 500],
    ['1.5', 2, 1500],
    ['0.1m', 1, 1],
    ['1Gi', 1073741824, 1073741824000],
    ['2', 2, 2000],
    ['1n', 1, 1],
    ['-1.5', -2, -1500],
    ['0', 0, 0],
    ['1e3', 1000, 1000000],
  ];
  it.each(cases)('gives %s a value of %d and a milli-value of %d, rounding up', (input, v, m) => {
    expect(value(input)).toBe(v);
    expect(milliValue(input)).toBe(m);
    expect(milliValue(input)).toBe(m); // the cached path answers the same
  });

  it('scales values as ScaledValue does', () => {
    expect(parseQuantity('1').scaledValue(-9)).toBe(1e9);
    expect(parseQuantity('1n').scaledValue(-6)).toBe(1);
    expect(parseQuantity('1e2').scaledValue(-2)).toBe(10000);
  });
});

describe('comparison and arithmetic', () => {
  const cmp: [string, string, number][] = [
    ['0', '0', 0],
    ['100m', '50m', 1],
    ['50m', '100m', -1],
    ['10000T', '100Gi', 1],
    ['1Gi', '1024Mi', 0],
    ['1', '1000m', 0],
    ['-1', '1m', -1],
    ['-2', '-1', -1],
    ['1k', '1Ki', -1],
  ];
  it.each(cmp)('compares %s with %s as %d', (a, b, want) => {
    expect(compareQuantity(a, b)).toBe(want);
    expect(compareQuantity(b, a)).toBe(want === 0 ? 0 : -want);
  });

  const sums: [string[], string][] = [
    [['250m', '500m'], '750m'],
    [['1', '500m'], '1500m'],
    [['100m', '0'], '100m'],
    [['0', '100m'], '100m'],
    [['1Gi', '0'], '1Gi'],
    [['0', '1Gi'], '1Gi'],
    [['512Mi', '512Mi'], '1Gi'],
    [['1Gi', '1G'], '2073741824'],
    [['1G', '1Gi'], '2073741824'],
    [['0.1', '0.2'], '300m'],
    [['+1'], '+1'],
    [['+1', '0'], '1'],
    [[], '0'],
  ];
  it.each(sums)('adds %j to %s, keeping the first non-zero format', (inputs, want) => {
    expect(addQuantities(...inputs)).toBe(want);
  });

  it('subtracts, taking the format of the subtrahend when the minuend is zero', () => {
    expect(subtractQuantity('1', '250m')).toBe('750m');
    expect(subtractQuantity('0', '1Gi')).toBe('-1Gi');
    expect(subtractQuantity('10', '10')).toBe('0');
  });
});

describe('formatting for kubectl describe', () => {
  it.each([
    [750, '750m'],
    [1000, '1'],
    [2000, '2'],
    [1500, '1500m'],
    [0, '0'],
  ])('formats %d millicores as %s', (milli, want) => {
    expect(formatMilli(milli)).toBe(want);
  });

  it.each([
    [1073741824, '1Gi'],
    [1048576 * 300, '300Mi'],
    [1000, '1k'],
    [1023, '1023'],
    [1500, '1500'],
    [1024, '1Ki'],
    [0, '0'],
  ])('formats %d bytes as %s', (bytes, want) => {
    expect(formatBytes(bytes)).toBe(want);
  });

  it('prints NewMilliQuantity and NewQuantity values as Kubernetes does', () => {
    expect(Quantity.fromMilli(1024, 'BinarySI').toString()).toBe('1024m');
    expect(Quantity.fromMilli(1234000).toString()).toBe('1234');
    expect(Quantity.fromValue(1234000).toString()).toBe('1234k');
    expect(Quantity.fromValue(1024 * 1024, 'BinarySI').toString()).toBe('1Mi');
    expect(Quantity.fromValue(1000000, 'DecimalExponent').toString()).toBe('1e6');
    expect(JSON.stringify({ cpu: Quantity.fromMilli(500) })).toBe('{"cpu":"500m"}');
  });
});
