// ObjectMeta validation as core validation's ValidateObjectMeta / ValidateObjectMetaUpdate wrap
// apimachinery's (staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go, 1.30).
//
// Two differences of placement, not of behaviour: the apiserver reports a missing metadata.name
// itself (apiserver.ts), and on update it runs `validate` as well as `validateUpdate`, so the
// update half checks only what changes (immutable fields, finalizers while deleting) and leaves
// labels, annotations and owner references to the create half, which would report them twice.

import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { FieldPath, forbidden, invalid, required, type FieldError } from '../field.ts';
import {
  goStringSlice,
  nameIsDNSSubdomain,
  validateAnnotations,
  validateFinalizers,
  validateKubeFinalizerName,
  validateLabels,
  validateNamespaceName,
  validateOwnerReferences,
  type NameValidator,
} from '../names.ts';

const META = FieldPath.root('metadata');
export const FIELD_IMMUTABLE = 'field is immutable';

export interface ObjectMetaOptions {
  /** metadata.namespace is required for namespaced kinds and forbidden for cluster-scoped ones. */
  namespaced: boolean;
  /** The kind's name rule (ValidateNameFunc): a DNS subdomain unless given. */
  nameFn?: NameValidator;
}

/**
 * ValidateObjectMeta on create, in the apiserver's order: generateName, name, namespace,
 * generation, labels, annotations, owner references, finalizers (with core's finalizer-name rule).
 */
export function validateObjectMeta(
  meta: ObjectMeta | undefined,
  opts: ObjectMetaOptions,
  path: FieldPath = META,
): FieldError[] {
  const errs: FieldError[] = [];
  const m = meta ?? {};
  const nameFn = opts.nameFn ?? nameIsDNSSubdomain;
  if (m.generateName) {
    for (const msg of nameFn(m.generateName, true)) errs.push(invalid(path.child('generateName'), m.generateName, msg));
  }
  if (m.name) for (const msg of nameFn(m.name, false)) errs.push(invalid(path.child('name'), m.name, msg));
  if (opts.namespaced) {
    if (!m.namespace) errs.push(required(path.child('namespace')));
    else for (const msg of validateNamespaceName(m.namespace, false)) errs.push(invalid(path.child('namespace'), m.namespace, msg));
  } else if (m.namespace) {
    errs.push(forbidden(path.child('namespace'), 'not allowed on this type'));
  }
  if (m.generation != null && m.generation < 0) {
    errs.push(invalid(path.child('generation'), m.generation, 'must be greater than or equal to 0'));
  }
  if (m.labels) pushAll(errs, validateLabels(m.labels, path.child('labels')));
  if (m.annotations) pushAll(errs, validateAnnotations(m.annotations, path.child('annotations')));
  if (m.ownerReferences) pushAll(errs, validateOwnerReferences(m.ownerReferences, path.child('ownerReferences')));
  if (m.finalizers && m.finalizers.length > 0) {
    const fp = path.child('finalizers');
    pushAll(errs, validateFinalizers(m.finalizers, fp));
    for (let i = 0; i < m.finalizers.length; i++) pushAll(errs, validateKubeFinalizerName(m.finalizers[i], fp.index(i)));
  }
  return errs;
}

/**
 * ValidateObjectMetaUpdate's own checks: no new finalizers while deleting, generation never
 * decremented, identity fields immutable. The resourceVersion check is the apiserver's
 * (its optimistic concurrency), so it is not repeated here.
 */
export function validateObjectMetaUpdate(meta: ObjectMeta, old: ObjectMeta, path: FieldPath = META): FieldError[] {
  const errs: FieldError[] = [];
  if (old.deletionTimestamp) {
    const before = new Set(old.finalizers ?? []);
    const extra = [...new Set((meta.finalizers ?? []).filter((f) => !before.has(f)))].sort();
    if (extra.length > 0) {
      errs.push(
        forbidden(
          path.child('finalizers'),
          `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(extra).repr}`,
        ),
      );
    }
  }
  if ((meta.generation ?? 0) < (old.generation ?? 0)) {
    errs.push(invalid(path.child('generation'), meta.generation ?? 0, 'must not be decremented'));
  }
  immutableString(errs, meta.name, old.name, path, 'name');
  immutableString(errs, meta.namespace, old.namespace, path, 'namespace');
  immutableString(errs, meta.uid, old.uid, path, 'uid');
  immutableString(errs, meta.creationTimestamp, old.creationTimestamp, path, 'creationTimestamp');
  immutableString(errs, meta.deletionTimestamp, old.deletionTimestamp, path, 'deletionTimestamp');
  if ((meta.deletionGracePeriodSeconds ?? null) !== (old.deletionGracePeriodSeconds ?? null)) {
    errs.push(invalid(path.child('deletionGracePeriodSeconds'), meta.deletionGracePeriodSeconds ?? 'null', FIELD_IMMUTABLE));
  }
  return errs;
}

function immutableString(
  errs: FieldError[],
  next: string | undefined,
  prev: string | undefined,
  path: FieldPath,
  field: string,
): void {
  if ((next ?? '') !== (prev ?? '')) errs.push(invalid(path.child(field), next ?? '', FIELD_IMMUTABLE));
}

/** Appends without the argument-count limit of push(...spread) on huge lists. */
export function pushAll(errs: FieldError[], more: readonly FieldError[]): void {
  for (let i = 0; i < more.length; i++) errs.push(more[i]);
}
