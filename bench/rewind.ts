// Rewind figures: what a checkpoint costs the live worker, and how long a look back takes (restore
// the nearest checkpoint, replay to the moment) on a busy sandbox.

import { WorkerSandbox } from '../src/worker/sandbox.ts';
import { CHECKPOINT_EVERY_MS } from '../src/worker/rewind.ts';

function podsYaml(n: number): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    docs.push(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\n  labels: {app: bench}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.25\n    resources: {requests: {cpu: 10m, memory: 16Mi}}\n`);
  }
  return docs.join('---\n');
}

/** A sandbox with `pods` pods on `nodes` nodes that has run a few simulated minutes. */
function busySandbox(nodes: number, pods: number): WorkerSandbox {
  const s = new WorkerSandbox(() => {});
  s.handle({ type: 'init', seed: 1, workers: nodes });
  s.handle({ type: 'apply', id: 1, path: '/root/pods.yaml', content: podsYaml(pods) });
  for (let i = 0; i < 4; i++) s.handle({ type: 'step', ms: CHECKPOINT_EVERY_MS });
  return s;
}

/** Wall ms of one checkpoint of the live host. */
export function checkpointMs(nodes: number, pods: number): number {
  const s = busySandbox(nodes, pods);
  const t0 = performance.now();
  s.host!.checkpoint();
  return performance.now() - t0;
}

/** Wall ms to show the cluster as it was `backMs` ago (the farthest from a checkpoint is a minute). */
export function lookBackMs(nodes: number, pods: number, backMs: number): number {
  const s = busySandbox(nodes, pods);
  const at = s.host!.cluster.now() - backMs;
  const t0 = performance.now();
  s.handle({ type: 'rewind', at });
  return performance.now() - t0;
}
