// The status a kubelet reports for a pod (generateAPIPodStatus): phase, conditions with their
// transition times, and one status per container, sorted by name as the kubelet sorts them.

import type { ContainerStatus, Pod, PodCondition, PodStatus } from '../api/types.ts';
import { formatRFC3339, NULL_TIME } from '../util/time.ts';
import type { ContainerRun, PodRun, TerminatedInfo } from './pod-state.ts';

function terminatedState(t: TerminatedInfo) {
  return {
    terminated: {
      containerID: t.containerID,
      exitCode: t.exitCode,
      finishedAt: formatRFC3339(t.finishedAt),
      reason: t.reason,
      startedAt: formatRFC3339(t.startedAt),
    },
  };
}

function containerStatus(c: ContainerRun): ContainerStatus {
  const s: ContainerStatus = {
    image: c.imageRef ?? c.image,
    imageID: c.imageID ?? '',
    lastState: c.lastTerminated ? terminatedState(c.lastTerminated) : {},
    name: c.name,
    ready: c.ready,
    restartCount: c.restartCount,
    started: c.stage === 'running' || c.stage === 'stopping',
    state: {},
  };
  if (c.containerID) s.containerID = c.containerID;
  if ((c.stage === 'running' || c.stage === 'stopping') && c.startedAt !== undefined) {
    s.state = { running: { startedAt: formatRFC3339(c.startedAt) } };
  } else if (c.stage === 'exited' && c.terminated) {
    s.state = terminatedState(c.terminated);
  } else {
    s.state = { waiting: { reason: c.waitingReason ?? 'ContainerCreating', ...(c.waitingMessage ? { message: c.waitingMessage } : {}) } };
  }
  return s;
}

/** getPhase for a pod without init containers still running. */
export function podPhase(pod: Pod, run: PodRun): PodStatus['phase'] {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  let waiting = 0;
  let running = 0;
  let succeeded = 0;
  let failed = 0;
  for (const c of run.containers) {
    if (c.stage === 'running' || c.stage === 'stopping') running++;
    else if (c.stage === 'exited' && c.terminated) {
      if (c.terminated.exitCode === 0) succeeded++;
      else failed++;
    } else if (c.lastTerminated) {
      // Waiting to restart: it ran before, so the pod counts as running.
      running++;
    } else waiting++;
  }
  const total = run.containers.length;
  if (waiting > 0) return running > 0 ? 'Running' : 'Pending';
  if (running > 0) return 'Running';
  if (succeeded + failed === total && total > 0) {
    if (policy === 'Always') return 'Running';
    if (failed > 0 && policy === 'Never') return 'Failed';
    if (failed > 0) return 'Running';
    return 'Succeeded';
  }
  return 'Pending';
}

function condition(run: PodRun, type: string, ok: boolean, now: number, reason?: string, message?: string): PodCondition {
  if (run.conditionState[type] !== ok || run.transitions[type] === undefined) {
    run.conditionState[type] = ok;
    run.transitions[type] = now;
  }
  return {
    lastProbeTime: NULL_TIME,
    lastTransitionTime: formatRFC3339(run.transitions[type]),
    status: ok ? 'True' : 'False',
    type,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

/** PodConditionByKubelet: the conditions the kubelet computes itself. */
const KUBELET_CONDITIONS = new Set(['PodScheduled', 'Ready', 'Initialized', 'ContainersReady', 'PodReadyToStartContainers']);

/** The status the kubelet writes for `pod`, given what it runs; `existing` keeps the scheduler's condition. */
export function buildPodStatus(pod: Pod, run: PodRun, hostIP: string, now: number): PodStatus {
  const unready = run.containers.filter((c) => !c.ready).map((c) => c.name);
  const allReady = unready.length === 0 && run.containers.length > 0;
  const phase = podPhase(pod, run);
  // A pod that ran to completion is not ready because it is done (GeneratePodReadyCondition).
  const notReady = (type: string) =>
    phase === 'Succeeded'
      ? condition(run, type, false, now, 'PodCompleted')
      : condition(run, type, false, now, 'ContainersNotReady', `containers with unready status: [${unready.join(' ')}]`);
  // Conditions the kubelet does not own (DisruptionTarget, readiness gates) are kept, first, as it keeps them.
  const others = (pod.status?.conditions ?? []).filter((c) => !KUBELET_CONDITIONS.has(c.type));
  const conditions: PodCondition[] = [
    ...others,
    condition(run, 'PodReadyToStartContainers', run.sandboxReady, now),
    condition(run, 'Initialized', true, now),
    allReady ? condition(run, 'Ready', true, now) : notReady('Ready'),
    allReady ? condition(run, 'ContainersReady', true, now) : notReady('ContainersReady'),
  ];
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (scheduled) conditions.push(scheduled);
  const status: PodStatus = {
    conditions,
    containerStatuses: run.containers.map(containerStatus).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    hostIP,
    hostIPs: [{ ip: hostIP }],
    phase,
    qosClass: pod.status?.qosClass,
    startTime: formatRFC3339(run.startTime),
  };
  if (run.podIP) {
    status.podIP = run.podIP;
    status.podIPs = [{ ip: run.podIP }];
  }
  if (!status.qosClass) delete status.qosClass;
  return status;
}
