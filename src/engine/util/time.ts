// Timestamps in simulated time: epoch milliseconds, always UTC, never the host's clock or zone.

let lastSecond = NaN;
let lastText = '';

/** RFC 3339 with second precision, as metav1.Time serializes: 2025-06-01T09:00:00Z. */
export function formatRFC3339(ms: number): string {
  // Components stamp many objects in the same simulated second: format each second once.
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastText = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
  }
  return lastText;
}

/** RFC 3339 with microseconds, as metav1.MicroTime serializes (leases, events' eventTime). */
export function formatRFC3339Micro(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2025-06-01T09:00:00.123Z
  return iso.slice(0, 23) + '000Z';
}

export function parseRFC3339(s: string | undefined | null): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * A metav1.Time that is unset serializes as null (lastProbeTime: null in pod conditions). The
 * kubernetes-types declare these fields as optional strings, so the null needs this cast.
 */
export const NULL_TIME = null as unknown as string;
