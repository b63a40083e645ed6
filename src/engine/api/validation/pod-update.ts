// What a Pod update may change (ValidatePodUpdate, Kubernetes 1.30): container images, a shorter
// activeDeadlineSeconds, added tolerations, removed scheduling gates, and a negative grace period
// raised to 1. Anything else is refused with Kubernetes' long message followed by a diff of the
// spec, drawn the way go-cmp draws it (fields named as in Go, unchanged runs folded), so the
// learner sees which field they touched.

import type { Container, Pod, PodSpec, Toleration } from 'kubernetes-types/core/v1';
import { FieldPath, forbidden, invalid, type FieldError } from '../field.ts';
import { inclusiveRangeError } from '../names.ts';
import { deepEqual, type KubeObject } from '../object.ts';
import { pushAll, validateObjectMetaUpdate } from './meta.ts';

const SPEC = FieldPath.root('spec');
const ANNOTATIONS = FieldPath.root('metadata', 'annotations');
const MAX_INT32 = 2147483647;
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

export const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];
export const POD_UPDATE_FORBIDDEN = `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}`;

/** The update half of ValidatePodUpdate (the create half, validatePod, runs on updates too). */
export function validatePodUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  const pod = obj as unknown as Pod;
  const old = oldObj as unknown as Pod;
  const errs = validateObjectMetaUpdate(pod.metadata ?? {}, old.metadata ?? {});
  pushAll(errs, annotationUpdates(pod.metadata?.annotations, old.metadata?.annotations));
  const spec = pod.spec ?? ({} as PodSpec);
  const oldSpec = old.spec ?? ({} as PodSpec);
  // Most updates (status, labels, finalizers) leave the spec as it was: nothing more to check.
  if (deepEqual(spec, oldSpec)) return errs;
  if (lengthOf(spec.containers) !== lengthOf(oldSpec.containers)) {
    errs.push(forbidden(SPEC.child('containers'), 'pod updates may not add or remove containers'));
    return errs;
  }
  if (lengthOf(spec.initContainers) !== lengthOf(oldSpec.initContainers)) {
    errs.push(forbidden(SPEC.child('initContainers'), 'pod updates may not add or remove containers'));
    return errs;
  }
  const ads = spec.activeDeadlineSeconds;
  const oldAds = oldSpec.activeDeadlineSeconds;
  if (ads != null) {
    if (ads < 0 || ads > MAX_INT32) {
      errs.push(invalid(SPEC.child('activeDeadlineSeconds'), ads, inclusiveRangeError(0, MAX_INT32)));
      return errs;
    }
    if (oldAds != null && oldAds < ads) {
      errs.push(invalid(SPEC.child('activeDeadlineSeconds'), ads, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (oldAds != null) {
    // Go prints the nil pointer as the quoted word "null".
    errs.push(invalid(SPEC.child('activeDeadlineSeconds'), 'null', 'must not update from a positive integer to nil value'));
  }
  if (!onlyAddedTolerations(spec.tolerations, oldSpec.tolerations)) {
    errs.push(forbidden(SPEC.child('tolerations'), 'existing toleration can not be modified except its tolerationSeconds'));
  }
  const oldGates = new Set((oldSpec.schedulingGates ?? []).map((g) => g?.name));
  const gates = spec.schedulingGates ?? [];
  for (let i = 0; i < gates.length; i++) {
    const name = gates[i]?.name ?? '';
    if (!oldGates.has(name)) {
      errs.push(forbidden(SPEC.child('schedulingGates').index(i).child('name'), `only deletion is allowed, but found new scheduling gate '${name}'`));
    }
  }
  if (semanticEqual(spec, oldSpec)) return errs;
  const munged = mungeUpdatableFields(spec, oldSpec);
  if (!semanticEqual(munged, oldSpec)) {
    errs.push(forbidden(SPEC, `${POD_UPDATE_FORBIDDEN}\n${specDiff('core.PodSpec', oldSpec, munged)}`));
  }
  return errs;
}

function lengthOf(a: readonly unknown[] | undefined): number {
  return a?.length ?? 0;
}

/** ValidatePodSpecificAnnotationUpdates: the mirror-pod and AppArmor annotations are fixed. */
function annotationUpdates(next: Record<string, string> | undefined, prev: Record<string, string> | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const n = next ?? {};
  const o = prev ?? {};
  for (const k in o) {
    if (k in n && n[k] === o[k]) continue;
    if (k.startsWith(APPARMOR_PREFIX)) errs.push(forbidden(ANNOTATIONS.key(k), 'may not remove or update AppArmor annotations'));
    if (k === MIRROR_ANNOTATION) errs.push(forbidden(ANNOTATIONS.key(k), 'may not remove or update mirror pod annotation'));
  }
  for (const k in n) {
    if (k in o) continue;
    if (k.startsWith(APPARMOR_PREFIX)) errs.push(forbidden(ANNOTATIONS.key(k), 'may not add AppArmor annotations'));
    if (k === MIRROR_ANNOTATION) errs.push(forbidden(ANNOTATIONS.key(k), 'may not add mirror pod annotation'));
  }
  return errs;
}

/** validateOnlyAddedTolerations: every old toleration is still there (its tolerationSeconds may change). */
function onlyAddedTolerations(next: readonly Toleration[] | undefined, prev: readonly Toleration[] | undefined): boolean {
  for (const o of prev ?? []) {
    const found = (next ?? []).some((n) => semanticEqual({ ...o, tolerationSeconds: n?.tolerationSeconds }, n));
    if (!found) return false;
  }
  return true;
}

/** The new spec with every field an update may change put back to its old value. */
function mungeUpdatableFields(spec: PodSpec, old: PodSpec): PodSpec {
  const withOldImages = (cs: Container[] | undefined, olds: Container[] | undefined): Container[] | undefined =>
    cs?.map((c, i) => ({ ...c, image: olds?.[i]?.image ?? c.image }));
  const munged: PodSpec = {
    ...spec,
    containers: withOldImages(spec.containers, old.containers) ?? spec.containers,
    initContainers: withOldImages(spec.initContainers, old.initContainers),
    activeDeadlineSeconds: old.activeDeadlineSeconds,
    schedulingGates: old.schedulingGates,
    tolerations: old.tolerations,
  };
  const oldGrace = old.terminationGracePeriodSeconds;
  if (oldGrace != null && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;
  return munged;
}

/** apiequality.Semantic.DeepEqual on JSON: an empty list is the same as none. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  return deepEqual(normalize(a), normalize(b));
}

function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.length === 0 ? undefined : v.map(normalize);
  if (v === null || typeof v !== 'object') return v === null ? undefined : v;
  const out: Record<string, unknown> = {};
  for (const k in v as Record<string, unknown>) {
    const x = normalize((v as Record<string, unknown>)[k]);
    if (x !== undefined) out[k] = x;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// A go-cmp style diff

/** "- " / "+ " / "  " then tabs: go-cmp's report layout. */
export function specDiff(typeName: string, old: unknown, next: unknown): string {
  const lines: string[] = [`  ${typeName}{`];
  diffFields(lines, (normalize(old) ?? {}) as Record<string, unknown>, (normalize(next) ?? {}) as Record<string, unknown>, 1);
  lines.push('  }');
  return lines.join('\n') + '\n';
}

/** go-cmp names a composite value's type; these are the ones a pod spec diff meets most. */
const GO_TYPES: Readonly<Record<string, string>> = {
  containers: '[]core.Container',
  initContainers: '[]core.Container',
  volumes: '[]core.Volume',
  ports: '[]core.ContainerPort',
  env: '[]core.EnvVar',
  envFrom: '[]core.EnvFromSource',
  volumeMounts: '[]core.VolumeMount',
  resources: 'core.ResourceRequirements',
  limits: 'core.ResourceList',
  requests: 'core.ResourceList',
  tolerations: '[]core.Toleration',
  livenessProbe: '&core.Probe',
  readinessProbe: '&core.Probe',
  startupProbe: '&core.Probe',
  securityContext: '&core.SecurityContext',
  nodeSelector: 'map[string]string',
  affinity: '&core.Affinity',
  command: '[]string',
  args: '[]string',
};

function goName(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function diffFields(lines: string[], a: Record<string, unknown>, b: Record<string, unknown>, depth: number): void {
  const keys = Object.keys(a);
  for (const k of Object.keys(b)) if (!(k in a)) keys.push(k);
  const tabs = '\t'.repeat(depth);
  let same = 0;
  const flush = () => {
    if (same > 0) lines.push(`  ${tabs}... // ${same} identical field${same === 1 ? '' : 's'}`);
    same = 0;
  };
  for (const k of keys) {
    if (deepEqual(a[k], b[k])) {
      same++;
      continue;
    }
    flush();
    diffValue(lines, `${goName(k)}: `, a[k], b[k], depth, GO_TYPES[k] ?? '');
  }
  flush();
}

function diffValue(lines: string[], label: string, a: unknown, b: unknown, depth: number, type = ''): void {
  const tabs = '\t'.repeat(depth);
  if (isRecord(a) && isRecord(b)) {
    lines.push(`  ${tabs}${label}${type}{`);
    diffFields(lines, a, b, depth + 1);
    lines.push(`  ${tabs}},`);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every(isRecord) && b.every(isRecord)) {
    lines.push(`  ${tabs}${label}${type}{`);
    let same = 0;
    const inner = '\t'.repeat(depth + 1);
    const flush = () => {
      if (same > 0) lines.push(`  ${inner}... // ${same} identical element${same === 1 ? '' : 's'}`);
      same = 0;
    };
    for (let i = 0; i < a.length; i++) {
      if (deepEqual(a[i], b[i])) {
        same++;
        continue;
      }
      flush();
      diffValue(lines, '', a[i], b[i], depth + 1);
    }
    flush();
    lines.push(`  ${tabs}},`);
    return;
  }
  lines.push(`- ${tabs}${label}${goText(a)},`);
  lines.push(`+ ${tabs}${label}${goText(b)},`);
}

/** A value in Go syntax, compact. */
function goText(v: unknown): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `{${v.map(goText).join(', ')}}`;
  const parts: string[] = [];
  for (const k in v as Record<string, unknown>) parts.push(`${goName(k)}: ${goText((v as Record<string, unknown>)[k])}`);
  return `{${parts.join(', ')}}`;
}
