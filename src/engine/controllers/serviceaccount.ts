// The service account controller: every namespace has a "default" ServiceAccount, recreated if
// deleted (pkg/controller/serviceaccount).

import { K, R } from '../api/wellknown.ts';
import type { WorkQueue } from '../sim/sim.ts';
import type { Controller, ControllerContext } from './context.ts';

export class ServiceAccountController implements Controller {
  readonly name = 'serviceaccount-controller';
  private queue: WorkQueue;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.sim.queue(this.name, (ns) => this.sync(ns));
    ctx.store.watch(R.namespaces, (e) => {
      if (e.type === 'ADDED') this.queue.add(e.object.metadata.name!);
    });
    ctx.store.watch(R.serviceaccounts, (e) => {
      if (e.type === 'DELETED' && e.object.metadata.name === 'default') this.queue.add(e.object.metadata.namespace!);
    });
  }

  resync(): void {
    for (const ns of this.ctx.store.each(R.namespaces)) this.queue.add(ns.metadata.name!);
  }

  private sync(namespace: string): void {
    const { store, api } = this.ctx;
    const ns = store.get(R.namespaces, undefined, namespace);
    if (!ns || ns.metadata.deletionTimestamp) return;
    if (store.get(R.serviceaccounts, namespace, 'default')) return;
    api.create(K.ServiceAccount, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } });
  }
}
