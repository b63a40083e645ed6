import { describe, expect, it } from 'vitest';
import type { Node, NodeCondition, Toleration } from '../api/types.ts';
import { computeZoneState, desiredNoScheduleTaints, newBucket, nextTokenAt, swapLimiter, swapTaints, taintSetDiff, tryAccept, zoneTaintingQPS } from './node-lifecycle-util.ts';
import { matchingTolerations, minTolerationMs } from './taint-eviction.ts';

const ready = (status: string): NodeCondition => ({ type: 'Ready', status });

describe('computeZoneState', () => {
  const cases: [string, (NodeCondition | undefined)[], number, string][] = [
    ['a zone whose nodes are all ready is normal', [ready('True'), ready('True')], 0, 'Normal'],
    ['one node down of three is still normal', [ready('True'), ready('True'), ready('Unknown')], 1, 'Normal'],
    ['a zone with no ready node is fully disrupted', [ready('Unknown'), ready('False')], 2, 'FullDisruption'],
    ['a node without a Ready condition counts as not ready', [undefined], 1, 'FullDisruption'],
    ['three of five down (≥55%) is a partial disruption', [ready('True'), ready('True'), ready('False'), ready('False'), ready('Unknown')], 3, 'PartialDisruption'],
    ['two down of three is not partial: it takes more than two', [ready('True'), ready('False'), ready('False')], 2, 'Normal'],
  ];
  for (const [name, conds, unhealthy, state] of cases) {
    it(name, () => expect(computeZoneState(conds)).toEqual({ unhealthy, state }));
  }
});

describe('zoneTaintingQPS', () => {
  it('taints at 0.1 nodes/s normally, not at all in a small partially disrupted zone, at 0.01/s in a large one', () => {
    expect(zoneTaintingQPS('Normal', 3)).toBe(0.1);
    expect(zoneTaintingQPS('PartialDisruption', 50)).toBe(0);
    expect(zoneTaintingQPS('PartialDisruption', 51)).toBe(0.01);
  });
});

describe('the tainter rate limiter', () => {
  it('lets one node through at once, then one every ten seconds', () => {
    const b = newBucket(0.1, 0);
    expect(tryAccept(b, 0)).toBe(true);
    expect(tryAccept(b, 0)).toBe(false);
    expect(nextTokenAt(b, 0)).toBe(10_000);
    expect(tryAccept(b, 9_999)).toBe(false);
    expect(tryAccept(b, 10_000)).toBe(true);
  });

  it('a zero rate never lets anything through, and swapping from an empty limiter hands on an empty one', () => {
    const never = swapLimiter(newBucket(0.1, 0), 0, 0);
    expect(tryAccept(never, 1e9)).toBe(false);
    expect(nextTokenAt(never, 0)).toBeUndefined();
    const empty = newBucket(0.1, 0);
    tryAccept(empty, 0);
    expect(tryAccept(swapLimiter(empty, 0.01, 0), 0)).toBe(false);
  });
});

describe('NoSchedule taints from conditions', () => {
  it('Ready False, Ready Unknown, pressure and cordoning each have their taint', () => {
    const node: Node = { spec: { unschedulable: true }, status: { conditions: [ready('Unknown'), { type: 'MemoryPressure', status: 'True' }, { type: 'DiskPressure', status: 'False' }] } };
    expect(desiredNoScheduleTaints(node).map((t) => t.key)).toEqual(['node.kubernetes.io/unreachable', 'node.kubernetes.io/memory-pressure', 'node.kubernetes.io/unschedulable']);
  });

  it('diffs by key and effect, and appends added taints stamped with timeAdded', () => {
    const current = [{ key: 'a', effect: 'NoSchedule' }, { key: 'b', effect: 'NoSchedule' }];
    const d = taintSetDiff([{ key: 'b', effect: 'NoSchedule' }, { key: 'c', effect: 'NoSchedule' }], current);
    expect(d).toEqual({ add: [{ key: 'c', effect: 'NoSchedule' }], remove: [{ key: 'a', effect: 'NoSchedule' }] });
    expect(swapTaints([{ key: 'x', effect: 'NoExecute' }, ...current], d.add, d.remove, 'T')).toEqual([
      { key: 'x', effect: 'NoExecute' },
      { key: 'b', effect: 'NoSchedule' },
      { key: 'c', effect: 'NoSchedule', timeAdded: 'T' },
    ]);
  });
});

describe('taint eviction arithmetic', () => {
  const unreachable = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
  const cases: [string, Toleration[], boolean, number][] = [
    ['a pod without tolerations is evicted at once', [], false, 0],
    ['the default toleration gives 300 s', [{ key: unreachable.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }], true, 300_000],
    ['a toleration without seconds tolerates forever', [{ operator: 'Exists' }], true, -1],
    ['a non-positive tolerationSeconds means now', [{ operator: 'Exists', tolerationSeconds: 0 }], true, 0],
  ];
  for (const [name, tolerations, all, ms] of cases) {
    it(name, () => {
      const m = matchingTolerations([unreachable], tolerations);
      expect(m.all).toBe(all);
      if (all) expect(minTolerationMs(m.used)).toBe(ms);
    });
  }
});
