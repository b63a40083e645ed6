// Rewind: a journal of everything the learner did to the cluster, each at the simulated instant it
// happened, and checkpoints of the whole sandbox taken while no command was running. The engine is
// deterministic, so the cluster at any earlier instant is rebuilt exactly by restoring the nearest
// checkpoint before it and replaying the journal from there.

import { EngineHost } from './host.ts';
import type { JournalEntry as Entry, JournalOp as Op, Mark, SavedSandbox, SavedTimeline } from './protocol.ts';

interface Checkpoint {
  at: number;
  /** The journal's length when it was taken: replay starts at this entry. */
  index: number;
  /** Stored objects then (what the checkpoint weighs). */
  objects: number;
  save: SavedSandbox;
  marks: Mark[];
}

/** Simulated time between checkpoints (while the learner's terminal is idle). */
export const CHECKPOINT_EVERY_MS = 60_000;
/** Checkpoints kept; beyond this, every other one in the older half is dropped. */
export const MAX_CHECKPOINTS = 240;
/**
 * What the checkpoints may hold, roughly: a checkpoint copies the simulation's state, a few KB per
 * stored object (3.4 MB for 1,000 pods on 20 nodes), so a big cluster keeps fewer of them.
 */
export const CHECKPOINT_BUDGET_BYTES = 256 * 1024 * 1024;
const BYTES_PER_OBJECT = 3 * 1024;
const MIN_CHECKPOINTS = 8;

/** How many checkpoints a cluster of `objects` stored objects may keep. */
export function checkpointLimit(objects: number): number {
  return Math.max(MIN_CHECKPOINTS, Math.min(MAX_CHECKPOINTS, Math.floor(CHECKPOINT_BUDGET_BYTES / Math.max(1, objects * BYTES_PER_OBJECT))));
}

export class Rewind {
  /** Where the timeline begins. */
  readonly start: number;
  private entries: Entry[] = [];
  private checkpoints: Checkpoint[] = [];

  /**
   * Starts a timeline at the host's present (the host must be idle: a new or restored one is), or
   * carries on a saved one: its base is the first checkpoint and its journal is replayed on demand.
   */
  constructor(host: EngineHost, saved?: SavedTimeline) {
    if (saved) {
      this.start = saved.start;
      this.entries = [...saved.entries];
      this.checkpoints.push({ at: saved.start, index: 0, objects: 0, save: saved.base, marks: saved.baseMarks });
    } else {
      this.start = host.cluster.now();
      this.checkpoints.push(this.take(host));
    }
    host.timelineStart = this.start;
  }

  /** The timeline for a save: its base checkpoint and the whole journal. */
  toSaved(live: EngineHost): SavedTimeline {
    const base = this.checkpoints[0];
    return { start: this.start, base: base.save, baseMarks: base.marks, entries: [...this.entries], marks: live.marksSoFar() };
  }

  /** Journals an op the live host is about to perform, at the host's present. */
  record(host: EngineHost, op: Op): void {
    const at = host.cluster.now();
    const last = this.entries.at(-1);
    const lastCheckpoint = this.checkpoints.at(-1)!;
    // The editor rewrites a file as the learner types: only the last content before anything else
    // happened (and after the last checkpoint) matters for the replay.
    if (op.type === 'write' && last?.op.type === 'write' && last.op.path === op.path && this.entries.length > lastCheckpoint.index) {
      this.entries[this.entries.length - 1] = { at, op };
      return;
    }
    this.entries.push({ at, op });
  }

  /** After a tick: a checkpoint every CHECKPOINT_EVERY_MS of simulated time, when the host is idle. */
  maybeCheckpoint(host: EngineHost): void {
    const last = this.checkpoints.at(-1)!;
    if (!host.idle() || host.cluster.now() - last.at < CHECKPOINT_EVERY_MS) return;
    this.checkpoints.push(this.take(host));
    this.thin();
  }

  /** How many checkpoints are kept (for tests and the bench). */
  get size(): number {
    return this.checkpoints.length;
  }

  /**
   * A host with the cluster exactly as it was at `at` (clamped to the timeline's start): time has
   * passed up to `at`, and what the learner did at `at` itself has not happened yet.
   */
  rebuild(at: number): EngineHost {
    const t = Math.max(at, this.start);
    let cp = this.checkpoints[0];
    for (const c of this.checkpoints) if (this.before(c, t)) cp = c;
    const host = new EngineHost(0, 0, () => {}, cp.save);
    host.timelineStart = this.start;
    host.setMarks(cp.marks);
    host.speed = 1;
    let i = cp.index;
    // Time passes in steps of a checkpoint's interval, so that a long replay (a timeline carried
    // over from a save has only its base) leaves checkpoints behind for the next look.
    const passTo = (to: number) => {
      while (host.cluster.now() < to) {
        host.advanceTo(Math.min(to, host.cluster.now() + CHECKPOINT_EVERY_MS));
        if (host.idle()) this.insert(this.take(host, i));
      }
    };
    for (; i < this.entries.length && this.entries[i].at < t; i++) {
      const e = this.entries[i];
      passTo(e.at);
      perform(host, e.op);
    }
    passTo(t);
    return host;
  }

  /** Adds a checkpoint made during a replay, unless one is already near it. */
  private insert(c: Checkpoint): void {
    if (!this.before(c, c.at) || (c.index < this.entries.length && this.entries[c.index].at < c.at)) return;
    let pos = this.checkpoints.length;
    while (pos > 0 && this.checkpoints[pos - 1].at > c.at) pos--;
    const prev = this.checkpoints[pos - 1];
    const next = this.checkpoints[pos];
    const near = CHECKPOINT_EVERY_MS / 2;
    if ((prev && c.at - prev.at < near) || (next && next.at - c.at < near)) return;
    this.checkpoints.splice(pos, 0, c);
    this.thin();
  }

  private thin(): void {
    const limit = checkpointLimit(Math.max(...this.checkpoints.map((c) => c.objects)));
    // Every other one of the older half goes (the first, the timeline's base, always stays), until
    // they fit: the recent past stays dense, the distant past sparser.
    while (this.checkpoints.length > limit) {
      const half = this.checkpoints.length >> 1;
      this.checkpoints = this.checkpoints.filter((_, i) => i === 0 || i >= half || i % 2 === 0);
    }
  }


  /** Forgets everything from `at` on: the learner continues from there. */
  truncate(at: number): void {
    this.checkpoints = this.checkpoints.filter((c, i) => i === 0 || this.before(c, at));
    this.entries = this.entries.filter((e) => e.at < at);
  }

  /** A checkpoint holds the cluster at `t` or before, with nothing the learner did at `t` in it. */
  private before(c: Checkpoint, t: number): boolean {
    return c.at <= t && (c.index === 0 || this.entries[c.index - 1].at < t);
  }

  private take(host: EngineHost, index = this.entries.length): Checkpoint {
    const store = host.cluster.store;
    const objects = store.resources().reduce((n, r) => n + store.count(r), 0);
    return { at: host.cluster.now(), index, objects, save: host.checkpoint(), marks: host.marksSoFar() };
  }

}

/** Performs a journalled op on a host, as the worker did when it first came in. */
export function perform(host: EngineHost, op: Op): void {
  switch (op.type) {
    case 'run':
      host.enqueue(op.id, op.input);
      return;
    case 'interrupt':
      host.interrupt(op.id);
      return;
    case 'write':
      host.writeFile(op.path, op.content);
      return;
    case 'apply':
      host.apply(op.path, op.content);
      return;
  }
}
