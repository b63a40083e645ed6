// The TTL-after-finished controller (pkg/controller/ttlafterfinished): a Job that has finished
// (Complete or Failed) and sets spec.ttlSecondsAfterFinished is deleted that many seconds after it
// finished — the time of its terminal condition — in the foreground, so its pods go first.

import type * as batchTypes from 'kubernetes-types/batch/v1';
import type { KubeObject } from '../api/object.ts';
import type { Mutable } from '../api/types.ts';
import type { WorkQueue } from '../sim/sim.ts';
import { parseRFC3339 } from '../util/time.ts';
import type { Controller, ControllerContext } from './context.ts';
import { JOB_KIND, JOB_RESOURCE } from './job.ts';

type Job = KubeObject & Mutable<batchTypes.Job>;

/** When a finished job's TTL runs out (timeLeft), or undefined when it has none or is not finished. */
export function jobExpiresAt(job: Job): number | undefined {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  if (ttl === undefined || ttl === null) return undefined;
  const done = job.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  if (!done) return undefined;
  const finished = parseRFC3339(done.lastTransitionTime as string | undefined);
  return finished === undefined ? undefined : finished + ttl * 1000;
}

export class TTLAfterFinishedController implements Controller {
  readonly name = 'ttl-after-finished-controller';
  private queue: WorkQueue;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.sim.queue(this.name, (key) => this.sync(key));
    ctx.store.watch(JOB_RESOURCE, (e) => {
      if (e.type === 'DELETED' || e.object.metadata.deletionTimestamp) return;
      if (jobExpiresAt(e.object as Job) !== undefined) this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    });
  }

  resync(): void {
    for (const j of this.ctx.store.each(JOB_RESOURCE)) this.queue.add(`${j.metadata.namespace}/${j.metadata.name}`);
  }

  private sync(key: string): { requeueAfter: number } | void {
    const [ns, name] = key.split('/');
    const job = this.ctx.store.get(JOB_RESOURCE, ns, name) as Job | undefined;
    if (!job || job.metadata.deletionTimestamp) return;
    const at = jobExpiresAt(job);
    if (at === undefined) return;
    const left = at - this.ctx.sim.now();
    if (left > 0) return { requeueAfter: left };
    try {
      this.ctx.api.delete(JOB_KIND, ns, name, { propagationPolicy: 'Foreground', preconditions: { uid: job.metadata.uid } });
    } catch {
      // Gone or replaced meanwhile.
    }
  }
}
