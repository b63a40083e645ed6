// The scheduling framework's contract (kube-scheduler framework/interface.go): plugins filter nodes
// with a reason a person can read, and score the nodes that pass. The runner records why each node
// was rejected, which is how a learner sees why a pod is Pending.

import type { Node, Pod, Taint, Toleration } from '../api/types.ts';
import type { Resources } from './resources.ts';

export const Code = {
  Success: 'Success',
  /** The pod might fit if something on the node changed, such as a preemption freeing resources. */
  Unschedulable: 'Unschedulable',
  /** Preempting pods on this node would not help (taints, selectors, names). */
  UnschedulableAndUnresolvable: 'UnschedulableAndUnresolvable',
  Error: 'Error',
} as const;
export type Code = (typeof Code)[keyof typeof Code];

export interface Status {
  code: Code;
  reasons: string[];
  plugin: string;
}

export const unschedulable = (plugin: string, ...reasons: string[]): Status => ({ code: Code.Unschedulable, reasons, plugin });
export const unresolvable = (plugin: string, ...reasons: string[]): Status => ({ code: Code.UnschedulableAndUnresolvable, reasons, plugin });

/** What the scheduler knows of one node: the node and the sum of what its pods request. */
export interface NodeInfo {
  name: string;
  node: Node;
  allocatable: Resources & { pods: number };
  requested: Resources;
  /** Requests with the scoring defaults for containers that request nothing. */
  nonZeroRequested: Resources;
  podCount: number;
  /** Keys (ns/name) of the pods counted here. */
  pods: Set<string>;
  taints: readonly Taint[];
}

/** A pod as a scheduling cycle sees it, with its requests computed once. */
export interface PodInfo {
  key: string;
  pod: Pod;
  requests: Resources;
  nonZeroRequests: Resources;
  tolerations: readonly Toleration[];
}

export interface FilterPlugin {
  readonly name: string;
  /** Returns undefined when the node passes. */
  filter(pod: PodInfo, node: NodeInfo): Status | undefined;
}

export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  /** A raw score for a node that passed every filter; in [0, 100] unless `normalize` maps it there. */
  score(pod: PodInfo, node: NodeInfo): number;
  /** NormalizeScore: rescales the raw scores of all feasible nodes, in place, to [0, 100]. */
  normalize?(scores: number[]): void;
}

/** The default normalisation: scale so the best raw score becomes 100, optionally reversed. */
export function normalizeToMax(scores: number[], reverse: boolean): void {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  for (let i = 0; i < scores.length; i++) {
    if (max === 0) scores[i] = reverse ? MAX_NODE_SCORE : 0;
    else {
      const s = Math.floor((scores[i] * MAX_NODE_SCORE) / max);
      scores[i] = reverse ? MAX_NODE_SCORE - s : s;
    }
  }
}

/** MaxNodeScore: every plugin's score is normalised to 0..100. */
export const MAX_NODE_SCORE = 100;
