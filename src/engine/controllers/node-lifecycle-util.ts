// The node lifecycle controller's timings and arithmetic, kept apart from its orchestration
// (pkg/controller/nodelifecycle and its scheduler/ rate-limited queue, Kubernetes 1.30 defaults).

import type { Node, NodeCondition, Taint } from '../api/types.ts';

/** --node-monitor-period: how often node health is checked. */
export const NODE_MONITOR_PERIOD_MS = 5_000;
/** --node-monitor-grace-period: a node silent this long is marked Unknown (40 s in 1.30). */
export const NODE_MONITOR_GRACE_PERIOD_MS = 40_000;
/** --node-startup-grace-period: a node that never posted status gets this long. */
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;
/** --node-eviction-rate: nodes per second that may get a NoExecute taint in a healthy zone. */
export const EVICTION_LIMITER_QPS = 0.1;
/** --secondary-node-eviction-rate: the rate in a partially disrupted large zone. */
export const SECONDARY_EVICTION_LIMITER_QPS = 0.01;
/** --large-cluster-size-threshold: zones this size or smaller stop tainting when partially disrupted. */
export const LARGE_CLUSTER_THRESHOLD = 50;
/** --unhealthy-zone-threshold: the share of not-ready nodes that makes a zone partially disrupted. */
export const UNHEALTHY_ZONE_THRESHOLD = 0.55;
/** The tainter's rate limiter holds one token (EvictionRateLimiterBurst). */
export const EVICTION_RATE_LIMITER_BURST = 1;

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

/** The conditions the controller sets to Unknown when the kubelet goes quiet (not NetworkUnavailable). */
export const MONITORED_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;

/** nodeConditionToTaintKeyStatusMap: which condition in which status means which NoSchedule taint. */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
};
const CONDITION_TAINT_KEYS = new Set(Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)));

export type ZoneState = 'Initial' | 'Normal' | 'FullDisruption' | 'PartialDisruption';

export function condition(node: Node, type: string): NodeCondition | undefined {
  return node.status?.conditions?.find((c) => c.type === type);
}

/** The NoSchedule taints a node's conditions and spec.unschedulable call for (doNoScheduleTaintingPass). */
export function desiredNoScheduleTaints(node: Node): Taint[] {
  const taints: Taint[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) taints.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec?.unschedulable) taints.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
  return taints;
}

/** Whether a NoSchedule taint is one the controller owns (and so may remove). */
export function isControllerNoScheduleTaint(t: Taint): boolean {
  return t.effect === 'NoSchedule' && (t.key === TAINT_UNSCHEDULABLE || CONDITION_TAINT_KEYS.has(t.key));
}

const sameTaint = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;

/** TaintSetDiff: what to add to `current` and what to take away to reach `desired` (key and effect). */
export function taintSetDiff(desired: readonly Taint[], current: readonly Taint[]): { add: Taint[]; remove: Taint[] } {
  return {
    add: desired.filter((d) => !current.some((c) => sameTaint(c, d))),
    remove: current.filter((c) => !desired.some((d) => sameTaint(c, d))),
  };
}

/** SwapNodeControllerTaint: the node's taints with `add` appended (stamped with timeAdded) and `remove` gone. */
export function swapTaints(taints: readonly Taint[] | undefined, add: readonly Taint[], remove: readonly Taint[], timeAdded: string): Taint[] {
  const kept = (taints ?? []).filter((t) => !remove.some((r) => sameTaint(t, r)) && !add.some((a) => sameTaint(t, a)));
  return [...kept, ...add.map((t) => ({ ...t, timeAdded }))];
}

export function hasTaint(node: Node, key: string, effect: string): boolean {
  return (node.spec?.taints ?? []).some((t) => t.key === key && t.effect === effect);
}

/** ComputeZoneState: how many nodes of a zone are not ready, and what that makes the zone. */
export function computeZoneState(readyConditions: readonly (NodeCondition | undefined)[]): { unhealthy: number; state: ZoneState } {
  let ready = 0;
  let notReady = 0;
  for (const c of readyConditions) {
    if (c?.status === 'True') ready++;
    else notReady++;
  }
  if (ready === 0 && notReady > 0) return { unhealthy: notReady, state: 'FullDisruption' };
  if (notReady > 2 && notReady / (notReady + ready) >= UNHEALTHY_ZONE_THRESHOLD) return { unhealthy: notReady, state: 'PartialDisruption' };
  return { unhealthy: notReady, state: 'Normal' };
}

/** The tainting rate for a zone in a state (setLimiterInZone with ReducedQPSFunc and HealthyQPSFunc). */
export function zoneTaintingQPS(state: ZoneState, zoneSize: number): number {
  if (state === 'PartialDisruption') return zoneSize > LARGE_CLUSTER_THRESHOLD ? SECONDARY_EVICTION_LIMITER_QPS : 0;
  return EVICTION_LIMITER_QPS;
}

/** GetZoneKey: region and zone labels, empty for a node with neither. */
export function zoneKey(node: Node): string {
  const l = node.metadata?.labels ?? {};
  const region = l['topology.kubernetes.io/region'] ?? l['failure-domain.beta.kubernetes.io/region'] ?? '';
  const zone = l['topology.kubernetes.io/zone'] ?? l['failure-domain.beta.kubernetes.io/zone'] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\u0000:${zone}`;
}

/** A token bucket as plain data (client-go's flowcontrol limiter); qps 0 never lets anything through. */
export interface TokenBucket {
  qps: number;
  tokens: number;
  /** When `tokens` was last brought up to date. */
  at: number;
}

export function newBucket(qps: number, now: number): TokenBucket {
  return { qps, tokens: qps > 0 ? EVICTION_RATE_LIMITER_BURST : 0, at: now };
}

function refill(b: TokenBucket, now: number): void {
  if (b.qps > 0) b.tokens = Math.min(EVICTION_RATE_LIMITER_BURST, b.tokens + ((now - b.at) / 1000) * b.qps);
  b.at = now;
}

/** Takes a token if one is there. */
export function tryAccept(b: TokenBucket, now: number): boolean {
  refill(b, now);
  if (b.qps <= 0 || b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

/** When the next token will be there, or undefined if never. */
export function nextTokenAt(b: TokenBucket, now: number): number | undefined {
  refill(b, now);
  if (b.qps <= 0) return undefined;
  if (b.tokens >= 1) return now;
  return now + Math.ceil(((1 - b.tokens) / b.qps) * 1000);
}

/** SwapLimiter: a new rate; a limiter that was empty hands on an empty bucket (burst 1). */
export function swapLimiter(b: TokenBucket, qps: number, now: number): TokenBucket {
  if (b.qps === qps) return b;
  const next = newBucket(qps, now);
  if (qps > 0 && !tryAccept({ ...b }, now)) next.tokens = 0;
  return next;
}
