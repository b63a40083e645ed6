// Commands that wait (delete, wait, rollout status) let simulated time pass until a condition holds.
// In a script they give up after a bound, so that a script can never hang.

import type { ShellEffect } from '../shell/types.ts';
import type { Invocation } from './types.ts';

/** The longest a script waits on anything, even where kubectl would wait forever. */
export const SCRIPT_MAX_WAIT_MS = 10 * 60_000;

/** Waits until `done()` or `ms` passes; returns whether `done()` held. */
export function* waitFor(inv: Invocation, done: () => boolean, ms: number): Generator<ShellEffect, boolean, void> {
  if (done()) return true;
  const limit = inv.env.interactive ? ms : Math.min(ms, SCRIPT_MAX_WAIT_MS);
  const start = inv.env.cluster.now();
  while (!done()) {
    const left = limit - (inv.env.cluster.now() - start);
    if (left <= 0) return false;
    yield { type: 'sleep', ms: left, until: done };
  }
  return true;
}
