// The node IPAM controller (kube-controller-manager --allocate-node-cidrs): gives every node a /24
// from the cluster CIDR 10.244.0.0/16, the first free one, and takes it back when the node goes.

import { K, R } from '../api/wellknown.ts';
import type { KubeObject } from '../api/object.ts';
import type { WorkQueue } from '../sim/sim.ts';
import type { Controller, ControllerContext } from './context.ts';

export const CLUSTER_CIDR_PREFIX = '10.244';
const MAX_NODES = 256;

export function podCidr(index: number): string {
  return `${CLUSTER_CIDR_PREFIX}.${index}.0/24`;
}

export class NodeIpamController implements Controller {
  readonly name = 'node-ipam-controller';
  private queue: WorkQueue;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.sim.queue(this.name, (name) => this.sync(name));
    ctx.store.watch(R.nodes, (e) => {
      if (e.type !== 'DELETED' && !(e.object.spec as { podCIDR?: string } | undefined)?.podCIDR) this.queue.add(e.object.metadata.name!);
    });
  }

  resync(): void {
    for (const n of this.ctx.store.each(R.nodes)) if (!(n.spec as { podCIDR?: string } | undefined)?.podCIDR) this.queue.add(n.metadata.name!);
  }

  private sync(name: string): void {
    const { store, api, events } = this.ctx;
    const node = store.get(R.nodes, undefined, name);
    if (!node || (node.spec as { podCIDR?: string } | undefined)?.podCIDR) return;
    const used = new Set<string>();
    for (const n of store.each(R.nodes)) {
      const c = (n.spec as { podCIDR?: string } | undefined)?.podCIDR;
      if (c) used.add(c);
    }
    for (let i = 0; i < MAX_NODES; i++) {
      const cidr = podCidr(i);
      if (used.has(cidr)) continue;
      api.mutate(K.Node, undefined, name, (o: KubeObject) => {
        o.spec = { ...(o.spec as object), podCIDR: cidr, podCIDRs: [cidr] };
      });
      return;
    }
    events.event(node, 'Normal', 'CIDRNotAvailable', `Node ${name} status is now: CIDRNotAvailable`, { component: 'cidrAllocator' });
  }
}
