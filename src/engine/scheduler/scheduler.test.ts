import { describe, expect, it } from 'vitest';
import { Code, type NodeInfo, type PodInfo, type Status } from './framework.ts';
import { fitErrorMessage, numFeasibleNodesToFind } from './scheduler.ts';
import { NodeResourcesFit } from './plugins/node-resources-fit.ts';
import { TaintTolerationFilter, tolerates } from './plugins/taint-toleration.ts';
import { NodeAffinityFilter } from './plugins/node-affinity.ts';
import { NodeUnschedulable } from './plugins/node-unschedulable.ts';
import { podRequests } from './resources.ts';
import type { Node, Pod } from '../api/types.ts';

const st = (code: Status['code'], ...reasons: string[]): Status => ({ code, reasons, plugin: 'p' });

describe('the FailedScheduling message (FitError)', () => {
  it.each<[string, number, Status[], string[], string]>([
    [
      'counts each reason over the nodes, sorted, then the preemption verdicts',
      3,
      [st(Code.UnschedulableAndUnresolvable, 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'), st(Code.Unschedulable, 'Insufficient cpu'), st(Code.Unschedulable, 'Insufficient cpu')],
      ['Preemption is not helpful for scheduling', 'No preemption victims found for incoming pod', 'No preemption victims found for incoming pod'],
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    ],
    [
      'lists every reason a node gave',
      1,
      [st(Code.Unschedulable, 'Insufficient cpu', 'Insufficient memory')],
      ['No preemption victims found for incoming pod'],
      '0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    ],
    ['says when there are no nodes at all', 0, [], [], 'no nodes available to schedule pods'],
  ])('%s', (_name, n, statuses, preemption, expected) => {
    expect(fitErrorMessage(n, statuses, preemption)).toBe(expected);
  });
});

describe('how many feasible nodes a cycle looks for (percentageOfNodesToScore)', () => {
  it.each([
    [3, 3],
    [99, 99],
    [100, 100],
    [500, 230],
    [1000, 420],
    [5000, 500],
    [20000, 1000],
  ])('%i nodes → %i', (all, want) => {
    expect(numFeasibleNodesToFind(all)).toBe(want);
  });
});

function nodeInfo(node: Node, requested = { milliCPU: 0, memory: 0, ephemeralStorage: 0 }, podCount = 0): NodeInfo {
  return {
    name: node.metadata!.name!,
    node,
    allocatable: { milliCPU: 2000, memory: 4 * 2 ** 30, ephemeralStorage: 10 * 2 ** 30, pods: 110 },
    requested,
    nonZeroRequested: requested,
    podCount,
    pods: new Set(),
    taints: node.spec?.taints ?? [],
    generation: 0,
  };
}

function podInfo(pod: Pod): PodInfo {
  return { key: 'default/p', pod, requests: podRequests(pod), nonZeroRequests: podRequests(pod, true), tolerations: pod.spec?.tolerations ?? [], signature: '' };
}

const worker = (extra: Partial<Node> = {}): Node => ({ metadata: { name: 'w', labels: { disktype: 'ssd' } }, spec: {}, ...extra });
const pod = (spec: Partial<NonNullable<Pod['spec']>> = {}): Pod => ({ metadata: { name: 'p' }, spec: { containers: [{ name: 'c' }], ...spec } });

describe('the filter plugins', () => {
  it.each<[string, Pod, Node, string | undefined]>([
    ['a pod without requests fits an empty node', pod(), worker(), undefined],
    ['too much cpu does not fit', pod({ containers: [{ name: 'c', resources: { requests: { cpu: '3' } } }] }), worker(), 'Insufficient cpu'],
    ['too much memory does not fit', pod({ containers: [{ name: 'c', resources: { requests: { memory: '5Gi' } } }] }), worker(), 'Insufficient memory'],
    ['an init container counts when it is the biggest', pod({ initContainers: [{ name: 'i', resources: { requests: { cpu: '2500m' } } }] }), worker(), 'Insufficient cpu'],
  ])('NodeResourcesFit: %s', (_name, p, n, reason) => {
    expect(NodeResourcesFit.filter(podInfo(p), nodeInfo(n))?.reasons[0]).toBe(reason);
  });

  it('NodeResourcesFit counts the pods already on the node', () => {
    const full = nodeInfo(worker(), { milliCPU: 1900, memory: 0, ephemeralStorage: 0 });
    expect(NodeResourcesFit.filter(podInfo(pod({ containers: [{ name: 'c', resources: { requests: { cpu: '200m' } } }] })), full)?.reasons).toEqual(['Insufficient cpu']);
    expect(NodeResourcesFit.filter(podInfo(pod()), nodeInfo(worker(), undefined, 110))?.reasons).toEqual(['Too many pods']);
  });

  it.each<[string, Pod, string | undefined]>([
    ['a pod without tolerations is kept off a NoSchedule taint', pod(), 'node(s) had untolerated taint {dedicated: gpu}'],
    ['a matching Equal toleration lets it on', pod({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }), undefined],
    ['an Exists toleration without a key tolerates everything', pod({ tolerations: [{ operator: 'Exists' }] }), undefined],
    ['a toleration for another effect does not help', pod({ tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }] }), 'node(s) had untolerated taint {dedicated: gpu}'],
  ])('TaintToleration: %s', (_name, p, reason) => {
    const tainted = worker({ spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } });
    expect(TaintTolerationFilter.filter(podInfo(p), nodeInfo(tainted))?.reasons[0]).toBe(reason);
  });

  it('tolerates() follows Toleration.ToleratesTaint', () => {
    expect(tolerates({ key: 'k', operator: 'Equal', value: '' }, { key: 'k', effect: 'NoSchedule' })).toBe(true);
    expect(tolerates({ key: 'k' }, { key: 'k', value: 'v', effect: 'NoSchedule' })).toBe(false);
    expect(tolerates({ key: 'k', operator: 'Exists' }, { key: 'other', effect: 'NoSchedule' })).toBe(false);
  });

  it.each<[string, Pod, boolean]>([
    ['a matching nodeSelector', pod({ nodeSelector: { disktype: 'ssd' } }), true],
    ['a nodeSelector with another value', pod({ nodeSelector: { disktype: 'hdd' } }), false],
    [
      'required node affinity with In',
      pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd', 'nvme'] }] }] } } } }),
      true,
    ],
    [
      'required node affinity with DoesNotExist',
      pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disktype', operator: 'DoesNotExist' }] }] } } } }),
      false,
    ],
  ])('NodeAffinity: %s', (_name, p, fits) => {
    const s = NodeAffinityFilter.filter(podInfo(p), nodeInfo(worker()));
    expect(s === undefined).toBe(fits);
    if (!fits) expect(s!.reasons).toEqual(["node(s) didn't match Pod's node affinity/selector"]);
  });

  it('NodeUnschedulable keeps pods off a cordoned node unless they tolerate it', () => {
    const cordoned = nodeInfo(worker({ spec: { unschedulable: true } }));
    expect(NodeUnschedulable.filter(podInfo(pod()), cordoned)?.reasons).toEqual(['node(s) were unschedulable']);
    expect(NodeUnschedulable.filter(podInfo(pod({ tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] })), cordoned)).toBeUndefined();
  });
});
