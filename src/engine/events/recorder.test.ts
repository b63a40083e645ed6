import { describe, expect, it } from 'vitest';
import { nanosHex } from './recorder.ts';

describe('event names', () => {
  it.each([
    [Date.UTC(2025, 5, 2, 8, 5, 0), 0],
    [Date.UTC(2025, 5, 2, 8, 5, 0, 123), 999_999],
    [1, 5],
    [0, 0],
  ])('put the time in nanoseconds in hex, exactly (%i ms + %i)', (ms, extra) => {
    expect(nanosHex(ms, extra)).toBe((BigInt(ms) * 1_000_000n + BigInt(extra)).toString(16));
  });
});
