// A describer turns one object into `kubectl describe` text. It may look at related objects
// (a pod's events, a node's pods, a service's endpoints) through the context.

import type { KubeObject } from '../../api/object.ts';
import type { Store } from '../../store/store.ts';

export interface DescribeContext {
  /** Simulated now, epoch ms. */
  now: number;
  /** Read access to every object (events, related pods, endpoints …). */
  store: Store;
  /** --show-events (default true). */
  showEvents: boolean;
  /** --chunk-size is irrelevant here; the max events shown is kubectl's default of 500 (not limited). */
}

export type Describer = (obj: KubeObject, ctx: DescribeContext) => string;
