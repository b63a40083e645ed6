// npm run bench: prints the engine's figures, each the median of several runs, with the machine.

import { cpus, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createToRunning, fastForwardHour, heapFor, schedulingThroughput } from './engine.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(label: string, runs: number, fn: () => number, format: (v: number) => string, goal: string): void {
  const values: number[] = [];
  for (let i = 0; i < runs; i++) values.push(fn());
  console.log(`${label.padEnd(58)} ${format(median(values)).padStart(14)}   (goal ${goal}; ${runs} runs)`);
}

/** The CLI as a user runs it: the bundle npm install builds, rebuilt here if the sources are newer. */
function ensureCliBundle(): void {
  execFileSync(process.execPath, [join(import.meta.dirname, '..', 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '-c', 'vite.cli.config.ts'], {
    cwd: join(import.meta.dirname, '..'),
    stdio: 'ignore',
  });
}

function cliScriptMs(): number {
  const dir = mkdtempSync(join(tmpdir(), 'kube-sandbox-bench-'));
  const script = join(dir, 'script.sh');
  const lines = [
    'kubectl get nodes',
    'kubectl run web --image=nginx',
    'kubectl get pods',
    'kubectl create namespace dev',
    'kubectl run api --image=nginx -n dev',
    'kubectl get pods -A',
    'kubectl label pod web tier=frontend',
    'kubectl get pods -l tier=frontend',
    'kubectl annotate pod web note=hello',
    'kubectl wait --for=condition=Ready pod/web',
    'kubectl get pod web -o wide',
    'kubectl get pod web -o yaml | head -5',
    'kubectl get pod web -o jsonpath={.status.podIP}',
    'kubectl describe pod web | head -3',
    'kubectl get ns',
    'kubectl get svc',
    'kubectl api-resources | wc -l',
    'sleep 10s',
    'kubectl delete pod web',
    'kubectl get pods',
  ];
  writeFileSync(script, lines.join('\n') + '\n');
  const t0 = performance.now();
  execFileSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'kube-sandbox.js'), script], { stdio: 'ignore' });
  return performance.now() - t0;
}

console.log(`Kube Sandbox engine benchmarks — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
console.log(`median of ${RUNS} runs each\n`);
measure('pods scheduled per second onto 5,000 nodes', RUNS, () => schedulingThroughput(5000, 10_000), (v) => `${Math.round(v).toLocaleString('en')}/s`, '≥ 8,100/s');
measure('10,000 pods from create to Running (100 nodes), wall time', RUNS, () => createToRunning(100, 10_000), (v) => `${(v / 1000).toFixed(2)} s`, '≤ 1 s');
measure('heap for 5,000 nodes + 150,000 pods', Math.min(RUNS, 3), () => heapFor(5000, 150_000), (v) => `${(v / 2 ** 20).toFixed(0)} MB`, '≤ 256 MB');
measure('one simulated hour of 100 nodes / 3,000 pods, wall time', RUNS, () => fastForwardHour(100, 3000), (v) => `${(v / 1000).toFixed(2)} s`, '≤ 5 s');
{
  const { checkpointMs, lookBackMs } = await import('./rewind.ts');
  measure('rewind: one checkpoint, 20 nodes / 1,000 pods', RUNS, () => checkpointMs(20, 1000), (v) => `${v.toFixed(1)} ms`, 'small next to a minute');
  measure('rewind: look back 59 s (replay from a checkpoint), 20 nodes / 1,000 pods', RUNS, () => lookBackMs(20, 1000, 1000), (v) => `${v.toFixed(0)} ms`, '≤ 250 ms');
}
ensureCliBundle();
measure('whole-process time of a 20-line CLI script', RUNS, cliScriptMs, (v) => `${(v / 1000).toFixed(2)} s`, '≤ 1.5 s');

if (!process.env.BENCH_SKIP_BROWSER) {
  console.log('\nbrowser figures (headless Chromium, production build)\n');
  const { browserBench } = await import('./browser.ts');
  await browserBench();
}
