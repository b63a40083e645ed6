// kubectl top pod / top node (kubectl pkg/cmd/top and pkg/metricsutil, 1.30): usage from the
// Metrics API as a table — CPU as millicores (Quantity.MilliValue, rounded up), memory as whole Mi
// (rounded down), node percentages of allocatable — through the same tabwriter as `get`, trailing
// tab and all.

import { parseQuantity, type QuantityInput } from '../../api/quantity.ts';
import type { Selector } from '../../api/labels.ts';
import type { Node } from '../../api/types.ts';
import { R } from '../../api/wellknown.ts';
import { notFound } from '../../api/errors.ts';
import { MetricsApiUnavailable, type NodeSample, type PodSample } from '../../metrics/metrics-server.ts';
import { goDurationString } from '../../util/duration.ts';
import { parseRFC3339 } from '../../util/time.ts';
import { TabWriter, tableWriterOptions } from '../../util/tabwriter.ts';
import { KubectlError, UsageError } from '../errors.ts';
import { bool, str, type FlagSpec } from '../flags.ts';
import { parseSelectors } from '../resources.ts';
import type { Invocation, KubectlCommand } from '../types.ts';
import { allNamespacesFlag, selectorFlag } from './get.ts';

/** metricsCreationDelay: younger pods without metrics are not worth an error of their own. */
const METRICS_CREATION_DELAY_MS = 2 * 60_000;
const Mi = 1024 * 1024;

/** MilliValue of nanocores: rounded up, as Quantity.ScaledValue rounds. */
const cpuMilli = (nano: number) => Math.ceil(nano / 1e6);
const cpuText = (nano: number) => `${cpuMilli(nano)}m`;
const memText = (bytes: number) => `${Math.floor(bytes / Mi)}Mi`;

function writer(): TabWriter {
  return new TabWriter({ ...tableWriterOptions, flags: 0 });
}

function metricsUnavailable(e: unknown): never {
  if (e instanceof MetricsApiUnavailable) throw new KubectlError('Metrics API not available');
  throw e;
}

function sortBy(inv: Invocation): string {
  const s = str(inv.flags, 'sort-by');
  if (s !== '' && s !== 'cpu' && s !== 'memory') throw new KubectlError('--sort-by accepts only cpu or memory');
  return s;
}

function labelSelector(inv: Invocation): Selector | undefined {
  return parseSelectors(str(inv.flags, 'selector'), '').labelSelector;
}

const podCpu = (p: PodSample) => p.containers.reduce((a, c) => a + cpuMilli(c.cpuNano), 0);
const podMem = (p: PodSample) => p.containers.reduce((a, c) => a + c.memory, 0);

function runTopPod(inv: Invocation): number {
  const { cluster } = inv.env;
  const all = bool(inv.flags, 'all-namespaces');
  const containers = bool(inv.flags, 'containers');
  const noHeaders = bool(inv.flags, 'no-headers');
  const sum = bool(inv.flags, 'sum');
  const by = sortBy(inv);
  if (inv.args.length > 1) throw new UsageError('pod [NAME | -l label]', 'kubectl top pod');
  const name = inv.args[0];
  const selector = labelSelector(inv);
  const ns = all ? undefined : inv.namespace;
  let metrics: PodSample[];
  try {
    metrics = cluster.metrics.podMetrics(ns, selector);
  } catch (e) {
    metricsUnavailable(e);
  }
  if (name !== undefined) {
    metrics = metrics.filter((m) => m.name === name);
    if (!metrics.length) throw notFound('podmetrics.metrics.k8s.io', `${inv.namespace}/${name}`);
  }
  if (!metrics.length) {
    verifyEmptyMetrics(inv, ns, selector);
    inv.err(all ? 'No resources found\n' : `No resources found in ${inv.namespace} namespace.\n`);
    return 0;
  }
  const w = writer();
  const cell = (v: string) => w.write(v + '\t');
  let width = 3;
  if (!noHeaders) {
    if (all) {
      cell('NAMESPACE');
      width++;
    }
    if (containers) {
      cell('POD');
      width++;
    }
    for (const c of ['NAME', 'CPU(cores)', 'MEMORY(bytes)']) cell(c);
    w.write('\n');
  }
  const sorted = [...metrics].sort((a, b) => {
    if (by === 'cpu') return podCpu(b) - podCpu(a);
    if (by === 'memory') return podMem(b) - podMem(a);
    if (all && a.namespace !== b.namespace) return a.namespace < b.namespace ? -1 : 1;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
  for (const m of sorted) {
    if (containers) {
      const cs = [...m.containers].sort((a, b) => (by === 'cpu' ? b.cpuNano - a.cpuNano : by === 'memory' ? b.memory - a.memory : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const c of cs) {
        if (all) cell(m.namespace);
        cell(m.name);
        cell(c.name);
        cell(cpuText(c.cpuNano));
        cell(memText(c.memory));
        w.write('\n');
      }
    } else {
      if (all) cell(m.namespace);
      cell(m.name);
      // getPodMetrics adds the containers' Quantities: CPU in whole millicores each.
      cell(`${podCpu(m)}m`);
      cell(memText(podMem(m)));
      w.write('\n');
    }
  }
  if (sum) {
    const cpu = sorted.reduce((a, m) => a + podCpu(m), 0);
    const mem = sorted.reduce((a, m) => a + podMem(m), 0);
    if (noHeaders) width = 3 + (all ? 1 : 0) + (containers ? 1 : 0);
    for (let i = 0; i < width - 2; i++) cell('');
    cell('________');
    cell('________');
    w.write('\n');
    for (let i = 0; i < width - 3; i++) cell('');
    cell('');
    cell(`${cpu}m`);
    cell(memText(mem));
    w.write('\n');
  }
  inv.out(w.flush());
  return 0;
}

/** verifyEmptyMetrics: say why nothing came back, when pods exist that should have had metrics. */
function verifyEmptyMetrics(inv: Invocation, ns: string | undefined, selector: Selector | undefined): void {
  const { cluster } = inv.env;
  const pods = cluster.store.list(R.pods, ns).filter((p) => !selector || selector.matches(p.metadata.labels ?? {}));
  if (!pods.length) return;
  const now = cluster.now();
  for (const p of pods) {
    const age = now - (parseRFC3339(p.metadata.creationTimestamp) ?? now);
    if (age > METRICS_CREATION_DELAY_MS) throw new KubectlError(`Metrics not available for pod ${p.metadata.namespace}/${p.metadata.name}, age: ${goDurationString(age)}`);
  }
  throw new KubectlError('metrics not available yet');
}

function runTopNode(inv: Invocation): number {
  const { cluster } = inv.env;
  const noHeaders = bool(inv.flags, 'no-headers');
  const capacity = bool(inv.flags, 'show-capacity');
  const by = sortBy(inv);
  if (inv.args.length > 1) throw new UsageError('node [NAME | -l label]', 'kubectl top node');
  const name = inv.args[0];
  const selector = labelSelector(inv);
  let metrics: NodeSample[];
  try {
    metrics = cluster.metrics.nodeMetrics();
  } catch (e) {
    metricsUnavailable(e);
  }
  let nodes = cluster.store.list(R.nodes) as (Node & { metadata: { name?: string; labels?: Record<string, string> } })[];
  if (name !== undefined) {
    metrics = metrics.filter((m) => m.name === name);
    if (!metrics.length) throw notFound('nodemetrics.metrics.k8s.io', name);
    nodes = nodes.filter((n) => n.metadata.name === name);
    if (!nodes.length) throw notFound('nodes', name);
  } else if (selector) {
    nodes = nodes.filter((n) => selector.matches(n.metadata.labels ?? {}));
    const names = new Set(nodes.map((n) => n.metadata.name));
    metrics = metrics.filter((m) => names.has(m.name));
  }
  if (!metrics.length) throw new KubectlError('metrics not available yet');
  const available = new Map<string, Record<string, QuantityInput>>();
  for (const n of nodes) available.set(n.metadata.name!, ((capacity ? n.status?.capacity : n.status?.allocatable) ?? {}) as Record<string, QuantityInput>);
  const w = writer();
  const cell = (v: string) => w.write(v + '\t');
  if (!noHeaders) {
    for (const c of ['NAME', 'CPU(cores)', 'CPU%', 'MEMORY(bytes)', 'MEMORY%']) cell(c);
    w.write('\n');
  }
  const sorted = [...metrics].sort((a, b) => (by === 'cpu' ? cpuMilli(b.cpuNano) - cpuMilli(a.cpuNano) : by === 'memory' ? b.memory - a.memory : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const m of sorted) {
    const avail = available.get(m.name);
    cell(m.name);
    cell(cpuText(m.cpuNano));
    if (avail?.cpu !== undefined) cell(`${Math.trunc((cpuMilli(m.cpuNano) / parseQuantity(avail.cpu).milliValue()) * 100)}%`);
    cell(memText(m.memory));
    if (avail?.memory !== undefined) cell(`${Math.trunc(((m.memory * 1000) / parseQuantity(avail.memory).milliValue()) * 100)}%`);
    w.write('\n');
    available.delete(m.name);
  }
  // Nodes the Metrics API has nothing for (their kubelet does not answer).
  for (const n of available.keys()) {
    cell(n);
    for (let i = 0; i < 4; i++) cell('<unknown>');
    w.write('\n');
  }
  inv.out(w.flush());
  return 0;
}

const noHeadersFlag: FlagSpec = { name: 'no-headers', type: 'bool', default: false, usage: 'If present, print output without headers' };
const sortByFlag = (what: string): FlagSpec => ({ name: 'sort-by', type: 'string', default: '', usage: `If non-empty, sort ${what} list using specified field. The field can be either 'cpu' or 'memory'.` });

const topPodCommand: KubectlCommand = {
  name: 'pod',
  aliases: ['pods', 'po'],
  short: 'Display resource (CPU/memory) usage of pods',
  long: `Display resource (CPU/memory) usage of pods.

 The 'top pod' command allows you to see the resource consumption of pods.

 Due to the metrics pipeline delay, they may be unavailable for a few minutes since pod creation.`,
  examples: `# Show metrics for all pods in the default namespace
kubectl top pod

# Show metrics for all pods in the given namespace
kubectl top pod --namespace=NAMESPACE

# Show metrics for a given pod and its containers
kubectl top pod POD_NAME --containers

# Show metrics for the pods defined by label name=myLabel
kubectl top pod -l name=myLabel`,
  usage: 'kubectl top pod [NAME | -l label] [options]',
  flags: [
    allNamespacesFlag,
    { name: 'containers', type: 'bool', default: false, usage: 'If present, print usage of containers within a pod.' },
    { name: 'field-selector', type: 'string', default: '', usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." },
    noHeadersFlag,
    selectorFlag,
    sortByFlag('pods'),
    { name: 'sum', type: 'bool', default: false, usage: 'Print the sum of the resource usage' },
    { name: 'use-protocol-buffers', type: 'bool', default: true, usage: 'Enables using protocol-buffers to access Metrics API.' },
  ],
  run: runTopPod,
};

const topNodeCommand: KubectlCommand = {
  name: 'node',
  aliases: ['nodes', 'no'],
  short: 'Display resource (CPU/memory) usage of nodes',
  long: `Display resource (CPU/memory) usage of nodes.

 The top-node command allows you to see the resource consumption of nodes.`,
  examples: `# Show metrics for all nodes
kubectl top node

# Show metrics for a given node
kubectl top node NODE_NAME`,
  usage: 'kubectl top node [NAME | -l label] [options]',
  flags: [
    noHeadersFlag,
    selectorFlag,
    { name: 'show-capacity', type: 'bool', default: false, usage: 'Print node resources based on Capacity instead of Allocatable(default) of the nodes.' },
    sortByFlag('nodes'),
    { name: 'use-protocol-buffers', type: 'bool', default: true, usage: 'Enables using protocol-buffers to access Metrics API.' },
  ],
  run: runTopNode,
};

export const topCommand: KubectlCommand = {
  name: 'top',
  group: 'Cluster Management Commands',
  short: 'Display resource (CPU/memory) usage',
  long: `Display resource (CPU/memory) usage.

 The top command allows you to see the resource consumption for nodes or pods.

 This command requires Metrics Server to be correctly configured and working on the server.`,
  usage: 'kubectl top [flags] [options]',
  subcommands: [topNodeCommand, topPodCommand],
};
