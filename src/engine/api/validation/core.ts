// Validation of the core group (pkg/apis/core/validation/validation.go, Kubernetes 1.30): the
// table the apiserver's strategies consult, and the smaller kinds. Pods, Services, ConfigMaps
// and Secrets, volumes and claims, limits and quotas live in their own modules.

import type {
  EndpointAddress,
  EndpointPort,
  Endpoints,
  Event,
  Namespace,
  Node,
  PodTemplate,
  ReplicationController,
} from 'kubernetes-types/core/v1';
import { duplicate, FieldPath, forbidden, GoValue, invalid, notSupported, required, type FieldError } from '../field.ts';
import {
  goQuote,
  goStringSlice,
  ipFamily,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidCIDR,
  isValidIP,
  isValidPortNum,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  validateKubeFinalizerName,
} from '../names.ts';
import type { KubeObject } from '../object.ts';
import { selectorFromSet } from '../labels.ts';
import { validateConfigMap, validateConfigMapUpdate, validateSecret, validateSecretUpdate } from './core-config.ts';
import { validateLimitRange, validateResourceQuota, validateResourceQuotaUpdate } from './core-policy.ts';
import {
  validatePersistentVolume,
  validatePersistentVolumeClaim,
  validatePersistentVolumeClaimUpdate,
  validatePersistentVolumeUpdate,
} from './core-storage.ts';
import { goStringMap } from './go-values.ts';
import { pushAll, validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { validatePod, validatePodTemplateSpec } from './pod.ts';
import { validateResourceQuantityValue } from './pod-resources.ts';
import { validateTaints } from './pod-scheduling.ts';
import { validatePodUpdate } from './pod-update.ts';
import { validateService, validateServiceUpdate } from './service.ts';
import type { Validator, ValidatorTable } from './types.ts';

const METADATA = FieldPath.root('metadata');
const SPEC = FieldPath.root('spec');

/** Only ObjectMeta is checked on update (validate runs as well). */
const metaUpdate = (obj: KubeObject, old: KubeObject): FieldError[] => validateObjectMetaUpdate(obj.metadata, old.metadata);

// ---------------------------------------------------------------------------------------------
// Namespace, ServiceAccount, PodTemplate

export function validateNamespace(obj: KubeObject): FieldError[] {
  const ns = obj as unknown as Namespace;
  const errs = validateObjectMeta(ns.metadata, { namespaced: false, nameFn: nameIsDNSLabel });
  // validateFinalizerName is given the list's path, not each entry's.
  const fp = SPEC.child('finalizers');
  for (const f of ns.spec?.finalizers ?? []) {
    for (const msg of isQualifiedName(f)) errs.push(invalid(fp, f, msg));
    pushAll(errs, validateKubeFinalizerName(f, fp));
  }
  return errs;
}

export function validateServiceAccount(obj: KubeObject): FieldError[] {
  return validateObjectMeta(obj.metadata, { namespaced: true });
}

export function validatePodTemplate(obj: KubeObject): FieldError[] {
  const pt = obj as unknown as PodTemplate;
  const errs = validateObjectMeta(pt.metadata, { namespaced: true });
  pushAll(errs, validatePodTemplateSpec(pt.template, FieldPath.root('template')));
  return errs;
}

// ---------------------------------------------------------------------------------------------
// ReplicationController

const SELECTOR_MISMATCH = '`selector` does not match template `labels`';

/** ValidateReplicationControllerSpec and ValidatePodTemplateSpecForRC. */
export function validateReplicationController(obj: KubeObject): FieldError[] {
  const rc = obj as unknown as ReplicationController;
  const errs = validateObjectMeta(rc.metadata, { namespaced: true });
  const spec = rc.spec ?? {};
  if (spec.minReadySeconds != null && spec.minReadySeconds < 0) {
    errs.push(invalid(SPEC.child('minReadySeconds'), spec.minReadySeconds, 'must be greater than or equal to 0'));
  }
  const selector = selectorFromSet(spec.selector);
  if (selector.empty()) errs.push(required(SPEC.child('selector')));
  const replicas = spec.replicas ?? 0;
  if (replicas < 0) errs.push(invalid(SPEC.child('replicas'), replicas, 'must be greater than or equal to 0'));
  const tp = SPEC.child('template');
  const template = spec.template;
  if (!template) {
    errs.push(required(tp));
    return errs;
  }
  const labels = template.metadata?.labels;
  if (!selector.empty() && !selector.matches(labels)) {
    errs.push(invalid(tp.child('metadata', 'labels'), goStringMap(labels), SELECTOR_MISMATCH));
  }
  pushAll(errs, validatePodTemplateSpec(template, tp));
  const restart = template.spec?.restartPolicy ?? '';
  if (restart !== 'Always') errs.push(notSupported(tp.child('spec', 'restartPolicy'), restart, ['Always']));
  if (template.spec?.activeDeadlineSeconds != null) {
    errs.push(forbidden(tp.child('spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in ReplicationController is not Supported'));
  }
  return errs;
}

// ---------------------------------------------------------------------------------------------
// Node

const NODE_CIDR_FORBIDDEN = 'node updates may not change podCIDR except from "" to valid';

/** The pod CIDRs as the internal type holds them: podCIDRs, or the single podCIDR. */
function podCIDRs(node: Node): readonly string[] {
  const s = node.spec;
  if (s?.podCIDRs && s.podCIDRs.length > 0) return s.podCIDRs;
  return s?.podCIDR ? [s.podCIDR] : [];
}

export function validateNode(obj: KubeObject): FieldError[] {
  const node = obj as unknown as Node;
  const errs = validateObjectMeta(node.metadata, { namespaced: false });
  // Kubernetes reports taints under "metadata", a slip kept here so messages match.
  if (node.spec?.taints && node.spec.taints.length > 0) validateTaints(errs, node.spec.taints, METADATA.child('taints'));
  nodeResources(errs, node);
  const cidrs = podCIDRs(node);
  const cp = SPEC.child('podCIDRs');
  for (let i = 0; i < cidrs.length; i++) for (const msg of isValidCIDR(cidrs[i])) errs.push(invalid(cp.index(i), cidrs[i], msg));
  if (cidrs.length > 1) {
    const fam = (c: string) => ipFamily(c.slice(0, c.indexOf('/')));
    if (cidrs.length > 2 || fam(cidrs[0]) === fam(cidrs[1])) {
      errs.push(invalid(cp, goStringSlice(cidrs), 'may specify no more than one CIDR for each IP family'));
    }
    const seen = new Set<string>();
    for (let i = 0; i < cidrs.length; i++) {
      if (seen.has(cidrs[i])) errs.push(duplicate(cp.index(i), cidrs[i]));
      seen.add(cidrs[i]);
    }
  }
  return errs;
}

/** ValidateNodeResources: capacity and allocatable quantities (paths as Kubernetes builds them). */
function nodeResources(errs: FieldError[], node: Node): void {
  const status = node.status;
  for (const [field, list] of [['capacity', status?.capacity], ['allocatable', status?.allocatable]] as const) {
    for (const k in list ?? {}) validateResourceQuantityValue(errs, k, list![k], FieldPath.root('status', field, k));
  }
}

export function validateNodeUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  const node = obj as unknown as Node;
  const old = oldObj as unknown as Node;
  const errs = validateObjectMetaUpdate(node.metadata ?? {}, old.metadata ?? {});
  const addresses = node.status?.addresses ?? [];
  const seen = new Set<string>();
  for (let i = 0; i < addresses.length; i++) {
    const k = `${addresses[i]?.type}\u0000${addresses[i]?.address}`;
    if (seen.has(k)) {
      const a = addresses[i];
      errs.push(duplicate(FieldPath.root('status', 'addresses').index(i), new GoValue(`core.NodeAddress{Type:${goQuote(a?.type ?? '')}, Address:${goQuote(a?.address ?? '')}}`)));
    }
    seen.add(k);
  }
  const before = podCIDRs(old);
  const after = podCIDRs(node);
  if (before.length > 0) {
    if (before.length !== after.length) errs.push(forbidden(SPEC.child('podCIDRs'), NODE_CIDR_FORBIDDEN));
    else for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) errs.push(forbidden(SPEC.child('podCIDRs'), NODE_CIDR_FORBIDDEN));
  }
  const providerID = old.spec?.providerID;
  if (providerID && providerID !== node.spec?.providerID) {
    errs.push(forbidden(SPEC.child('providerID'), 'node updates may not change providerID except from "" to valid'));
  }
  if ((node.spec?.externalID ?? '') !== (old.spec?.externalID ?? '')) errs.push(forbidden(SPEC.child('externalID'), 'may not be updated'));
  return errs;
}

// ---------------------------------------------------------------------------------------------
// Endpoints

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

export function validateEndpoints(obj: KubeObject): FieldError[] {
  const ep = obj as unknown as Endpoints;
  const errs = validateObjectMeta(ep.metadata, { namespaced: true });
  const subsets = ep.subsets ?? [];
  const sp = FieldPath.root('subsets');
  for (let i = 0; i < subsets.length; i++) {
    const ss = subsets[i] ?? {};
    const idx = sp.index(i);
    if (!ss.addresses?.length && !ss.notReadyAddresses?.length) {
      errs.push(required(idx, 'must specify `addresses` or `notReadyAddresses`'));
    }
    const addrs = ss.addresses ?? [];
    for (let a = 0; a < addrs.length; a++) endpointAddress(errs, addrs[a] ?? ({} as EndpointAddress), idx.child('addresses').index(a));
    const notReady = ss.notReadyAddresses ?? [];
    for (let a = 0; a < notReady.length; a++) endpointAddress(errs, notReady[a] ?? ({} as EndpointAddress), idx.child('notReadyAddresses').index(a));
    const ports = ss.ports ?? [];
    for (let p = 0; p < ports.length; p++) endpointPort(errs, ports[p] ?? ({} as EndpointPort), ports.length > 1, idx.child('ports').index(p));
  }
  return errs;
}

function endpointAddress(errs: FieldError[], a: EndpointAddress, path: FieldPath): void {
  const ip = a.ip ?? '';
  const bad = isValidIP(ip);
  for (const msg of bad) errs.push(invalid(path.child('ip'), ip, msg));
  if (a.hostname) for (const msg of isDNS1123Label(a.hostname)) errs.push(invalid(path.child('hostname'), a.hostname, msg));
  if (a.nodeName != null) for (const msg of nameIsDNSSubdomain(a.nodeName, false)) errs.push(invalid(path.child('nodeName'), a.nodeName, msg));
  if (bad.length > 0) {
    errs.push(invalid(path.child('ip'), ip, 'must be a valid IP address'));
    return;
  }
  const octets = ip.split('.').map(Number);
  const lower = ip.toLowerCase();
  if (ip === '0.0.0.0' || lower === '::') errs.push(invalid(path.child('ip'), ip, `may not be unspecified (${ip})`));
  if (octets[0] === 127 || lower === '::1') errs.push(invalid(path.child('ip'), ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if ((octets[0] === 169 && octets[1] === 254) || lower.startsWith('fe80:')) {
    errs.push(invalid(path.child('ip'), ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  }
  if ((octets[0] === 224 && octets[1] === 0 && octets[2] === 0) || lower.startsWith('ff02:')) {
    errs.push(invalid(path.child('ip'), ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  }
}

function endpointPort(errs: FieldError[], p: EndpointPort, requireName: boolean, path: FieldPath): void {
  const name = p.name ?? '';
  if (requireName && name === '') errs.push(required(path.child('name')));
  else if (name !== '') for (const msg of isDNS1123Label(name)) errs.push(invalid(path.child('name'), name, msg));
  for (const msg of isValidPortNum(p.port ?? 0)) errs.push(invalid(path.child('port'), p.port ?? 0, msg));
  const proto = p.protocol ?? '';
  if (proto === '') errs.push(required(path.child('protocol')));
  else if (!PROTOCOLS.includes(proto)) errs.push(notSupported(path.child('protocol'), proto, PROTOCOLS));
  if (p.appProtocol != null) for (const msg of isQualifiedName(p.appProtocol)) errs.push(invalid(path.child('appProtocol'), p.appProtocol, msg));
}

// ---------------------------------------------------------------------------------------------
// Event

/**
 * legacyValidateEvent: what core/v1 Events get (no ObjectMeta validation, for old clients).
 * An event without eventTime must live in its object's namespace ("default" for cluster-scoped
 * objects); one with eventTime must say who reported it.
 */
export function validateEvent(obj: KubeObject): FieldError[] {
  const ev = obj as unknown as Event;
  const errs: FieldError[] = [];
  const ns = ev.metadata?.namespace ?? '';
  const involvedNs = ev.involvedObject?.namespace ?? '';
  const nsPath = FieldPath.root('involvedObject', 'namespace');
  if (!ev.eventTime) {
    if (involvedNs === '') {
      if (ns !== '' && ns !== 'default') errs.push(invalid(nsPath, involvedNs, 'does not match event.namespace'));
    } else if (ns !== involvedNs) errs.push(invalid(nsPath, involvedNs, 'does not match event.namespace'));
  } else {
    if (involvedNs === '' && ns !== 'default' && ns !== 'kube-system') errs.push(invalid(nsPath, involvedNs, 'does not match event.namespace'));
    const controller = ev.reportingComponent ?? '';
    if (controller === '') errs.push(required('reportingComponent'));
    for (const msg of isQualifiedName(controller)) errs.push(invalid('reportingComponent', controller, msg));
    if (!ev.reportingInstance) errs.push(required('reportingInstance'));
    else if (ev.reportingInstance.length > 128) errs.push(invalid('reportingInstance', '', 'can have at most 128 characters'));
    if (!ev.action) errs.push(required('action'));
    else if (ev.action.length > 128) errs.push(invalid('action', '', 'can have at most 128 characters'));
    if (!ev.reason) errs.push(required('reason'));
    else if (ev.reason.length > 128) errs.push(invalid('reason', '', 'can have at most 128 characters'));
    if ((ev.message ?? '').length > 1024) errs.push(invalid('message', '', 'can have at most 1024 characters'));
  }
  for (const msg of isDNS1123Subdomain(ns)) errs.push(invalid('namespace', ns, msg));
  return errs;
}

// ---------------------------------------------------------------------------------------------

const v = (validate: Validator['validate'], validateUpdate: Validator['validateUpdate'] = metaUpdate): Validator => ({
  validate,
  validateUpdate,
});

export const coreValidators: ValidatorTable = {
  pods: v(validatePod, validatePodUpdate),
  services: v(validateService, validateServiceUpdate),
  namespaces: v(validateNamespace),
  configmaps: v(validateConfigMap, validateConfigMapUpdate),
  secrets: v(validateSecret, validateSecretUpdate),
  serviceaccounts: v(validateServiceAccount),
  nodes: v(validateNode, validateNodeUpdate),
  endpoints: v(validateEndpoints),
  replicationcontrollers: v(validateReplicationController),
  persistentvolumes: v(validatePersistentVolume, validatePersistentVolumeUpdate),
  persistentvolumeclaims: v(validatePersistentVolumeClaim, validatePersistentVolumeClaimUpdate),
  limitranges: v(validateLimitRange),
  resourcequotas: v(validateResourceQuota, validateResourceQuotaUpdate),
  events: { validate: validateEvent },
  podtemplates: v(validatePodTemplate),
};

