// The DaemonSet controller's arithmetic (pkg/controller/daemon/util and update.go): which nodes should
// run a daemon pod, the tolerations and node affinity a daemon pod gets, and how many pods a rolling
// update may take down or surge at once.

import type * as core from 'kubernetes-types/core/v1';
import type { Mutable, Node, NodeSelectorTerm, Pod, PodSpec, Toleration } from '../api/types.ts';
import { termMatchesNode } from '../scheduler/plugins/node-affinity.ts';
import { untoleratedTaint } from '../scheduler/plugins/taint-toleration.ts';

/** extensions.DaemonSetTemplateGenerationKey: the pod label with the template generation it was made from. */
export const POD_TEMPLATE_GENERATION = 'pod-template-generation';
/** The annotation the apps/v1 API keeps a DaemonSet's template generation in. */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';
/** BurstReplicas: the most pods one sync creates or deletes. */
export const BURST_REPLICAS = 250;

const exists = (key: string, effect: string): Toleration => ({ key, operator: 'Exists', effect });

/**
 * AddOrUpdateDaemonPodTolerations: a daemon pod survives a node that is not ready or unreachable and
 * lands on nodes under pressure or cordoned; a host-network pod also on a node whose network is not up.
 */
export function daemonPodTolerations(spec: PodSpec): Toleration[] {
  const wanted = [
    exists('node.kubernetes.io/not-ready', 'NoExecute'),
    exists('node.kubernetes.io/unreachable', 'NoExecute'),
    exists('node.kubernetes.io/disk-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/memory-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/pid-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/unschedulable', 'NoSchedule'),
  ];
  if (spec.hostNetwork) wanted.push(exists('node.kubernetes.io/network-unavailable', 'NoSchedule'));
  const out = [...(spec.tolerations ?? [])];
  // AddOrUpdateTolerationInPodSpec: one the pod already has (same key, operator, value, effect) stays.
  for (const t of wanted) {
    if (!out.some((o) => (o.key ?? '') === t.key && (o.operator ?? 'Equal') === t.operator && (o.value ?? '') === '' && (o.effect ?? '') === t.effect)) out.push(t);
  }
  return out;
}

type Affinity = Mutable<core.Affinity>;

/** ReplaceDaemonSetPodNodeNameNodeAffinity: the pod must go to this node, whatever required terms it had. */
export function nodeNameAffinity(affinity: Affinity | undefined, node: string): Affinity {
  const term: NodeSelectorTerm = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] };
  const a: Affinity = { ...affinity };
  a.nodeAffinity = { ...a.nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] } };
  return a;
}

/** GetTargetNodeName: the node a daemon pod is bound to, or the one its node affinity names. */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const r of term.matchFields ?? []) {
      if (r.key === 'metadata.name' && r.operator === 'In') return r.values?.length === 1 ? r.values[0] : undefined;
    }
  }
  return undefined;
}

export interface ShouldRun {
  /** A daemon pod should be created on the node if it has none. */
  shouldRun: boolean;
  /** A daemon pod already there may stay (only a NoExecute taint it does not tolerate drives it off). */
  shouldContinueRunning: boolean;
}

/**
 * NodeShouldRunDaemonPod: the node name, node selector and required node affinity must match, and the
 * node's NoSchedule and NoExecute taints must be tolerated (`spec` carries the daemon tolerations).
 */
export function nodeShouldRunDaemonPod(node: Node, spec: PodSpec): ShouldRun {
  const name = node.metadata?.name ?? '';
  const no = { shouldRun: false, shouldContinueRunning: false };
  if (spec.nodeName && spec.nodeName !== name) return no;
  const labels = (node.metadata?.labels ?? {}) as Record<string, string>;
  for (const k in spec.nodeSelector ?? {}) if (labels[k] !== spec.nodeSelector![k]) return no;
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required && !required.nodeSelectorTerms.some((t) => termMatchesNode(t, labels, name))) return no;
  const taints = node.spec?.taints ?? [];
  const tolerations = spec.tolerations ?? [];
  if (!untoleratedTaint(taints, tolerations, ['NoSchedule', 'NoExecute'])) return { shouldRun: true, shouldContinueRunning: true };
  return { shouldRun: false, shouldContinueRunning: !untoleratedTaint(taints, tolerations, ['NoExecute']) };
}

/**
 * intstr.GetScaledValueFromIntOrPercent: a number as it is, `N%` of the total rounded up or down;
 * undefined for a malformed percentage.
 */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number | undefined {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(-?\d+)%$/.exec(v);
  if (!m) return undefined;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

export interface RollingUpdateParams {
  maxSurge?: number | string;
  maxUnavailable?: number | string;
}

/**
 * updatedDesiredNodeCounts: maxSurge and maxUnavailable of the nodes that should run the pod, both
 * rounded up; if both come to zero on a non-empty set, one node may be unavailable so the update moves.
 */
export function rollingUpdateBudget(ru: RollingUpdateParams | undefined, desired: number): { maxSurge: number; maxUnavailable: number } {
  let maxUnavailable = scaledValue(ru?.maxUnavailable, desired, true) ?? 0;
  const maxSurge = scaledValue(ru?.maxSurge, desired, true) ?? 0;
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

/** AllowsSurge: a surge that comes to more than zero of one node. */
export function allowsSurge(ru: RollingUpdateParams | undefined): boolean {
  return (scaledValue(ru?.maxSurge, 1, true) ?? 0) !== 0;
}

/** A daemon pod as the rolling update sees it. */
export interface DaemonPodView {
  name: string;
  /** Made from the current revision (hash label) or the current template generation. */
  updated: boolean;
  available: boolean;
  deleting: boolean;
}

export interface NodePods {
  node: string;
  /** NodeShouldRunDaemonPod's shouldRun for the node (false for a node that is gone). */
  shouldRun: boolean;
  pods: DaemonPodView[];
}

/** findUpdatedPodsOnNode: at most one new and one old pod not being deleted; more of either is not ok. */
export function findUpdatedPodsOnNode(pods: readonly DaemonPodView[]): { newPod?: DaemonPodView; oldPod?: DaemonPodView; ok: boolean } {
  let newPod: DaemonPodView | undefined;
  let oldPod: DaemonPodView | undefined;
  for (const p of pods) {
    if (p.deleting) continue;
    if (p.updated) {
      if (newPod) return { ok: false };
      newPod = p;
    } else {
      if (oldPod) return { ok: false };
      oldPod = p;
    }
  }
  return { newPod, oldPod, ok: true };
}

/**
 * rollingUpdate: which old pods to delete and on which nodes to surge a new pod this round. Without
 * surge, old pods go while fewer than maxUnavailable nodes are unavailable (an old pod that is not
 * available goes anyway); with surge, a new pod starts beside an old one on up to maxSurge nodes, and
 * the old one goes once the new one is available. `nodes` covers every node that should run a pod
 * and every node that has one, in the order to consider them.
 */
export function planRollingUpdate(nodes: readonly NodePods[], maxSurge: number, maxUnavailable: number): { podsToDelete: string[]; nodesToCreate: string[] } {
  if (maxSurge === 0) {
    let numUnavailable = 0;
    const replacements: string[] = [];
    const candidates: string[] = [];
    for (const { pods } of nodes) {
      const { newPod, oldPod, ok } = findUpdatedPodsOnNode(pods);
      if (!ok) {
        // The manage loop cleans this node up; until then it counts as unavailable.
        numUnavailable++;
        continue;
      }
      if ((!oldPod && !newPod) || (oldPod && newPod)) numUnavailable++;
      else if (newPod) {
        if (!newPod.available) numUnavailable++;
      } else if (oldPod) {
        if (!oldPod.available) replacements.push(oldPod.name);
        else if (numUnavailable < maxUnavailable) candidates.push(oldPod.name);
      }
    }
    const remaining = Math.min(Math.max(maxUnavailable - numUnavailable, 0), candidates.length);
    return { podsToDelete: [...replacements, ...candidates.slice(0, remaining)], nodesToCreate: [] };
  }

  const podsToDelete: string[] = [];
  const nodesToCreate: string[] = [];
  const candidateNodes: string[] = [];
  let numSurge = 0;
  for (const { node, shouldRun, pods } of nodes) {
    const { newPod, oldPod, ok } = findUpdatedPodsOnNode(pods);
    if (!ok) {
      numSurge++;
      continue;
    }
    if (!oldPod) continue; // Nothing to replace: the manage loop creates a pod if one is missing.
    if (!newPod) {
      // A surge candidate; an old pod that is not available is replaced regardless of the budget.
      if (oldPod.available) candidateNodes.push(node);
      else if (shouldRun) nodesToCreate.push(node);
      else podsToDelete.push(oldPod.name); // Unavailable and no longer wanted here: no replacement.
      continue;
    }
    if (!newPod.available) {
      numSurge++;
      continue;
    }
    podsToDelete.push(oldPod.name);
  }
  const remaining = Math.min(Math.max(maxSurge - numSurge, 0), candidateNodes.length);
  return { podsToDelete, nodesToCreate: [...nodesToCreate, ...candidateNodes.slice(0, remaining)] };
}

/** failedPodsBackoff: flowcontrol.NewBackOff(1s, 15min), per DaemonSet, generation and node. */
export const FAILED_POD_BACKOFF_INITIAL_MS = 1_000;
export const FAILED_POD_BACKOFF_MAX_MS = 15 * 60_000;

export interface BackoffEntry {
  backoff: number;
  lastUpdate: number;
}

/** flowcontrol.Backoff's hasExpired: an entry untouched for twice the maximum starts over. */
function expired(e: BackoffEntry, now: number): boolean {
  return now - e.lastUpdate > FAILED_POD_BACKOFF_MAX_MS * 2;
}

/** Backoff.Next: the first failure waits the initial delay, each further one twice as long, up to the maximum. */
export function backoffNext(e: BackoffEntry | undefined, now: number): BackoffEntry {
  if (!e || expired(e, now)) return { backoff: FAILED_POD_BACKOFF_INITIAL_MS, lastUpdate: now };
  return { backoff: Math.min(e.backoff * 2, FAILED_POD_BACKOFF_MAX_MS), lastUpdate: now };
}

/** Backoff.IsInBackOffSinceUpdate: less than the current delay since the last failure. */
export function inBackoff(e: BackoffEntry | undefined, now: number): boolean {
  return !!e && now - e.lastUpdate < e.backoff;
}

/** Backoff.GC: entries that have expired are dropped. */
export function backoffExpired(e: BackoffEntry, now: number): boolean {
  return expired(e, now);
}
