// The engine's host inside the worker: owns the cluster and the terminal session, lets simulated
// time pass at the chosen speed, and runs terminal commands, granting their sleeps as time passes.
// This is the only place that reads the real clock; the engine never does.

import { Cluster } from '../engine/cluster.ts';
import type { ShellEffect } from '../engine/shell/types.ts';
import { TerminalSession } from '../engine/terminal/session.ts';
import type { FromWorker, Speed } from './protocol.ts';

interface Running {
  id: number;
  run: Generator<ShellEffect, number, void>;
  /** The effect the command is waiting on, and when its sleep ends in simulated time. */
  wait?: { until?: () => boolean; wakeAt: number; soft: boolean };
}

/** Real milliseconds between ticks of the clock. */
export const TICK_MS = 50;

export class EngineHost {
  readonly cluster: Cluster;
  readonly session: TerminalSession;
  speed: Speed = 1;
  private queue: { id: number; input: string }[] = [];
  private current: Running | undefined;

  constructor(
    seed: number,
    workers: number,
    private readonly post: (m: FromWorker) => void,
  ) {
    this.cluster = new Cluster({ seed, workers });
    this.session = new TerminalSession(this.cluster, { interactive: true });
  }

  enqueue(id: number, input: string): void {
    this.queue.push({ id, input });
    if (!this.current) this.startNext();
  }

  interrupt(id: number): void {
    if (this.current?.id === id) {
      this.current.run.return(130);
      this.finish(130);
    } else {
      this.queue = this.queue.filter((q) => q.id !== id);
    }
  }

  /** Simulated time owed but not yet granted (the clock moves in whole milliseconds). */
  private carry = 0;

  /** Called every TICK_MS of real time with the real time that passed. */
  tick(realMs: number): void {
    const owed = realMs * this.speed + this.carry;
    let budget = Math.floor(owed);
    this.carry = owed - budget;
    // A paused clock still lets a command's own processing time pass.
    if (this.current?.wait?.soft && this.speed === 0) {
      this.cluster.advance(this.current.wait.wakeAt - this.cluster.now());
      this.resume();
    }
    while (budget > 0) {
      const c = this.current;
      if (c?.wait) {
        const step = Math.min(budget, Math.max(0, c.wait.wakeAt - this.cluster.now()));
        const before = this.cluster.now();
        const woke = this.cluster.advance(step, c.wait.until);
        const moved = this.cluster.now() - before;
        budget -= moved;
        if (woke || this.cluster.now() >= c.wait.wakeAt) {
          this.resume();
          continue;
        }
        if (moved === 0) break;
      } else {
        this.cluster.advance(budget);
        budget = 0;
      }
    }
    this.post({ type: 'frame', now: this.cluster.now() });
  }

  private startNext(): void {
    const next = this.queue.shift();
    if (!next) return;
    const id = next.id;
    const run = this.session.run(next.input, {
      stdin: '',
      stdout: (text) => this.post({ type: 'output', id, stream: 'stdout', text }),
      stderr: (text) => this.post({ type: 'output', id, stream: 'stderr', text }),
    });
    this.current = { id, run };
    this.resume();
  }

  /** Runs the current command until it waits or ends. */
  private resume(): void {
    const c = this.current;
    if (!c) return;
    let step;
    try {
      step = c.run.next();
    } catch (e) {
      this.post({ type: 'output', id: c.id, stream: 'stderr', text: `internal error: ${(e as Error).message}\n` });
      this.finish(1);
      return;
    }
    if (step.done) {
      this.finish(step.value);
      return;
    }
    const e = step.value;
    c.wait = { until: e.until, wakeAt: this.cluster.now() + e.ms, soft: !!e.soft };
    if (e.ms <= 0 || e.until?.()) this.resume();
  }

  private finish(status: number): void {
    const c = this.current;
    this.current = undefined;
    if (c) this.post({ type: 'done', id: c.id, status });
    this.startNext();
  }
}
