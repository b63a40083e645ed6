// The digits of π, as `perl -Mbignum=bpi -wle 'print bpi(N)'` prints them: N significant digits,
// the last one rounded. Worked out with Machin's formula, π = 16·atan(1/5) − 4·atan(1/239), in
// BigInt fixed point with guard digits, so the output is exact and the same on every run.

const GUARD = 10;

/** atan(1/x) scaled by `one`, by its Taylor series (terms shrink by x² each step). */
function atanInv(x: bigint, one: bigint): bigint {
  const x2 = x * x;
  let term = one / x;
  let sum = term;
  for (let k = 1n; term !== 0n; k++) {
    term /= x2;
    const t = term / (2n * k + 1n);
    sum += k % 2n === 1n ? -t : t;
  }
  return sum;
}

const cache = new Map<number, string>();

/** π to `digits` significant digits (digits ≥ 1): "3.14159…". */
export function piDigits(digits: number): string {
  const hit = cache.get(digits);
  if (hit !== undefined) return hit;
  const decimals = Math.max(0, digits - 1);
  const one = 10n ** BigInt(decimals + GUARD);
  const pi = 16n * atanInv(5n, one) - 4n * atanInv(239n, one);
  // Round half up to `decimals` places; the guard digits make the truncation error irrelevant.
  const scale = 10n ** BigInt(GUARD);
  const rounded = (pi + scale / 2n) / scale;
  const s = rounded.toString();
  const text = decimals === 0 ? s : `${s.slice(0, 1)}.${s.slice(1)}`;
  cache.set(digits, text);
  return text;
}
