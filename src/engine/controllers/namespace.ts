// The namespace controller: when a namespace is being deleted, delete everything in it, then
// remove the "kubernetes" finalizer so the namespace itself goes (pkg/controller/namespace).

import type { Namespace } from '../api/types.ts';
import { K, R } from '../api/wellknown.ts';
import { groupResource } from '../api/kinds.ts';
import type { KubeObject } from '../api/object.ts';
import type { WorkQueue } from '../sim/sim.ts';
import type { Controller, ControllerContext } from './context.ts';

/** How soon to look again while content is still going away (the real controller waits a few seconds too). */
const RECHECK_MS = 2000;

export class NamespaceController implements Controller {
  readonly name = 'namespace-controller';
  private queue: WorkQueue;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.sim.queue(this.name, (key) => this.sync(key));
    ctx.store.watch(R.namespaces, (e) => {
      if (e.type !== 'DELETED' && e.object.metadata.deletionTimestamp) this.queue.add(e.object.metadata.name!);
    });
  }

  resync(): void {
    for (const ns of this.ctx.store.each(R.namespaces)) if (ns.metadata.deletionTimestamp) this.queue.add(ns.metadata.name!);
  }

  private sync(name: string) {
    const { api, store, kinds } = this.ctx;
    const ns = store.get(R.namespaces, undefined, name) as (KubeObject & Namespace) | undefined;
    if (!ns?.metadata.deletionTimestamp) return;
    let found = 0;
    for (const info of kinds.kinds) {
      if (!info.namespaced || info.virtual) continue;
      const objs = store.list(groupResource(info), name);
      for (const o of objs) {
        found++;
        if (o.metadata.deletionTimestamp) continue;
        try {
          api.delete(info, name, o.metadata.name!, { propagationPolicy: 'Background' });
        } catch {
          // Deleted by someone else meanwhile.
        }
      }
    }
    // The namespace is finalized on a pass that finds it already empty.
    if (found) return { requeueAfter: RECHECK_MS };
    if (ns.spec?.finalizers?.length) {
      api.mutate(K.Namespace, undefined, name, (o) => {
        (o as KubeObject & Namespace).spec = { ...(o as Namespace).spec, finalizers: [] };
      }, { subresource: 'finalize' });
    }
  }
}
