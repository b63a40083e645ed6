// The pure parts of the ReplicaSet controller (pkg/controller/replicaset and
// pkg/controller/controller_utils.go): batched creation, pod readiness and availability, and the
// order in which surplus pods are chosen for deletion.

import type { Pod } from '../api/types.ts';
import { parseRFC3339 } from '../util/time.ts';

/** replicaset.BurstReplicas: the most pods one sync creates or deletes. */
export const BURST_REPLICAS = 500;
/** controller.SlowStartInitialBatchSize: the first creation batch; each next one doubles. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

/**
 * slowStartBatch: calls `fn` `count` times in batches of 1, 2, 4, … and stops after the first batch
 * in which a call failed, so that a quota or admission refusal does not cost hundreds of requests.
 * Returns how many calls succeeded and the first error.
 */
export function slowStartBatch(count: number, initialBatchSize: number, fn: () => unknown | undefined): { successes: number; error: unknown } {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let first: unknown;
    let failed = 0;
    // The whole batch runs (concurrently, in Kubernetes) before the errors are looked at.
    for (let i = 0; i < batch; i++) {
      const err = fn();
      if (err !== undefined) {
        failed++;
        first ??= err;
      }
    }
    successes += batch - failed;
    if (failed) return { successes, error: first };
    remaining -= batch;
  }
  return { successes, error: undefined };
}

/** The batch sizes slowStartBatch would use when nothing fails (for tests and explanations). */
export function slowStartBatchSizes(count: number, initialBatchSize = SLOW_START_INITIAL_BATCH_SIZE): number[] {
  const sizes: number[] = [];
  let remaining = count;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    sizes.push(batch);
    remaining -= batch;
  }
  return sizes;
}

/** IsPodActive: not finished and not being deleted. */
export function isPodActive(p: Pod): boolean {
  const phase = p.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !p.metadata?.deletionTimestamp;
}

function readyCondition(p: Pod) {
  return p.status?.conditions?.find((c) => c.type === 'Ready');
}

export function isPodReady(p: Pod): boolean {
  return readyCondition(p)?.status === 'True';
}

/** IsPodAvailable: ready, and ready for longer than minReadySeconds (strictly, as time.Before). */
export function isPodAvailable(p: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(p)) return false;
  if (!minReadySeconds) return true;
  const since = parseRFC3339(readyCondition(p)?.lastTransitionTime);
  return since !== undefined && since + minReadySeconds * 1000 < now;
}

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

function deletionCost(p: Pod): number {
  const v = p.metadata?.annotations?.[POD_DELETION_COST];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  return Number(v);
}

function readyTime(p: Pod): number | undefined {
  return isPodReady(p) ? parseRFC3339(readyCondition(p)?.lastTransitionTime) : undefined;
}

function maxRestarts(p: Pod): number {
  let n = 0;
  for (const c of p.status?.containerStatuses ?? []) n = Math.max(n, c.restartCount ?? 0);
  return n;
}

/** afterOrZero: a missing time sorts first, then the later one. */
function afterOrZero(a: number | undefined, b: number | undefined): boolean {
  if (a === undefined || b === undefined) return a === undefined;
  return a > b;
}

/** logarithmicRankDiff: times compared by the power of two of their age in nanoseconds. */
function logRankDiff(a: number, b: number, now: number): number {
  const rank = (t: number) => {
    const d = (now - t) * 1e6;
    return d > 0 ? Math.floor(Math.log2(d)) : -1;
  };
  return rank(a) - rank(b);
}

/** One pod with its rank: how many related active pods share its node. */
export interface RankedPod {
  pod: Pod;
  rank: number;
}

/**
 * ActivePodsWithRanks.Less (LogarithmicScaleDown on, as in 1.30): true when `a` should be deleted
 * before `b`. Unassigned before assigned; Pending, Unknown, Running; not ready before ready; lower
 * pod-deletion-cost; doubled up on a node; ready for less time; more restarts; newer; then by uid.
 */
export function deleteBefore(a: RankedPod, b: RankedPod, now: number): boolean {
  const pa = a.pod;
  const pb = b.pod;
  const na = pa.spec?.nodeName ?? '';
  const nb = pb.spec?.nodeName ?? '';
  if (na !== nb && (!na || !nb)) return !na;
  const oa = PHASE_ORDINAL[pa.status?.phase ?? ''] ?? 0;
  const ob = PHASE_ORDINAL[pb.status?.phase ?? ''] ?? 0;
  if (oa !== ob) return oa < ob;
  const ra = isPodReady(pa);
  if (ra !== isPodReady(pb)) return !ra;
  const ca = deletionCost(pa);
  const cb = deletionCost(pb);
  if (ca !== cb) return ca < cb;
  if (a.rank !== b.rank) return a.rank > b.rank;
  const uidLess = (pa.metadata?.uid ?? '') < (pb.metadata?.uid ?? '');
  if (ra && isPodReady(pb)) {
    const ta = readyTime(pa);
    const tb = readyTime(pb);
    if (ta !== tb) {
      if (ta === undefined || tb === undefined) return afterOrZero(ta, tb);
      const d = logRankDiff(ta, tb, now);
      return d === 0 ? uidLess : d < 0;
    }
  }
  const ma = maxRestarts(pa);
  const mb = maxRestarts(pb);
  if (ma !== mb) return ma > mb;
  const ta = parseRFC3339(pa.metadata?.creationTimestamp);
  const tb = parseRFC3339(pb.metadata?.creationTimestamp);
  if (ta !== tb) {
    if (ta === undefined || tb === undefined) return afterOrZero(ta, tb);
    const d = logRankDiff(ta, tb, now);
    return d === 0 ? uidLess : d < 0;
  }
  return false;
}

/**
 * getPodsToDelete: the `diff` pods to delete first. Each pod is ranked by how many of the related
 * pods (those of every ReplicaSet with the same owner) are active on its node.
 */
export function podsToDelete<P extends Pod>(pods: readonly P[], related: readonly Pod[], diff: number, now: number): P[] {
  if (diff >= pods.length) return [...pods];
  const onNode = new Map<string, number>();
  for (const p of related) if (isPodActive(p)) onNode.set(p.spec?.nodeName ?? '', (onNode.get(p.spec?.nodeName ?? '') ?? 0) + 1);
  const ranked = pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
  ranked.sort((x, y) => (deleteBefore(x, y, now) ? -1 : deleteBefore(y, x, now) ? 1 : 0));
  return ranked.slice(0, diff).map((r) => r.pod);
}
