// The page's side of the worker boundary: starts the engine's worker, sends it commands, and feeds
// its frames to the cluster store — at most one frame per animation frame, acked after it is applied.
// The page never touches cluster state; it only sends commands and renders what comes back.

import type { FromWorker, SavedSandbox, ToWorker } from '../worker/protocol.ts';
import { applyMessage } from './state/cluster-store.ts';

export class EngineClient {
  private worker: Worker;
  private listeners = new Set<(m: FromWorker) => void>();
  private pendingFrame: Extract<FromWorker, { type: 'frame' }> | null = null;
  private rafScheduled = false;
  private disposed = false;
  /** Main-thread milliseconds spent applying each of the recent frames (for the bench). */
  readonly frameCosts: number[] = [];

  constructor(seed = 1, workers = 2, restore?: SavedSandbox) {
    this.worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (ev: MessageEvent<FromWorker>) => this.receive(ev.data);
    this.worker.onerror = (ev) => {
      ev.preventDefault();
      this.receive({ type: 'error', message: ev.message || 'the engine stopped', fatal: true });
    };
    this.send({ type: 'init', seed, workers, restore });
  }

  private receive(m: FromWorker): void {
    if (this.disposed) return;
    if (m.type === 'frame') {
      // The worker sends the next frame only after our ack, so at most one waits here.
      this.pendingFrame = m;
      if (!this.rafScheduled) {
        this.rafScheduled = true;
        requestAnimationFrame(() => this.applyFrame());
      }
      return;
    }
    // A whole new mirror replaces whatever frame was still waiting (it belonged to the old one).
    if (m.type === 'ready' || m.type === 'view') this.pendingFrame = null;
    applyMessage(m);
    for (const l of this.listeners) l(m);
  }

  private applyFrame(): void {
    this.rafScheduled = false;
    const f = this.pendingFrame;
    this.pendingFrame = null;
    if (!f || this.disposed) return;
    const t0 = performance.now();
    applyMessage(f);
    for (const l of this.listeners) l(f);
    this.frameCosts.push(performance.now() - t0);
    if (this.frameCosts.length > 600) this.frameCosts.splice(0, 300);
    this.send({ type: 'ack' });
  }

  send(m: ToWorker): void {
    if (!this.disposed) this.worker.postMessage(m);
  }

  subscribe(fn: (m: FromWorker) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Sends a request and resolves with the first message that answers it. */
  request<T extends FromWorker>(m: ToWorker, answers: (r: FromWorker) => r is T): Promise<T> {
    return new Promise((resolve) => {
      const off = this.subscribe((r) => {
        if (answers(r)) {
          off();
          resolve(r);
        }
      });
      this.send(m);
    });
  }

  dispose(): void {
    this.disposed = true;
    this.worker.terminate();
    this.listeners.clear();
  }
}

let nextRequestId = 3_000_000;
/** Ids for requests the page makes outside the terminal and the editor. */
export function requestId(): number {
  return nextRequestId++;
}
