import { describe, expect, it } from 'vitest';
import {
  firstPendingIndexes,
  formatIndexes,
  isComplete,
  nextBackoffRecord,
  parseIndexes,
  pastBackoffLimitOnFailure,
  remainingBackoffMs,
  wantActive,
  withIndexes,
  type BackoffRecord,
} from './job-util.ts';

const s = 1000;
const m = 60 * s;

describe('wantActive', () => {
  const cases: [string, Parameters<typeof wantActive>[0], number][] = [
    ['a new job runs parallelism pods when completions allow', { completions: 5, parallelism: 2, succeeded: 0, active: 0 }, 2],
    ['never more than the completions still missing', { completions: 5, parallelism: 3, succeeded: 4, active: 1 }, 1],
    ['none once completions succeeded', { completions: 2, parallelism: 2, succeeded: 3, active: 1 }, 0],
    ['a work queue runs parallelism pods until one succeeds', { completions: undefined, parallelism: 3, succeeded: 0, active: 1 }, 3],
    ['a work queue with a success only lets the running ones finish', { completions: undefined, parallelism: 3, succeeded: 1, active: 2 }, 2],
    ['parallelism 0 runs nothing', { completions: 4, parallelism: 0, succeeded: 0, active: 0 }, 0],
  ];
  it.each(cases)('%s', (_, input, want) => expect(wantActive(input)).toBe(want));
});

describe('isComplete', () => {
  const cases: [string, number | undefined, number, number, boolean][] = [
    ['enough successes and nothing active', 3, 3, 0, true],
    ['enough successes but a pod still active', 3, 3, 1, false],
    ['too few successes', 3, 2, 0, false],
    ['a work queue with a success and nothing active', undefined, 1, 0, true],
    ['a work queue with no success yet', undefined, 0, 0, false],
  ];
  it.each(cases)('%s', (_, completions, succeeded, active, want) => expect(isComplete(completions, succeeded, active)).toBe(want));
});

describe('nextBackoffRecord (backoff_utils_test: TestNewBackoffRecord)', () => {
  const t = (sec: number) => sec * s;
  const cases: [string, BackoffRecord, number[], number[], BackoffRecord][] = [
    ['no new pods keeps the record', { failuresAfterLastSuccess: 2, lastFailureTime: t(5) }, [], [], { failuresAfterLastSuccess: 2, lastFailureTime: t(5) }],
    ['new failures add up and the latest is the last failure', { failuresAfterLastSuccess: 1, lastFailureTime: t(1) }, [], [t(3), t(2)], { failuresAfterLastSuccess: 3, lastFailureTime: t(3) }],
    ['a success resets the count', { failuresAfterLastSuccess: 4, lastFailureTime: t(1) }, [t(2)], [], { failuresAfterLastSuccess: 0 }],
    ['failures after the last success still count', { failuresAfterLastSuccess: 0 }, [t(5)], [t(4), t(6), t(7)], { failuresAfterLastSuccess: 2, lastFailureTime: t(7) }],
    ['failures all before the success do not count', { failuresAfterLastSuccess: 3, lastFailureTime: t(1) }, [t(9)], [t(2), t(3)], { failuresAfterLastSuccess: 0 }],
  ];
  it.each(cases)('%s', (_, old, ok, failed, want) => expect(nextBackoffRecord(old, ok, failed)).toEqual(want));
});

describe('remainingBackoffMs (TestGetRemainingBackoffTime)', () => {
  const cases: [string, number, number, number][] = [
    ['no failures: no wait', 0, 0, 0],
    ['one failure just now: 10 s', 1, 0, 10 * s],
    ['one failure 4 s ago: 6 s', 1, 4 * s, 6 * s],
    ['two failures: 20 s', 2, 5 * s, 15 * s],
    ['three failures: 40 s', 3, 0, 40 * s],
    ['the delay doubles up to 10 minutes (7 failures: 640 s capped)', 7, 0, 10 * m],
    ['many failures stay at the cap', 50, m, 9 * m],
    ['the back-off ran out', 2, 21 * s, 0],
  ];
  it.each(cases)('%s', (_, failures, ago, want) => expect(remainingBackoffMs(failures, 100 * m - ago, 100 * m)).toBe(want));
});

describe('pastBackoffLimitOnFailure', () => {
  const cases: [string, string, number, number[], boolean][] = [
    ['Never restarts are not counted', 'Never', 1, [5], false],
    ['OnFailure: restarts summed over pods reach the limit', 'OnFailure', 3, [1, 2], true],
    ['OnFailure: below the limit', 'OnFailure', 3, [2], false],
    ['OnFailure with backoffLimit 0: any restart', 'OnFailure', 0, [1], true],
    ['OnFailure with backoffLimit 0 and no restarts', 'OnFailure', 0, [0], false],
  ];
  it.each(cases)('%s', (_, policy, limit, restarts, want) => expect(pastBackoffLimitOnFailure(policy, limit, restarts)).toBe(want));
});

describe('completed indexes (indexed_job_utils_test)', () => {
  const parse: [string, string, number, [number, number][]][] = [
    ['empty', '', 5, []],
    ['singles and ranges', '1,3-5,7', 10, [[1, 1], [3, 5], [7, 7]]],
    ['out of range pieces are dropped or clipped', '1,3-5,7', 5, [[1, 1], [3, 4]]],
    ['garbage is skipped', 'a,2,-3', 5, [[2, 2]]],
    ['adjacent pieces merge', '0,1,2-3', 5, [[0, 3]]],
  ];
  it.each(parse)('parses %s', (_, text, completions, want) => expect(parseIndexes(text, completions)).toEqual(want));

  const format: [string, [number, number][], string][] = [
    ['nothing', [], ''],
    ['one index', [[3, 3]], '3'],
    ['a pair is written with a comma', [[5, 6]], '5,6'],
    ['longer runs as ranges', [[0, 2], [5, 6], [8, 8]], '0-2,5,6,8'],
  ];
  it.each(format)('formats %s', (_, list, want) => expect(formatIndexes(list)).toBe(want));

  it('adds indexes, merging runs', () => {
    expect(withIndexes([[0, 1], [4, 4]], [2, 3, 7])).toEqual([[0, 4], [7, 7]]);
  });

  const pending: [string, [number, number][], number[], number, number, number[]][] = [
    ['the lowest indexes first', [], [], 2, 5, [0, 1]],
    ['skipping succeeded and active ones', [[0, 1]], [2], 2, 6, [3, 4]],
    ['no more than completions', [[0, 2]], [], 5, 4, [3]],
  ];
  it.each(pending)('firstPendingIndexes: %s', (_, done, active, count, completions, want) => expect(firstPendingIndexes(done, new Set(active), count, completions)).toEqual(want));
});
