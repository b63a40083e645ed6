// The Job controller (pkg/controller/job, as in Kubernetes 1.30). One sync per job, level-triggered:
// it lists the job's pods, counts the finished ones (removing their batch.kubernetes.io/job-tracking
// finalizer as it counts them), decides whether the job has failed (backoffLimit, activeDeadlineSeconds)
// or is complete, and otherwise creates or deletes pods so that the right number are active —
// waiting out the pod-failure back-off before replacing failed pods. Suspending a job deletes its
// active pods. Indexed jobs give each pod a completion index.
//
// In 1.30 the terminal conditions are written directly (Complete, Failed); the interim
// SuccessCriteriaMet and FailureTarget conditions for every job arrived in 1.31. FailureTarget in 1.30
// comes only from podFailurePolicy, which is not modelled here.

import type { Container, Mutable, OwnerReference, Pod } from '../api/types.ts';
import type * as batchTypes from 'kubernetes-types/batch/v1';
import type * as core from 'kubernetes-types/core/v1';
import { KINDS } from '../api/kinds.ts';
import { K, R } from '../api/wellknown.ts';
import { clone, deepEqual, type KubeObject } from '../api/object.ts';
import type { Component, WorkQueue } from '../sim/sim.ts';
import { formatRFC3339, parseRFC3339 } from '../util/time.ts';
import type { Controller, ControllerContext } from './context.ts';
import { matchPodFailurePolicy } from './pod-failure-policy.ts';
import {
  firstPendingIndexes,
  formatIndexes,
  intervalsHas,
  intervalsTotal,
  isComplete,
  nextBackoffRecord,
  parseIndexes,
  pastBackoffLimitOnFailure,
  remainingBackoffMs,
  SYNC_JOB_BATCH_MS,
  wantActive,
  withIndexes,
  type BackoffRecord,
} from './job-util.ts';

// kubernetes-types' fields are readonly; the controller builds its writes from mutable copies.
type JobSpec = Mutable<batchTypes.JobSpec>;
type JobStatus = Mutable<batchTypes.JobStatus>;
type EnvVar = Mutable<core.EnvVar>;
type Job = KubeObject & Mutable<batchTypes.Job>;
type PodObj = KubeObject & Pod;
type JobCondition = Mutable<batchTypes.JobCondition>;

export const JOB_KIND = KINDS.find((k) => k.kind === 'Job' && k.group === 'batch')!;
export const JOB_RESOURCE = 'jobs.batch';
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
export const INDEX_FAILURE_COUNT_ANNOTATION = 'batch.kubernetes.io/job-index-failure-count';
const COMPLETION_INDEX_ENV = 'JOB_COMPLETION_INDEX';
const SOURCE = { component: 'job-controller' };

interface State {
  backoff: [string, BackoffRecord][];
}

export function isJobFinished(job: Job): boolean {
  return !!job.status?.conditions?.some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

/** The job a pod belongs to: its controller reference, if that is a Job. */
function controllerJob(pod: KubeObject): OwnerReference | undefined {
  const ref = pod.metadata.ownerReferences?.find((r) => r.controller);
  return ref && ref.kind === 'Job' && ref.apiVersion === 'batch/v1' ? ref : undefined;
}

function isTerminal(p: Pod): boolean {
  return p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
}

function isReady(p: Pod): boolean {
  return !!p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
}

/**
 * isPodFailed: a Failed pod; with podReplacementPolicy TerminatingOrFailed also a deleted one that
 * did not succeed. With Failed (and always with a podFailurePolicy) a deleted pod waits to be terminal.
 */
function isFailed(p: PodObj, onlyReplaceFailed: boolean): boolean {
  if (p.status?.phase === 'Failed') return true;
  if (onlyReplaceFailed) return false;
  return !!p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded';
}

/** getFinishedTime: the last container's finish, else Ready=False's transition, else the deletion. */
export function podFinishedTime(p: PodObj): number {
  let latest: number | undefined;
  let all = (p.status?.containerStatuses ?? []).length > 0;
  for (const cs of p.status?.containerStatuses ?? []) {
    const t = parseRFC3339(cs.state?.terminated?.finishedAt as string | undefined);
    if (t === undefined) {
      all = false;
      break;
    }
    if (latest === undefined || t > latest) latest = t;
  }
  if (all && latest !== undefined) return latest;
  const ready = p.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status === 'False' && ready.lastTransitionTime) return parseRFC3339(ready.lastTransitionTime)!;
  if (p.metadata.deletionTimestamp) return parseRFC3339(p.metadata.deletionTimestamp)! - (p.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  return parseRFC3339(p.metadata.creationTimestamp)!;
}

function completionIndex(p: KubeObject): number | undefined {
  const v = p.metadata.annotations?.[COMPLETION_INDEX_ANNOTATION];
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

/** controller.ActivePods order, the ones to delete first: unscheduled, pending, not ready, newest. */
function removalOrder(a: PodObj, b: PodObj): number {
  const rank = (p: PodObj) => [p.spec?.nodeName ? 1 : 0, p.status?.phase === 'Pending' ? 0 : p.status?.phase === 'Running' ? 2 : 1, isReady(p) ? 1 : 0];
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] - rb[i];
  const ta = parseRFC3339(a.metadata.creationTimestamp) ?? 0;
  const tb = parseRFC3339(b.metadata.creationTimestamp) ?? 0;
  return tb - ta;
}

const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err));

function newCondition(type: string, status: 'True' | 'False', reason: string, message: string, now: number): JobCondition {
  const t = formatRFC3339(now);
  return { lastProbeTime: t, lastTransitionTime: t, status, type, ...(reason ? { reason } : {}), ...(message ? { message } : {}) } as JobCondition;
}

/** ensureJobConditionStatus: adds or replaces a condition (a False one is only ever a replacement). */
function setCondition(list: JobCondition[], type: string, status: 'True' | 'False', reason: string, message: string, now: number): boolean {
  const i = list.findIndex((c) => c.type === type);
  if (i < 0) {
    if (status === 'False') return false;
    list.push(newCondition(type, status, reason, message, now));
    return true;
  }
  const c = list[i];
  if (c.status === status && (c.reason ?? '') === reason && (c.message ?? '') === message) return false;
  list[i] = newCondition(type, status, reason, message, now);
  return true;
}

export class JobController implements Controller, Component {
  readonly name = 'job-controller';
  private queue: WorkQueue;
  /** The pod-failure back-off of each job (backoffStore), by namespace/name. */
  private backoff = new Map<string, BackoffRecord>();

  constructor(private readonly ctx: ControllerContext) {
    ctx.sim.register(this);
    this.queue = ctx.sim.queue(this.name, (key) => this.sync(key));
    ctx.store.watch(JOB_RESOURCE, (e) => {
      const key = `${e.object.metadata.namespace}/${e.object.metadata.name}`;
      if (e.type === 'DELETED') this.backoff.delete(key);
      else this.queue.add(key);
    });
    ctx.store.watch(R.pods, (e) => {
      const ref = controllerJob(e.object);
      const tracked = e.type !== 'DELETED' && !!e.object.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER);
      if (!ref) {
        // Orphaned (kubectl delete job --cascade=orphan): nobody else would release it.
        if (tracked) this.queue.add(`orphan:${e.object.metadata.namespace}/${e.object.metadata.name}`);
        return;
      }
      const key = `${e.object.metadata.namespace}/${ref.name}`;
      const job = ctx.store.get(JOB_RESOURCE, e.object.metadata.namespace, ref.name);
      if (!job || job.metadata.uid !== ref.uid) {
        // An orphan still holding the tracking finalizer would never go away: release it.
        if (tracked) this.queue.add(`orphan:${e.object.metadata.namespace}/${e.object.metadata.name}`);
        return;
      }
      // Pod changes reach the sync batched (syncJobBatchPeriod); a new or deleted pod at once.
      if (e.type === 'MODIFIED') this.queue.addAfter(key, SYNC_JOB_BATCH_MS);
      else this.queue.add(key);
    });
  }

  resync(): void {
    for (const j of this.ctx.store.each(JOB_RESOURCE)) this.queue.add(`${j.metadata.namespace}/${j.metadata.name}`);
  }

  private sync(key: string): { requeueAfter: number } | void {
    if (key.startsWith('orphan:')) return this.releaseOrphan(key.slice(7));
    const [ns, name] = key.split('/');
    const job = this.ctx.store.get(JOB_RESOURCE, ns, name) as Job | undefined;
    if (!job) {
      this.backoff.delete(key);
      return;
    }
    const pods = this.pods(job);
    if (isJobFinished(job) || job.metadata.deletionTimestamp) {
      // Nothing more to run: only let go of the pods still held by the finalizer.
      for (const p of pods) this.removeFinalizer(p);
      return;
    }
    return new JobSync(this, job, pods).run();
  }

  /** The pods this job controls (its controller reference), like the claimed pods of a real sync. */
  pods(job: Job): PodObj[] {
    const uid = job.metadata.uid;
    return (this.ctx.store.list(R.pods, job.metadata.namespace) as PodObj[]).filter((p) => controllerJob(p)?.uid === uid);
  }

  private releaseOrphan(podKey: string): void {
    const p = this.ctx.store.getByKey(R.pods, podKey) as PodObj | undefined;
    if (!p) return;
    const ref = controllerJob(p);
    const job = ref && this.ctx.store.get(JOB_RESOURCE, p.metadata.namespace, ref.name);
    if (job && job.metadata.uid === ref!.uid) return;
    this.removeFinalizer(p);
  }

  removeFinalizer(p: PodObj): boolean {
    if (!p.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER)) return true;
    try {
      this.ctx.api.mutate(K.Pod, p.metadata.namespace, p.metadata.name!, (o) => {
        if (o.metadata.uid !== p.metadata.uid) return;
        const f = (o.metadata.finalizers ?? []).filter((x) => x !== JOB_TRACKING_FINALIZER);
        if (f.length) o.metadata.finalizers = f;
        else delete o.metadata.finalizers;
      });
      return true;
    } catch {
      return false;
    }
  }

  backoffOf(key: string): BackoffRecord {
    return this.backoff.get(key) ?? { failuresAfterLastSuccess: 0 };
  }

  setBackoff(key: string, r: BackoffRecord): void {
    this.backoff.set(key, r);
  }

  get context(): ControllerContext {
    return this.ctx;
  }

  snapshot(): State {
    return { backoff: [...this.backoff].map(([k, v]) => [k, { ...v }]) };
  }

  restore(state: unknown): void {
    this.backoff = new Map((state as State).backoff.map(([k, v]) => [k, { ...v }]));
  }
}

/** One sync of one job: syncJob, top-down. */
class JobSync {
  private readonly key: string;
  private readonly spec: JobSpec;
  private readonly status: JobStatus;
  private readonly conditions: JobCondition[];
  private readonly indexed: boolean;
  private readonly completions: number | undefined;
  /** onlyReplaceFailedPods: podReplacementPolicy Failed, or a podFailurePolicy. */
  private readonly onlyReplaceFailed: boolean;
  private requeue: number | undefined;
  /** backoffLimitPerIndex: each index's counted failures and when the last one finished; the indexes given up. */
  private readonly perIndex: boolean;
  private indexFailures = new Map<number, { count: number; last: number }>();
  private failedIndexes: [number, number][] = [];

  constructor(
    private readonly c: JobController,
    private readonly job: Job,
    private readonly pods: PodObj[],
  ) {
    this.key = `${job.metadata.namespace}/${job.metadata.name}`;
    this.spec = job.spec ?? ({} as JobSpec);
    this.status = clone((job.status ?? {}) as JobStatus) as JobStatus;
    this.conditions = [...(this.status.conditions ?? [])];
    this.indexed = this.spec.completionMode === 'Indexed';
    this.completions = this.spec.completions ?? undefined;
    this.onlyReplaceFailed = this.spec.podReplacementPolicy === 'Failed' || !!this.spec.podFailurePolicy;
    this.perIndex = this.indexed && this.spec.backoffLimitPerIndex !== undefined && this.spec.backoffLimitPerIndex !== null;
  }

  /**
   * calculateFailedIndexes: an index whose failures (the count each failed pod carries in its
   * job-index-failure-count annotation, plus its own) exceed backoffLimitPerIndex is not run again.
   */
  private countIndexFailures(): void {
    const limit = this.spec.backoffLimitPerIndex ?? 0;
    const failed: number[] = [];
    for (const p of this.pods) {
      const i = completionIndex(p);
      if (i === undefined || i >= (this.completions ?? 0) || !isFailed(p, this.onlyReplaceFailed)) continue;
      const verdict = matchPodFailurePolicy(this.spec.podFailurePolicy ?? undefined, p);
      const before = Number(p.metadata.annotations?.[INDEX_FAILURE_COUNT_ANNOTATION] ?? '0') || 0;
      const count = before + (verdict.countFailed ? 1 : 0);
      const prev = this.indexFailures.get(i);
      const at = podFinishedTime(p);
      this.indexFailures.set(i, { count: Math.max(prev?.count ?? 0, count), last: Math.max(prev?.last ?? 0, at) });
      if (count > limit || verdict.action === 'FailIndex') failed.push(i);
    }
    this.failedIndexes = withIndexes(parseIndexes(this.status.failedIndexes ?? undefined, this.completions ?? 0), failed);
  }

  private get ctx(): ControllerContext {
    return this.c.context;
  }

  private now(): number {
    return this.ctx.sim.now();
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.event(this.job, type, reason, message, SOURCE);
  }

  private later(ms: number): void {
    if (ms > 0 && (this.requeue === undefined || ms < this.requeue)) this.requeue = ms;
  }

  run(): { requeueAfter: number } | void {
    const now = this.now();
    const suspended = this.spec.suspend === true;
    const st = this.status as Record<string, unknown> & JobStatus;
    if (!st.startTime && !suspended) st.startTime = formatRFC3339(now);

    // ---- count what finished (trackJobStatusAndRemoveFinalizers) ----
    let succeeded = st.succeeded ?? 0;
    let failed = st.failed ?? 0;
    let completed: [number, number][] = this.indexed ? parseIndexes(st.completedIndexes, this.completions ?? 0) : [];
    const newOk: number[] = [];
    const newFailed: number[] = [];
    const active: PodObj[] = [];
    let failJobMessage: string | undefined;
    for (const p of this.pods) {
      const tracked = p.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER);
      if (!isTerminal(p) && !p.metadata.deletionTimestamp) {
        active.push(p);
        continue;
      }
      if (!tracked) continue; // Counted already.
      if (p.status?.phase === 'Succeeded') {
        const idx = completionIndex(p);
        if (this.indexed) {
          if (idx === undefined || idx >= (this.completions ?? 0) || intervalsHas(completed, idx)) {
            this.c.removeFinalizer(p);
            continue;
          }
          completed = withIndexes(completed, [idx]);
        }
        if (!this.c.removeFinalizer(p)) continue;
        succeeded++;
        newOk.push(podFinishedTime(p));
      } else if (isFailed(p, this.onlyReplaceFailed)) {
        const verdict = matchPodFailurePolicy(this.spec.podFailurePolicy ?? undefined, p);
        if (verdict.action === 'FailJob') failJobMessage ??= verdict.message;
        if (!this.c.removeFinalizer(p)) continue;
        // An ignored failure is let go without counting.
        if (!verdict.countFailed) continue;
        failed++;
        newFailed.push(podFinishedTime(p));
      }
    }
    const record = nextBackoffRecord(this.c.backoffOf(this.key), newOk, newFailed);
    this.c.setBackoff(this.key, record);
    if (this.indexed) succeeded = intervalsTotal(completed);

    if (this.perIndex) this.countIndexFailures();

    // ---- has it failed? ----
    let finished: JobCondition | undefined;
    const backoffLimit = this.spec.backoffLimit ?? 6;
    const restarts = active.map((p) => (p.status?.containerStatuses ?? []).reduce((n, cs) => n + (cs.restartCount ?? 0), 0) + (p.status?.initContainerStatuses ?? []).reduce((n, cs) => n + (cs.restartCount ?? 0), 0));
    const target = this.conditions.find((c) => c.type === 'FailureTarget' && c.status === 'True');
    if (target) {
      finished = newCondition('Failed', 'True', target.reason ?? '', target.message ?? '', now);
    } else if (failJobMessage !== undefined) {
      // A FailJob rule matched: the interim FailureTarget records why, then the job fails.
      this.conditions.push(newCondition('FailureTarget', 'True', 'PodFailurePolicy', failJobMessage, now));
      finished = newCondition('Failed', 'True', 'PodFailurePolicy', failJobMessage, now);
    } else if (failed > backoffLimit || pastBackoffLimitOnFailure(this.spec.template?.spec?.restartPolicy, backoffLimit, restarts)) {
      finished = newCondition('Failed', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', now);
    } else if (this.pastActiveDeadline(now)) {
      finished = newCondition('Failed', 'True', 'DeadlineExceeded', 'Job was active longer than specified deadline', now);
    } else if (this.spec.activeDeadlineSeconds !== undefined && !suspended && st.startTime) {
      this.later(parseRFC3339(st.startTime as string)! + this.spec.activeDeadlineSeconds * 1000 - now);
    }
    if (this.perIndex && !finished) {
      const failedTotal = intervalsTotal(this.failedIndexes);
      const max = this.spec.maxFailedIndexes;
      if (max !== undefined && max !== null && failedTotal > max) {
        finished = newCondition('Failed', 'True', 'MaxFailedIndexesExceeded', 'Job has exceeded the specified maximal number of failed indexes', now);
      } else if (failedTotal > 0 && failedTotal + intervalsTotal(completed) >= (this.completions ?? 0)) {
        finished = newCondition('Failed', 'True', 'FailedIndexes', 'Job has failed indexes', now);
      }
    }

    let activeCount: number;
    if (finished) {
      // A failed job stops its running pods; they count as failed.
      for (const p of active) {
        if (this.deletePod(p)) {
          this.c.removeFinalizer(this.ctx.store.getByKey(R.pods, `${p.metadata.namespace}/${p.metadata.name}`) as PodObj ?? p);
          failed++;
        }
      }
      activeCount = 0;
    } else {
      activeCount = this.manageJob(active, succeeded, completed, record, suspended);
      if (isComplete(this.completions, succeeded, activeCount)) {
        finished = newCondition('Complete', 'True', '', '', now);
      } else if (suspended) {
        if (setCondition(this.conditions, 'Suspended', 'True', 'JobSuspended', 'Job suspended', now)) this.event('Normal', 'Suspended', 'Job suspended');
      } else if (setCondition(this.conditions, 'Suspended', 'False', 'JobResumed', 'Job resumed', now)) {
        this.event('Normal', 'Resumed', 'Job resumed');
        // Resumed jobs start their clock again, so that activeDeadlineSeconds counts from now.
        st.startTime = formatRFC3339(now);
      }
    }

    // ---- status ----
    const terminating = this.pods.filter((p) => p.metadata.deletionTimestamp && !isTerminal(p)).length;
    const next: JobStatus = { ...st };
    if (finished) {
      this.conditions.push(finished);
      if (finished.type === 'Complete') (next as Record<string, unknown>).completionTime = formatRFC3339(now);
    }
    next.conditions = this.conditions.length ? this.conditions : undefined;
    next.active = activeCount || undefined;
    next.ready = finished ? 0 : active.filter((p) => isReady(p) && !p.metadata.deletionTimestamp).length;
    next.succeeded = succeeded || undefined;
    next.failed = failed || undefined;
    next.terminating = terminating;
    if (this.indexed) next.completedIndexes = formatIndexes(completed) || undefined;
    if (this.perIndex) next.failedIndexes = formatIndexes(this.failedIndexes) || undefined;
    next.uncountedTerminatedPods = {};
    this.writeStatus(next);
    if (finished) {
      if (finished.type === 'Complete') this.event('Normal', 'Completed', 'Job completed');
      else this.event('Warning', finished.reason!, finished.message!);
      return;
    }
    return this.requeue !== undefined ? { requeueAfter: this.requeue } : undefined;
  }

  private pastActiveDeadline(now: number): boolean {
    const ads = this.spec.activeDeadlineSeconds;
    const start = parseRFC3339(this.status.startTime as string | undefined);
    if (ads === undefined || start === undefined || this.spec.suspend) return false;
    return now - start >= ads * 1000;
  }

  /** manageJob: deletes surplus pods or creates missing ones; returns the number now active. */
  private manageJob(active: PodObj[], succeeded: number, completed: [number, number][], record: BackoffRecord, suspended: boolean): number {
    let count = active.length;
    if (suspended) {
      for (const p of [...active].sort(removalOrder)) if (this.deletePod(p)) count--;
      return count;
    }
    const parallelism = this.spec.parallelism ?? 1;
    const want = wantActive({ completions: this.completions, parallelism, succeeded, active: count });
    // Indexed: pods for an index that is done, out of range, or run twice go first.
    const doomed: PodObj[] = [];
    const running = new Set<number>();
    let keep = active;
    if (this.indexed) {
      keep = [];
      for (const p of [...active].sort((a, b) => -removalOrder(a, b))) {
        const i = completionIndex(p);
        if (i === undefined || i >= (this.completions ?? 0) || intervalsHas(completed, i) || intervalsHas(this.failedIndexes, i) || running.has(i)) doomed.push(p);
        else {
          running.add(i);
          keep.push(p);
        }
      }
    }
    const surplus = Math.max(0, keep.length - want);
    doomed.push(...[...keep].sort(removalOrder).slice(0, surplus));
    if (doomed.length) {
      for (const p of doomed) if (this.deletePod(p)) count--;
      return count;
    }
    if (count >= want) return count;
    // The job's back-off; with backoffLimitPerIndex each index waits out its own instead.
    const wait = this.perIndex ? 0 : remainingBackoffMs(record.failuresAfterLastSuccess, record.lastFailureTime, this.now());
    if (wait > 0) {
      this.later(wait);
      return count;
    }
    // With onlyReplaceFailedPods a pod still terminating holds its place until it is terminal.
    const terminating = this.onlyReplaceFailed ? this.pods.filter((p) => p.metadata.deletionTimestamp && !isTerminal(p)).length : 0;
    const diff = want - count - terminating;
    if (this.indexed) {
      const pending = firstPendingIndexes(withIndexes([...completed, ...this.failedIndexes], []), running, this.completions ?? 0, this.completions ?? 0);
      let made = 0;
      for (const i of pending) {
        if (made >= diff) break;
        const f = this.indexFailures.get(i);
        const left = this.perIndex && f ? remainingBackoffMs(f.count, f.last, this.now()) : 0;
        if (left > 0) {
          this.later(left);
          continue;
        }
        if (!this.createPod(i)) break;
        made++;
        count++;
      }
      return count;
    }
    for (let n = 0; n < diff; n++) {
      if (!this.createPod(undefined)) break;
      count++;
    }
    return count;
  }

  private createPod(index: number | undefined): boolean {
    const job = this.job;
    const tmpl = clone(this.spec.template ?? {}) as NonNullable<JobSpec['template']>;
    const name = job.metadata.name!;
    const meta = tmpl.metadata ?? {};
    const labels = { ...(meta.labels ?? {}) };
    const annotations = { ...(meta.annotations ?? {}) };
    const podSpec = (tmpl.spec ?? { containers: [] }) as NonNullable<Pod['spec']>;
    if (index !== undefined) {
      annotations[COMPLETION_INDEX_ANNOTATION] = String(index);
      if (this.perIndex) annotations[INDEX_FAILURE_COUNT_ANNOTATION] = String(this.indexFailures.get(index)?.count ?? 0);
      labels[COMPLETION_INDEX_ANNOTATION] = String(index);
      podSpec.hostname ??= `${name}-${index}`;
      const env: EnvVar = { name: COMPLETION_INDEX_ENV, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: `metadata.annotations['${COMPLETION_INDEX_ANNOTATION}']` } } };
      const addEnv = (c: Container) => {
        if (!c.env?.some((e) => e.name === COMPLETION_INDEX_ENV)) c.env = [...(c.env ?? []), env];
      };
      podSpec.containers.forEach(addEnv);
      podSpec.initContainers?.forEach(addEnv);
    }
    const pod: PodObj = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: index !== undefined ? `${name}-${index}-` : `${name}-`,
        namespace: job.metadata.namespace,
        labels,
        ...(Object.keys(annotations).length ? { annotations } : {}),
        finalizers: [JOB_TRACKING_FINALIZER],
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name, uid: job.metadata.uid!, controller: true, blockOwnerDeletion: true }],
      },
      spec: podSpec,
    };
    try {
      const created = this.ctx.api.create(K.Pod, pod);
      this.event('Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
      return true;
    } catch (err) {
      this.event('Warning', 'FailedCreate', `Error creating: ${errorMessage(err)}`);
      return false;
    }
  }

  private deletePod(p: PodObj): boolean {
    if (p.metadata.deletionTimestamp) return true;
    try {
      this.ctx.api.delete(K.Pod, p.metadata.namespace, p.metadata.name!, { preconditions: { uid: p.metadata.uid } });
      this.event('Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`);
      return true;
    } catch (err) {
      this.event('Warning', 'FailedDelete', `Error deleting: ${errorMessage(err)}`);
      return false;
    }
  }

  private writeStatus(next: JobStatus): void {
    const clean = JSON.parse(JSON.stringify(next)) as JobStatus;
    if (deepEqual(clean, this.job.status)) return;
    try {
      this.ctx.api.update(JOB_KIND, { ...this.job, status: clean } as KubeObject, { subresource: 'status', trusted: true });
    } catch {
      // Changed meanwhile: the change re-queues the job.
    }
  }
}
