// PodDisruptionBudgets, PriorityClasses, StorageClasses and Leases as pkg/apis/{policy,scheduling,
// storage,coordination}/validation check them (Kubernetes 1.30).

import type * as coordination from 'kubernetes-types/coordination/v1';
import type * as policy from 'kubernetes-types/policy/v1';
import type * as scheduling from 'kubernetes-types/scheduling/v1';
import type * as storage from 'kubernetes-types/storage/v1';
import { FieldPath, forbidden, GoValue, invalid, notSupported, required, tooLong, type FieldError } from '../field.ts';
import { validateLabelSelector } from '../labels.ts';
import { deepEqual, type KubeObject } from '../object.ts';
import { isQualifiedName, utf8Length, validateRBACName } from '../names.ts';
import type { Mutable } from '../types.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { immutable, notMoreThan100Percent, positiveIntOrPercent } from './field-rules.ts';
import { goPtr } from './go-values.ts';

type PDB = Mutable<policy.PodDisruptionBudget>;
type PriorityClass = Mutable<scheduling.PriorityClass>;
type StorageClass = Mutable<storage.StorageClass>;
type Lease = Mutable<coordination.Lease>;

const META = FieldPath.root('metadata');
const SPEC = FieldPath.root('spec');

// ---------------------------------------------------------------------------------------------
// PodDisruptionBudget

const UNHEALTHY_POD_EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

/**
 * ValidatePodDisruptionBudget checks the spec only; the registry's generic metadata check (names
 * need only be path segments) runs after it, and only when the spec passed.
 */
export function validatePodDisruptionBudget(obj: KubeObject): FieldError[] {
  const pdb = obj as unknown as PDB;
  const spec = pdb.spec ?? {};
  const errs: FieldError[] = [];
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    const repr =
      `policy.PodDisruptionBudgetSpec{MinAvailable:${goPtr('intstr.IntOrString', true)}, ` +
      `Selector:${goPtr('v1.LabelSelector', spec.selector !== undefined)}, MaxUnavailable:${goPtr('intstr.IntOrString', true)}, ` +
      `UnhealthyPodEvictionPolicy:${goPtr('policy.UnhealthyPodEvictionPolicyType', spec.unhealthyPodEvictionPolicy !== undefined)}}`;
    errs.push(invalid(SPEC, new GoValue(repr), 'minAvailable and maxUnavailable cannot be both set'));
  }
  for (const key of ['minAvailable', 'maxUnavailable'] as const) {
    const v = spec[key];
    if (v === undefined) continue;
    positiveIntOrPercent(errs, v, SPEC.child(key));
    notMoreThan100Percent(errs, v, SPEC.child(key));
  }
  errs.push(...validateLabelSelector(spec.selector, SPEC.child('selector')));
  const policyValue = spec.unhealthyPodEvictionPolicy;
  if (policyValue !== undefined && !UNHEALTHY_POD_EVICTION_POLICIES.includes(policyValue)) {
    errs.push(notSupported(SPEC.child('unhealthyPodEvictionPolicy'), policyValue, UNHEALTHY_POD_EVICTION_POLICIES));
  }
  if (errs.length > 0) return errs;
  return validateObjectMeta(pdb.metadata, { namespaced: true, nameFn: validateRBACName }, META);
}

// ---------------------------------------------------------------------------------------------
// PriorityClass

const SYSTEM_PREFIX = 'system-';
const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  'system-node-critical': 2_000_001_000,
  'system-cluster-critical': 2_000_000_000,
};

/** IsKnownSystemPriorityClass's error, or undefined for one of the two built-in classes as shipped. */
function systemPriorityClassError(name: string, value: number, globalDefault: boolean): string | undefined {
  if (!Object.hasOwn(SYSTEM_PRIORITY_CLASSES, name)) return `${name} is not a known system priority class`;
  if (SYSTEM_PRIORITY_CLASSES[name] !== value) return `value of ${name} PriorityClass must be ${SYSTEM_PRIORITY_CLASSES[name]}`;
  if (globalDefault) return `globalDefault of ${name} PriorityClass must be false`;
  return undefined;
}

export function validatePriorityClass(obj: KubeObject): FieldError[] {
  const pc = obj as unknown as PriorityClass;
  const errs = validateObjectMeta(pc.metadata, { namespaced: false }, META);
  const name = pc.metadata?.name ?? '';
  const value = pc.value ?? 0;
  if (name.startsWith(SYSTEM_PREFIX)) {
    const err = systemPriorityClassError(name, value, pc.globalDefault ?? false);
    if (err) {
      errs.push(forbidden('metadata.name', `priority class names with '${SYSTEM_PREFIX}' prefix are reserved for system use only. error: ${err}`));
    }
  } else if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  if (pc.preemptionPolicy !== undefined) {
    if (pc.preemptionPolicy === '') errs.push(required('preemptionPolicy'));
    else if (pc.preemptionPolicy !== 'PreemptLowerPriority' && pc.preemptionPolicy !== 'Never') {
      errs.push(notSupported('preemptionPolicy', pc.preemptionPolicy, ['PreemptLowerPriority', 'Never']));
    }
  }
  return errs;
}

/** The value and the preemption policy are fixed once created. */
export function validatePriorityClassUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  const pc = obj as unknown as PriorityClass;
  const old = oldObj as unknown as PriorityClass;
  const errs = validateObjectMetaUpdate(obj.metadata, oldObj.metadata, META);
  if ((pc.value ?? 0) !== (old.value ?? 0)) errs.push(forbidden('value', 'may not be changed in an update.'));
  immutable(errs, pc.preemptionPolicy, old.preemptionPolicy, FieldPath.root('preemptionPolicy'), (v) => (v as string) ?? null);
  return errs;
}

// ---------------------------------------------------------------------------------------------
// StorageClass

const MAX_PROVISIONER_PARAMETER_SIZE = 256 * (1 << 10);
const MAX_PROVISIONER_PARAMETER_LEN = 512;

export function validateStorageClass(obj: KubeObject): FieldError[] {
  const sc = obj as unknown as StorageClass;
  const errs = validateObjectMeta(sc.metadata, { namespaced: false }, META);
  const provisioner = sc.provisioner ?? '';
  if (provisioner === '') errs.push(required('provisioner'));
  else {
    const lower = provisioner.toLowerCase();
    for (const msg of isQualifiedName(lower)) errs.push(invalid('provisioner', lower, msg));
  }
  const params = sc.parameters ?? {};
  const keys = Object.keys(params);
  if (keys.length > MAX_PROVISIONER_PARAMETER_LEN) errs.push(tooLong('parameters', MAX_PROVISIONER_PARAMETER_LEN));
  else {
    let size = 0;
    for (const k of keys) {
      if (k.length < 1) errs.push(invalid('parameters', k, 'field can not be empty.'));
      size += utf8Length(k) + utf8Length(params[k]);
    }
    if (size > MAX_PROVISIONER_PARAMETER_SIZE) errs.push(tooLong('parameters', MAX_PROVISIONER_PARAMETER_SIZE));
  }
  const reclaim = sc.reclaimPolicy ?? '';
  if (reclaim !== '' && reclaim !== 'Delete' && reclaim !== 'Retain') {
    errs.push(notSupported('reclaimPolicy', reclaim, ['Delete', 'Retain']));
  }
  if (sc.volumeBindingMode === undefined) errs.push(required('volumeBindingMode'));
  else if (sc.volumeBindingMode !== 'Immediate' && sc.volumeBindingMode !== 'WaitForFirstConsumer') {
    errs.push(notSupported('volumeBindingMode', sc.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']));
  }
  return errs;
}

/** Only metadata, allowVolumeExpansion, mountOptions and allowedTopologies may change. */
export function validateStorageClassUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  const sc = obj as unknown as StorageClass;
  const old = oldObj as unknown as StorageClass;
  const errs = validateObjectMetaUpdate(obj.metadata, oldObj.metadata, META);
  if (!deepEqual(sc.parameters ?? null, old.parameters ?? null)) errs.push(forbidden('parameters', 'updates to parameters are forbidden.'));
  if (sc.provisioner !== old.provisioner) errs.push(forbidden('provisioner', 'updates to provisioner are forbidden.'));
  if ((sc.reclaimPolicy ?? '') !== (old.reclaimPolicy ?? '')) errs.push(forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
  immutable(errs, sc.volumeBindingMode, old.volumeBindingMode, FieldPath.root('volumeBindingMode'), (v) => (v as string) ?? null);
  return errs;
}

// ---------------------------------------------------------------------------------------------
// Lease

export function validateLease(obj: KubeObject): FieldError[] {
  const lease = obj as unknown as Lease;
  const errs = validateObjectMeta(lease.metadata, { namespaced: true }, META);
  validateLeaseSpec(errs, lease.spec ?? {});
  return errs;
}

export function validateLeaseUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  return validateObjectMetaUpdate(obj.metadata, oldObj.metadata, META);
}

function validateLeaseSpec(errs: FieldError[], spec: NonNullable<Lease['spec']>): void {
  if (spec.leaseDurationSeconds !== undefined && spec.leaseDurationSeconds <= 0) {
    errs.push(invalid(SPEC.child('leaseDurationSeconds'), spec.leaseDurationSeconds, 'must be greater than 0'));
  }
  if (spec.leaseTransitions !== undefined && spec.leaseTransitions < 0) {
    errs.push(invalid(SPEC.child('leaseTransitions'), spec.leaseTransitions, 'must be greater than or equal to 0'));
  }
}
