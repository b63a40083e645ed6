// NodeResourcesFit: a pod fits when its requests fit in what the node has left of its allocatable,
// and the node has room for one more pod. Scores with LeastAllocated (the default strategy).

import type { FilterPlugin, NodeInfo, PodInfo, ScorePlugin } from '../framework.ts';
import { MAX_NODE_SCORE, unschedulable } from '../framework.ts';

export const NodeResourcesFit: FilterPlugin = {
  name: 'NodeResourcesFit',
  filter(pod, node) {
    const r = pod.requests;
    const free = node.allocatable;
    const used = node.requested;
    const tooMany = node.podCount + 1 > free.pods;
    const cpu = r.milliCPU > 0 && r.milliCPU > free.milliCPU - used.milliCPU;
    const mem = r.memory > 0 && r.memory > free.memory - used.memory;
    const eph = r.ephemeralStorage > 0 && r.ephemeralStorage > free.ephemeralStorage - used.ephemeralStorage;
    if (!tooMany && !cpu && !mem && !eph) return undefined; // the common case allocates nothing
    const reasons: string[] = [];
    if (tooMany) reasons.push('Too many pods');
    if (cpu) reasons.push('Insufficient cpu');
    if (mem) reasons.push('Insufficient memory');
    if (eph) reasons.push('Insufficient ephemeral-storage');
    return unschedulable('NodeResourcesFit', ...reasons);
  },
};

function fraction(req: number, cap: number): number {
  return cap === 0 ? 0 : Math.min(1, req / cap);
}

function leastAllocated(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** LeastAllocated over cpu and memory, weight 1 each, counting non-zero defaults. */
export const NodeResourcesLeastAllocated: ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  score(pod: PodInfo, node: NodeInfo) {
    const cpu = leastAllocated(node.nonZeroRequested.milliCPU + pod.nonZeroRequests.milliCPU, node.allocatable.milliCPU);
    const mem = leastAllocated(node.nonZeroRequested.memory + pod.nonZeroRequests.memory, node.allocatable.memory);
    return Math.floor((cpu + mem) / 2);
  },
};

/** NodeResourcesBalancedAllocation: prefers nodes whose cpu and memory use stay in proportion. */
export const NodeResourcesBalancedAllocation: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  score(pod: PodInfo, node: NodeInfo) {
    const cpu = fraction(node.nonZeroRequested.milliCPU + pod.nonZeroRequests.milliCPU, node.allocatable.milliCPU);
    const mem = fraction(node.nonZeroRequested.memory + pod.nonZeroRequests.memory, node.allocatable.memory);
    // With two resources the standard deviation is half their difference.
    const std = Math.abs(cpu - mem) / 2;
    return Math.floor((1 - std) * MAX_NODE_SCORE);
  },
};
