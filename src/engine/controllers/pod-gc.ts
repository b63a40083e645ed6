// The pod garbage collector (pkg/controller/podgc), the part that matters here: pods bound to a node
// that no longer exists are force-deleted once the node has been gone for the quarantine time, and
// pods that are terminating but were never scheduled are removed at once. (Its other duty — capping
// the number of finished pods at --terminated-pod-gc-threshold, 12500 — never arises in a sandbox.)

import type { Pod } from '../api/types.ts';
import { K, R } from '../api/wellknown.ts';
import type { KubeObject } from '../api/object.ts';
import type { Component } from '../sim/sim.ts';
import type { Controller, ControllerContext } from './context.ts';
import { addDisruptionCondition } from '../apiserver/eviction.ts';

/** gcCheckPeriod: how often the collector looks. */
export const POD_GC_PERIOD_MS = 20_000;
/** quarantineTime: how long a node must be missing before its pods go. */
export const POD_GC_QUARANTINE_MS = 40_000;

interface State {
  missingSince: [string, number][];
}

export class PodGarbageCollector implements Controller, Component {
  readonly name = 'pod-garbage-collector';
  private missingSince = new Map<string, number>();

  constructor(private readonly ctx: ControllerContext) {
    ctx.sim.register(this);
    ctx.sim.setTimer(this.name, 'gc', ctx.sim.now() + POD_GC_PERIOD_MS);
  }

  resync(): void {}

  onTimer(): void {
    const { sim, store } = this.ctx;
    const now = sim.now();
    sim.setTimer(this.name, 'gc', now + POD_GC_PERIOD_MS);
    const nodes = new Set(store.list(R.nodes).map((n) => n.metadata.name!));
    const seen = new Set<string>();
    const doomed: [KubeObject & Pod, boolean][] = [];
    for (const p of store.each(R.pods)) {
      const pod = p as KubeObject & Pod;
      const node = pod.spec?.nodeName;
      if (!node) {
        if (pod.metadata.deletionTimestamp) doomed.push([pod, false]);
        continue;
      }
      if (nodes.has(node)) continue;
      seen.add(node);
      const since = this.missingSince.get(node);
      if (since === undefined) this.missingSince.set(node, now);
      else if (now - since >= POD_GC_QUARANTINE_MS) doomed.push([pod, true]);
    }
    for (const [pod, orphan] of doomed) {
      if (orphan) this.forceDelete(pod, 'DeletionByPodGC', 'PodGC: node no longer exists');
      else this.forceDelete(pod);
    }
    for (const n of [...this.missingSince.keys()]) if (!seen.has(n) || nodes.has(n)) this.missingSince.delete(n);
  }

  private forceDelete(pod: KubeObject & Pod, reason?: string, message?: string): void {
    try {
      if (reason) addDisruptionCondition(this.ctx.api, pod, reason, message!);
      this.ctx.api.delete(K.Pod, pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
    } catch {
      // Gone already.
    }
  }

  snapshot(): State {
    return { missingSince: [...this.missingSince] };
  }

  restore(state: unknown): void {
    this.missingSince = new Map((state as State).missingSince);
  }
}
