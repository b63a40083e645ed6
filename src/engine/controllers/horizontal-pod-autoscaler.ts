// The horizontal pod autoscaler (pkg/controller/podautoscaler/horizontal.go). Every sync period
// (15s) each HPA is reconciled: read the target's scale, read resource metrics of the pods its
// selector picks from the Metrics API, compute the desired replicas (hpa-util.ts), stabilize and
// limit them (the 5-minute scale-down window, or the behavior's policies), write the scale and the
// HPA's status with its conditions, and emit the events the real controller emits.
//
// Only Resource metrics (cpu, memory; Utilization and AverageValue) are served: the sandbox has no
// custom or external metrics API, so other metric types fail as they would without one.

import { KINDS, type KindInfo } from '../api/kinds.ts';
import { labelSelectorAsSelector, selectorFromSet, type Selector } from '../api/labels.ts';
import { clone, objectKey, type KubeObject } from '../api/object.ts';
import { formatMilli, milliValue, parseQuantity } from '../api/quantity.ts';
import type { LabelSelector, Pod } from '../api/types.ts';
import { K, R } from '../api/wellknown.ts';
import { MetricsApiUnavailable } from '../metrics/metrics-server.ts';
import type { MetricsServer } from '../metrics/metrics-server.ts';
import type { Component } from '../sim/sim.ts';
import { formatRFC3339, parseRFC3339 } from '../util/time.ts';
import type { Controller, ControllerContext } from './context.ts';
import {
  CalcError,
  convertDesiredReplicasWithRules,
  convertWithBehaviorRate,
  DOWNSCALE_STABILIZATION_MS,
  HPA_SYNC_PERIOD_MS,
  recordScaleEvent,
  resourceReplicas,
  stabilize,
  stabilizeWithBehaviors,
  type CalcPod,
  type PodMetric,
  type Recommendation,
  type ScaleEvent,
  type ScalingRules,
} from './hpa-util.ts';

const COMPONENT = { component: 'horizontal-pod-autoscaler' };
const HPA_KIND = KINDS.find((k) => k.kind === 'HorizontalPodAutoscaler')!;
const HPA_RESOURCE = 'horizontalpodautoscalers.autoscaling';

interface MetricTarget {
  type: string;
  averageUtilization?: number;
  averageValue?: string | number;
  value?: string | number;
}
interface MetricSpec {
  type: string;
  resource?: { name: string; target: MetricTarget };
}
interface MetricStatus {
  type: string;
  resource?: { name: string; current: { averageUtilization?: number; averageValue?: string } };
}
interface Condition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}
interface HPA extends KubeObject {
  spec: {
    scaleTargetRef: { apiVersion?: string; kind: string; name: string };
    minReplicas?: number;
    maxReplicas: number;
    metrics?: MetricSpec[];
    behavior?: { scaleUp?: ScalingRules; scaleDown?: ScalingRules };
  };
  status?: {
    observedGeneration?: number;
    lastScaleTime?: string;
    currentReplicas?: number;
    desiredReplicas?: number;
    currentMetrics?: MetricStatus[] | null;
    conditions?: Condition[];
  };
}

type Scalable = KubeObject & { spec?: { replicas?: number; selector?: LabelSelector | Record<string, string> } };

interface State {
  recommendations: [string, Recommendation[]][];
  ups: [string, ScaleEvent[]][];
  downs: [string, ScaleEvent[]][];
  scheduled: string[];
}

/** The kinds with a scale subresource the HPA can drive. */
function scalableKind(kind: string): KindInfo | undefined {
  const byKind: Record<string, KindInfo | undefined> = {
    Deployment: K.Deployment,
    ReplicaSet: K.ReplicaSet,
    StatefulSet: KINDS.find((k) => k.kind === 'StatefulSet' && k.group === 'apps'),
    ReplicationController: KINDS.find((k) => k.kind === 'ReplicationController' && k.group === ''),
  };
  return byKind[kind];
}

export class HorizontalPodAutoscalerController implements Controller, Component {
  readonly name = 'horizontal-pod-autoscaler';
  private recommendations = new Map<string, Recommendation[]>();
  private ups = new Map<string, ScaleEvent[]>();
  private downs = new Map<string, ScaleEvent[]>();
  /** HPAs with a sync due (the queue's fixed-interval rate limiter: one pending sync per key). */
  private scheduled = new Set<string>();

  constructor(
    private readonly ctx: ControllerContext,
    private readonly metrics: MetricsServer,
  ) {
    ctx.sim.register(this);
    ctx.store.watch(HPA_RESOURCE, (e) => {
      const key = objectKey(e.object);
      if (e.type === 'DELETED') {
        this.recommendations.delete(key);
        this.ups.delete(key);
        this.downs.delete(key);
        this.scheduled.delete(key);
        this.ctx.sim.cancelTimer(this.name, key);
      } else this.enqueue(key);
    });
  }

  resync(): void {
    for (const h of this.ctx.store.each(HPA_RESOURCE)) this.enqueue(objectKey(h));
  }

  /** AddRateLimited with a fixed 15s interval: a new or changed HPA is looked at one period later. */
  private enqueue(key: string): void {
    if (this.scheduled.has(key)) return;
    this.scheduled.add(key);
    this.ctx.sim.setTimer(this.name, key, this.ctx.sim.now() + HPA_SYNC_PERIOD_MS);
  }

  onTimer(key: string): void {
    this.scheduled.delete(key);
    const hpa = this.ctx.store.getByKey(HPA_RESOURCE, key) as HPA | undefined;
    if (!hpa) return;
    try {
      this.reconcile(key, hpa);
    } finally {
      if (this.ctx.store.getByKey(HPA_RESOURCE, key)) this.enqueue(key);
    }
  }

  private reconcile(key: string, original: HPA): void {
    const { api, events, sim } = this.ctx;
    const now = sim.now();
    const hpa = clone(original) as HPA;
    hpa.status ??= {};
    const ref = hpa.spec.scaleTargetRef;
    const info = scalableKind(ref.kind);
    const target = info ? (this.ctx.store.get(groupResourceOf(info), hpa.metadata.namespace, ref.name) as Scalable | undefined) : undefined;
    if (!info || !target) {
      const msg = info ? `${info.resource}.${info.group || ''} "${ref.name}" not found`.replace('. "', ' "') : `no matches for kind "${ref.kind}" in group "${(ref.apiVersion ?? '').split('/')[0]}"`;
      events.event(original, 'Warning', 'FailedGetScale', msg, COMPONENT);
      setCondition(hpa, 'AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${msg}`, now);
      this.writeStatus(original, hpa, hpa.status.currentReplicas ?? 0, hpa.status.desiredReplicas ?? 0, hpa.status.currentMetrics ?? null, false, now);
      return;
    }
    setCondition(hpa, 'AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale", now);
    const currentReplicas = target.spec?.replicas ?? 1;
    const minReplicas = hpa.spec.minReplicas ?? 1;
    const maxReplicas = hpa.spec.maxReplicas;
    let desiredReplicas = 0;
    let rescaleReason = '';
    let metricStatuses: MetricStatus[] | null = hpa.status.currentMetrics ?? null;

    if (currentReplicas === 0 && minReplicas !== 0) {
      desiredReplicas = 0;
      setCondition(hpa, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero', now);
    } else if (currentReplicas > maxReplicas) {
      rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
      desiredReplicas = maxReplicas;
    } else if (currentReplicas < minReplicas) {
      rescaleReason = 'Current number of replicas below Spec.MinReplicas';
      desiredReplicas = minReplicas;
    } else {
      const computed = this.computeReplicasForMetrics(hpa, target, info, currentReplicas, now);
      metricStatuses = computed.statuses;
      if (computed.error && computed.replicas === -1) {
        events.event(original, 'Warning', 'FailedComputeMetricsReplicas', computed.error, COMPONENT);
        this.writeStatus(original, hpa, currentReplicas, hpa.status.desiredReplicas ?? 0, metricStatuses, false, now);
        return;
      }
      let rescaleMetric = '';
      if (computed.replicas > desiredReplicas) {
        desiredReplicas = computed.replicas;
        rescaleMetric = computed.metric;
      }
      if (desiredReplicas > currentReplicas) rescaleReason = `${rescaleMetric} above target`;
      if (desiredReplicas < currentReplicas) rescaleReason = 'All metrics below target';
      desiredReplicas = hpa.spec.behavior ? this.normalizeWithBehaviors(hpa, key, currentReplicas, desiredReplicas, minReplicas, now) : this.normalize(hpa, key, currentReplicas, desiredReplicas, minReplicas, now);
    }

    const rescale = desiredReplicas !== currentReplicas;
    if (rescale) {
      try {
        api.mutate(info, hpa.metadata.namespace, ref.name, (o) => {
          (o as Scalable).spec = { ...((o as Scalable).spec ?? {}), replicas: desiredReplicas };
        });
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        events.event(original, 'Warning', 'FailedRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}; error: ${msg}`, COMPONENT);
        setCondition(hpa, 'AbleToScale', 'False', 'FailedUpdateScale', `the HPA controller was unable to update the target scale: ${msg}`, now);
        this.writeStatus(original, hpa, currentReplicas, hpa.status.desiredReplicas ?? 0, metricStatuses, false, now);
        return;
      }
      setCondition(hpa, 'AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desiredReplicas}`, now);
      events.event(original, 'Normal', 'SuccessfulRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}`, COMPONENT);
      this.storeScaleEvent(hpa, key, currentReplicas, desiredReplicas, now);
    } else desiredReplicas = currentReplicas;
    this.writeStatus(original, hpa, currentReplicas, desiredReplicas, metricStatuses, rescale, now);
  }

  private computeReplicasForMetrics(hpa: HPA, target: Scalable, info: KindInfo, specReplicas: number, now: number): { replicas: number; metric: string; statuses: MetricStatus[]; error?: string } {
    let selector: Selector;
    try {
      const sel = target.spec?.selector;
      if (!sel) throw new Error('no selector');
      selector = info.group === '' ? selectorFromSet(sel as Record<string, string>) : labelSelectorAsSelector(sel as LabelSelector);
    } catch {
      const msg = 'selector is required';
      this.ctx.events.event(hpa, 'Warning', 'SelectorRequired', msg, COMPONENT);
      setCondition(hpa, 'ScalingActive', 'False', 'InvalidSelector', 'the HPA target\'s scale is missing a selector', now);
      return { replicas: -1, metric: '', statuses: [], error: msg };
    }
    const specs = hpa.spec.metrics ?? [];
    const statuses: MetricStatus[] = specs.map(() => ({ type: '' }));
    let replicas = 0;
    let metric = '';
    let invalid = 0;
    let firstError: string | undefined;
    let firstCondition: [string, string] | undefined;
    specs.forEach((spec, i) => {
      const r = this.computeForMetric(hpa, spec, specReplicas, selector, now);
      if ('error' in r) {
        if (invalid === 0) {
          firstError = r.error;
          firstCondition = [r.reason, r.error];
        }
        invalid++;
        return;
      }
      statuses[i] = r.status;
      if (replicas === 0 || r.replicas > replicas) {
        replicas = r.replicas;
        metric = r.metric;
      }
    });
    const error = firstError !== undefined ? `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstError}` : undefined;
    if (invalid >= specs.length || (invalid > 0 && replicas < specReplicas)) {
      setCondition(hpa, 'ScalingActive', 'False', firstCondition![0], `the HPA was unable to compute the replica count: ${firstCondition![1]}`, now);
      return { replicas: -1, metric: '', statuses, error };
    }
    setCondition(hpa, 'ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${metric}`, now);
    return { replicas, metric, statuses, error };
  }

  private computeForMetric(hpa: HPA, spec: MetricSpec, currentReplicas: number, selector: Selector, now: number): { replicas: number; metric: string; status: MetricStatus } | { error: string; reason: string } {
    if (spec.type !== 'Resource' || !spec.resource) {
      const reason = `FailedGet${spec.type}Metric`;
      const error = `unable to get ${spec.type.toLowerCase()} metric: the server could not find the requested resource`;
      this.ctx.events.event(hpa, 'Warning', reason, error, COMPONENT);
      return { error, reason };
    }
    const { name, target } = spec.resource;
    const ns = hpa.metadata.namespace!;
    const fail = (error: string) => {
      this.ctx.events.event(hpa, 'Warning', 'FailedGetResourceMetric', error, COMPONENT);
      return { error, reason: 'FailedGetResourceMetric' };
    };
    const what = target.averageValue !== undefined ? `${name} usage` : `${name} utilization`;
    if (target.averageValue === undefined && target.averageUtilization === undefined) return fail('invalid resource metric source: neither an average utilization target nor an average value (usage) target was set');
    let metrics: Map<string, PodMetric>;
    try {
      metrics = this.resourceMetrics(name, ns, selector);
    } catch (e) {
      const msg = e instanceof MetricsApiUnavailable ? `unable to fetch metrics from resource metrics API: ${e.message}` : (e as Error).message;
      return fail(`failed to get ${what}: unable to get metrics for resource ${name}: ${msg}`);
    }
    const pods = this.ctx.store.list(R.pods, ns).filter((p) => selector.matches(p.metadata.labels ?? {})) as (KubeObject & Pod)[];
    const calcPods: CalcPod[] = pods.map((p) => {
      const ready = p.status?.conditions?.find((c) => c.type === 'Ready');
      let request: number | undefined = 0;
      let noRequestContainer: string | undefined;
      for (const c of p.spec?.containers ?? []) {
        const r = c.resources?.requests?.[name];
        if (r === undefined) {
          request = undefined;
          noRequestContainer ??= c.name;
        } else if (request !== undefined) request += milliValue(r);
      }
      return {
        name: p.metadata.name!,
        phase: p.status?.phase ?? 'Pending',
        deleting: !!p.metadata.deletionTimestamp,
        ready: ready ? { status: ready.status, lastTransitionTime: parseRFC3339(ready.lastTransitionTime) ?? 0 } : undefined,
        startTime: parseRFC3339(p.status?.startTime),
        request,
        noRequestContainer,
      };
    });
    try {
      if (target.averageValue !== undefined) {
        const r = resourceReplicas({ currentReplicas, pods: calcPods, metrics, resource: name, now, targetValue: parseQuantity(target.averageValue).milliValue() });
        return { replicas: r.replicas, metric: `${name} resource`, status: { type: 'Resource', resource: { name, current: { averageValue: formatMilli(r.rawAverage) } } } };
      }
      const r = resourceReplicas({ currentReplicas, pods: calcPods, metrics, resource: name, now, targetUtilization: target.averageUtilization });
      return { replicas: r.replicas, metric: `${name} resource utilization (percentage of request)`, status: { type: 'Resource', resource: { name, current: { averageUtilization: r.utilization, averageValue: formatMilli(r.rawAverage) } } } };
    } catch (e) {
      if (e instanceof CalcError) return fail(`failed to get ${what}: ${e.message}`);
      throw e;
    }
  }

  /** The resource metrics client: each pod's total over its containers, in milli-units. */
  private resourceMetrics(resource: string, namespace: string, selector: Selector): Map<string, PodMetric> {
    const samples = this.metrics.podMetrics(namespace, selector);
    if (!samples.length) throw new Error('no metrics returned from resource metrics API');
    const out = new Map<string, PodMetric>();
    for (const s of samples) {
      let value = 0;
      for (const c of s.containers) value += resource === 'cpu' ? Math.ceil(c.cpuNano / 1e6) : c.memory * 1000;
      out.set(s.name, { value, timestamp: s.timestamp, windowMs: s.windowMs });
    }
    return out;
  }

  private normalize(hpa: HPA, key: string, current: number, desired: number, min: number, now: number): number {
    const s = stabilize(this.recommendations.get(key) ?? [], desired, now, DOWNSCALE_STABILIZATION_MS);
    this.recommendations.set(key, s.recs);
    if (s.replicas !== desired) setCondition(hpa, 'AbleToScale', 'True', 'ScaleDownStabilized', 'recent recommendations were higher than current one, applying the highest recent recommendation', now);
    else setCondition(hpa, 'AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size', now);
    const l = convertDesiredReplicasWithRules(current, s.replicas, min, hpa.spec.maxReplicas);
    setCondition(hpa, 'ScalingLimited', l.replicas === s.replicas ? 'False' : 'True', l.reason, l.message, now);
    return l.replicas;
  }

  private normalizeWithBehaviors(hpa: HPA, key: string, current: number, desired: number, min: number, now: number): number {
    const up = hpa.spec.behavior?.scaleUp ?? {};
    const down = { ...(hpa.spec.behavior?.scaleDown ?? {}) };
    down.stabilizationWindowSeconds ??= DOWNSCALE_STABILIZATION_MS / 1000;
    const s = stabilizeWithBehaviors(this.recommendations.get(key) ?? [], current, desired, up.stabilizationWindowSeconds ?? 0, down.stabilizationWindowSeconds, now);
    this.recommendations.set(key, s.recs);
    if (s.replicas !== desired) setCondition(hpa, 'AbleToScale', 'True', s.reason, s.message, now);
    else setCondition(hpa, 'AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size', now);
    const l = convertWithBehaviorRate({ current, desired: s.replicas, min, max: hpa.spec.maxReplicas, up, down, ups: this.ups.get(key) ?? [], downs: this.downs.get(key) ?? [], now });
    setCondition(hpa, 'ScalingLimited', l.replicas === s.replicas ? 'False' : 'True', l.reason, l.message, now);
    return l.replicas;
  }

  private storeScaleEvent(hpa: HPA, key: string, prev: number, next: number, now: number): void {
    const b = hpa.spec.behavior;
    if (!b) return;
    const longest = (r?: ScalingRules) => Math.max(0, ...(r?.policies ?? []).map((p) => p.periodSeconds));
    if (next > prev) this.ups.set(key, recordScaleEvent(this.ups.get(key) ?? [], next - prev, longest(b.scaleUp), now));
    else this.downs.set(key, recordScaleEvent(this.downs.get(key) ?? [], prev - next, longest(b.scaleDown), now));
  }

  private writeStatus(original: HPA, hpa: HPA, current: number, desired: number, metrics: MetricStatus[] | null, rescale: boolean, now: number): void {
    const status = hpa.status!;
    status.currentReplicas = current;
    status.desiredReplicas = desired;
    status.currentMetrics = metrics && metrics.length ? metrics : null;
    if (status.currentMetrics === null) delete status.currentMetrics;
    if (rescale) status.lastScaleTime = formatRFC3339(now);
    status.observedGeneration = hpa.metadata.generation;
    try {
      this.ctx.api.update(HPA_KIND, { ...original, status } as KubeObject, { subresource: 'status' });
    } catch {
      // Changed meanwhile: the next sync writes it.
    }
  }

  snapshot(): State {
    return { recommendations: [...this.recommendations], ups: [...this.ups], downs: [...this.downs], scheduled: [...this.scheduled] };
  }

  restore(state: unknown): void {
    const s = state as State;
    this.recommendations = new Map(s.recommendations);
    this.ups = new Map(s.ups);
    this.downs = new Map(s.downs);
    this.scheduled = new Set(s.scheduled);
  }
}

function groupResourceOf(info: KindInfo): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}

/** setCondition: the transition time moves only when the status changes. */
function setCondition(hpa: HPA, type: string, status: string, reason: string, message: string, now: number): void {
  const conds = (hpa.status!.conditions ??= []);
  const existing = conds.find((c) => c.type === type);
  if (existing) {
    if (existing.status !== status) existing.lastTransitionTime = formatRFC3339(now);
    existing.status = status;
    existing.reason = reason;
    existing.message = message;
  } else conds.push({ type, status, lastTransitionTime: formatRFC3339(now), reason, message });
}

