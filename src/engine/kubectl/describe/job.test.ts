import { describe, expect, it } from 'vitest';
import { capIndexes } from './job.ts';

describe('capIndexes (capIndexesListOrNone)', () => {
  const long = Array.from({ length: 30 }, (_, i) => String(i * 2)).join(',');
  const cases: [string, string | undefined, number, string][] = [
    ['nothing completed', '', 50, '<none>'],
    ['a short list as it is', '0-2,5', 50, '0-2,5'],
    ['a long list cut after the first comma past the limit', long, 10, '0,2,4,6,8,10,...'],
    ['a long last piece is kept whole', '1,3-100000', 3, '1,3-100000'],
  ];
  it.each(cases)('%s', (_, list, cap, want) => expect(capIndexes(list, cap)).toBe(want));
});
