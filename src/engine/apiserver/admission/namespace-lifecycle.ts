// NamespaceLifecycle: nothing is created in a namespace that does not exist or is being deleted,
// and the system namespaces cannot be deleted.

import type { Namespace } from '../../api/types.ts';
import * as errors from '../../api/errors.ts';
import { groupResource } from '../../api/kinds.ts';
import { R } from '../../api/wellknown.ts';
import type { AdmissionPlugin } from './types.ts';

export const IMMORTAL_NAMESPACES = ['default', 'kube-system', 'kube-public'];

// It runs first, before the mutating plugins, so that a missing or terminating namespace is what
// the learner hears about (not, say, a service account that is already gone with it).
export const NamespaceLifecycle: AdmissionPlugin = {
  name: 'NamespaceLifecycle',
  validate(req) {
    if (req.operation === 'DELETE' && req.info.resource === 'namespaces' && IMMORTAL_NAMESPACES.includes(req.name)) {
      throw errors.forbidden('namespaces', req.name, 'this namespace may not be deleted');
    }
  },
  admit(req, ctx) {
    if (req.operation !== 'CREATE' || !req.info.namespaced || req.subresource) return;
    const ns = req.namespace ?? '';
    const obj = ctx.lookup(R.namespaces, undefined, ns) as Namespace | undefined;
    if (!obj) throw errors.notFound('namespaces', ns);
    if (obj.metadata?.deletionTimestamp || obj.status?.phase === 'Terminating') {
      throw errors.forbidden(groupResource(req.info), req.name, `unable to create new content in namespace ${ns} because it is being terminated`);
    }
  },
};
