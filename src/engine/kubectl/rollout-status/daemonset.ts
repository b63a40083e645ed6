// kubectl's DaemonSetStatusViewer: what `kubectl rollout status daemonset/x` prints while it waits.
// A DaemonSet has no revision to ask for; OnDelete has no rollout to follow.

import type { KubeObject } from '../../api/object.ts';
import { KubectlError } from '../errors.ts';

interface DaemonSetView {
  spec?: { updateStrategy?: { type?: string } };
  status?: { observedGeneration?: number; updatedNumberScheduled?: number; desiredNumberScheduled?: number; numberAvailable?: number };
}

export function daemonSetRolloutStatus(obj: KubeObject): { message: string; done: boolean } {
  const ds = obj as unknown as DaemonSetView;
  const name = obj.metadata.name;
  if (ds.spec?.updateStrategy?.type !== 'RollingUpdate') throw new KubectlError('rollout status is only available for RollingUpdate strategy type');
  const s = ds.status ?? {};
  if ((obj.metadata.generation ?? 0) > (s.observedGeneration ?? 0)) return { message: 'Waiting for daemon set spec update to be observed...\n', done: false };
  const desired = s.desiredNumberScheduled ?? 0;
  const updated = s.updatedNumberScheduled ?? 0;
  const available = s.numberAvailable ?? 0;
  if (updated < desired) return { message: `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...\n`, done: false };
  if (available < desired) return { message: `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...\n`, done: false };
  return { message: `daemon set "${name}" successfully rolled out\n`, done: true };
}
