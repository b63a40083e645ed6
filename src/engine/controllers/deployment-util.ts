// The arithmetic of the Deployment controller (pkg/controller/deployment/util/deployment_util.go
// and controller_utils.go): surge and unavailability, how far the new and old ReplicaSets may be
// scaled, proportional scaling, revisions, annotations, the pod-template-hash, and the conditions.

import { clone, deepEqual } from '../api/object.ts';
import type { LabelSelector, PodSpec } from '../api/types.ts';
import { formatRFC3339, parseRFC3339 } from '../util/time.ts';
import { fnv32aBytes, safeEncodeString, sortedJSON, utf8 } from '../util/hash.ts';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const ROLLBACK_TO = 'deprecated.deployment.rollback.to';

/** Condition reasons (util/deployment_util.go). */
export const REASON = {
  FoundNewRS: 'FoundNewReplicaSet',
  NewRSCreated: 'NewReplicaSetCreated',
  RSUpdated: 'ReplicaSetUpdated',
  NewRSAvailable: 'NewReplicaSetAvailable',
  TimedOut: 'ProgressDeadlineExceeded',
  FailedRSCreate: 'ReplicaSetCreateError',
  Paused: 'DeploymentPaused',
  Resumed: 'DeploymentResumed',
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;

export type IntOrString = number | string;

export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown };
  spec?: PodSpec;
}

export interface Condition {
  type: string;
  status: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: Condition[];
  collisionCount?: number;
}

export interface Deployment {
  metadata: { name?: string; namespace?: string; uid?: string; generation?: number; annotations?: Record<string, string>; deletionTimestamp?: string; labels?: Record<string, string> };
  spec: {
    replicas?: number;
    selector?: LabelSelector;
    template?: PodTemplate;
    strategy?: { type?: string; rollingUpdate?: { maxSurge?: IntOrString; maxUnavailable?: IntOrString } };
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
    paused?: boolean;
    progressDeadlineSeconds?: number;
  };
  status?: DeploymentStatus;
}

export interface ReplicaSet {
  metadata: { name?: string; namespace?: string; uid?: string; generation?: number; annotations?: Record<string, string>; creationTimestamp?: string; deletionTimestamp?: string; labels?: Record<string, string> };
  spec: { replicas?: number; minReadySeconds?: number; selector?: LabelSelector; template?: PodTemplate };
  status?: { replicas?: number; readyReplicas?: number; availableReplicas?: number; observedGeneration?: number; conditions?: Condition[] };
}

const replicasOf = (o: { spec: { replicas?: number } }) => o.spec.replicas ?? 1;

// ---- surge and unavailability ----

/**
 * GetScaledValueFromIntOrPercent: an integer as is, or a percentage of `total`, rounded up or
 * down. Throws kubectl's/the controller's message for anything else.
 */
export function scaledValue(v: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(-?\d+)%$/.exec(v);
  if (!m) throw new Error(`invalid value for IntOrString: invalid value "${v}": strconv.Atoi: parsing "${v.replace(/%$/, '')}": invalid syntax`);
  const raw = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(raw) : Math.floor(raw);
}

/**
 * ResolveFenceposts: surge rounds up and unavailability down; when both come to zero, one pod
 * may be unavailable, or the rollout could never make progress.
 */
export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): [number, number] {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

export function isRollingUpdate(d: Deployment): boolean {
  return (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d))[0];
}

export function maxUnavailable(d: Deployment): number {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const ru = d.spec.strategy?.rollingUpdate;
  const u = resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicas)[1];
  return Math.min(u, replicas);
}

// ---- sums over replica sets ----

export const specReplicas = (rss: readonly (ReplicaSet | undefined)[]) => rss.reduce((n, rs) => n + (rs ? replicasOf(rs) : 0), 0);
export const actualReplicas = (rss: readonly (ReplicaSet | undefined)[]) => rss.reduce((n, rs) => n + (rs?.status?.replicas ?? 0), 0);
export const readyReplicas = (rss: readonly (ReplicaSet | undefined)[]) => rss.reduce((n, rs) => n + (rs?.status?.readyReplicas ?? 0), 0);
export const availableReplicas = (rss: readonly (ReplicaSet | undefined)[]) => rss.reduce((n, rs) => n + (rs?.status?.availableReplicas ?? 0), 0);

/** FilterActiveReplicaSets: the sets that want pods. */
export function activeReplicaSets<T extends ReplicaSet>(rss: readonly (T | undefined)[]): T[] {
  return rss.filter((rs): rs is T => !!rs && replicasOf(rs) > 0);
}

/** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
export function byCreation<T extends ReplicaSet>(a: T, b: T): number {
  const ta = parseRFC3339(a.metadata.creationTimestamp) ?? 0;
  const tb = parseRFC3339(b.metadata.creationTimestamp) ?? 0;
  if (ta !== tb) return ta - tb;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : (a.metadata.name ?? '') > (b.metadata.name ?? '') ? 1 : 0;
}

/** ReplicaSetsBySizeNewer: larger first, newer first among equals. */
export function bySizeNewer<T extends ReplicaSet>(a: T, b: T): number {
  if (replicasOf(a) !== replicasOf(b)) return replicasOf(b) - replicasOf(a);
  return -byCreation(a, b);
}

/** ReplicaSetsBySizeOlder: larger first, older first among equals. */
export function bySizeOlder<T extends ReplicaSet>(a: T, b: T): number {
  if (replicasOf(a) !== replicasOf(b)) return replicasOf(b) - replicasOf(a);
  return byCreation(a, b);
}

// ---- scaling steps ----

/** NewRSNewReplicas: how big the new set may be now. */
export function newRSNewReplicas(d: Deployment, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): number {
  if (!isRollingUpdate(d)) return replicasOf(d);
  const replicas = replicasOf(d);
  const current = specReplicas(allRSs);
  const maxTotal = replicas + maxSurge(d);
  if (current >= maxTotal) return replicasOf(newRS);
  const up = Math.min(maxTotal - current, replicas - replicasOf(newRS));
  return replicasOf(newRS) + up;
}

/**
 * The first half of reconcileOldReplicaSets: how many old pods may go now, given that
 * replicas − maxUnavailable must stay available and the new set's unavailable pods count against it.
 */
export function maxScaledDown(d: Deployment, allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined): number {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newUnavailable = newRS ? replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0) : 0;
  return specReplicas(allRSs) - minAvailable - newUnavailable;
}

/** cleanupUnhealthyReplicas: scale old sets down by their unavailable pods first, up to `max`. Returns the new sizes. */
export function cleanupUnhealthy(oldRSs: readonly ReplicaSet[], max: number): { rs: ReplicaSet; size: number }[] {
  const out: { rs: ReplicaSet; size: number }[] = [];
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= max) break;
    const r = replicasOf(rs);
    const avail = rs.status?.availableReplicas ?? 0;
    if (r === 0 || r === avail) continue;
    const n = Math.min(max - total, r - avail);
    out.push({ rs, size: r - n });
    total += n;
  }
  return out;
}

/** scaleDownOldReplicaSetsForRollingUpdate: healthy old pods go only while availability stays above the minimum. */
export function scaleDownOld(d: Deployment, allRSs: readonly ReplicaSet[], oldRSs: readonly ReplicaSet[]): { rs: ReplicaSet; size: number }[] {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const avail = availableReplicas(allRSs);
  if (avail <= minAvailable) return [];
  const totalDown = avail - minAvailable;
  const out: { rs: ReplicaSet; size: number }[] = [];
  let done = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (done >= totalDown) break;
    const r = replicasOf(rs);
    if (r === 0) continue;
    const n = Math.min(r, totalDown - done);
    out.push({ rs, size: r - n });
    done += n;
  }
  return out;
}

function annotationInt(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key];
  if (v === undefined || !/^-?\d+$/.test(v)) return undefined;
  return Number(v);
}

/** getReplicaSetFraction: this set's share of a proportional resize, from its max-replicas annotation. */
export function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (replicasOf(d) === 0) return -replicasOf(rs);
  const deploymentReplicas = replicasOf(d) + maxSurge(d);
  const annotated = annotationInt(rs, MAX_REPLICAS_ANNOTATION) ?? d.status?.replicas ?? 0;
  // integer.RoundToInt32 is math.Round: halves away from zero.
  const size = (replicasOf(rs) * deploymentReplicas) / annotated;
  const rounded = Math.sign(size) * Math.round(Math.abs(size));
  return rounded - replicasOf(rs);
}

/** GetProportion: the share, capped by what is left to add (or remove). */
export function proportion(rs: ReplicaSet | undefined, d: Deployment, toAdd: number, added: number): number {
  if (!rs || replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/**
 * The proportional part of DeploymentController.scale: when a rolling deployment is resized
 * mid-rollout, the difference is spread over the active sets in proportion to their size, the
 * rounding leftover going to the largest. Returns each set's new size, in the order it is applied.
 */
export function proportionalSizes(d: Deployment, activeRSs: readonly ReplicaSet[]): { rs: ReplicaSet; size: number }[] {
  const total = specReplicas(activeRSs);
  const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowed - total;
  const sorted = [...activeRSs].sort(toAdd > 0 ? bySizeNewer : bySizeOlder);
  let added = 0;
  const sizes = new Map<ReplicaSet, number>();
  for (const rs of sorted) {
    if (toAdd !== 0) {
      const p = proportion(rs, d, toAdd, added);
      sizes.set(rs, replicasOf(rs) + p);
      added += p;
    } else sizes.set(rs, replicasOf(rs));
  }
  if (toAdd !== added && sorted.length) {
    const first = sorted[0];
    sizes.set(first, Math.max(0, sizes.get(first)! + toAdd - added));
  }
  return sorted.map((rs) => ({ rs, size: sizes.get(rs)! }));
}

/** IsSaturated: the new set has every replica and all are available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = annotationInt(rs, DESIRED_REPLICAS_ANNOTATION);
  if (desired === undefined) return false;
  return replicasOf(rs) === replicasOf(d) && desired === replicasOf(d) && (rs.status?.availableReplicas ?? 0) === replicasOf(d);
}

/** FindActiveOrLatest: the one set with pods, or the newest if none has any; undefined if several do. */
export function findActiveOrLatest<T extends ReplicaSet>(newRS: T | undefined, oldRSs: readonly T[]): T | undefined {
  if (!newRS && !oldRSs.length) return undefined;
  const olds = [...oldRSs].sort((a, b) => -byCreation(a, b));
  const active = activeReplicaSets([...olds, newRS]);
  if (active.length === 0) return newRS ?? olds[0];
  if (active.length === 1) return active[0];
  return undefined;
}

/** isScalingEvent's test: some active set was sized for a different replica count. */
export function isScalingEvent(d: Deployment, rss: readonly (ReplicaSet | undefined)[]): boolean {
  for (const rs of activeReplicaSets(rss)) {
    const desired = annotationInt(rs, DESIRED_REPLICAS_ANNOTATION);
    if (desired !== undefined && desired !== replicasOf(d)) return true;
  }
  return false;
}

// ---- revisions and annotations ----

export function revision(rs: { metadata: { annotations?: Record<string, string> } }): number {
  const v = rs.metadata.annotations?.[REVISION_ANNOTATION];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : 0;
}

export function maxRevision(rss: readonly ReplicaSet[]): number {
  return rss.reduce((m, rs) => Math.max(m, revision(rs)), 0);
}

/** SetReplicasAnnotations: returns whether anything changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [k, v] of [
    [DESIRED_REPLICAS_ANNOTATION, String(desired)],
    [MAX_REPLICAS_ANNOTATION, String(max)],
  ]) {
    if (a[k] !== v) {
      a[k] = v;
      changed = true;
    }
  }
  return changed;
}

/** Annotations a Deployment does not pass on to its ReplicaSets (skipCopyAnnotation). */
function skipCopy(key: string): boolean {
  return [LAST_APPLIED, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, ROLLBACK_TO].includes(key);
}

/** copyDeploymentAnnotationsToReplicaSet (the change-cause travels this way). */
function copyAnnotations(d: Deployment, rs: ReplicaSet): boolean {
  const a = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (skipCopy(k) || a[k] === v) continue;
    a[k] = v;
    changed = true;
  }
  return changed;
}

/** The longest revision-history annotation kept (the controller's maxRevHistoryLengthInChars). */
const MAX_REV_HISTORY_CHARS = 2000;

/** SetNewReplicaSetAnnotations: the deployment's annotations, the new revision, and for a fresh set its sizes. */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: string, exists: boolean): boolean {
  let changed = copyAnnotations(d, rs);
  const a = (rs.metadata.annotations ??= {});
  const old = a[REVISION_ANNOTATION];
  const oldInt = old !== undefined && /^\d+$/.test(old) ? Number(old) : 0;
  const newInt = Number(newRevision);
  if (oldInt < newInt) {
    a[REVISION_ANNOTATION] = newRevision;
    changed = true;
  }
  // A set brought back (a rollback) remembers the revisions it had.
  if (old !== undefined && oldInt < newInt) {
    const history = a[REVISION_HISTORY_ANNOTATION];
    let list = history ? history.split(',') : [];
    list.push(old);
    while (list.join(',').length > MAX_REV_HISTORY_CHARS && list.length > 1) list = list.slice(1);
    a[REVISION_HISTORY_ANNOTATION] = list.join(',');
    changed = true;
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

// ---- the pod-template-hash ----

export { fnv32aBytes as fnv32a, safeEncodeString } from '../util/hash.ts';

/**
 * ComputeHash: FNV-32a of the template and the collision count (4 bytes, little-endian), its
 * decimal value safe-encoded. Kubernetes hashes Go's spew dump of the struct; this hashes sorted
 * JSON, so the value differs from a real cluster's while behaving the same way.
 */
export function computeHash(template: PodTemplate | undefined, collisionCount?: number): string {
  const bytes = utf8(sortedJSON(template ?? {}));
  if (collisionCount !== undefined) {
    const c = collisionCount >>> 0;
    bytes.push(c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, (c >>> 24) & 0xff);
  }
  return safeEncodeString(String(fnv32aBytes(bytes)));
}

/** EqualIgnoreHash: the same template, leaving the pod-template-hash label out. */
export function equalIgnoreHash(a: PodTemplate | undefined, b: PodTemplate | undefined): boolean {
  const strip = (t: PodTemplate | undefined) => {
    const c = clone(t ?? {});
    if (c.metadata?.labels) {
      delete c.metadata.labels[POD_TEMPLATE_HASH_LABEL];
      if (!Object.keys(c.metadata.labels).length) delete c.metadata.labels;
    }
    return c;
  };
  return deepEqual(strip(a), strip(b));
}

// ---- conditions and status ----

export function getCondition(s: DeploymentStatus | undefined, type: string): Condition | undefined {
  return s?.conditions?.find((c) => c.type === type);
}

export function newCondition(type: string, status: string, reason: string, message: string, now: number): Condition {
  const t = formatRFC3339(now);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

/** SetDeploymentCondition: no change when status and reason are the same; transition time kept when status is. */
export function setCondition(s: DeploymentStatus, c: Condition): void {
  const cur = getCondition(s, c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return;
  const next = { ...c };
  if (cur && cur.status === c.status) next.lastTransitionTime = cur.lastTransitionTime;
  s.conditions = [...(s.conditions ?? []).filter((x) => x.type !== c.type), next];
}

export function removeCondition(s: DeploymentStatus, type: string): void {
  if (!s.conditions) return;
  s.conditions = s.conditions.filter((c) => c.type !== type);
  if (!s.conditions.length) delete s.conditions;
}

export function hasProgressDeadline(d: Deployment): boolean {
  const p = d.spec.progressDeadlineSeconds;
  return p !== undefined && p !== 2147483647;
}

/** DeploymentComplete: every replica updated and available, and the latest spec observed. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const r = replicasOf(d);
  return (s.updatedReplicas ?? 0) === r && (s.replicas ?? 0) === r && (s.availableReplicas ?? 0) === r && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** DeploymentProgressing: more updated, ready or available pods than before, or fewer old ones. */
export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const o = d.status ?? {};
  const oldOld = (o.replicas ?? 0) - (o.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (o.updatedReplicas ?? 0) || newOld < oldOld || (s.readyReplicas ?? 0) > (o.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (o.availableReplicas ?? 0);
}

/** DeploymentTimedOut: no progress for progressDeadlineSeconds since the Progressing condition last changed. */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s, 'Progressing');
  if (!c) return false;
  if (c.reason === REASON.NewRSAvailable) return false;
  if (c.reason === REASON.TimedOut) return true;
  const from = parseRFC3339(c.lastUpdateTime) ?? now;
  return from + (d.spec.progressDeadlineSeconds ?? 0) * 1000 < now;
}

/** calculateStatus: the counts summed over the sets, and the Available condition. */
export function calculateStatus(d: Deployment, allRSs: readonly ReplicaSet[], newRS: ReplicaSet | undefined, now: number): DeploymentStatus {
  const available = availableReplicas(allRSs);
  const total = actualReplicas(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: actualReplicas(allRSs),
    updatedReplicas: actualReplicas([newRS]),
    readyReplicas: readyReplicas(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
    ...(d.status?.collisionCount !== undefined ? { collisionCount: d.status.collisionCount } : {}),
    ...(d.status?.conditions ? { conditions: clone(d.status.conditions) } : {}),
  };
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(status, newCondition('Available', 'True', REASON.MinimumReplicasAvailable, 'Deployment has minimum availability.', now));
  } else {
    setCondition(status, newCondition('Available', 'False', REASON.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return status;
}

/** The status as stored: zero counts are omitempty. */
export function omitZeros(s: DeploymentStatus): DeploymentStatus {
  const out = { ...s };
  for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas', 'observedGeneration'] as const) {
    if (!out[k]) delete out[k];
  }
  return out;
}
