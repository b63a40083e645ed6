// Service validation (ValidateService, validateServicePort, ValidateServiceClusterIPsRelatedFields,
// ValidateServiceUpdate; Kubernetes 1.30). It runs after the registry has allocated the cluster IP
// and node ports, as the apiserver's does.

import type { Service, ServicePort, SessionAffinityConfig } from 'kubernetes-types/core/v1';
import { duplicate, FieldPath, forbidden, invalid, notSupported, required, type FieldError } from '../field.ts';
import {
  goStringSlice,
  ipFamily,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidCIDR,
  isValidIP,
  isValidPortNum,
  nameIsDNS1035Label,
  validateLabels,
} from '../names.ts';
import type { KubeObject } from '../object.ts';
import { externallyAccessible } from '../defaults/service.ts';
import { goNamedStringSlice, goServicePortKey } from './go-values.ts';
import { pushAll, validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { portNumOrName } from './pod.ts';

const SPEC = FieldPath.root('spec');
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;
const HINTS_ANNOTATION = 'service.kubernetes.io/topology-aware-hints';
const TOPOLOGY_MODE_ANNOTATION = 'service.kubernetes.io/topology-mode';
const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

/** isHeadlessService: clusterIPs is exactly ["None"]. */
function isHeadless(svc: Service): boolean {
  const ips = svc.spec?.clusterIPs;
  return ips?.length === 1 && ips[0] === 'None';
}

/** ValidateService. */
export function validateService(obj: KubeObject): FieldError[] {
  const svc = obj as unknown as Service;
  const errs = validateObjectMeta(svc.metadata, { namespaced: true, nameFn: nameIsDNS1035Label });
  const annotations = svc.metadata?.annotations ?? {};
  const hints = annotations[HINTS_ANNOTATION];
  const mode = annotations[TOPOLOGY_MODE_ANNOTATION];
  if (hints !== undefined && mode !== undefined && hints !== mode) {
    errs.push(invalid(FieldPath.root('metadata', 'annotations').key(TOPOLOGY_MODE_ANNOTATION), mode, `must match annotations[${HINTS_ANNOTATION}] when both are specified`));
  }
  const spec = svc.spec ?? {};
  const type = spec.type ?? '';
  const ports = spec.ports ?? [];
  const headless = isHeadless(svc);
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(required(SPEC.child('ports')));
  if (type === 'LoadBalancer' || type === 'NodePort') {
    if (headless) errs.push(invalid(SPEC.child('clusterIPs').index(0), 'None', `may not be set to 'None' for ${type} services`));
  } else if (type === 'ExternalName') {
    if ((spec.clusterIPs?.length ?? 0) > 0) errs.push(forbidden(SPEC.child('clusterIPs'), 'may not be set for ExternalName services'));
    if ((spec.ipFamilies?.length ?? 0) > 0) errs.push(forbidden(SPEC.child('ipFamilies'), 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy != null) errs.push(forbidden(SPEC.child('ipFamilyPolicy'), 'may not be set for ExternalName services'));
    // A CNAME may end in a dot, to say it is fully qualified.
    const cname = (spec.externalName ?? '').replace(/\.$/, '');
    if (cname) for (const msg of isDNS1123Subdomain(cname)) errs.push(invalid(SPEC.child('externalName'), cname, msg));
    else errs.push(required(SPEC.child('externalName')));
  }
  const names = new Set<string>();
  for (let i = 0; i < ports.length; i++) validateServicePort(errs, ports[i] ?? ({} as ServicePort), ports.length > 1, names, SPEC.child('ports').index(i));
  if (spec.selector) pushAll(errs, validateLabels(spec.selector, SPEC.child('selector')));
  const affinity = spec.sessionAffinity ?? '';
  if (affinity === '') errs.push(required(SPEC.child('sessionAffinity')));
  else if (affinity !== 'ClientIP' && affinity !== 'None') errs.push(notSupported(SPEC.child('sessionAffinity'), affinity, ['ClientIP', 'None']));
  if (affinity === 'ClientIP') validateClientIPAffinity(errs, spec.sessionAffinityConfig, SPEC.child('sessionAffinityConfig'));
  else if (affinity === 'None' && spec.sessionAffinityConfig != null) {
    errs.push(forbidden(SPEC.child('sessionAffinityConfig'), 'must not be set when session affinity is None'));
  }
  validateClusterIPsRelatedFields(errs, svc);
  const externalIPs = spec.externalIPs ?? [];
  for (let i = 0; i < externalIPs.length; i++) {
    const msgs = isValidIP(externalIPs[i]);
    if (msgs.length > 0) for (const msg of msgs) errs.push(invalid(SPEC.child('externalIPs').index(i), externalIPs[i], msg));
    else nonSpecialIP(errs, externalIPs[i], SPEC.child('externalIPs').index(i));
  }
  if (type === '') errs.push(required(SPEC.child('type')));
  else if (!TYPES.includes(type)) errs.push(notSupported(SPEC.child('type'), type, TYPES));
  if (type === 'ClusterIP') {
    for (let i = 0; i < ports.length; i++) {
      if (ports[i]?.nodePort) errs.push(forbidden(SPEC.child('ports').index(i).child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
    }
  }
  const nodePorts = new Set<string>();
  const portKeys = new Set<string>();
  for (let i = 0; i < ports.length; i++) {
    const p = ports[i] ?? ({} as ServicePort);
    const proto = p.protocol ?? '';
    if (p.nodePort) {
      const k = `${proto}/${p.nodePort}`;
      if (nodePorts.has(k)) errs.push(duplicate(SPEC.child('ports').index(i).child('nodePort'), p.nodePort));
      nodePorts.add(k);
    }
    const k = `${proto}/${p.port}`;
    if (portKeys.has(k)) errs.push(duplicate(SPEC.child('ports').index(i), goServicePortKey(proto, p.port ?? 0)));
    portKeys.add(k);
  }
  validateSourceRanges(errs, svc, type);
  if (spec.allocateLoadBalancerNodePorts != null && type !== 'LoadBalancer') {
    errs.push(forbidden(SPEC.child('allocateLoadBalancerNodePorts'), "may only be used when `type` is 'LoadBalancer'"));
  }
  // Kubernetes names this one without its "spec." prefix.
  if (type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts == null) errs.push(required('allocateLoadBalancerNodePorts'));
  if (type === 'LoadBalancer') {
    if (spec.loadBalancerClass != null) {
      for (const msg of isQualifiedName(spec.loadBalancerClass)) errs.push(invalid(SPEC.child('loadBalancerClass'), spec.loadBalancerClass, msg));
    }
  } else if (spec.loadBalancerClass != null) {
    errs.push(forbidden(SPEC.child('loadBalancerClass'), "may only be used when `type` is 'LoadBalancer'"));
  }
  validateTrafficPolicies(errs, svc, type);
  return errs;
}

/** validateServicePort: names (required when there are several), port range, protocol, targetPort. */
function validateServicePort(errs: FieldError[], sp: ServicePort, requireName: boolean, names: Set<string>, path: FieldPath): void {
  const name = sp.name ?? '';
  if (requireName && name === '') errs.push(required(path.child('name')));
  else if (name !== '') {
    for (const msg of isDNS1123Label(name)) errs.push(invalid(path.child('name'), name, msg));
    if (names.has(name)) errs.push(duplicate(path.child('name'), name));
    else names.add(name);
  }
  for (const msg of isValidPortNum(sp.port ?? 0)) errs.push(invalid(path.child('port'), sp.port ?? 0, msg));
  const proto = sp.protocol ?? '';
  if (proto === '') errs.push(required(path.child('protocol')));
  else if (!PROTOCOLS.includes(proto)) errs.push(notSupported(path.child('protocol'), proto, PROTOCOLS));
  portNumOrName(errs, sp.targetPort, path.child('targetPort'));
  if (sp.appProtocol != null) for (const msg of isQualifiedName(sp.appProtocol)) errs.push(invalid(path.child('appProtocol'), sp.appProtocol, msg));
}

function validateClientIPAffinity(errs: FieldError[], cfg: SessionAffinityConfig | undefined, path: FieldPath): void {
  const why = 'when session affinity type is ClientIP';
  if (!cfg) {
    errs.push(required(path, why));
    return;
  }
  if (!cfg.clientIP) {
    errs.push(required(path.child('clientIP'), why));
    return;
  }
  const t = cfg.clientIP.timeoutSeconds;
  if (t == null) {
    errs.push(required(path.child('clientIP', 'timeoutSeconds'), why));
    return;
  }
  if (t <= 0 || t > MAX_CLIENT_IP_AFFINITY_SECONDS) {
    errs.push(invalid(path.child('clientIP', 'timeoutSeconds'), t, `must be greater than 0 and less than ${MAX_CLIENT_IP_AFFINITY_SECONDS}`));
  }
}

/** ValidateServiceClusterIPsRelatedFields: clusterIP and clusterIPs agree; families and policy are known. */
function validateClusterIPsRelatedFields(errs: FieldError[], svc: Service): void {
  const spec = svc.spec ?? {};
  if (spec.type === 'ExternalName') return;
  const ips = spec.clusterIPs ?? [];
  const ipsPath = SPEC.child('clusterIPs');
  if (spec.clusterIP) {
    if (ips.length === 0) errs.push(required(ipsPath));
    else if (ips[0] !== spec.clusterIP) errs.push(invalid(ipsPath, goStringSlice(ips), 'first value must match `clusterIP`'));
  } else if (ips.length > 0) {
    errs.push(invalid(ipsPath, goStringSlice(ips), 'must be empty when `clusterIP` is not specified'));
  }
  const families = spec.ipFamilies ?? [];
  const seen = new Set<string>();
  for (let i = 0; i < families.length; i++) {
    const f = families[i];
    if (f !== 'IPv4' && f !== 'IPv6') errs.push(notSupported(SPEC.child('ipFamilies').index(i), f, ['IPv4', 'IPv6']));
    if (seen.has(f)) errs.push(duplicate(SPEC.child('ipFamilies').index(i), f));
    seen.add(f);
  }
  const policy = spec.ipFamilyPolicy;
  if (policy != null && policy !== 'SingleStack' && policy !== 'PreferDualStack' && policy !== 'RequireDualStack') {
    errs.push(notSupported(SPEC.child('ipFamilyPolicy'), policy, ['PreferDualStack', 'RequireDualStack', 'SingleStack']));
  }
  let badIPs = false;
  for (let i = 0; i < ips.length; i++) {
    if (i === 0 && ips[i] === 'None') {
      if (ips.length > 1) {
        badIPs = true;
        errs.push(invalid(ipsPath, goStringSlice(ips), "'None' must be the first and only value"));
      }
      continue;
    }
    for (const msg of isValidIP(ips[i])) {
      badIPs = true;
      errs.push(invalid(ipsPath.index(i), ips[i], msg));
    }
  }
  if (ips.length > 2) errs.push(invalid(ipsPath, goStringSlice(ips), 'may only hold up to 2 values'));
  if (badIPs) return;
  if (ips.length > 1 && ipFamily(ips[0]) === ipFamily(ips[1])) {
    errs.push(invalid(ipsPath, goStringSlice(ips), 'may specify no more than one IP for each IP family'));
  }
  if (!isHeadless(svc)) {
    for (let i = 0; i < ips.length && i < families.length; i++) {
      const six = ipFamily(ips[i]) === 6;
      if (families[i] === 'IPv4' && six) errs.push(invalid(ipsPath.index(i), ips[i], `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``));
      if (families[i] === 'IPv6' && !six) errs.push(invalid(ipsPath.index(i), ips[i], `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``));
    }
  }
}

/** ValidateNonSpecialIP: no unspecified, loopback or link-local addresses. */
function nonSpecialIP(errs: FieldError[], ip: string, path: FieldPath): void {
  const four = ip.split('.').map(Number);
  const v6 = ip.toLowerCase();
  if (ip === '0.0.0.0' || v6 === '::') errs.push(invalid(path, ip, `may not be unspecified (${ip})`));
  if (four[0] === 127 || v6 === '::1') errs.push(invalid(path, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if ((four[0] === 169 && four[1] === 254) || v6.startsWith('fe80:')) {
    errs.push(invalid(path, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  }
  if ((four[0] === 224 && four[1] === 0 && four[2] === 0) || v6.startsWith('ff02:')) {
    errs.push(invalid(path, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  }
}

function validateSourceRanges(errs: FieldError[], svc: Service, type: string): void {
  const ranges = svc.spec?.loadBalancerSourceRanges ?? [];
  const lbOnly = "may only be used when `type` is 'LoadBalancer'";
  if (ranges.length > 0) {
    // Kubernetes spells this path with a capital L.
    const p = SPEC.child('LoadBalancerSourceRanges');
    if (type !== 'LoadBalancer') errs.push(forbidden(p, lbOnly));
    for (let i = 0; i < ranges.length; i++) {
      const v = ranges[i].trim();
      for (const msg of isValidCIDR(v)) errs.push(invalid(p.index(i), v, msg));
    }
    return;
  }
  const annotation = svc.metadata?.annotations?.[SOURCE_RANGES_ANNOTATION];
  if (annotation === undefined) return;
  const p = FieldPath.root('metadata', 'annotations').key(SOURCE_RANGES_ANNOTATION);
  if (type !== 'LoadBalancer') errs.push(forbidden(p, lbOnly));
  const val = annotation.trim();
  if (val === '') return;
  for (const part of val.split(',')) {
    const v = part.trim();
    for (const msg of isValidCIDR(v)) errs.push(invalid(p, v, msg));
  }
}

/** validateServiceExternalTrafficPolicy and validateServiceInternalTrafficFieldsValue. */
function validateTrafficPolicies(errs: FieldError[], svc: Service, type: string): void {
  const spec = svc.spec ?? {};
  const etp = spec.externalTrafficPolicy ?? '';
  if (!externallyAccessible(svc)) {
    if (etp !== '') errs.push(invalid(SPEC.child('externalTrafficPolicy'), etp, 'may only be set for externally-accessible services'));
  } else if (etp === '') errs.push(required(SPEC.child('externalTrafficPolicy')));
  else if (etp !== 'Cluster' && etp !== 'Local') errs.push(notSupported(SPEC.child('externalTrafficPolicy'), etp, ['Cluster', 'Local']));
  const needsHealthCheck = type === 'LoadBalancer' && etp === 'Local';
  const hc = spec.healthCheckNodePort ?? 0;
  if (!needsHealthCheck && hc !== 0) {
    errs.push(invalid(SPEC.child('healthCheckNodePort'), hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  }
  // The registry allocates healthCheckNodePort; until the simulator's does, a missing one is not an error.
  if (needsHealthCheck && hc !== 0) for (const msg of isValidPortNum(hc)) errs.push(invalid(SPEC.child('healthCheckNodePort'), hc, msg));
  const itp = spec.internalTrafficPolicy;
  if (itp == null) {
    if (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP') errs.push(required(SPEC.child('internalTrafficPolicy')));
  } else if (itp !== 'Cluster' && itp !== 'Local') {
    errs.push(notSupported(SPEC.child('internalTrafficPolicy'), itp, ['Cluster', 'Local']));
  }
}

/** ValidateServiceUpdate's own checks: cluster IPs and families only grow or shrink, never change. */
export function validateServiceUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  const svc = obj as unknown as Service;
  const old = oldObj as unknown as Service;
  const errs = validateObjectMetaUpdate(svc.metadata ?? {}, old.metadata ?? {});
  const spec = svc.spec ?? {};
  const oldSpec = old.spec ?? {};
  if (spec.type !== 'ExternalName' && oldSpec.type !== 'ExternalName') {
    clusterIPsUpdate(errs, svc, old);
    ipFamiliesUpdate(errs, svc, old);
  }
  if (oldSpec.type === 'LoadBalancer' && spec.type === 'LoadBalancer' && (oldSpec.loadBalancerClass ?? null) !== (spec.loadBalancerClass ?? null)) {
    errs.push(invalid(SPEC.child('loadBalancerClass'), spec.loadBalancerClass ?? 'null', 'may not change once set'));
  }
  const needs = (s: Service) => s.spec?.type === 'LoadBalancer' && s.spec.externalTrafficPolicy === 'Local';
  if (needs(old) && needs(svc) && (spec.healthCheckNodePort ?? 0) !== (oldSpec.healthCheckNodePort ?? 0)) {
    errs.push(forbidden(SPEC.child('healthCheckNodePort'), 'field is immutable'));
  }
  return errs;
}

function clusterIPsUpdate(errs: FieldError[], svc: Service, old: Service): void {
  if (isHeadless(old) && isHeadless(svc)) return;
  const ips = svc.spec?.clusterIPs ?? [];
  const oldIPs = old.spec?.clusterIPs ?? [];
  const p = SPEC.child('clusterIPs');
  if (oldIPs.length === ips.length) {
    for (let i = 0; i < oldIPs.length; i++) {
      if (oldIPs[i] !== ips[i]) errs.push(invalid(p.index(i), goStringSlice(ips), 'may not change once set'));
    }
  } else if (oldIPs.length > ips.length) {
    if (ips.length === 0) errs.push(invalid(p.index(0), goStringSlice(ips, true), 'primary clusterIP can not be unset'));
    if (oldIPs.length > 0 && ips.length > 0 && ips[0] !== oldIPs[0]) errs.push(invalid(p.index(0), goStringSlice(ips), 'may not change once set'));
    if (ips.length === 1 && svc.spec?.ipFamilyPolicy !== 'SingleStack') {
      errs.push(invalid(SPEC.child('ipFamilyPolicy'), svc.spec?.ipFamilyPolicy ?? 'null', "must be set to 'SingleStack' when releasing the secondary clusterIP"));
    }
  } else if (oldIPs.length > 0 && ips[0] !== oldIPs[0]) {
    errs.push(invalid(p.index(0), goStringSlice(ips), 'may not change once set'));
  }
}

function ipFamiliesUpdate(errs: FieldError[], svc: Service, old: Service): void {
  if (isHeadless(old) !== isHeadless(svc) || isHeadless(svc)) return;
  const fams = svc.spec?.ipFamilies ?? [];
  const oldFams = old.spec?.ipFamilies ?? [];
  const p = SPEC.child('ipFamilies').index(0);
  if (oldFams.length === fams.length) {
    for (let i = 0; i < oldFams.length; i++) {
      if (oldFams[i] !== fams[i]) errs.push(invalid(p, goNamedStringSlice('core.IPFamily', fams), 'may not change once set'));
    }
  } else if (oldFams.length > fams.length) {
    if ((svc.spec?.clusterIPs?.length ?? 0) === 0) errs.push(invalid(p, goNamedStringSlice('core.IPFamily', fams), 'primary ipFamily can not be unset'));
    if (fams.length > 0 && fams[0] !== oldFams[0]) errs.push(invalid(p, goStringSlice(svc.spec?.clusterIPs), 'may not change once set'));
    if (fams.length === 1 && svc.spec?.ipFamilyPolicy !== 'SingleStack') {
      errs.push(invalid(SPEC.child('ipFamilyPolicy'), svc.spec?.ipFamilyPolicy ?? 'null', "must be set to 'SingleStack' when releasing the secondary ipFamily"));
    }
  } else if (oldFams.length > 0 && fams.length > 0 && fams[0] !== oldFams[0]) {
    errs.push(invalid(p, goStringSlice(svc.spec?.clusterIPs), 'may not change once set'));
  }
}
