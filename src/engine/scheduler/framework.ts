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
  /** Bumped whenever the Node object changes: invalidates what was worked out from it. */
  generation: number;
  /** The last static verdict for a pod shape (see PodInfo.signature), reused while both are unchanged. */
  memo?: StaticVerdict;
}

/** What the filters and scorers that look only at the node object decided for one pod shape. */
export interface StaticVerdict {
  signature: string;
  generation: number;
  status: Status | undefined;
  /** Raw scores of the static score plugins, in plugin order. */
  scores: number[];
}

/** A pod as a scheduling cycle sees it, with its requests computed once. */
export interface PodInfo {
  key: string;
  pod: Pod;
  requests: Resources;
  nonZeroRequests: Resources;
  tolerations: readonly Toleration[];
  /**
   * Everything the static plugins read from the pod (node name, tolerations, node selector, node
   * affinity), as one string: pods from one template share it, so a node's verdict is worked out once.
   */
  signature: string;
}

export interface FilterPlugin {
  readonly name: string;
  /** Looks only at the node object and the pod's signature fields (not at the node's other pods). */
  readonly static?: boolean;
  /** Returns undefined when the node passes. */
  filter(pod: PodInfo, node: NodeInfo): Status | undefined;
}

export interface ScorePlugin {
  readonly name: string;
  /** Looks only at the node object and the pod's signature fields. */
  readonly static?: boolean;
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
