import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types.ts';
import { formatRFC3339 } from '../util/time.ts';
import { deleteBefore, isPodAvailable, podsToDelete, slowStartBatch, slowStartBatchSizes } from './replicaset-util.ts';

const NOW = Date.UTC(2025, 5, 2, 12, 0, 0);
const ago = (s: number) => formatRFC3339(NOW - s * 1000);

interface P {
  name: string;
  node?: string;
  phase?: string;
  ready?: boolean;
  readySince?: number;
  created?: number;
  restarts?: number;
  cost?: string;
}

function pod(p: P): Pod {
  return {
    metadata: { name: p.name, uid: p.name, creationTimestamp: ago(p.created ?? 100), ...(p.cost ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': p.cost } } : {}) },
    spec: { containers: [], ...(p.node ? { nodeName: p.node } : {}) },
    status: {
      phase: p.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: p.ready === false ? 'False' : 'True', lastTransitionTime: ago(p.readySince ?? 50) }],
      containerStatuses: [{ name: 'c', image: 'i', imageID: '', ready: true, restartCount: p.restarts ?? 0 }],
    },
  };
}

describe('slowStartBatch', () => {
  it.each([
    ['one pod is one batch', 1, [1]],
    ['three pods are batches of 1 and 2', 3, [1, 2]],
    ['ten pods are 1, 2, 4 and the remaining 3', 10, [1, 2, 4, 3]],
    ['nothing to do is no batch', 0, []],
  ])('%s', (_, count, sizes) => {
    expect(slowStartBatchSizes(count)).toEqual(sizes);
  });

  it('stops after the first batch with a failure, counting the batch\'s successes', () => {
    let calls = 0;
    // Calls 1 (batch 1), 2–3 (batch 2), 4–7 (batch 3): the 5th fails, so batch 3 finishes and no 4th starts.
    const r = slowStartBatch(20, 1, () => (++calls === 5 ? 'quota' : undefined));
    expect(calls).toBe(7);
    expect(r).toEqual({ successes: 6, error: 'quota' });
  });

  it('makes one call only when the first fails', () => {
    let calls = 0;
    expect(slowStartBatch(500, 1, () => (++calls, 'forbidden'))).toEqual({ successes: 0, error: 'forbidden' });
    expect(calls).toBe(1);
  });
});

describe('isPodAvailable', () => {
  it.each([
    ['a ready pod with no minReadySeconds is available', true, 0, 0, true],
    ['a ready pod ready for longer than minReadySeconds is available', true, 11, 10, true],
    ['a ready pod ready for exactly minReadySeconds is not yet available', true, 10, 10, false],
    ['a pod that is not ready is never available', false, 100, 0, false],
  ])('%s', (_, ready, since, mrs, want) => {
    expect(isPodAvailable(pod({ name: 'a', ready, readySince: since }), mrs, NOW)).toBe(want);
  });
});

describe('the order pods are deleted in (ActivePodsWithRanks)', () => {
  it.each<[string, P, P]>([
    ['an unassigned pod goes before an assigned one', { name: 'a' }, { name: 'b', node: 'n1' }],
    ['a pending pod goes before a running one', { name: 'a', node: 'n1', phase: 'Pending' }, { name: 'b', node: 'n1' }],
    ['an unknown pod goes before a running one', { name: 'a', node: 'n1', phase: 'Unknown' }, { name: 'b', node: 'n1' }],
    ['a pod that is not ready goes before a ready one', { name: 'a', node: 'n1', ready: false }, { name: 'b', node: 'n1' }],
    ['a lower pod-deletion-cost goes first', { name: 'a', node: 'n1', cost: '-5' }, { name: 'b', node: 'n1' }],
    ['a pod ready for less time goes first (a different power of two)', { name: 'b', node: 'n1', readySince: 5 }, { name: 'a', node: 'n1', readySince: 500 }],
    ['more restarts go first', { name: 'b', node: 'n1', restarts: 3 }, { name: 'a', node: 'n1' }],
    ['a newer pod goes first', { name: 'b', node: 'n1', created: 10, readySince: 50 }, { name: 'a', node: 'n1', created: 1000, readySince: 50 }],
    ['same logarithmic age: by uid', { name: 'a', node: 'n1', created: 100 }, { name: 'b', node: 'n1', created: 101 }],
  ])('%s', (_, first, second) => {
    const a = { pod: pod(first), rank: 0 };
    const b = { pod: pod(second), rank: 0 };
    expect(deleteBefore(a, b, NOW)).toBe(true);
    expect(deleteBefore(b, a, NOW)).toBe(false);
  });

  it('prefers pods doubled up on a node with more related pods', () => {
    const pods = [pod({ name: 'x', node: 'n1' }), pod({ name: 'y', node: 'n2' }), pod({ name: 'z', node: 'n2' })];
    expect(podsToDelete(pods, pods, 1, NOW).map((p) => p.metadata!.name)).toEqual(['y']);
  });

  it('returns every pod when asked for as many or more', () => {
    const pods = [pod({ name: 'x' }), pod({ name: 'y' })];
    expect(podsToDelete(pods, [], 5, NOW)).toHaveLength(2);
  });
});
