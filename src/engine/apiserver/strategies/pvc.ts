// The persistentvolumeclaim registry's strategy: a new claim's status is reset, and what is read
// back is defaulted (SetDefaults_PersistentVolumeClaim), so a claim always shows a phase: Pending
// until a binder binds it.

import type { Strategy } from '../strategy.ts';

export const pvcStrategy: Strategy = {
  prepareForCreate(obj) {
    obj.status = { phase: 'Pending' };
  },
};
