// kubectl's StatefulSetStatusViewer: what `kubectl rollout status statefulset/x` prints while it
// waits. A RollingUpdate StatefulSet always has a partition (the default is 0), so it reports a
// "partitioned roll out", as the real kubectl does.

import type { KubeObject } from '../../api/object.ts';
import { KubectlError } from '../errors.ts';

interface StatefulSetView {
  spec?: { replicas?: number; updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } } };
  status?: { observedGeneration?: number; readyReplicas?: number; updatedReplicas?: number; currentReplicas?: number; currentRevision?: string; updateRevision?: string };
}

export function statefulSetRolloutStatus(obj: KubeObject): { message: string; done: boolean } {
  const sts = obj as unknown as StatefulSetView;
  const strategy = sts.spec?.updateStrategy;
  if (strategy?.type !== 'RollingUpdate') throw new KubectlError('rollout status is only available for RollingUpdate strategy type');
  const s = sts.status ?? {};
  if (!s.observedGeneration || (obj.metadata.generation ?? 0) > s.observedGeneration) return { message: 'Waiting for statefulset spec update to be observed...\n', done: false };
  const replicas = sts.spec?.replicas;
  const ready = s.readyReplicas ?? 0;
  if (replicas !== undefined && ready < replicas) return { message: `Waiting for ${replicas - ready} pods to be ready...\n`, done: false };
  const updated = s.updatedReplicas ?? 0;
  if (strategy.rollingUpdate) {
    const partition = strategy.rollingUpdate.partition;
    if (replicas !== undefined && partition !== undefined && updated < replicas - partition) {
      return { message: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...\n`, done: false };
    }
    return { message: `partitioned roll out complete: ${updated} new pods have been updated...\n`, done: true };
  }
  if (s.updateRevision !== s.currentRevision) return { message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${s.updateRevision}...\n`, done: false };
  return { message: `statefulset rolling update complete ${s.currentReplicas ?? 0} pods at revision ${s.currentRevision}...\n`, done: true };
}
