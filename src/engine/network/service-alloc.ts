// Service ClusterIPs from 10.96.0.0/12 and node ports from 30000-32767, allocated as the apiserver's
// allocators do: a requested value must be in range and free; otherwise a random free one. What is
// in use is read from the Services themselves, so allocation and release need no state of their own.

import type { Service, ServicePort } from '../api/types.ts';
import { FieldPath, GoValue, invalid, type FieldError } from '../api/field.ts';
import type { Random } from '../sim/random.ts';

export const SERVICE_CIDR = '10.96.0.0/12';
const SERVICE_BASE = ipToInt('10.96.0.0');
const SERVICE_SIZE = 1 << 20;
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

export function ipToInt(ip: string): number {
  const p = ip.split('.').map(Number);
  return ((p[0] << 24) >>> 0) + (p[1] << 16) + (p[2] << 8) + p[3];
}

export function intToIp(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function isValidIPv4(ip: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  return !!m && m.slice(1).every((x) => Number(x) <= 255 && (x === '0' || !x.startsWith('0')));
}

function inServiceRange(ip: string): boolean {
  const n = ipToInt(ip);
  // The network address and the broadcast address are never handed out.
  return n > SERVICE_BASE && n < SERVICE_BASE + SERVICE_SIZE - 1;
}

const goStrings = (xs: string[]) => new GoValue(`[]string{${xs.map((x) => JSON.stringify(x)).join(', ')}}`);

export interface InUse {
  ips: Set<string>;
  nodePorts: Set<number>;
}

export function inUse(services: Iterable<Service>, except?: string): InUse {
  const ips = new Set<string>();
  const nodePorts = new Set<number>();
  for (const s of services) {
    if (except && s.metadata?.uid === except) continue;
    for (const ip of s.spec?.clusterIPs ?? (s.spec?.clusterIP ? [s.spec.clusterIP] : [])) if (ip !== 'None') ips.add(ip);
    for (const p of s.spec?.ports ?? []) if (p.nodePort) nodePorts.add(p.nodePort);
  }
  return { ips, nodePorts };
}

/** Gives a Service its ClusterIP (unless headless or ExternalName). Returns field errors. */
export function allocateClusterIP(svc: Service, used: InUse, random: Random): FieldError[] {
  const spec = svc.spec!;
  if (spec.type === 'ExternalName') return [];
  const wanted = spec.clusterIP || spec.clusterIPs?.[0];
  const path = FieldPath.root('spec', 'clusterIPs');
  if (wanted === 'None') {
    spec.clusterIP = 'None';
    spec.clusterIPs = ['None'];
    return [];
  }
  if (wanted) {
    if (!isValidIPv4(wanted)) return [invalid(path.index(0), wanted, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
    if (!inServiceRange(wanted)) {
      return [invalid(path, goStrings([wanted]), `failed to allocate IP ${wanted}: the provided IP (${wanted}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`)];
    }
    if (used.ips.has(wanted)) return [invalid(path, goStrings([wanted]), `failed to allocate IP ${wanted}: provided IP is already allocated`)];
    spec.clusterIP = wanted;
    spec.clusterIPs = [wanted];
    used.ips.add(wanted);
    return [];
  }
  for (let tries = 0; tries < 1000; tries++) {
    const ip = intToIp(SERVICE_BASE + 1 + random.int(SERVICE_SIZE - 2));
    if (used.ips.has(ip) || ip === '10.96.0.10') continue; // .10 is kept for kube-dns, as kubeadm does.
    spec.clusterIP = ip;
    spec.clusterIPs = [ip];
    used.ips.add(ip);
    return [];
  }
  return [invalid(path, goStrings([]), 'failed to allocate a serviceIP: range is full')];
}

export function needsNodePorts(svc: Service): boolean {
  return svc.spec?.type === 'NodePort' || (svc.spec?.type === 'LoadBalancer' && svc.spec.allocateLoadBalancerNodePorts !== false);
}

/** Gives each port of a NodePort/LoadBalancer Service its node port. */
export function allocateNodePorts(svc: Service, used: InUse, random: Random, keep?: readonly ServicePort[]): FieldError[] {
  const errs: FieldError[] = [];
  const ports = svc.spec?.ports ?? [];
  ports.forEach((p, i) => {
    const path = FieldPath.root('spec', 'ports').index(i).child('nodePort');
    if (p.nodePort) {
      if (keep?.some((k) => k.nodePort === p.nodePort)) return;
      if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX) {
        errs.push(invalid(path, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`));
      } else if (used.nodePorts.has(p.nodePort)) {
        errs.push(invalid(path, p.nodePort, 'provided port is already allocated'));
      } else used.nodePorts.add(p.nodePort);
      return;
    }
    const reuse = keep?.find((k) => k.port === p.port && k.protocol === p.protocol && k.nodePort);
    if (reuse?.nodePort) {
      p.nodePort = reuse.nodePort;
      return;
    }
    for (let tries = 0; tries < 5000; tries++) {
      const port = NODE_PORT_MIN + random.int(NODE_PORT_MAX - NODE_PORT_MIN + 1);
      if (used.nodePorts.has(port)) continue;
      p.nodePort = port;
      used.nodePorts.add(port);
      return;
    }
    errs.push(invalid(path, 0, 'failed to allocate a nodePort: range is full'));
  });
  return errs;
}
