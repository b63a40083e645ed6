// PersistentVolume and PersistentVolumeClaim validation (ValidatePersistentVolumeSpec,
// ValidatePersistentVolumeUpdate, ValidatePersistentVolumeClaimSpec,
// ValidatePersistentVolumeClaimUpdate; Kubernetes 1.30, VolumeAttributesClass off).

import type {
  PersistentVolume,
  PersistentVolumeClaim,
  PersistentVolumeClaimSpec,
  PersistentVolumeSpec,
  TypedLocalObjectReference,
  TypedObjectReference,
} from 'kubernetes-types/core/v1';
import { FieldPath, forbidden, GoValue, invalid, notSupported, required, type FieldError } from '../field.ts';
import { goQuote, isDNS1123Subdomain, nameIsDNSSubdomain, validateNamespaceName } from '../names.ts';
import { validateLabelSelector } from '../labels.ts';
import { clone, deepEqual, type KubeObject } from '../object.ts';
import { goQuantityText } from './go-values.ts';
import { FIELD_IMMUTABLE, pushAll, validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { quantityOf, validatePositiveQuantity, validateResourceQuantityValue } from './pod-resources.ts';
import { validateNodeSelector } from './pod-scheduling.ts';
import { noBacksteps } from './pod-volumes.ts';
import { semanticEqual, specDiff } from './pod-update.ts';

const SPEC = FieldPath.root('spec');
const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
const VOLUME_MODES = ['Block', 'Filesystem'];

/** The PV sources, in ValidatePersistentVolumeSpec's order. */
const PV_SOURCES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'glusterfs', 'flocker', 'nfs', 'rbd', 'quobyte', 'cephfs',
  'iscsi', 'cinder', 'fc', 'flexVolume', 'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume',
  'azureDisk', 'scaleIO', 'local', 'storageos', 'csi',
] as const;

/** The access-mode values (the caller reports an empty list in its own words). */
function accessModes(errs: FieldError[], modes: readonly string[] | undefined, path: FieldPath): void {
  let rwop = false;
  let other = false;
  for (const m of modes ?? []) {
    if (!ACCESS_MODES.includes(m)) errs.push(notSupported(path, m, ACCESS_MODES));
    if (m === 'ReadWriteOncePod') rwop = true;
    else if (ACCESS_MODES.includes(m)) other = true;
  }
  if (rwop && other) errs.push(forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
}

/** %#v of a core.ResourceList, for the capacity error. */
function goResourceList(list: Record<string, unknown>): GoValue {
  const keys = Object.keys(list).sort();
  return new GoValue(`core.ResourceList{${keys.map((k) => `${goQuote(k)}:${goQuantityText(list[k])}`).join(', ')}}`);
}

export function validatePersistentVolume(obj: KubeObject): FieldError[] {
  const pv = obj as unknown as PersistentVolume;
  const errs = validateObjectMeta(pv.metadata, { namespaced: false });
  const spec: PersistentVolumeSpec = pv.spec ?? {};
  if (!spec.accessModes || spec.accessModes.length === 0) errs.push(required(SPEC.child('accessModes')));
  accessModes(errs, spec.accessModes, SPEC.child('accessModes'));
  const capacity = spec.capacity ?? {};
  const capPath = SPEC.child('capacity');
  const keys = Object.keys(capacity);
  if (keys.length === 0) errs.push(required(capPath));
  if (!('storage' in capacity) || keys.length > 1) errs.push(notSupported(capPath, goResourceList(capacity), ['storage']));
  for (const k of keys) {
    const q = quantityOf(capacity[k]);
    // validateBasicResource reports the whole-unit value.
    if (q && q.value() < 0) errs.push(invalid(capPath.key(k), q.value(), 'must be a valid resource quantity'));
    validatePositiveQuantity(errs, capacity[k], capPath.key(k));
  }
  const reclaim = spec.persistentVolumeReclaimPolicy ?? '';
  if (reclaim && !RECLAIM_POLICIES.includes(reclaim)) errs.push(notSupported(SPEC.child('persistentVolumeReclaimPolicy'), reclaim, RECLAIM_POLICIES));
  let nodeAffinity = false;
  if (spec.nodeAffinity) {
    nodeAffinity = true;
    if (spec.nodeAffinity.required) validateNodeSelector(errs, spec.nodeAffinity.required, SPEC.child('nodeAffinity', 'required'));
    else errs.push(required(SPEC.child('nodeAffinity', 'required'), 'must specify required node constraints'));
  }
  const rec = spec as unknown as Record<string, unknown>;
  let count = 0;
  for (const src of PV_SOURCES) {
    if (rec[src] == null) continue;
    // flexVolume is counted without the "more than one" check, as in Kubernetes.
    if (count > 0 && src !== 'flexVolume') {
      errs.push(forbidden(SPEC.child(src), 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    pvSource(errs, spec, src, nodeAffinity);
  }
  if (count === 0) errs.push(required(SPEC, 'must specify a volume type'));
  if (spec.hostPath && cleanPath(spec.hostPath.path ?? '') === '/' && reclaim === 'Recycle') {
    errs.push(forbidden(SPEC.child('persistentVolumeReclaimPolicy'), "may not be 'recycle' for a hostPath mount of '/'"));
  }
  if (spec.storageClassName) {
    for (const msg of nameIsDNSSubdomain(spec.storageClassName, false)) errs.push(invalid(SPEC.child('storageClassName'), spec.storageClassName, msg));
  }
  if (spec.volumeMode != null && !VOLUME_MODES.includes(spec.volumeMode)) {
    errs.push(notSupported(SPEC.child('volumeMode'), spec.volumeMode, VOLUME_MODES));
  }
  return errs;
}

function cleanPath(p: string): string {
  const parts: string[] = [];
  for (const s of p.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') parts.pop();
    else parts.push(s);
  }
  return (p.startsWith('/') ? '/' : '') + parts.join('/') || '.';
}

function pvSource(errs: FieldError[], spec: PersistentVolumeSpec, src: string, nodeAffinity: boolean): void {
  const p = SPEC.child(src);
  switch (src) {
    case 'hostPath':
      if (!spec.hostPath!.path) errs.push(required(p.child('path')));
      else noBacksteps(errs, spec.hostPath!.path, p.child('path'));
      return;
    case 'nfs':
      if (!spec.nfs!.server) errs.push(required(p.child('server')));
      if (!spec.nfs!.path) errs.push(required(p.child('path')));
      if (!(spec.nfs!.path ?? '').startsWith('/')) errs.push(invalid(p.child('path'), spec.nfs!.path ?? '', 'must be an absolute path'));
      return;
    case 'local':
      if (!spec.local!.path) errs.push(required(p.child('path')));
      else noBacksteps(errs, spec.local!.path, p.child('path'));
      if (!nodeAffinity) errs.push(required(SPEC.child('nodeAffinity'), 'Local volume requires node affinity'));
      return;
    case 'csi':
      if (!spec.csi!.driver) errs.push(required(p.child('driver')));
      if (!spec.csi!.volumeHandle) errs.push(required(p.child('volumeHandle')));
      return;
  }
}

export function validatePersistentVolumeUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  const pv = obj as unknown as PersistentVolume;
  const old = oldObj as unknown as PersistentVolume;
  const errs = validateObjectMetaUpdate(pv.metadata ?? {}, old.metadata ?? {});
  const src = (s: PersistentVolumeSpec | undefined) => {
    const out: Record<string, unknown> = {};
    for (const k of PV_SOURCES) if ((s as Record<string, unknown> | undefined)?.[k] != null) out[k] = (s as Record<string, unknown>)[k];
    return out;
  };
  const next = src(pv.spec);
  const prev = src(old.spec);
  if (!semanticEqual(next, prev)) {
    errs.push(forbidden(SPEC.child('persistentvolumesource'), `spec.persistentvolumesource is immutable after creation\n${specDiff('core.PersistentVolumeSource', prev, next)}`));
  }
  // Kubernetes names this field without its "spec." prefix.
  if ((pv.spec?.volumeMode ?? null) !== (old.spec?.volumeMode ?? null)) errs.push(invalid('volumeMode', pv.spec?.volumeMode ?? 'null', FIELD_IMMUTABLE));
  if (old.spec?.nodeAffinity && !deepEqual(pv.spec?.nodeAffinity ?? null, old.spec.nodeAffinity)) {
    errs.push(invalid('nodeAffinity', 'VolumeNodeAffinity', `${FIELD_IMMUTABLE}, except for updating from beta label to GA`));
  }
  return errs;
}

/** ValidatePersistentVolumeClaimSpec. */
export function validatePersistentVolumeClaimSpec(errs: FieldError[], spec: PersistentVolumeClaimSpec, path: FieldPath): void {
  if (!spec.accessModes || spec.accessModes.length === 0) {
    errs.push(required(path.child('accessModes'), 'at least 1 access mode is required'));
  }
  if (spec.selector) pushAll(errs, validateLabelSelector(spec.selector, path.child('selector')));
  accessModes(errs, spec.accessModes, path.child('accessModes'));
  const storage = spec.resources?.requests?.storage;
  // Kubernetes reports a missing storage request at "resources[storage]", not under requests.
  const sp = path.child('resources').key('storage');
  if (storage === undefined) errs.push(required(sp));
  else if (validatePositiveQuantity(errs, storage, sp)) validateResourceQuantityValue(errs, 'storage', storage, sp);
  if (spec.storageClassName) {
    for (const msg of nameIsDNSSubdomain(spec.storageClassName, false)) errs.push(invalid(path.child('storageClassName'), spec.storageClassName, msg));
  }
  if (spec.volumeMode != null && !VOLUME_MODES.includes(spec.volumeMode)) {
    errs.push(notSupported(path.child('volumeMode'), spec.volumeMode, VOLUME_MODES));
  }
  if (spec.dataSource) dataSource(errs, spec.dataSource, path.child('dataSource'));
  if (spec.dataSourceRef) {
    dataSource(errs, spec.dataSourceRef, path.child('dataSourceRef'));
    const ns = spec.dataSourceRef.namespace;
    if (ns) for (const msg of validateNamespaceName(ns, false)) errs.push(invalid(path.child('dataSourceRef', 'namespace'), ns, msg));
  }
  if (spec.dataSourceRef?.namespace) {
    if (spec.dataSource) errs.push(invalid(path, path.child('dataSource').toString(), 'may not be specified when dataSourceRef.namespace is specified'));
  } else if (spec.dataSource && spec.dataSourceRef) {
    const a = spec.dataSource;
    const b = spec.dataSourceRef;
    if ((a.apiGroup ?? null) !== (b.apiGroup ?? null) || a.kind !== b.kind || a.name !== b.name) {
      errs.push(invalid(path, path.child('dataSource').toString(), 'must match dataSourceRef'));
    }
  }
}

function dataSource(errs: FieldError[], ds: TypedLocalObjectReference | TypedObjectReference, path: FieldPath): void {
  if (!ds.name) errs.push(required(path.child('name')));
  if (!ds.kind) errs.push(required(path.child('kind')));
  const group = ds.apiGroup ?? '';
  if (group === '' && ds.kind !== 'PersistentVolumeClaim') {
    errs.push(invalid(path, ds.kind ?? '', "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
  }
  if (group !== '') for (const msg of isDNS1123Subdomain(group)) errs.push(invalid(path.child('apiGroup'), group, msg));
}

export function validatePersistentVolumeClaim(obj: KubeObject): FieldError[] {
  const pvc = obj as unknown as PersistentVolumeClaim;
  const errs = validateObjectMeta(pvc.metadata, { namespaced: true });
  validatePersistentVolumeClaimSpec(errs, pvc.spec ?? {}, SPEC);
  return errs;
}

/** ValidatePersistentVolumeClaimUpdate: the spec is frozen except volumeName (once) and, bound, the storage request. */
export function validatePersistentVolumeClaimUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  const pvc = obj as unknown as PersistentVolumeClaim;
  const old = oldObj as unknown as PersistentVolumeClaim;
  const errs = validateObjectMetaUpdate(pvc.metadata ?? {}, old.metadata ?? {});
  const spec: PersistentVolumeClaimSpec = clone(pvc.spec ?? {});
  const oldSpec: PersistentVolumeClaimSpec = clone(old.spec ?? {});
  // The binder sets volumeName once.
  if (!old.spec?.volumeName) oldSpec.volumeName = spec.volumeName;
  // A claim that had no class may be given one.
  if (old.spec?.storageClassName == null && spec.storageClassName != null) oldSpec.storageClassName = spec.storageClassName;
  const bound = pvc.status?.phase === 'Bound';
  if (bound && spec.resources?.requests) {
    const oldStorage = old.spec?.resources?.requests?.storage;
    if (oldStorage === undefined) delete spec.resources.requests.storage;
    else spec.resources.requests.storage = oldStorage;
  }
  if (!semanticEqual(spec, oldSpec)) {
    errs.push(
      forbidden(
        SPEC,
        `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${specDiff('core.PersistentVolumeClaimSpec', oldSpec, spec)}`,
      ),
    );
  }
  const newSize = quantityOf(pvc.spec?.resources?.requests?.storage ?? 0);
  const oldSize = quantityOf(old.spec?.resources?.requests?.storage ?? 0);
  if (newSize && oldSize && newSize.cmp(oldSize) < 0) {
    errs.push(forbidden(SPEC.child('resources', 'requests', 'storage'), 'field can not be less than previous value'));
  }
  if ((pvc.spec?.volumeMode ?? null) !== (old.spec?.volumeMode ?? null)) errs.push(invalid('volumeMode', pvc.spec?.volumeMode ?? 'null', FIELD_IMMUTABLE));
  return errs;
}
