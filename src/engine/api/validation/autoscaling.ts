// HorizontalPodAutoscalers (autoscaling/v2) as pkg/apis/autoscaling/validation checks them
// (Kubernetes 1.30: HPAScaleToZero is alpha and off, so minReplicas must be at least 1).

import type * as autoscaling from 'kubernetes-types/autoscaling/v2';
import { FieldPath, forbidden, GoValue, invalid, notSupported, required, type FieldError } from '../field.ts';
import type { KubeObject } from '../object.ts';
import { isDNS1123Label, isValidPathSegmentName } from '../names.ts';
import { parseQuantity, QuantityError } from '../quantity.ts';
import type { Mutable } from '../types.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { goQuantityText } from './go-values.ts';

type HPA = Mutable<autoscaling.HorizontalPodAutoscaler>;
type HPASpec = Mutable<autoscaling.HorizontalPodAutoscalerSpec>;
type MetricSpec = Mutable<autoscaling.MetricSpec>;
type MetricTarget = Mutable<autoscaling.MetricTarget>;
type MetricIdentifier = Mutable<autoscaling.MetricIdentifier>;
type CrossVersionObjectReference = Mutable<autoscaling.CrossVersionObjectReference>;
type HPAScalingRules = Mutable<autoscaling.HPAScalingRules>;

const MAX_PERIOD_SECONDS = 1800;
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;
const MIN_REPLICAS_LOWER_BOUND = 1;

const METRIC_SOURCE_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const SELECT_POLICIES = ['Disabled', 'Max', 'Min'];
const POLICY_TYPES = ['Percent', 'Pods'];
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

const SPEC = FieldPath.root('spec');

export function validateHorizontalPodAutoscaler(obj: KubeObject): FieldError[] {
  const hpa = obj as unknown as HPA;
  const errs = validateObjectMeta(hpa.metadata, { namespaced: true }, FieldPath.root('metadata'));
  errs.push(...validateSpec(hpa.spec ?? ({} as HPASpec), SPEC));
  return errs;
}

export function validateHorizontalPodAutoscalerUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  return validateObjectMetaUpdate(obj.metadata, oldObj.metadata, FieldPath.root('metadata'));
}

function validateSpec(spec: HPASpec, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const min = spec.minReplicas;
  const max = spec.maxReplicas ?? 0;
  if (min !== undefined && min < MIN_REPLICAS_LOWER_BOUND) {
    errs.push(invalid(path.child('minReplicas'), min, `must be greater than or equal to ${MIN_REPLICAS_LOWER_BOUND}`));
  }
  if (max < 1) errs.push(invalid(path.child('maxReplicas'), max, 'must be greater than 0'));
  if (min !== undefined && max < min) {
    errs.push(invalid(path.child('maxReplicas'), max, 'must be greater than or equal to `minReplicas`'));
  }
  validateObjectReference(errs, spec.scaleTargetRef, path.child('scaleTargetRef'));
  (spec.metrics ?? []).forEach((m, i) => validateMetricSpec(errs, m, path.child('metrics').index(i)));
  // minReplicas 0 (reachable only from an object that already had it) needs an Object or External metric.
  if (min === 0 && !(spec.metrics ?? []).some((m) => m.type === 'Object' || m.type === 'External')) {
    errs.push(forbidden(path.child('metrics'), 'must specify at least one Object or External metric to support scaling to zero replicas'));
  }
  if (spec.behavior) {
    validateScalingRules(errs, spec.behavior.scaleUp, path.child('behavior', 'scaleUp'));
    validateScalingRules(errs, spec.behavior.scaleDown, path.child('behavior', 'scaleDown'));
  }
  return errs;
}

/** ValidateCrossVersionObjectReference. */
function validateObjectReference(errs: FieldError[], ref: CrossVersionObjectReference | undefined, path: FieldPath): void {
  const kind = ref?.kind ?? '';
  const name = ref?.name ?? '';
  if (kind === '') errs.push(required(path.child('kind')));
  else for (const msg of isValidPathSegmentName(kind)) errs.push(invalid(path.child('kind'), kind, msg));
  if (name === '') errs.push(required(path.child('name')));
  else for (const msg of isValidPathSegmentName(name)) errs.push(invalid(path.child('name'), name, msg));
}

function validateScalingRules(errs: FieldError[], rules: HPAScalingRules | undefined, path: FieldPath): void {
  if (!rules) return;
  const window = rules.stabilizationWindowSeconds;
  if (window !== undefined && window < 0) {
    errs.push(invalid(path.child('stabilizationWindowSeconds'), window, 'must be greater than or equal to zero'));
  }
  if (window !== undefined && window > MAX_STABILIZATION_WINDOW_SECONDS) {
    errs.push(invalid(path.child('stabilizationWindowSeconds'), window, `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`));
  }
  if (rules.selectPolicy !== undefined && !SELECT_POLICIES.includes(rules.selectPolicy)) {
    errs.push(notSupported(path.child('selectPolicy'), rules.selectPolicy, SELECT_POLICIES));
  }
  const policies = rules.policies ?? [];
  if (policies.length === 0) errs.push(required(path.child('policies'), 'must specify at least one Policy'));
  policies.forEach((p, i) => {
    const pp = path.child('policies').index(i);
    if (p.type !== 'Pods' && p.type !== 'Percent') errs.push(notSupported(pp.child('type'), p.type ?? '', POLICY_TYPES));
    const value = p.value ?? 0;
    const period = p.periodSeconds ?? 0;
    if (value <= 0) errs.push(invalid(pp.child('value'), value, 'must be greater than zero'));
    if (period <= 0) errs.push(invalid(pp.child('periodSeconds'), period, 'must be greater than zero'));
    if (period > MAX_PERIOD_SECONDS) {
      errs.push(invalid(pp.child('periodSeconds'), period, `must be less than or equal to ${MAX_PERIOD_SECONDS}`));
    }
  });
}

/** validateMetricSpec: a known type, exactly the one matching source, and that source's rules. */
function validateMetricSpec(errs: FieldError[], spec: MetricSpec, path: FieldPath): void {
  const type = spec.type ?? '';
  if (type === '') errs.push(required(path.child('type'), 'must specify a metric source type'));
  if (!METRIC_SOURCE_TYPES.includes(type)) errs.push(notSupported(path.child('type'), type, METRIC_SOURCE_TYPES));

  // Only the first source present is validated; the others are reported as extra below.
  const present: string[] = [];
  if (spec.object) {
    present.push('object');
    if (present.length === 1) {
      validateObjectReference(errs, spec.object.describedObject, path.child('object', 'describedObject'));
      validateMetricIdentifier(errs, spec.object.metric, path.child('object', 'metric'));
      validateMetricTarget(errs, spec.object.target, path.child('object', 'target'));
      if (spec.object.target?.value === undefined && spec.object.target?.averageValue === undefined) {
        errs.push(required(path.child('object', 'target', 'averageValue'), 'must set either a target value or averageValue'));
      }
    }
  }
  if (spec.external) {
    present.push('external');
    if (present.length === 1) {
      const t = spec.external.target;
      validateMetricIdentifier(errs, spec.external.metric, path.child('external', 'metric'));
      validateMetricTarget(errs, t, path.child('external', 'target'));
      if (t?.value === undefined && t?.averageValue === undefined) {
        errs.push(required(path.child('external', 'target', 'averageValue'), 'must set either a target value for metric or a per-pod target'));
      }
      if (t?.value !== undefined && t?.averageValue !== undefined) {
        errs.push(forbidden(path.child('external', 'target', 'value'), 'may not set both a target value for metric and a per-pod target'));
      }
    }
  }
  if (spec.pods) {
    present.push('pods');
    if (present.length === 1) {
      validateMetricIdentifier(errs, spec.pods.metric, path.child('pods', 'metric'));
      validateMetricTarget(errs, spec.pods.target, path.child('pods', 'target'));
      if (spec.pods.target?.averageValue === undefined) {
        errs.push(required(path.child('pods', 'target', 'averageValue'), 'must specify a positive target averageValue'));
      }
    }
  }
  if (spec.resource) {
    present.push('resource');
    if (present.length === 1) {
      const p = path.child('resource');
      if (!spec.resource.name) errs.push(required(p.child('name'), 'must specify a resource name'));
      validateUtilizationTarget(errs, spec.resource.target, p.child('target'));
    }
  }
  if (spec.containerResource) {
    present.push('containerResource');
    if (present.length === 1) {
      const p = path.child('containerResource');
      const name = spec.containerResource.name ?? '';
      if (name === '') errs.push(required(p.child('name'), 'must specify a resource name'));
      else if (!name.includes('/') && !STANDARD_CONTAINER_RESOURCES.has(name) && !name.startsWith('hugepages-')) {
        errs.push(invalid(p.child('name'), name, 'must be a standard resource for containers'));
      }
      const container = spec.containerResource.container ?? '';
      if (container === '') errs.push(required(p.child('container'), 'must specify a container'));
      else for (const msg of isDNS1123Label(container)) errs.push(invalid(p.child('container'), container, msg));
      validateUtilizationTarget(errs, spec.containerResource.target, p.child('target'));
    }
  }

  const expected: Record<string, string> = {
    Object: 'object',
    Pods: 'pods',
    Resource: 'resource',
    External: 'external',
    ContainerResource: 'containerResource',
  };
  const field = Object.hasOwn(expected, type) ? expected[type] : '';
  if (field === '') errs.push(notSupported(path.child('type'), type, METRIC_SOURCE_TYPES));
  else if (!present.includes(field)) errs.push(required(path.child(field), 'must populate information for the given metric source'));
  if (present.length !== 1) {
    for (const f of present) if (f !== field) errs.push(forbidden(path.child(f), 'must populate the given metric source only'));
  }
}

/** Resource and ContainerResource targets: a raw value or a utilization, not both. */
function validateUtilizationTarget(errs: FieldError[], t: MetricTarget | undefined, path: FieldPath): void {
  validateMetricTarget(errs, t, path);
  if (t?.averageUtilization === undefined && t?.averageValue === undefined) {
    errs.push(required(path.child('averageUtilization'), 'must set either a target raw value or a target utilization'));
  }
  if (t?.averageUtilization !== undefined && t?.averageValue !== undefined) {
    errs.push(forbidden(path.child('averageValue'), 'may not set both a target raw value and a target utilization'));
  }
}

function validateMetricTarget(errs: FieldError[], t: MetricTarget | undefined, path: FieldPath): void {
  const type = t?.type ?? '';
  if (type === '') errs.push(required(path.child('type'), 'must specify a metric target type'));
  if (type !== 'Utilization' && type !== 'Value' && type !== 'AverageValue') {
    errs.push(invalid(path.child('type'), type, 'must be either Utilization, Value, or AverageValue'));
  }
  for (const key of ['value', 'averageValue'] as const) {
    const q = t?.[key];
    if (q !== undefined && quantitySign(q) !== 1) errs.push(invalid(path.child(key), new GoValue(goQuantityText(q)), 'must be positive'));
  }
  if (t?.averageUtilization !== undefined && t.averageUtilization < 1) {
    errs.push(invalid(path.child('averageUtilization'), t.averageUtilization, 'must be greater than 0'));
  }
}

/** Sign of a quantity; one that does not parse never reaches validation in Kubernetes (decode fails). */
function quantitySign(q: string | number): number {
  try {
    return parseQuantity(q).sign();
  } catch (e) {
    if (e instanceof QuantityError) return 0;
    throw e;
  }
}

function validateMetricIdentifier(errs: FieldError[], id: MetricIdentifier | undefined, path: FieldPath): void {
  const name = id?.name ?? '';
  if (name === '') errs.push(required(path.child('name'), 'must specify a metric name'));
  else for (const msg of isValidPathSegmentName(name)) errs.push(invalid(path.child('name'), name, msg));
}
