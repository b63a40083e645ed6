import { describe, expect, it } from 'vitest';
import { claimName, claimOwners, completeRollingUpdate, parentAndOrdinal, podName, revisionForNewPod, rollingUpdateTarget, statusCounts, type ReplicaView } from './statefulset-util.ts';

describe('pod and claim names (getParentNameAndOrdinal, getPersistentVolumeClaimName)', () => {
  it.each([
    ['web-0', 'web', 0],
    ['web-12', 'web', 12],
    ['my-web-3', 'my-web', 3],
    ['web', '', -1],
    ['web-', '', -1],
    ['web-x', '', -1],
    ['web-99999999999', '', -1],
  ] as const)('%s belongs to %j with ordinal %d', (name, parent, ordinal) => {
    expect(parentAndOrdinal(name)).toEqual({ parent, ordinal });
  });

  it('names pods <set>-<ordinal> and claims <template>-<set>-<ordinal>', () => {
    expect(podName('web', 2)).toBe('web-2');
    expect(claimName('www', 'web', 0)).toBe('www-web-0');
  });
});

describe('which revision a new pod gets (newVersionedStatefulSetPod)', () => {
  const rolling = { strategy: 'RollingUpdate', hasRollingUpdate: true, partition: 0, currentReplicas: 3, startOrdinal: 0 };
  it.each([
    ['a rolling update with partition 0 makes every pod at the update revision', rolling, 0, 'update'],
    ['below the partition a pod is made at the current revision', { ...rolling, partition: 2 }, 1, 'current'],
    ['at the partition a pod is made at the update revision', { ...rolling, partition: 2 }, 2, 'update'],
    ['without rolling-update parameters, pods below the current count stay current', { ...rolling, hasRollingUpdate: false, partition: undefined, currentReplicas: 2 }, 1, 'current'],
    ['without rolling-update parameters, pods past the current count are updated', { ...rolling, hasRollingUpdate: false, partition: undefined, currentReplicas: 2 }, 2, 'update'],
    ['OnDelete: a recreated pod takes the update revision', { strategy: 'OnDelete', hasRollingUpdate: false, partition: undefined, currentReplicas: 3, startOrdinal: 0 }, 0, 'update'],
    ['the partition counts from the start ordinal', { ...rolling, partition: 1, startOrdinal: 5 }, 5, 'current'],
  ] as const)('%s', (_name, input, ordinal, want) => {
    expect(revisionForNewPod(ordinal, input)).toBe(want);
  });
});

const r = (revision: string, extra: Partial<ReplicaView> = {}): ReplicaView => ({ created: true, terminating: false, runningAndReady: true, available: true, revision, ...extra });

describe('status counts (updateStatus, completeRollingUpdate)', () => {
  it('counts created, ready, available, current and updated pods; terminating pods are neither current nor updated', () => {
    const pods = [r('a'), r('a', { runningAndReady: false, available: false }), r('b'), r('b', { terminating: true }), r('a', { created: false, runningAndReady: false, available: false })];
    expect(statusCounts(pods, 'a', 'b')).toEqual({ replicas: 4, readyReplicas: 3, availableReplicas: 3, currentReplicas: 2, updatedReplicas: 1 });
  });

  it('ready but not yet available pods (minReadySeconds) are not available', () => {
    expect(statusCounts([r('a', { available: false })], 'a', 'a')).toEqual({ replicas: 1, readyReplicas: 1, availableReplicas: 0, currentReplicas: 1, updatedReplicas: 1 });
  });

  it.each([
    ['all updated and ready: the update revision becomes current', 'RollingUpdate', { replicas: 3, readyReplicas: 3, availableReplicas: 3, currentReplicas: 0, updatedReplicas: 3 }, { currentRevision: 'b', currentReplicas: 3 }],
    ['one not ready: the rollout is not complete', 'RollingUpdate', { replicas: 3, readyReplicas: 2, availableReplicas: 2, currentReplicas: 1, updatedReplicas: 2 }, { currentRevision: 'a', currentReplicas: 1 }],
    ['OnDelete never completes on its own', 'OnDelete', { replicas: 3, readyReplicas: 3, availableReplicas: 3, currentReplicas: 0, updatedReplicas: 3 }, { currentRevision: 'a', currentReplicas: 0 }],
  ] as const)('%s', (_name, strategy, counts, want) => {
    expect(completeRollingUpdate(strategy, counts, 'a', 'b')).toEqual(want);
  });
});

describe('the rolling update step (from the highest ordinal down to the partition)', () => {
  it.each([
    ['the highest old pod goes first', [r('a'), r('a'), r('a')], 0, 2],
    ['an updated healthy pod lets the next lower one go', [r('a'), r('a'), r('b')], 0, 1],
    ['an updated pod that is not ready yet holds the rollout', [r('a'), r('a'), r('b', { runningAndReady: false })], 0, undefined],
    ['a terminating old pod is waited for', [r('a'), r('a'), r('a', { terminating: true })], 0, undefined],
    ['pods below the partition are left alone', [r('a'), r('a'), r('b')], 2, undefined],
    ['the partition pod itself is updated', [r('a'), r('a'), r('a')], 2, 2],
    ['everything updated: nothing to do', [r('b'), r('b')], 0, undefined],
  ] as const)('%s', (_name, replicas, partition, want) => {
    expect(rollingUpdateTarget(replicas, partition, 'b')).toBe(want);
  });
});

describe('claim owners under the retention policy (updateClaimOwnerRefForSetAndPod)', () => {
  it.each([
    ['Retain/Retain: no owners', 'Retain', 'Retain', false, { set: false, pod: false }],
    ['Retain/Retain while scaling down: still none', 'Retain', 'Retain', true, { set: false, pod: false }],
    ['whenDeleted Delete: owned by the set', 'Delete', 'Retain', false, { set: true, pod: false }],
    ['whenScaled Delete: owned by the pod being scaled away', 'Retain', 'Delete', true, { set: false, pod: true }],
    ['whenScaled Delete: a pod that stays does not own it', 'Retain', 'Delete', false, { set: false, pod: false }],
    ['Delete/Delete: a remaining pod’s claim follows the set', 'Delete', 'Delete', false, { set: true, pod: false }],
    ['Delete/Delete: a condemned pod’s claim follows the pod', 'Delete', 'Delete', true, { set: false, pod: true }],
  ] as const)('%s', (_name, whenDeleted, whenScaled, scaledDown, want) => {
    expect(claimOwners({ whenDeleted, whenScaled }, scaledDown)).toEqual(want);
  });
});
