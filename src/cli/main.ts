// kube-sandbox: the sandbox's engine in Node. Runs shell lines (a script file, or stdin) against a
// fresh simulated cluster and prints exactly what the browser terminal would print.

import { readFileSync } from 'node:fs';
import { Headless } from '../engine/terminal/headless.ts';
import { MemoryFS, OverlayFS } from '../engine/shell/index.ts';
import { HostFS } from './host-fs.ts';
// kubectl explain's descriptions (the browser's worker loads them lazily instead).
import '../engine/api/schema/docs.ts';

const HELP = `kube-sandbox: a simulated Kubernetes cluster in your terminal.

Usage:
  kube-sandbox [--seed N] [--workers N] [SCRIPT]

Runs the shell lines in SCRIPT (or read from stdin when no file is given) in a fresh cluster:
one control-plane node (k8s-master01) and N worker nodes (k8s-node01, …), started at a fixed
instant and run for five simulated minutes. The shell is the browser terminal's: kubectl, the
sandbox command (sandbox help), sleep DURATION (lets simulated time pass), pipes, heredocs.

Simulated time moves only when a command lets it: sleep, a command that waits (kubectl wait,
kubectl delete, kubectl get -w, which stops after --request-timeout or 60 seconds), and each
kubectl call's own 0.1 s. The same seed and script always print the same bytes.

kubectl -f PATH reads the real filesystem, relative to the working directory; files a script
writes (cat > f.yaml <<EOF) stay in memory.

Options:
  --seed N       seed of the simulation's random choices (default 1)
  --workers N    number of worker nodes (default 2)
  -h, --help     show this help

The exit status is the last command's, as with sh.

Example:
  kube-sandbox <<'SCRIPT'
  kubectl run web --image=nginx
  kubectl wait --for=condition=Ready pod/web
  kubectl get pods -o wide
  SCRIPT
`;

interface Args {
  seed: number;
  workers: number;
  script?: string;
}

function parseArgs(argv: string[]): Args | number {
  const a: Args = { seed: 1, workers: 2 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (name: string) => {
      const v = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (v === undefined || !/^\d+$/.test(v)) {
        process.stderr.write(`kube-sandbox: ${name} needs a whole number\n`);
        return undefined;
      }
      return Number(v);
    };
    if (arg === '-h' || arg === '--help') {
      process.stdout.write(HELP);
      return 0;
    } else if (arg === '--seed' || arg.startsWith('--seed=')) {
      const v = value('--seed');
      if (v === undefined) return 2;
      a.seed = v;
    } else if (arg === '--workers' || arg.startsWith('--workers=')) {
      const v = value('--workers');
      if (v === undefined) return 2;
      if (v > 200) {
        process.stderr.write('kube-sandbox: --workers is at most 200\n');
        return 2;
      }
      a.workers = v;
    } else if (arg.startsWith('-') && arg !== '-') {
      process.stderr.write(`kube-sandbox: unknown option ${arg}\nTry 'kube-sandbox --help'.\n`);
      return 2;
    } else if (a.script === undefined) {
      a.script = arg;
    } else {
      process.stderr.write(`kube-sandbox: only one SCRIPT may be given\n`);
      return 2;
    }
  }
  return a;
}

export function main(argv: string[]): number {
  const args = parseArgs(argv);
  if (typeof args === 'number') return args;
  let text: string;
  try {
    text = args.script && args.script !== '-' ? readFileSync(args.script, 'utf8') : readFileSync(0, 'utf8');
  } catch (e) {
    process.stderr.write(`kube-sandbox: ${args.script}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (e as Error).message}\n`);
    return 127;
  }
  const fs = new OverlayFS(new MemoryFS(), new HostFS());
  const sandbox = new Headless({ seed: args.seed, workers: args.workers, fs, cwd: process.cwd() });
  return sandbox.exec(text, {
    stdin: '',
    stdout: (s) => void process.stdout.write(s),
    stderr: (s) => void process.stderr.write(s),
  });
}
