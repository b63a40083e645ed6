// The Web Worker the engine runs in. It only translates protocol messages to the host.

import { EngineHost, TICK_MS } from './host.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

// The page's tsconfig uses the DOM library; the worker scope is typed by what it needs from it.
const scope = self as unknown as {
  postMessage(m: FromWorker): void;
  onmessage: ((ev: MessageEvent<ToWorker>) => void) | null;
};

let host: EngineHost | undefined;
let last = performance.now();

const post = (m: FromWorker) => scope.postMessage(m);

scope.onmessage = (ev: MessageEvent<ToWorker>) => {
  const m = ev.data;
  try {
    switch (m.type) {
      case 'init':
        host = new EngineHost(m.seed, m.workers, post);
        post({ type: 'ready', now: host.cluster.now() });
        last = performance.now();
        setInterval(() => {
          const t = performance.now();
          host?.tick(t - last);
          last = t;
        }, TICK_MS);
        break;
      case 'run':
        host?.enqueue(m.id, m.input);
        break;
      case 'interrupt':
        host?.interrupt(m.id);
        break;
      case 'speed':
        if (host) host.speed = m.speed;
        break;
    }
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
