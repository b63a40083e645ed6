// The simulation loop: simulated time, timers, work queues and the components that own them.
//
// Controllers and kubelets never run on their own: the host asks the simulation to advance, and it
// fires due timers in order, draining the work queues after each one, so everything that happens at
// one instant happens before the clock moves on. Nothing here reads the wall clock.

import { Random, type RandomState } from './random.ts';
import { Timeline, type TimelineState } from './timeline.ts';

export interface Component {
  readonly name: string;
  /** A timer set for this component fired. */
  onTimer?(key: string): void;
  /** Plain-data state for a snapshot; restored with `restore`. */
  snapshot?(): unknown;
  restore?(state: unknown): void;
}

/**
 * What a reconcile returns: nothing (done), when to look again, or that it failed and should be
 * retried with the queue's per-item back-off (what returning an error does in client-go).
 */
export type ReconcileResult = void | { requeueAfter: number } | { retry: true };

export type Reconciler = (key: string) => ReconcileResult;

/** After this many reconciles of one key at one instant, a controller is looping: defer it. */
const MAX_RECONCILES_PER_INSTANT = 50;
/** client-go's default item rate limiter: 5 ms doubling per failure, capped at 1000 s. */
const RATE_LIMIT_BASE_MS = 5;
const RATE_LIMIT_MAX_MS = 1_000_000;

export class WorkQueue {
  private items = new Set<string>();
  private failures = new Map<string, number>();

  constructor(
    readonly name: string,
    private readonly sim: Sim,
    private readonly reconcile: Reconciler,
  ) {}

  add(key: string): void {
    this.items.add(key);
  }

  addAfter(key: string, ms: number): void {
    if (ms <= 0) this.add(key);
    else this.sim.timeline.add(this.sim.now() + ms, 'wq:' + this.name, key);
  }

  /** Re-adds a key with per-item exponential back-off, as client-go's rate-limited queue does. */
  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.addAfter(key, Math.min(RATE_LIMIT_BASE_MS * 2 ** n, RATE_LIMIT_MAX_MS));
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  len(): number {
    return this.items.size;
  }

  /** Processes one key; returns false when the queue was empty. */
  processOne(): boolean {
    const it = this.items.values().next();
    if (it.done) return false;
    const key = it.value;
    this.items.delete(key);
    if (this.sim.countReconcile(this.name, key) > MAX_RECONCILES_PER_INSTANT) {
      this.sim.reportCascade(this.name, key);
      this.addAfter(key, 1000);
      return true;
    }
    let result: ReconcileResult;
    try {
      result = this.reconcile(key);
    } catch (err) {
      this.sim.reportError(this.name, key, err);
      this.addRateLimited(key);
      return true;
    }
    if (result && 'retry' in result) this.addRateLimited(key);
    else if (result && result.requeueAfter !== undefined) this.addAfter(key, result.requeueAfter);
    else this.forget(key);
    return true;
  }

  snapshot(): { items: string[]; failures: [string, number][] } {
    return { items: [...this.items], failures: [...this.failures] };
  }

  restore(s: { items: string[]; failures: [string, number][] }): void {
    this.items = new Set(s.items);
    this.failures = new Map(s.failures);
  }
}

export interface SimState {
  timeline: TimelineState;
  random: RandomState;
  queues: Record<string, ReturnType<WorkQueue['snapshot']>>;
  components: Record<string, unknown>;
}

export interface Diagnostic {
  at: number;
  source: string;
  message: string;
}

export class Sim {
  readonly timeline: Timeline;
  readonly random: Random;
  private components = new Map<string, Component>();
  private queues = new Map<string, WorkQueue>();
  private instantCounts = new Map<string, number>();
  private instant = -1;
  readonly diagnostics: Diagnostic[] = [];

  constructor(start: number, seed: number) {
    this.timeline = new Timeline(start);
    this.random = new Random(seed);
  }

  now(): number {
    return this.timeline.now();
  }

  register(c: Component): void {
    if (this.components.has(c.name)) throw new Error(`component ${c.name} registered twice`);
    this.components.set(c.name, c);
  }

  unregister(name: string): void {
    this.components.delete(name);
  }

  component(name: string): Component | undefined {
    return this.components.get(name);
  }

  queue(name: string, reconcile: Reconciler): WorkQueue {
    const q = new WorkQueue(name, this, reconcile);
    this.queues.set(name, q);
    return q;
  }

  removeQueue(name: string): void {
    this.queues.delete(name);
  }

  /** Sets (or replaces) the timer `key` of component `target`. */
  setTimer(target: string, key: string, at: number): void {
    this.timeline.set(at, target, key);
  }

  addTimer(target: string, key: string, at: number): void {
    this.timeline.add(at, target, key);
  }

  cancelTimer(target: string, key: string): void {
    this.timeline.cancel(target, key);
  }

  /** Runs every queued reconcile at the current instant, round-robin across queues. */
  drain(): void {
    let busy = true;
    while (busy) {
      busy = false;
      for (const q of this.queues.values()) {
        if (q.processOne()) busy = true;
      }
    }
  }

  /**
   * Lets `ms` of simulated time pass, firing timers in order. Stops early, at the instant it turns
   * true, if `until` is given. Returns whether `until` turned true.
   */
  advance(ms: number, until?: () => boolean): boolean {
    const target = this.now() + Math.max(0, ms);
    this.drain();
    if (until?.()) return true;
    for (;;) {
      const t = this.timeline.popDue(target);
      if (!t) break;
      this.timeline.moveTo(t.at);
      this.dispatch(t.target, t.key);
      this.drain();
      if (until?.()) return true;
    }
    this.timeline.moveTo(target);
    return false;
  }

  /** When the next timer is due, if any (hosts use it to skip idle time). */
  nextTimerAt(): number | undefined {
    return this.timeline.peekTime();
  }

  private dispatch(target: string, key: string): void {
    if (target.startsWith('wq:')) {
      this.queues.get(target.slice(3))?.add(key);
      return;
    }
    const c = this.components.get(target);
    if (!c?.onTimer) return;
    try {
      c.onTimer(key);
    } catch (err) {
      this.reportError(target, key, err);
    }
  }

  countReconcile(queue: string, key: string): number {
    const now = this.now();
    if (now !== this.instant) {
      this.instant = now;
      this.instantCounts.clear();
    }
    const k = queue + '\0' + key;
    const n = (this.instantCounts.get(k) ?? 0) + 1;
    this.instantCounts.set(k, n);
    return n;
  }

  reportCascade(queue: string, key: string): void {
    this.diag(queue, `${queue} reconciled ${key} more than ${MAX_RECONCILES_PER_INSTANT} times at one instant; deferring it by 1s (controllers keep waking each other)`);
  }

  reportError(source: string, key: string, err: unknown): void {
    const msg = err instanceof Error ? err.message : String(err);
    this.diag(source, `error handling ${key}: ${msg}`);
  }

  private diag(source: string, message: string): void {
    this.diagnostics.push({ at: this.now(), source, message });
    if (this.diagnostics.length > 200) this.diagnostics.splice(0, this.diagnostics.length - 200);
  }

  snapshot(): SimState {
    const queues: SimState['queues'] = {};
    for (const [n, q] of this.queues) queues[n] = q.snapshot();
    const components: Record<string, unknown> = {};
    for (const [n, c] of this.components) if (c.snapshot) components[n] = c.snapshot();
    return { timeline: this.timeline.snapshot(), random: this.random.state(), queues, components };
  }

  /** Restores time, random state and queues; components restore their own state from `components`. */
  restoreCore(s: SimState): void {
    this.timeline.restore(s.timeline);
    this.random.restoreState(s.random);
    for (const [n, q] of this.queues) {
      const qs = s.queues[n];
      if (qs) q.restore(qs);
    }
  }
}
