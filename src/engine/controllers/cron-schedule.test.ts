import { describe, expect, it } from 'vitest';
import { formatInZone, formatRFC1123Z, mostRecentScheduleTime, nextAfter, nextScheduleDelay, parseSchedule, scheduledMinutes, type Missed } from './cron-schedule.ts';

const at = (s: string) => Date.parse(s);
const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');

describe('nextAfter (robfig/cron SpecSchedule.Next)', () => {
  const cases: [string, string, string | undefined, string, string][] = [
    ['every minute: the next whole minute', '*/1 * * * *', undefined, '2025-06-02T08:05:30Z', '2025-06-02T08:06:00Z'],
    ['strictly after a time on the schedule', '* * * * *', undefined, '2025-06-02T08:06:00Z', '2025-06-02T08:07:00Z'],
    ['quarter hours', '*/15 * * * *', undefined, '2012-07-09T14:45:00Z', '2012-07-09T15:00:00Z'],
    ['ranges with steps', '30 6-16/4 * * *', undefined, '2016-05-19T10:31:00Z', '2016-05-19T14:30:00Z'],
    ['weekdays only skip the weekend', '30 10 * * 1-5', undefined, '2016-05-20T10:31:00Z', '2016-05-23T10:30:00Z'],
    ['@hourly', '@hourly', undefined, '2025-06-02T08:05:00Z', '2025-06-02T09:00:00Z'],
    ['@daily', '@daily', undefined, '2025-06-02T08:05:00Z', '2025-06-03T00:00:00Z'],
    ['@weekly runs on Sunday', '@weekly', undefined, '2025-06-02T08:05:00Z', '2025-06-08T00:00:00Z'],
    ['@monthly', '@monthly', undefined, '2025-06-02T08:05:00Z', '2025-07-01T00:00:00Z'],
    ['@yearly', '@yearly', undefined, '2025-06-02T08:05:00Z', '2026-01-01T00:00:00Z'],
    ['day of month and day of week both set: either matches', '0 0 15 * 1', undefined, '2025-06-02T08:00:00Z', '2025-06-09T00:00:00Z'],
    ['day of week with a starred day of month: both must match', '0 0 * * 1', undefined, '2025-06-02T08:00:00Z', '2025-06-09T00:00:00Z'],
    ['month names', '0 0 1 jan,jul *', undefined, '2025-06-02T08:00:00Z', '2025-07-01T00:00:00Z'],
    ['a leap day waits for a leap year', '0 0 29 2 *', undefined, '2025-06-02T08:00:00Z', '2028-02-29T00:00:00Z'],
    ['in a time zone: 09:00 in Shanghai is 01:00 UTC', '0 9 * * *', 'Asia/Shanghai', '2025-06-02T00:00:00Z', '2025-06-02T01:00:00Z'],
    ['in a zone behind UTC', '0 9 * * *', 'Etc/GMT+5', '2025-06-02T00:00:00Z', '2025-06-02T14:00:00Z'],
    ['CRON_TZ in the schedule', 'CRON_TZ=Asia/Tokyo 0 0 * * *', undefined, '2025-06-02T00:00:00Z', '2025-06-02T15:00:00Z'],
    ['@every rounds down to the second and adds the delay', '@every 90s', undefined, '2025-06-02T08:00:00.500Z', '2025-06-02T08:01:30Z'],
  ];
  it.each(cases)('%s', (_, spec, zone, from, want) => expect(iso(nextAfter(parseSchedule(spec, zone), at(from)))).toBe(want));

  it('an impossible date never comes (0)', () => {
    expect(nextAfter(parseSchedule('59 23 31 2 *'), at('2025-06-02T00:00:00Z'))).toBe(0);
  });
});

// pkg/controller/cronjob/utils_test.go: TestMostRecentScheduleTime.
describe('mostRecentScheduleTime', () => {
  const top = at('2016-05-19T10:00:00Z');
  const h = (hours: number, minutes = 0, seconds = 0) => top + ((hours * 60 + minutes) * 60 + seconds) * 1000;
  const cases: [string, string, number, number | undefined, number | undefined, number, number, number | undefined, Missed, boolean][] = [
    // name, schedule, created, lastSchedule, startingDeadlineSeconds (included), now, earliest, mostRecent, missed, error
    ['now before next schedule', '0 * * * *', top, undefined, undefined, h(0, 0, 30), top, undefined, 'none', false],
    ['now just after next schedule', '0 * * * *', top, undefined, undefined, h(0, 61), top, h(1), 'none', false],
    ['missed 5 schedules', '0 * * * *', h(0, 0, 10), undefined, undefined, h(0, 301), h(0, 0, 10), h(5), 'few', false],
    ['complex schedule', '30 6-16/4 * * 1-5', top, h(0, 30), undefined, h(24, 31), h(0, 30), h(24, 30), 'few', false],
    ['another complex schedule', '30 10,11,12 * * 1-5', top, h(0, 30), undefined, h(30, 30), h(0, 30), undefined, 'few', false],
    ['complex schedule with longer diff between executions', '30 6-16/4 * * 1-5', top, h(0, 30), undefined, h(96, 31), h(0, 30), h(96, 30), 'few', false],
    ['complex schedule with shorter diff between executions', '30 6-16/4 * * 1-5', top, undefined, undefined, h(24, 31), top, h(24, 30), 'few', false],
    ['@every schedule', '@every 1h', h(0, -59), h(0, 1), undefined, h(7 * 24), h(0, 1), h(6 * 24 + 23, 1), 'many', false],
    ['rogue cronjob', '59 23 31 2 *', h(0, 0, 10), undefined, undefined, h(1), h(0, 0, 10), undefined, 'none', true],
    ['earliestTime being CreationTimestamp and LastScheduleTime', '0 * * * *', top, top, undefined, h(0, 0, 30), top, undefined, 'none', false],
    ['earliestTime being LastScheduleTime', '*/5 * * * *', top, h(0, 30), undefined, h(0, 31), h(0, 30), undefined, 'none', false],
    ['earliestTime being LastScheduleTime (outside StartingDeadlineSeconds)', '*/5 * * * *', top, h(0, 30), 60, h(0, 32), h(0, 31), undefined, 'none', false],
  ];
  it.each(cases)('%s', (_, spec, created, last, sds, now, earliest, recent, missed, error) => {
    const r = mostRecentScheduleTime(parseSchedule(spec), created, last, sds, now);
    expect(r.error !== undefined).toBe(error);
    if (error) return;
    expect(r.earliest).toBe(earliest);
    expect(r.mostRecent).toBe(recent);
    expect(r.missed).toBe(missed);
  });
});

// TestNextScheduleTimeDuration.
describe('nextScheduleDelay', () => {
  const top = at('2016-05-19T10:00:00Z');
  const h = (hours: number, minutes = 0) => top + (hours * 60 + minutes) * 60_000;
  const cases: [string, string, number | undefined, number, number][] = [
    ['complex schedule skipping weekend', '30 6-16/4 * * 1-5', h(0, 30), h(24, 31), (3 * 60 + 59) * 60_000 + 100],
    ['another complex schedule skipping weekend', '30 10,11,12 * * 1-5', h(0, 30), h(30, 30), 66 * 3_600_000 + 100],
    ['once a week cronjob, missed two runs', '0 12 * * 4', h(2), h(19 * 24 + 1, 30), (48 * 60 + 30) * 60_000 + 100],
    ['no previous run of a cronjob', '0 12 * * 5', undefined, h(6), 20 * 3_600_000 + 100],
  ];
  it.each(cases)('%s', (_, spec, last, now, want) => expect(nextScheduleDelay(parseSchedule(spec), top, last, now)).toBe(want));
});

describe('names and times', () => {
  it('names jobs by the scheduled time in minutes since the epoch', () => {
    expect(scheduledMinutes(at('2023-03-27T05:20:00Z'))).toBe(27_998_240);
  });
  it('writes the scheduled timestamp in the job time zone, as RFC 3339', () => {
    expect(formatInZone(at('2025-06-02T08:06:00Z'), 'UTC')).toBe('2025-06-02T08:06:00Z');
    expect(formatInZone(at('2025-06-02T08:06:00Z'), 'Asia/Shanghai')).toBe('2025-06-02T16:06:00+08:00');
    expect(formatInZone(at('2025-06-02T08:06:00Z'), 'America/New_York')).toBe('2025-06-02T04:06:00-04:00');
  });
  it('prints a missed time as RFC 1123 with a numeric zone', () => {
    expect(formatRFC1123Z(at('2025-06-02T08:06:00Z'))).toBe('Mon, 02 Jun 2025 08:06:00 +0000');
  });
});
