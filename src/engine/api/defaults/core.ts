// Defaulting of the core group (pkg/apis/core/v1/defaults.go and zz_generated.defaults.go,
// Kubernetes 1.30): what `kubectl get -o yaml` shows after creation that the manifest did not say.
// Empty maps are never added: Go drops them when it writes JSON (omitempty), so SetDefaults_ConfigMap's
// `data: {}` and LimitRange's empty default lists never show.

import type {
  Endpoints,
  LimitRange,
  LimitRangeItem,
  Namespace,
  Node,
  PersistentVolume,
  PersistentVolumeClaim,
  PersistentVolumeClaimSpec,
  PodTemplate,
  ReplicationController,
  ResourceQuota,
  Secret,
} from 'kubernetes-types/core/v1';
import type { KubeObject } from '../object.ts';
import { encodeBase64 } from '../../util/base64.ts';
import type { Mutable } from '../types.ts';
import { defaultPod, defaultPodTemplateSpec } from './pod.ts';
import { defaultResourceList } from './resources.ts';
import { defaultService } from './service.ts';
import type { Defaulter, DefaulterTable } from './types.ts';

/** Reads a stored object as its kind's type (the table is keyed by resource, so the kind is known). */
function as<T>(fn: (obj: T) => void): Defaulter {
  return (obj: KubeObject) => fn(obj as unknown as T);
}

/** SetDefaults_Namespace: the immutable kubernetes.io/metadata.name label. */
export function defaultNamespace(ns: Namespace): void {
  const name = ns.metadata?.name;
  if (!name || !ns.metadata) return;
  (ns.metadata.labels ??= {})['kubernetes.io/metadata.name'] = name;
}

/** SetDefaults_ReplicationController: selector and labels from the template, one replica. */
export function defaultReplicationController(rc: ReplicationController): void {
  const spec = (rc.spec ??= {});
  const labels = spec.template?.metadata?.labels;
  if (labels) {
    if (!spec.selector || Object.keys(spec.selector).length === 0) spec.selector = { ...labels };
    const meta = (rc.metadata ??= {});
    if (!meta.labels || Object.keys(meta.labels).length === 0) meta.labels = { ...labels };
  }
  if (spec.replicas == null) spec.replicas = 1;
  defaultPodTemplateSpec(spec.template);
}

/**
 * SetDefaults_Secret, and what v1-to-internal conversion does before it: stringData is written
 * into data (base64), winning over a data key of the same name, and is never stored.
 */
export function defaultSecret(s: Secret): void {
  if (s.stringData && typeof s.stringData === 'object') {
    const data = (s.data ??= {});
    for (const k in s.stringData) data[k] = encodeBase64(String(s.stringData[k] ?? ''));
  }
  delete s.stringData;
  if (!s.type) s.type = 'Opaque';
}

/** SetDefaults_NodeStatus: allocatable is the capacity unless the kubelet says otherwise. */
export function defaultNode(node: Node): void {
  const status = (node as Mutable<Node>).status;
  if (!status) return;
  defaultResourceList(status.capacity);
  if (status.allocatable == null && status.capacity != null) status.allocatable = { ...status.capacity };
  else defaultResourceList(status.allocatable);
}

export function defaultEndpoints(ep: Endpoints): void {
  for (const ss of ep.subsets ?? []) for (const p of ss?.ports ?? []) if (p && !p.protocol) p.protocol = 'TCP';
}

export function defaultPersistentVolume(pv: PersistentVolume): void {
  const m = pv as Mutable<PersistentVolume>;
  (m.status ??= {}).phase ||= 'Pending';
  const spec = (m.spec ??= {});
  if (!spec.persistentVolumeReclaimPolicy) spec.persistentVolumeReclaimPolicy = 'Retain';
  if (spec.volumeMode == null) spec.volumeMode = 'Filesystem';
  defaultResourceList(spec.capacity);
}

export function defaultPersistentVolumeClaimSpec(spec: PersistentVolumeClaimSpec): void {
  if (spec.volumeMode == null) spec.volumeMode = 'Filesystem';
  defaultResourceList(spec.resources?.limits);
  defaultResourceList(spec.resources?.requests);
}

export function defaultPersistentVolumeClaim(pvc: PersistentVolumeClaim): void {
  const m = pvc as Mutable<PersistentVolumeClaim>;
  (m.status ??= {}).phase ||= 'Pending';
  defaultPersistentVolumeClaimSpec((m.spec ??= {}));
  defaultResourceList(m.status.capacity);
}

/**
 * SetDefaults_LimitRangeItem for Container limits: the default limit falls back to max, the
 * default request to the default limit, then to min.
 */
export function defaultLimitRangeItem(item: LimitRangeItem): void {
  defaultResourceList(item.max);
  defaultResourceList(item.min);
  defaultResourceList(item.default);
  defaultResourceList(item.defaultRequest);
  defaultResourceList(item.maxLimitRequestRatio);
  if (item.type !== 'Container') return;
  for (const k in item.max ?? {}) if (!(k in (item.default ?? {}))) (item.default ??= {})[k] = item.max![k];
  for (const k in item.default ?? {}) {
    if (!(k in (item.defaultRequest ?? {}))) (item.defaultRequest ??= {})[k] = item.default![k];
  }
  for (const k in item.min ?? {}) {
    if (!(k in (item.defaultRequest ?? {}))) (item.defaultRequest ??= {})[k] = item.min![k];
  }
}

export function defaultLimitRange(lr: LimitRange): void {
  for (const item of lr.spec?.limits ?? []) if (item) defaultLimitRangeItem(item);
}

export function defaultResourceQuota(rq: ResourceQuota): void {
  defaultResourceList(rq.spec?.hard);
  const status = (rq as Mutable<ResourceQuota>).status;
  defaultResourceList(status?.hard);
  defaultResourceList(status?.used);
}

export function defaultPodTemplate(pt: PodTemplate): void {
  defaultPodTemplateSpec(pt.template);
}

export const coreDefaulters: DefaulterTable = {
  pods: as(defaultPod),
  services: as(defaultService),
  replicationcontrollers: as(defaultReplicationController),
  namespaces: as(defaultNamespace),
  secrets: as(defaultSecret),
  nodes: as(defaultNode),
  endpoints: as(defaultEndpoints),
  persistentvolumes: as(defaultPersistentVolume),
  persistentvolumeclaims: as(defaultPersistentVolumeClaim),
  limitranges: as(defaultLimitRange),
  resourcequotas: as(defaultResourceQuota),
  podtemplates: as(defaultPodTemplate),
};
