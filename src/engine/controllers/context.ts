// What every controller is given: the API to write through, the store to read (the informer
// cache, in Kubernetes terms), the simulation for queues and timers, and the event recorder.

import type { ApiServer } from '../apiserver/apiserver.ts';
import type { KindRegistry } from '../api/kinds.ts';
import type { EventRecorder } from '../events/recorder.ts';
import type { Sim } from '../sim/sim.ts';
import type { Store } from '../store/store.ts';

export interface ControllerContext {
  api: ApiServer;
  store: Store;
  sim: Sim;
  events: EventRecorder;
  kinds: KindRegistry;
}

/** A controller the controller-manager runs: it can be resynced (every key re-queued) after a restart. */
export interface Controller {
  readonly name: string;
  resync(): void;
}
