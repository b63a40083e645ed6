// metrics-server (kubernetes-sigs/metrics-server): every --metric-resolution (15s) it scrapes each
// kubelet's resource metrics and keeps the latest usage of every node, pod and container in memory;
// it serves them as metrics.k8s.io/v1beta1 PodMetrics and NodeMetrics, which `kubectl top` and the
// HPA controller read.
//
// It exists only while a metrics-server pod in kube-system is Running and Ready (the APIService
// v1beta1.metrics.k8s.io is Available then). Without one, the Metrics API is not there: every request
// fails, which kubectl reports as "Metrics API not available" and the HPA as FailedGetResourceMetric.
// A new metrics-server starts empty; and as CPU usage is a rate between two samples, a pod (or node)
// appears only at the second scrape that sees it running.
//
// The sandbox's apiserver does not aggregate APIs, so clients call this component directly
// (podMetrics, nodeMetrics) instead of going through /apis/metrics.k8s.io.

import type { Selector } from '../api/labels.ts';
import type { Pod } from '../api/types.ts';
import type { KubeObject } from '../api/object.ts';
import { R } from '../api/wellknown.ts';
import { isPodReady } from '../controllers/replicaset-util.ts';
import { NODE_OVERHEAD, wobble } from '../runtime/usage.ts';
import type { Component, Sim } from '../sim/sim.ts';
import type { Store } from '../store/store.ts';
import { formatRFC3339 } from '../util/time.ts';
import type { WorkloadUsage } from './workload-usage.ts';

/** --metric-resolution */
export const METRIC_RESOLUTION_MS = 15_000;
export const METRICS_SERVER_NAMESPACE = 'kube-system';
export const METRICS_SERVER_LABEL = { key: 'k8s-app', value: 'metrics-server' };

/** The request failed because the aggregated API is not there (no APIService backend). */
export class MetricsApiUnavailable extends Error {
  constructor(readonly resource: 'pods' | 'nodes') {
    super(`the server could not find the requested resource (get ${resource}.metrics.k8s.io)`);
  }
}

export interface ContainerSample {
  name: string;
  /** nanocores, as metrics-server reports CPU */
  cpuNano: number;
  /** working set bytes */
  memory: number;
}

export interface PodSample {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  /** When the sample was taken, and over how long the CPU rate was measured. */
  timestamp: number;
  windowMs: number;
  containers: ContainerSample[];
}

export interface NodeSample {
  name: string;
  timestamp: number;
  windowMs: number;
  cpuNano: number;
  memory: number;
}

interface State {
  server?: string;
  seen: string[];
  pods: PodSample[];
  nodes: NodeSample[];
}

export class MetricsServer implements Component {
  readonly name = 'metrics-server';
  /** The uid of the metrics-server pod whose memory holds the samples. */
  private server: string | undefined;
  /** Pods' containers and nodes seen running at the last scrape (the first of two CPU samples). */
  private seen = new Set<string>();
  private pods: PodSample[] = [];
  private nodes: NodeSample[] = [];

  constructor(
    private readonly store: Store,
    private readonly sim: Sim,
    private readonly usage: WorkloadUsage,
    /** Whether a node's kubelet answers (a stopped kubelet serves no metrics). */
    private readonly kubeletUp: (node: string) => boolean,
  ) {
    sim.register(this);
    sim.setTimer(this.name, 'scrape', sim.now() + METRIC_RESOLUTION_MS);
  }

  /** The ready metrics-server pod backing the API, if any. */
  private backend(): (KubeObject & Pod) | undefined {
    for (const p of this.store.list(R.pods, METRICS_SERVER_NAMESPACE)) {
      const pod = p as KubeObject & Pod;
      if (pod.metadata.labels?.[METRICS_SERVER_LABEL.key] !== METRICS_SERVER_LABEL.value) continue;
      if (pod.metadata.deletionTimestamp || pod.status?.phase !== 'Running' || !isPodReady(pod)) continue;
      return pod;
    }
    return undefined;
  }

  available(): boolean {
    return this.backend() !== undefined;
  }

  onTimer(): void {
    const now = this.sim.now();
    this.sim.setTimer(this.name, 'scrape', now + METRIC_RESOLUTION_MS);
    this.scrape(now);
  }

  private scrape(now: number): void {
    const backend = this.backend();
    if (!backend || backend.metadata.uid !== this.server) {
      // A metrics-server that went away (or a new one) has nothing in memory.
      this.server = backend?.metadata.uid;
      this.seen.clear();
      this.pods = [];
      this.nodes = [];
    }
    // The workloads run whether or not anyone measures them: keep their usage moving.
    const measured = this.usage.measure();
    if (!backend) return;
    const seen = new Set<string>();
    const pods: PodSample[] = [];
    const nodeTotals = new Map<string, { cpu: number; memory: number }>();
    for (const n of this.store.list(R.nodes)) {
      const name = n.metadata.name!;
      if (this.kubeletUp(name)) nodeTotals.set(name, { cpu: 0, memory: 0 });
    }
    for (const p of measured) {
      const total = nodeTotals.get(p.nodeName);
      if (!total) continue; // its kubelet does not answer
      const containers: ContainerSample[] = [];
      let complete = true;
      for (const c of p.containers) {
        total.cpu += c.cpu;
        total.memory += c.memory;
        const key = `${p.uid}/${c.name}`;
        seen.add(key);
        if (!this.seen.has(key)) complete = false;
        containers.push({ name: c.name, cpuNano: Math.round(c.cpu * 1e6), memory: c.memory });
      }
      // metrics-server drops a pod until it has two samples of every container.
      if (complete && containers.length) pods.push({ namespace: p.namespace, name: p.name, labels: p.labels, timestamp: now, windowMs: METRIC_RESOLUTION_MS, containers });
    }
    const nodes: NodeSample[] = [];
    for (const [name, t] of nodeTotals) {
      const key = `node/${name}`;
      seen.add(key);
      if (!this.seen.has(key)) continue;
      const w = wobble(key, now);
      nodes.push({ name, timestamp: now, windowMs: METRIC_RESOLUTION_MS, cpuNano: Math.round((t.cpu + NODE_OVERHEAD.cpu * w) * 1e6), memory: Math.round(t.memory + NODE_OVERHEAD.memory * wobble(key + '/mem', now, 0.01)) });
    }
    this.seen = seen;
    this.pods = pods;
    this.nodes = nodes;
  }

  /** GET /apis/metrics.k8s.io/v1beta1/[namespaces/NS/]pods?labelSelector=… */
  podMetrics(namespace?: string, selector?: Selector): PodSample[] {
    if (!this.available()) throw new MetricsApiUnavailable('pods');
    return this.pods.filter((p) => (namespace === undefined || p.namespace === namespace) && (!selector || selector.matches(p.labels)));
  }

  /** GET /apis/metrics.k8s.io/v1beta1/nodes */
  nodeMetrics(): NodeSample[] {
    if (!this.available()) throw new MetricsApiUnavailable('nodes');
    return this.nodes;
  }

  snapshot(): State {
    return { server: this.server, seen: [...this.seen], pods: this.pods, nodes: this.nodes };
  }

  restore(state: unknown): void {
    const s = state as State;
    this.server = s.server;
    this.seen = new Set(s.seen);
    this.pods = s.pods;
    this.nodes = s.nodes;
  }
}

/** A PodMetrics object as metrics.k8s.io/v1beta1 serves it (for -o yaml and the like). */
export function podMetricsObject(p: PodSample): KubeObject {
  return {
    apiVersion: 'metrics.k8s.io/v1beta1',
    kind: 'PodMetrics',
    metadata: { name: p.name, namespace: p.namespace, labels: p.labels, creationTimestamp: formatRFC3339(p.timestamp) },
    timestamp: formatRFC3339(p.timestamp),
    window: `${p.windowMs / 1000}s`,
    containers: p.containers.map((c) => ({ name: c.name, usage: { cpu: `${c.cpuNano}n`, memory: `${Math.round(c.memory / 1024)}Ki` } })),
  } as KubeObject;
}
