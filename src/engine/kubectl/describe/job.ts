// kubectl describe job and cronjob (describeJob, describeCronJob, describeJobTemplate in
// kubectl's pkg/describe): the spec's numbers, the status counts, the pod template and the events.

import type * as batchTypes from 'kubernetes-types/batch/v1';
import type { KubeObject } from '../../api/object.ts';
import { labelSelectorAsSelector } from '../../api/labels.ts';
import type { Mutable } from '../../api/types.ts';
import { humanDuration } from '../../util/duration.ts';
import { parseRFC3339 } from '../../util/time.ts';
import { controllerOf, describeEvents, eventsFor, printAnnotations, printLabels, rfc1123 } from './common.ts';
import { describePodTemplate } from './pod-template.ts';
import type { Describer } from './types.ts';
import { LEVEL_0, tabbed, type PrefixWriter } from './writer.ts';

type Job = Mutable<batchTypes.Job>;
type JobSpec = Mutable<batchTypes.JobSpec>;
type CronJob = Mutable<batchTypes.CronJob>;

/** capIndexesListOrNone: the list up to the first comma at or after `softLimit`, then "...". */
export function capIndexes(list: string | undefined, softLimit: number): string {
  if (!list) return '<none>';
  let ix = softLimit;
  while (ix < list.length && list[ix] !== ',') ix++;
  if (ix >= list.length) return list;
  return list.slice(0, ix + 1) + '...';
}

function selectorText(sel: JobSpec['selector']): string {
  try {
    return labelSelectorAsSelector(sel).toString();
  } catch (e) {
    return `Failed to get selector: ${(e as Error).message}`;
  }
}

export const jobDescriber: Describer = (obj: KubeObject, ctx) => {
  const job = obj as unknown as Job;
  const spec = job.spec ?? ({} as JobSpec);
  const st = job.status ?? {};
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorText(spec.selector)}\n`);
    printLabels(w, 'Labels', obj.metadata.labels);
    printAnnotations(w, 'Annotations', obj.metadata.annotations);
    const controller = controllerOf(obj);
    if (controller) w.write(LEVEL_0, `Controlled By:\t${controller}\n`);
    if (spec.parallelism !== undefined) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
    w.write(LEVEL_0, `Completions:\t${spec.completions ?? '<unset>'}\n`);
    if (spec.completionMode) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
    if (spec.suspend !== undefined) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
    if (spec.backoffLimit !== undefined) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
    if (spec.ttlSecondsAfterFinished !== undefined) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
    if (st.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123(st.startTime as string)}\n`);
    if (st.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123(st.completionTime as string)}\n`);
    if (st.startTime && st.completionTime) {
      w.write(LEVEL_0, `Duration:\t${humanDuration(parseRFC3339(st.completionTime as string)! - parseRFC3339(st.startTime as string)!)}\n`);
    }
    if (spec.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
    const counts = `${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed`;
    if (st.ready === undefined) w.write(LEVEL_0, `Pods Statuses:\t${st.active ?? 0} Active / ${counts}\n`);
    else w.write(LEVEL_0, `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${counts}\n`);
    if (spec.completionMode === 'Indexed') w.write(LEVEL_0, `Completed Indexes:\t${capIndexes(st.completedIndexes, 50)}\n`);
    describePodTemplate(w, spec.template);
    if (ctx.showEvents) describeEvents(w, eventsFor(ctx.store, obj), ctx.now);
  });
};

function describeJobTemplate(w: PrefixWriter, tmpl: Mutable<batchTypes.JobTemplateSpec> | undefined): void {
  const spec = tmpl?.spec ?? ({} as JobSpec);
  w.write(LEVEL_0, `Selector:\t${spec.selector ? selectorText(spec.selector) : '<unset>'}\n`);
  w.write(LEVEL_0, `Parallelism:\t${spec.parallelism ?? '<unset>'}\n`);
  w.write(LEVEL_0, `Completions:\t${spec.completions ?? '<unset>'}\n`);
  if (spec.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  describePodTemplate(w, spec.template);
}

export const cronJobDescriber: Describer = (obj: KubeObject, ctx) => {
  const cj = obj as unknown as CronJob;
  const spec = cj.spec!;
  const st = cj.status ?? {};
  const opt = (v: number | null | undefined, unit = '') => (v === undefined || v === null ? '<unset>' : `${v}${unit}`);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace}\n`);
    printLabels(w, 'Labels', obj.metadata.labels);
    printAnnotations(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `Schedule:\t${spec.schedule}\n`);
    w.write(LEVEL_0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
    w.write(LEVEL_0, `Suspend:\t${spec.suspend === undefined || spec.suspend === null ? '<unset>' : spec.suspend ? 'True' : 'False'}\n`);
    w.write(LEVEL_0, `Successful Job History Limit:\t${opt(spec.successfulJobsHistoryLimit)}\n`);
    w.write(LEVEL_0, `Failed Job History Limit:\t${opt(spec.failedJobsHistoryLimit)}\n`);
    w.write(LEVEL_0, `Starting Deadline Seconds:\t${opt(spec.startingDeadlineSeconds, 's')}\n`);
    describeJobTemplate(w, spec.jobTemplate);
    w.write(LEVEL_0, `Last Schedule Time:\t${st.lastScheduleTime ? rfc1123(st.lastScheduleTime as string) : '<unset>'}\n`);
    w.write(LEVEL_0, 'Active Jobs:\t');
    const active = st.active ?? [];
    if (!active.length) w.writeLine('<none>');
    else w.writeLine(active.map((r) => r.name).join(', '));
    if (ctx.showEvents) describeEvents(w, eventsFor(ctx.store, obj), ctx.now);
  });
};
