// Pod and pod-spec validation with Kubernetes 1.30's field paths and messages
// (pkg/apis/core/validation/validation.go: ValidatePodSpec, validateContainers,
// validateInitContainers, validateContainerCommon, validateProbe, validateHandler, ValidateEnv,
// ValidatePodTemplateSpec, validatePodMetadataAndSpec, ValidatePodCreate). Checks run in
// Kubernetes' order, so several errors come out in the order kubectl prints them.

import type {
  Container,
  ContainerPort,
  EnvFromSource,
  EnvVar,
  Lifecycle,
  LifecycleHandler,
  Pod,
  PodDNSConfig,
  PodSecurityContext,
  PodSpec,
  PodTemplateSpec,
  Probe,
  SecurityContext,
} from 'kubernetes-types/core/v1';
import { duplicate, FieldPath, forbidden, invalid, notSupported, required, type FieldError } from '../field.ts';
import {
  goStringSlice,
  inclusiveRangeError,
  isDNS1123Label,
  isEnvVarName,
  isQualifiedName,
  isValidIP,
  isValidPortName,
  isValidPortNum,
  isDNS1123Subdomain,
  nameIsDNSSubdomain,
  regexError,
  validateAnnotations,
  validateLabels,
} from '../names.ts';
import type { KubeObject } from '../object.ts';
import { pushAll, validateObjectMeta } from './meta.ts';
import { validateContainerResources, validateResourceName, validateResourceQuantityValue } from './pod-resources.ts';
import { validateAffinity, validateTolerations, validateTopologySpread } from './pod-scheduling.ts';
import {
  ENV_FIELD_PATHS,
  validateEnvSourceName,
  validateKeySelector,
  validateObjectFieldSelector,
  validateResourceFieldSelector,
  validateVolumeMounts,
  validateVolumes,
  type VolumeSet,
} from './pod-volumes.ts';

const MAX_INT32 = 2147483647;
const NO_VOLUMES: VolumeSet = new Map();
const NON_NEGATIVE = 'must be greater than or equal to 0';
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const HTTP_HEADER_MSG = regexError("a valid HTTP header must consist of alphanumeric characters or '-'", '[-A-Za-z0-9]+', 'X-Header-Name');

export interface PodSpecOptions {
  /** A template's spec (Deployment, Job …) rather than a Pod's: host ports may stay 0 with hostNetwork. */
  isTemplate?: boolean;
}

/** Context the container checks share. */
interface SpecContext {
  volumes: VolumeSet;
  claimNames: ReadonlySet<string>;
  gracePeriod: number | undefined;
}

/** ValidatePodSpec. */
export function validatePodSpec(spec: PodSpec | undefined, path: FieldPath, opts: PodSpecOptions = {}): FieldError[] {
  const errs: FieldError[] = [];
  // A spec that is absent is Go's zero value after defaulting: only its containers are missing.
  if (!spec) return [required(path.child('containers'))];
  if (spec.terminationGracePeriodSeconds == null) errs.push(required(path.child('terminationGracePeriodSeconds')));
  const volumes = spec.volumes ? validateVolumes(errs, spec.volumes, path.child('volumes')) : NO_VOLUMES;
  const claimNames = new Set<string>();
  for (const c of spec.resourceClaims ?? []) if (c?.name) claimNames.add(c.name);
  const ctx: SpecContext = { volumes, claimNames, gracePeriod: spec.terminationGracePeriodSeconds ?? undefined };
  validateContainers(errs, spec.containers, ctx, path.child('containers'));
  validateInitContainers(errs, spec.initContainers, spec.containers, ctx, path.child('initContainers'));
  if (spec.hostNetwork) validateHostNetworkPorts(errs, spec.containers, !opts.isTemplate, path.child('containers'));
  const restart = spec.restartPolicy ?? '';
  if (restart === '') errs.push(required(path.child('restartPolicy')));
  else if (!RESTART_POLICIES.includes(restart)) errs.push(notSupported(path.child('restartPolicy'), restart, RESTART_POLICIES));
  const dns = spec.dnsPolicy ?? '';
  if (dns === '') errs.push(required(path.child('dnsPolicy')));
  else if (!DNS_POLICIES.includes(dns)) errs.push(notSupported(path.child('dnsPolicy'), dns, DNS_POLICIES));
  if (spec.nodeSelector) pushAll(errs, validateLabels(spec.nodeSelector, path.child('nodeSelector')));
  if (spec.securityContext) validatePodSecurityContext(errs, spec.securityContext, path.child('securityContext'));
  validateAffinity(errs, spec.affinity, path.child('affinity'));
  validateDNSConfig(errs, spec.dnsConfig, dns, path.child('dnsConfig'));
  const gates = spec.readinessGates ?? [];
  for (let i = 0; i < gates.length; i++) {
    const t = gates[i]?.conditionType ?? '';
    for (const msg of isQualifiedName(t)) errs.push(invalid(path.child('readinessGates').index(i).child('conditionType'), t, msg));
  }
  validateSchedulingGates(errs, spec.schedulingGates, path.child('schedulingGates'));
  validateTopologySpread(errs, spec.topologySpreadConstraints, path.child('topologySpreadConstraints'));
  subdomainField(errs, spec.serviceAccountName, path, 'serviceAccountName');
  subdomainField(errs, spec.nodeName, path, 'nodeName');
  const ads = spec.activeDeadlineSeconds;
  if (ads != null && (ads < 1 || ads > MAX_INT32)) {
    errs.push(invalid(path.child('activeDeadlineSeconds'), ads, inclusiveRangeError(1, MAX_INT32)));
  }
  if (spec.hostname) for (const msg of isDNS1123Label(spec.hostname)) errs.push(invalid(path.child('hostname'), spec.hostname, msg));
  if (spec.subdomain) for (const msg of isDNS1123Label(spec.subdomain)) errs.push(invalid(path.child('subdomain'), spec.subdomain, msg));
  if (spec.tolerations && spec.tolerations.length > 0) validateTolerations(errs, spec.tolerations, path.child('tolerations'));
  const aliases = spec.hostAliases ?? [];
  for (let i = 0; i < aliases.length; i++) {
    const a = aliases[i] ?? {};
    const ap = path.child('hostAliases').index(i);
    for (const msg of isValidIP(a.ip ?? '')) errs.push(invalid(ap.child('ip'), a.ip ?? '', msg));
    const names = a.hostnames ?? [];
    for (let j = 0; j < names.length; j++) {
      for (const msg of isDNS1123Subdomain(names[j])) errs.push(invalid(ap.child('hostnames').index(j), names[j], msg));
    }
  }
  subdomainField(errs, spec.priorityClassName, path, 'priorityClassName');
  if (spec.runtimeClassName != null) {
    for (const msg of nameIsDNSSubdomain(spec.runtimeClassName, false)) {
      errs.push(invalid(path.child('runtimeClassName'), spec.runtimeClassName, msg));
    }
  }
  if (spec.preemptionPolicy != null) {
    const pp = spec.preemptionPolicy;
    if (pp === '') errs.push(required(path.child('preemptionPolicy')));
    else if (pp !== 'PreemptLowerPriority' && pp !== 'Never') {
      errs.push(notSupported(path.child('preemptionPolicy'), pp, ['PreemptLowerPriority', 'Never']));
    }
  }
  if (spec.overhead) {
    const op = path.child('overhead');
    for (const name in spec.overhead) {
      validateResourceName(errs, name, op.key(name));
      validateResourceQuantityValue(errs, name, spec.overhead[name], op.key(name));
    }
  }
  if (spec.os != null && spec.os.name !== 'linux' && spec.os.name !== 'windows') {
    errs.push(notSupported(path.child('os', 'name'), spec.os.name ?? '', ['linux', 'windows']));
  }
  return errs;
}

function subdomainField(errs: FieldError[], value: string | undefined, path: FieldPath, field: string): void {
  if (value) for (const msg of nameIsDNSSubdomain(value, false)) errs.push(invalid(path.child(field), value, msg));
}

/** ValidatePodTemplateSpec: the template's labels and annotations (at Kubernetes' own paths), then its spec. */
export function validatePodTemplateSpec(t: PodTemplateSpec | undefined, path: FieldPath): FieldError[] {
  // Go holds the template as a struct that defaulting fills in: absent, it lacks only containers.
  if (!t) return [required(path.child('spec', 'containers'))];
  const errs: FieldError[] = [];
  const meta = t.metadata;
  // Kubernetes reports these at "template.labels", not "template.metadata.labels".
  if (meta?.labels) pushAll(errs, validateLabels(meta.labels, path.child('labels')));
  if (meta?.annotations) pushAll(errs, validateAnnotations(meta.annotations, path.child('annotations')));
  pushAll(errs, validatePodSpec(t.spec, path.child('spec'), { isTemplate: true }));
  if (t.spec?.ephemeralContainers && t.spec.ephemeralContainers.length > 0) {
    errs.push(forbidden(path.child('spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}

const METADATA = FieldPath.root('metadata');
const SPEC = FieldPath.root('spec');
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

/** validatePodMetadataAndSpec and ValidatePodCreate's additions. */
export function validatePod(obj: KubeObject): FieldError[] {
  const pod = obj as unknown as Pod;
  const errs = validateObjectMeta(pod.metadata, { namespaced: true });
  const mirror = pod.metadata?.annotations?.[MIRROR_ANNOTATION];
  if (mirror !== undefined && !pod.spec?.nodeName) {
    errs.push(invalid(METADATA.child('annotations').key(MIRROR_ANNOTATION), mirror, 'must set spec.nodeName if mirror pod annotation is set'));
  }
  pushAll(errs, validatePodSpec(pod.spec, SPEC));
  const spec = pod.spec;
  if (!spec) return errs;
  if (!spec.serviceAccountName) {
    const vols = spec.volumes ?? [];
    for (let v = 0; v < vols.length; v++) {
      const sources = vols[v]?.projected?.sources ?? [];
      for (let s = 0; s < sources.length; s++) {
        if (sources[s]?.serviceAccountToken) {
          const p = SPEC.child('volumes').index(v).child('projected', 'sources').index(s).child('serviceAccountToken');
          errs.push(forbidden(p, 'must not be specified when serviceAccountName is not set'));
        }
      }
    }
  }
  imageWhitespace(errs, spec.containers, SPEC.child('containers'));
  imageWhitespace(errs, spec.initContainers, SPEC.child('initContainers'));
  if (spec.ephemeralContainers && spec.ephemeralContainers.length > 0) {
    errs.push(forbidden(SPEC.child('ephemeralContainers'), 'cannot be set on create'));
  }
  if (spec.nodeName && spec.schedulingGates && spec.schedulingGates.length > 0) {
    errs.push(forbidden(SPEC.child('nodeName'), 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

function imageWhitespace(errs: FieldError[], containers: readonly Container[] | undefined, path: FieldPath): void {
  if (!containers) return;
  for (let i = 0; i < containers.length; i++) {
    const image = containers[i]?.image ?? '';
    if (image !== image.trim()) errs.push(invalid(path.index(i).child('image'), image, 'must not have leading or trailing whitespace'));
  }
}

// ---------------------------------------------------------------------------------------------
// Containers

/** validateContainers: at least one, names unique, probes and hooks, host ports not shared. */
function validateContainers(errs: FieldError[], containers: readonly Container[] | undefined, ctx: SpecContext, path: FieldPath): void {
  if (!containers || containers.length === 0) {
    errs.push(required(path));
    return;
  }
  const names = new Set<string>();
  for (let i = 0; i < containers.length; i++) {
    const c = containers[i] ?? ({} as Container);
    const p = path.index(i);
    validateContainerCommon(errs, c, ctx, p);
    if (names.has(c.name)) errs.push(duplicate(p.child('name'), c.name));
    else names.add(c.name);
    if (c.lifecycle) validateLifecycle(errs, c.lifecycle, ctx.gracePeriod, p.child('lifecycle'));
    if (c.livenessProbe) validateProbe(errs, c.livenessProbe, ctx.gracePeriod, p.child('livenessProbe'), 'liveness');
    if (c.readinessProbe) validateProbe(errs, c.readinessProbe, ctx.gracePeriod, p.child('readinessProbe'), 'readiness');
    if (c.startupProbe) validateProbe(errs, c.startupProbe, ctx.gracePeriod, p.child('startupProbe'), 'startup');
    if ((c as { restartPolicy?: string }).restartPolicy != null) {
      errs.push(forbidden(p.child('restartPolicy'), 'may not be set for non-init containers'));
    }
  }
  hostPortConflicts(errs, containers, path);
}

/** validateInitContainers: names unique among all containers; hooks and probes only for sidecars. */
function validateInitContainers(
  errs: FieldError[],
  inits: readonly Container[] | undefined,
  regular: readonly Container[] | undefined,
  ctx: SpecContext,
  path: FieldPath,
): void {
  if (!inits || inits.length === 0) return;
  const names = new Set<string>();
  for (const c of regular ?? []) if (c) names.add(c.name);
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i] ?? ({} as Container);
    const p = path.index(i);
    validateContainerCommon(errs, c, ctx, p);
    const restartPolicy = (c as { restartPolicy?: string }).restartPolicy;
    let sidecar = false;
    if (restartPolicy != null) {
      if (restartPolicy === 'Always') sidecar = true;
      else errs.push(notSupported(p.child('restartPolicy'), restartPolicy, ['Always']));
    }
    if (names.has(c.name)) errs.push(duplicate(p.child('name'), c.name));
    else if (c.name) names.add(c.name);
    hostPortConflicts(errs, [c], path);
    if (sidecar) {
      if (c.lifecycle) validateLifecycle(errs, c.lifecycle, ctx.gracePeriod, p.child('lifecycle'));
      if (c.livenessProbe) validateProbe(errs, c.livenessProbe, ctx.gracePeriod, p.child('livenessProbe'), 'liveness');
      if (c.readinessProbe) validateProbe(errs, c.readinessProbe, ctx.gracePeriod, p.child('readinessProbe'), 'readiness');
      if (c.startupProbe) validateProbe(errs, c.startupProbe, ctx.gracePeriod, p.child('startupProbe'), 'startup');
    } else {
      const msg = 'may not be set for init containers without restartPolicy=Always';
      if (c.lifecycle) errs.push(forbidden(p.child('lifecycle'), msg));
      if (c.livenessProbe) errs.push(forbidden(p.child('livenessProbe'), msg));
      if (c.readinessProbe) errs.push(forbidden(p.child('readinessProbe'), msg));
      if (c.startupProbe) errs.push(forbidden(p.child('startupProbe'), msg));
    }
  }
}

/** validateContainerCommon: what every kind of container must satisfy. */
function validateContainerCommon(errs: FieldError[], c: Container, ctx: SpecContext, path: FieldPath): void {
  const name = c.name ?? '';
  if (name === '') errs.push(required(path.child('name')));
  else for (const msg of isDNS1123Label(name)) errs.push(invalid(path.child('name'), name, msg));
  if (!c.image) errs.push(required(path.child('image')));
  const tmp = c.terminationMessagePolicy ?? '';
  if (tmp === '') errs.push(required(path.child('terminationMessagePolicy')));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(notSupported(path.child('terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  }
  if (c.ports) validateContainerPorts(errs, c.ports, path.child('ports'));
  if (c.env) validateEnv(errs, c.env, path.child('env'));
  if (c.envFrom) validateEnvFrom(errs, c.envFrom, path.child('envFrom'));
  if (c.volumeMounts) validateVolumeMounts(errs, c.volumeMounts, ctx.volumes, c, path.child('volumeMounts'));
  const pull = c.imagePullPolicy ?? '';
  if (pull === '') errs.push(required(path.child('imagePullPolicy')));
  else if (!PULL_POLICIES.includes(pull)) errs.push(notSupported(path.child('imagePullPolicy'), pull, PULL_POLICIES));
  if (c.resources) validateContainerResources(errs, c.resources, path.child('resources'), ctx.claimNames);
  if (c.securityContext) validateSecurityContext(errs, c.securityContext, path.child('securityContext'));
}

/** validateContainerPorts: names unique IANA service names, ports in range, known protocols. */
function validateContainerPorts(errs: FieldError[], ports: readonly ContainerPort[], path: FieldPath): void {
  const names = new Set<string>();
  for (let i = 0; i < ports.length; i++) {
    const port = ports[i] ?? ({} as ContainerPort);
    const p = path.index(i);
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length > 0) for (const msg of msgs) errs.push(invalid(p.child('name'), port.name, msg));
      else if (names.has(port.name)) errs.push(duplicate(p.child('name'), port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(required(p.child('containerPort')));
    else for (const msg of isValidPortNum(port.containerPort)) errs.push(invalid(p.child('containerPort'), port.containerPort, msg));
    if (port.hostPort) for (const msg of isValidPortNum(port.hostPort)) errs.push(invalid(p.child('hostPort'), port.hostPort, msg));
    const proto = port.protocol ?? '';
    if (proto === '') errs.push(required(p.child('protocol')));
    else if (!PROTOCOLS.includes(proto)) errs.push(notSupported(p.child('protocol'), proto, PROTOCOLS));
  }
}

/** checkHostPortConflicts: one protocol/hostIP/hostPort per pod. */
function hostPortConflicts(errs: FieldError[], containers: readonly Container[], path: FieldPath): void {
  let seen: Set<string> | undefined;
  for (let ci = 0; ci < containers.length; ci++) {
    const ports = containers[ci]?.ports;
    if (!ports) continue;
    for (let pi = 0; pi < ports.length; pi++) {
      const port = ports[pi];
      if (!port?.hostPort) continue;
      const key = `${port.protocol ?? ''}/${port.hostIP ?? ''}/${port.hostPort}`;
      seen ??= new Set();
      if (seen.has(key)) errs.push(duplicate(path.index(ci).child('ports').index(pi).child('hostPort'), key));
      else seen.add(key);
    }
  }
}

/** validatePodHostNetworkDeps: with hostNetwork a container port is its host port. */
function validateHostNetworkPorts(errs: FieldError[], containers: readonly Container[] | undefined, isPod: boolean, path: FieldPath): void {
  if (!containers) return;
  for (let i = 0; i < containers.length; i++) {
    const ports = containers[i]?.ports ?? [];
    for (let j = 0; j < ports.length; j++) {
      const hp = ports[j]?.hostPort ?? 0;
      const cp = ports[j]?.containerPort ?? 0;
      if ((isPod || hp !== 0) && hp !== cp) {
        errs.push(invalid(path.index(i).child('ports').index(j).child('hostPort'), hp, 'must match `containerPort` when `hostNetwork` is true'));
      }
    }
  }
}

/** ValidateEnv and validateEnvVarValueFrom. */
function validateEnv(errs: FieldError[], env: readonly EnvVar[], path: FieldPath): void {
  for (let i = 0; i < env.length; i++) {
    const e = env[i] ?? ({} as EnvVar);
    const p = path.index(i);
    if (!e.name) errs.push(required(p.child('name')));
    else for (const msg of isEnvVarName(e.name)) errs.push(invalid(p.child('name'), e.name, msg));
    const from = e.valueFrom;
    if (!from) continue;
    const fp = p.child('valueFrom');
    let n = 0;
    if (from.fieldRef) {
      n++;
      validateObjectFieldSelector(errs, from.fieldRef, ENV_FIELD_PATHS, fp.child('fieldRef'));
    }
    if (from.resourceFieldRef) {
      n++;
      validateResourceFieldSelector(errs, from.resourceFieldRef, fp.child('resourceFieldRef'), false);
    }
    if (from.configMapKeyRef) {
      n++;
      validateKeySelector(errs, from.configMapKeyRef, fp.child('configMapKeyRef'));
    }
    if (from.secretKeyRef) {
      n++;
      validateKeySelector(errs, from.secretKeyRef, fp.child('secretKeyRef'));
    }
    if (n === 0) errs.push(invalid(fp, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    else if (e.value) errs.push(invalid(fp, '', 'may not be specified when `value` is not empty'));
    else if (n > 1) errs.push(invalid(fp, '', 'may not have more than one field specified at a time'));
  }
}

/** ValidateEnvFrom. */
function validateEnvFrom(errs: FieldError[], sources: readonly EnvFromSource[], path: FieldPath): void {
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i] ?? {};
    const p = path.index(i);
    if (s.prefix) for (const msg of isEnvVarName(s.prefix)) errs.push(invalid(p.child('prefix'), s.prefix, msg));
    let n = 0;
    if (s.configMapRef) {
      n++;
      validateEnvSourceName(errs, s.configMapRef.name, p.child('configMapRef'));
    }
    if (s.secretRef) {
      n++;
      validateEnvSourceName(errs, s.secretRef.name, p.child('secretRef'));
    }
    if (n === 0) errs.push(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  }
}

// ---------------------------------------------------------------------------------------------
// Probes and hooks

type ProbeKind = 'liveness' | 'readiness' | 'startup';

/** validateProbe with the liveness/startup rule (successThreshold 1) and the readiness rule. */
function validateProbe(errs: FieldError[], probe: Probe, grace: number | undefined, path: FieldPath, kind: ProbeKind): void {
  validateHandler(errs, probe, grace, path, false);
  nonNegative(errs, probe.initialDelaySeconds, path, 'initialDelaySeconds');
  nonNegative(errs, probe.timeoutSeconds, path, 'timeoutSeconds');
  nonNegative(errs, probe.periodSeconds, path, 'periodSeconds');
  nonNegative(errs, probe.successThreshold, path, 'successThreshold');
  nonNegative(errs, probe.failureThreshold, path, 'failureThreshold');
  const tgps = probe.terminationGracePeriodSeconds;
  if (tgps != null && tgps <= 0) errs.push(invalid(path.child('terminationGracePeriodSeconds'), tgps, 'must be greater than 0'));
  if (kind === 'readiness') {
    if (tgps != null) errs.push(invalid(path.child('terminationGracePeriodSeconds'), tgps, 'must not be set for readinessProbes'));
  } else if ((probe.successThreshold ?? 0) !== 1) {
    errs.push(invalid(path.child('successThreshold'), probe.successThreshold ?? 0, 'must be 1'));
  }
}

function nonNegative(errs: FieldError[], v: number | undefined, path: FieldPath, field: string): void {
  if (v != null && v < 0) errs.push(invalid(path.child(field), v, NON_NEGATIVE));
}

function validateLifecycle(errs: FieldError[], l: Lifecycle, grace: number | undefined, path: FieldPath): void {
  if (l.postStart) validateHandler(errs, l.postStart, grace, path.child('postStart'), true);
  if (l.preStop) validateHandler(errs, l.preStop, grace, path.child('preStop'), true);
}

/** validateHandler: exactly one of exec, httpGet, tcpSocket, grpc (probes) or sleep (hooks). */
function validateHandler(errs: FieldError[], h: Probe & LifecycleHandler, grace: number | undefined, path: FieldPath, hook: boolean): void {
  let n = 0;
  const more = (field: string): boolean => {
    if (n > 0) {
      errs.push(forbidden(path.child(field), 'may not specify more than 1 handler type'));
      return false;
    }
    n++;
    return true;
  };
  if (h.exec && more('exec')) {
    if (!h.exec.command || h.exec.command.length === 0) errs.push(required(path.child('exec', 'command')));
  }
  if (h.httpGet && more('httpGet')) {
    const g = h.httpGet;
    const gp = path.child('httpGet');
    if (!g.path) errs.push(required(gp.child('path')));
    portNumOrName(errs, g.port, gp.child('port'));
    if (g.scheme !== 'HTTP' && g.scheme !== 'HTTPS') errs.push(notSupported(gp.child('scheme'), g.scheme ?? '', ['HTTP', 'HTTPS']));
    for (const header of g.httpHeaders ?? []) {
      const name = header?.name ?? '';
      if (!/^[-A-Za-z0-9]+$/.test(name)) errs.push(invalid(gp.child('httpHeaders'), name, HTTP_HEADER_MSG));
    }
  }
  if (h.tcpSocket && more('tcpSocket')) portNumOrName(errs, h.tcpSocket.port, path.child('tcpSocket', 'port'));
  if (!hook && h.grpc && more('grpc')) portNumOrName(errs, h.grpc.port ?? 0, path.child('grpc', 'port'));
  if (hook && h.sleep && more('sleep')) {
    const s = h.sleep.seconds ?? 0;
    if (grace != null && (s <= 0 || s > grace)) {
      errs.push(invalid(path.child('sleep'), s, `must be greater than 0 and less than terminationGracePeriodSeconds (${grace})`));
    }
  }
  if (n === 0) errs.push(required(path, 'must specify a handler type'));
}

/** ValidatePortNumOrName: an int in range, or an IANA service name. */
export function portNumOrName(errs: FieldError[], port: number | string | undefined, path: FieldPath): void {
  if (typeof port === 'string') for (const msg of isValidPortName(port)) errs.push(invalid(path, port, msg));
  else for (const msg of isValidPortNum(port ?? 0)) errs.push(invalid(path, port ?? 0, msg));
}

// ---------------------------------------------------------------------------------------------
// Security contexts, DNS, scheduling gates

function idRange(errs: FieldError[], v: number | undefined, path: FieldPath): void {
  if (v != null && (v < 0 || v > MAX_INT32)) errs.push(invalid(path, v, inclusiveRangeError(0, MAX_INT32)));
}

function validatePodSecurityContext(errs: FieldError[], sc: PodSecurityContext, path: FieldPath): void {
  idRange(errs, sc.fsGroup, path.child('fsGroup'));
  idRange(errs, sc.runAsUser, path.child('runAsUser'));
  idRange(errs, sc.runAsGroup, path.child('runAsGroup'));
  const groups = sc.supplementalGroups ?? [];
  for (let i = 0; i < groups.length; i++) idRange(errs, groups[i], path.child('supplementalGroups').index(i));
  if (sc.fsGroupChangePolicy != null && sc.fsGroupChangePolicy !== 'Always' && sc.fsGroupChangePolicy !== 'OnRootMismatch') {
    errs.push(notSupported(path.child('fsGroupChangePolicy'), sc.fsGroupChangePolicy, ['Always', 'OnRootMismatch']));
  }
  seccomp(errs, sc.seccompProfile, path.child('seccompProfile'));
}

function validateSecurityContext(errs: FieldError[], sc: SecurityContext, path: FieldPath): void {
  idRange(errs, sc.runAsUser, path.child('runAsUser'));
  idRange(errs, sc.runAsGroup, path.child('runAsGroup'));
  if (sc.procMount != null && sc.procMount !== 'Default' && sc.procMount !== 'Unmasked') {
    errs.push(notSupported(path.child('procMount'), sc.procMount, ['Default', 'Unmasked']));
  }
  seccomp(errs, sc.seccompProfile, path.child('seccompProfile'));
  if (sc.allowPrivilegeEscalation === false && sc.privileged === true) {
    errs.push(invalid(path, 'SecurityContext', 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
  }
}

function seccomp(errs: FieldError[], sp: { type?: string; localhostProfile?: string } | undefined, path: FieldPath): void {
  if (!sp) return;
  const t = sp.type ?? '';
  if (t === '') errs.push(required(path.child('type'), 'type is required when seccompProfile is set'));
  else if (t !== 'Localhost' && t !== 'RuntimeDefault' && t !== 'Unconfined') {
    errs.push(notSupported(path.child('type'), t, ['Localhost', 'RuntimeDefault', 'Unconfined']));
  }
  if (t === 'Localhost' && sp.localhostProfile == null) {
    errs.push(required(path.child('localhostProfile'), 'must be set when seccomp type is Localhost'));
  }
}

/** validatePodDNSConfig. */
function validateDNSConfig(errs: FieldError[], cfg: PodDNSConfig | undefined, policy: string, path: FieldPath): void {
  if (policy === 'None') {
    if (!cfg) {
      errs.push(required(path, 'must provide `dnsConfig` when `dnsPolicy` is None'));
      return;
    }
    if (!cfg.nameservers || cfg.nameservers.length === 0) {
      errs.push(required(path.child('nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None'));
      return;
    }
  }
  if (!cfg) return;
  const ns = cfg.nameservers ?? [];
  if (ns.length > 3) errs.push(invalid(path.child('nameservers'), goStringSlice(ns), 'must not have more than 3 nameservers'));
  for (let i = 0; i < ns.length; i++) for (const msg of isValidIP(ns[i])) errs.push(invalid(path.child('nameservers').index(i), ns[i], msg));
  const searches = cfg.searches ?? [];
  if (searches.length > 32) errs.push(invalid(path.child('searches'), goStringSlice(searches), 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048) {
    errs.push(invalid(path.child('searches'), goStringSlice(searches), 'must not have more than 2048 characters (including spaces) in the search list'));
  }
  for (let i = 0; i < searches.length; i++) {
    const s = searches[i].endsWith('.') ? searches[i].slice(0, -1) : searches[i];
    for (const msg of isDNS1123Subdomain(s)) errs.push(invalid(path.child('searches').index(i), s, msg));
  }
  const options = cfg.options ?? [];
  for (let i = 0; i < options.length; i++) if (!options[i]?.name) errs.push(required(path.child('options').index(i), 'must not be empty'));
}

function validateSchedulingGates(errs: FieldError[], gates: readonly { name?: string }[] | undefined, path: FieldPath): void {
  if (!gates) return;
  const seen = new Set<string>();
  for (let i = 0; i < gates.length; i++) {
    const name = gates[i]?.name ?? '';
    for (const msg of isQualifiedName(name)) errs.push(invalid(path.index(i), name, msg));
    if (seen.has(name)) errs.push(duplicate(path.index(i), name));
    seen.add(name);
  }
}
