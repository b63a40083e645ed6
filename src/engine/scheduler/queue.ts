// The scheduling queue (kube-scheduler's PriorityQueue): pods ready to try (highest priority first,
// then oldest), pods backing off after a failed attempt (1 s doubling to 10 s), and pods parked as
// unschedulable until something in the cluster changes, or for at most five minutes.

import { Heap } from '../sim/heap.ts';

export const INITIAL_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 10_000;
/** podMaxInUnschedulablePodsDuration */
export const MAX_UNSCHEDULABLE_MS = 5 * 60 * 1000;

export interface QueuedPod {
  key: string;
  priority: number;
  /** When the pod first entered the queue, for FIFO order among equals. */
  seq: number;
  attempts: number;
  /** When its back-off ends (after a failed attempt). */
  backoffUntil: number;
  /** When it was parked as unschedulable. */
  parkedAt: number;
}

export interface QueueState {
  seq: number;
  active: QueuedPod[];
  backoff: QueuedPod[];
  unschedulable: QueuedPod[];
}

function before(a: QueuedPod, b: QueuedPod): boolean {
  return a.priority > b.priority || (a.priority === b.priority && a.seq < b.seq);
}

export class SchedulingQueue {
  private active = new Heap<QueuedPod>(before);
  private inActive = new Set<string>();
  private backoff = new Map<string, QueuedPod>();
  private unschedulable = new Map<string, QueuedPod>();
  private known = new Map<string, QueuedPod>();
  private seq = 0;

  constructor(private readonly now: () => number) {}

  has(key: string): boolean {
    return this.known.has(key);
  }

  activeCount(): number {
    return this.active.size;
  }

  /** A new pending pod, or one that changed in a way that may make it schedulable. */
  add(key: string, priority: number): void {
    let q = this.known.get(key);
    if (!q) {
      q = { key, priority, seq: this.seq++, attempts: 0, backoffUntil: 0, parkedAt: 0 };
      this.known.set(key, q);
    }
    q.priority = priority;
    this.unschedulable.delete(key);
    this.backoff.delete(key);
    this.pushActive(q);
  }

  remove(key: string): void {
    this.known.delete(key);
    this.backoff.delete(key);
    this.unschedulable.delete(key);
    // Removed lazily from the heap: pop skips keys no longer known.
    this.inActive.delete(key);
  }

  pop(): QueuedPod | undefined {
    for (let q = this.active.pop(); q; q = this.active.pop()) {
      if (!this.inActive.has(q.key) || this.known.get(q.key) !== q) continue;
      this.inActive.delete(q.key);
      q.attempts++;
      return q;
    }
    return undefined;
  }

  /** After a failed attempt: park the pod as unschedulable, with its back-off. Returns when it ends. */
  parkUnschedulable(q: QueuedPod): number {
    const now = this.now();
    q.backoffUntil = now + Math.min(INITIAL_BACKOFF_MS * 2 ** Math.max(0, q.attempts - 1), MAX_BACKOFF_MS);
    q.parkedAt = now;
    if (this.known.get(q.key) === q) this.unschedulable.set(q.key, q);
    return q.backoffUntil;
  }

  /** After an error (not a fit failure): retry after the back-off. */
  requeueWithBackoff(q: QueuedPod): number {
    const now = this.now();
    q.backoffUntil = now + Math.min(INITIAL_BACKOFF_MS * 2 ** Math.max(0, q.attempts - 1), MAX_BACKOFF_MS);
    if (this.known.get(q.key) === q) this.backoff.set(q.key, q);
    return q.backoffUntil;
  }

  /** Something changed in the cluster: every parked pod gets another chance (after its back-off). */
  moveAllToActiveOrBackoff(): void {
    const now = this.now();
    for (const q of this.unschedulable.values()) {
      if (q.backoffUntil > now) this.backoff.set(q.key, q);
      else this.pushActive(q);
    }
    this.unschedulable.clear();
  }

  /** Back-offs that have ended move to active. Returns the next back-off end, if any. */
  flushBackoff(): number | undefined {
    const now = this.now();
    let next: number | undefined;
    for (const [key, q] of this.backoff) {
      if (q.backoffUntil <= now) {
        this.backoff.delete(key);
        this.pushActive(q);
      } else if (next === undefined || q.backoffUntil < next) next = q.backoffUntil;
    }
    return next;
  }

  /** Pods parked longer than five minutes go back to active (flushUnschedulablePodsLeftover). */
  flushUnschedulableLeftover(): void {
    const now = this.now();
    for (const [key, q] of this.unschedulable) {
      if (now - q.parkedAt >= MAX_UNSCHEDULABLE_MS) {
        this.unschedulable.delete(key);
        if (q.backoffUntil > now) this.backoff.set(key, q);
        else this.pushActive(q);
      }
    }
  }

  private pushActive(q: QueuedPod): void {
    if (this.inActive.has(q.key)) return;
    this.inActive.add(q.key);
    this.active.push(q);
  }

  snapshot(): QueueState {
    const active = this.active.items.filter((q) => this.inActive.has(q.key) && this.known.get(q.key) === q);
    return { seq: this.seq, active, backoff: [...this.backoff.values()], unschedulable: [...this.unschedulable.values()] };
  }

  restore(s: QueueState): void {
    this.seq = s.seq;
    this.active.clear();
    this.inActive.clear();
    this.known.clear();
    this.backoff.clear();
    this.unschedulable.clear();
    for (const q of s.active) {
      this.known.set(q.key, q);
      this.pushActive(q);
    }
    for (const q of s.backoff) {
      this.known.set(q.key, q);
      this.backoff.set(q.key, q);
    }
    for (const q of s.unschedulable) {
      this.known.set(q.key, q);
      this.unschedulable.set(q.key, q);
    }
  }
}
