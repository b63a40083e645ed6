// Pod volumes, volume mounts and the downward API (core validation's ValidateVolumes,
// validateVolumeSource, ValidateVolumeMounts, validateObjectFieldSelector, 1.30). Every source is
// counted so that two sources in one volume are refused as Kubernetes refuses them; the sources
// the simulator mounts (emptyDir, hostPath, configMap, secret, PVC, projected, downwardAPI) and the
// common network ones are checked field by field.

import type {
  Container,
  DownwardAPIVolumeFile,
  KeyToPath,
  ObjectFieldSelector,
  ResourceFieldSelector,
  Volume,
  VolumeMount,
} from 'kubernetes-types/core/v1';
import { duplicate, forbidden, invalid, notFound, notSupported, required, type FieldError, type FieldPath } from '../field.ts';
import { isConfigMapKey, isDNS1123Label, isQualifiedName, nameIsDNSSubdomain } from '../names.ts';
import { quantityOf } from './pod-resources.ts';

const FILE_MODE_MSG = 'must be a number between 0 and 0777 (octal), both inclusive';
const MORE_THAN_ONE = 'may not specify more than 1 volume type';

/**
 * Volume sources in the order validateVolumeSource tries them, with the path each one's
 * "more than 1" error names (cephfs and downwardAPI keep Kubernetes' own spellings there).
 */
const SOURCES: readonly (readonly [json: string, errorName: string])[] = [
  ['emptyDir', 'emptyDir'], ['hostPath', 'hostPath'], ['gitRepo', 'gitRepo'], ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'], ['secret', 'secret'], ['nfs', 'nfs'], ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'], ['flocker', 'flocker'], ['persistentVolumeClaim', 'persistentVolumeClaim'], ['rbd', 'rbd'],
  ['cinder', 'cinder'], ['cephfs', 'cephFS'], ['quobyte', 'quobyte'], ['downwardAPI', 'downwarAPI'], ['fc', 'fc'],
  ['flexVolume', 'flexVolume'], ['configMap', 'configMap'], ['azureFile', 'azureFile'], ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'], ['portworxVolume', 'portworxVolume'], ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'], ['projected', 'projected'], ['scaleIO', 'scaleIO'], ['csi', 'csi'], ['ephemeral', 'ephemeral'],
];

/** The volumes that validated, by name: what volume mounts may refer to. */
export type VolumeSet = ReadonlyMap<string, Volume>;

/** ValidateVolumes: names are unique DNS labels, each volume has exactly one valid source. */
export function validateVolumes(errs: FieldError[], volumes: readonly Volume[] | undefined, path: FieldPath): VolumeSet {
  const valid = new Map<string, Volume>();
  if (!volumes) return valid;
  for (let i = 0; i < volumes.length; i++) {
    const vol = volumes[i] ?? {};
    const idx = path.index(i);
    const before = errs.length;
    validateVolumeSource(errs, vol, idx);
    const name = vol.name ?? '';
    if (name === '') errs.push(required(idx.child('name')));
    else for (const msg of isDNS1123Label(name)) errs.push(invalid(idx.child('name'), name, msg));
    if (valid.has(name)) errs.push(duplicate(idx.child('name'), name));
    else if (errs.length === before) valid.set(name, vol);
  }
  return valid;
}

function validateVolumeSource(errs: FieldError[], vol: Volume, path: FieldPath): void {
  const rec = vol as unknown as Record<string, unknown>;
  let count = 0;
  for (const [json, errorName] of SOURCES) {
    if (rec[json] == null) continue;
    if (count > 0) {
      errs.push(forbidden(path.child(errorName), MORE_THAN_ONE));
      continue;
    }
    count++;
    if (json !== 'emptyDir' || vol.emptyDir?.sizeLimit != null) validateOneSource(errs, vol, json, path.child(json));
  }
  if (count === 0) errs.push(required(path, 'must specify a volume type'));
}

function validateOneSource(errs: FieldError[], vol: Volume, json: string, p: FieldPath): void {
  switch (json) {
    case 'emptyDir': {
      const q = vol.emptyDir?.sizeLimit != null ? quantityOf(vol.emptyDir.sizeLimit) : undefined;
      if (q && q.sign() < 0) errs.push(forbidden(p.child('sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
      return;
    }
    case 'hostPath': {
      const hp = vol.hostPath!;
      if (!hp.path) {
        errs.push(required(p.child('path')));
        return;
      }
      noBacksteps(errs, hp.path, p.child('path'));
      if (hp.type != null && !HOST_PATH_TYPES.includes(hp.type)) errs.push(notSupported(p.child('type'), hp.type, HOST_PATH_TYPES));
      return;
    }
    case 'gitRepo':
      if (!vol.gitRepo!.repository) errs.push(required(p.child('repository')));
      localDescendingPath(errs, vol.gitRepo!.directory ?? '', p.child('directory'));
      return;
    case 'secret': {
      const s = vol.secret!;
      if (!s.secretName) errs.push(required(p.child('secretName')));
      fileMode(errs, s.defaultMode, p.child('defaultMode'));
      keyToPaths(errs, s.items, p.child('items'));
      return;
    }
    case 'configMap': {
      const c = vol.configMap!;
      if (!c.name) errs.push(required(p.child('name')));
      fileMode(errs, c.defaultMode, p.child('defaultMode'));
      keyToPaths(errs, c.items, p.child('items'));
      return;
    }
    case 'persistentVolumeClaim':
      if (!vol.persistentVolumeClaim!.claimName) errs.push(required(p.child('claimName')));
      return;
    case 'nfs': {
      const n = vol.nfs!;
      if (!n.server) errs.push(required(p.child('server')));
      if (!n.path) errs.push(required(p.child('path')));
      if (!(n.path ?? '').startsWith('/')) errs.push(invalid(p.child('path'), n.path ?? '', 'must be an absolute path'));
      return;
    }
    case 'downwardAPI': {
      const d = vol.downwardAPI!;
      fileMode(errs, d.defaultMode, p.child('defaultMode'));
      for (const f of d.items ?? []) downwardAPIFile(errs, f ?? {}, p);
      return;
    }
    case 'projected':
      validateProjected(errs, vol, p);
      return;
    case 'csi':
      if (!vol.csi!.driver) errs.push(required(p.child('driver')));
      return;
    case 'ephemeral':
      if (!vol.ephemeral!.volumeClaimTemplate) errs.push(required(p.child('volumeClaimTemplate')));
      return;
    case 'iscsi':
      if (!vol.iscsi!.targetPortal) errs.push(required(p.child('targetPortal')));
      if (!vol.iscsi!.iqn) errs.push(required(p.child('iqn')));
      return;
    case 'glusterfs':
      if (!vol.glusterfs!.endpoints) errs.push(required(p.child('endpoints')));
      if (!vol.glusterfs!.path) errs.push(required(p.child('path')));
      return;
    case 'rbd':
      if (!vol.rbd!.monitors?.length) errs.push(required(p.child('monitors')));
      if (!vol.rbd!.image) errs.push(required(p.child('image')));
      return;
    case 'cephfs':
      if (!vol.cephfs!.monitors?.length) errs.push(required(p.child('monitors')));
      return;
    case 'awsElasticBlockStore':
      if (!vol.awsElasticBlockStore!.volumeID) errs.push(required(p.child('volumeID')));
      return;
    case 'gcePersistentDisk':
      if (!vol.gcePersistentDisk!.pdName) errs.push(required(p.child('pdName')));
      return;
  }
}

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

function validateProjected(errs: FieldError[], vol: Volume, p: FieldPath): void {
  const proj = vol.projected!;
  fileMode(errs, proj.defaultMode, p.child('defaultMode'));
  let paths: Set<string> | undefined;
  const claim = (path: string | undefined, shown: string) => {
    if (!path) return;
    paths ??= new Set();
    if (paths.has(path)) errs.push(invalid(p, shown, 'conflicting duplicate paths'));
    paths.add(path);
  };
  const sources = proj.sources ?? [];
  // Paths are built only for an error: a pod's token volume is validated on every write.
  const at = (i: number, ...names: string[]) => p.child('sources').index(i).child(...names);
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i] ?? {};
    let n = 0;
    if (s.secret) {
      n++;
      if (!s.secret.name) errs.push(required(at(i, 'secret', 'name')));
      const items = s.secret.items ?? [];
      for (let j = 0; j < items.length; j++) {
        const item = items[j] ?? {};
        if (!item.key || !item.path || item.mode != null || suspiciousPath(item.path)) keyToPath(errs, item, at(i, 'secret', 'items').index(j));
        claim(item.path, s.secret.name ?? '');
      }
    }
    if (s.configMap) {
      n++;
      if (!s.configMap.name) errs.push(required(at(i, 'configMap', 'name')));
      const items = s.configMap.items ?? [];
      for (let j = 0; j < items.length; j++) {
        const item = items[j] ?? {};
        if (!item.key || !item.path || item.mode != null || suspiciousPath(item.path)) keyToPath(errs, item, at(i, 'configMap', 'items').index(j));
        claim(item.path, s.configMap.name ?? '');
      }
    }
    if (s.downwardAPI) {
      n++;
      for (const f of s.downwardAPI.items ?? []) {
        downwardAPIFile(errs, f ?? {}, at(i, 'downwardAPI'));
        claim(f?.path, f?.path ?? '');
      }
    }
    if (s.serviceAccountToken) {
      n++;
      const t = s.serviceAccountToken;
      const exp = t.expirationSeconds ?? 0;
      if (exp < 600) errs.push(invalid(at(i, 'serviceAccountToken', 'expirationSeconds'), exp, 'may not specify a duration less than 10 minutes'));
      if (exp > 2 ** 32) errs.push(invalid(at(i, 'serviceAccountToken', 'expirationSeconds'), exp, 'may not specify a duration larger than 2^32 seconds'));
      if (!t.path) errs.push(required(p.child('path')));
      else if (suspiciousPath(t.path)) localNonReservedPath(errs, t.path, p.child('path'));
    }
    if (n > 1) errs.push(forbidden(p.child('sources').index(i), 'may not specify more than 1 volume type per source'));
  }
}

function fileMode(errs: FieldError[], mode: number | undefined, path: FieldPath): void {
  if (mode != null && (mode > 0o777 || mode < 0)) errs.push(invalid(path, mode, FILE_MODE_MSG));
}

function keyToPaths(errs: FieldError[], items: readonly KeyToPath[] | undefined, path: FieldPath): void {
  if (!items) return;
  for (let i = 0; i < items.length; i++) keyToPath(errs, items[i] ?? {}, path.index(i));
}

function keyToPath(errs: FieldError[], kp: Partial<KeyToPath>, path: FieldPath): void {
  if (!kp.key) errs.push(required(path.child('key')));
  if (!kp.path) errs.push(required(path.child('path')));
  else if (suspiciousPath(kp.path)) localNonReservedPath(errs, kp.path, path.child('path'));
  if (kp.mode != null) fileMode(errs, kp.mode, path.child('mode'));
}

/** Whether a relative path could break a path rule: the common, clean case builds no field path. */
function suspiciousPath(p: string): boolean {
  return p.startsWith('/') || p.includes('..') || p.includes('\\');
}

function downwardAPIFile(errs: FieldError[], f: Partial<DownwardAPIVolumeFile>, path: FieldPath): void {
  if (!f.path) errs.push(required(path.child('path')));
  localNonReservedPath(errs, f.path ?? '', path.child('path'));
  if (f.fieldRef) {
    validateObjectFieldSelector(errs, f.fieldRef, VOLUME_FIELD_PATHS, path.child('fieldRef'));
    if (f.resourceFieldRef) errs.push(invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (f.resourceFieldRef) {
    validateResourceFieldSelector(errs, f.resourceFieldRef, path.child('resourceFieldRef'), true);
  } else {
    errs.push(required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  fileMode(errs, f.mode, path.child('mode'));
}

// ---------------------------------------------------------------------------------------------
// Paths

/** validatePathNoBacksteps: no ".." element. */
export function noBacksteps(errs: FieldError[], target: string, path: FieldPath): boolean {
  for (const part of target.replace(/\\/g, '/').split('/')) {
    if (part === '..') {
      errs.push(invalid(path, target, "must not contain '..'"));
      return false;
    }
  }
  return true;
}

/** validateLocalDescendingPath: relative, without "..". */
export function localDescendingPath(errs: FieldError[], target: string, path: FieldPath): void {
  if (target.startsWith('/')) errs.push(invalid(path, target, 'must be a relative path'));
  noBacksteps(errs, target, path);
}

/** ValidateLocalNonReservedPath: also not starting with "..". */
function localNonReservedPath(errs: FieldError[], target: string, path: FieldPath): void {
  localDescendingPath(errs, target, path);
  if (target.startsWith('..') && !target.startsWith('../')) errs.push(invalid(path, target, "must not start with '..'"));
}

// ---------------------------------------------------------------------------------------------
// Volume mounts

/** ValidateVolumeMounts: each names a volume of the pod, mount paths are unique. */
export function validateVolumeMounts(
  errs: FieldError[],
  mounts: readonly VolumeMount[] | undefined,
  volumes: VolumeSet,
  container: Container,
  path: FieldPath,
): void {
  if (!mounts || mounts.length === 0) return;
  const devices = container.volumeDevices ?? [];
  const points = new Set<string>();
  for (let i = 0; i < mounts.length; i++) {
    const m = mounts[i] ?? {};
    const name = m.name ?? '';
    const mountPath = m.mountPath ?? '';
    const at = (field: string) => path.index(i).child(field);
    if (name === '') errs.push(required(at('name')));
    if (!volumes.has(name)) errs.push(notFound(at('name'), name));
    if (mountPath === '') errs.push(required(at('mountPath')));
    if (points.has(mountPath)) errs.push(invalid(at('mountPath'), mountPath, 'must be unique'));
    points.add(mountPath);
    if (devices.length > 0) {
      if (devices.some((d) => d?.name === name)) errs.push(invalid(at('name'), name, 'must not already exist in volumeDevices'));
      if (devices.some((d) => d?.devicePath === mountPath)) {
        errs.push(invalid(at('mountPath'), mountPath, 'must not already exist as a path in volumeDevices'));
      }
    }
    // Kubernetes reports these against the list's path, not the mount's: kept as it is.
    if (m.subPath) localDescendingPath(errs, m.subPath, path.child('subPath'));
    if (m.subPathExpr) {
      if (m.subPath) errs.push(invalid(at('subPathExpr'), m.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      localDescendingPath(errs, m.subPathExpr, path.child('subPathExpr'));
    }
    if (m.mountPropagation != null) mountPropagation(errs, m.mountPropagation, container, path.child('mountPropagation'));
  }
}

const PROPAGATIONS = ['Bidirectional', 'HostToContainer', 'None'];

function mountPropagation(errs: FieldError[], mode: string, container: Container, path: FieldPath): void {
  if (!PROPAGATIONS.includes(mode)) errs.push(notSupported(path, mode, PROPAGATIONS));
  if (mode === 'Bidirectional' && container.securityContext?.privileged !== true) {
    errs.push(forbidden(path, 'Bidirectional mount propagation is available only to privileged containers'));
  }
}

// ---------------------------------------------------------------------------------------------
// Downward API selectors

const VOLUME_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];
export const ENV_FIELD_PATHS = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
];
const POD_FIELD_LABELS = new Set([
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
  'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP',
  'status.hostIPs', 'status.podIP', 'status.podIPs',
]);

/** fieldpath.SplitMaybeSubscriptedPath: "metadata.labels['app']" is the path and the key. */
function splitSubscript(fieldPath: string): [string, string] | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const s = fieldPath.slice(0, -2);
  const i = s.indexOf("['");
  if (i <= 0) return undefined;
  return [s.slice(0, i), s.slice(i + 2)];
}

/** validateObjectFieldSelector with ConvertDownwardAPIFieldLabel's errors. */
export function validateObjectFieldSelector(
  errs: FieldError[],
  fs: Partial<ObjectFieldSelector>,
  expressions: readonly string[],
  path: FieldPath,
): void {
  if (!fs.apiVersion) {
    errs.push(required(path.child('apiVersion')));
    return;
  }
  const fieldPath = fs.fieldPath ?? '';
  if (!fieldPath) {
    errs.push(required(path.child('fieldPath')));
    return;
  }
  let converted = fieldPath;
  let convertErr = '';
  const sub = splitSubscript(fieldPath);
  if (fs.apiVersion !== 'v1') convertErr = `unsupported pod version: ${fs.apiVersion}`;
  else if (sub) {
    if (sub[0] !== 'metadata.annotations' && sub[0] !== 'metadata.labels') convertErr = `field label does not support subscript: ${fieldPath}`;
  } else if (fieldPath === 'spec.host') converted = 'spec.nodeName';
  else if (!POD_FIELD_LABELS.has(fieldPath)) convertErr = `field label not supported: ${fieldPath}`;
  if (convertErr) {
    errs.push(invalid(path.child('fieldPath'), fieldPath, `error converting fieldPath: ${convertErr}`));
    return;
  }
  if (sub) {
    const key = sub[0] === 'metadata.annotations' ? sub[1].toLowerCase() : sub[1];
    for (const msg of isQualifiedName(key)) errs.push(invalid(path, key, msg));
  } else if (!expressions.includes(converted)) {
    errs.push(notSupported(path.child('fieldPath'), converted, expressions));
  }
}

const RESOURCE_FIELDS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];
const CPU_DIVISORS = ['1m', '1'];
const BYTE_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];
const BYTE_DIVISOR_LIST = '1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei';

/** validateContainerResourceFieldSelector; a volume's selector must also name its container. */
export function validateResourceFieldSelector(
  errs: FieldError[],
  fs: Partial<ResourceFieldSelector>,
  path: FieldPath,
  volume: boolean,
): void {
  const resource = fs.resource ?? '';
  if (volume && !fs.containerName) errs.push(required(path.child('containerName')));
  else if (!resource) errs.push(required(path.child('resource')));
  else if (!RESOURCE_FIELDS.includes(resource) && !resource.startsWith('requests.hugepages-') && !resource.startsWith('limits.hugepages-')) {
    errs.push(notSupported(path.child('resource'), resource, RESOURCE_FIELDS));
  }
  const d = fs.divisor != null ? quantityOf(fs.divisor) : undefined;
  if (!d || d.isZero()) return;
  const text = d.toString();
  const dp = path.child('divisor');
  if (resource === 'limits.cpu' || resource === 'requests.cpu') {
    if (!CPU_DIVISORS.includes(text)) errs.push(invalid(dp, resource, "only divisor's values 1m and 1 are supported with the cpu resource"));
  } else if (resource === 'limits.memory' || resource === 'requests.memory') {
    if (!BYTE_DIVISORS.includes(text)) {
      errs.push(invalid(dp, resource, `only divisor's values ${BYTE_DIVISOR_LIST} are supported with the memory resource`));
    }
  } else if (resource === 'limits.ephemeral-storage' || resource === 'requests.ephemeral-storage') {
    if (!BYTE_DIVISORS.includes(text)) {
      errs.push(invalid(dp, resource, `only divisor's values ${BYTE_DIVISOR_LIST} are supported with the local ephemeral storage resource`));
    }
  }
}

/** The secret/configMap key selectors of env valueFrom: a DNS-subdomain name, a config key. */
export function validateKeySelector(errs: FieldError[], s: { name?: string; key?: string }, path: FieldPath): void {
  const name = s.name ?? '';
  for (const msg of nameIsDNSSubdomain(name, false)) errs.push(invalid(path.child('name'), name, msg));
  if (!s.key) errs.push(required(path.child('key')));
  else for (const msg of isConfigMapKey(s.key)) errs.push(invalid(path.child('key'), s.key, msg));
}

/** A ConfigMap or Secret referenced by envFrom: its name is checked as a generateName prefix. */
export function validateEnvSourceName(errs: FieldError[], name: string | undefined, path: FieldPath): void {
  if (!name) errs.push(required(path.child('name')));
  else for (const msg of nameIsDNSSubdomain(name, true)) errs.push(invalid(path.child('name'), name, msg));
}

