import { describe, expect, it } from 'vitest';
import {
  formatRFC1123Z,
  formatRFC3339,
  formatRFC3339Micro,
  goDurationString,
  goDurationStringNs,
  humanDuration,
  parseGoDuration,
  parseGoDurationNs,
  parseRFC3339,
  shortHumanDuration,
  translateTimestampSince,
} from './duration.ts';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

describe('humanDuration (apimachinery duration_test.go)', () => {
  it.each([
    ['one second is 1s', s, '1s'],
    ['70 seconds stay in seconds', 70 * s, '70s'],
    ['190 seconds show minutes and seconds', 190 * s, '3m10s'],
    ['70 minutes stay in minutes', 70 * m, '70m'],
    ['47 hours stay in hours', 47 * h, '47h'],
    ['49 hours show days and hours', 49 * h, '2d1h'],
    ['8 days and 2 hours drop the hours', 8 * d + 2 * h, '8d'],
    ['367 days stay in days', 367 * d, '367d'],
    ['two years and a day and an hour', 2 * y + 25 * h, '2y1d'],
    ['eight years drop the days', 8 * y + 2 * h, '8y'],
    ['two seconds in the past is invalid', -2 * s, '<invalid>'],
    ['just under two seconds in the past is 0s', -2 * s + 1, '0s'],
    ['zero is 0s', 0, '0s'],
    ['just under a second is 0s', s - 1, '0s'],
    ['just under two minutes is 119s', 2 * m - 1, '119s'],
    ['two minutes is 2m', 2 * m, '2m'],
    ['two minutes and a second is 2m1s', 2 * m + s, '2m1s'],
    ['just under ten minutes is 9m59s', 10 * m - 1, '9m59s'],
    ['ten minutes is 10m', 10 * m, '10m'],
    ['ten minutes and a second is 10m', 10 * m + s, '10m'],
    ['just under three hours is 179m', 3 * h - 1, '179m'],
    ['three hours is 3h', 3 * h, '3h'],
    ['three hours and a minute is 3h1m', 3 * h + m, '3h1m'],
    ['just under eight hours is 7h59m', 8 * h - 1, '7h59m'],
    ['eight hours is 8h', 8 * h, '8h'],
    ['eight hours and 59 minutes is 8h', 8 * h + 59 * m, '8h'],
    ['just under two days is 47h', 2 * d - 1, '47h'],
    ['two days is 2d', 2 * d, '2d'],
    ['two days and an hour is 2d1h', 2 * d + h, '2d1h'],
    ['just under eight days is 7d23h', 8 * d - 1, '7d23h'],
    ['eight days is 8d', 8 * d, '8d'],
    ['eight days and 23 hours is 8d', 8 * d + 23 * h, '8d'],
    ['just under two years is 729d', 2 * y - 1, '729d'],
    ['two years is 2y', 2 * y, '2y'],
    ['two years and 23 hours is 2y', 2 * y + 23 * h, '2y'],
    ['two years and just under a day is 2y', 2 * y + d - 1, '2y'],
    ['two years and a day is 2y1d', 2 * y + d, '2y1d'],
    ['three years is 3y', 3 * y, '3y'],
    ['just under eight years is 7y364d', 8 * y - 1, '7y364d'],
    ['eight years is 8y', 8 * y, '8y'],
    ['eight years and 364 days is 8y', 8 * y + 364 * d, '8y'],
    ['nine years is 9y', 9 * y, '9y'],
  ])('%s', (_name, ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('shortHumanDuration (apimachinery duration_test.go)', () => {
  it.each([
    ['two seconds in the past is invalid', -2 * s, '<invalid>'],
    ['just under two seconds in the past is 0s', -2 * s + 1, '0s'],
    ['zero is 0s', 0, '0s'],
    ['just under a second is 0s', s - 1, '0s'],
    ['one second is 1s', s, '1s'],
    ['just under two seconds is 1s', 2 * s - 1, '1s'],
    ['just under a minute is 59s', m - 1, '59s'],
    ['a minute is 1m', m, '1m'],
    ['just under two minutes is 1m', 2 * m - 1, '1m'],
    ['just under an hour is 59m', h - 1, '59m'],
    ['an hour is 1h', h, '1h'],
    ['just under two hours is 1h', 2 * h - 1, '1h'],
    ['just under a day is 23h', d - 1, '23h'],
    ['a day is 1d', d, '1d'],
    ['just under two days is 1d', 2 * d - 1, '1d'],
    ['just under a year is 364d', y - 1, '364d'],
    ['a year is 1y', y, '1y'],
    ['just under two years is 1y', 2 * y - 1, '1y'],
    ['two years is 2y', 2 * y, '2y'],
  ])('%s', (_name, ms, want) => {
    expect(shortHumanDuration(ms)).toBe(want);
  });
});

describe('goDurationString (Go time_test.go durationTests)', () => {
  it.each([
    ['zero', 0n, '0s'],
    ['one nanosecond', 1n, '1ns'],
    ['1100 nanoseconds in microseconds', 1100n, '1.1µs'],
    ['2200 microseconds in milliseconds', 2_200_000n, '2.2ms'],
    ['3300 milliseconds in seconds', 3_300_000_000n, '3.3s'],
    ['four minutes five seconds', 245_000_000_000n, '4m5s'],
    ['four minutes and 5001 milliseconds', 245_001_000_000n, '4m5.001s'],
    ['hours, minutes and fractional seconds', 18_367_001_000_000n, '5h6m7.001s'],
    ['eight minutes and a nanosecond', 480_000_000_001n, '8m0.000000001s'],
    ['the largest duration', (1n << 63n) - 1n, '2562047h47m16.854775807s'],
    ['the smallest duration', -(1n << 63n), '-2562047h47m16.854775808s'],
  ])('formats %s', (_name, ns, want) => {
    expect(goDurationStringNs(ns)).toBe(want);
  });

  it.each([
    ['ninety seconds', 90 * s, '1m30s'],
    ['a second and a half', 1500, '1.5s'],
    ['half a second', 500, '500ms'],
    ['an hour', h, '1h0m0s'],
    ['a negative minute', -m, '-1m0s'],
    ['a fraction of a millisecond', 0.25, '250µs'],
  ])('formats %s given in milliseconds', (_name, ms, want) => {
    expect(goDurationString(ms)).toBe(want);
  });
});

describe('parseGoDuration (Go time_test.go parseDurationTests)', () => {
  const ns = (n: number | bigint) => BigInt(n);
  const SEC = 1_000_000_000n;
  const MIN = 60n * SEC;
  const HOUR = 60n * MIN;
  it.each([
    ['0', 0n],
    ['5s', 5n * SEC],
    ['30s', 30n * SEC],
    ['1478s', 1478n * SEC],
    ['-5s', -5n * SEC],
    ['+5s', 5n * SEC],
    ['-0', 0n],
    ['+0', 0n],
    ['5.0s', 5n * SEC],
    ['5.6s', 5n * SEC + 600_000_000n],
    ['5.s', 5n * SEC],
    ['.5s', 500_000_000n],
    ['1.0s', SEC],
    ['1.00s', SEC],
    ['1.004s', SEC + 4_000_000n],
    ['1.0040s', SEC + 4_000_000n],
    ['100.00100s', 100n * SEC + 1_000_000n],
    ['10ns', 10n],
    ['11us', 11_000n],
    ['12µs', 12_000n],
    ['12μs', 12_000n],
    ['13ms', 13_000_000n],
    ['14s', 14n * SEC],
    ['15m', 15n * MIN],
    ['16h', 16n * HOUR],
    ['3h30m', 3n * HOUR + 30n * MIN],
    ['10.5s4m', 4n * MIN + 10n * SEC + 500_000_000n],
    ['-2m3.4s', -(2n * MIN + 3n * SEC + 400_000_000n)],
    ['1h2m3s4ms5us6ns', HOUR + 2n * MIN + 3n * SEC + 4_000_000n + 5_000n + 6n],
    ['39h9m14.425s', 39n * HOUR + 9n * MIN + 14n * SEC + 425_000_000n],
    ['52763797000ns', 52_763_797_000n],
    ['0.3333333333333333333h', 20n * MIN],
    ['9007199254740993ns', ns(9007199254740993n)],
    ['9223372036854775807ns', (1n << 63n) - 1n],
    ['9223372036854775.807us', (1n << 63n) - 1n],
    ['9223372036s854ms775us807ns', (1n << 63n) - 1n],
    ['-9223372036854775808ns', -(1n << 63n)],
    ['-9223372036854775.808us', -(1n << 63n)],
    ['-9223372036s854ms775us808ns', -(1n << 63n)],
    ['-2562047h47m16.854775808s', -(1n << 63n)],
    ['0.100000000000000000000h', 6n * MIN],
    ['0.830103483285477580700h', 49n * MIN + 48n * SEC + 372_539_827n],
  ])('parses %s', (input, want) => {
    expect(parseGoDurationNs(input)).toBe(want);
  });

  it.each([
    ['an empty string', '', 'time: invalid duration ""'],
    ['a number without a unit', '3', 'time: missing unit in duration "3"'],
    ['five without a unit', '5', 'time: missing unit in duration "5"'],
    ['a lone sign', '-', 'time: invalid duration "-"'],
    ['a unit without a number', 's', 'time: invalid duration "s"'],
    ['a lone point', '.', 'time: invalid duration "."'],
    ['a signed lone point', '-.', 'time: invalid duration "-."'],
    ['a point and a unit', '.s', 'time: invalid duration ".s"'],
    ['a signed point and a unit', '+.s', 'time: invalid duration "+.s"'],
    ['an unknown unit', '1d', 'time: unknown unit "d" in duration "1d"'],
    ['a word', 'x', 'time: invalid duration "x"'],
    ['the replacement character', '\uFFFD', 'time: invalid duration "\\xef\\xbf\\xbd"'],
    ['an overflow by two', '9223372036854775810ns', 'time: invalid duration "9223372036854775810ns"'],
    ['an overflow by one', '9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
    ['a negative overflow', '-9223372036854775809ns', 'time: invalid duration "-9223372036854775809ns"'],
    ['an overflow in microseconds', '9223372036854776us', 'time: invalid duration "9223372036854776us"'],
    ['an overflow in hours', '3000000h', 'time: invalid duration "3000000h"'],
    ['an overflow from a fraction', '9223372036854775.808us', 'time: invalid duration "9223372036854775.808us"'],
    ['an overflow from a sum', '9223372036854ms775us808ns', 'time: invalid duration "9223372036854ms775us808ns"'],
  ])('rejects %s', (_name, input, message) => {
    expect(() => parseGoDurationNs(input)).toThrow(message);
  });

  it.each([
    ['30s', 30_000],
    ['1h5m', 3_900_000],
    ['1.5h', 5_400_000],
    ['300ms', 300],
  ])('returns %s in milliseconds', (input, want) => {
    expect(parseGoDuration(input)).toBe(want);
  });
});

describe('timestamps', () => {
  const june1 = Date.UTC(2025, 5, 1, 9, 0, 0);

  it('formats metav1.Time in RFC 3339 at second precision', () => {
    expect(formatRFC3339(june1 + 999)).toBe('2025-06-01T09:00:00Z');
  });

  it('formats metav1.MicroTime with six fractional digits', () => {
    expect(formatRFC3339Micro(june1 + 123)).toBe('2025-06-01T09:00:00.123000Z');
  });

  it('formats describe times as RFC1123Z in UTC', () => {
    expect(formatRFC1123Z(june1)).toBe('Sun, 01 Jun 2025 09:00:00 +0000');
    expect(formatRFC1123Z(Date.UTC(2006, 0, 2, 15, 4, 5))).toBe('Mon, 02 Jan 2006 15:04:05 +0000');
  });

  it.each([
    ['a UTC timestamp', '2025-06-01T09:00:00Z', june1],
    ['a fractional timestamp', '2025-06-01T09:00:00.5Z', june1 + 500],
    ['an offset timestamp', '2025-06-01T11:00:00+02:00', june1],
    ['a date that does not exist', '2025-02-30T00:00:00Z', undefined],
    ['something else', 'yesterday', undefined],
  ])('parses %s', (_name, input, want) => {
    expect(parseRFC3339(input)).toBe(want);
  });

  it.each([
    ['a missing timestamp', undefined, '<unknown>'],
    ['a null timestamp', null, '<unknown>'],
    ['an empty timestamp', '', '<unknown>'],
    ['a string timestamp five minutes ago', '2025-06-01T08:55:00Z', '5m'],
    ['a millisecond timestamp 90 seconds ago', june1 - 90 * s, '90s'],
  ])('translates %s', (_name, ts, want) => {
    expect(translateTimestampSince(ts, june1)).toBe(want);
  });
});
