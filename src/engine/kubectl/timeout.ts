// --request-timeout: how long a blocking request (a watch) may last. A person at a terminal watches
// until Ctrl+C; a script's watch ends after 60 simulated seconds so that it can never hang.

import { parseGoDuration } from '../util/duration.ts';
import { KubectlError } from './errors.ts';
import { str } from './flags.ts';
import type { Invocation } from './types.ts';

export const SCRIPT_WATCH_TIMEOUT_MS = 60_000;

export function requestTimeoutMs(inv: Invocation): number {
  const raw = str(inv.flags, 'request-timeout');
  let ms = 0;
  if (raw && raw !== '0') {
    if (/^\d+$/.test(raw)) ms = Number(raw) * 1000;
    else {
      try {
        ms = parseGoDuration(raw);
      } catch {
        throw new KubectlError(`Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)`);
      }
    }
  }
  if (ms > 0) return ms;
  return inv.env.interactive ? Number.POSITIVE_INFINITY : SCRIPT_WATCH_TIMEOUT_MS;
}
