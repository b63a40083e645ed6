// Priority admission: a pod's priority comes from its PriorityClass (0 without one).

import type { Pod } from '../../api/types.ts';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import * as errors from '../../api/errors.ts';
import { R } from '../../api/wellknown.ts';
import type { AdmissionPlugin } from './types.ts';

export const PriorityAdmission: AdmissionPlugin = {
  name: 'Priority',
  admit(req, ctx) {
    if (req.operation !== 'CREATE' || req.info.resource !== 'pods' || req.info.group !== '' || req.subresource) return;
    const spec = (req.object as Pod).spec;
    if (!spec) return;
    let priority = 0;
    let preemption = 'PreemptLowerPriority';
    const className = spec.priorityClassName;
    if (className) {
      const pc = ctx.lookup(R.priorityclasses, undefined, className) as PriorityClass | undefined;
      if (!pc) throw errors.forbidden('pods', req.name, `no PriorityClass with name ${className} was found`);
      priority = pc.value;
      preemption = pc.preemptionPolicy ?? preemption;
    }
    if (spec.priority !== undefined && spec.priority !== priority) {
      throw errors.forbidden('pods', req.name, `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`);
    }
    spec.priority = priority;
    spec.preemptionPolicy ??= preemption as 'PreemptLowerPriority' | 'Never';
  },
};
