// Roles, ClusterRoles and their bindings as pkg/apis/rbac/validation checks them (Kubernetes 1.30).
// Their names only need to be valid path segments.

import type * as rbac from 'kubernetes-types/rbac/v1';
import { FieldPath, GoValue, invalid, notSupported, required, type FieldError } from '../field.ts';
import { labelSelectorAsSelector, SelectorError, validateLabelSelector } from '../labels.ts';
import type { KubeObject } from '../object.ts';
import { goQuote, goStringSlice, isValidPathSegmentName, nameIsDNSSubdomain, validateRBACName } from '../names.ts';
import type { Mutable } from '../types.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';

type Role = Mutable<rbac.Role>;
type ClusterRole = Mutable<rbac.ClusterRole>;
type PolicyRule = Mutable<rbac.PolicyRule>;
type RoleBinding = Mutable<rbac.RoleBinding>;
type Subject = Mutable<rbac.Subject>;
type RoleRef = Mutable<rbac.RoleRef>;

const GROUP = 'rbac.authorization.k8s.io';
const META = FieldPath.root('metadata');

/** ValidatePolicyRule: verbs always; resource rules need groups and resources, URL rules neither. */
function validatePolicyRule(errs: FieldError[], rule: PolicyRule, namespaced: boolean, path: FieldPath): void {
  if (!rule.verbs || rule.verbs.length === 0) errs.push(required(path.child('verbs'), 'verbs must contain at least one value'));
  const urls = rule.nonResourceURLs ?? [];
  if (urls.length > 0) {
    const urlPath = path.child('nonResourceURLs');
    if (namespaced) errs.push(invalid(urlPath, goStringSlice(urls), 'namespaced rules cannot apply to non-resource URLs'));
    if ((rule.apiGroups?.length ?? 0) > 0 || (rule.resources?.length ?? 0) > 0 || (rule.resourceNames?.length ?? 0) > 0) {
      errs.push(invalid(urlPath, goStringSlice(urls), 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return;
  }
  if (!rule.apiGroups || rule.apiGroups.length === 0) {
    errs.push(required(path.child('apiGroups'), 'resource rules must supply at least one api group'));
  }
  if (!rule.resources || rule.resources.length === 0) {
    errs.push(required(path.child('resources'), 'resource rules must supply at least one resource'));
  }
}

export function validateRole(obj: KubeObject): FieldError[] {
  const role = obj as unknown as Role;
  const errs = validateObjectMeta(role.metadata, { namespaced: true, nameFn: validateRBACName }, META);
  (role.rules ?? []).forEach((r, i) => validatePolicyRule(errs, r, true, FieldPath.root('rules').index(i)));
  return errs;
}

export function validateClusterRole(obj: KubeObject): FieldError[] {
  const role = obj as unknown as ClusterRole;
  const errs = validateObjectMeta(role.metadata, { namespaced: false, nameFn: validateRBACName }, META);
  (role.rules ?? []).forEach((r, i) => validatePolicyRule(errs, r, false, FieldPath.root('rules').index(i)));
  const agg = role.aggregationRule;
  if (agg) {
    const path = FieldPath.root('aggregationRule', 'clusterRoleSelectors');
    const selectors = agg.clusterRoleSelectors ?? [];
    if (selectors.length === 0) errs.push(required(path, 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
    selectors.forEach((s, i) => {
      errs.push(...validateLabelSelector(s, path.index(i)));
      try {
        labelSelectorAsSelector(s);
      } catch (e) {
        if (!(e instanceof SelectorError)) throw e;
        // Go reports the (nil) parsed selector, which prints as "null".
        errs.push(invalid(path.index(i), 'null', 'invalid label selector.'));
      }
    });
  }
  return errs;
}

/** Role and ClusterRole updates add only the metadata rules. */
export function validateRoleUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  return validateObjectMetaUpdate(obj.metadata, oldObj.metadata, META);
}

function goRoleRef(ref: RoleRef | undefined): GoValue {
  return new GoValue(
    `rbac.RoleRef{APIGroup:${goQuote(ref?.apiGroup ?? '')}, Kind:${goQuote(ref?.kind ?? '')}, Name:${goQuote(ref?.name ?? '')}}`,
  );
}

function validateBinding(obj: KubeObject, namespaced: boolean): FieldError[] {
  const rb = obj as unknown as RoleBinding;
  const errs = validateObjectMeta(rb.metadata, { namespaced, nameFn: validateRBACName }, META);
  const ref = rb.roleRef ?? ({} as RoleRef);
  const refPath = FieldPath.root('roleRef');
  if (ref.apiGroup !== GROUP) errs.push(notSupported(refPath.child('apiGroup'), ref.apiGroup ?? '', [GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind ?? '')) errs.push(notSupported(refPath.child('kind'), ref.kind ?? '', kinds));
  const name = ref.name ?? '';
  if (name === '') errs.push(required(refPath.child('name')));
  else for (const msg of isValidPathSegmentName(name)) errs.push(invalid(refPath.child('name'), name, msg));
  (rb.subjects ?? []).forEach((s, i) => validateSubject(errs, s, namespaced, FieldPath.root('subjects').index(i)));
  return errs;
}

/** ValidateRoleBindingSubject. */
function validateSubject(errs: FieldError[], s: Subject, namespaced: boolean, path: FieldPath): void {
  const name = s.name ?? '';
  const group = s.apiGroup ?? '';
  if (name === '') errs.push(required(path.child('name')));
  switch (s.kind) {
    case 'ServiceAccount':
      if (name !== '') for (const msg of nameIsDNSSubdomain(name, false)) errs.push(invalid(path.child('name'), name, msg));
      if (group !== '') errs.push(notSupported(path.child('apiGroup'), group, ['']));
      if (!namespaced && !s.namespace) errs.push(required(path.child('namespace')));
      break;
    case 'User':
    case 'Group':
      if (group !== GROUP) errs.push(notSupported(path.child('apiGroup'), group, [GROUP]));
      break;
    default:
      errs.push(notSupported(path.child('kind'), s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
}

export function validateRoleBinding(obj: KubeObject): FieldError[] {
  return validateBinding(obj, true);
}

export function validateClusterRoleBinding(obj: KubeObject): FieldError[] {
  return validateBinding(obj, false);
}

/** A binding's roleRef is fixed for its life: delete and recreate to point it elsewhere. */
export function validateBindingUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  const rb = obj as unknown as RoleBinding;
  const old = oldObj as unknown as RoleBinding;
  const errs = validateObjectMetaUpdate(obj.metadata, oldObj.metadata, META);
  const a = rb.roleRef;
  const b = old.roleRef;
  if ((a?.apiGroup ?? '') !== (b?.apiGroup ?? '') || (a?.kind ?? '') !== (b?.kind ?? '') || (a?.name ?? '') !== (b?.name ?? '')) {
    errs.push(invalid('roleRef', goRoleRef(a), 'cannot change roleRef'));
  }
  return errs;
}
