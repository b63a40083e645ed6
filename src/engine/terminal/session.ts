// A terminal session: the shell a learner types into, with kubectl, the sandbox command and a few
// terminal commands, over the sandbox's file area. The browser terminal and the headless CLI both
// run one of these; only how they let simulated time pass differs.

import type { Cluster } from '../cluster.ts';
import { defaultKubeConfig, type KubeConfig } from '../kubectl/config.ts';
import { KUBECTL_COMMANDS } from '../kubectl/commands/index.ts';
import { createKubectl } from '../kubectl/kubectl.ts';
import { sandboxCommand } from '../sandbox/command.ts';
import { builtinCommands, commandTable, MemoryFS, Shell, ShellEnvImpl } from '../shell/index.ts';
import type { Command, ShellEffect, ShellIO, VirtualFS } from '../shell/types.ts';
import { formatDate } from './date.ts';

export interface SessionOptions {
  interactive: boolean;
  /** The file area; a fresh in-memory one by default. */
  fs?: VirtualFS;
  cwd?: string;
  /** Extra commands a host adds (the CLI has none; the browser may add `open` for the editor). */
  commands?: Record<string, Command>;
}

export const HOME = '/root';
export const CLEAR_SCREEN = '\x1b[H\x1b[2J\x1b[3J';

export class TerminalSession {
  readonly shell: Shell;
  readonly fs: VirtualFS;
  readonly config: KubeConfig;
  readonly history: string[] = [];

  constructor(
    readonly cluster: Cluster,
    options: SessionOptions,
  ) {
    this.fs = options.fs ?? new MemoryFS();
    const server = `https://${cluster.controlPlaneIP()}:6443`;
    this.config = defaultKubeConfig(server);
    const kubectl = createKubectl({ cluster, config: this.config, interactive: options.interactive }, KUBECTL_COMMANDS);
    const terminalCommands = new Map<string, Command>(
      Object.entries({
        kubectl,
        sandbox: sandboxCommand(cluster),
        date: (ctx) => {
          ctx.io.stdout(formatDate(cluster.now(), ctx.argv.slice(1)) + '\n');
          return 0;
        },
        clear: (ctx) => {
          ctx.io.stdout(CLEAR_SCREEN);
          return 0;
        },
        hostname: (ctx) => {
          ctx.io.stdout('k8s-master01\n');
          return 0;
        },
        whoami: (ctx) => {
          ctx.io.stdout('root\n');
          return 0;
        },
        history: (ctx) => {
          this.history.forEach((h, i) => ctx.io.stdout(`${String(i + 1).padStart(5)}  ${h}\n`));
          return 0;
        },
        help: (ctx) => {
          ctx.io.stdout(terminalHelp());
          return 0;
        },
        ...options.commands,
      }),
    );
    this.shell = new Shell({
      commands: commandTable(terminalCommands, builtinCommands()),
      fs: this.fs,
      env: new ShellEnvImpl({ HOME, PATH: '/usr/local/bin:/usr/bin:/bin', USER: 'root', HOSTNAME: 'k8s-master01', KUBECONFIG: '/root/.kube/config' }),
      cwd: options.cwd ?? HOME,
      name: 'bash',
    });
    if (!this.fs.stat(HOME)) this.fs.mkdir(HOME, true);
  }

  /** Runs one input (one or more lines, a whole script) and records it in the history. */
  run(input: string, io: ShellIO): Generator<ShellEffect, number, void> {
    const trimmed = input.trim();
    if (trimmed) this.history.push(trimmed);
    return this.shell.run(input, io);
  }
}

export function terminalHelp(): string {
  return `This terminal is a small bash-like shell on the control-plane node of a simulated cluster.

  kubectl …        talk to the cluster (kubectl --help lists the commands)
  sandbox help     control the simulation itself (time, nodes, faults)
  sleep 30s        let simulated time pass
  cat > f.yaml <<EOF … EOF     write a file; kubectl apply -f f.yaml applies it
  echo, cat, grep, head, tail, wc, sort, cut, ls, export, $VAR, $(…), |, &&, ||

Ctrl+C stops a command that waits (kubectl get -w, kubectl wait).
`;
}
