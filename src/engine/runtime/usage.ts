// What a running container uses, as the kubelet's cAdvisor would measure it: CPU in millicores and
// memory (working set) in bytes. Pure functions of the image, the demand placed on the container
// and simulated time, so that the same cluster measures the same numbers.
//
// A container idles at a small baseline that depends on its image (nginx ~1m and a few Mi, the
// apiserver far more). Demand (from `sandbox load` or a load-generator pod hitting a Service) adds
// CPU on top; the measured value follows demand smoothly (CPU usage is a rate over a window, and
// work queues up and drains), is throttled at the container's CPU limit, and memory grows a little
// with load (buffers, PHP workers...).

import { parseImageRef } from './image-ref.ts';

export interface Usage {
  /** millicores */
  cpu: number;
  /** bytes */
  memory: number;
}

const Mi = 1024 * 1024;

/** Idle usage by image repository (roughly what `kubectl top` shows on a kubeadm lab cluster). */
const BASELINES: Record<string, Usage> = {
  'docker.io/library/nginx': { cpu: 1, memory: 3 * Mi },
  'docker.io/library/busybox': { cpu: 0, memory: 0.4 * Mi },
  'docker.io/library/alpine': { cpu: 0, memory: 0.5 * Mi },
  'registry.k8s.io/hpa-example': { cpu: 1, memory: 9 * Mi },
  'docker.io/library/httpd': { cpu: 1, memory: 6 * Mi },
  'docker.io/library/redis': { cpu: 2, memory: 3 * Mi },
  'docker.io/library/mysql': { cpu: 6, memory: 360 * Mi },
  'docker.io/library/tomcat': { cpu: 2, memory: 110 * Mi },
  'docker.io/wangyanglinux/myapp': { cpu: 0, memory: 2 * Mi },
  'hub.harry.com/library/myapp': { cpu: 0, memory: 2 * Mi },
  'docker.io/guangzhengli/hellok8s': { cpu: 0, memory: 3 * Mi },
  'registry.k8s.io/etcd': { cpu: 22, memory: 38 * Mi },
  'registry.k8s.io/kube-apiserver': { cpu: 48, memory: 240 * Mi },
  'registry.k8s.io/kube-controller-manager': { cpu: 14, memory: 46 * Mi },
  'registry.k8s.io/kube-scheduler': { cpu: 3, memory: 18 * Mi },
  'registry.k8s.io/kube-proxy': { cpu: 1, memory: 14 * Mi },
  'registry.k8s.io/coredns/coredns': { cpu: 2, memory: 12 * Mi },
  'registry.k8s.io/metrics-server/metrics-server': { cpu: 3, memory: 17 * Mi },
  'docker.io/flannel/flannel': { cpu: 2, memory: 11 * Mi },
};
const DEFAULT_BASELINE: Usage = { cpu: 1, memory: 2 * Mi };

/** CPU a node spends outside pods (kubelet, containerd, the OS), and its memory. */
export const NODE_OVERHEAD: Usage = { cpu: 35, memory: 520 * Mi };

/** Memory a container gains per millicore of CPU it uses under load. */
const MEMORY_PER_MILLICORE = 16 * 1024;

/** How fast measured CPU follows demand: the time constant of the approach (95% after a minute). */
export const USAGE_TIME_CONSTANT_MS = 20_000;

export function baseline(image: string): Usage {
  const ref = parseImageRef(image);
  return (ref && BASELINES[ref.repository]) || DEFAULT_BASELINE;
}

/**
 * The CPU one endless `wget`/`curl` loop causes in the servers behind a Service, by the servers'
 * image. A loop has one request in flight at a time, so for a CPU-bound server (the HPA
 * walkthrough's php-apache computes square roots per request) it keeps most of a core busy; for a
 * static web server it is a trickle.
 */
const GENERATOR_DEMAND: Record<string, number> = {
  'registry.k8s.io/hpa-example': 700,
  'docker.io/library/httpd': 40,
  'docker.io/library/tomcat': 60,
};
const DEFAULT_GENERATOR_DEMAND = 20;

export function generatorDemand(serverImage: string): number {
  const ref = parseImageRef(serverImage);
  return (ref && GENERATOR_DEMAND[ref.repository]) ?? DEFAULT_GENERATOR_DEMAND;
}

/** Measured CPU moves from `from` toward `target` over `dtMs` (an exponential approach). */
export function approach(from: number, target: number, dtMs: number): number {
  if (dtMs <= 0) return from;
  const k = Math.exp(-dtMs / USAGE_TIME_CONSTANT_MS);
  const v = target + (from - target) * k;
  // Close enough is there: keeps numbers from creeping forever in the last fraction of a millicore.
  return Math.abs(v - target) < 0.05 ? target : v;
}

/** CPU is throttled at the limit (CFS quota); no limit, no cap. */
export function throttle(cpu: number, limitMilli: number | undefined): number {
  return limitMilli !== undefined && limitMilli > 0 ? Math.min(cpu, limitMilli) : cpu;
}

/**
 * A small deterministic wobble (±`amplitude` of the value) from a seed string and the instant, so
 * idle numbers look measured rather than constant. A hash, not a random draw: no state to keep.
 */
export function wobble(seed: string, at: number, amplitude = 0.08): number {
  let h = 2166136261;
  const s = seed + ':' + Math.floor(at / 15_000);
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  const unit = ((h >>> 0) % 10_000) / 10_000; // [0, 1)
  return 1 + amplitude * (unit * 2 - 1);
}

/**
 * A container's usage at an instant: its image's idle baseline plus the smoothed CPU from demand,
 * throttled at the CPU limit; memory is the baseline plus what load adds.
 */
export function containerUsage(image: string, loadCpu: number, limitCpu: number | undefined, seed: string, at: number): Usage {
  const base = baseline(image);
  const cpu = throttle(base.cpu * wobble(seed, at) + loadCpu, limitCpu);
  const memory = base.memory * wobble(seed + '/mem', at, 0.02) + Math.max(0, cpu - base.cpu) * MEMORY_PER_MILLICORE;
  return { cpu: Math.max(0, cpu), memory: Math.round(memory) };
}

/** Demand on a group of ready pods is spread evenly over them (what a Service's load balancing does). */
export function spread(total: number, pods: number): number {
  return pods > 0 ? total / pods : 0;
}

export interface GeneratorTarget {
  /** The host the loop requests: a Service name, maybe qualified with its namespace. */
  service: string;
  namespace?: string;
}

const LOOP = /\b(while|until|for)\b/;
/** Flags of wget and curl that take the next word as their value. */
const VALUE_FLAGS = new Set(['-O', '-o', '-H', '-X', '-d', '-T', '-U', '-A', '-e', '--header', '--data', '--output']);

/** The URL a wget/curl invocation fetches: the first word that is neither a flag nor a flag's value. */
function fetchedUrl(words: string[]): string | undefined {
  const explicit = words.find((w) => /^https?:\/\//i.test(w));
  if (explicit) return explicit;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.startsWith('-')) continue;
    if (i > 0 && VALUE_FLAGS.has(words[i - 1])) continue;
    return w;
  }
  return undefined;
}

/**
 * Is this container a load generator — a shell loop fetching from a Service — and which one?
 * Recognises the HPA walkthrough's `/bin/sh -c "while sleep 0.01; do wget -q -O- http://php-apache; done"`
 * and its curl variants; the host may be `svc`, `svc.ns`, `svc.ns.svc` or `svc.ns.svc.cluster.local`.
 */
export function loadGeneratorTarget(command: readonly string[] | undefined, args: readonly string[] | undefined): GeneratorTarget | undefined {
  const script = [...(command ?? []), ...(args ?? [])].join(' ');
  if (!LOOP.test(script)) return undefined;
  const m = /\b(?:wget|curl)\s+([^;|&]*)/.exec(script);
  if (!m) return undefined;
  const url = fetchedUrl(m[1].replace(/["']/g, '').split(/\s+/).filter((w) => w && w !== 'done'));
  if (!url) return undefined;
  const host = url.replace(/^https?:\/\//i, '').split(/[/:?]/)[0].toLowerCase().replace(/\.$/, '');
  const parts = host.split('.');
  if (!parts[0] || /^\d+$/.test(parts[0])) return undefined; // an IP address, not a Service name
  if (parts.length === 1) return { service: parts[0] };
  if (parts.length === 2 || parts[2] === 'svc') return { service: parts[0], namespace: parts[1] };
  return undefined;
}
