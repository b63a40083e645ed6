// A cluster with a terminal, run without a screen: what the CLI and the scenario tests use.

import { Cluster, type ClusterOptions } from '../cluster.ts';
import type { ShellIO, VirtualFS } from '../shell/types.ts';
import { driveToEnd } from './drive.ts';
import { TerminalSession } from './session.ts';

export interface HeadlessOptions extends ClusterOptions {
  fs?: VirtualFS;
  cwd?: string;
}

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as a terminal shows them. */
  output: string;
}

export class Headless {
  readonly cluster: Cluster;
  readonly session: TerminalSession;

  constructor(options: HeadlessOptions = {}) {
    this.cluster = new Cluster(options);
    this.session = new TerminalSession(this.cluster, { interactive: false, fs: options.fs, cwd: options.cwd });
  }

  /** Runs a script (any number of lines) to its end, letting simulated time pass as it asks. */
  run(script: string, stdin = ''): RunResult {
    let stdout = '';
    let stderr = '';
    let output = '';
    const status = this.exec(script, {
      stdin,
      stdout: (s) => {
        stdout += s;
        output += s;
      },
      stderr: (s) => {
        stderr += s;
        output += s;
      },
    });
    return { status, stdout, stderr, output };
  }

  /** Runs a script with output going where `io` sends it, as it comes. */
  exec(script: string, io: ShellIO): number {
    return driveToEnd(this.cluster, this.session.run(script, io));
  }
}
