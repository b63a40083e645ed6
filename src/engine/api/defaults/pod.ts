// Defaulting of pod specs as pkg/apis/core/v1/defaults.go and its generated zz_generated.defaults.go
// do it (Kubernetes 1.30): SetDefaults_PodSpec, the container, probe, handler, port, env and volume
// defaults, and quantity canonicalization. SetDefaults_Pod (requests copied from limits,
// enableServiceLinks, host-network ports) applies to Pods only, never to templates: that is why
// `kubectl get deploy -o yaml` shows a template without them.

import type {
  Container,
  EphemeralContainer,
  HTTPGetAction,
  Lifecycle,
  LifecycleHandler,
  Pod,
  PodSpec,
  PodTemplateSpec,
  Probe,
  Volume,
} from 'kubernetes-types/core/v1';
import { defaultResourceList, canonicalOrSelf } from './resources.ts';

/** v1.SecretVolumeSourceDefaultMode and friends: 0644. */
export const DEFAULT_VOLUME_MODE = 0o644;
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** SetDefaults_PodSpec and the defaults of everything a pod spec holds. */
export function defaultPodSpec(spec: PodSpec): void {
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (spec.securityContext == null) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds == null) spec.terminationGracePeriodSeconds = DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  if (!spec.schedulerName) spec.schedulerName = DEFAULT_SCHEDULER_NAME;
  if (Array.isArray(spec.volumes)) for (const v of spec.volumes) if (v) defaultVolume(v);
  if (Array.isArray(spec.containers)) for (const c of spec.containers) if (c) defaultContainer(c);
  if (Array.isArray(spec.initContainers)) for (const c of spec.initContainers) if (c) defaultContainer(c);
  if (Array.isArray(spec.ephemeralContainers)) {
    for (const c of spec.ephemeralContainers) if (c) defaultContainer(c as EphemeralContainer as Container);
  }
  if (spec.overhead) defaultResourceList(spec.overhead);
}

/** A pod template: the pod spec's defaults, without SetDefaults_Pod's. */
export function defaultPodTemplateSpec(t: PodTemplateSpec | undefined): void {
  if (!t) return;
  if (t.spec) defaultPodSpec(t.spec);
}

/** SetDefaults_Pod, then the spec's defaults (the generated order: the pod's own first). */
export function defaultPod(pod: Pod): void {
  const spec = pod.spec;
  if (!spec) return;
  // Requests default to limits: only for Pods, so templates keep exactly what was written.
  if (Array.isArray(spec.containers)) for (const c of spec.containers) if (c) requestsFromLimits(c);
  if (Array.isArray(spec.initContainers)) for (const c of spec.initContainers) if (c) requestsFromLimits(c);
  if (spec.enableServiceLinks == null) spec.enableServiceLinks = true;
  if (spec.hostNetwork) {
    hostNetworkPorts(spec.containers);
    hostNetworkPorts(spec.initContainers);
  }
  defaultPodSpec(spec);
}

function requestsFromLimits(c: Container): void {
  const limits = c.resources?.limits;
  if (!limits || typeof limits !== 'object' || !c.resources) return;
  const requests = (c.resources.requests ??= {});
  for (const k in limits) if (!(k in requests)) requests[k] = limits[k];
}

/** With host networking every container port is also a host port. */
function hostNetworkPorts(containers: Container[] | undefined): void {
  if (!Array.isArray(containers)) return;
  for (const c of containers) {
    for (const p of c?.ports ?? []) if (p && !p.hostPort) p.hostPort = p.containerPort;
  }
}

/** SetDefaults_Container plus what the generated defaulter does for its ports, env, resources, probes, hooks. */
export function defaultContainer(c: Container): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(c.image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  // Resources is a struct, not a pointer, in Go: it is always written, `resources: {}` at least.
  if (c.resources == null) c.resources = {};
  else {
    defaultResourceList(c.resources.limits);
    defaultResourceList(c.resources.requests);
  }
  if (Array.isArray(c.ports)) for (const p of c.ports) if (p && !p.protocol) p.protocol = 'TCP';
  if (Array.isArray(c.env)) {
    for (const e of c.env) {
      const ref = e?.valueFrom?.fieldRef;
      if (ref && !ref.apiVersion) ref.apiVersion = 'v1';
      const res = e?.valueFrom?.resourceFieldRef;
      if (res?.divisor != null) res.divisor = canonicalOrSelf(res.divisor) as string;
    }
  }
  if (c.livenessProbe) defaultProbe(c.livenessProbe);
  if (c.readinessProbe) defaultProbe(c.readinessProbe);
  if (c.startupProbe) defaultProbe(c.startupProbe);
  if (c.lifecycle) defaultLifecycle(c.lifecycle);
}

/** SetDefaults_Probe and its handler's defaults. */
export function defaultProbe(p: Probe): void {
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  if (p.httpGet) defaultHTTPGet(p.httpGet);
  if (p.grpc && p.grpc.service == null) p.grpc.service = '';
}

function defaultLifecycle(l: Lifecycle): void {
  defaultHook(l.postStart);
  defaultHook(l.preStop);
}

function defaultHook(h: LifecycleHandler | undefined): void {
  if (h?.httpGet) defaultHTTPGet(h.httpGet);
}

/** SetDefaults_HTTPGetAction. */
function defaultHTTPGet(h: HTTPGetAction): void {
  if (!h.path) h.path = '/';
  if (!h.scheme) h.scheme = 'HTTP';
}

/** SetDefaults_Volume and the defaults of each volume source. */
export function defaultVolume(v: Volume): void {
  if (!hasVolumeSource(v)) v.emptyDir = {};
  if (v.emptyDir?.sizeLimit != null) v.emptyDir.sizeLimit = canonicalOrSelf(v.emptyDir.sizeLimit) as string;
  if (v.hostPath && v.hostPath.type == null) v.hostPath.type = '';
  if (v.secret && v.secret.defaultMode == null) v.secret.defaultMode = DEFAULT_VOLUME_MODE;
  if (v.configMap && v.configMap.defaultMode == null) v.configMap.defaultMode = DEFAULT_VOLUME_MODE;
  if (v.downwardAPI) {
    if (v.downwardAPI.defaultMode == null) v.downwardAPI.defaultMode = DEFAULT_VOLUME_MODE;
    for (const item of v.downwardAPI.items ?? []) {
      if (item?.fieldRef && !item.fieldRef.apiVersion) item.fieldRef.apiVersion = 'v1';
      if (item?.resourceFieldRef?.divisor != null) item.resourceFieldRef.divisor = canonicalOrSelf(item.resourceFieldRef.divisor) as string;
    }
  }
  if (v.projected) {
    if (v.projected.defaultMode == null) v.projected.defaultMode = DEFAULT_VOLUME_MODE;
    for (const s of v.projected.sources ?? []) {
      for (const item of s?.downwardAPI?.items ?? []) {
        if (item?.fieldRef && !item.fieldRef.apiVersion) item.fieldRef.apiVersion = 'v1';
      }
      if (s?.serviceAccountToken && s.serviceAccountToken.expirationSeconds == null) s.serviceAccountToken.expirationSeconds = 3600;
    }
  }
  if (v.iscsi && !v.iscsi.iscsiInterface) v.iscsi.iscsiInterface = 'default';
  if (v.rbd) {
    if (!v.rbd.pool) v.rbd.pool = 'rbd';
    if (!v.rbd.user) v.rbd.user = 'admin';
    if (!v.rbd.keyring) v.rbd.keyring = '/etc/ceph/keyring';
  }
  const claim = v.ephemeral?.volumeClaimTemplate?.spec;
  if (claim) {
    if (claim.volumeMode == null) claim.volumeMode = 'Filesystem';
    defaultResourceList(claim.resources?.limits);
    defaultResourceList(claim.resources?.requests);
  }
}

/** Names of the volume source fields: a volume with none of them becomes an emptyDir. */
const VOLUME_SOURCES = [
  'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'configMap', 'csi', 'downwardAPI',
  'emptyDir', 'ephemeral', 'fc', 'flexVolume', 'flocker', 'gcePersistentDisk', 'gitRepo', 'glusterfs',
  'hostPath', 'image', 'iscsi', 'nfs', 'persistentVolumeClaim', 'photonPersistentDisk', 'portworxVolume',
  'projected', 'quobyte', 'rbd', 'scaleIO', 'secret', 'storageos', 'vsphereVolume',
] as const;

function hasVolumeSource(v: Volume): boolean {
  const rec = v as unknown as Record<string, unknown>;
  for (const k of VOLUME_SOURCES) if (rec[k] != null) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// parsers.ParseImageName, as far as the pull policy needs it

const TAG_RE = /^[\w][\w.-]{0,127}$/;

/**
 * The tag of an image reference: "latest" when neither tag nor digest is given (Docker's
 * normalization), "" for a digest alone or a reference that does not parse (defaulting
 * ignores the error, so such an image gets IfNotPresent and validation has the last word).
 */
export function imageTag(image: string): string {
  if (image === '' || image !== image.trim()) return '';
  let name = image;
  let digest = '';
  const at = name.indexOf('@');
  if (at >= 0) {
    digest = name.slice(at + 1);
    name = name.slice(0, at);
    if (!/^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}$/.test(digest)) return '';
  }
  let tag = '';
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
    if (!TAG_RE.test(tag)) return '';
  }
  if (!validRepository(name)) return '';
  if (tag === '' && digest === '') return 'latest';
  return tag;
}

const PATH_COMPONENT_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_RE = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?$/;

/** A repository: an optional registry host (it has a '.', a ':' or is localhost), then lowercase path components. */
function validRepository(name: string): boolean {
  if (name === '' || name.length > 255) return false;
  const parts = name.split('/');
  let start = 0;
  const first = parts[0];
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase())) {
    if (!DOMAIN_RE.test(first)) return false;
    start = 1;
  }
  for (let i = start; i < parts.length; i++) if (!PATH_COMPONENT_RE.test(parts[i])) return false;
  return true;
}
