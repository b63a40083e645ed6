import { describe, expect, it } from 'vitest';
import { runToEnd, terminal, testShell } from '../harness.ts';
import { parseDuration } from './time.ts';

describe('parseDuration', () => {
  it.each([
    ['30', 30_000],
    ['0.5', 500],
    ['.25', 250],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['2d', 172_800_000],
    ['1.5m', 90_000],
    ['1m30s', 90_000],
    ['1h2m3s', 3_723_000],
    ['infinity', Infinity],
    ['inf', Infinity],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['x', '', '5x', '-1', '1m30', 's', '1 m'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('sleep', () => {
  it('yields one sleep effect for the sum of its operands', () => {
    const r = runToEnd(testShell(), 'sleep 1m 30s');
    expect(r.effects).toEqual([{ type: 'sleep', ms: 90_000 }]);
    expect(r.status).toBe(0);
  });

  it('rejects a bad interval as GNU sleep does', () => {
    expect(terminal('sleep x')).toEqual({ stdout: '', stderr: "sleep: invalid time interval ‘x’\nTry 'sleep --help' for more information.\n", status: 1 });
  });

  it('needs an operand', () => {
    expect(terminal('sleep')).toEqual({ stdout: '', stderr: "sleep: missing operand\nTry 'sleep --help' for more information.\n", status: 1 });
  });
});
