// The page's side of the worker boundary: starts the engine's worker and sends it commands.
// The page never touches cluster state; it only sends commands and renders what comes back.

import type { FromWorker, ToWorker } from '../worker/protocol.ts';

export class EngineClient {
  private worker: Worker;
  private listeners = new Set<(m: FromWorker) => void>();

  constructor(seed = 1, workers = 2) {
    this.worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (ev: MessageEvent<FromWorker>) => {
      for (const l of this.listeners) l(ev.data);
    };
    this.worker.onerror = (ev) => {
      for (const l of this.listeners) l({ type: 'error', message: ev.message || 'the engine stopped' });
    };
    this.send({ type: 'init', seed, workers });
  }

  send(m: ToWorker): void {
    this.worker.postMessage(m);
  }

  subscribe(fn: (m: FromWorker) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  dispose(): void {
    this.worker.terminate();
    this.listeners.clear();
  }
}
