// The StatefulSet controller's arithmetic (pkg/controller/statefulset/stateful_set_utils.go and
// stateful_set_control.go): pod and claim names from ordinals, which revision a new pod gets, the
// status counts, the rolling-update step from the highest ordinal down to the partition, and whose
// owner references a claim carries under its retention policy.

/** apps.StatefulSetPodNameLabel and apps.PodIndexLabel (PodIndexLabel is on in 1.30). */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

/** getParentNameAndOrdinal: `web-2` → web, 2; a name without a trailing ordinal has ordinal -1. */
export function parentAndOrdinal(podName: string): { parent: string; ordinal: number } {
  const m = /^(.*)-([0-9]+)$/.exec(podName);
  if (!m) return { parent: '', ordinal: -1 };
  const ordinal = Number(m[2]);
  // strconv.ParseInt(…, 10, 32) fails past int32: such a name is no member.
  return ordinal > 2147483647 ? { parent: '', ordinal: -1 } : { parent: m[1], ordinal };
}

export const podName = (set: string, ordinal: number): string => `${set}-${ordinal}`;

/** getPersistentVolumeClaimName: `<template>-<set>-<ordinal>`. */
export const claimName = (template: string, set: string, ordinal: number): string => `${template}-${set}-${ordinal}`;

export interface RevisionChoiceInput {
  strategy: string | undefined;
  /** spec.updateStrategy.rollingUpdate.partition, when rollingUpdate is set. */
  partition: number | undefined;
  hasRollingUpdate: boolean;
  /** status.currentReplicas. */
  currentReplicas: number;
  startOrdinal: number;
}

/**
 * newVersionedStatefulSetPod: below the partition (or, with no rollingUpdate parameters, below the
 * count of current replicas) a RollingUpdate set recreates pods at the current revision; every
 * other pod, and every pod of an OnDelete set, gets the update revision.
 */
export function revisionForNewPod(ordinal: number, i: RevisionChoiceInput): 'current' | 'update' {
  const rolling = i.strategy === 'RollingUpdate';
  if (rolling && !i.hasRollingUpdate && ordinal < i.startOrdinal + i.currentReplicas) return 'current';
  if (i.hasRollingUpdate && ordinal < i.startOrdinal + (i.partition ?? 0)) return 'current';
  return 'update';
}

/** A pod as the status and the update step see it. */
export interface ReplicaView {
  /** The pod exists with a phase (isCreated). */
  created: boolean;
  terminating: boolean;
  runningAndReady: boolean;
  available: boolean;
  revision: string;
}

export interface SetStatusCounts {
  replicas: number;
  readyReplicas: number;
  availableReplicas: number;
  currentReplicas: number;
  updatedReplicas: number;
}

/** updateStatus: what the pods add up to. */
export function statusCounts(pods: readonly ReplicaView[], currentRevision: string, updateRevision: string): SetStatusCounts {
  const s: SetStatusCounts = { replicas: 0, readyReplicas: 0, availableReplicas: 0, currentReplicas: 0, updatedReplicas: 0 };
  for (const p of pods) {
    if (p.created) s.replicas++;
    if (p.runningAndReady) {
      s.readyReplicas++;
      if (p.available) s.availableReplicas++;
    }
    if (p.created && !p.terminating) {
      if (p.revision === currentRevision) s.currentReplicas++;
      if (p.revision === updateRevision) s.updatedReplicas++;
    }
  }
  return s;
}

/**
 * completeRollingUpdate: once every replica is updated and ready, the update revision becomes the
 * current one.
 */
export function completeRollingUpdate(strategy: string | undefined, s: SetStatusCounts, current: string, update: string): { currentRevision: string; currentReplicas: number } {
  if (strategy === 'RollingUpdate' && s.updatedReplicas === s.replicas && s.readyReplicas === s.replicas) return { currentRevision: update, currentReplicas: s.updatedReplicas };
  return { currentRevision: current, currentReplicas: s.currentReplicas };
}

/**
 * The rolling update's step: from the highest index down to the partition, delete the first pod not
 * at the update revision (unless it is already terminating); stop at the first one that is not
 * healthy. Returns the index to delete, if any.
 */
export function rollingUpdateTarget(replicas: readonly ReplicaView[], partition: number, updateRevision: string): number | undefined {
  for (let i = replicas.length - 1; i >= partition; i--) {
    const r = replicas[i];
    if (r.revision !== updateRevision && !r.terminating) return i;
    if (!(r.runningAndReady && !r.terminating)) return undefined;
  }
  return undefined;
}

export interface RetentionPolicy {
  whenDeleted?: string;
  whenScaled?: string;
}

/**
 * updateClaimOwnerRefForSetAndPod: whether a claim should carry an owner reference to the set and
 * to its pod. Retain keeps neither; whenDeleted Delete ties it to the set; whenScaled Delete ties the
 * claim of a pod being scaled away to that pod.
 */
export function claimOwners(policy: RetentionPolicy | undefined, podScaledDown: boolean): { set: boolean; pod: boolean } {
  const deleteOnDelete = policy?.whenDeleted === 'Delete';
  const deleteOnScale = policy?.whenScaled === 'Delete';
  if (deleteOnDelete && deleteOnScale) return podScaledDown ? { set: false, pod: true } : { set: true, pod: false };
  if (deleteOnDelete) return { set: true, pod: false };
  if (deleteOnScale) return { set: false, pod: podScaledDown };
  return { set: false, pod: false };
}
