// Deployments, ReplicaSets, DaemonSets, StatefulSets and ControllerRevisions as
// pkg/apis/apps/validation checks them, plus the selector immutability that the apps/v1 registry
// strategies add on update (Kubernetes 1.30).

import type * as apps from 'kubernetes-types/apps/v1';
import { FieldPath, forbidden, GoValue, invalid, notSupported, required, type FieldError } from '../field.ts';
import { labelSelectorAsSelector, SelectorError, type Selector, validateLabelSelector } from '../labels.ts';
import { deepEqual, type KubeObject } from '../object.ts';
import { goQuote, nameIsDNSLabel, validateAnnotations, validateLabels } from '../names.ts';
import type { LabelSelector, Mutable } from '../types.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { validatePodTemplateSpec } from './pod.ts';
import { goStringMap, goIntOrString, goLabelSelector, goPtr, goStructApprox } from './go-values.ts';
import { immutable, intOrPercentValue, nonNegative, notMoreThan100Percent, positiveIntOrPercent } from './field-rules.ts';

type Deployment = Mutable<apps.Deployment>;
type DeploymentSpec = Mutable<apps.DeploymentSpec>;
type ReplicaSet = Mutable<apps.ReplicaSet>;
type DaemonSet = Mutable<apps.DaemonSet>;
type DaemonSetSpec = Mutable<apps.DaemonSetSpec>;
type StatefulSet = Mutable<apps.StatefulSet>;
type StatefulSetSpec = Mutable<apps.StatefulSetSpec>;
type ControllerRevision = Mutable<apps.ControllerRevision>;
type PodTemplateSpec = DeploymentSpec['template'];

const ROOT = FieldPath.root();
const META = ROOT.child('metadata');
const SPEC = FieldPath.root('spec');
const MISMATCH = '`selector` does not match template `labels`';

/** LabelSelectorAsSelector, or undefined where Go gets an error. */
function asSelector(ls: LabelSelector | undefined): Selector | undefined {
  try {
    return labelSelectorAsSelector(ls);
  } catch (e) {
    if (e instanceof SelectorError) return undefined;
    throw e;
  }
}

/**
 * The selector rules Deployments, ReplicaSets and StatefulSets share: required, valid, not empty.
 * Returns the parsed selector, or undefined when it does not parse (after reporting it).
 */
function validateRequiredSelector(
  errs: FieldError[],
  ls: LabelSelector | undefined,
  path: FieldPath,
  emptyMessage: string,
  parseMessage: string,
): Selector | undefined {
  if (!ls) errs.push(required(path));
  else {
    errs.push(...validateLabelSelector(ls, path));
    if (Object.keys(ls.matchLabels ?? {}).length + (ls.matchExpressions?.length ?? 0) === 0) {
      errs.push(invalid(path, goLabelSelector(ls), emptyMessage));
    }
  }
  const selector = asSelector(ls);
  if (!selector) errs.push(invalid(path, goLabelSelector(ls), parseMessage));
  return selector;
}

/** ValidatePodTemplateSpecForReplicaSet: labels match, the pod template, restartPolicy Always. */
function validateTemplateForReplicaSet(
  errs: FieldError[],
  template: PodTemplateSpec | undefined,
  selector: Selector,
  path: FieldPath,
  kind: string,
): void {
  const labels = template?.metadata?.labels;
  if (!selector.empty() && !selector.matches(labels)) {
    errs.push(invalid(path.child('metadata', 'labels'), goStringMap(labels), MISMATCH));
  }
  errs.push(...validatePodTemplateSpec(template, path));
  const restart = template?.spec?.restartPolicy ?? '';
  if (restart !== 'Always') errs.push(notSupported(path.child('spec', 'restartPolicy'), restart, ['Always']));
  if (template?.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(forbidden(path.child('spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${kind} is not Supported`));
  }
}

/** Selector changes are rejected for apps/v1 (extensions/v1beta1 allowed them). */
function selectorImmutable(errs: FieldError[], next: LabelSelector | undefined, old: LabelSelector | undefined): void {
  immutable(errs, next, old, SPEC.child('selector'), (v) => (v ? goLabelSelector(v as LabelSelector) : null));
}

// ---------------------------------------------------------------------------------------------
// Deployment

export function validateDeployment(obj: KubeObject): FieldError[] {
  const d = obj as unknown as Deployment;
  const errs = validateObjectMeta(d.metadata, { namespaced: true }, META);
  errs.push(...validateDeploymentSpec(d.spec ?? ({} as DeploymentSpec), SPEC));
  return errs;
}

export function validateDeploymentUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  const d = obj as unknown as Deployment;
  const old = oldObj as unknown as Deployment;
  const errs = validateObjectMetaUpdate(obj.metadata, oldObj.metadata, META);
  selectorImmutable(errs, d.spec?.selector, old.spec?.selector);
  return errs;
}

function validateDeploymentSpec(spec: DeploymentSpec, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  nonNegative(errs, spec.replicas ?? 0, path.child('replicas'));
  const selector = validateRequiredSelector(
    errs,
    spec.selector,
    path.child('selector'),
    'empty selector is invalid for deployment',
    'invalid label selector',
  );
  if (selector) validateTemplateForReplicaSet(errs, spec.template, selector, path.child('template'), 'ReplicaSet');
  validateDeploymentStrategy(errs, spec.strategy, path.child('strategy'));
  nonNegative(errs, spec.minReadySeconds ?? 0, path.child('minReadySeconds'));
  nonNegative(errs, spec.revisionHistoryLimit, path.child('revisionHistoryLimit'));
  if (spec.progressDeadlineSeconds !== undefined) {
    nonNegative(errs, spec.progressDeadlineSeconds, path.child('progressDeadlineSeconds'));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(invalid(path.child('progressDeadlineSeconds'), spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

function validateDeploymentStrategy(errs: FieldError[], strategy: DeploymentSpec['strategy'], path: FieldPath): void {
  const type = strategy?.type ?? '';
  const ru = strategy?.rollingUpdate;
  if (type === 'Recreate') {
    if (ru) errs.push(forbidden(path.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'"));
  } else if (type === 'RollingUpdate') {
    if (!ru) errs.push(required(path.child('rollingUpdate'), 'this should be defaulted and never be nil'));
    else {
      const p = path.child('rollingUpdate');
      // The internal type holds plain IntOrStrings: an absent one is the int 0.
      const maxUnavailable = ru.maxUnavailable ?? 0;
      const maxSurge = ru.maxSurge ?? 0;
      positiveIntOrPercent(errs, maxUnavailable, p.child('maxUnavailable'));
      positiveIntOrPercent(errs, maxSurge, p.child('maxSurge'));
      if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0) {
        errs.push(invalid(p.child('maxUnavailable'), goIntOrString(maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
      }
      notMoreThan100Percent(errs, maxUnavailable, p.child('maxUnavailable'));
    }
  } else {
    const repr = `apps.DeploymentStrategy{Type:${goQuote(type)}, RollingUpdate:${goPtr('apps.RollingUpdateDeployment', !!ru)}}`;
    errs.push(notSupported(path, new GoValue(repr), ['Recreate', 'RollingUpdate']));
  }
}

// ---------------------------------------------------------------------------------------------
// ReplicaSet

export function validateReplicaSet(obj: KubeObject): FieldError[] {
  const rs = obj as unknown as ReplicaSet;
  const spec = rs.spec ?? ({} as NonNullable<ReplicaSet['spec']>);
  const errs = validateObjectMeta(rs.metadata, { namespaced: true }, META);
  nonNegative(errs, spec.replicas ?? 0, SPEC.child('replicas'));
  nonNegative(errs, spec.minReadySeconds ?? 0, SPEC.child('minReadySeconds'));
  // ReplicaSets share the Deployment's message, "deployment" and all.
  const selector = validateRequiredSelector(
    errs,
    spec.selector,
    SPEC.child('selector'),
    'empty selector is invalid for deployment',
    'invalid label selector',
  );
  if (selector) validateTemplateForReplicaSet(errs, spec.template, selector, SPEC.child('template'), 'ReplicaSet');
  return errs;
}

export function validateReplicaSetUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  const rs = obj as unknown as ReplicaSet;
  const old = oldObj as unknown as ReplicaSet;
  const errs = validateObjectMetaUpdate(obj.metadata, oldObj.metadata, META);
  selectorImmutable(errs, rs.spec?.selector, old.spec?.selector);
  return errs;
}

// ---------------------------------------------------------------------------------------------
// DaemonSet

export function validateDaemonSet(obj: KubeObject): FieldError[] {
  const ds = obj as unknown as DaemonSet;
  const errs = validateObjectMeta(ds.metadata, { namespaced: true }, META);
  errs.push(...validateDaemonSetSpec(ds.spec ?? ({} as DaemonSetSpec), SPEC));
  return errs;
}

export function validateDaemonSetUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  const ds = obj as unknown as DaemonSet;
  const old = oldObj as unknown as DaemonSet;
  const errs = validateObjectMetaUpdate(obj.metadata, oldObj.metadata, META);
  selectorImmutable(errs, ds.spec?.selector, old.spec?.selector);
  return errs;
}

function validateDaemonSetSpec(spec: DaemonSetSpec, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  // Unlike the others, a DaemonSet's selector is not reported as required: a nil one selects
  // nothing, so the template's labels fail to match instead.
  errs.push(...validateLabelSelector(spec.selector, path.child('selector')));
  const selector = asSelector(spec.selector);
  const labels = spec.template?.metadata?.labels;
  if (selector && !selector.matches(labels)) {
    errs.push(invalid(path.child('template', 'metadata', 'labels'), goStringMap(labels), MISMATCH));
  }
  const ls = spec.selector;
  if (ls && Object.keys(ls.matchLabels ?? {}).length + (ls.matchExpressions?.length ?? 0) === 0) {
    errs.push(invalid(path.child('selector'), goLabelSelector(ls), 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(spec.template, path.child('template')));
  const restart = spec.template?.spec?.restartPolicy ?? '';
  if (restart !== 'Always') errs.push(notSupported(path.child('template', 'spec', 'restartPolicy'), restart, ['Always']));
  if (spec.template?.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(forbidden(path.child('template', 'spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in DaemonSet is not Supported'));
  }
  nonNegative(errs, spec.minReadySeconds ?? 0, path.child('minReadySeconds'));
  validateDaemonSetUpdateStrategy(errs, spec.updateStrategy, path.child('updateStrategy'));
  nonNegative(errs, spec.revisionHistoryLimit, path.child('revisionHistoryLimit'));
  return errs;
}

function validateDaemonSetUpdateStrategy(errs: FieldError[], s: DaemonSetSpec['updateStrategy'], path: FieldPath): void {
  const type = s?.type ?? '';
  if (type === 'OnDelete') return;
  if (type !== 'RollingUpdate') {
    const repr = `apps.DaemonSetUpdateStrategy{Type:${goQuote(type)}, RollingUpdate:${goPtr('apps.RollingUpdateDaemonSet', !!s?.rollingUpdate)}}`;
    errs.push(notSupported(path, new GoValue(repr), ['RollingUpdate', 'OnDelete']));
    return;
  }
  const ru = s?.rollingUpdate;
  if (!ru) {
    errs.push(required(path.child('rollingUpdate')));
    return;
  }
  const p = path.child('rollingUpdate');
  const maxUnavailable = ru.maxUnavailable ?? 0;
  const maxSurge = ru.maxSurge ?? 0;
  positiveIntOrPercent(errs, maxUnavailable, p.child('maxUnavailable'));
  positiveIntOrPercent(errs, maxSurge, p.child('maxSurge'));
  notMoreThan100Percent(errs, maxUnavailable, p.child('maxUnavailable'));
  notMoreThan100Percent(errs, maxSurge, p.child('maxSurge'));
  const hasUnavailable = intOrPercentValue(maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(maxSurge) !== 0;
  if (hasUnavailable && hasSurge) {
    errs.push(invalid(p.child('maxSurge'), goIntOrString(maxSurge), 'may not be set when maxUnavailable is non-zero'));
  } else if (!hasUnavailable && !hasSurge) {
    errs.push(required(p.child('maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
  }
}

// ---------------------------------------------------------------------------------------------
// StatefulSet

export function validateStatefulSet(obj: KubeObject): FieldError[] {
  const sts = obj as unknown as StatefulSet;
  // StatefulSet names are DNS labels since 1.27: they become pod hostnames.
  const errs = validateObjectMeta(sts.metadata, { namespaced: true, nameFn: nameIsDNSLabel }, META);
  errs.push(...validateStatefulSetSpec(sts.spec ?? ({} as StatefulSetSpec), SPEC));
  return errs;
}

/** Everything but replicas, ordinals, template, updateStrategy, the PVC retention policy and minReadySeconds is fixed. */
export function validateStatefulSetUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  const sts = obj as unknown as StatefulSet;
  const old = oldObj as unknown as StatefulSet;
  const errs = validateObjectMetaUpdate(obj.metadata, oldObj.metadata, META);
  const strip = (s: StatefulSetSpec | undefined) => {
    const rest: Record<string, unknown> = { ...s };
    for (const k of ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'persistentVolumeClaimRetentionPolicy']) {
      delete rest[k];
    }
    return rest;
  };
  if (!deepEqual(strip(sts.spec), strip(old.spec))) {
    errs.push(
      forbidden(
        SPEC,
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    );
  }
  return errs;
}

function validateStatefulSetSpec(spec: StatefulSetSpec, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const pmp = spec.podManagementPolicy ?? '';
  if (pmp === '') errs.push(required(path.child('podManagementPolicy')));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') {
    errs.push(invalid(path.child('podManagementPolicy'), pmp, "must be 'OrderedReady' or 'Parallel'"));
  }
  validateStatefulSetUpdateStrategy(errs, spec.updateStrategy, path.child('updateStrategy'));
  const retention = spec.persistentVolumeClaimRetentionPolicy;
  if (retention) {
    for (const k of ['whenDeleted', 'whenScaled'] as const) {
      const v = retention[k] ?? '';
      if (v !== 'Retain' && v !== 'Delete') {
        errs.push(notSupported(path.child('persistentVolumeClaimRetentionPolicy', k), v, ['Retain', 'Delete']));
      }
    }
  }
  nonNegative(errs, spec.replicas ?? 0, path.child('replicas'));
  nonNegative(errs, spec.minReadySeconds ?? 0, path.child('minReadySeconds'));
  if (spec.ordinals) nonNegative(errs, spec.ordinals.start ?? 0, path.child('ordinals.start'));
  const selector = validateRequiredSelector(
    errs,
    spec.selector,
    path.child('selector'),
    'empty selector is invalid for statefulset',
    '',
  );
  const tpath = path.child('template');
  if (selector) {
    // Only the template's labels and annotations are checked here: the pod spec is validated when
    // the controller creates the pods.
    const labels = spec.template?.metadata?.labels;
    if (!selector.empty() && !selector.matches(labels)) {
      errs.push(invalid(tpath.child('metadata', 'labels'), goStringMap(labels), MISMATCH));
    }
    errs.push(...validateLabels(labels, tpath.child('labels')));
    errs.push(...validateAnnotations(spec.template?.metadata?.annotations, tpath.child('annotations')));
  }
  const restart = spec.template?.spec?.restartPolicy ?? '';
  if (restart !== 'Always') errs.push(notSupported(tpath.child('spec', 'restartPolicy'), restart, ['Always']));
  if (spec.template?.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(forbidden(tpath.child('spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return errs;
}

function validateStatefulSetUpdateStrategy(errs: FieldError[], s: StatefulSetSpec['updateStrategy'], path: FieldPath): void {
  const type = s?.type ?? '';
  const ru = s?.rollingUpdate;
  if (type === '') errs.push(required(path));
  else if (type === 'OnDelete') {
    if (ru) {
      const repr = `apps.RollingUpdateStatefulSetStrategy{Partition:${ru.partition ?? 0}, MaxUnavailable:${goPtr('intstr.IntOrString', ru.maxUnavailable !== undefined)}}`;
      errs.push(invalid(path.child('rollingUpdate'), new GoValue(repr), "only allowed for updateStrategy 'RollingUpdate'"));
    }
  } else if (type === 'RollingUpdate') {
    if (ru) {
      const p = path.child('rollingUpdate');
      nonNegative(errs, ru.partition ?? 0, p.child('partition'));
      if (ru.maxUnavailable !== undefined) {
        const mu = p.child('maxUnavailable');
        positiveIntOrPercent(errs, ru.maxUnavailable, mu);
        if (intOrPercentValue(ru.maxUnavailable) === 0) errs.push(invalid(mu, goIntOrString(ru.maxUnavailable), 'cannot be 0'));
        notMoreThan100Percent(errs, ru.maxUnavailable, mu);
      }
    }
  } else {
    const repr = `apps.StatefulSetUpdateStrategy{Type:${goQuote(type)}, RollingUpdate:${goPtr('apps.RollingUpdateStatefulSetStrategy', !!ru)}}`;
    errs.push(invalid(path, new GoValue(repr), "must be 'RollingUpdate' or 'OnDelete'"));
  }
}

// ---------------------------------------------------------------------------------------------
// ControllerRevision

export function validateControllerRevision(obj: KubeObject): FieldError[] {
  const cr = obj as unknown as ControllerRevision;
  const errs = validateObjectMeta(cr.metadata, { namespaced: true }, META);
  if (cr.data === undefined || cr.data === null) errs.push(required('data', 'data is mandatory'));
  nonNegative(errs, cr.revision ?? 0, ROOT.child('revision'));
  return errs;
}

/** Data may never change (the revision may, which controllers use to renumber history). */
export function validateControllerRevisionUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  const cr = obj as unknown as ControllerRevision;
  const old = oldObj as unknown as ControllerRevision;
  const errs = validateObjectMetaUpdate(obj.metadata, oldObj.metadata, META);
  immutable(errs, cr.data, old.data, ROOT.child('data'), (v) => goStructApprox('runtime.RawExtension', v));
  return errs;
}
