// Ingresses, IngressClasses and NetworkPolicies as pkg/apis/networking/validation checks them
// (Kubernetes 1.30).

import type * as networking from 'kubernetes-types/networking/v1';
import { FieldPath, forbidden, GoValue, invalid, notSupported, required, tooLong, type FieldError } from '../field.ts';
import { validateLabelSelector } from '../labels.ts';
import type { KubeObject } from '../object.ts';
import {
  DNS1123_SUBDOMAIN_FMT,
  DNS1123_SUBDOMAIN_MAX_LENGTH,
  ipFamily,
  isDNS1123Subdomain,
  isValidCIDR,
  isValidPathSegmentName,
  isValidPortName,
  isValidPortNum,
  maxLenError,
  nameIsDNS1035Label,
  nameIsDNSLabel,
  regexError,
} from '../names.ts';
import type { Mutable } from '../types.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { immutable } from './field-rules.ts';
import { goNamedStringSlice } from './go-values.ts';

type Ingress = Mutable<networking.Ingress>;
type IngressSpec = Mutable<networking.IngressSpec>;
type IngressRule = Mutable<networking.IngressRule>;
type IngressBackend = Mutable<networking.IngressBackend>;
type HTTPIngressPath = Mutable<networking.HTTPIngressPath>;
type IngressClass = Mutable<networking.IngressClass>;
type NetworkPolicy = Mutable<networking.NetworkPolicy>;
type NetworkPolicyPort = Mutable<networking.NetworkPolicyPort>;
type NetworkPolicyPeer = Mutable<networking.NetworkPolicyPeer>;
type IPBlock = Mutable<networking.IPBlock>;
type TypedRef = { apiGroup?: string; kind?: string; name?: string };

const META = FieldPath.root('metadata');
const SPEC = FieldPath.root('spec');
const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
const MAX_LEN_INGRESS_CLASS_CONTROLLER = 250;
const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

// ---------------------------------------------------------------------------------------------
// Host names and domain-prefixed paths (apimachinery util/validation)

const WILDCARD_DNS1123_SUBDOMAIN_FMT = `\\*\\.${DNS1123_SUBDOMAIN_FMT}`;
const WILDCARD_MSG =
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character";

/** IsWildcardDNS1123Subdomain: "*." and a subdomain. */
export function isWildcardDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!value.startsWith('*.') || isDNS1123Subdomain(value.slice(2)).length > 0) {
    errs.push(regexError(WILDCARD_MSG, WILDCARD_DNS1123_SUBDOMAIN_FMT, '*.example.com'));
  }
  return errs;
}

const HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";
const HTTP_PATH = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

/** IsDomainPrefixedPath: "acme.io/foo". */
export function isDomainPrefixedPath(path: FieldPath, value: string): FieldError[] {
  if (value === '') return [required(path)];
  const slash = value.indexOf('/');
  if (slash <= 0 || slash === value.length - 1) {
    return [invalid(path, value, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  }
  const host = value.slice(0, slash);
  const rest = value.slice(slash + 1);
  const errs = isDNS1123Subdomain(host).map((msg) => invalid(path, host, msg));
  if (!HTTP_PATH.test(rest)) errs.push(invalid(path, rest, regexError('Invalid path', HTTP_PATH_FMT)));
  return errs;
}

// ---------------------------------------------------------------------------------------------
// Ingress

export function validateIngress(obj: KubeObject): FieldError[] {
  const ing = obj as unknown as Ingress;
  const spec = ing.spec ?? {};
  const errs = validateObjectMeta(ing.metadata, { namespaced: true }, META);
  errs.push(...validateIngressSpec(spec, SPEC));
  const annotation = ing.metadata?.annotations?.[INGRESS_CLASS_ANNOTATION];
  if (annotation !== undefined && spec.ingressClassName !== undefined && annotation !== spec.ingressClassName) {
    errs.push(invalid(FieldPath.root('annotations', INGRESS_CLASS_ANNOTATION), annotation, 'must match `ingressClassName` when both are specified'));
  }
  return errs;
}

export function validateIngressUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  return validateObjectMetaUpdate(obj.metadata, oldObj.metadata, META);
}

function validateIngressSpec(spec: IngressSpec, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const rules = spec.rules;
  if ((!rules || rules.length === 0) && !spec.defaultBackend) {
    const repr = new GoValue(rules ? '[]networking.IngressRule{}' : '[]networking.IngressRule(nil)');
    errs.push(invalid(path, repr, 'either `defaultBackend` or `rules` must be specified'));
  }
  if (spec.defaultBackend) validateIngressBackend(errs, spec.defaultBackend, path.child('defaultBackend'));
  if (rules && rules.length > 0) rules.forEach((r, i) => validateIngressRule(errs, r, path.child('rules').index(i)));
  (spec.tls ?? []).forEach((tls, i) => {
    const p = path.child('tls').index(i);
    (tls.hosts ?? []).forEach((host, j) => {
      const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
      for (const msg of msgs) errs.push(invalid(p.child('hosts').index(j), host, msg));
    });
    if (tls.secretName) {
      for (const msg of isDNS1123Subdomain(tls.secretName)) errs.push(invalid(p.child('secretName'), tls.secretName, msg));
    }
  });
  if (spec.ingressClassName !== undefined) {
    for (const msg of isDNS1123Subdomain(spec.ingressClassName)) {
      errs.push(invalid(path.child('ingressClassName'), spec.ingressClassName, msg));
    }
  }
  return errs;
}

function validateIngressRule(errs: FieldError[], rule: IngressRule, path: FieldPath): void {
  const host = rule.host ?? '';
  if (host !== '') {
    if (ipFamily(host) !== null) errs.push(invalid(path.child('host'), host, 'must be a DNS name, not an IP address'));
    const msgs = host.includes('*') ? isWildcardDNS1123Subdomain(host) : isDNS1123Subdomain(host);
    for (const msg of msgs) errs.push(invalid(path.child('host'), host, msg));
  }
  if (!rule.http) return;
  const paths = rule.http.paths ?? [];
  const httpPath = path.child('http');
  if (paths.length === 0) errs.push(required(httpPath.child('paths')));
  paths.forEach((p, i) => validateHTTPIngressPath(errs, p, httpPath.child('paths').index(i)));
}

function validateHTTPIngressPath(errs: FieldError[], p: HTTPIngressPath, path: FieldPath): void {
  if (p.pathType === undefined) {
    errs.push(required(path.child('pathType'), 'pathType must be specified'));
    return;
  }
  const value = p.path ?? '';
  const pathPath = path.child('path');
  switch (p.pathType) {
    case 'Exact':
    case 'Prefix':
      if (!value.startsWith('/')) errs.push(invalid(pathPath, value, 'must be an absolute path'));
      if (value.length > 0) {
        for (const seq of INVALID_PATH_SEQUENCES) {
          if (value.includes(seq)) errs.push(invalid(pathPath, value, `must not contain '${seq}'`));
        }
        for (const suffix of INVALID_PATH_SUFFIXES) {
          if (value.endsWith(suffix)) errs.push(invalid(pathPath, value, `cannot end with '${suffix}'`));
        }
      }
      break;
    case 'ImplementationSpecific':
      if (value.length > 0 && !value.startsWith('/')) errs.push(invalid(pathPath, value, 'must be an absolute path'));
      break;
    default:
      errs.push(notSupported(path.child('pathType'), p.pathType, PATH_TYPES));
  }
  validateIngressBackend(errs, p.backend ?? {}, path.child('backend'));
}

function validateIngressBackend(errs: FieldError[], backend: IngressBackend, path: FieldPath): void {
  if (backend.resource && backend.service) {
    errs.push(invalid(path, '', 'cannot set both resource and service backends'));
    return;
  }
  if (backend.resource) {
    validateTypedLocalObjectReference(errs, backend.resource, path.child('resource'));
    return;
  }
  const svc = backend.service;
  if (!svc) {
    errs.push(invalid(path, '', 'resource or service backend is required'));
    return;
  }
  const name = svc.name ?? '';
  if (name === '') errs.push(required(path.child('service', 'name')));
  else for (const msg of nameIsDNS1035Label(name, false)) errs.push(invalid(path.child('service', 'name'), name, msg));
  const portName = svc.port?.name ?? '';
  const portNumber = svc.port?.number ?? 0;
  if (portName !== '' && portNumber !== 0) errs.push(invalid(path, '', 'cannot set both port name & port number'));
  else if (portName !== '') {
    for (const msg of isValidPortName(portName)) errs.push(invalid(path.child('service', 'port', 'name'), portName, msg));
  } else if (portNumber !== 0) {
    for (const msg of isValidPortNum(portNumber)) errs.push(invalid(path.child('service', 'port', 'number'), portNumber, msg));
  } else errs.push(required(path, 'port name or number is required'));
}

/** validateIngressTypedLocalObjectReference. */
function validateTypedLocalObjectReference(errs: FieldError[], ref: TypedRef, path: FieldPath): void {
  if (ref.apiGroup !== undefined) {
    for (const msg of isDNS1123Subdomain(ref.apiGroup)) errs.push(invalid(path.child('apiGroup'), ref.apiGroup, msg));
  }
  const kind = ref.kind ?? '';
  if (kind === '') errs.push(required(path.child('kind'), 'kind is required'));
  else for (const msg of isValidPathSegmentName(kind)) errs.push(invalid(path.child('kind'), kind, msg));
  const name = ref.name ?? '';
  if (name === '') errs.push(required(path.child('name'), 'name is required'));
  else for (const msg of isValidPathSegmentName(name)) errs.push(invalid(path.child('name'), name, msg));
}

// ---------------------------------------------------------------------------------------------
// IngressClass

export function validateIngressClass(obj: KubeObject): FieldError[] {
  const ic = obj as unknown as IngressClass;
  const spec = ic.spec ?? {};
  const errs = validateObjectMeta(ic.metadata, { namespaced: false }, META);
  const controller = spec.controller ?? '';
  const cpath = SPEC.child('controller');
  if (controller.length > MAX_LEN_INGRESS_CLASS_CONTROLLER) errs.push(tooLong(cpath, MAX_LEN_INGRESS_CLASS_CONTROLLER));
  errs.push(...isDomainPrefixedPath(cpath, controller));
  const params = spec.parameters;
  if (params) {
    const p = SPEC.child('parameters');
    validateTypedLocalObjectReference(errs, params, p);
    if (params.scope === undefined) errs.push(required(p.child('scope')));
    else if (params.scope !== 'Cluster' && params.scope !== 'Namespace') {
      errs.push(notSupported(p.child('scope'), params.scope, ['Cluster', 'Namespace']));
    } else if (params.scope === 'Namespace') {
      if (params.namespace === undefined) errs.push(required(p.child('namespace'), "`parameters.scope` is set to 'Namespace'"));
      else for (const msg of nameIsDNSLabel(params.namespace, false)) errs.push(invalid(p.child('namespace'), params.namespace, msg));
    } else if (params.namespace !== undefined) {
      errs.push(forbidden(p.child('namespace'), "`parameters.scope` is set to 'Cluster'"));
    }
  }
  return errs;
}

export function validateIngressClassUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  const ic = obj as unknown as IngressClass;
  const old = oldObj as unknown as IngressClass;
  const errs = validateObjectMetaUpdate(obj.metadata, oldObj.metadata, META);
  immutable(errs, ic.spec?.controller ?? '', old.spec?.controller ?? '', SPEC.child('controller'), (v) => v as string);
  return errs;
}

// ---------------------------------------------------------------------------------------------
// NetworkPolicy

export function validateNetworkPolicy(obj: KubeObject): FieldError[] {
  const np = obj as unknown as NetworkPolicy;
  const spec = np.spec ?? ({} as NonNullable<NetworkPolicy['spec']>);
  const errs = validateObjectMeta(np.metadata, { namespaced: true }, META);
  errs.push(...validateLabelSelector(spec.podSelector ?? {}, SPEC.child('podSelector')));
  (spec.ingress ?? []).forEach((rule, i) => {
    const p = SPEC.child('ingress').index(i);
    (rule.ports ?? []).forEach((port, j) => validateNetworkPolicyPort(errs, port, p.child('ports').index(j)));
    (rule.from ?? []).forEach((peer, j) => validateNetworkPolicyPeer(errs, peer, p.child('from').index(j)));
  });
  (spec.egress ?? []).forEach((rule, i) => {
    const p = SPEC.child('egress').index(i);
    (rule.ports ?? []).forEach((port, j) => validateNetworkPolicyPort(errs, port, p.child('ports').index(j)));
    (rule.to ?? []).forEach((peer, j) => validateNetworkPolicyPeer(errs, peer, p.child('to').index(j)));
  });
  const types = spec.policyTypes ?? [];
  if (types.length > 2) {
    errs.push(invalid(SPEC.child('policyTypes'), goNamedStringSlice('networking.PolicyType', types), 'may not specify more than two policyTypes'));
    return errs;
  }
  types.forEach((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') errs.push(notSupported(SPEC.child('policyTypes').index(i), t, ['Ingress', 'Egress']));
  });
  return errs;
}

export function validateNetworkPolicyUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  return validateObjectMetaUpdate(obj.metadata, oldObj.metadata, META);
}

function validateNetworkPolicyPort(errs: FieldError[], port: NetworkPolicyPort, path: FieldPath): void {
  const protocol = port.protocol;
  if (protocol !== undefined && protocol !== 'TCP' && protocol !== 'UDP' && protocol !== 'SCTP') {
    errs.push(notSupported(path.child('protocol'), protocol, ['TCP', 'UDP', 'SCTP']));
  }
  const endPort = port.endPort;
  if (port.port === undefined) {
    if (endPort !== undefined) errs.push(invalid(path.child('endPort'), endPort, 'may not be specified when `port` is not specified'));
  } else if (typeof port.port === 'number') {
    for (const msg of isValidPortNum(port.port)) errs.push(invalid(path.child('port'), port.port, msg));
    if (endPort !== undefined) {
      if (endPort < port.port) errs.push(invalid(path.child('endPort'), port.port, 'must be greater than or equal to `port`'));
      for (const msg of isValidPortNum(endPort)) errs.push(invalid(path.child('endPort'), endPort, msg));
    }
  } else {
    if (endPort !== undefined) errs.push(invalid(path.child('endPort'), endPort, 'may not be specified when `port` is non-numeric'));
    for (const msg of isValidPortName(port.port)) errs.push(invalid(path.child('port'), port.port, msg));
  }
}

function validateNetworkPolicyPeer(errs: FieldError[], peer: NetworkPolicyPeer, path: FieldPath): void {
  let n = 0;
  if (peer.podSelector) {
    n++;
    errs.push(...validateLabelSelector(peer.podSelector, path.child('podSelector')));
  }
  if (peer.namespaceSelector) {
    n++;
    errs.push(...validateLabelSelector(peer.namespaceSelector, path.child('namespaceSelector')));
  }
  if (peer.ipBlock) {
    n++;
    validateIPBlock(errs, peer.ipBlock, path.child('ipBlock'));
  }
  if (n === 0) errs.push(required(path, 'must specify a peer'));
  else if (n > 1 && peer.ipBlock) errs.push(forbidden(path, 'may not specify both ipBlock and another peer'));
}

function validateIPBlock(errs: FieldError[], block: IPBlock, path: FieldPath): void {
  const cidr = block.cidr ?? '';
  if (cidr === '') {
    errs.push(required(path.child('cidr')));
    return;
  }
  const net = parseCIDR(cidr);
  if (!net) {
    errs.push(invalid(path.child('cidr'), cidr, 'not a valid CIDR'));
    return;
  }
  const excepts = block.except ?? [];
  for (let i = 0; i < excepts.length; i++) {
    const except = excepts[i];
    const p = path.child('except').index(i);
    const ex = parseCIDR(except);
    if (!ex) {
      errs.push(invalid(p, except, 'not a valid CIDR'));
      return;
    }
    if (!contains(net, ex.ip) || net.bits >= ex.bits) errs.push(invalid(p, except, 'must be a strict subset of `cidr`'));
  }
}

interface Net {
  /** The address bytes, masked to the prefix (what ParseCIDRSloppy returns as the network). */
  ip: number[];
  bits: number;
}

/** ParseCIDRSloppy's network, for valid CIDRs only (isValidCIDR checks the syntax). */
function parseCIDR(s: string): Net | undefined {
  if (isValidCIDR(s).length > 0) return undefined;
  const slash = s.indexOf('/');
  const addr = s.slice(0, slash);
  const bits = Number(s.slice(slash + 1));
  const ip = ipBytes(addr);
  for (let i = 0; i < ip.length; i++) {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    ip[i] &= (0xff << (8 - keep)) & 0xff;
  }
  return { ip, bits };
}

/** The bytes of a valid IPv4 (4) or IPv6 (16) address (check it with ipFamily first). */
export function ipBytes(addr: string): number[] {
  if (!addr.includes(':')) return addr.split('.').map((o) => Number(o));
  const [head, tail] = addr.includes('::') ? addr.split('::') : [addr, undefined];
  const groups = (part: string | undefined): number[] => {
    if (!part) return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (g.includes('.')) {
        const v4 = g.split('.').map((o) => Number(o));
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
      } else out.push(parseInt(g, 16));
    }
    return out;
  };
  const h = groups(head);
  const t = groups(tail);
  const words = tail === undefined ? h : [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  const bytes: number[] = [];
  for (const w of words) bytes.push(w >> 8, w & 0xff);
  return bytes;
}

function contains(net: Net, ip: number[]): boolean {
  if (net.ip.length !== ip.length) return false;
  for (let i = 0; i < ip.length; i++) {
    const keep = Math.max(0, Math.min(8, net.bits - i * 8));
    const mask = (0xff << (8 - keep)) & 0xff;
    if ((ip[i] & mask) !== net.ip[i]) return false;
  }
  return true;
}
