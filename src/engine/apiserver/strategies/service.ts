// The service registry's strategy: ClusterIPs and node ports are allocated on create (and kept on
// update when a client leaves them out, as the apiserver's patchAllocatedValues does).

import type { Service } from '../../api/types.ts';
import * as errors from '../../api/errors.ts';
import { R } from '../../api/wellknown.ts';
import { allocateClusterIP, allocateNodePorts, inUse, needsNodePorts } from '../../network/service-alloc.ts';
import type { Strategy, StrategyContext } from '../strategy.ts';

function servicesInUse(ctx: StrategyContext, exceptUid?: string) {
  return inUse(ctx.all(R.services) as Iterable<Service>, exceptUid);
}

export const serviceStrategy: Strategy = {
  prepareForCreate(obj, ctx) {
    const svc = obj as unknown as Service;
    svc.status = { loadBalancer: {} };
    if (!svc.spec) return;
    const used = servicesInUse(ctx);
    const errs = allocateClusterIP(svc, used, ctx.random);
    if (needsNodePorts(svc)) errs.push(...allocateNodePorts(svc, used, ctx.random));
    if (errs.length) throw errors.invalid('Service', obj.metadata.name ?? '', errs);
  },
  prepareForUpdate(obj, old, ctx) {
    const svc = obj as unknown as Service;
    const prev = old as unknown as Service;
    if (!svc.spec || !prev.spec) return;
    if (!svc.spec.clusterIP && prev.spec.clusterIP && svc.spec.type !== 'ExternalName') {
      svc.spec.clusterIP = prev.spec.clusterIP;
      svc.spec.clusterIPs = prev.spec.clusterIPs;
    }
    if (needsNodePorts(svc)) {
      const used = servicesInUse(ctx, old.metadata.uid);
      const errs = allocateNodePorts(svc, used, ctx.random, prev.spec.ports);
      if (errs.length) throw errors.invalid('Service', obj.metadata.name ?? '', errs);
    }
  },
};
