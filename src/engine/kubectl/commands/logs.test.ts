import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import type { Pod } from '../../api/types.ts';
import { byLogging } from './logs.ts';

type P = KubeObject & Pod;

function p(name: string, o: { node?: string; phase?: string; readySince?: string; restarts?: number; created?: string }): P {
  return {
    metadata: { name, creationTimestamp: o.created ?? '2025-06-02T08:00:00Z' },
    spec: { nodeName: o.node, containers: [{ name: 'c' }] },
    status: {
      phase: o.phase ?? 'Running',
      conditions: o.readySince ? [{ type: 'Ready', status: 'True', lastTransitionTime: o.readySince }] : [],
      containerStatuses: [{ name: 'c', restartCount: o.restarts ?? 0, ready: !!o.readySince, image: 'x', imageID: '' }],
    },
  } as P;
}

// The orderings of podutils.ByLogging, the pod `kubectl logs deployment/x` reads first.
describe('byLogging', () => {
  const cases: [string, P, P][] = [
    ['a pod on a node comes before one on none', p('a', { node: 'n1', phase: 'Pending' }), p('b', { phase: 'Pending' })],
    ['a running pod comes before a pending one', p('a', { node: 'n1', phase: 'Running' }), p('b', { node: 'n1', phase: 'Pending' })],
    ['an unknown pod comes before a pending one', p('a', { node: 'n1', phase: 'Unknown' }), p('b', { node: 'n1', phase: 'Pending' })],
    ['a ready pod comes before one that is not', p('a', { node: 'n1', readySince: '2025-06-02T08:01:00Z' }), p('b', { node: 'n1' })],
    ['the pod ready longer comes first', p('a', { node: 'n1', readySince: '2025-06-02T08:01:00Z' }), p('b', { node: 'n1', readySince: '2025-06-02T08:02:00Z' })],
    ['more restarts come first', p('a', { node: 'n1', restarts: 3 }), p('b', { node: 'n1', restarts: 1 })],
    ['the older pod comes first', p('a', { node: 'n1', created: '2025-06-02T08:00:00Z' }), p('b', { node: 'n1', created: '2025-06-02T08:00:05Z' })],
  ];
  it.each(cases)('%s', (_, first, second) => {
    expect(byLogging(first, second)).toBeLessThan(0);
    expect(byLogging(second, first)).toBeGreaterThan(0);
  });
  it('equal pods keep their order', () => {
    expect(byLogging(p('a', { node: 'n1' }), p('b', { node: 'n1' }))).toBe(0);
  });
});
