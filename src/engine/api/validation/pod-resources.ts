// Resource names and quantities (core validation's validateResourceName, ValidateResourceQuantityValue,
// ValidateContainerResourceRequirements and pkg/apis/core/helper's resource-name sets, 1.30):
// shared by containers, LimitRanges, ResourceQuotas and PersistentVolumeClaims.

import type { ResourceRequirements } from 'kubernetes-types/core/v1';
import { duplicate, forbidden, invalid, notFound, required, type FieldError, type FieldPath } from '../field.ts';
import { isQualifiedName } from '../names.ts';
import { compareQuantity, parseQuantity, QuantityError, type Quantity, type QuantityInput } from '../quantity.ts';
import { goQuantity } from './go-values.ts';

export const NON_NEGATIVE_MSG = 'must be greater than or equal to 0';

const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services',
  'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims', 'storage', 'requests.storage',
  'services.nodeports', 'services.loadbalancers',
]);
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const STANDARD_QUOTA_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.storage',
  'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods',
  'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'persistentvolumeclaims', 'configmaps',
  'services.nodeports', 'services.loadbalancers',
]);
const INTEGER_RESOURCES = new Set([
  'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps',
  'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers',
]);

export const isHugePageResourceName = (name: string): boolean => name.startsWith('hugepages-');
const isQuotaHugePageResourceName = (name: string): boolean =>
  name.startsWith('hugepages-') || name.startsWith('requests.hugepages-');
/** Native: unprefixed, or in the kubernetes.io domain. */
export const isNativeResource = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');
export const isOvercommitAllowed = (name: string): boolean => isNativeResource(name) && !isHugePageResourceName(name);

export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isQualifiedName('requests.' + name).length === 0;
}

export const isStandardResourceName = (name: string): boolean =>
  STANDARD_RESOURCES.has(name) || isQuotaHugePageResourceName(name);
export const isStandardQuotaResourceName = (name: string): boolean =>
  STANDARD_QUOTA_RESOURCES.has(name) || isQuotaHugePageResourceName(name);
export const isIntegerResourceName = (name: string): boolean => INTEGER_RESOURCES.has(name) || isExtendedResourceName(name);

/** validateResourceName: a qualified name, and a standard one unless it has a domain. */
export function validateResourceName(errs: FieldError[], name: string, path: FieldPath): void {
  const msgs = isQualifiedName(name);
  if (msgs.length > 0) {
    for (const msg of msgs) errs.push(invalid(path, name, msg));
    return;
  }
  if (!name.includes('/') && !isStandardResourceName(name)) {
    errs.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
  }
}

/** validateContainerResourceName. */
export function validateContainerResourceName(errs: FieldError[], name: string, path: FieldPath): void {
  validateResourceName(errs, name, path);
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePageResourceName(name)) {
      errs.push(invalid(path, name, 'must be a standard resource for containers'));
    }
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
}

/** ValidateResourceQuotaResourceName. */
export function validateQuotaResourceName(errs: FieldError[], name: string, path: FieldPath): void {
  validateResourceName(errs, name, path);
  if (!name.includes('/') && !isStandardQuotaResourceName(name)) {
    errs.push(invalid(path, name, 'must be a standard resource for quota'));
  }
}

/** A quantity as stored; undefined when it does not parse (strict decoding reports that first). */
export function quantityOf(v: unknown): Quantity | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  try {
    return parseQuantity(v);
  } catch (e) {
    if (e instanceof QuantityError) return undefined;
    throw e;
  }
}

/** ValidateResourceQuantityValue: never negative, whole for countable resources. */
export function validateResourceQuantityValue(errs: FieldError[], name: string, value: unknown, path: FieldPath): void {
  const q = quantityOf(value);
  if (!q) return;
  if (q.sign() < 0) errs.push(invalid(path, q.toString(), NON_NEGATIVE_MSG));
  if (isIntegerResourceName(name) && q.milliValue() % 1000 !== 0) errs.push(invalid(path, goQuantity(value), 'must be an integer'));
}

/** ValidatePositiveQuantityValue. */
export function validatePositiveQuantity(errs: FieldError[], value: unknown, path: FieldPath): boolean {
  const q = quantityOf(value);
  if (q && q.sign() <= 0) {
    errs.push(invalid(path, q.toString(), 'must be greater than zero'));
    return false;
  }
  return true;
}

/**
 * ValidateContainerResourceRequirements: names and quantities, requests not above limits (equal
 * for resources that cannot be overcommitted), hugepages only with cpu or memory, claims that
 * name one of the pod's resourceClaims.
 */
export function validateContainerResources(
  errs: FieldError[],
  res: ResourceRequirements | undefined,
  path: FieldPath,
  podClaimNames: ReadonlySet<string>,
): void {
  if (!res) return;
  const limits = res.limits;
  const requests = res.requests;
  let cpuOrMemory = false;
  let hugePages = false;
  if (limits) {
    for (const name in limits) {
      if (!STANDARD_CONTAINER_RESOURCES.has(name) || !plainQuantity(limits[name])) {
        const p = path.child('limits').key(name);
        validateContainerResourceName(errs, name, p);
        validateResourceQuantityValue(errs, name, limits[name], p);
      }
      if (isHugePageResourceName(name)) hugePages = true;
      if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
    }
  }
  if (requests) {
    const reqPath = path.child('requests');
    for (const name in requests) {
      if (!STANDARD_CONTAINER_RESOURCES.has(name) || !plainQuantity(requests[name])) {
        const p = reqPath.key(name);
        validateContainerResourceName(errs, name, p);
        validateResourceQuantityValue(errs, name, requests[name], p);
      }
      const request = requests[name];
      const limit = limits?.[name];
      if (limit !== undefined) {
        const cmp = safeCompare(request, limit);
        const shown = String(quantityOf(request) ?? request);
        const limitShown = String(quantityOf(limit) ?? limit);
        if (cmp !== 0 && cmp !== undefined && !isOvercommitAllowed(name)) {
          errs.push(invalid(reqPath, shown, `must be equal to ${name} limit of ${limitShown}`));
        } else if (cmp !== undefined && cmp > 0) {
          errs.push(invalid(reqPath, shown, `must be less than or equal to ${name} limit of ${limitShown}`));
        }
      } else if (!isOvercommitAllowed(name)) {
        errs.push(required(path.child('limits'), 'Limit must be set for non overcommitable resources'));
      }
      if (isHugePageResourceName(name)) hugePages = true;
      if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
    }
  }
  if (hugePages && !cpuOrMemory) errs.push(forbidden(path, 'HugePages require cpu or memory'));
  if (res.claims) validateResourceClaimNames(errs, res.claims, path.child('claims'), podClaimNames);
}

/** A cpu/memory/ephemeral-storage quantity that is certainly fine: parses and is not negative. */
function plainQuantity(v: unknown): boolean {
  const q = quantityOf(v);
  return q !== undefined && q.sign() >= 0;
}

function safeCompare(a: unknown, b: unknown): number | undefined {
  if (!quantityOf(a) || !quantityOf(b)) return undefined;
  return compareQuantity(a as QuantityInput, b as QuantityInput);
}

function validateResourceClaimNames(
  errs: FieldError[],
  claims: readonly { name?: string }[],
  path: FieldPath,
  podClaimNames: ReadonlySet<string>,
): void {
  const seen = new Set<string>();
  for (let i = 0; i < claims.length; i++) {
    const name = claims[i]?.name ?? '';
    if (name === '') {
      errs.push(required(path.index(i)));
      continue;
    }
    if (seen.has(name)) errs.push(duplicate(path.index(i), name));
    seen.add(name);
    if (!podClaimNames.has(name)) {
      const e = notFound(path.index(i), name);
      e.detail = 'must be one of the names in pod.spec.resourceClaims';
      e.detail += podClaimNames.size === 0 ? ' which is empty' : ': ' + [...podClaimNames].sort().join(', ');
      errs.push(e);
    }
  }
}
