import { describe, expect, it } from 'vitest';
import { columnsFor, keyNamespace, layoutNodes, nodeHeight, NODE_HEADER, NODE_W, podOffset, POD_H, POD_W, selects } from './layout.ts';

describe('the graph layout', () => {
  it.each([
    { pods: 0, rows: 1 },
    { pods: 1, rows: 1 },
    { pods: 2, rows: 1 },
    { pods: 3, rows: 2 },
    { pods: 10, rows: 5 },
  ])('a node with $pods pods is $rows rows of pods tall', ({ pods, rows }) => {
    expect(nodeHeight(pods)).toBe(NODE_HEADER + 10 + rows * POD_H + (rows - 1) * 8);
  });

  it('never overlaps two pods of a node', () => {
    const rects = Array.from({ length: 30 }, (_, i) => podOffset(i));
    for (let i = 0; i < rects.length; i++)
      for (let j = i + 1; j < rects.length; j++) {
        const a = rects[i];
        const b = rects[j];
        const overlap = a.x < b.x + POD_W && b.x < a.x + POD_W && a.y < b.y + POD_H && b.y < a.y + POD_H;
        expect(overlap).toBe(false);
      }
  });

  it('keeps every pod inside its node box', () => {
    for (const n of [1, 2, 7, 40]) {
      const last = podOffset(n - 1);
      expect(last.x + POD_W).toBeLessThanOrEqual(NODE_W - 10);
      expect(last.y + POD_H).toBeLessThanOrEqual(nodeHeight(n));
    }
  });

  it('starts a new row of nodes below the tallest box of the row above', () => {
    const boxes = layoutNodes([nodeHeight(0), nodeHeight(9), nodeHeight(1)], 2);
    expect(boxes[0].y).toBe(0);
    expect(boxes[1].x).toBe(NODE_W + 40);
    expect(boxes[2].y).toBe(nodeHeight(9) + 40);
  });

  it.each([
    { n: 1, cols: 1 },
    { n: 3, cols: 2 },
    { n: 50, cols: 8 },
  ])('$n nodes are laid out $cols wide', ({ n, cols }) => expect(columnsFor(n)).toBe(cols));

  it.each([
    { name: 'a matching selector selects', sel: { app: 'web' }, labels: { app: 'web', x: '1' }, want: true },
    { name: 'a different value does not', sel: { app: 'web' }, labels: { app: 'api' }, want: false },
    { name: 'every key must match', sel: { app: 'web', tier: 'fe' }, labels: { app: 'web' }, want: false },
    { name: 'an empty selector selects nothing', sel: {}, labels: { app: 'web' }, want: false },
  ] as { name: string; sel: Record<string, string>; labels: Record<string, string>; want: boolean }[])('$name', ({ sel, labels, want }) => expect(selects(sel, labels)).toBe(want));

  it('reads the namespace from a key', () => {
    expect(keyNamespace('pods/kube-system/coredns-1')).toBe('kube-system');
    expect(keyNamespace('nodes//k8s-node01')).toBe('');
  });
});
