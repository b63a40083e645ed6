// The CronJob controller (pkg/controller/cronjob, cronjob_controllerv2.go, as in 1.30). One sync per
// cronjob: it reconciles status.active with the jobs it owns (SawCompletedJob, MissingJob,
// lastSuccessfulTime), then, unless suspended, finds the most recent schedule time not yet run
// and starts a job for it — named <cronjob>-<minutes since the epoch> — subject to
// startingDeadlineSeconds and concurrencyPolicy; finally it deletes finished jobs beyond the
// history limits, and looks again just after the next schedule time.

import type * as batchTypes from 'kubernetes-types/batch/v1';
import { KINDS } from '../api/kinds.ts';
import { clone, deepEqual, type KubeObject } from '../api/object.ts';
import type { Mutable } from '../api/types.ts';
import type * as core from 'kubernetes-types/core/v1';
import type { WorkQueue } from '../sim/sim.ts';
import { formatRFC3339, parseRFC3339 } from '../util/time.ts';
import type { Controller, ControllerContext } from './context.ts';
import { formatInZone, formatRFC1123Z, mostRecentScheduleTime, nextScheduleDelay, parseSchedule, scheduledMinutes, type Schedule } from './cron-schedule.ts';
import { isJobFinished, JOB_KIND, JOB_RESOURCE } from './job.ts';
import { loadLocationError } from '../api/validation/cron.ts';

type CronJob = KubeObject & Mutable<batchTypes.CronJob>;
type CronJobStatus = Mutable<batchTypes.CronJobStatus>;
type Job = KubeObject & Mutable<batchTypes.Job>;
type ObjectReference = Mutable<core.ObjectReference>;

export const CRONJOB_KIND = KINDS.find((k) => k.kind === 'CronJob' && k.group === 'batch')!;
export const CRONJOB_RESOURCE = 'cronjobs.batch';
export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
const SOURCE = { component: 'cronjob-controller' };

function controllerCronJob(job: KubeObject) {
  const ref = job.metadata.ownerReferences?.find((r) => r.controller);
  return ref && ref.kind === 'CronJob' && ref.apiVersion === 'batch/v1' ? ref : undefined;
}

/** The job's terminal condition type (Complete or Failed), if it has finished. */
function finishedType(job: Job): string | undefined {
  return job.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')?.type;
}

/** byJobStartTime: started jobs oldest first, then the ones not started, ties by name. */
function byStartTime(a: Job, b: Job): number {
  const sa = parseRFC3339(a.status?.startTime as string | undefined);
  const sb = parseRFC3339(b.status?.startTime as string | undefined);
  if (sa === undefined && sb !== undefined) return 1;
  if (sa !== undefined && sb === undefined) return -1;
  if (sa === sb) return a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0;
  return sa! - sb!;
}

export class CronJobController implements Controller {
  readonly name = 'cronjob-controller';
  private queue: WorkQueue;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.sim.queue(this.name, (key) => this.sync(key));
    ctx.store.watch(CRONJOB_RESOURCE, (e) => {
      if (e.type !== 'DELETED') this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    });
    ctx.store.watch(JOB_RESOURCE, (e) => {
      const ref = controllerCronJob(e.object);
      if (ref) this.queue.add(`${e.object.metadata.namespace}/${ref.name}`);
    });
  }

  resync(): void {
    for (const cj of this.ctx.store.each(CRONJOB_RESOURCE)) this.queue.add(`${cj.metadata.namespace}/${cj.metadata.name}`);
  }

  private event(cj: CronJob, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.events.event(cj, type, reason, message, SOURCE);
  }

  private sync(key: string): { requeueAfter: number } | void {
    const [ns, name] = key.split('/');
    const cj = this.ctx.store.get(CRONJOB_RESOURCE, ns, name) as CronJob | undefined;
    if (!cj) return;
    const jobs = (this.ctx.store.list(JOB_RESOURCE, ns) as Job[]).filter((j) => controllerCronJob(j)?.uid === cj.metadata.uid);
    const status = clone((cj.status ?? {}) as CronJobStatus) as CronJobStatus;
    const requeue = this.syncCronJob(cj, status, jobs);
    this.cleanupFinishedJobs(cj, status, jobs);
    if (status.active && !status.active.length) delete status.active;
    if (!deepEqual(status, cj.status ?? {})) {
      try {
        this.ctx.api.update(CRONJOB_KIND, { ...cj, status } as KubeObject, { subresource: 'status', trusted: true });
      } catch {
        // Changed meanwhile: the change brings it back here.
      }
    }
    return requeue === undefined ? undefined : { requeueAfter: requeue };
  }

  private syncCronJob(cj: CronJob, status: CronJobStatus, jobs: Job[]): number | undefined {
    const now = this.ctx.sim.now();
    const active = (status.active ??= []);
    const mine = new Set(jobs.map((j) => j.metadata.uid));
    for (const j of jobs) {
      const listed = active.some((r) => r.uid === j.metadata.uid);
      const done = finishedType(j);
      if (!listed && !done) {
        // Ours but not started by this controller (kubectl create job --from, or lost track): not adopted.
        this.event(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata.name}`);
      } else if (listed && done) {
        active.splice(active.findIndex((r) => r.uid === j.metadata.uid), 1);
        this.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, status: ${done}`);
      }
      if (done === 'Complete') {
        // A job need not be in the active list for its success to count.
        const t = parseRFC3339(j.status?.completionTime as string | undefined);
        const last = parseRFC3339(status.lastSuccessfulTime as string | undefined);
        if (t !== undefined && (last === undefined || t > last)) status.lastSuccessfulTime = j.status!.completionTime;
      }
    }
    for (const r of [...active]) {
      if (mine.has(r.uid)) continue;
      if (this.ctx.store.get(JOB_RESOURCE, r.namespace, r.name!)) continue;
      this.event(cj, 'Normal', 'MissingJob', `Active job went missing: ${r.name}`);
      active.splice(active.indexOf(r), 1);
    }

    if (cj.metadata.deletionTimestamp) return undefined;
    const spec = cj.spec!;
    if (spec.timeZone) {
      const err = loadLocationError(spec.timeZone);
      if (err) {
        this.event(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: "${spec.timeZone}": ${err}`);
        return undefined;
      }
    }
    if (spec.suspend) return undefined;
    let sched: Schedule;
    try {
      sched = parseSchedule(spec.schedule, spec.timeZone ?? undefined);
    } catch (err) {
      this.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: "${spec.schedule}" : ${(err as Error).message}`);
      return undefined;
    }
    const created = parseRFC3339(cj.metadata.creationTimestamp)!;
    const lastSchedule = parseRFC3339(status.lastScheduleTime as string | undefined);
    const next = () => nextScheduleDelay(sched, created, lastSchedule, now);

    const recent = mostRecentScheduleTime(sched, created, lastSchedule, spec.startingDeadlineSeconds ?? undefined, now);
    if (recent.error) {
      this.event(cj, 'Warning', 'InvalidSchedule', `invalid schedule: ${spec.schedule} : ${recent.error}`);
      return undefined;
    }
    if (recent.mostRecent !== undefined && recent.missed === 'many') {
      this.event(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
    }
    const scheduled = recent.mostRecent;
    if (scheduled === undefined) return next();
    if (spec.startingDeadlineSeconds !== undefined && spec.startingDeadlineSeconds !== null && scheduled + spec.startingDeadlineSeconds * 1000 < now) {
      this.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${formatRFC1123Z(scheduled)}`);
      return next();
    }
    const jobName = `${cj.metadata.name}-${scheduledMinutes(scheduled)}`;
    if (active.some((r) => r.name === jobName) || lastSchedule === scheduled) return next();
    if (spec.concurrencyPolicy === 'Forbid' && active.length > 0) {
      this.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return next();
    }
    if (spec.concurrencyPolicy === 'Replace') {
      for (const r of [...active]) {
        const j = this.ctx.store.get(JOB_RESOURCE, r.namespace, r.name!) as Job | undefined;
        if (j && !this.deleteJob(cj, j)) return undefined;
        active.splice(active.indexOf(r), 1);
      }
    }

    let job: Job;
    try {
      job = this.ctx.api.create(JOB_KIND, this.jobFromTemplate(cj, jobName, scheduled)) as Job;
    } catch (err) {
      const existing = this.ctx.store.get(JOB_RESOURCE, cj.metadata.namespace, jobName) as Job | undefined;
      if (existing && controllerCronJob(existing)?.uid === cj.metadata.uid) return next(); // made before, by us
      this.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${(err as Error).message}`);
      return undefined;
    }
    this.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${job.metadata.name}`);
    const ref: ObjectReference = { apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name, namespace: job.metadata.namespace, resourceVersion: job.metadata.resourceVersion, uid: job.metadata.uid };
    active.push(ref);
    status.lastScheduleTime = formatRFC3339(scheduled);
    return nextScheduleDelay(sched, created, scheduled, now);
  }

  /** getJobFromTemplate2: the job template's labels, annotations and spec, owned by the cronjob. */
  private jobFromTemplate(cj: CronJob, name: string, scheduled: number): KubeObject {
    const tmpl = clone(cj.spec!.jobTemplate);
    const zone = cj.spec!.timeZone || 'UTC';
    return {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        namespace: cj.metadata.namespace,
        labels: { ...(tmpl.metadata?.labels ?? {}) },
        annotations: { ...(tmpl.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP_ANNOTATION]: formatInZone(scheduled, zone) },
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name!, uid: cj.metadata.uid!, controller: true, blockOwnerDeletion: true }],
      },
      spec: tmpl.spec,
    } as KubeObject;
  }

  /** deleteJob: in the background, with the SuccessfulDelete event. */
  private deleteJob(cj: CronJob, job: Job): boolean {
    try {
      this.ctx.api.delete(JOB_KIND, job.metadata.namespace, job.metadata.name!, { propagationPolicy: 'Background' });
    } catch (err) {
      this.event(cj, 'Warning', 'FailedDelete', `Deleted job: ${(err as Error).message}`);
      return false;
    }
    this.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`);
    return true;
  }

  /** cleanupFinishedJobs: keeps the newest successfulJobsHistoryLimit and failedJobsHistoryLimit finished jobs. */
  private cleanupFinishedJobs(cj: CronJob, status: CronJobStatus, jobs: Job[]): void {
    const spec = cj.spec!;
    if ((spec.successfulJobsHistoryLimit ?? null) === null && (spec.failedJobsHistoryLimit ?? null) === null) return;
    const live = jobs.filter((j) => !j.metadata.deletionTimestamp && isJobFinished(j));
    const trim = (list: Job[], limit: number | null | undefined) => {
      if (limit === null || limit === undefined) return;
      const sorted = [...list].sort(byStartTime);
      for (let i = 0; i < sorted.length - limit; i++) {
        if (this.deleteJob(cj, sorted[i])) status.active = (status.active ?? []).filter((r) => r.uid !== sorted[i].metadata.uid);
      }
    };
    trim(live.filter((j) => finishedType(j) === 'Complete'), spec.successfulJobsHistoryLimit);
    trim(live.filter((j) => finishedType(j) === 'Failed'), spec.failedJobsHistoryLimit);
  }
}
