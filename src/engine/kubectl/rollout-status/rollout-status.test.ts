import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { daemonSetRolloutStatus } from './daemonset.ts';
import { statefulSetRolloutStatus } from './statefulset.ts';

const obj = (kind: string, generation: number, spec: unknown, status: unknown) => ({ apiVersion: 'apps/v1', kind, metadata: { name: 'foo', namespace: 'bar', generation }, spec, status }) as unknown as KubeObject;

// Cases from kubectl's TestDaemonSetStatusViewerStatus.
describe('rollout status of a DaemonSet', () => {
  const rolling = { updateStrategy: { type: 'RollingUpdate' } };
  it.each([
    ['waits for new pods to be scheduled', 1, { observedGeneration: 1, updatedNumberScheduled: 0, desiredNumberScheduled: 1, numberAvailable: 0 }, 'Waiting for daemon set "foo" rollout to finish: 0 out of 1 new pods have been updated...\n', false],
    ['waits for updated pods to be available', 1, { observedGeneration: 1, updatedNumberScheduled: 2, desiredNumberScheduled: 2, numberAvailable: 1 }, 'Waiting for daemon set "foo" rollout to finish: 1 of 2 updated pods are available...\n', false],
    ['is done when every desired pod is updated and available', 1, { observedGeneration: 1, updatedNumberScheduled: 2, desiredNumberScheduled: 2, numberAvailable: 2 }, 'daemon set "foo" successfully rolled out\n', true],
    ['waits for the controller to observe the spec', 2, { observedGeneration: 1, updatedNumberScheduled: 2, desiredNumberScheduled: 2, numberAvailable: 2 }, 'Waiting for daemon set spec update to be observed...\n', false],
  ] as const)('%s', (_name, generation, status, message, done) => {
    expect(daemonSetRolloutStatus(obj('DaemonSet', generation, rolling, status))).toEqual({ message, done });
  });

  it('has nothing to follow for OnDelete', () => {
    expect(() => daemonSetRolloutStatus(obj('DaemonSet', 1, { updateStrategy: { type: 'OnDelete' } }, {}))).toThrow('rollout status is only available for RollingUpdate strategy type');
  });
});

// Cases from kubectl's TestStatefulSetStatusViewerStatus.
describe('rollout status of a StatefulSet', () => {
  const partitioned = (partition: number) => ({ replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition } } });
  const plain = { replicas: 3, updateStrategy: { type: 'RollingUpdate' } };
  it.each([
    ['waits for the spec to be observed', 1, plain, { observedGeneration: 0 }, 'Waiting for statefulset spec update to be observed...\n', false],
    ['waits for pods to be ready', 1, plain, { observedGeneration: 1, readyReplicas: 1 }, 'Waiting for 2 pods to be ready...\n', false],
    ['waits for a partitioned roll out', 1, partitioned(2), { observedGeneration: 1, readyReplicas: 3, updatedReplicas: 0 }, 'Waiting for partitioned roll out to finish: 0 out of 1 new pods have been updated...\n', false],
    ['reports a partitioned roll out complete', 1, partitioned(2), { observedGeneration: 1, readyReplicas: 3, updatedReplicas: 1 }, 'partitioned roll out complete: 1 new pods have been updated...\n', true],
    ['a default partition of 0 is still a partitioned roll out', 1, partitioned(0), { observedGeneration: 1, readyReplicas: 3, updatedReplicas: 3 }, 'partitioned roll out complete: 3 new pods have been updated...\n', true],
    ['waits for the update revision', 1, plain, { observedGeneration: 1, readyReplicas: 3, updatedReplicas: 2, currentRevision: 'foo', updateRevision: 'bar' }, 'waiting for statefulset rolling update to complete 2 pods at revision bar...\n', false],
    ['reports the rolling update complete', 1, plain, { observedGeneration: 1, readyReplicas: 3, updatedReplicas: 3, currentReplicas: 3, currentRevision: 'foo', updateRevision: 'foo' }, 'statefulset rolling update complete 3 pods at revision foo...\n', true],
  ] as const)('%s', (_name, generation, spec, status, message, done) => {
    expect(statefulSetRolloutStatus(obj('StatefulSet', generation, spec, status))).toEqual({ message, done });
  });

  it('has nothing to follow for OnDelete', () => {
    expect(() => statefulSetRolloutStatus(obj('StatefulSet', 1, { updateStrategy: { type: 'OnDelete' } }, {}))).toThrow('rollout status is only available for RollingUpdate strategy type');
  });
});
