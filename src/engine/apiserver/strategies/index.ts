// Every kind's registry strategy: its defaulting and validation (api/defaults, api/validation)
// combined with what the kind's registry does on create, update and delete.

import { applyDefaults } from '../../api/defaults/index.ts';
import { groupResource, type KindInfo } from '../../api/kinds.ts';
import { validateObject, validateObjectUpdate } from '../../api/validation/index.ts';
import { StrategyRegistry, type Strategy } from '../strategy.ts';
import { genericStrategy } from './generic.ts';
import { namespaceStrategy } from './namespace.ts';
import { podStrategy } from './pod.ts';
import { serviceStrategy } from './service.ts';
import { jobStrategy } from './job.ts';
import { daemonSetStrategy } from './daemonset.ts';
import { pvcStrategy } from './pvc.ts';

const SPECIAL: Record<string, Strategy> = {
  pods: podStrategy,
  namespaces: namespaceStrategy,
  services: serviceStrategy,
  'jobs.batch': jobStrategy,
  'daemonsets.apps': daemonSetStrategy,
  persistentvolumeclaims: pvcStrategy,
};

export function buildStrategies(kinds: readonly KindInfo[]): StrategyRegistry {
  const reg = new StrategyRegistry();
  for (const info of kinds) {
    const resource = groupResource(info);
    const special = SPECIAL[resource] ?? genericStrategy(info);
    reg.set(resource, {
      ...special,
      defaults: (obj) => applyDefaults(resource, obj),
      validate: (obj) => validateObject(resource, obj),
      validateUpdate: (obj, old) => validateObjectUpdate(resource, obj, old),
    });
  }
  return reg;
}
