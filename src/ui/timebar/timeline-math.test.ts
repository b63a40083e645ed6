import { describe, expect, it } from 'vitest';
import type { Mark } from '../../worker/protocol.ts';
import { groupMarks, momentAt, position } from './timeline-math.ts';

describe('position', () => {
  it.each([
    [0, 0, 100, 0],
    [50, 0, 100, 0.5],
    [100, 0, 100, 1],
    [-10, 0, 100, 0],
    [150, 0, 100, 1],
    [5, 5, 5, 1],
  ])('%d on %d…%d is at %d', (at, start, end, want) => {
    expect(position(at, start, end)).toBe(want);
  });
});

describe('groupMarks', () => {
  const m = (at: number, kind: Mark['kind'], text = `${kind}@${at}`): Mark => ({ at, kind, text });
  it('keeps marks apart when they are far enough apart', () => {
    expect(groupMarks([m(0, 'command'), m(50, 'warning')], 0, 100, 0.1).map((g) => [g.x, g.commands, g.warnings])).toEqual([
      [0, 1, 0],
      [0.5, 0, 1],
    ]);
  });
  it('draws close marks as one group that counts them and rewinds to the first', () => {
    const g = groupMarks([m(10, 'command', 'kubectl run a'), m(12, 'warning', 'Failed Pod/a'), m(14, 'command', 'kubectl get pods')], 0, 100, 0.05);
    expect(g).toEqual([{ x: 0.1, at: 10, commands: 2, warnings: 1, texts: ['kubectl run a', 'Failed Pod/a', 'kubectl get pods'] }]);
  });
  it('leaves out marks outside the strip', () => {
    expect(groupMarks([m(-5, 'command'), m(200, 'command')], 0, 100, 0.01)).toEqual([]);
  });
  it('lists only the first few texts of a big group', () => {
    const many = Array.from({ length: 20 }, (_, i) => m(i, 'command'));
    const [g] = groupMarks(many, 0, 1000, 0.5, 3);
    expect(g.commands).toBe(20);
    expect(g.texts).toEqual(['command@0', 'command@1', 'command@2']);
  });
});

describe('momentAt', () => {
  it.each([
    [0, 1000, 0, 60_000, 0],
    [500, 1000, 0, 60_000, 30_000],
    [1000, 1000, 0, 60_000, 60_000],
    [1, 3, 0, 1000, 333],
    [0, 0, 0, 1000, 1000],
  ])('value %d of %d on %d…%d is %d', (value, steps, start, end, want) => {
    expect(momentAt(value, steps, start, end)).toBe(want);
  });
});
