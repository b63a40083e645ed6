// Resource quantities as the apiserver stores them. Every ResourceList goes through
// SetDefaults_ResourceList (rounded up to milli-units) and every Quantity is written back in its
// canonical form, so `cpu: 0.5` is stored as "500m", `cpu: 1` as "1", `memory: 1.5Gi` as "1536Mi".

import { parseQuantity, Quantity, QuantityError } from '../quantity.ts';

/** The stored form of one quantity; a value that does not parse is left for validation to report. */
export function canonicalOrSelf(v: unknown): unknown {
  if (typeof v !== 'string' && typeof v !== 'number') return v;
  try {
    return roundUpToMilli(parseQuantity(v)).toString();
  } catch (e) {
    if (e instanceof QuantityError) return v;
    throw e;
  }
}

/** Quantity.RoundUp(-3): values finer than a milli-unit round away from zero ("0.1m" is "1m"). */
function roundUpToMilli(q: Quantity): Quantity {
  if (q.scale >= -3) return q;
  const d = 10n ** BigInt(-3 - q.scale);
  let v = q.unscaled / d;
  if (v * d !== q.unscaled) v += q.unscaled > 0n ? 1n : -1n;
  return new Quantity(v, -3, q.format);
}

/** SetDefaults_ResourceList, in place. */
export function defaultResourceList(list: Record<string, unknown> | null | undefined): void {
  if (!list || typeof list !== 'object') return;
  for (const k in list) {
    const v = list[k];
    const c = canonicalOrSelf(v);
    if (c !== v) list[k] = c;
  }
}
