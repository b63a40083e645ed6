// EndpointSlices (discovery.k8s.io/v1) and Events written through events.k8s.io/v1, as
// pkg/apis/discovery/validation and core validation's ValidateEventCreate/Update check them
// (Kubernetes 1.30). Event errors use the internal type's field names (involvedObject, message,
// source...), as the apiserver reports them.

import type * as discovery from 'kubernetes-types/discovery/v1';
import type * as events from 'kubernetes-types/events/v1';
import { duplicate, FieldPath, internal, invalid, notSupported, required, tooMany, type FieldError } from '../field.ts';
import { deepEqual, type KubeObject } from '../object.ts';
import {
  ipFamily,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  nameIsDNSSubdomain,
  validateLabels,
} from '../names.ts';
import type { Mutable } from '../types.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';
import { immutable } from './field-rules.ts';
import { ipBytes } from './networking.ts';
import { goStructApprox } from './go-values.ts';

type EndpointSlice = Mutable<discovery.EndpointSlice>;
type Endpoint = Mutable<discovery.Endpoint>;
type EventV1 = Mutable<events.Event>;

const META = FieldPath.root('metadata');

// ---------------------------------------------------------------------------------------------
// EndpointSlice

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const MAX_TOPOLOGY_LABELS = 16;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 20000;
const MAX_ENDPOINTS = 1000;
const MAX_ZONE_HINTS = 8;
const ZONE_LABEL = 'topology.kubernetes.io/zone';

export function validateEndpointSlice(obj: KubeObject): FieldError[] {
  const slice = obj as unknown as EndpointSlice;
  const errs = validateObjectMeta(slice.metadata, { namespaced: true }, META);
  const type = slice.addressType ?? '';
  if (type === '') errs.push(required('addressType'));
  else if (!ADDRESS_TYPES.includes(type)) errs.push(notSupported('addressType', type, ADDRESS_TYPES));
  validateEndpoints(errs, slice.endpoints ?? [], type, FieldPath.root('endpoints'));
  validatePorts(errs, slice.ports ?? [], FieldPath.root('ports'));
  return errs;
}

export function validateEndpointSliceUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  const slice = obj as unknown as EndpointSlice;
  const old = oldObj as unknown as EndpointSlice;
  const errs = validateObjectMetaUpdate(obj.metadata, oldObj.metadata, META);
  immutable(errs, slice.addressType ?? '', old.addressType ?? '', FieldPath.root('addressType'), (v) => v as string);
  return errs;
}

function validateEndpoints(errs: FieldError[], endpoints: Endpoint[], type: string, path: FieldPath): void {
  if (endpoints.length > MAX_ENDPOINTS) {
    errs.push(tooMany(path, endpoints.length, `must have at most ${MAX_ENDPOINTS} items`));
    return;
  }
  endpoints.forEach((ep, i) => {
    const p = path.index(i);
    const ap = p.child('addresses');
    const addresses = ep.addresses ?? [];
    if (addresses.length === 0) errs.push(required(ap, 'must contain at least 1 address'));
    else if (addresses.length > MAX_ADDRESSES) errs.push(tooMany(ap, addresses.length, `must have at most ${MAX_ADDRESSES} items`));
    addresses.forEach((a, j) => validateAddress(errs, a, type, ap.index(j)));
    if (ep.nodeName !== undefined) {
      for (const msg of nameIsDNSSubdomain(ep.nodeName, false)) errs.push(invalid(p.child('nodeName'), ep.nodeName, msg));
    }
    const topo = ep.deprecatedTopology;
    const tp = p.child('deprecatedTopology');
    if (topo) {
      const n = Object.keys(topo).length;
      if (n > MAX_TOPOLOGY_LABELS) errs.push(tooMany(tp, n, `must have at most ${MAX_TOPOLOGY_LABELS} items`));
      errs.push(...validateLabels(topo, tp));
      if (Object.hasOwn(topo, ZONE_LABEL)) errs.push(internal(tp.key(ZONE_LABEL), 'reserved key was not removed in conversion'));
    }
    if (ep.hostname !== undefined) {
      for (const msg of isDNS1123Label(ep.hostname)) errs.push(invalid(p.child('hostname'), ep.hostname, msg));
    }
    const zones = ep.hints?.forZones;
    if (zones) {
      const fz = p.child('hints', 'forZones');
      if (zones.length > MAX_ZONE_HINTS) errs.push(tooMany(fz, zones.length, `must have at most ${MAX_ZONE_HINTS} items`));
      else {
        const seen = new Set<string>();
        zones.forEach((z, k) => {
          const zp = fz.index(k).child('name');
          const name = z.name ?? '';
          if (seen.has(name)) errs.push(duplicate(zp, name));
          else seen.add(name);
          for (const msg of isValidLabelValue(name)) errs.push(invalid(zp, name, msg));
        });
      }
    }
  });
}

function validateAddress(errs: FieldError[], address: string, type: string, path: FieldPath): void {
  const family = ipFamily(address);
  if (type === 'IPv4' || type === 'IPv6') {
    if ((type === 'IPv4') !== (family === 4) || family === null) {
      errs.push(invalid(path, address, `must be a valid ${type} address`));
    }
    validateNonSpecialIP(errs, address, family, path);
  } else if (type === 'FQDN') {
    validateFQDN(errs, address, path);
  }
}

/** ValidateNonSpecialIP: no unspecified, loopback or link-local endpoints. */
function validateNonSpecialIP(errs: FieldError[], address: string, family: 4 | 6 | null, path: FieldPath): void {
  if (family === null) {
    errs.push(invalid(path, address, 'must be a valid IP address'));
    return;
  }
  let b = ipBytes(address);
  // An IPv4-mapped IPv6 address is judged as the IPv4 address it holds.
  if (b.length === 16 && family === 4) b = b.slice(12);
  const v4 = b.length === 4;
  if (b.every((x) => x === 0)) errs.push(invalid(path, address, `may not be unspecified (${address})`));
  const loopback = v4 ? b[0] === 127 : b.slice(0, 15).every((x) => x === 0) && b[15] === 1;
  if (loopback) errs.push(invalid(path, address, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  const linkLocal = v4 ? b[0] === 169 && b[1] === 254 : b[0] === 0xfe && (b[1] & 0xc0) === 0x80;
  if (linkLocal) errs.push(invalid(path, address, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  const llMulticast = v4 ? b[0] === 224 && b[1] === 0 && b[2] === 0 : b[0] === 0xff && (b[1] & 0x0f) === 0x02;
  if (llMulticast) errs.push(invalid(path, address, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
}

/** IsFullyQualifiedDomainName. */
function validateFQDN(errs: FieldError[], name: string, path: FieldPath): void {
  if (name === '') {
    errs.push(required(path));
    return;
  }
  if (name.endsWith('.')) name = name.slice(0, -1);
  const sub = isDNS1123Subdomain(name);
  if (sub.length > 0) {
    errs.push(invalid(path, name, sub.join(',')));
    return;
  }
  const labels = name.split('.');
  if (labels.length < 2) {
    errs.push(invalid(path, name, 'should be a domain with at least two segments separated by dots'));
    return;
  }
  for (const label of labels) {
    const msgs = isDNS1123Label(label);
    if (msgs.length > 0) {
      errs.push(invalid(path, label, msgs.join(',')));
      return;
    }
  }
}

function validatePorts(errs: FieldError[], ports: NonNullable<EndpointSlice['ports']>, path: FieldPath): void {
  if (ports.length > MAX_PORTS) {
    errs.push(tooMany(path, ports.length, `must have at most ${MAX_PORTS} items`));
    return;
  }
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = path.index(i);
    const name = port.name ?? '';
    if (name !== '') for (const msg of isDNS1123Label(name)) errs.push(invalid(p.child('name'), name, msg));
    if (names.has(name)) errs.push(duplicate(p.child('name'), name));
    else names.add(name);
    if (port.protocol === undefined) errs.push(required(p.child('protocol')));
    else if (!PORT_PROTOCOLS.includes(port.protocol)) errs.push(notSupported(p.child('protocol'), port.protocol, PORT_PROTOCOLS));
    if (port.appProtocol !== undefined) {
      for (const msg of isQualifiedName(port.appProtocol)) errs.push(invalid(p.child('appProtocol'), port.appProtocol, msg));
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Event (events.k8s.io/v1)

const REPORTING_INSTANCE_LENGTH_LIMIT = 128;
const ACTION_LENGTH_LIMIT = 128;
const REASON_LENGTH_LIMIT = 128;
const NOTE_LENGTH_LIMIT = 1024;

/** ValidateEventCreate for events.k8s.io/v1: the legacy rules, then the strict ones. */
export function validateEvent(obj: KubeObject): FieldError[] {
  const ev = obj as unknown as EventV1;
  const errs = legacyValidateEvent(ev);
  errs.push(...validateObjectMeta(ev.metadata, { namespaced: true }, META));
  validateSeries(errs, ev);
  if (!ev.eventTime) errs.push(required('eventTime'));
  if (ev.type !== 'Normal' && ev.type !== 'Warning') errs.push(invalid('type', '', `has invalid value: ${ev.type ?? ''}`));
  if (ev.deprecatedFirstTimestamp) errs.push(invalid('firstTimestamp', '', 'needs to be unset'));
  if (ev.deprecatedLastTimestamp) errs.push(invalid('lastTimestamp', '', 'needs to be unset'));
  if (ev.deprecatedCount) errs.push(invalid('count', '', 'needs to be unset'));
  if (ev.deprecatedSource?.component || ev.deprecatedSource?.host) errs.push(invalid('source', '', 'needs to be unset'));
  return errs;
}

function legacyValidateEvent(ev: EventV1): FieldError[] {
  const errs: FieldError[] = [];
  const ns = ev.metadata?.namespace ?? '';
  const involvedNs = ev.regarding?.namespace ?? '';
  const nsPath = FieldPath.root('involvedObject', 'namespace');
  if (!ev.eventTime) {
    // Old-style events: the event lives in its object's namespace ("default" for cluster objects).
    if (involvedNs === '' ? ns !== '' && ns !== 'default' : ns !== involvedNs) {
      errs.push(invalid(nsPath, involvedNs, 'does not match event.namespace'));
    }
  } else {
    if (involvedNs === '' && ns !== 'default' && ns !== 'kube-system') {
      errs.push(invalid(nsPath, involvedNs, 'does not match event.namespace'));
    }
    const controller = ev.reportingController ?? '';
    if (controller === '') errs.push(required('reportingController'));
    for (const msg of isQualifiedName(controller)) errs.push(invalid('reportingController', controller, msg));
    lengthRule(errs, 'reportingInstance', ev.reportingInstance, REPORTING_INSTANCE_LENGTH_LIMIT, true);
    lengthRule(errs, 'action', ev.action, ACTION_LENGTH_LIMIT, true);
    lengthRule(errs, 'reason', ev.reason, REASON_LENGTH_LIMIT, true);
    lengthRule(errs, 'message', ev.note, NOTE_LENGTH_LIMIT, false);
  }
  for (const msg of isDNS1123Subdomain(ns)) errs.push(invalid('namespace', ns, msg));
  return errs;
}

function lengthRule(errs: FieldError[], path: string, value: string | undefined, limit: number, needed: boolean): void {
  const v = value ?? '';
  if (needed && v === '') errs.push(required(path));
  if (v.length > limit) errs.push(invalid(path, '', `can have at most ${limit} characters`));
}

function validateSeries(errs: FieldError[], ev: EventV1): void {
  if (!ev.series) return;
  if ((ev.series.count ?? 0) < 2) errs.push(invalid('series.count', '', 'should be at least 2'));
  if (!ev.series.lastObservedTime) errs.push(required('series.lastObservedTime'));
}

/** ValidateEventUpdate for events.k8s.io/v1: a changed series is re-checked; the rest is fixed. */
export function validateEventUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  const ev = obj as unknown as EventV1;
  const old = oldObj as unknown as EventV1;
  const errs = validateObjectMetaUpdate(obj.metadata, oldObj.metadata, META);
  const show = (type: string) => (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? v : v == null ? null : goStructApprox(type, v));
  if (!deepEqual(ev.series ?? null, old.series ?? null)) validateSeries(errs, ev);
  const fields: [string, unknown, unknown, string][] = [
    ['involvedObject', ev.regarding, old.regarding, 'core.ObjectReference'],
    ['reason', ev.reason ?? '', old.reason ?? '', ''],
    ['message', ev.note ?? '', old.note ?? '', ''],
    ['source', ev.deprecatedSource, old.deprecatedSource, 'core.EventSource'],
    ['firstTimestamp', ev.deprecatedFirstTimestamp, old.deprecatedFirstTimestamp, 'v1.Time'],
    ['lastTimestamp', ev.deprecatedLastTimestamp, old.deprecatedLastTimestamp, 'v1.Time'],
    ['count', ev.deprecatedCount ?? 0, old.deprecatedCount ?? 0, ''],
    ['reason', ev.reason ?? '', old.reason ?? '', ''],
    ['type', ev.type ?? '', old.type ?? '', ''],
    ['eventTime', ev.eventTime, old.eventTime, 'v1.MicroTime'],
    ['action', ev.action ?? '', old.action ?? '', ''],
    ['related', ev.related, old.related, 'core.ObjectReference'],
    ['reportingController', ev.reportingController ?? '', old.reportingController ?? '', ''],
    ['reportingInstance', ev.reportingInstance ?? '', old.reportingInstance ?? '', ''],
  ];
  for (const [name, next, prev, type] of fields) immutable(errs, next, prev, FieldPath.root(name), show(type));
  return errs;
}
