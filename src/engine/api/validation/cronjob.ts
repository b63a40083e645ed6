// CronJobs as pkg/apis/batch/validation checks them (Kubernetes 1.30): the schedule as robfig/cron
// parses it, the time zone, and the job template (whose selector the controller generates).

import type * as batch from 'kubernetes-types/batch/v1';
import { FieldPath, invalid, notSupported, required, type FieldError } from '../field.ts';
import type { KubeObject } from '../object.ts';
import { maxLenError } from '../names.ts';
import type { Mutable } from '../types.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { goLabelSelector } from './go-values.ts';
import { nonNegative } from './field-rules.ts';
import { loadLocationError, validateCronSchedule } from './cron.ts';
import { validateJobSpec } from './batch.ts';

type CronJob = Mutable<batch.CronJob>;
type CronJobSpec = Mutable<batch.CronJobSpec>;
type JobSpec = Mutable<batch.JobSpec>;

const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'];
const ROOT = FieldPath.root();
const SPEC = FieldPath.root('spec');

/** The cronjob controller appends an 11-character suffix to name its jobs (63 - 11). */
const MAX_CRONJOB_NAME_LENGTH = 52;

/** ValidateCronJobCreate. */
export function validateCronJob(obj: KubeObject): FieldError[] {
  const cj = obj as unknown as CronJob;
  const errs = validateObjectMeta(cj.metadata, { namespaced: true }, ROOT.child('metadata'));
  errs.push(...validateCronJobSpec(cj.spec ?? ({} as CronJobSpec), SPEC));
  const name = cj.metadata?.name ?? '';
  if (name.length > MAX_CRONJOB_NAME_LENGTH) errs.push(invalid('metadata.name', name, maxLenError(MAX_CRONJOB_NAME_LENGTH)));
  return errs;
}

/**
 * ValidateCronJobUpdate's additions to validate: the metadata rules. (Kubernetes also lets a
 * schedule that already had TZ= keep it and skips the 52-character name rule on update; validate
 * here cannot see the old object, so it applies the create rules.)
 */
export function validateCronJobUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  return validateObjectMetaUpdate(obj.metadata, oldObj.metadata, ROOT.child('metadata'));
}

function validateCronJobSpec(spec: CronJobSpec, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const schedulePath = path.child('schedule');
  if (!spec.schedule) errs.push(required(schedulePath));
  else {
    const err = validateCronSchedule(spec.schedule);
    if (err) errs.push(invalid(schedulePath, spec.schedule, err));
    if (spec.schedule.includes('TZ')) {
      errs.push(invalid(schedulePath, spec.schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    }
  }
  nonNegative(errs, spec.startingDeadlineSeconds, path.child('startingDeadlineSeconds'));
  validateTimeZone(errs, spec.timeZone, path.child('timeZone'));
  const policy = spec.concurrencyPolicy ?? '';
  if (policy === '') errs.push(required(path.child('concurrencyPolicy')));
  else if (!CONCURRENCY_POLICIES.includes(policy)) errs.push(notSupported(path.child('concurrencyPolicy'), policy, CONCURRENCY_POLICIES));
  errs.push(...validateJobTemplateSpec(spec.jobTemplate, path.child('jobTemplate')));
  nonNegative(errs, spec.successfulJobsHistoryLimit, path.child('successfulJobsHistoryLimit'));
  nonNegative(errs, spec.failedJobsHistoryLimit, path.child('failedJobsHistoryLimit'));
  return errs;
}

/** Each '/'-separated part of a zone name: IANA's rules, with digits and '+' tolerated. */
const TZ_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

function validateTimeZone(errs: FieldError[], tz: string | undefined, path: FieldPath): void {
  if (tz === undefined) return;
  if (tz === '') {
    errs.push(invalid(path, tz, 'timeZone must be nil or non-empty string'));
    return;
  }
  for (const part of tz.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TZ_PART.test(part)) {
      errs.push(invalid(path, tz, `unknown time zone ${tz}`));
      return;
    }
  }
  if (tz.toLowerCase() === 'local') {
    errs.push(invalid(path, tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  }
  const err = loadLocationError(tz);
  if (err) errs.push(invalid(path, tz, err));
}

/** ValidateJobTemplateSpec: the job spec, whose selector the cronjob controller generates. */
function validateJobTemplateSpec(t: CronJobSpec['jobTemplate'] | undefined, path: FieldPath): FieldError[] {
  const spec: JobSpec = t?.spec ?? ({} as JobSpec);
  const specPath = path.child('spec');
  const errs = validateJobSpec(spec, specPath);
  if (spec.selector) errs.push(invalid(specPath.child('selector'), goLabelSelector(spec.selector), '`selector` will be auto-generated'));
  if (spec.manualSelector === true) errs.push(notSupported(specPath.child('manualSelector'), true, ['nil', 'false']));
  return errs;
}
