// The engine's host inside the worker: owns the cluster and the terminal session, lets simulated
// time pass at the chosen speed, runs terminal commands (granting their sleeps as time passes), and
// sends the page frames of what changed. This is the only place that reads the real clock; the
// engine never does.

import { Cluster, type ClusterSnapshot } from '../engine/cluster.ts';
import type { KubeObject } from '../engine/api/object.ts';
import type { Event } from '../engine/api/types.ts';
import { MemoryFS } from '../engine/shell/index.ts';
import type { ShellEffect, VirtualFS } from '../engine/shell/types.ts';
import { complete } from '../engine/terminal/complete.ts';
import { HOME, TerminalSession } from '../engine/terminal/session.ts';
import { errorLines } from './apply-errors.ts';
import type { ApplyResult, EventView, FromWorker, Mark, ObjectView, QueryKind, SavedSandbox, Speed, TimelineView } from './protocol.ts';
import { eventView, objectView, viewKey, VIEWED_RESOURCES } from './views.ts';

interface Running {
  id: number;
  run: Generator<ShellEffect, number, void>;
  /** The effect the command is waiting on, and when its sleep ends in simulated time. */
  wait?: { until?: () => boolean; wakeAt: number; soft: boolean };
}

/** Real milliseconds between ticks of the clock. */
export const TICK_MS = 16;
/** A tool command (the editor's apply, the inspector's reads) may not take more steps than this. */
const TOOL_STEP_LIMIT = 10_000;
/** The largest file the editor may write into the sandbox (kubectl's own limit is far larger). */
const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Marks the timeline keeps (the newest); a Warning repeated within a minute is marked once. */
const MAX_MARKS = 1000;
const WARNING_MARK_GAP_MS = 60_000;

export class EngineHost {
  readonly cluster: Cluster;
  /** The learner's terminal. */
  readonly session: TerminalSession;
  /** A second, non-interactive session on the same file area for the editor and the inspector. */
  private readonly tools: TerminalSession;
  speed: Speed = 1;
  private queue: { id: number; input: string }[] = [];
  private current: Running | undefined;

  /** Keys of objects and events written since the last frame. */
  private dirty = new Map<string, { resource: string; namespace: string; name: string }>();
  private dirtyEvents = new Map<string, string>();
  /** What the page has, by key, as JSON: an unchanged view is not sent again. */
  private sent = new Map<string, string>();
  private sentEvents = new Set<string>();
  private awaitingAck = false;
  private lastNow = -1;
  /** The rewind timeline's marks, oldest first, and those the page has not had yet. */
  private marks: Mark[] = [];
  private unsentMarks: Mark[] = [];
  private lastWarning = new Map<string, number>();
  /** Where the rewind timeline begins. */
  timelineStart: number;

  constructor(
    seed: number,
    workers: number,
    /** Where output goes; a host rebuilt for a look at the past posts nowhere until it is adopted. */
    public post: (m: FromWorker) => void,
    restore?: SavedSandbox,
  ) {
    const fs = new MemoryFS();
    if (restore) {
      this.cluster = Cluster.restore(restore.cluster as ClusterSnapshot);
      for (const [path, content] of Object.entries(restore.files)) writeWithDirs(fs, path, content);
    } else {
      this.cluster = new Cluster({ seed, workers });
    }
    this.session = new TerminalSession(this.cluster, { interactive: true, fs });
    if (restore) this.session.history.push(...restore.history);
    this.tools = new TerminalSession(this.cluster, { interactive: false, fs });
    this.timelineStart = this.cluster.now();
    this.cluster.store.watchAll((e) => {
      const m = e.object.metadata;
      if (e.resource === 'events') {
        this.dirtyEvents.set(m.uid ?? '', `${m.namespace ?? ''}/${m.name ?? ''}`);
        if (e.type !== 'DELETED') this.markWarning(e.object as unknown as Event);
      } else if (VIEWED_RESOURCES.has(e.resource)) {
        this.dirty.set(viewKey(e.resource, e.object), { resource: e.resource, namespace: m.namespace ?? '', name: m.name ?? '' });
      }
    });
  }

  /** The first message: everything the page mirrors. */
  readyMessage(): FromWorker {
    const { objects, events } = this.mirror();
    return { type: 'ready', now: this.cluster.now(), speed: this.speed, objects, events, history: [...this.session.history], files: this.files(), timeline: this.timeline() };
  }

  /** The whole mirror again (after a rewind, a return or a continue); frames go on from it. */
  viewMessage(past: boolean, liveNow: number): FromWorker {
    const { objects, events } = this.mirror();
    return { type: 'view', now: this.cluster.now(), objects, events, timeline: this.timeline(), past, liveNow };
  }

  timeline(): TimelineView {
    return { start: this.timelineStart, marks: [...this.marks] };
  }

  /** Starts the timeline's marks over from a checkpoint's (a host rebuilt to look at the past). */
  setMarks(marks: Mark[]): void {
    this.marks = [...marks];
    this.unsentMarks = [];
    this.lastWarning = new Map();
    for (const m of marks) if (m.kind === 'warning') this.lastWarning.set(m.text, m.at);
  }

  /** The marks so far, for a checkpoint. */
  marksSoFar(): Mark[] {
    return [...this.marks];
  }

  private mark(kind: Mark['kind'], text: string): void {
    const m: Mark = { at: this.cluster.now(), kind, text };
    this.marks.push(m);
    this.unsentMarks.push(m);
    if (this.marks.length > MAX_MARKS) this.marks.splice(0, this.marks.length - MAX_MARKS);
    if (this.unsentMarks.length > MAX_MARKS) this.unsentMarks.splice(0, this.unsentMarks.length - MAX_MARKS);
  }

  private markWarning(ev: Event): void {
    if (ev.type !== 'Warning') return;
    const io = ev.involvedObject;
    const text = `${ev.reason ?? ''} ${io?.kind ?? ''}/${io?.name ?? ''}`;
    const now = this.cluster.now();
    const last = this.lastWarning.get(text);
    if (last !== undefined && now - last < WARNING_MARK_GAP_MS) return;
    this.lastWarning.set(text, now);
    this.mark('warning', text);
  }

  private mirror(): { objects: ObjectView[]; events: EventView[] } {
    this.sent.clear();
    this.sentEvents.clear();
    this.awaitingAck = false;
    this.unsentMarks = [];
    const objects: ObjectView[] = [];
    for (const resource of VIEWED_RESOURCES) {
      for (const o of this.cluster.store.list(resource)) {
        const v = this.view(resource, o);
        this.sent.set(v.key, JSON.stringify(v));
        objects.push(v);
      }
    }
    const events: EventView[] = [];
    for (const e of this.cluster.store.list('events')) {
      const v = eventView(e as unknown as Event);
      this.sentEvents.add(v.uid);
      events.push(v);
    }
    this.dirty.clear();
    this.dirtyEvents.clear();
    this.lastNow = this.cluster.now();
    return { objects, events };
  }

  private view(resource: string, o: KubeObject): ObjectView {
    return objectView(resource, o, this.cluster.now(), (n) => this.cluster.kubelets.get(n)?.isRunning() ?? false);
  }

  /** The page has applied a frame. */
  ack(): void {
    this.awaitingAck = false;
  }

  /** Sends what changed, unless the page has not applied the last frame yet. */
  flush(): void {
    if (this.awaitingAck) return;
    const now = this.cluster.now();
    if (!this.dirty.size && !this.dirtyEvents.size && !this.unsentMarks.length && now === this.lastNow) return;
    const upserts: ObjectView[] = [];
    const removed: string[] = [];
    for (const [key, ref] of this.dirty) {
      const o = this.cluster.store.get(ref.resource, ref.namespace || undefined, ref.name);
      if (!o) {
        if (this.sent.delete(key)) removed.push(key);
        continue;
      }
      const v = this.view(ref.resource, o);
      const json = JSON.stringify(v);
      if (this.sent.get(key) === json) continue;
      this.sent.set(key, json);
      upserts.push(v);
    }
    const events: EventView[] = [];
    const eventsRemoved: string[] = [];
    for (const [uid, key] of this.dirtyEvents) {
      const slash = key.indexOf('/');
      const o = this.cluster.store.get('events', key.slice(0, slash) || undefined, key.slice(slash + 1));
      if (!o || o.metadata.uid !== uid) {
        if (this.sentEvents.delete(uid)) eventsRemoved.push(uid);
        continue;
      }
      this.sentEvents.add(uid);
      events.push(eventView(o as unknown as Event));
    }
    this.dirty.clear();
    this.dirtyEvents.clear();
    this.lastNow = now;
    this.awaitingAck = true;
    const marks = this.unsentMarks;
    this.unsentMarks = [];
    this.post({ type: 'frame', now, upserts, removed, events, eventsRemoved, ...(marks.length ? { marks } : {}) });
  }

  enqueue(id: number, input: string): void {
    const line = input.split('\n', 1)[0].trim();
    if (line) this.mark('command', line);
    this.queue.push({ id, input });
    if (!this.current) this.startNext();
  }

  /** No command running or waiting: the host's whole state is in its save (a rewind checkpoint). */
  idle(): boolean {
    return !this.current && !this.queue.length;
  }

  /** Ends the running and queued commands without running them further (the cluster they ran on is gone). */
  abandon(): void {
    const ids = [...(this.current ? [this.current.id] : []), ...this.queue.map((q) => q.id)];
    if (this.current) this.current.run.return(130);
    this.current = undefined;
    this.queue = [];
    for (const id of ids) this.post({ type: 'done', id, status: 130 });
  }

  /** Lets simulated time pass up to `t` exactly as the real-time ticks let it pass (a rewind's replay). */
  advanceTo(t: number): void {
    const ms = t - this.cluster.now();
    if (ms > 0) this.grant(ms);
  }

  interrupt(id: number): void {
    if (this.current?.id === id) {
      this.current.run.return(130);
      this.finish(130);
    } else {
      this.queue = this.queue.filter((q) => q.id !== id);
    }
  }

  completion(id: number, line: string, cursor: number): void {
    const c = complete(this.session, line, cursor);
    this.post({ type: 'completion', id, start: c.start, candidates: c.candidates });
  }

  /** Simulated time owed but not yet granted (the clock moves in whole milliseconds). */
  private carry = 0;

  /** Called every TICK_MS of real time with the real time that passed. */
  tick(realMs: number): void {
    this.grant(realMs * this.speed);
    this.flush();
  }

  /** Lets `ms` of simulated time pass now (the time bar's step), whatever the speed. */
  step(ms: number): void {
    this.grant(ms);
    this.flush();
  }

  private grant(ms: number): void {
    const owed = ms + this.carry;
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
  }

  writeFile(path: string, content: string): string | undefined {
    if (content.length > MAX_FILE_BYTES) return `the file is too large for the sandbox (${content.length} bytes; at most ${MAX_FILE_BYTES})`;
    try {
      writeWithDirs(this.session.fs, this.session.fs.resolve(path, HOME), content);
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  }

  /** The editor's Apply: writes the file, then `kubectl apply -f` it, as the terminal would. */
  apply(path: string, content: string): ApplyResult {
    this.mark('command', `kubectl apply -f ${shellQuote(path)}`);
    const failed = this.writeFile(path, content);
    if (failed) return { ok: false, stdout: '', stderr: `error: ${failed}\n`, errorLines: [] };
    const r = this.runTool(`kubectl apply -f ${shellQuote(path)}`, true);
    this.flush();
    return { ok: r.status === 0, stdout: r.stdout, stderr: r.stderr, errorLines: errorLines(r.stderr, path, content) };
  }

  /** The inspector's reads, through kubectl like anything else; they never change the cluster. */
  query(query: QueryKind, resource: string, namespace: string | undefined, name: string, container?: string): string {
    const ns = namespace ? ` -n ${shellQuote(namespace)}` : '';
    const target = `${shellQuote(resource)} ${shellQuote(name)}${ns}`;
    const line =
      query === 'yaml' ? `kubectl get ${target} -o yaml`
      : query === 'describe' ? `kubectl describe ${target}`
      : query === 'logs' ? `kubectl logs ${shellQuote(name)}${ns}${container ? ` -c ${shellQuote(container)}` : ''}`
      : query === 'history' ? `kubectl rollout history ${target}`
      : query === 'loads' ? 'sandbox load'
      : `kubectl get events${ns} --field-selector involvedObject.name=${shellQuote(name)}`;
    const r = this.runTool(line, false);
    return r.stdout + r.stderr;
  }

  /** Runs a command to its end at once; with `advance`, its waits let simulated time pass. */
  private runTool(input: string, advance: boolean): { status: number; stdout: string; stderr: string } {
    let stdout = '';
    let stderr = '';
    const run = this.tools.run(input, { stdin: '', stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    this.tools.history.length = 0;
    for (let i = 0; i < TOOL_STEP_LIMIT; i++) {
      const step = run.next();
      if (step.done) return { status: step.value, stdout, stderr };
      if (advance && step.value.ms > 0) this.cluster.advance(step.value.ms, step.value.until);
    }
    run.return(1);
    return { status: 1, stdout, stderr: stderr + 'error: the command did not finish\n' };
  }

  save(): SavedSandbox {
    return { format: 'kube-sandbox/save', version: 1, cluster: this.cluster.snapshot(), files: this.files(), history: [...this.session.history] };
  }

  /**
   * A save for the rewind's checkpoints, kept in memory: stored objects are immutable and shared
   * with the live store; the simulation's component state is copied, since components may hand
   * out their own working structures.
   */
  checkpoint(): SavedSandbox {
    const snap = this.cluster.snapshot();
    const cluster: ClusterSnapshot = { ...snap, nodes: [...snap.nodes], sim: structuredClone(snap.sim) };
    return { format: 'kube-sandbox/save', version: 1, cluster, files: this.files(), history: [] };
  }

  /** Carries the learner's files and history over to a fresh cluster (a reset keeps them). */
  adopt(from: EngineHost): void {
    for (const [path, content] of Object.entries(from.files())) writeWithDirs(this.session.fs, path, content);
    this.session.history.push(...from.session.history);
  }

  private files(): Record<string, string> {
    const out: Record<string, string> = {};
    const walk = (dir: string) => {
      for (const name of this.session.fs.readDir(dir) ?? []) {
        const path = dir === '/' ? `/${name}` : `${dir}/${name}`;
        const st = this.session.fs.stat(path);
        if (st?.type === 'dir') walk(path);
        else if (st?.type === 'file') out[path] = this.session.fs.readFile(path) ?? '';
      }
    };
    walk('/');
    return out;
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

function writeWithDirs(fs: VirtualFS, path: string, content: string): void {
  const dir = path.slice(0, path.lastIndexOf('/'));
  if (dir && !fs.stat(dir)) fs.mkdir(dir, true);
  fs.writeFile(path, content);
}

function shellQuote(s: string): string {
  return /^[\w./:=@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
