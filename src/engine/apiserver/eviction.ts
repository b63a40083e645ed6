// The pods/eviction subresource (pkg/registry/core/pod/storage/eviction.go): a delete that marks the
// pod with the DisruptionTarget condition first. The engine has no disruption controller yet, so no
// PodDisruptionBudget has a computed status.disruptionsAllowed: every eviction is allowed, as for a
// pod no budget covers.

import type { Pod, PodCondition } from '../api/types.ts';
import { K } from '../api/wellknown.ts';
import type { KubeObject } from '../api/object.ts';
import { formatRFC3339, NULL_TIME } from '../util/time.ts';
import type { ApiServer } from './apiserver.ts';

/** Sets the DisruptionTarget condition (PodDisruptionConditions, on by default in 1.30) before a delete. */
export function addDisruptionCondition(api: ApiServer, pod: KubeObject & Pod, reason: string, message: string): void {
  const conditions = pod.status?.conditions ?? [];
  const existing = conditions.find((c) => c.type === 'DisruptionTarget');
  if (existing && existing.status === 'True' && existing.reason === reason && existing.message === message) return;
  const cond: PodCondition = {
    lastProbeTime: NULL_TIME,
    lastTransitionTime: existing?.status === 'True' ? existing.lastTransitionTime : formatRFC3339(api.now()),
    message,
    reason,
    status: 'True',
    type: 'DisruptionTarget',
  };
  const next = existing ? conditions.map((c) => (c === existing ? cond : c)) : [...conditions, cond];
  api.update(K.Pod, { ...pod, status: { ...pod.status, conditions: next } }, { subresource: 'status', trusted: true });
}

/** Evicts a pod: NotFound if it is not there, otherwise a graceful delete (with `gracePeriodSeconds` if given). */
export function evictPod(api: ApiServer, namespace: string, name: string, opts: { gracePeriodSeconds?: number; dryRun?: boolean } = {}): void {
  const pod = api.get(K.Pod, namespace, name) as KubeObject & Pod;
  if (!opts.dryRun) addDisruptionCondition(api, pod, 'EvictionByEvictionAPI', 'Eviction API: evicting');
  api.delete(K.Pod, namespace, name, { gracePeriodSeconds: opts.gracePeriodSeconds, dryRun: opts.dryRun, preconditions: { uid: pod.metadata.uid } });
}
