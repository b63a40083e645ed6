// Engine benchmarks: the figures `npm run bench` prints. Never assertions: a slow machine prints
// slower numbers, and that is all.

import { Cluster } from '../src/engine/cluster.ts';
import { K } from '../src/engine/api/wellknown.ts';
import type { KubeObject } from '../src/engine/api/object.ts';

export function podManifest(name: string, cpu = '10m', memory = '16Mi'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: 'bench' } },
    spec: { containers: [{ name: 'app', image: 'nginx:1.25', resources: { requests: { cpu, memory } } }] },
  };
}

function bigCluster(nodes: number): Cluster {
  // A short settle: the nodes register and get their pod CIDRs, that is all the benchmark needs.
  return new Cluster({ seed: 1, workers: nodes, settleMs: 1000 });
}

/** Pods bound per second by the scheduler onto `nodes` nodes (scheduling, binding, events). */
export function schedulingThroughput(nodes: number, pods: number): number {
  const c = bigCluster(nodes);
  c.scheduler.setRunning(false);
  for (let i = 0; i < pods; i++) c.api.create(K.Pod, podManifest(`p-${i}`));
  const t0 = performance.now();
  c.scheduler.setRunning(true);
  c.sim.drain();
  const ms = performance.now() - t0;
  const bound = c.store.list('pods', 'default').filter((p) => (p.spec as { nodeName?: string }).nodeName).length;
  if (bound !== pods) throw new Error(`only ${bound} of ${pods} pods were scheduled`);
  return (pods / ms) * 1000;
}

/** Wall milliseconds from creating `pods` pods to all of them Running, on `nodes` nodes. */
export function createToRunning(nodes: number, pods: number): number {
  const c = bigCluster(nodes);
  const t0 = performance.now();
  for (let i = 0; i < pods; i++) c.api.create(K.Pod, podManifest(`p-${i}`));
  const running = () => c.store.count('pods') > 0 && countRunning(c) >= pods;
  let guard = 0;
  while (!running() && guard++ < 600) c.advance(1000);
  const ms = performance.now() - t0;
  if (!running()) throw new Error('pods did not all start');
  return ms;
}

function countRunning(c: Cluster): number {
  let n = 0;
  for (const p of c.store.each('pods')) if ((p.status as { phase?: string } | undefined)?.phase === 'Running' && p.metadata.namespace === 'default') n++;
  return n;
}

/** Heap bytes used by a cluster of `nodes` nodes holding `pods` pods (after a GC, if exposed). */
export function heapFor(nodes: number, pods: number): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const c = bigCluster(nodes);
  c.scheduler.setRunning(false);
  for (let i = 0; i < pods; i++) c.api.create(K.Pod, podManifest(`p-${i}`));
  c.scheduler.setRunning(true);
  c.sim.drain();
  gc?.();
  const after = process.memoryUsage().heapUsed;
  if (c.store.count('pods') < pods) throw new Error('pods missing');
  return after - before;
}

/** Wall milliseconds to let one simulated hour pass in a cluster of `nodes` nodes and `pods` pods. */
export function fastForwardHour(nodes: number, pods: number): number {
  const c = bigCluster(nodes);
  for (let i = 0; i < pods; i++) c.api.create(K.Pod, podManifest(`p-${i}`));
  c.advance(60_000);
  const t0 = performance.now();
  c.advance(3_600_000);
  return performance.now() - t0;
}
