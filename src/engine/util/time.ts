// Timestamps in simulated time: epoch milliseconds, always UTC, never the host's clock or zone.
// The formats themselves live in duration.ts; this adds what the engine's hot paths need.

import { formatRFC3339 as formatSecond, formatRFC3339Micro, parseRFC3339 as parse } from './duration.ts';

export { formatRFC3339Micro };

let lastSecond = NaN;
let lastText = '';

/** RFC 3339 with second precision, as metav1.Time serializes: 2025-06-01T09:00:00Z. */
export function formatRFC3339(ms: number): string {
  // Components stamp many objects in the same simulated second: format each second once.
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastText = formatSecond(second * 1000);
  }
  return lastText;
}

export function parseRFC3339(s: string | undefined | null): number | undefined {
  return s ? parse(s) : undefined;
}

/**
 * A metav1.Time that is unset serializes as null (lastProbeTime: null in pod conditions). The
 * kubernetes-types declare these fields as optional strings, so the null needs this cast.
 */
export const NULL_TIME = null as unknown as string;
