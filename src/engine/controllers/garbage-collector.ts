// The garbage collector: follows ownerReferences (pkg/controller/garbagecollector). When every owner
// of an object is gone, the object is deleted; an owner deleted in the foreground waits, with its
// foregroundDeletion finalizer, until its dependents are gone; an owner deleted with orphan
// propagation has its dependents' references to it removed first.

import type { OwnerReference } from '../api/types.ts';
import { groupResource, splitApiVersion } from '../api/kinds.ts';
import type { KindInfo } from '../api/kinds.ts';
import { clone, type KubeObject } from '../api/object.ts';
import type { WorkQueue } from '../sim/sim.ts';
import type { WatchEvent } from '../store/store.ts';
import type { Controller, ControllerContext } from './context.ts';

interface GraphNode {
  resource: string;
  namespace: string | undefined;
  name: string;
  owners: readonly OwnerReference[];
}

export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector';
  /** Every object by uid (the GC's graph), and who depends on whom. */
  private nodes = new Map<string, GraphNode>();
  private dependents = new Map<string, Set<string>>();
  private attemptToDelete: WorkQueue;
  private attemptToFinalize: WorkQueue;
  private infoByResource = new Map<string, KindInfo>();

  constructor(private readonly ctx: ControllerContext) {
    for (const k of ctx.kinds.kinds) this.infoByResource.set(groupResource(k), k);
    this.attemptToDelete = ctx.sim.queue('garbage-collector-delete', (uid) => this.processDependent(uid));
    this.attemptToFinalize = ctx.sim.queue('garbage-collector-finalize', (uid) => this.processOwner(uid));
    ctx.store.watchAll((e) => this.observe(e));
  }

  resync(): void {
    this.nodes.clear();
    this.dependents.clear();
    for (const r of this.ctx.store.resources()) {
      for (const o of this.ctx.store.each(r)) this.observe({ type: 'ADDED', resource: r, object: o });
    }
  }

  private observe(e: WatchEvent): void {
    const o = e.object;
    const uid = o.metadata.uid;
    if (!uid || e.resource === 'events') return;
    const old = this.nodes.get(uid);
    if (old) for (const r of old.owners) this.dependents.get(r.uid)?.delete(uid);
    if (e.type === 'DELETED') {
      this.nodes.delete(uid);
      // An owner waiting in the foreground may have lost its last dependent.
      if (old) for (const r of old.owners) if (this.nodes.has(r.uid)) this.attemptToFinalize.add(r.uid);
      // Its dependents may now be orphans of a vanished owner.
      const deps = this.dependents.get(uid);
      if (deps) for (const d of deps) this.attemptToDelete.add(d);
      return;
    }
    const owners = o.metadata.ownerReferences ?? [];
    this.nodes.set(uid, { resource: e.resource, namespace: o.metadata.namespace, name: o.metadata.name!, owners });
    for (const r of owners) {
      let s = this.dependents.get(r.uid);
      if (!s) this.dependents.set(r.uid, (s = new Set()));
      s.add(uid);
      // An owner that does not exist (yet, or any more) is checked for.
      if (!this.nodes.has(r.uid)) this.attemptToDelete.add(uid);
    }
    if (o.metadata.deletionTimestamp) {
      const f = o.metadata.finalizers ?? [];
      if (f.includes('orphan') || f.includes('foregroundDeletion')) this.attemptToFinalize.add(uid);
    }
    // A dependent of an owner deleted in the foreground is collected.
    for (const r of owners) {
      const owner = this.lookupUid(r.uid);
      if (owner?.metadata.deletionTimestamp && owner.metadata.finalizers?.includes('foregroundDeletion')) this.attemptToDelete.add(uid);
    }
  }

  private lookupUid(uid: string): KubeObject | undefined {
    const n = this.nodes.get(uid);
    if (!n) return undefined;
    const o = this.ctx.store.get(n.resource, n.namespace, n.name);
    return o?.metadata.uid === uid ? o : undefined;
  }

  /** Resolves an owner reference the way the GC does: by kind, name and namespace, then by uid. */
  private ownerState(dep: KubeObject, ref: OwnerReference): 'alive' | 'absent' | 'deleting-foreground' {
    const { group } = splitApiVersion(ref.apiVersion);
    const info = this.ctx.kinds.kinds.find((k) => k.kind === ref.kind && k.group === group);
    if (!info) return 'alive'; // An unknown kind: never collect on a guess.
    const owner = this.ctx.store.get(groupResource(info), info.namespaced ? dep.metadata.namespace : undefined, ref.name);
    if (!owner || owner.metadata.uid !== ref.uid) return 'absent';
    if (owner.metadata.deletionTimestamp && owner.metadata.finalizers?.includes('foregroundDeletion')) return 'deleting-foreground';
    return 'alive';
  }

  private processDependent(uid: string) {
    const node = this.nodes.get(uid);
    if (!node) return;
    const obj = this.ctx.store.get(node.resource, node.namespace, node.name);
    if (!obj || obj.metadata.uid !== uid) return;
    const refs = obj.metadata.ownerReferences ?? [];
    if (!refs.length) return;
    const states = refs.map((r) => this.ownerState(obj, r));
    const info = this.infoByResource.get(node.resource);
    if (!info) return;
    if (states.every((s) => s !== 'alive')) {
      if (obj.metadata.deletionTimestamp) return;
      // Waiting owners (foreground) make their dependents go in the foreground too, if they have any.
      const foreground = states.includes('deleting-foreground') && (this.dependents.get(uid)?.size ?? 0) > 0;
      try {
        this.ctx.api.delete(info, node.namespace, node.name, { propagationPolicy: foreground ? 'Foreground' : 'Background', preconditions: { uid } });
      } catch {
        // Gone or replaced meanwhile.
      }
      return;
    }
    if (states.includes('absent')) {
      // Some owners remain: only drop the references to the vanished ones.
      const keep = refs.filter((_, i) => states[i] !== 'absent');
      const updated = clone(obj);
      updated.metadata.ownerReferences = keep;
      try {
        this.ctx.api.update(info, updated);
      } catch {
        this.attemptToDelete.addRateLimited(uid);
      }
    }
  }

  private processOwner(uid: string) {
    const node = this.nodes.get(uid);
    if (!node) return;
    const owner = this.ctx.store.get(node.resource, node.namespace, node.name);
    if (!owner || owner.metadata.uid !== uid || !owner.metadata.deletionTimestamp) return;
    const info = this.infoByResource.get(node.resource)!;
    const finalizers = owner.metadata.finalizers ?? [];
    const deps = [...(this.dependents.get(uid) ?? [])]
      .map((d) => ({ uid: d, node: this.nodes.get(d) }))
      .filter((d) => d.node);
    if (finalizers.includes('orphan')) {
      for (const d of deps) {
        const dep = this.ctx.store.get(d.node!.resource, d.node!.namespace, d.node!.name);
        if (!dep) continue;
        const updated = clone(dep);
        updated.metadata.ownerReferences = (dep.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        if (!updated.metadata.ownerReferences.length) delete updated.metadata.ownerReferences;
        const depInfo = this.infoByResource.get(d.node!.resource);
        if (depInfo) this.ctx.api.update(depInfo, updated);
      }
      this.removeFinalizer(info, owner, 'orphan');
      return;
    }
    if (finalizers.includes('foregroundDeletion')) {
      if (deps.length) {
        for (const d of deps) this.attemptToDelete.add(d.uid);
        return; // The owner's finalizer goes when its last dependent's DELETED event re-queues it.
      }
      this.removeFinalizer(info, owner, 'foregroundDeletion');
    }
  }

  private removeFinalizer(info: KindInfo, owner: KubeObject, finalizer: string): void {
    const updated = clone(owner);
    updated.metadata.finalizers = (owner.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    if (!updated.metadata.finalizers.length) delete updated.metadata.finalizers;
    this.ctx.api.update(info, updated);
  }
}
