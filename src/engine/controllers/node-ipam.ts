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
  /** CIDR by node and node by CIDR, kept from the watch so allocation never rescans every node. */
  private byNode = new Map<string, string>();
  private byCidr = new Map<string, string>();

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.sim.queue(this.name, (name) => this.sync(name));
    ctx.store.watch(R.nodes, (e) => {
      const name = e.object.metadata.name!;
      this.forget(name);
      if (e.type === 'DELETED') return;
      const cidr = podCidrOf(e.object);
      if (cidr) this.remember(name, cidr);
      else this.queue.add(name);
    });
  }

  private remember(node: string, cidr: string): void {
    this.byNode.set(node, cidr);
    this.byCidr.set(cidr, node);
  }

  private forget(node: string): void {
    const cidr = this.byNode.get(node);
    if (cidr === undefined) return;
    this.byNode.delete(node);
    if (this.byCidr.get(cidr) === node) this.byCidr.delete(cidr);
  }

  resync(): void {
    this.byNode.clear();
    this.byCidr.clear();
    for (const n of this.ctx.store.each(R.nodes)) {
      const cidr = podCidrOf(n);
      if (cidr) this.remember(n.metadata.name!, cidr);
      else this.queue.add(n.metadata.name!);
    }
  }

  private sync(name: string): void {
    const { store, api, events } = this.ctx;
    const node = store.get(R.nodes, undefined, name);
    if (!node || podCidrOf(node)) return;
    for (let i = 0; i < MAX_NODES && this.byCidr.size < MAX_NODES; i++) {
      const cidr = podCidr(i);
      if (this.byCidr.has(cidr)) continue;
      api.mutate(K.Node, undefined, name, (o: KubeObject) => {
        o.spec = { ...(o.spec as object), podCIDR: cidr, podCIDRs: [cidr] };
      });
      return;
    }
    events.event(node, 'Normal', 'CIDRNotAvailable', `Node ${name} status is now: CIDRNotAvailable`, { component: 'cidrAllocator' });
  }
}

function podCidrOf(node: KubeObject): string | undefined {
  return (node.spec as { podCIDR?: string } | undefined)?.podCIDR;
}
