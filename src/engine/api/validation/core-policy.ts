// LimitRange and ResourceQuota validation (ValidateLimitRange, ValidateResourceQuota,
// ValidateResourceQuotaUpdate; Kubernetes 1.30). Quantities in these errors print as Go's
// %#v of resource.Quantity, exactly as the apiserver shows them.

import type { LimitRange, LimitRangeItem, ResourceQuota, ResourceQuotaSpec } from 'kubernetes-types/core/v1';
import { duplicate, FieldPath, forbidden, invalid, required, type FieldError } from '../field.ts';
import { isQualifiedName } from '../names.ts';
import type { KubeObject } from '../object.ts';
import { goNamedStringSlice, goQuantity, goStructApprox } from './go-values.ts';
import { FIELD_IMMUTABLE, validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import {
  isOvercommitAllowed,
  isStandardQuotaResourceName,
  quantityOf,
  validateContainerResourceName,
  validateQuotaResourceName,
  validateResourceName,
  validateResourceQuantityValue,
} from './pod-resources.ts';

const LIMIT_TYPES = ['Pod', 'Container', 'PersistentVolumeClaim'];

function limitTypeName(errs: FieldError[], type: string, path: FieldPath): void {
  const msgs = isQualifiedName(type);
  if (msgs.length > 0) {
    for (const msg of msgs) errs.push(invalid(path, type, msg));
    return;
  }
  if (!type.includes('/') && !LIMIT_TYPES.includes(type)) errs.push(invalid(path, type, 'must be a standard limit type or fully qualified'));
}

function limitResourceName(errs: FieldError[], type: string, name: string, path: FieldPath): void {
  if (type === 'Pod' || type === 'Container') validateContainerResourceName(errs, name, path);
  else validateResourceName(errs, name, path);
}

/** %f of a float64: six decimals. */
function goFloat(v: number): string {
  return Number.isFinite(v) ? v.toFixed(6) : v > 0 ? '+Inf' : 'NaN';
}

export function validateLimitRange(obj: KubeObject): FieldError[] {
  const lr = obj as unknown as LimitRange;
  const errs = validateObjectMeta(lr.metadata, { namespaced: true });
  const items = lr.spec?.limits ?? [];
  const types = new Set<string>();
  const lp = FieldPath.root('spec', 'limits');
  for (let i = 0; i < items.length; i++) {
    const item: LimitRangeItem = items[i] ?? ({ type: '' } as LimitRangeItem);
    const idx = lp.index(i);
    const type = item.type ?? '';
    limitTypeName(errs, type, idx.child('type'));
    if (types.has(type)) errs.push(duplicate(idx.child('type'), type));
    types.add(type);
    const keys = new Set<string>();
    const collect = (list: Record<string, string> | undefined, field: string) => {
      for (const k in list ?? {}) {
        limitResourceName(errs, type, k, idx.child(field).key(k));
        keys.add(k);
      }
    };
    collect(item.max, 'max');
    collect(item.min, 'min');
    if (type === 'Pod') {
      if (Object.keys(item.default ?? {}).length > 0) errs.push(forbidden(idx.child('default'), "may not be specified when `type` is 'Pod'"));
      if (Object.keys(item.defaultRequest ?? {}).length > 0) errs.push(forbidden(idx.child('defaultRequest'), "may not be specified when `type` is 'Pod'"));
    } else {
      collect(item.default, 'default');
      collect(item.defaultRequest, 'defaultRequest');
    }
    if (type === 'PersistentVolumeClaim' && !('storage' in (item.min ?? {})) && !('storage' in (item.max ?? {}))) {
      errs.push(required(idx.child('limits'), 'either minimum or maximum storage value is required, but neither was provided'));
    }
    collect(item.maxLimitRequestRatio, 'maxLimitRequestRatio');
    const defaults = type === 'Pod' ? undefined : item.default;
    const defaultRequests = type === 'Pod' ? undefined : item.defaultRequest;
    for (const k of keys) limitKey(errs, k, item, defaults, defaultRequests, idx);
  }
  return errs;
}

/** The min ≤ defaultRequest ≤ default ≤ max ordering, and the ratio rules, for one resource. */
function limitKey(
  errs: FieldError[],
  k: string,
  item: LimitRangeItem,
  defaults: Record<string, string> | undefined,
  defaultRequests: Record<string, string> | undefined,
  idx: FieldPath,
): void {
  const raw = { min: item.min?.[k], max: item.max?.[k], def: defaults?.[k], req: defaultRequests?.[k], ratio: item.maxLimitRequestRatio?.[k] };
  const min = raw.min !== undefined ? quantityOf(raw.min) : undefined;
  const max = raw.max !== undefined ? quantityOf(raw.max) : undefined;
  const def = raw.def !== undefined ? quantityOf(raw.def) : undefined;
  const req = raw.req !== undefined ? quantityOf(raw.req) : undefined;
  const ratio = raw.ratio !== undefined ? quantityOf(raw.ratio) : undefined;
  if (min && max && min.cmp(max) > 0) {
    errs.push(invalid(idx.child('min').key(k), goQuantity(raw.min), `min value ${min} is greater than max value ${max}`));
  }
  if (req && min && min.cmp(req) > 0) {
    errs.push(invalid(idx.child('defaultRequest').key(k), goQuantity(raw.req), `min value ${min} is greater than default request value ${req}`));
  }
  if (req && max && req.cmp(max) > 0) {
    errs.push(invalid(idx.child('defaultRequest').key(k), goQuantity(raw.req), `default request value ${req} is greater than max value ${max}`));
  }
  if (req && def && req.cmp(def) > 0) {
    errs.push(invalid(idx.child('defaultRequest').key(k), goQuantity(raw.req), `default request value ${req} is greater than default limit value ${def}`));
  }
  if (def && min && min.cmp(def) > 0) {
    errs.push(invalid(idx.child('default').key(k), goQuantity(raw.min), `min value ${min} is greater than default value ${def}`));
  }
  if (def && max && def.cmp(max) > 0) {
    errs.push(invalid(idx.child('default').key(k), goQuantity(raw.max), `default value ${def} is greater than max value ${max}`));
  }
  if (ratio && ratio.milliValue() < 1000) {
    errs.push(invalid(idx.child('maxLimitRequestRatio').key(k), goQuantity(raw.ratio), `ratio ${ratio} is less than 1`));
  }
  if (ratio && min && max) {
    const limit = max.milliValue() / min.milliValue();
    if (ratio.milliValue() / 1000 > limit) {
      errs.push(invalid(idx.child('maxLimitRequestRatio').key(k), goQuantity(raw.ratio), `ratio ${ratio} is greater than max/min = ${goFloat(limit)}`));
    }
  }
  if (!isOvercommitAllowed(k) && def && req && def.cmp(req) !== 0) {
    errs.push(invalid(idx.child('defaultRequest').key(k), goQuantity(raw.req), `default value ${def} must equal to defaultRequest value ${req} in ${k}`));
  }
}

const STANDARD_SCOPES = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity'];
const POD_COMPUTE = new Set(['cpu', 'memory', 'limits.cpu', 'limits.memory', 'requests.cpu', 'requests.memory']);

/** IsResourceQuotaScopeValidForResource. */
function scopeFitsResource(scope: string, resource: string): boolean {
  switch (scope) {
    case 'Terminating':
    case 'NotTerminating':
    case 'NotBestEffort':
    case 'PriorityClass':
    case 'CrossNamespacePodAffinity':
      return resource === 'pods' || POD_COMPUTE.has(resource);
    case 'BestEffort':
      return resource === 'pods';
    default:
      return true;
  }
}

function quotaList(errs: FieldError[], list: Record<string, string> | undefined, path: FieldPath): void {
  for (const k in list ?? {}) {
    const p = path.key(k);
    validateQuotaResourceName(errs, k, p);
    validateResourceQuantityValue(errs, k, list![k], p);
  }
}

function validateQuotaSpec(errs: FieldError[], spec: ResourceQuotaSpec): void {
  const sp = FieldPath.root('spec');
  quotaList(errs, spec.hard, sp.child('hard'));
  const scopes = spec.scopes ?? [];
  const hard = Object.keys(spec.hard ?? {}).sort();
  const shown = goNamedStringSlice('core.ResourceQuotaScope', scopes);
  for (const scope of scopes) {
    if (!STANDARD_SCOPES.includes(scope)) errs.push(invalid(sp.child('scopes'), shown, 'unsupported scope'));
    for (const k of hard) {
      if (isStandardQuotaResourceName(k) && !scopeFitsResource(scope, k)) {
        errs.push(invalid(sp.child('scopes'), shown, 'unsupported scope applied to resource'));
      }
    }
  }
  const has = (s: string) => scopes.includes(s);
  if ((has('BestEffort') && has('NotBestEffort')) || (has('Terminating') && has('NotTerminating'))) {
    errs.push(invalid(sp.child('scopes'), shown, 'conflicting scopes'));
  }
  const exprs = spec.scopeSelector?.matchExpressions ?? [];
  const ep = sp.child('scopeSelector', 'matchExpressions');
  for (const req of exprs) {
    const scope = req?.scopeName ?? '';
    const op = req?.operator ?? '';
    const values = req?.values ?? [];
    if (!STANDARD_SCOPES.includes(scope)) errs.push(invalid(ep.child('scopeName'), scope, 'unsupported scope'));
    for (const k of hard) {
      if (isStandardQuotaResourceName(k) && !scopeFitsResource(scope, k)) {
        errs.push(invalid(ep, goStructApprox('core.ScopeSelector', spec.scopeSelector), 'unsupported scope applied to resource'));
      }
    }
    if (scope !== 'PriorityClass' && STANDARD_SCOPES.includes(scope) && op !== 'Exists') {
      errs.push(
        invalid(
          ep.child('operator'),
          op,
          'must be \'Exists\' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity',
        ),
      );
    }
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) errs.push(required(ep.child('values'), "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length !== 0) {
        errs.push(invalid(ep.child('values'), goNamedStringSlice('string', values), "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"));
      }
    } else {
      errs.push(invalid(ep.child('operator'), op, 'not a valid selector operator'));
    }
  }
}

export function validateResourceQuota(obj: KubeObject): FieldError[] {
  const rq = obj as unknown as ResourceQuota;
  const errs = validateObjectMeta(rq.metadata, { namespaced: true });
  validateQuotaSpec(errs, rq.spec ?? {});
  const st = FieldPath.root('status');
  quotaList(errs, rq.status?.hard, st.child('hard'));
  quotaList(errs, rq.status?.used, st.child('used'));
  return errs;
}

export function validateResourceQuotaUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  const rq = obj as unknown as ResourceQuota;
  const old = oldObj as unknown as ResourceQuota;
  const errs = validateObjectMetaUpdate(rq.metadata ?? {}, old.metadata ?? {});
  const next = new Set(rq.spec?.scopes ?? []);
  const prev = new Set(old.spec?.scopes ?? []);
  if (next.size !== prev.size || [...next].some((s) => !prev.has(s))) {
    errs.push(invalid(FieldPath.root('spec', 'scopes'), goNamedStringSlice('core.ResourceQuotaScope', rq.spec?.scopes), FIELD_IMMUTABLE));
  }
  return errs;
}
