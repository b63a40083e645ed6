// The one protocol between the page and the engine's worker: commands in, messages out.
// Every message is plain data (structured-clone safe); both sides import these types.
//
// Flow: the page sends `init`; the worker answers `ready` with the whole cluster as views, then
// sends `frame`s of what changed. The worker sends the next frame only after the page has acked the
// previous one (the page acks from requestAnimationFrame), so the page handles at most one frame per
// animation frame however busy the engine is; changes pile up in the worker meanwhile and are
// coalesced (the latest view of an object wins).

/** Simulated seconds per real second; 0 is paused. */
export type Speed = 0 | 0.5 | 1 | 2 | 5 | 10 | 60;
export const SPEEDS: readonly Speed[] = [0, 0.5, 1, 2, 5, 10, 60];

/** What the page saves and restores: the cluster's snapshot and the terminal's file area. */
export interface SavedSandbox {
  format: 'kube-sandbox/save';
  version: 1;
  /** The engine's ClusterSnapshot, as JSON (opaque to the page). */
  cluster: unknown;
  /** The sandbox's file area: absolute path → content. */
  files: Record<string, string>;
  /** The terminal's history, oldest first. */
  history: string[];
  /** The rewind timeline, when the save keeps it (the autosave and exports do; share links don't). */
  timeline?: SavedTimeline;
}

/** What changes the cluster besides time passing, as the rewind journal keeps it. */
export type JournalOp =
  | { type: 'run'; id: number; input: string }
  | { type: 'interrupt'; id: number }
  | { type: 'write'; path: string; content: string }
  | { type: 'apply'; path: string; content: string };

export interface JournalEntry {
  /** Simulated ms since epoch. */
  at: number;
  op: JournalOp;
}

/** A rewind timeline in a save: the sandbox where it starts, and everything done since. */
export interface SavedTimeline {
  start: number;
  base: SavedSandbox;
  baseMarks: Mark[];
  entries: JournalEntry[];
  /** The marks up to the save. */
  marks: Mark[];
}

/** `history` is `kubectl rollout history` (Deployments, DaemonSets, StatefulSets); `loads` is `sandbox load`'s list. */
export type QueryKind = 'yaml' | 'describe' | 'events' | 'logs' | 'history' | 'loads';

export type ToWorker =
  /** Starts a fresh cluster, or one restored from a save. */
  | { type: 'init'; seed: number; workers: number; restore?: SavedSandbox }
  /** Runs one terminal input (a line, or several lines for a heredoc) as command `id`. */
  | { type: 'run'; id: number; input: string }
  /** Ctrl+C on command `id`. */
  | { type: 'interrupt'; id: number }
  /** Tab completion of `line` with the cursor at `cursor`. */
  | { type: 'complete'; id: number; line: string; cursor: number }
  /** Writes a file into the sandbox's file area (the editor's files), then optionally applies it. */
  | { type: 'write-file'; path: string; content: string }
  /** `kubectl apply -f PATH` of a file the editor wrote: the result comes back as `applied`. */
  | { type: 'apply'; id: number; path: string; content: string }
  /** Reads something about an object for the inspector; never changes the cluster. */
  | { type: 'query'; id: number; query: QueryKind; resource: string; namespace?: string; name: string; container?: string }
  | { type: 'speed'; speed: Speed }
  /** Lets `ms` of simulated time pass now, whatever the speed. */
  | { type: 'step'; ms: number }
  /** Throws the cluster away and starts a fresh one. */
  | { type: 'reset'; seed: number; workers: number }
  /** Asks for a save of the whole sandbox, answered by `saved`; with `timeline`, the rewind timeline too. */
  | { type: 'save'; id: number; timeline?: boolean }
  /** The page has applied the last frame; the worker may send the next. */
  | { type: 'ack' }
  /**
   * Rewind: shows the cluster as it was at simulated instant `at` (answered by `view`). The live
   * cluster waits, paused, until `return` (back to it as it was) or `continue` (the cluster as it
   * was at `at` becomes the live one; what happened after is dropped, the learner's files stay).
   */
  | { type: 'rewind'; at: number }
  | { type: 'return' }
  | { type: 'continue' };

/** A Kubernetes object as the UI draws it: small, computed in the worker. */
export interface ObjectView {
  /** "pods/default/web-abc" — resource/namespace/name, namespace empty for cluster-scoped. */
  key: string;
  kind: string;
  /** The plural resource ("pods", "deployments.apps"), as kubectl names it. */
  resource: string;
  namespace: string;
  name: string;
  uid: string;
  labels: Record<string, string>;
  /** uids of the owners (metadata.ownerReferences). */
  owners: string[];
  created: string;
  deleting: boolean;
  pod?: PodView;
  node?: NodeView;
  service?: ServiceView;
  workload?: WorkloadView;
}

export interface ContainerView {
  name: string;
  /** 'running' | 'waiting' | 'terminated' with the reason kubectl shows. */
  state: 'running' | 'waiting' | 'terminated' | 'unknown';
  reason: string;
  ready: boolean;
  restarts: number;
  init: boolean;
}

export interface PodView {
  nodeName: string;
  /** The STATUS column as kubectl prints it (Running, ContainerCreating, Init:1/2, Terminating …). */
  status: string;
  /** READY column: "1/2". */
  ready: string;
  restarts: string;
  phase: string;
  ip: string;
  containers: ContainerView[];
  /** Every container is ready and the pod is Running. */
  isReady: boolean;
}

export interface NodeView {
  /** STATUS column: Ready, NotReady, Unknown, with ,SchedulingDisabled. */
  status: string;
  roles: string;
  ip: string;
  podCIDR: string;
  unschedulable: boolean;
  kubeletRunning: boolean;
  cpu: string;
  memory: string;
}

export interface ServiceView {
  type: string;
  clusterIP: string;
  ports: string;
  /** spec.selector; empty means it selects nothing by label. */
  selector: Record<string, string>;
}

export interface WorkloadView {
  /** "2/3" style summary as the kind's kubectl READY column would show, or "" when not applicable. */
  ready: string;
  /** A Deployment's or ReplicaSet's deployment.kubernetes.io/revision, or "". */
  revision: string;
  /** spec.replicas where the kind has it (a ReplicaSet scaled to 0 by a rollout is history). */
  replicas?: number;
  /** A HorizontalPodAutoscaler's target, as an object key ("deployments.apps/default/web"). */
  scales?: string;
  /** A line in place of READY: an autoscaler's TARGETS and replicas. */
  detail?: string;
  /** selector.matchLabels (or spec.selector for RCs), for drawing edges. */
  selector: Record<string, string>;
}

/** A Kubernetes Event, as the event log lists it. */
export interface EventView {
  uid: string;
  namespace: string;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** "Pod/web" */
  object: string;
  objectKind: string;
  count: number;
  /** lastTimestamp (or eventTime), simulated ms since epoch. */
  last: number;
  source: string;
}

export interface ApplyResult {
  ok: boolean;
  /** What kubectl printed, stdout then stderr. */
  stdout: string;
  stderr: string;
  /** Lines (1-based) of the file that the errors point at, when kubectl named one. */
  errorLines: { line: number; column?: number; message: string }[];
}

/** A moment on the rewind timeline worth marking: a command the learner ran, or a Warning event. */
export interface Mark {
  /** Simulated ms since epoch. */
  at: number;
  kind: 'command' | 'warning';
  text: string;
}

/** The stretch of simulated time the learner can rewind over, and its marks. */
export interface TimelineView {
  /** Where the timeline begins (the cluster's start, restore or last `continue`). */
  start: number;
  marks: Mark[];
}

export type FromWorker =
  | { type: 'ready'; now: number; speed: Speed; objects: ObjectView[]; events: EventView[]; history: string[]; files: Record<string, string>; timeline: TimelineView }
  /**
   * The whole mirror again, after `rewind`, `return` or `continue`: the cluster at `now`. `past` is
   * true while the learner looks at an earlier moment (then `liveNow` is where the live cluster waits).
   */
  | { type: 'view'; now: number; objects: ObjectView[]; events: EventView[]; timeline: TimelineView; past: boolean; liveNow: number }
  | { type: 'output'; id: number; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'done'; id: number; status: number }
  /** At most one per animation frame: the clock and what changed since the last frame. */
  | { type: 'frame'; now: number; upserts: ObjectView[]; removed: string[]; events: EventView[]; eventsRemoved: string[]; marks?: Mark[] }
  | { type: 'completion'; id: number; start: number; candidates: string[] }
  | { type: 'applied'; id: number; result: ApplyResult }
  | { type: 'query-result'; id: number; text: string }
  | { type: 'saved'; id: number; save: SavedSandbox }
  /** fatal: the engine stopped (the page offers the last autosave); otherwise one request failed. */
  | { type: 'error'; message: string; fatal: boolean };
