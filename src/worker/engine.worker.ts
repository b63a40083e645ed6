// The Web Worker the engine runs in. It only hands protocol messages to the sandbox and keeps the
// real-time tick; if the engine throws, it says so and the page offers the last autosave.

import { TICK_MS } from './host.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { WorkerSandbox } from './sandbox.ts';

// The page's tsconfig uses the DOM library; the worker scope is typed by what it needs from it.
const scope = self as unknown as {
  postMessage(m: FromWorker): void;
  onmessage: ((ev: MessageEvent<ToWorker>) => void) | null;
};

const post = (m: FromWorker) => scope.postMessage(m);
let sandbox = new WorkerSandbox(post);
let last = performance.now();
let timer: ReturnType<typeof setInterval> | undefined;

const fail = (e: unknown) => {
  if (timer) clearInterval(timer);
  timer = undefined;
  sandbox = new WorkerSandbox(post);
  post({ type: 'error', message: e instanceof Error ? e.message : String(e), fatal: true });
};

let docsRequested = false;

function startTicking(): void {
  // kubectl explain's descriptions (~110 KB gzip) come after the cluster is up, not before.
  if (!docsRequested) {
    docsRequested = true;
    void import('../engine/api/schema/docs.ts');
  }
  last = performance.now();
  if (timer) clearInterval(timer);
  timer = setInterval(() => {
    const t = performance.now();
    try {
      sandbox.tick(t - last);
    } catch (e) {
      fail(e);
    }
    last = t;
  }, TICK_MS);
}

scope.onmessage = (ev: MessageEvent<ToWorker>) => {
  const m = ev.data;
  try {
    sandbox.handle(m);
    if ((m.type === 'init' || m.type === 'reset') && sandbox.host) startTicking();
  } catch (e) {
    // A failed restore or a broken command must not take the page down: report it.
    if (m.type === 'init' || !sandbox.host) fail(e);
    else post({ type: 'error', message: e instanceof Error ? e.message : String(e), fatal: false });
  }
};
