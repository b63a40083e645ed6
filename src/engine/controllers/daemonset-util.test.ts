import { describe, expect, it } from 'vitest';
import type { Node, PodSpec, Taint } from '../api/types.ts';
import {
  backoffExpired,
  backoffNext,
  daemonPodTolerations,
  inBackoff,
  nodeNameAffinity,
  nodeShouldRunDaemonPod,
  planRollingUpdate,
  rollingUpdateBudget,
  scaledValue,
  targetNodeName,
  type NodePods,
} from './daemonset-util.ts';
import { computeTemplateHash, fnv32, hashRevisionData, safeEncodeString } from './history.ts';

const node = (name: string, labels: Record<string, string> = {}, taints: Taint[] = []): Node => ({ metadata: { name, labels }, spec: { taints } });
const withDaemonTolerations = (spec: PodSpec): PodSpec => ({ ...spec, tolerations: daemonPodTolerations(spec) });
const simple: PodSpec = { containers: [{ name: 'c', image: 'nginx' }] };

describe('which nodes should run a daemon pod (NodeShouldRunDaemonPod)', () => {
  const cases: [string, Node, PodSpec, boolean, boolean][] = [
    ['a plain node runs a plain pod', node('n1'), simple, true, true],
    ['a node whose labels match the node selector runs it', node('n1', { disk: 'ssd' }), { ...simple, nodeSelector: { disk: 'ssd' } }, true, true],
    ['a node whose labels do not match the node selector does not', node('n1', { disk: 'hdd' }), { ...simple, nodeSelector: { disk: 'ssd' } }, false, false],
    ['a pod naming another node runs nowhere else', node('n1'), { ...simple, nodeName: 'n2' }, false, false],
    ['a pod naming this node runs here', node('n1'), { ...simple, nodeName: 'n1' }, true, true],
    [
      'required node affinity must match',
      node('n1', { zone: 'a' }),
      { ...simple, affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }] } } } },
      false,
      false,
    ],
    [
      'a matching required node affinity term lets it run',
      node('n1', { zone: 'b' }),
      { ...simple, affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }] } } } },
      true,
      true,
    ],
    [
      'the tainted control plane gets no new pod, but one already there may stay (NoSchedule)',
      node('master', {}, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]),
      simple,
      false,
      true,
    ],
    [
      'a pod that tolerates the control-plane taint runs there',
      node('master', {}, [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]),
      { ...simple, tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] },
      true,
      true,
    ],
    ['an untolerated NoExecute taint drives the pod off', node('n1', {}, [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }]), simple, false, false],
    ['an unreachable node keeps its daemon pod (default toleration)', node('n1', {}, [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }]), simple, true, true],
    ['a cordoned node still gets a daemon pod (unschedulable toleration)', node('n1', {}, [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]), simple, true, true],
    ['a node under memory pressure still gets one', node('n1', {}, [{ key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' }]), simple, true, true],
    ['a not-ready node (NoSchedule) gets none: the daemon tolerations cover not-ready NoExecute only', node('n1', {}, [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }]), simple, false, true],
    ['a node whose network is not up gets no pod on the pod network', node('n1', {}, [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }]), simple, false, true],
    ['a host-network pod goes to a node whose network is not up', node('n1', {}, [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }]), { ...simple, hostNetwork: true }, true, true],
    ['PreferNoSchedule never keeps a daemon pod off', node('n1', {}, [{ key: 'x', effect: 'PreferNoSchedule' }]), simple, true, true],
  ];
  it.each(cases)('%s', (_name, n, spec, shouldRun, shouldContinueRunning) => {
    expect(nodeShouldRunDaemonPod(n, withDaemonTolerations(spec))).toEqual({ shouldRun, shouldContinueRunning });
  });
});

describe('the daemon tolerations (AddOrUpdateDaemonPodTolerations)', () => {
  it('come after the pod’s own, in Kubernetes’ order, with network-unavailable for host-network pods only', () => {
    expect(daemonPodTolerations({ ...simple, tolerations: [{ operator: 'Exists' }] }).map((t) => `${t.key ?? ''}:${t.effect ?? ''}`)).toEqual([
      ':',
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    expect(daemonPodTolerations({ ...simple, hostNetwork: true }).at(-1)).toEqual({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  });

  it('are not added twice', () => {
    const once = daemonPodTolerations(simple);
    expect(daemonPodTolerations({ ...simple, tolerations: once })).toEqual(once);
  });
});

describe('the node affinity a daemon pod gets (ReplaceDaemonSetPodNodeNameNodeAffinity)', () => {
  const term = { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] };
  it.each([
    ['no affinity gets the node-name term', undefined, { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } } }],
    [
      'required terms are replaced, preferred ones and pod affinity kept',
      {
        podAffinity: {},
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] },
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'disk', operator: 'Exists' }] } }],
        },
      },
      {
        podAffinity: {},
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] },
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'disk', operator: 'Exists' }] } }],
        },
      },
    ],
  ])('%s', (_name, affinity, want) => {
    expect(nodeNameAffinity(affinity, 'n1')).toEqual(want);
  });

  it('is how the controller finds a pod’s node before it is bound (GetTargetNodeName)', () => {
    expect(targetNodeName({ spec: { ...simple, affinity: nodeNameAffinity(undefined, 'n1') } })).toBe('n1');
    expect(targetNodeName({ spec: { ...simple, nodeName: 'n2', affinity: nodeNameAffinity(undefined, 'n1') } })).toBe('n2');
    expect(targetNodeName({ spec: simple })).toBeUndefined();
  });
});

describe('int-or-percent values (GetScaledValueFromIntOrPercent)', () => {
  it.each([
    [1, 10, true, 1],
    ['10%', 10, true, 1],
    ['25%', 3, true, 1],
    ['25%', 3, false, 0],
    ['50%', 3, true, 2],
    ['100%', 7, true, 7],
    ['0%', 5, true, 0],
    [undefined, 5, true, 0],
    ['ten', 5, true, undefined],
  ] as const)('%s of %d (round up %s) is %s', (v, total, up, want) => {
    expect(scaledValue(v, total, up)).toBe(want);
  });
});

describe('the rolling-update budget (updatedDesiredNodeCounts, cases from TestGetUnavailableNumbers)', () => {
  it.each([
    ['no nodes: nothing may go', { maxUnavailable: 0 }, 0, 0, 0],
    ['two nodes, one unavailable at a time', { maxUnavailable: 1 }, 2, 0, 1],
    ['two nodes, maxUnavailable 50%', { maxUnavailable: '50%' }, 2, 0, 1],
    ['three nodes, maxUnavailable 50% rounds up to 2', { maxUnavailable: '50%' }, 3, 0, 2],
    ['two nodes, surge 50%, none unavailable', { maxUnavailable: 0, maxSurge: '50%' }, 2, 1, 0],
    ['surge 100% of two nodes', { maxUnavailable: 0, maxSurge: '100%' }, 2, 2, 0],
    ['both zero on a non-empty set: one may be unavailable', { maxUnavailable: 0, maxSurge: 0 }, 3, 0, 1],
    ['both zero percent: one may be unavailable', { maxUnavailable: '0%', maxSurge: '0%' }, 3, 0, 1],
  ] as const)('%s', (_name, ru, desired, maxSurge, maxUnavailable) => {
    expect(rollingUpdateBudget(ru, desired)).toEqual({ maxSurge, maxUnavailable });
  });
});

const p = (name: string, updated: boolean, available = true, deleting = false) => ({ name, updated, available, deleting });
const on = (node: string, ...pods: ReturnType<typeof p>[]): NodePods => ({ node, shouldRun: true, pods });

describe('a rolling update step (rollingUpdate)', () => {
  it.each([
    ['without surge, one old pod goes per unavailable slot', [on('a', p('a1', false)), on('b', p('b1', false)), on('c', p('c1', false))], 0, 1, ['a1'], []],
    ['an old pod that is not available goes regardless of the budget', [on('a', p('a1', false)), on('b', p('b1', false, false))], 0, 1, ['b1', 'a1'], []],
    ['a node whose new pod is not yet available uses the budget', [on('a', p('a2', true, false)), on('b', p('b1', false))], 0, 1, [], []],
    ['a node with no pod yet counts as unavailable', [on('a'), on('b', p('b1', false))], 0, 1, [], []],
    ['a node being replaced (old pod terminating) counts as unavailable', [on('a', p('a1', false, true, true)), on('b', p('b1', false))], 0, 1, [], []],
    ['maxUnavailable 2 takes two old pods at once', [on('a', p('a1', false)), on('b', p('b1', false)), on('c', p('c1', false))], 0, 2, ['a1', 'b1'], []],
    ['everything updated: nothing to do', [on('a', p('a2', true)), on('b', p('b2', true))], 0, 1, [], []],
    ['with surge, a new pod starts beside an old one', [on('a', p('a1', false)), on('b', p('b1', false))], 1, 0, [], ['a']],
    ['with surge, the old pod goes once the new one is available', [on('a', p('a1', false), p('a2', true)), on('b', p('b1', false))], 1, 0, ['a1'], ['b']],
    ['with surge, a new pod not yet available holds the budget', [on('a', p('a1', false), p('a2', true, false)), on('b', p('b1', false))], 1, 0, [], []],
    ['with surge, an unavailable old pod is replaced at once', [on('a', p('a1', false)), on('b', p('b1', false, false))], 1, 0, [], ['b', 'a']],
    ['with surge, an unavailable old pod on a node that no longer wants one just goes', [{ node: 'a', shouldRun: false, pods: [p('a1', false, false)] }], 1, 0, ['a1'], []],
  ] as const)('%s', (_name, nodes, maxSurge, maxUnavailable, podsToDelete, nodesToCreate) => {
    expect(planRollingUpdate(nodes as unknown as NodePods[], maxSurge, maxUnavailable)).toEqual({ podsToDelete, nodesToCreate });
  });
});

describe('revision hashes', () => {
  it('FNV-1 and FNV-1a give Go’s hash/fnv values', () => {
    // Reference values of hash/fnv for the empty string and "a".
    expect(fnv32('')).toBe(0x811c9dc5);
    expect(fnv32('a')).toBe(0x050c5d7e);
    expect(fnv32('a', true)).toBe(0xe40c292c);
  });

  it('are safe-encoded decimal digits, as rand.SafeEncodeString makes them', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
    expect(computeTemplateHash({ spec: {} })).toMatch(/^[4-9bcdf]{6,10}$/);
    expect(computeTemplateHash({ spec: {} }, 1)).not.toBe(computeTemplateHash({ spec: {} }));
    expect(hashRevisionData({ spec: { template: {} } })).toMatch(/^[4-9bcdf]{6,10}$/);
  });
});

describe('the back-off of failed daemon pods (flowcontrol.Backoff with 1s and 15min)', () => {
  it('starts at one second and doubles with each failure inside the window, up to fifteen minutes', () => {
    let e = backoffNext(undefined, 0);
    expect(e).toEqual({ backoff: 1000, lastUpdate: 0 });
    e = backoffNext(e, 500);
    expect(e).toEqual({ backoff: 2000, lastUpdate: 500 });
    for (let i = 0; i < 20; i++) e = backoffNext(e, 1000 + i);
    expect(e.backoff).toBe(15 * 60_000);
  });

  it.each([
    ['no failure yet: not in back-off', undefined, 0, false],
    ['right after a failure: in back-off', { backoff: 2000, lastUpdate: 1000 }, 2999, true],
    ['once the delay has passed: not in back-off', { backoff: 2000, lastUpdate: 1000 }, 3000, false],
  ] as const)('%s', (_name, entry, now, want) => {
    expect(inBackoff(entry, now)).toBe(want);
  });

  it('forgets an entry untouched for twice the maximum, and starts over', () => {
    const e = { backoff: 8000, lastUpdate: 0 };
    expect(backoffExpired(e, 30 * 60_000)).toBe(false);
    expect(backoffExpired(e, 30 * 60_000 + 1)).toBe(true);
    expect(backoffNext(e, 30 * 60_000 + 1)).toEqual({ backoff: 1000, lastUpdate: 30 * 60_000 + 1 });
  });
});
