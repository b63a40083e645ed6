// Helpers the tables share.

import { humanDuration } from '../../../util/duration.ts';
import type { KubeObject } from '../../../api/object.ts';
import { parseRFC3339 } from '../../../util/time.ts';
import type { PrintContext } from '../types.ts';

/** translateTimestampSince: the AGE column. */
export function age(ts: string | undefined | null, ctx: PrintContext): string {
  const t = parseRFC3339(ts ?? undefined);
  if (t === undefined) return '<unknown>';
  return humanDuration(ctx.now - t);
}

export function objAge(obj: KubeObject, ctx: PrintContext): string {
  return age(obj.metadata.creationTimestamp, ctx);
}

/** labels.FormatLabels: sorted k=v joined by commas, or <none>. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  if (!labels) return '<none>';
  const keys = Object.keys(labels).sort();
  if (!keys.length) return '<none>';
  return keys.map((k) => `${k}=${labels[k]}`).join(',');
}

export const orNone = (s: string | undefined | null): string => (s ? s : '<none>');
