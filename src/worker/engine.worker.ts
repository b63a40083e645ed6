// The Web Worker the engine runs in. It only translates protocol messages to the host and keeps
// the real-time tick; if the engine throws, it says so and the page offers the last autosave.

import { EngineHost, TICK_MS } from './host.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

// The page's tsconfig uses the DOM library; the worker scope is typed by what it needs from it.
const scope = self as unknown as {
  postMessage(m: FromWorker): void;
  onmessage: ((ev: MessageEvent<ToWorker>) => void) | null;
};

let host: EngineHost | undefined;
let last = performance.now();
let timer: ReturnType<typeof setInterval> | undefined;

const post = (m: FromWorker) => scope.postMessage(m);
const fail = (e: unknown) => {
  if (timer) clearInterval(timer);
  timer = undefined;
  host = undefined;
  post({ type: 'error', message: e instanceof Error ? e.message : String(e), fatal: true });
};

function start(h: EngineHost): void {
  host = h;
  post(h.readyMessage());
  last = performance.now();
  if (timer) clearInterval(timer);
  timer = setInterval(() => {
    const t = performance.now();
    try {
      host?.tick(t - last);
    } catch (e) {
      fail(e);
    }
    last = t;
  }, TICK_MS);
}

scope.onmessage = (ev: MessageEvent<ToWorker>) => {
  const m = ev.data;
  try {
    switch (m.type) {
      case 'init':
      case 'reset': {
        const speed = host?.speed ?? 1;
        let h: EngineHost;
        try {
          h = new EngineHost(m.seed, m.workers, post, m.type === 'init' ? m.restore : undefined);
        } catch (e) {
          // A save that cannot be restored leaves the running cluster as it was.
          if (!host) throw e;
          post({ type: 'error', message: `the save could not be restored: ${e instanceof Error ? e.message : String(e)}`, fatal: false });
          break;
        }
        h.speed = speed;
        if (m.type === 'reset' && host) h.adopt(host);
        start(h);
        break;
      }
      case 'run':
        host?.enqueue(m.id, m.input);
        break;
      case 'interrupt':
        host?.interrupt(m.id);
        break;
      case 'complete':
        host?.completion(m.id, m.line, m.cursor);
        break;
      case 'write-file': {
        const failed = host?.writeFile(m.path, m.content);
        if (failed) post({ type: 'error', message: failed, fatal: false });
        break;
      }
      case 'apply':
        if (host) post({ type: 'applied', id: m.id, result: host.apply(m.path, m.content) });
        break;
      case 'query':
        if (host) post({ type: 'query-result', id: m.id, text: host.query(m.query, m.resource, m.namespace, m.name, m.container) });
        break;
      case 'speed':
        if (host) host.speed = m.speed;
        break;
      case 'step':
        host?.step(m.ms);
        break;
      case 'save':
        if (host) post({ type: 'saved', id: m.id, save: host.save() });
        break;
      case 'ack':
        host?.ack();
        host?.flush();
        break;
    }
  } catch (e) {
    // A failed restore or a broken command must not take the page down: report it.
    if (m.type === 'init' || !host) fail(e);
    else post({ type: 'error', message: e instanceof Error ? e.message : String(e), fatal: false });
  }
};
