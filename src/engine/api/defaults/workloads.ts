// Defaulting of the workload kinds as pkg/apis/apps/v1 and pkg/apis/batch/v1 do it (Kubernetes
// 1.30, with its default feature gates), plus the job registry's selector generation.

import type * as apps from 'kubernetes-types/apps/v1';
import type * as batch from 'kubernetes-types/batch/v1';
import type { KubeObject } from '../object.ts';
import type { Mutable } from '../types.ts';
import type { DefaulterTable } from './types.ts';
import { defaultPodTemplateSpec } from './pod.ts';
import { defaultResourceList } from './resources.ts';

type Deployment = Mutable<apps.Deployment>;
type ReplicaSet = Mutable<apps.ReplicaSet>;
type DaemonSet = Mutable<apps.DaemonSet>;
type StatefulSet = Mutable<apps.StatefulSet>;
type Job = Mutable<batch.Job>;
type JobSpec = Mutable<batch.JobSpec>;
type CronJob = Mutable<batch.CronJob>;

/** math.MaxInt32: the backoffLimit of a job that counts failures per index instead. */
const MAX_INT32 = 2147483647;

/** SetDefaults_Deployment: apps/v1's 25% surge and unavailability, 10 revisions, 600s deadline. */
export function defaultDeployment(obj: KubeObject): void {
  const d = obj as unknown as Deployment;
  const spec = (d.spec ??= {} as NonNullable<Deployment['spec']>);
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= '25%';
    ru.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  defaultPodTemplateSpec(spec.template);
}

/** SetDefaults_ReplicaSet. */
export function defaultReplicaSet(obj: KubeObject): void {
  const rs = obj as unknown as ReplicaSet;
  const spec = (rs.spec ??= {} as NonNullable<ReplicaSet['spec']>);
  spec.replicas ??= 1;
  defaultPodTemplateSpec(spec.template);
}

/** SetDefaults_DaemonSet: one node at a time, no surge. */
export function defaultDaemonSet(obj: KubeObject): void {
  const ds = obj as unknown as DaemonSet;
  const spec = (ds.spec ??= {} as NonNullable<DaemonSet['spec']>);
  const strategy = (spec.updateStrategy ??= {});
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= 1;
    ru.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplateSpec(spec.template);
}

/**
 * SetDefaults_StatefulSet (StatefulSetAutoDeletePVC is on in 1.30), and the claim templates'
 * PersistentVolumeClaim defaults.
 */
export function defaultStatefulSet(obj: KubeObject): void {
  const sts = obj as unknown as StatefulSet;
  const spec = (sts.spec ??= {} as NonNullable<StatefulSet['spec']>);
  if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady';
  const strategy = (spec.updateStrategy ??= {});
  if (!strategy.type) {
    strategy.type = 'RollingUpdate';
    strategy.rollingUpdate ??= {};
  }
  if (strategy.type === 'RollingUpdate' && strategy.rollingUpdate) strategy.rollingUpdate.partition ??= 0;
  const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
  if (!retention.whenDeleted) retention.whenDeleted = 'Retain';
  if (!retention.whenScaled) retention.whenScaled = 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  defaultPodTemplateSpec(spec.template);
  for (const pvc of spec.volumeClaimTemplates ?? []) {
    // SetDefaults_PersistentVolumeClaim and SetDefaults_PersistentVolumeClaimSpec.
    const status = (pvc.status ??= {});
    if (!status.phase) status.phase = 'Pending';
    const pvcSpec = (pvc.spec ??= {});
    pvcSpec.volumeMode ??= 'Filesystem';
    defaultResourceList(pvcSpec.resources?.requests);
    defaultResourceList(pvcSpec.resources?.limits);
  }
}

/**
 * SetDefaults_Job. Completions and parallelism both default to 1 only when both are unset; a job
 * that sets parallelism alone keeps completions unset (a work queue). A job that counts failures
 * per index gets an effectively unlimited backoffLimit. An unlabeled job takes its template's
 * labels.
 */
export function defaultJob(obj: KubeObject): void {
  const job = obj as unknown as Job;
  const spec = (job.spec ??= {} as JobSpec);
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  if (spec.backoffLimit === undefined) spec.backoffLimit = spec.backoffLimitPerIndex !== undefined ? MAX_INT32 : 6;
  copyTemplateLabels(obj);
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  for (const rule of spec.podFailurePolicy?.rules ?? []) {
    for (const pattern of rule.onPodConditions ?? []) if (!pattern.status) pattern.status = 'True';
  }
  // JobPodReplacementPolicy is beta and on in 1.30.
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  defaultPodTemplateSpec(spec.template);
}

function copyTemplateLabels(obj: KubeObject): void {
  const labels = (obj as unknown as Job).spec?.template?.metadata?.labels;
  if (labels && Object.keys(obj.metadata.labels ?? {}).length === 0) obj.metadata.labels = { ...labels };
}

/**
 * The job registry's PrepareForCreate, after the uid is assigned: unless manualSelector is set,
 * label the template with the job's name and uid (legacy and batch.kubernetes.io/ keys) and
 * select on the uid; drop the fields of features that are off in 1.30 (managedBy, successPolicy).
 * The stored job is read back through SetDefaults_Job, which copies the template's labels onto an
 * unlabeled job, so that is done here too.
 */
export function prepareJobForCreate(obj: KubeObject, uid: string): void {
  const job = obj as unknown as Job;
  const spec = (job.spec ??= {} as JobSpec);
  if (spec.manualSelector !== true) {
    const template = (spec.template ??= {});
    const meta = (template.metadata ??= {});
    const labels = (meta.labels ??= {});
    const name = obj.metadata.name ?? '';
    // A user's own value for a generated label is kept; validation then reports the conflict.
    for (const key of ['job-name', 'batch.kubernetes.io/job-name']) if (!Object.hasOwn(labels, key)) labels[key] = name;
    for (const key of ['controller-uid', 'batch.kubernetes.io/controller-uid']) if (!Object.hasOwn(labels, key)) labels[key] = uid;
    const selector = (spec.selector ??= {});
    const matchLabels = (selector.matchLabels ??= {});
    if (!Object.hasOwn(matchLabels, 'batch.kubernetes.io/controller-uid')) matchLabels['batch.kubernetes.io/controller-uid'] = uid;
  }
  delete spec.managedBy;
  delete spec.successPolicy;
  copyTemplateLabels(obj);
}

/** SetDefaults_CronJob; the job template gets its pod template's defaults only (not SetDefaults_Job). */
export function defaultCronJob(obj: KubeObject): void {
  const cj = obj as unknown as CronJob;
  const spec = (cj.spec ??= {} as NonNullable<CronJob['spec']>);
  if (!spec.concurrencyPolicy) spec.concurrencyPolicy = 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  defaultPodTemplateSpec(spec.jobTemplate?.spec?.template);
}

export const workloadDefaulters: DefaulterTable = {
  'deployments.apps': defaultDeployment,
  'replicasets.apps': defaultReplicaSet,
  'daemonsets.apps': defaultDaemonSet,
  'statefulsets.apps': defaultStatefulSet,
  'jobs.batch': defaultJob,
  'cronjobs.batch': defaultCronJob,
};
