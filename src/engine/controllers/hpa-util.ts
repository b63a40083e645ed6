// The HPA's arithmetic (pkg/controller/podautoscaler: replica_calculator.go, metrics/utilization.go
// and the normalization in horizontal.go), as pure functions over plain data.

/** --horizontal-pod-autoscaler-tolerance */
export const TOLERANCE = 0.1;
/** --horizontal-pod-autoscaler-cpu-initialization-period */
export const CPU_INITIALIZATION_PERIOD_MS = 5 * 60_000;
/** --horizontal-pod-autoscaler-initial-readiness-delay */
export const INITIAL_READINESS_DELAY_MS = 30_000;
/** --horizontal-pod-autoscaler-downscale-stabilization */
export const DOWNSCALE_STABILIZATION_MS = 5 * 60_000;
/** --horizontal-pod-autoscaler-sync-period */
export const HPA_SYNC_PERIOD_MS = 15_000;
const SCALE_UP_LIMIT_FACTOR = 2;
const SCALE_UP_LIMIT_MINIMUM = 4;

/** What the replica calculator needs of a pod. */
export interface CalcPod {
  name: string;
  phase: string;
  deleting?: boolean;
  /** The Ready condition, if the pod has one. */
  ready?: { status: string; lastTransitionTime: number };
  startTime?: number;
  /** The sum of the containers' requests of the resource (undefined: a container has none). */
  request?: number;
  /** The first container without a request, when request is undefined. */
  noRequestContainer?: string;
}

export interface PodMetric {
  /** milli-units: millicores, or milli-bytes (the metrics client uses MilliValue for both) */
  value: number;
  timestamp: number;
  windowMs: number;
}

export class CalcError extends Error {}

interface Groups {
  readyPodCount: number;
  unready: Set<string>;
  missing: Set<string>;
  ignored: Set<string>;
}

/** groupPods: which pods count, which are unready, which lack metrics, which are ignored. */
export function groupPods(pods: CalcPod[], metrics: Map<string, PodMetric>, resource: string, now: number): Groups {
  const g: Groups = { readyPodCount: 0, unready: new Set(), missing: new Set(), ignored: new Set() };
  for (const pod of pods) {
    if (pod.deleting || pod.phase === 'Failed') {
      g.ignored.add(pod.name);
      continue;
    }
    if (pod.phase === 'Pending') {
      g.unready.add(pod.name);
      continue;
    }
    const metric = metrics.get(pod.name);
    if (!metric) {
      g.missing.add(pod.name);
      continue;
    }
    if (resource === 'cpu') {
      let unready: boolean;
      const c = pod.ready;
      if (!c || pod.startTime === undefined) unready = true;
      else if (pod.startTime + CPU_INITIALIZATION_PERIOD_MS > now) {
        // Still starting: a sample counts only once a whole window was collected since it became ready.
        unready = c.status === 'False' || metric.timestamp < c.lastTransitionTime + metric.windowMs;
      } else {
        // Past initialization: ignore only a pod unready that has never been ready.
        unready = c.status === 'False' && pod.startTime + INITIAL_READINESS_DELAY_MS > c.lastTransitionTime;
      }
      if (unready) {
        g.unready.add(pod.name);
        continue;
      }
    }
    g.readyPodCount++;
  }
  return g;
}

/** GetResourceUtilizationRatio. */
export function utilizationRatio(metrics: Map<string, PodMetric>, requests: Map<string, number>, target: number): { ratio: number; utilization: number; rawAverage: number } {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let n = 0;
  for (const [name, m] of metrics) {
    const r = requests.get(name);
    if (r === undefined) continue;
    metricsTotal += m.value;
    requestsTotal += r;
    n++;
  }
  if (requestsTotal === 0) throw new CalcError('no metrics returned matched known pods');
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / target, utilization, rawAverage: Math.trunc(metricsTotal / n) };
}

/** GetMetricUsageRatio. */
export function usageRatio(metrics: Map<string, PodMetric>, target: number): { ratio: number; usage: number } {
  let total = 0;
  for (const m of metrics.values()) total += m.value;
  const usage = Math.trunc(total / metrics.size);
  return { ratio: usage / target, usage };
}

export interface ResourceReplicas {
  replicas: number;
  utilization: number;
  rawAverage: number;
}

/**
 * GetResourceReplicas (Utilization targets) and, with `targetUtilization` undefined,
 * GetRawResourceReplicas (AverageValue targets, `targetValue` in milli-units).
 */
export function resourceReplicas(args: {
  currentReplicas: number;
  pods: CalcPod[];
  metrics: Map<string, PodMetric>;
  resource: string;
  now: number;
  targetUtilization?: number;
  targetValue?: number;
}): ResourceReplicas {
  const { currentReplicas, pods, resource, now, targetUtilization, targetValue } = args;
  const metrics = new Map(args.metrics);
  if (pods.length === 0) throw new CalcError('no pods returned by selector while calculating replica count');
  const g = groupPods(pods, metrics, resource, now);
  for (const n of g.ignored) metrics.delete(n);
  for (const n of g.unready) metrics.delete(n);
  if (metrics.size === 0) throw new CalcError('did not receive metrics for targeted pods (pods might be unready)');

  const requests = new Map<string, number>();
  const utilizationMode = targetUtilization !== undefined;
  if (utilizationMode) {
    for (const p of pods) {
      if (p.request === undefined) throw new CalcError(`missing request for ${resource} in container ${p.noRequestContainer ?? ''} of Pod ${p.name}`);
      requests.set(p.name, p.request);
    }
  }
  const ratioOf = (m: Map<string, PodMetric>) => (utilizationMode ? utilizationRatio(m, requests, targetUtilization) : (() => { const u = usageRatio(m, targetValue!); return { ratio: u.ratio, utilization: 0, rawAverage: u.usage }; })());
  const first = ratioOf(metrics);
  const { ratio, utilization, rawAverage } = first;
  const result = (replicas: number) => ({ replicas, utilization, rawAverage });

  const scaleUpWithUnready = g.unready.size > 0 && ratio > 1;
  if (!scaleUpWithUnready && g.missing.size === 0) {
    if (Math.abs(1 - ratio) <= TOLERANCE) return result(currentReplicas);
    return result(Math.ceil(ratio * g.readyPodCount));
  }
  const fake = (value: number): PodMetric => ({ value, timestamp: now, windowMs: 0 });
  if (g.missing.size > 0) {
    if (ratio < 1) {
      // On a scale-down, missing pods are taken to use 100% of their request (or the target, if higher).
      for (const n of g.missing) metrics.set(n, fake(utilizationMode ? Math.trunc((requests.get(n)! * Math.max(100, targetUtilization)) / 100) : targetValue!));
    } else if (ratio > 1) {
      // On a scale-up, nothing.
      for (const n of g.missing) metrics.set(n, fake(0));
    }
  }
  if (scaleUpWithUnready) for (const n of g.unready) metrics.set(n, fake(0));
  const newRatio = ratioOf(metrics).ratio;
  if (Math.abs(1 - newRatio) <= TOLERANCE || (ratio < 1 && newRatio > 1) || (ratio > 1 && newRatio < 1)) return result(currentReplicas);
  const newReplicas = Math.ceil(newRatio * metrics.size);
  if ((newRatio < 1 && newReplicas > currentReplicas) || (newRatio > 1 && newReplicas < currentReplicas)) return result(currentReplicas);
  return result(newReplicas);
}

export interface Recommendation {
  replicas: number;
  at: number;
}

/** stabilizeRecommendation (no behavior): the highest recommendation of the window; records this one. */
export function stabilize(recs: Recommendation[], desired: number, now: number, windowMs = DOWNSCALE_STABILIZATION_MS): { replicas: number; recs: Recommendation[] } {
  let max = desired;
  let old = -1;
  const out = recs.map((r) => ({ ...r }));
  out.forEach((r, i) => {
    if (r.at < now - windowMs) old = i;
    else if (r.replicas > max) max = r.replicas;
  });
  if (old >= 0) out[old] = { replicas: desired, at: now };
  else out.push({ replicas: desired, at: now });
  return { replicas: max, recs: out };
}

export interface Limited {
  replicas: number;
  reason: string;
  message: string;
}

/** convertDesiredReplicasWithRules: min/max and the legacy scale-up limit of max(2×current, 4). */
export function convertDesiredReplicasWithRules(current: number, desired: number, min: number, max: number): Limited {
  const scaleUpLimit = Math.max(SCALE_UP_LIMIT_FACTOR * current, SCALE_UP_LIMIT_MINIMUM);
  let maximum: number;
  let reason: string;
  let message: string;
  if (max > scaleUpLimit) {
    maximum = scaleUpLimit;
    reason = 'ScaleUpLimit';
    message = 'the desired replica count is increasing faster than the maximum scale rate';
  } else {
    maximum = max;
    reason = 'TooManyReplicas';
    message = 'the desired replica count is more than the maximum replica count';
  }
  if (desired < min) return { replicas: min, reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
  if (desired > maximum) return { replicas: maximum, reason, message };
  return { replicas: desired, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
}

export interface ScalingPolicy {
  type: string;
  value: number;
  periodSeconds: number;
}
export interface ScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: string;
  policies?: ScalingPolicy[];
}
export interface ScaleEvent {
  change: number;
  at: number;
  outdated?: boolean;
}

function changeInPeriod(periodSeconds: number, events: ScaleEvent[], now: number): number {
  const cutoff = now - periodSeconds * 1000;
  return events.reduce((a, e) => (e.at > cutoff ? a + e.change : a), 0);
}

/** calculateScaleUpLimitWithScalingRules. */
export function scaleUpLimit(current: number, ups: ScaleEvent[], downs: ScaleEvent[], rules: ScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const useMin = rules.selectPolicy === 'Min';
  let result = useMin ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
  for (const p of rules.policies ?? []) {
    const start = current - changeInPeriod(p.periodSeconds, ups, now) + changeInPeriod(p.periodSeconds, downs, now);
    const proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100));
    result = useMin ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

/** calculateScaleDownLimitWithBehaviors. */
export function scaleDownLimit(current: number, ups: ScaleEvent[], downs: ScaleEvent[], rules: ScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const useMin = rules.selectPolicy === 'Min';
  let result = useMin ? Number.MIN_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
  for (const p of rules.policies ?? []) {
    const start = current - changeInPeriod(p.periodSeconds, ups, now) + changeInPeriod(p.periodSeconds, downs, now);
    const proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100));
    result = useMin ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

/** stabilizeRecommendationWithBehaviors: clamp between the lowest recent (up) and highest recent (down) recommendations. */
export function stabilizeWithBehaviors(recs: Recommendation[], current: number, desired: number, upWindowS: number, downWindowS: number, now: number): { replicas: number; reason: string; message: string; recs: Recommendation[] } {
  const upCutoff = now - upWindowS * 1000;
  const downCutoff = now - downWindowS * 1000;
  let up = desired;
  let down = desired;
  let old = -1;
  const out = recs.map((r) => ({ ...r }));
  out.forEach((r, i) => {
    if (r.at > upCutoff) up = Math.min(r.replicas, up);
    if (r.at > downCutoff) down = Math.max(r.replicas, down);
    if (r.at < upCutoff && r.at < downCutoff) old = i;
  });
  let rec = current;
  if (rec < up) rec = up;
  if (rec > down) rec = down;
  if (old >= 0) out[old] = { replicas: desired, at: now };
  else out.push({ replicas: desired, at: now });
  return desired >= current
    ? { replicas: rec, reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation', recs: out }
    : { replicas: rec, reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation', recs: out };
}

/** convertDesiredReplicasWithBehaviorRate. */
export function convertWithBehaviorRate(a: { current: number; desired: number; min: number; max: number; up: ScalingRules; down: ScalingRules; ups: ScaleEvent[]; downs: ScaleEvent[]; now: number }): Limited {
  if (a.desired > a.current) {
    let limit = scaleUpLimit(a.current, a.ups, a.downs, a.up, a.now);
    if (limit < a.current) limit = a.current;
    let maximum = a.max;
    let reason = 'TooManyReplicas';
    let message = 'the desired replica count is more than the maximum replica count';
    if (maximum > limit) {
      maximum = limit;
      reason = 'ScaleUpLimit';
      message = 'the desired replica count is increasing faster than the maximum scale rate';
    }
    if (a.desired > maximum) return { replicas: maximum, reason, message };
  } else if (a.desired < a.current) {
    let limit = scaleDownLimit(a.current, a.ups, a.downs, a.down, a.now);
    if (limit > a.current) limit = a.current;
    let minimum = a.min;
    let reason = 'TooFewReplicas';
    let message = 'the desired replica count is less than the minimum replica count';
    if (minimum < limit) {
      minimum = limit;
      reason = 'ScaleDownLimit';
      message = 'the desired replica count is decreasing faster than the maximum scale rate';
    }
    if (a.desired < minimum) return { replicas: minimum, reason, message };
  }
  return { replicas: a.desired, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
}

/** storeScaleEvent: reuse an outdated slot (older than the longest policy period) or append. */
export function recordScaleEvent(events: ScaleEvent[], change: number, longestPeriodSeconds: number, now: number): ScaleEvent[] {
  const cutoff = now - longestPeriodSeconds * 1000;
  const out = events.map((e) => ({ ...e, outdated: e.outdated || e.at < cutoff }));
  const i = out.findIndex((e) => e.outdated);
  if (i >= 0) out[i] = { change, at: now, outdated: false };
  else out.push({ change, at: now, outdated: false });
  return out;
}
