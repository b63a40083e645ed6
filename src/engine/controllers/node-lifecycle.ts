// The node lifecycle controller (pkg/controller/nodelifecycle). Every node-monitor-period it looks at
// each node's heartbeats — its Lease and its Ready condition — and when a node has been silent for
// node-monitor-grace-period it sets the node's conditions to Unknown ("Kubelet stopped posting node
// status."), records NodeNotReady and marks the node's pods not ready. A node that is not ready gets
// the NoExecute taint not-ready or unreachable, through a per-zone rate-limited queue, and loses it
// when it is ready again; the taint eviction controller then evicts the pods that do not tolerate it.
// It also keeps the NoSchedule taints in step with the node's conditions and spec.unschedulable.

import type { Node, NodeCondition, Pod, PodCondition } from '../api/types.ts';
import { K, R } from '../api/wellknown.ts';
import { clone, deepEqual, type KubeObject } from '../api/object.ts';
import type { Component, WorkQueue } from '../sim/sim.ts';
import { formatRFC3339, parseRFC3339 } from '../util/time.ts';
import type { Controller, ControllerContext } from './context.ts';
import {
  computeZoneState,
  condition,
  desiredNoScheduleTaints,
  EVICTION_LIMITER_QPS,
  hasTaint,
  isControllerNoScheduleTaint,
  MONITORED_CONDITIONS,
  newBucket,
  nextTokenAt,
  NODE_MONITOR_GRACE_PERIOD_MS,
  NODE_MONITOR_PERIOD_MS,
  NODE_STARTUP_GRACE_PERIOD_MS,
  swapLimiter,
  swapTaints,
  TAINT_NOT_READY,
  TAINT_UNREACHABLE,
  taintSetDiff,
  tryAccept,
  zoneKey,
  zoneTaintingQPS,
  type TokenBucket,
  type ZoneState,
} from './node-lifecycle-util.ts';

type NodeObj = KubeObject & Node;
type PodObj = KubeObject & Pod;

/** What the controller last saw of a node, and when by its own clock (nodeHealthData). */
interface NodeHealth {
  probe: number;
  readyTransition: number;
  /** The saved Ready condition's heartbeat, transition time and status (absent: no Ready condition). */
  heartbeat?: string;
  transition?: string;
  readyStatus?: string;
  leaseRenew?: string;
}

interface TaintItem {
  node: string;
  processAt: number;
}

/** A zone's NoExecute tainter (RateLimitedTimedQueue) and state. */
interface Zone {
  state: ZoneState;
  bucket: TokenBucket;
  queue: TaintItem[];
  /** Names in the queue's set: a tainted node stays here until it is reachable again. */
  set: string[];
}

interface State {
  known: [string, string][];
  health: [string, NodeHealth][];
  zones: [string, Zone][];
}

const SOURCE = { component: 'node-controller' };
const MONITOR = 'monitor';
const TAINT = 'taint';

export class NodeLifecycleController implements Controller, Component {
  readonly name = 'node-lifecycle-controller';
  /** knownNodeSet: node name → uid. */
  private known = new Map<string, string>();
  private health = new Map<string, NodeHealth>();
  private zones = new Map<string, Zone>();
  private noScheduleQueue: WorkQueue;
  private podQueue: WorkQueue;

  constructor(private readonly ctx: ControllerContext) {
    ctx.sim.register(this);
    this.noScheduleQueue = ctx.sim.queue(this.name, (n) => this.doNoScheduleTaintingPass(n));
    this.podQueue = ctx.sim.queue(this.name + '-pods', (key) => this.processPod(key));
    ctx.store.watch(R.nodes, (e) => {
      if (e.type !== 'DELETED') this.noScheduleQueue.add(e.object.metadata.name!);
    });
    ctx.store.watch(R.pods, (e) => {
      if (e.type === 'DELETED') return;
      const node = (e.object as Pod).spec?.nodeName;
      const old = (e.oldObject as Pod | undefined)?.spec?.nodeName;
      if (node && node !== old) this.podQueue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
    });
    ctx.sim.setTimer(this.name, MONITOR, ctx.sim.now() + NODE_MONITOR_PERIOD_MS);
  }

  resync(): void {
    for (const n of this.ctx.store.each(R.nodes)) this.noScheduleQueue.add(n.metadata.name!);
  }

  onTimer(key: string): void {
    if (key === MONITOR) {
      this.ctx.sim.setTimer(this.name, MONITOR, this.ctx.sim.now() + NODE_MONITOR_PERIOD_MS);
      this.monitorNodeHealth();
    }
    this.doNoExecuteTaintingPass();
  }

  private now(): number {
    return this.ctx.sim.now();
  }

  private nodes(): NodeObj[] {
    return this.ctx.store.list(R.nodes) as NodeObj[];
  }

  // ---- NoSchedule taints from conditions and cordoning ----

  private doNoScheduleTaintingPass(name: string): void {
    const node = this.ctx.store.get(R.nodes, undefined, name) as NodeObj | undefined;
    if (!node) return;
    const current = (node.spec?.taints ?? []).filter(isControllerNoScheduleTaint);
    const { add, remove } = taintSetDiff(desiredNoScheduleTaints(node), current);
    if (!add.length && !remove.length) return;
    this.swapTaints(name, add, remove);
  }

  private swapTaints(name: string, add: { key: string; effect: string }[], remove: { key: string; effect: string }[]): boolean {
    const stamp = formatRFC3339(this.now());
    try {
      this.ctx.api.mutate(K.Node, undefined, name, (o) => {
        const n = o as NodeObj;
        const taints = swapTaints(n.spec?.taints, add, remove, stamp);
        n.spec = { ...n.spec };
        if (taints.length) n.spec.taints = taints;
        else delete n.spec.taints;
      });
      return true;
    } catch {
      return false;
    }
  }

  // ---- health ----

  private monitorNodeHealth(): void {
    const nodes = this.nodes();
    const names = new Set(nodes.map((n) => n.metadata.name!));
    for (const n of nodes) {
      const name = n.metadata.name!;
      if (this.known.has(name)) {
        if (!this.zones.has(zoneKey(n))) this.addZone(zoneKey(n));
        continue;
      }
      this.nodeEvent(name, n.metadata.uid!, 'RegisteredNode', `Registered Node ${name} in Controller`);
      this.known.set(name, n.metadata.uid!);
      this.addZone(zoneKey(n));
      this.markNodeAsReachable(n);
    }
    for (const [name, uid] of [...this.known]) {
      if (names.has(name)) continue;
      this.nodeEvent(name, uid, 'RemovingNode', `Removing Node ${name} from Controller`);
      this.known.delete(name);
      this.health.delete(name);
    }

    const zoneConditions = new Map<string, (NodeCondition | undefined)[]>();
    for (const n of nodes) {
      const r = this.tryUpdateNodeHealth(n);
      if (!r) continue;
      const node = (this.ctx.store.get(R.nodes, undefined, n.metadata.name!) as NodeObj | undefined) ?? n;
      if (!node.metadata.labels?.['node.kubernetes.io/exclude-disruption']) {
        const z = zoneKey(node);
        const list = zoneConditions.get(z) ?? [];
        list.push(r.current);
        zoneConditions.set(z, list);
      }
      if (!r.current) continue;
      this.processTaintBasedEviction(node, r.observed);
      if (r.current.status !== 'True' && r.observed.status === 'True') {
        this.nodeEvent(node.metadata.name!, node.metadata.uid!, 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`);
        this.markPodsNotReady(node.metadata.name!);
      }
    }
    this.handleDisruption(zoneConditions, nodes);
  }

  /** tryUpdateNodeHealth: returns the Ready condition as observed at the start and as it is now. */
  private tryUpdateNodeHealth(node: NodeObj): { observed: NodeCondition; current: NodeCondition | undefined } | undefined {
    const name = node.metadata.name!;
    const now = this.now();
    const created = node.metadata.creationTimestamp!;
    const createdMs = parseRFC3339(created) ?? now;
    let h = this.health.get(name);
    const ready = condition(node, 'Ready');
    let grace = NODE_MONITOR_GRACE_PERIOD_MS;
    let observed: NodeCondition;
    if (!ready) {
      observed = { type: 'Ready', status: 'Unknown', lastHeartbeatTime: created, lastTransitionTime: created };
      grace = NODE_STARTUP_GRACE_PERIOD_MS;
      if (h) h = { ...h, heartbeat: undefined, transition: undefined, readyStatus: undefined };
      else h = { probe: createdMs, readyTransition: createdMs };
    } else {
      observed = { ...ready };
    }
    const fresh = (): NodeHealth => ({ probe: now, readyTransition: now, ...readyFacts(ready) });
    if (!h) h = fresh();
    else if (h.heartbeat === undefined && ready) h = { ...fresh(), leaseRenew: h.leaseRenew };
    else if (h.heartbeat !== undefined && !ready) h = { ...fresh(), leaseRenew: h.leaseRenew };
    else if (h.heartbeat !== undefined && ready && h.heartbeat !== ready.lastHeartbeatTime) {
      const transition = h.transition !== ready.lastTransitionTime ? now : h.readyTransition;
      h = { probe: now, readyTransition: transition, ...readyFacts(ready), leaseRenew: h.leaseRenew };
    }
    // A renewed Lease always counts as a sign of life.
    const lease = this.ctx.store.get(R.leases, 'kube-node-lease', name) as (KubeObject & { spec?: { renewTime?: string } }) | undefined;
    const renew = lease?.spec?.renewTime;
    if (renew && (h.leaseRenew === undefined || (parseRFC3339(h.leaseRenew) ?? 0) < (parseRFC3339(renew) ?? 0))) {
      h = { ...h, leaseRenew: renew, probe: now };
    }
    this.health.set(name, h);

    if (!(now > h.probe + grace)) return { observed, current: ready };
    // Silent for longer than the grace period: every monitored condition becomes Unknown.
    const stamp = formatRFC3339(now);
    const conditions = (node.status?.conditions ?? []).map((c) => ({ ...c }));
    for (const type of MONITORED_CONDITIONS) {
      const c = conditions.find((x) => x.type === type);
      if (!c) {
        conditions.push({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: created, lastTransitionTime: stamp });
      } else if (c.status !== 'Unknown') {
        c.status = 'Unknown';
        c.reason = 'NodeStatusUnknown';
        c.message = 'Kubelet stopped posting node status.';
        c.lastTransitionTime = stamp;
      }
    }
    const current = conditions.find((c) => c.type === 'Ready')!;
    if (deepEqual(current, observed)) return { observed, current };
    try {
      this.ctx.api.update(K.Node, { ...clone(node), status: { ...node.status, conditions } }, { subresource: 'status', trusted: true });
    } catch {
      return undefined;
    }
    this.health.set(name, { probe: h.probe, readyTransition: now, ...readyFacts(current), leaseRenew: h.leaseRenew });
    return { observed, current };
  }

  private processTaintBasedEviction(node: NodeObj, observed: NodeCondition): void {
    switch (observed.status) {
      case 'False':
        if (hasTaint(node, TAINT_UNREACHABLE, 'NoExecute')) this.swapTaints(node.metadata.name!, [{ key: TAINT_NOT_READY, effect: 'NoExecute' }], [{ key: TAINT_UNREACHABLE, effect: 'NoExecute' }]);
        else this.markNodeForTainting(node);
        break;
      case 'Unknown':
        if (hasTaint(node, TAINT_NOT_READY, 'NoExecute')) this.swapTaints(node.metadata.name!, [{ key: TAINT_UNREACHABLE, effect: 'NoExecute' }], [{ key: TAINT_NOT_READY, effect: 'NoExecute' }]);
        else this.markNodeForTainting(node);
        break;
      case 'True':
        this.markNodeAsReachable(node);
        break;
    }
  }

  /** MarkPodsNotReady: every pod on the node gets Ready=False, and a NodeNotReady warning. */
  private markPodsNotReady(nodeName: string, only?: PodObj): void {
    const pods = only ? [only] : (this.ctx.store.byIndex(R.pods, 'nodeName', nodeName) as PodObj[]);
    for (const pod of pods) {
      if (pod.spec?.nodeName !== nodeName) continue;
      const conditions = pod.status?.conditions;
      const i = conditions?.findIndex((c) => c.type === 'Ready') ?? -1;
      if (!conditions || i < 0 || conditions[i].status === 'False') continue;
      const updated: PodCondition = { ...conditions[i], status: 'False', lastTransitionTime: formatRFC3339(this.now()) };
      const next = conditions.map((c, j) => (j === i ? updated : c));
      try {
        const written = this.ctx.api.update(K.Pod, { ...pod, status: { ...pod.status, conditions: next } }, { subresource: 'status', trusted: true });
        this.ctx.events.event(written, 'Warning', 'NodeNotReady', 'Node is not ready', SOURCE);
      } catch {
        // Gone meanwhile.
      }
    }
  }

  /** A pod newly bound to a node that is not ready is marked not ready too (processPod). */
  private processPod(key: string): void {
    const [ns, name] = key.split('/');
    const pod = this.ctx.store.get(R.pods, ns, name) as PodObj | undefined;
    const nodeName = pod?.spec?.nodeName;
    if (!pod || !nodeName) return;
    const h = this.health.get(nodeName);
    if (!h?.readyStatus || !this.ctx.store.get(R.nodes, undefined, nodeName)) return;
    if (h.readyStatus !== 'True') this.markPodsNotReady(nodeName, pod);
  }

  // ---- NoExecute taints, rate limited per zone ----

  private addZone(zone: string): void {
    if (!this.zones.has(zone)) this.zones.set(zone, { state: 'Initial', bucket: newBucket(EVICTION_LIMITER_QPS, this.now()), queue: [], set: [] });
  }

  private markNodeForTainting(node: NodeObj): void {
    const z = this.zones.get(zoneKey(node));
    const name = node.metadata.name!;
    if (!z || z.set.includes(name)) return;
    z.set.push(name);
    z.queue.push({ node: name, processAt: this.now() });
  }

  private markNodeAsReachable(node: NodeObj): void {
    const name = node.metadata.name!;
    const current = this.ctx.store.get(R.nodes, undefined, name) as NodeObj | undefined;
    if (current) {
      const remove = [TAINT_UNREACHABLE, TAINT_NOT_READY].filter((k) => hasTaint(current, k, 'NoExecute')).map((key) => ({ key, effect: 'NoExecute' }));
      if (remove.length) this.swapTaints(name, [], remove);
    }
    const z = this.zones.get(zoneKey(node));
    if (!z) return;
    z.set = z.set.filter((n) => n !== name);
    z.queue = z.queue.filter((i) => i.node !== name);
  }

  /** doNoExecuteTaintingPass: each zone's queue, as fast as its limiter allows. */
  private doNoExecuteTaintingPass(): void {
    const now = this.now();
    let wakeAt: number | undefined;
    for (const z of this.zones.values()) {
      while (z.queue.length) {
        if (!tryAccept(z.bucket, now)) {
          const at = nextTokenAt(z.bucket, now);
          if (at !== undefined && (wakeAt === undefined || at < wakeAt)) wakeAt = at;
          break;
        }
        const item = z.queue[0];
        if (now < item.processAt) {
          if (wakeAt === undefined || item.processAt < wakeAt) wakeAt = item.processAt;
          break;
        }
        z.queue.shift();
        this.taintNoExecute(item.node);
      }
    }
    if (wakeAt !== undefined) this.ctx.sim.setTimer(this.name, TAINT, wakeAt);
  }

  private taintNoExecute(name: string): void {
    const node = this.ctx.store.get(R.nodes, undefined, name) as NodeObj | undefined;
    if (!node) return;
    const ready = condition(node, 'Ready');
    // Not-ready and unreachable mirror the Ready condition, so they exclude each other.
    if (ready?.status === 'False') this.swapTaints(name, [{ key: TAINT_NOT_READY, effect: 'NoExecute' }], [{ key: TAINT_UNREACHABLE, effect: 'NoExecute' }]);
    else if (ready?.status === 'Unknown') this.swapTaints(name, [{ key: TAINT_UNREACHABLE, effect: 'NoExecute' }], [{ key: TAINT_NOT_READY, effect: 'NoExecute' }]);
  }

  // ---- disruption ----

  /** When every node of every zone is down, the trouble is more likely the control plane's: evict nothing. */
  private handleDisruption(zoneConditions: Map<string, (NodeCondition | undefined)[]>, nodes: NodeObj[]): void {
    const newStates = new Map<string, ZoneState>();
    let allAreFullyDisrupted = true;
    for (const [k, conds] of zoneConditions) {
      const { state } = computeZoneState(conds);
      if (state !== 'FullDisruption') allAreFullyDisrupted = false;
      newStates.set(k, state);
      this.addZone(k);
    }
    let allWasFullyDisrupted = true;
    for (const [k, z] of [...this.zones]) {
      if (!zoneConditions.has(k)) {
        this.zones.delete(k);
        continue;
      }
      if (z.state !== 'FullDisruption') {
        allWasFullyDisrupted = false;
        break;
      }
    }
    if (allAreFullyDisrupted && allWasFullyDisrupted) return;
    const now = this.now();
    if (allAreFullyDisrupted) {
      for (const n of nodes) this.markNodeAsReachable(n);
      for (const z of this.zones.values()) {
        z.bucket = swapLimiter(z.bucket, 0, now);
        z.state = 'FullDisruption';
      }
      return;
    }
    if (allWasFullyDisrupted) {
      for (const n of nodes) {
        const h = this.health.get(n.metadata.name!);
        if (h) this.health.set(n.metadata.name!, { ...h, probe: now, readyTransition: now });
      }
      for (const [k, z] of this.zones) {
        const state = newStates.get(k) ?? 'Normal';
        z.bucket = swapLimiter(z.bucket, zoneTaintingQPS(state, zoneConditions.get(k)?.length ?? 0), now);
        z.state = state;
      }
      return;
    }
    for (const [k, z] of this.zones) {
      const state = newStates.get(k);
      if (!state || state === z.state) continue;
      z.bucket = swapLimiter(z.bucket, zoneTaintingQPS(state, zoneConditions.get(k)?.length ?? 0), now);
      z.state = state;
    }
  }

  private nodeEvent(name: string, uid: string, reason: string, message: string): void {
    const ref = { apiVersion: 'v1', kind: 'Node', metadata: { name, uid } } as KubeObject;
    this.ctx.events.event(ref, 'Normal', reason, message, SOURCE);
  }

  // ---- snapshot ----

  snapshot(): State {
    return {
      known: [...this.known],
      health: [...this.health].map(([k, v]) => [k, { ...v }]),
      zones: [...this.zones].map(([k, z]) => [k, { state: z.state, bucket: { ...z.bucket }, queue: z.queue.map((i) => ({ ...i })), set: [...z.set] }]),
    };
  }

  restore(state: unknown): void {
    const s = state as State;
    this.known = new Map(s.known);
    this.health = new Map(s.health.map(([k, v]) => [k, { ...v }]));
    this.zones = new Map(s.zones.map(([k, z]) => [k, { state: z.state, bucket: { ...z.bucket }, queue: z.queue.map((i) => ({ ...i })), set: [...z.set] }]));
  }
}

function readyFacts(ready: NodeCondition | undefined): Pick<NodeHealth, 'heartbeat' | 'transition' | 'readyStatus'> {
  if (!ready) return {};
  return { heartbeat: ready.lastHeartbeatTime, transition: ready.lastTransitionTime, readyStatus: ready.status };
}
