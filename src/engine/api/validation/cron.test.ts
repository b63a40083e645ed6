import { describe, expect, it } from 'vitest';
import { durationError, loadLocationError, validateCronSchedule } from './cron.ts';

describe('validateCronSchedule (robfig/cron v3 ParseStandard)', () => {
  const cases: [string, string, string | undefined][] = [
    ['every minute, as the notes write it, parses', '*/1 * * * *', undefined],
    ['a plain five-field schedule parses', '0 3 * * 1-5', undefined],
    ['month and weekday names are accepted in any case', '0 0 1 JAN,jul mon-FRI', undefined],
    ['a question mark stands for any value', '0 0 ? * *', undefined],
    ['lists with empty items are tolerated', '1,,2 * * * *', undefined],
    ['steps over ranges parse', '0-30/10 */2 1-31/5 * 0-6', undefined],
    ['@hourly is a descriptor', '@hourly', undefined],
    ['@every takes a Go duration', '@every 1h30m', undefined],
    ['an empty schedule is an empty spec', '', 'empty spec string'],
    ['one word is not five fields', 'x', 'expected exactly 5 fields, found 1: [x]'],
    ['six fields (with seconds) are too many', '*/1 * * * * *', 'expected exactly 5 fields, found 6: [*/1 * * * * *]'],
    ['a minute of 60 is above the maximum', '60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['day of month 0 is below the minimum', '0 0 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['a backwards range is rejected', '0 5-3 * * *', 'beginning of range (5) beyond end of range (3): 5-3'],
    ['a step of zero is rejected', '*/0 * * * *', 'step of range should be a positive number: */0'],
    ['a word where a number belongs fails to parse', 'a * * * *', 'failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax'],
    ['a leading minus leaves an empty number', '-5 * * * *', 'failed to parse int from : strconv.Atoi: parsing "": invalid syntax'],
    ['three parts to a range are too many hyphens', '1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['two steps are too many slashes', '*/2/3 * * * *', 'too many slashes: */2/3'],
    ['an unknown descriptor is named', '@fortnightly', 'unrecognized descriptor: @fortnightly'],
    [
      'a bad @every duration carries time.ParseDuration\'s error',
      '@every 5',
      'failed to parse duration @every 5: time: missing unit in duration "5"',
    ],
    ['a weekday of 7 is above the maximum', '0 0 * * 7', 'end of range (7) above maximum (6): 7'],
    ['a zone prefix with an unknown zone is a bad location', 'TZ=Nowhere/City 0 * * * *', 'provided bad location Nowhere/City: unknown time zone Nowhere/City'],
    ['a zone prefix with a known zone parses', 'CRON_TZ=UTC 0 * * * *', undefined],
  ];
  it.each(cases)('%s', (_name, spec, expected) => {
    expect(validateCronSchedule(spec)).toBe(expected);
  });
});

describe('durationError (time.ParseDuration)', () => {
  const cases: [string, string, string | undefined][] = [
    ['zero needs no unit', '0', undefined],
    ['units combine', '1h2m3.5s', undefined],
    ['micro has two spellings', '5µs', undefined],
    ['a bare number has no unit', '10', 'time: missing unit in duration "10"'],
    ['an unknown unit is named', '3d', 'time: unknown unit "d" in duration "3d"'],
    ['an empty duration is invalid', '', 'time: invalid duration ""'],
    ['a lone dot is invalid', '.s', 'time: invalid duration ".s"'],
  ];
  it.each(cases)('%s', (_name, s, expected) => {
    expect(durationError(s)).toBe(expected);
  });
});

describe('loadLocationError (time.LoadLocation)', () => {
  const cases: [string, string, string | undefined][] = [
    ['UTC always loads', 'UTC', undefined],
    ['an IANA zone loads', 'Asia/Shanghai', undefined],
    ['Go matches zone names case-sensitively', 'asia/shanghai', 'unknown time zone asia/shanghai'],
    ['an unknown zone is reported', 'Mars/Olympus', 'unknown time zone Mars/Olympus'],
  ];
  it.each(cases)('%s', (_name, tz, expected) => {
    expect(loadLocationError(tz)).toBe(expected);
  });
});
