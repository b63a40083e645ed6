// Validation of the workload kinds (apps and batch), keyed by group-qualified resource.

import type { ValidatorTable } from './types.ts';
import {
  validateControllerRevision,
  validateControllerRevisionUpdate,
  validateDaemonSet,
  validateDaemonSetUpdate,
  validateDeployment,
  validateDeploymentUpdate,
  validateReplicaSet,
  validateReplicaSetUpdate,
  validateStatefulSet,
  validateStatefulSetUpdate,
} from './apps.ts';
import { validateJob, validateJobUpdate } from './batch.ts';
import { validateCronJob, validateCronJobUpdate } from './cronjob.ts';

export const workloadValidators: ValidatorTable = {
  'deployments.apps': { validate: validateDeployment, validateUpdate: validateDeploymentUpdate },
  'replicasets.apps': { validate: validateReplicaSet, validateUpdate: validateReplicaSetUpdate },
  'daemonsets.apps': { validate: validateDaemonSet, validateUpdate: validateDaemonSetUpdate },
  'statefulsets.apps': { validate: validateStatefulSet, validateUpdate: validateStatefulSetUpdate },
  'controllerrevisions.apps': { validate: validateControllerRevision, validateUpdate: validateControllerRevisionUpdate },
  'jobs.batch': { validate: validateJob, validateUpdate: validateJobUpdate },
  'cronjobs.batch': { validate: validateCronJob, validateUpdate: validateCronJobUpdate },
};
