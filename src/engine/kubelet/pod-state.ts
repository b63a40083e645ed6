// What a kubelet knows about each pod it runs: its sandbox and its containers' runtime state.
// Plain data, so a snapshot can carry it.

import type { ContainerLog } from '../runtime/logs.ts';

export type ContainerStage =
  /** The image must be pulled (or found on the node) before the container can be created. */
  | 'pull'
  /** A pull is under way until dueAt. */
  | 'pulling'
  /** Pull failed; waiting for the back-off to end at backoffUntil. */
  | 'pull-backoff'
  /** The image is there; create and start at dueAt. */
  | 'starting'
  | 'running'
  /** Asked to stop; gone at dueAt. */
  | 'stopping'
  | 'exited'
  /** Exited and to be restarted, waiting out the crash back-off until dueAt (CrashLoopBackOff). */
  | 'crash-backoff';

export interface TerminatedInfo {
  exitCode: number;
  reason: string;
  startedAt: number;
  finishedAt: number;
  containerID: string;
}

export interface ContainerRun {
  name: string;
  image: string;
  stage: ContainerStage;
  dueAt?: number;
  /** docker.io/library/nginx:latest once pulled. */
  imageRef?: string;
  imageID?: string;
  containerID?: string;
  waitingReason?: string;
  waitingMessage?: string;
  startedAt?: number;
  terminated?: TerminatedInfo;
  lastTerminated?: TerminatedInfo;
  restartCount: number;
  ready: boolean;
  pullFailures: number;
  backoffUntil?: number;
  pullStartedAt?: number;
  /** When the running container's command ends by itself, and with what code. */
  exitAt?: number;
  exitCode?: number;
  /** The crash back-off (the kubelet's backOff for container restarts): its current delay and when it was last stepped. */
  crashBackoffMs?: number;
  crashBackoffAt?: number;
  /** The current attempt's log and the one before it (kubectl logs --previous). */
  log?: ContainerLog;
  previousLog?: ContainerLog;
}

export interface PodRun {
  uid: string;
  namespace: string;
  name: string;
  /** A static pod from the node's manifest folder (shown in the API as a mirror pod). */
  static: boolean;
  hostNetwork: boolean;
  startTime: number;
  sandboxReadyAt: number;
  sandboxReady: boolean;
  podIP?: string;
  containers: ContainerRun[];
  terminating: boolean;
  /** lastTransitionTime per pod condition type. */
  transitions: Record<string, number>;
  conditionState: Record<string, boolean>;
}
