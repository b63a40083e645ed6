// The job registry's strategy: a new Job gets the generated selector and the labels that tie its
// pods to it (batch.kubernetes.io/controller-uid, job-name), and starts with an empty status.

import { prepareJobForCreate } from '../../api/defaults/workloads.ts';
import type { Strategy } from '../strategy.ts';

export const jobStrategy: Strategy = {
  prepareForCreate(obj) {
    delete obj.status;
    prepareJobForCreate(obj, obj.metadata.uid ?? '');
  },
};
