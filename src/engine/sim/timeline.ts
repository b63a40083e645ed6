// Simulated time: a clock and a queue of timers ordered by (time, insertion order). Timers are plain
// data (a target component's name and a key), never closures, so the whole queue can be snapshotted
// and restored, and replaying the same commands gives the same order of everything.

import { Heap } from './heap.ts';

export interface Timer {
  at: number;
  seq: number;
  target: string;
  key: string;
  /** Set with `set`: only the newest timer for target+key is live. */
  replace?: true;
}

export interface TimelineState {
  now: number;
  seq: number;
  timers: Timer[];
}


export class Timeline {
  private heap = new Heap<Timer>(less);
  private seq = 0;
  /** Live seq of each replaceable timer, by target then key (no key strings built per timer). */
  private latest = new Map<string, Map<string, number>>();
  private _now: number;

  constructor(start: number) {
    this._now = start;
  }

  now(): number {
    return this._now;
  }

  /** Only the runtime moves the clock, and only forwards. */
  moveTo(t: number): void {
    if (t > this._now) this._now = t;
  }

  /** Adds a timer; several for the same target+key may be pending. */
  add(at: number, target: string, key: string): void {
    this.heap.push({ at: Math.max(at, this._now), seq: this.seq++, target, key });
  }

  /** Sets the one timer for target+key, replacing an earlier one. */
  set(at: number, target: string, key: string): void {
    const timer: Timer = { at: Math.max(at, this._now), seq: this.seq++, target, key, replace: true };
    this.setLatest(target, key, timer.seq);
    this.heap.push(timer);
  }

  /** Cancels the timer set with `set` for target+key. */
  cancel(target: string, key: string): void {
    this.deleteLatest(target, key);
  }

  private getLatest(target: string, key: string): number | undefined {
    return this.latest.get(target)?.get(key);
  }

  private setLatest(target: string, key: string, seq: number): void {
    let m = this.latest.get(target);
    if (!m) this.latest.set(target, (m = new Map()));
    m.set(key, seq);
  }

  private deleteLatest(target: string, key: string): void {
    const m = this.latest.get(target);
    if (!m) return;
    m.delete(key);
    if (!m.size) this.latest.delete(target);
  }

  /** When the timer set with `set` for target+key fires, or undefined. */
  pending(target: string, key: string): number | undefined {
    const seq = this.getLatest(target, key);
    if (seq === undefined) return undefined;
    return this.heap.items.find((t) => t.seq === seq)?.at;
  }

  /** Time of the next live timer, or undefined. */
  peekTime(): number | undefined {
    this.dropStale();
    return this.heap.peek()?.at;
  }

  /** Removes and returns the next live timer if it is due at or before `until`. */
  popDue(until: number): Timer | undefined {
    this.dropStale();
    const next = this.heap.peek();
    if (!next || next.at > until) return undefined;
    const t = this.heap.pop()!;
    if (t.replace) this.deleteLatest(t.target, t.key);
    return t;
  }

  size(): number {
    return this.heap.size;
  }

  snapshot(): TimelineState {
    const live = this.heap.items.filter((t) => this.isLive(t)).sort((x, y) => x.at - y.at || x.seq - y.seq);
    return { now: this._now, seq: this.seq, timers: live.map((t) => ({ ...t })) };
  }

  restore(s: TimelineState): void {
    this._now = s.now;
    this.seq = s.seq;
    this.heap.clear();
    this.latest.clear();
    for (const t of s.timers) {
      if (t.replace) this.setLatest(t.target, t.key, t.seq);
      this.heap.push({ ...t });
    }
  }

  private isLive(t: Timer): boolean {
    return !t.replace || this.getLatest(t.target, t.key) === t.seq;
  }

  private dropStale(): void {
    for (let t = this.heap.peek(); t && !this.isLive(t); t = this.heap.peek()) this.heap.pop();
  }
}

function less(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
