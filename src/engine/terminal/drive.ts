// Driving a session's commands when time can pass at once (the CLI, tests, lesson checks): every
// sleep a command asks for is granted by advancing the cluster immediately.

import type { Cluster } from '../cluster.ts';
import type { ShellEffect } from '../shell/types.ts';

/** A wait with no end (a terminal's `kubectl get -w`) gets this much in a host that cannot be interrupted. */
export const UNBOUNDED_WAIT_MS = 10 * 60_000;

export function driveToEnd(cluster: Cluster, run: Generator<ShellEffect, number, void>): number {
  for (let step = run.next(); ; step = run.next()) {
    if (step.done) return step.value;
    const e = step.value;
    cluster.advance(Number.isFinite(e.ms) ? e.ms : UNBOUNDED_WAIT_MS, e.until);
  }
}
