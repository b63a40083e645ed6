// The scheduler's cache: every node with the sum of its pods' requests, kept up to date from
// watches (never rescanned), so that a scheduling cycle reads a node's free room in O(1).

import type { Node, Pod } from '../api/types.ts';
import { milliValue } from '../api/quantity.ts';
import { objectKey, type KubeObject } from '../api/object.ts';
import type { Store } from '../store/store.ts';
import { R } from '../api/wellknown.ts';
import type { NodeInfo } from './framework.ts';
import { podRequests, zeroResources, type Resources } from './resources.ts';

interface Assigned {
  node: string;
  requests: Resources;
  nonZero: Resources;
}

function addTo(r: Resources, d: Resources, sign: 1 | -1): void {
  r.milliCPU += sign * d.milliCPU;
  r.memory += sign * d.memory;
  r.ephemeralStorage += sign * d.ephemeralStorage;
}

/** Pods that hold resources on their node: assigned and not finished. */
export function holdsResources(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return !!pod.spec?.nodeName && phase !== 'Succeeded' && phase !== 'Failed';
}

export class SchedulerCache {
  private infos = new Map<string, NodeInfo>();
  private assigned = new Map<string, Assigned>();
  /** Names of the nodes that exist, in the order they were added (the scheduler walks this list). */
  private order: string[] = [];
  /** The NodeInfos in `order`, rebuilt only when nodes come or go. */
  private list: NodeInfo[] | null = null;

  constructor(store: Store) {
    for (const n of store.list(R.nodes)) this.setNode(n as KubeObject & Node);
    for (const p of store.each(R.pods)) this.setPod(p as KubeObject & Pod);
    store.watch(R.nodes, (e) => {
      if (e.type === 'DELETED') this.removeNode(e.object.metadata.name!);
      else this.setNode(e.object as KubeObject & Node);
    });
    store.watch(R.pods, (e) => {
      if (e.type === 'DELETED') this.removePod(objectKey(e.object));
      else this.setPod(e.object as KubeObject & Pod);
    });
  }

  private info(name: string): NodeInfo {
    let i = this.infos.get(name);
    if (!i) {
      i = {
        name,
        node: undefined as unknown as Node, // filled by setNode; pods may arrive first
        allocatable: { ...zeroResources(), pods: 0 },
        requested: zeroResources(),
        nonZeroRequested: zeroResources(),
        podCount: 0,
        pods: new Set(),
        taints: [],
        generation: 0,
      };
      this.infos.set(name, i);
    }
    return i;
  }

  private setNode(node: KubeObject & Node): void {
    const name = node.metadata.name!;
    const i = this.info(name);
    if (!i.node) {
      this.order.push(name);
      this.list = null;
    }
    i.node = node;
    i.generation++;
    const a = (node.status?.allocatable ?? {}) as Record<string, string>;
    i.allocatable = {
      milliCPU: a.cpu ? milliValue(a.cpu) : 0,
      memory: a.memory ? Math.floor(milliValue(a.memory) / 1000) : 0,
      ephemeralStorage: a['ephemeral-storage'] ? Math.floor(milliValue(a['ephemeral-storage']) / 1000) : 0,
      pods: a.pods ? Math.floor(milliValue(a.pods) / 1000) : 0,
    };
    i.taints = node.spec?.taints ?? [];
  }

  private removeNode(name: string): void {
    const i = this.infos.get(name);
    if (!i) return;
    if (i.podCount === 0) this.infos.delete(name);
    else i.node = undefined as unknown as Node;
    this.order = this.order.filter((n) => n !== name);
    this.list = null;
  }

  private setPod(pod: KubeObject & Pod): void {
    const key = objectKey(pod);
    const prev = this.assigned.get(key);
    if (!holdsResources(pod)) {
      if (prev) this.removePod(key);
      return;
    }
    if (prev && prev.node === pod.spec!.nodeName) return; // Requests cannot change on a bound pod.
    if (prev) this.removePod(key);
    const a: Assigned = { node: pod.spec!.nodeName!, requests: podRequests(pod), nonZero: podRequests(pod, true) };
    this.assigned.set(key, a);
    const i = this.info(a.node);
    addTo(i.requested, a.requests, 1);
    addTo(i.nonZeroRequested, a.nonZero, 1);
    i.podCount++;
    i.pods.add(key);
  }

  private removePod(key: string): void {
    const a = this.assigned.get(key);
    if (!a) return;
    this.assigned.delete(key);
    const i = this.infos.get(a.node);
    if (!i) return;
    addTo(i.requested, a.requests, -1);
    addTo(i.nonZeroRequested, a.nonZero, -1);
    i.podCount--;
    i.pods.delete(key);
    if (!i.node && i.podCount === 0) this.infos.delete(a.node);
  }

  /** The nodes that exist, in a stable order. */
  nodes(): readonly NodeInfo[] {
    if (!this.list) this.list = this.order.map((n) => this.infos.get(n)!);
    return this.list;
  }

  nodeCount(): number {
    return this.order.length;
  }

  get(name: string): NodeInfo | undefined {
    const i = this.infos.get(name);
    return i?.node ? i : undefined;
  }
}
