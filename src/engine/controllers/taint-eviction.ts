// The taint eviction controller (pkg/controller/tainteviction; its own controller since 1.29): pods
// on a node with NoExecute taints they do not tolerate are deleted at once; pods that tolerate them
// for tolerationSeconds are deleted that long after the taint was noticed; pods that tolerate them
// forever stay. When the taints go, pending deletions are cancelled.

import type { Pod, Taint, Toleration } from '../api/types.ts';
import { K, R } from '../api/wellknown.ts';
import type { KubeObject } from '../api/object.ts';
import type { Component, WorkQueue } from '../sim/sim.ts';
import { addDisruptionCondition } from '../apiserver/eviction.ts';
import { tolerates } from '../scheduler/plugins/taint-toleration.ts';
import type { Controller, ControllerContext } from './context.ts';

type PodObj = KubeObject & Pod;

/** A scheduled deletion; `null` once it ran (the key stays so that it is not scheduled again). */
type Work = { createdAt: number; fireAt: number } | null;

interface State {
  works: [string, Work][];
}

const SOURCE = { component: 'taint-eviction-controller' };

export function noExecuteTaints(taints: readonly Taint[] | undefined): Taint[] {
  return (taints ?? []).filter((t) => t.effect === 'NoExecute');
}

/** GetMatchingTolerations: whether every taint is tolerated, and the first toleration used for each. */
export function matchingTolerations(taints: readonly Taint[], tolerations: readonly Toleration[]): { all: boolean; used: Toleration[] } {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations.find((x) => tolerates(x, taint));
    if (!t) return { all: false, used: [] };
    used.push(t);
  }
  return { all: true, used };
}

/** getMinTolerationTime in ms: 0 for none or a non-positive one, -1 for forever. */
export function minTolerationMs(used: readonly Toleration[]): number {
  if (!used.length) return 0;
  let min = Infinity;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}

export class TaintEvictionController implements Controller, Component {
  readonly name = 'taint-eviction-controller';
  /** The NoExecute taints of each tainted node (taintedNodes). */
  private tainted = new Map<string, Taint[]>();
  private works = new Map<string, Work>();
  private nodeQueue: WorkQueue;
  private podQueue: WorkQueue;

  constructor(private readonly ctx: ControllerContext) {
    ctx.sim.register(this);
    this.nodeQueue = ctx.sim.queue(this.name + '-nodes', (n) => this.handleNodeUpdate(n));
    this.podQueue = ctx.sim.queue(this.name + '-pods', (k) => this.handlePodUpdate(k));
    ctx.store.watch(R.nodes, (e) => {
      const before = noExecuteTaints((e.oldObject as { spec?: { taints?: Taint[] } } | undefined)?.spec?.taints);
      const after = noExecuteTaints((e.object as { spec?: { taints?: Taint[] } }).spec?.taints);
      if (e.type === 'MODIFIED' && sameTaints(before, after)) return;
      this.nodeQueue.add(e.object.metadata.name!);
    });
    ctx.store.watch(R.pods, (e) => {
      const pod = e.object as PodObj;
      const old = e.oldObject as PodObj | undefined;
      if (e.type === 'MODIFIED' && old && old.spec?.nodeName === pod.spec?.nodeName && sameTolerations(old.spec?.tolerations, pod.spec?.tolerations)) return;
      this.podQueue.add(`${pod.metadata.namespace}/${pod.metadata.name}`);
    });
  }

  resync(): void {
    this.tainted.clear();
    for (const n of this.ctx.store.each(R.nodes)) {
      const taints = noExecuteTaints((n.spec as { taints?: Taint[] } | undefined)?.taints);
      if (taints.length) this.tainted.set(n.metadata.name!, taints);
    }
  }

  private handleNodeUpdate(name: string): void {
    const node = this.ctx.store.get(R.nodes, undefined, name);
    if (!node) {
      this.tainted.delete(name);
      return;
    }
    const taints = noExecuteTaints((node.spec as { taints?: Taint[] } | undefined)?.taints);
    if (taints.length) this.tainted.set(name, taints);
    else this.tainted.delete(name);
    const pods = this.ctx.store.byIndex(R.pods, 'nodeName', name) as PodObj[];
    if (!taints.length) {
      for (const p of pods) this.cancelWorkWithEvent(key(p));
      return;
    }
    for (const p of pods) this.processPodOnNode(p, taints);
  }

  private handlePodUpdate(k: string): void {
    const [ns, name] = k.split('/');
    const pod = this.ctx.store.get(R.pods, ns, name) as PodObj | undefined;
    if (!pod) {
      this.cancelWorkWithEvent(k);
      return;
    }
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) return;
    const taints = this.tainted.get(nodeName);
    if (!taints) return;
    this.processPodOnNode(pod, taints);
  }

  private processPodOnNode(pod: PodObj, taints: Taint[]): void {
    const k = key(pod);
    const now = this.ctx.sim.now();
    const { all, used } = matchingTolerations(taints, pod.spec?.tolerations ?? []);
    if (!all) {
      this.cancelWorkWithEvent(k);
      this.addWork(k, now, now);
      return;
    }
    const min = minTolerationMs(used);
    if (min < 0) {
      this.cancelWorkWithEvent(k);
      return;
    }
    let start = now;
    const scheduled = this.works.get(k);
    if (scheduled) {
      start = scheduled.createdAt;
      if (start + min < now + min) return;
      this.cancelWorkWithEvent(k);
    }
    this.addWork(k, start, start + min);
  }

  private addWork(k: string, createdAt: number, fireAt: number): void {
    if (this.works.has(k)) return;
    this.works.set(k, { createdAt, fireAt });
    this.ctx.sim.setTimer(this.name, k, fireAt);
  }

  private cancelWorkWithEvent(k: string): void {
    if (!this.works.has(k)) return;
    const w = this.works.get(k);
    this.works.delete(k);
    if (!w) return;
    this.ctx.sim.cancelTimer(this.name, k);
    const [ns, name] = k.split('/');
    this.ctx.events.event(podRef(ns, name), 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${k}`, SOURCE);
  }

  onTimer(k: string): void {
    if (!this.works.get(k)) return;
    const [ns, name] = k.split('/');
    this.ctx.events.event(podRef(ns, name), 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${k}`, SOURCE);
    this.works.set(k, null);
    const pod = this.ctx.store.get(R.pods, ns, name) as PodObj | undefined;
    if (!pod) return;
    try {
      addDisruptionCondition(this.ctx.api, pod, 'DeletionByTaintManager', 'Taint manager: deleting due to NoExecute taint');
      this.ctx.api.delete(K.Pod, ns, name, { preconditions: { uid: pod.metadata.uid } });
    } catch {
      this.works.delete(k);
    }
  }

  snapshot(): State {
    return { works: [...this.works].map(([k, w]) => [k, w && { ...w }]) };
  }

  restore(state: unknown): void {
    const s = state as State;
    this.works = new Map(s.works.map(([k, w]) => [k, w && { ...w }]));
  }
}

function key(p: PodObj): string {
  return `${p.metadata.namespace}/${p.metadata.name}`;
}

function podRef(namespace: string, name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace } } as KubeObject;
}

function sameTaints(a: readonly Taint[], b: readonly Taint[]): boolean {
  return a.length === b.length && a.every((t, i) => t.key === b[i].key && t.value === b[i].value && t.effect === b[i].effect && t.timeAdded === b[i].timeAdded);
}

function sameTolerations(a: readonly Toleration[] | undefined, b: readonly Toleration[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}
