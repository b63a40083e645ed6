// kube-scheduler: takes pending pods one at a time, filters the nodes, scores the ones that fit,
// binds the pod to the best, and when nothing fits says why in a FailedScheduling event and the
// pod's PodScheduled condition.

import type { Pod, PodCondition } from '../api/types.ts';
import type { ApiServer } from '../apiserver/apiserver.ts';
import { K, R } from '../api/wellknown.ts';
import { clone, objectKey, splitKey, type KubeObject } from '../api/object.ts';
import type { EventRecorder } from '../events/recorder.ts';
import type { Component, Sim, WorkQueue } from '../sim/sim.ts';
import type { Store } from '../store/store.ts';
import { formatRFC3339, NULL_TIME } from '../util/time.ts';
import { SchedulerCache } from './cache.ts';
import { Code, type FilterPlugin, type NodeInfo, type PodInfo, type ScorePlugin, type StaticVerdict, type Status } from './framework.ts';
import { SchedulingQueue, type QueueState } from './queue.ts';
import { podRequests } from './resources.ts';
import { NodeName } from './plugins/node-name.ts';
import { NodeUnschedulable } from './plugins/node-unschedulable.ts';
import { TaintTolerationFilter, TaintTolerationScore } from './plugins/taint-toleration.ts';
import { NodeAffinityFilter, NodeAffinityScore } from './plugins/node-affinity.ts';
import { NodeResourcesBalancedAllocation, NodeResourcesFit, NodeResourcesLeastAllocated } from './plugins/node-resources-fit.ts';

export const SCHEDULER_NAME = 'default-scheduler';
/** How often parked pods are checked for the five-minute limit. */
const LEFTOVER_FLUSH_MS = 30_000;

/** The default profile's filters, in kube-scheduler's order. */
const FILTERS: readonly FilterPlugin[] = [NodeUnschedulable, NodeName, TaintTolerationFilter, NodeAffinityFilter, NodeResourcesFit];
const SCORERS: readonly ScorePlugin[] = [TaintTolerationScore, NodeAffinityScore, NodeResourcesLeastAllocated, NodeResourcesBalancedAllocation];
const STATIC_FILTERS = FILTERS.filter((f) => f.static);
const DYNAMIC_FILTERS = FILTERS.filter((f) => !f.static);
const STATIC_SCORERS = SCORERS.filter((p) => p.static);

/** numFeasibleNodesToFind with the adaptive percentageOfNodesToScore. */
export function numFeasibleNodesToFind(numAllNodes: number): number {
  const minFeasible = 100;
  if (numAllNodes < minFeasible) return numAllNodes;
  const percentage = Math.max(5, 50 - Math.floor(numAllNodes / 125));
  return Math.max(minFeasible, Math.floor((numAllNodes * percentage) / 100));
}

/** The result of the last attempt for a pod, for the UI and `sandbox why`. */
export interface Diagnosis {
  pod: string;
  at: number;
  nodes: { node: string; plugin?: string; reasons: string[]; score?: number }[];
  message?: string;
}

/** FitError.Error(): the reasons histogram, sorted, then the preemption post-filter's summary. */
export function fitErrorMessage(numAllNodes: number, statuses: readonly Status[], preemption: string[]): string {
  if (numAllNodes === 0) return 'no nodes available to schedule pods';
  const counts = new Map<string, number>();
  for (const s of statuses) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const parts = [...counts].map(([r, n]) => `${n} ${r}`).sort();
  let msg = `0/${numAllNodes} nodes are available`;
  msg += parts.length ? `: ${parts.join(', ')}.` : ':';
  const pre = new Map<string, number>();
  for (const p of preemption) pre.set(p, (pre.get(p) ?? 0) + 1);
  const preParts = [...pre].map(([r, n]) => `${n} ${r}`).sort();
  if (preParts.length) msg += ` preemption: 0/${numAllNodes} nodes are available: ${preParts.join(', ')}.`;
  return msg;
}

export class Scheduler implements Component {
  readonly name = 'scheduler';
  readonly cache: SchedulerCache;
  private queue: SchedulingQueue;
  private work: WorkQueue;
  private nextStartNodeIndex = 0;
  private running = true;
  private diagnoses = new Map<string, Diagnosis>();
  private backoffTimerAt: number | undefined;

  constructor(
    private readonly api: ApiServer,
    private readonly store: Store,
    private readonly sim: Sim,
    private readonly events: EventRecorder,
  ) {
    sim.register(this);
    this.cache = new SchedulerCache(store);
    this.queue = new SchedulingQueue(() => sim.now());
    this.work = sim.queue('scheduler', () => this.scheduleAll());
    store.watch(R.pods, (e) => {
      const pod = e.object as KubeObject & Pod;
      const key = objectKey(pod);
      if (e.type === 'DELETED') {
        this.queue.remove(key);
        this.diagnoses.delete(key);
        // Freed resources may let parked pods fit.
        if (pod.spec?.nodeName) this.clusterChanged();
        return;
      }
      if (this.wantsScheduling(pod)) {
        if (!this.queue.has(key) || e.type === 'ADDED' || specChanged(e.oldObject as Pod | undefined, pod)) {
          this.queue.add(key, pod.spec?.priority ?? 0);
          this.kick();
        }
      } else {
        this.queue.remove(key);
        const old = e.oldObject as Pod | undefined;
        // A pod that finished frees its node's resources.
        if (old && old.spec?.nodeName && old.status?.phase !== pod.status?.phase && (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed')) {
          this.clusterChanged();
        }
      }
    });
    store.watch(R.nodes, (e) => {
      if (e.type === 'ADDED' || (e.type === 'MODIFIED' && nodeSchedulingChanged(e.oldObject, e.object))) this.clusterChanged();
    });
    for (const p of store.each(R.pods)) if (this.wantsScheduling(p as Pod)) this.queue.add(objectKey(p), (p as Pod).spec?.priority ?? 0);
    sim.setTimer(this.name, 'leftover', sim.now() + LEFTOVER_FLUSH_MS);
    this.kick();
  }

  /** Stops and starts the scheduler (a control-plane fault). Pods stay Pending while it is stopped. */
  setRunning(running: boolean): void {
    this.running = running;
    if (running) {
      for (const p of this.store.each(R.pods)) if (this.wantsScheduling(p as Pod)) this.queue.add(objectKey(p), (p as Pod).spec?.priority ?? 0);
      this.kick();
    }
  }

  isRunning(): boolean {
    return this.running;
  }

  /** Why the last attempt for a pod went as it did. */
  diagnosis(podKey: string): Diagnosis | undefined {
    return this.diagnoses.get(podKey);
  }

  private wantsScheduling(pod: Pod): boolean {
    return !pod.spec?.nodeName && !pod.metadata?.deletionTimestamp && (pod.spec?.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME
      && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
  }

  private kick(): void {
    if (this.running && this.queue.activeCount()) this.work.add('schedule');
  }

  private clusterChanged(): void {
    this.queue.moveAllToActiveOrBackoff();
    this.armBackoffTimer();
    this.kick();
  }

  private armBackoffTimer(): void {
    const next = this.queue.flushBackoff();
    if (next !== undefined) {
      this.backoffTimerAt = next;
      this.sim.setTimer(this.name, 'backoff', next);
    }
  }

  onTimer(key: string): void {
    if (key === 'leftover') {
      this.sim.setTimer(this.name, 'leftover', this.sim.now() + LEFTOVER_FLUSH_MS);
      this.queue.flushUnschedulableLeftover();
    }
    this.armBackoffTimer();
    this.kick();
  }

  private scheduleAll(): void {
    if (!this.running) return;
    for (let q = this.queue.pop(); q; q = this.queue.pop()) {
      const { namespace, name } = splitKey(q.key);
      const pod = this.store.get(R.pods, namespace, name) as (KubeObject & Pod) | undefined;
      if (!pod || !this.wantsScheduling(pod)) {
        this.queue.remove(q.key);
        continue;
      }
      const ok = this.scheduleOne(pod);
      if (ok) this.queue.remove(q.key);
      else {
        const until = this.queue.parkUnschedulable(q);
        if (this.backoffTimerAt === undefined || until < this.backoffTimerAt || this.backoffTimerAt < this.sim.now()) {
          this.backoffTimerAt = until;
          this.sim.setTimer(this.name, 'backoff', until);
        }
      }
    }
  }

  private podInfo(pod: KubeObject & Pod): PodInfo {
    const spec = pod.spec;
    return {
      key: objectKey(pod),
      pod,
      requests: podRequests(pod),
      nonZeroRequests: podRequests(pod, true),
      tolerations: spec?.tolerations ?? [],
      signature: JSON.stringify([spec?.nodeName, spec?.tolerations, spec?.nodeSelector, spec?.affinity?.nodeAffinity]),
    };
  }

  /** The static plugins' verdict for this pod shape on this node, worked out once per node change. */
  private staticVerdict(pod: PodInfo, node: NodeInfo): StaticVerdict {
    const memo = node.memo;
    if (memo && memo.generation === node.generation && memo.signature === pod.signature) return memo;
    let status: Status | undefined;
    for (const f of STATIC_FILTERS) {
      const s = f.filter(pod, node);
      if (s && s.code !== Code.Success) {
        status = s;
        break;
      }
    }
    const verdict: StaticVerdict = { signature: pod.signature, generation: node.generation, status, scores: STATIC_SCORERS.map((p) => p.score(pod, node)) };
    node.memo = verdict;
    return verdict;
  }

  /** One scheduling cycle; returns whether the pod was bound. */
  private scheduleOne(pod: KubeObject & Pod): boolean {
    const info = this.podInfo(pod);
    const nodes = this.cache.nodes();
    const all = nodes.length;
    const want = numFeasibleNodesToFind(all);
    const feasible: NodeInfo[] = [];
    const rejected: { node: NodeInfo; status: Status }[] = [];
    let processed = 0;
    for (let i = 0; i < all && feasible.length < want; i++) {
      const node = nodes[(this.nextStartNodeIndex + i) % all];
      processed++;
      const status = this.runFilters(info, node);
      if (status) rejected.push({ node, status });
      else feasible.push(node);
    }
    if (all) this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % all;

    if (!feasible.length) {
      const preemption = rejected.map(({ status }) => this.preemptionVerdict(status));
      const message = fitErrorMessage(all, rejected.map((r) => r.status), all ? preemption : []);
      this.diagnoses.set(info.key, {
        pod: info.key,
        at: this.sim.now(),
        nodes: rejected.map(({ node, status }) => ({ node: node.name, plugin: status.plugin, reasons: status.reasons })),
        message,
      });
      this.recordFailure(pod, message);
      return false;
    }

    const scores = this.score(info, feasible);
    let best = 0;
    let ties = 1;
    for (let i = 1; i < feasible.length; i++) {
      if (scores[i] > scores[best]) {
        best = i;
        ties = 1;
      } else if (scores[i] === scores[best]) {
        // Reservoir sampling among equal scores, as selectHost does.
        ties++;
        if (this.sim.random.int(ties) === 0) best = i;
      }
    }
    const chosen = feasible[best];
    // Only pods that did not fit keep a diagnosis: a placed pod's node says where it went, and keeping
    // every decision would cost a lot of memory in a big cluster.
    this.diagnoses.delete(info.key);
    try {
      this.api.bindPod(pod.metadata.namespace!, pod.metadata.name!, chosen.name);
    } catch (err) {
      this.recordFailure(pod, `binding rejected: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
    this.events.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${chosen.name}`, { component: SCHEDULER_NAME });
    return true;
  }

  /** Runs the filters in order; the static ones' verdict is memoized per node and pod shape. */
  private runFilters(pod: PodInfo, node: NodeInfo): Status | undefined {
    const verdict = this.staticVerdict(pod, node);
    if (verdict.status) return verdict.status;
    for (const f of DYNAMIC_FILTERS) {
      const s = f.filter(pod, node);
      if (s && s.code !== Code.Success) return s;
    }
    return undefined;
  }

  private score(pod: PodInfo, feasible: readonly NodeInfo[]): number[] {
    const total = new Array<number>(feasible.length).fill(0);
    if (feasible.length === 1) return total;
    const raw = new Array<number>(feasible.length);
    SCORERS.forEach((p) => {
      const staticIndex = STATIC_SCORERS.indexOf(p);
      for (let i = 0; i < feasible.length; i++) raw[i] = staticIndex >= 0 ? feasible[i].memo!.scores[staticIndex] : p.score(pod, feasible[i]);
      p.normalize?.(raw);
      for (let i = 0; i < feasible.length; i++) total[i] += raw[i] * p.weight;
    });
    return total;
  }

  /**
   * The DefaultPreemption post-filter's verdict for a node. The sandbox does not preempt yet; the
   * verdict is what Kubernetes reports when no lower-priority pod could make room.
   */
  private preemptionVerdict(status: Status): string {
    if (status.code === Code.UnschedulableAndUnresolvable) return 'Preemption is not helpful for scheduling';
    return 'No preemption victims found for incoming pod';
  }

  private recordFailure(pod: KubeObject & Pod, message: string): void {
    this.events.event(pod, 'Warning', 'FailedScheduling', message, { component: SCHEDULER_NAME });
    const current = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (current?.status === 'False' && current.message === message) return;
    const condition: PodCondition = {
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message,
      lastProbeTime: NULL_TIME,
      lastTransitionTime: current?.status === 'False' ? current.lastTransitionTime : formatRFC3339(this.sim.now()),
    };
    try {
      const updated = clone(pod);
      const status = (updated.status ??= {});
      status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== 'PodScheduled'), condition];
      status.phase ??= 'Pending';
      this.api.update(K.Pod, updated, { subresource: 'status', trusted: true });
    } catch {
      // The pod changed or went meanwhile; the next attempt writes again.
    }
  }

  snapshot(): unknown {
    return { queue: this.queue.snapshot(), next: this.nextStartNodeIndex, running: this.running };
  }

  restore(state: unknown): void {
    const s = state as { queue: QueueState; next: number; running: boolean };
    this.queue.restore(s.queue);
    this.nextStartNodeIndex = s.next;
    this.running = s.running;
  }
}

function specChanged(old: Pod | undefined, pod: Pod): boolean {
  return !old || JSON.stringify(old.spec) !== JSON.stringify(pod.spec) || JSON.stringify(old.metadata?.labels) !== JSON.stringify(pod.metadata?.labels);
}

function nodeSchedulingChanged(oldObj: KubeObject | undefined, obj: KubeObject): boolean {
  if (!oldObj) return true;
  const a = oldObj as { spec?: unknown; metadata: { labels?: unknown }; status?: { allocatable?: unknown; conditions?: unknown } };
  const b = obj as typeof a;
  return JSON.stringify(a.spec) !== JSON.stringify(b.spec)
    || JSON.stringify(a.metadata.labels) !== JSON.stringify(b.metadata.labels)
    || JSON.stringify(a.status?.allocatable) !== JSON.stringify(b.status?.allocatable);
}
