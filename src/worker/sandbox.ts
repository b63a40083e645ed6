// The worker's whole sandbox: the live host, the rewind timeline over it, and — while the learner
// looks at an earlier moment — a host rebuilt at that moment. Every protocol command comes in
// here; engine.worker.ts only adds the real-time tick and turns a throw into a fatal error.

import { formatRFC3339 } from '../engine/util/time.ts';
import { EngineHost } from './host.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { Rewind } from './rewind.ts';

export class WorkerSandbox {
  private live: EngineHost | undefined;
  private rewind: Rewind | undefined;
  /** Set while the learner looks at the past: the cluster as it was at `at`. */
  private past: { host: EngineHost; at: number } | undefined;

  constructor(private readonly post: (m: FromWorker) => void) {}

  /** The live host (for tests). */
  get host(): EngineHost | undefined {
    return this.live;
  }

  /** The host rebuilt at the moment looked at (for tests). */
  get pastHost(): EngineHost | undefined {
    return this.past?.host;
  }

  /** True while the learner looks at an earlier moment. */
  get viewingPast(): boolean {
    return !!this.past;
  }

  /** Real time passed: the live cluster moves on, unless the learner is looking at the past. */
  tick(realMs: number): void {
    if (!this.live || this.past) return;
    this.live.tick(realMs);
    this.rewind!.maybeCheckpoint(this.live);
  }

  handle(m: ToWorker): void {
    switch (m.type) {
      case 'init':
      case 'reset': {
        const speed = this.live?.speed ?? 1;
        let h: EngineHost;
        try {
          h = new EngineHost(m.seed, m.workers, this.post, m.type === 'init' ? m.restore : undefined);
        } catch (e) {
          // A save that cannot be restored leaves the running cluster as it was.
          if (!this.live) throw e;
          this.post({ type: 'error', message: `the save could not be restored: ${e instanceof Error ? e.message : String(e)}`, fatal: false });
          return;
        }
        h.speed = speed;
        if (m.type === 'reset' && this.live) h.adopt(this.live);
        this.live = h;
        this.past = undefined;
        const saved = m.type === 'init' ? m.restore?.timeline : undefined;
        this.rewind = new Rewind(h, saved);
        if (saved) h.setMarks(saved.marks);
        this.post(h.readyMessage());
        return;
      }
      case 'rewind':
        this.showPast(m.at);
        return;
      case 'return':
        if (!this.past || !this.live) return;
        this.past = undefined;
        this.post(this.live.viewMessage(false, this.live.cluster.now()));
        return;
      case 'continue':
        this.continueFromPast();
        return;
      default:
        break;
    }
    const live = this.live;
    if (!live) return;
    switch (m.type) {
      case 'run':
        if (this.past) {
          this.post({ type: 'output', id: m.id, stream: 'stderr', text: `${this.pastNotice()}\n` });
          this.post({ type: 'done', id: m.id, status: 1 });
          return;
        }
        this.rewind!.record(live, { type: 'run', id: m.id, input: m.input });
        live.enqueue(m.id, m.input);
        return;
      case 'interrupt':
        this.rewind!.record(live, { type: 'interrupt', id: m.id });
        live.interrupt(m.id);
        return;
      case 'complete':
        live.completion(m.id, m.line, m.cursor);
        return;
      case 'write-file': {
        this.rewind!.record(live, { type: 'write', path: m.path, content: m.content });
        const failed = live.writeFile(m.path, m.content);
        if (failed) this.post({ type: 'error', message: failed, fatal: false });
        return;
      }
      case 'apply':
        if (this.past) {
          this.post({ type: 'applied', id: m.id, result: { ok: false, stdout: '', stderr: `${this.pastNotice()}\n`, errorLines: [] } });
          return;
        }
        this.rewind!.record(live, { type: 'apply', path: m.path, content: m.content });
        this.post({ type: 'applied', id: m.id, result: live.apply(m.path, m.content) });
        return;
      case 'query': {
        const h = this.past?.host ?? live;
        this.post({ type: 'query-result', id: m.id, text: h.query(m.query, m.resource, m.namespace, m.name, m.container) });
        return;
      }
      case 'speed':
        live.speed = m.speed;
        return;
      case 'step':
        // Looking at the past, a step moves the moment looked at (never beyond the present).
        if (this.past) this.showPast(Math.min(this.past.at + m.ms, live.cluster.now()));
        else {
          live.step(m.ms);
          this.rewind!.maybeCheckpoint(live);
        }
        return;
      case 'save':
        this.post({ type: 'saved', id: m.id, save: m.timeline ? { ...live.save(), timeline: this.rewind!.toSaved(live) } : live.save() });
        return;
      case 'ack':
        if (this.past) this.past.host.ack();
        else {
          live.ack();
          live.flush();
        }
        return;
    }
  }

  private showPast(at: number): void {
    try {
      this.rebuildPast(at);
    } catch (e) {
      // A damaged timeline (from a save) must not take the live cluster with it.
      this.post({ type: 'error', message: `that moment could not be rebuilt: ${e instanceof Error ? e.message : String(e)}`, fatal: false });
    }
  }

  private rebuildPast(at: number): void {
    const live = this.live;
    if (!live || !this.rewind) return;
    const liveNow = live.cluster.now();
    if (at >= liveNow) {
      if (this.past) {
        this.past = undefined;
        this.post(live.viewMessage(false, liveNow));
      }
      return;
    }
    const host = this.rewind.rebuild(at);
    this.past = { host, at: host.cluster.now() };
    const view = host.viewMessage(true, liveNow);
    // The timeline drawn is the live one: marks after the moment looked at are still there.
    if (view.type === 'view') view.timeline = live.timeline();
    this.post(view);
  }

  /** The cluster as it was becomes the live one; the learner's files and history stay as they are. */
  private continueFromPast(): void {
    const past = this.past;
    const old = this.live;
    if (!past || !old || !this.rewind) return;
    old.abandon();
    const h = past.host;
    h.post = this.post;
    h.speed = old.speed;
    // The replay typed the old commands again; the terminal's history is the one the learner has.
    h.session.history.length = 0;
    h.adopt(old);
    this.rewind.truncate(past.at);
    this.live = h;
    this.past = undefined;
    this.post(h.viewMessage(false, h.cluster.now()));
  }

  private pastNotice(): string {
    const at = this.past ? formatRFC3339(this.past.at) : '';
    return `sandbox: you are looking at the cluster as it was at ${at}; choose "Back to now" or "Continue from here" to change it`;
  }
}

