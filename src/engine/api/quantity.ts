// resource.Quantity as k8s.io/apimachinery/pkg/api/resource parses, compares, adds and prints it.
//
// Representation: an exact decimal, value = unscaled × 10^scale, with unscaled a bigint. Kubernetes
// never uses floating point here and neither do we: "0.1" + "0.2" must be "300m", and 1.5Gi must
// print as 1536Mi. The hot path (the scheduler asking the milli-value of "500m" for every pod and
// node) goes through a cache keyed by the input string, so bigint work happens once per distinct
// string. Values handed out as JS numbers (value(), milliValue()) are exact up to 2^53: 9 PB in
// bytes, 9 million cores in millicores; Go's int64 goes further but wraps silently beyond it.

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

export const QUANTITY_REGEX = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${QUANTITY_REGEX}'`;
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
export const ERR_SUFFIX = "unable to parse quantity's suffix";

export class QuantityError extends Error {
  override name = 'QuantityError';
}

const MAX_INT64 = (1n << 63n) - 1n;
const NANO = -9;

const DECIMAL_SUFFIX: Readonly<Record<string, number>> = {
  n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18,
};
const BINARY_SUFFIX: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_SUFFIX_BY_EXP = new Map<number, string>(Object.entries(DECIMAL_SUFFIX).map(([s, e]) => [e, s]));
const BINARY_SUFFIX_BY_EXP = new Map<number, string>([[0, ''], ...Object.entries(BINARY_SUFFIX).map(([s, e]) => [e, s] as [number, string])]);

const POW10: bigint[] = [1n];
function pow10(n: number): bigint {
  if (n < 64) {
    while (POW10.length <= n) POW10.push(POW10[POW10.length - 1] * 10n);
    return POW10[n];
  }
  return 10n ** BigInt(n);
}

const abs = (v: bigint) => (v < 0n ? -v : v);
const digitCount = (v: bigint) => (v === 0n ? 0 : abs(v).toString().length);

/** v / 10^n rounded away from zero, and whether that was exact (negativeScaleInt64 / inf.RoundUp). */
function shrinkAwayFromZero(v: bigint, n: number): [bigint, boolean] {
  if (n <= 0 || v === 0n) return [v, true];
  if (n > digitCount(v)) return [v > 0n ? 1n : -1n, false]; // |v| < 10^n: rounds to ±1
  const d = pow10(n);
  const q = v / d; // truncates toward zero
  if (q * d === v) return [q, true];
  return [v > 0n ? q + 1n : q - 1n, false];
}

export class Quantity {
  /** The canonical string, when known: the input itself when Kubernetes would reuse it. */
  private s: string | undefined;

  constructor(
    /** value = unscaled × 10^scale */
    readonly unscaled: bigint,
    readonly scale: number,
    readonly format: QuantityFormat,
    cached?: string,
  ) {
    this.s = cached;
  }

  static fromMilli(milli: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(milli), -3, format);
  }

  static fromValue(value: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
    return new Quantity(BigInt(value), 0, format);
  }

  isZero(): boolean {
    return this.unscaled === 0n;
  }

  sign(): -1 | 0 | 1 {
    return this.unscaled === 0n ? 0 : this.unscaled > 0n ? 1 : -1;
  }

  /** -1, 0 or 1, exactly. */
  cmp(other: Quantity): -1 | 0 | 1 {
    const a = this.unscaled;
    const b = other.unscaled;
    const sa = this.sign();
    const sb = other.sign();
    if (sa !== sb) return sa < sb ? -1 : 1;
    if (sa === 0) return 0;
    // Different orders of magnitude decide without building 10^huge (1e1000000000 parses lazily).
    const ma = digitCount(a) + this.scale;
    const mb = digitCount(b) + other.scale;
    if (ma !== mb) return (ma < mb) === (sa > 0) ? -1 : 1;
    const s = Math.min(this.scale, other.scale);
    const x = a * pow10(this.scale - s);
    const y = b * pow10(other.scale - s);
    return x === y ? 0 : x < y ? -1 : 1;
  }

  /** Add: the result keeps this format unless this is zero, then it takes the other's. */
  add(other: Quantity): Quantity {
    return this.combine(other, 1n);
  }

  sub(other: Quantity): Quantity {
    return this.combine(other, -1n);
  }

  private combine(other: Quantity, sign: bigint): Quantity {
    const format = this.isZero() ? other.format : this.format;
    if (other.isZero()) return new Quantity(this.unscaled, this.scale, format);
    if (this.isZero()) return new Quantity(sign * other.unscaled, other.scale, format);
    const s = Math.min(this.scale, other.scale);
    const v = this.unscaled * pow10(this.scale - s) + sign * other.unscaled * pow10(other.scale - s);
    return new Quantity(v, s, format);
  }

  neg(): Quantity {
    return new Quantity(-this.unscaled, this.scale, this.format);
  }

  /**
   * ScaledValue: the value in units of 10^scale, rounded away from zero (Go rounds negative
   * inf.Dec-backed values toward +∞ instead; negative quantities are rejected by validation).
   */
  scaledValue(scale: number): number {
    const d = this.scale - scale;
    if (d >= 0) {
      if (d > 400) return this.unscaled === 0n ? 0 : this.unscaled > 0n ? Infinity : -Infinity;
      return Number(this.unscaled * pow10(d));
    }
    return Number(shrinkAwayFromZero(this.unscaled, -d)[0]);
  }

  /** Value(): whole units, rounded up. */
  value(): number {
    return this.scaledValue(0);
  }

  /** MilliValue(): thousandths, rounded up ("0.1m" is 1). */
  milliValue(): number {
    return this.scaledValue(-3);
  }

  /** String(): canonical form, cached. */
  toString(): string {
    if (this.s === undefined) this.s = canonicalize(this);
    return this.s;
  }

  toJSON(): string {
    return this.toString();
  }
}

/** CanonicalizeBytes: largest suffix, no fraction, no loss; binary only for whole numbers ≥ 1024. */
function canonicalize(q: Quantity): string {
  if (q.unscaled === 0n) return '0';
  let format = q.format;
  let whole = 0n;
  if (format === 'BinarySI') {
    const small = q.cmp(Quantity.fromValue(-1024)) > 0 && q.cmp(Quantity.fromValue(1024)) < 0;
    if (small) {
      format = 'DecimalSI';
    } else {
      const [v, exact] = q.scale >= 0 ? [q.unscaled * pow10(q.scale), true] : shrinkAwayFromZero(q.unscaled, -q.scale);
      if (!exact) format = 'DecimalSI';
      whole = v;
    }
  }
  if (format === 'BinarySI') {
    let m = abs(whole);
    let times = 0;
    while (m >= 1024n && m % 1024n === 0n) {
      m /= 1024n;
      times++;
    }
    // No suffix past Ei: Go's lookup fails and it prints the bare number.
    const suffix = BINARY_SUFFIX_BY_EXP.get(times * 10) ?? '';
    return (whole < 0n ? '-' : '') + m.toString() + suffix;
  }
  // Move factors of ten into the exponent, then lower it to a multiple of three.
  let m = abs(q.unscaled);
  let exp = q.scale;
  while (m >= 10n && m % 10n === 0n) {
    m /= 10n;
    exp++;
  }
  while (exp % 3 !== 0) {
    m *= 10n;
    exp--;
  }
  const number = (q.unscaled < 0n ? '-' : '') + m.toString();
  if (format === 'DecimalExponent') return exp === 0 ? number : `${number}e${exp}`;
  // DecimalSI beyond E (1000E): Go finds no suffix and prints the bare mantissa, dropping 10^21.
  return number + (DECIMAL_SUFFIX_BY_EXP.get(exp) ?? '');
}

// ---------------------------------------------------------------------------------------------
// Parsing

const isDigit = (c: number) => c >= 48 && c <= 57;
const SUFFIX_CHARS = 'eEinumkKMGTP';

interface Scanned {
  positive: boolean;
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

/** parseQuantityString: sign, number with leading zeros dropped, fraction, and the raw suffix. */
function scan(str: string): Scanned {
  const end = str.length;
  let positive = true;
  let pos = 0;
  if (end > 0) {
    if (str[0] === '-') {
      positive = false;
      pos++;
    } else if (str[0] === '+') {
      pos++;
    }
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };

  let i = pos;
  while (i < end && isDigit(str.charCodeAt(i))) i++;
  if (i >= end) return { positive, value: str, num: str.slice(pos), denom: '', suffix: '' };
  let num = str.slice(pos, i);
  pos = i;
  if (num.length === 0) num = '0';

  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str.charCodeAt(i))) i++;
    denom = str.slice(pos, i);
    if (i >= end) return { positive, value: str, num, denom, suffix: '' };
    pos = i;
  }
  const value = str.slice(0, pos);

  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(str[pos])) pos++;
  if (pos >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (pos < end && isDigit(str.charCodeAt(pos))) pos++;
  if (pos < end) throw new QuantityError(ERR_FORMAT_WRONG);
  return { positive, value, num, denom, suffix: str.slice(suffixStart) };
}

/** strconv.ParseInt(s, 10, 64): an optional sign and decimal digits that fit in an int64. */
function parseInt64(s: string): number | undefined {
  let i = 0;
  if (s[0] === '+' || s[0] === '-') i = 1;
  if (i >= s.length) return undefined;
  for (let j = i; j < s.length; j++) if (!isDigit(s.charCodeAt(j))) return undefined;
  const v = BigInt(s);
  if (v > MAX_INT64 || v < -MAX_INT64 - 1n) return undefined;
  return Number(v);
}

interface Suffix {
  base: 2 | 10;
  exponent: number;
  format: QuantityFormat;
}

function interpretSuffix(s: string): Suffix | undefined {
  if (Object.hasOwn(DECIMAL_SUFFIX, s)) return { base: 10, exponent: DECIMAL_SUFFIX[s], format: 'DecimalSI' };
  if (Object.hasOwn(BINARY_SUFFIX, s)) return { base: 2, exponent: BINARY_SUFFIX[s], format: 'BinarySI' };
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E')) {
    const e = parseInt64(s.slice(1));
    if (e === undefined) return undefined;
    return { base: 10, exponent: e | 0, format: 'DecimalExponent' }; // Go keeps int32(e)
  }
  return undefined;
}

function parseString(str: string): Quantity {
  if (str.length === 0) throw new QuantityError(ERR_FORMAT_WRONG);
  if (str === '0') return new Quantity(0n, 0, 'DecimalSI', '0');
  const { positive, value, num, denom, suffix } = scan(str);
  const suf = interpretSuffix(suffix);
  if (!suf) throw new QuantityError(ERR_SUFFIX);
  let format = suf.format;

  // The int64 fast path, with its rule for reusing the input as the canonical string.
  let precision: number;
  let scale = 0;
  let mantissa = 1n;
  if (format === 'BinarySI') {
    if (suf.exponent >= 0 && denom.length === 0) {
      mantissa = 1n << BigInt(suf.exponent);
      precision = 15 - num.length - Math.trunc((suf.exponent * 3) / 10) - 1;
    } else {
      precision = -1;
    }
  } else {
    scale = suf.exponent;
    precision = 18 - (num.length + denom.length);
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= NANO) {
      const shifted = num + denom;
      const v = BigInt(shifted);
      let result = v * mantissa;
      if (result <= MAX_INT64) {
        if (!positive) result = -result;
        let reuse: boolean;
        if (format === 'BinarySI') reuse = suf.exponent % 10 === 0 && (v & 7n) !== 0n;
        else reuse = scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        return new Quantity(result, scale, format, reuse ? str : undefined);
      }
    }
  }

  // The exact path (inf.Dec): needs at least one digit.
  let digits = '';
  let fracDigits = 0;
  let seenDot = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '.') seenDot = true;
    else if (c !== '+' && c !== '-') {
      digits += c;
      if (seenDot) fracDigits++;
    }
  }
  if (digits.length === 0) throw new QuantityError(ERR_NUMERIC);
  let amount = BigInt(digits); // the magnitude; the sign is put back at the end
  let exp = -fracDigits;
  if (suf.base === 10) exp += suf.exponent;
  else amount <<= BigInt(suf.exponent);

  // Round non-zero values up to the nanounit: if you ask for some resource, you get some.
  if (amount !== 0n && exp < NANO) {
    amount = shrinkAwayFromZero(amount, NANO - exp)[0];
    exp = NANO;
  }
  if (format === 'BinarySI') {
    const q = new Quantity(amount, exp, format);
    if (q.cmp(new Quantity(MAX_INT64, 0, format)) > 0) {
      amount = MAX_INT64;
      exp = 0;
    } else if (amount !== 0n && q.cmp(new Quantity(1n, 0, format)) < 0) {
      format = 'DecimalSI'; // below one, a binary suffix would only confuse
    }
  }
  return new Quantity(positive ? amount : -amount, exp, format);
}

export type QuantityInput = string | number | Quantity;

/**
 * ParseQuantity. A number (YAML's `cpu: 0.5`) is read as the JSON text Go would see, which for
 * finite numbers is the same digits JavaScript prints.
 */
export function parseQuantity(input: QuantityInput): Quantity {
  if (input instanceof Quantity) return input;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new QuantityError(ERR_FORMAT_WRONG);
    return cachedParse(String(input));
  }
  return cachedParse(input);
}

// Quantities are immutable, so parse results can be shared. Clusters use few distinct strings;
// the bound only protects against a script that generates endless new ones.
const CACHE_LIMIT = 10_000;
const parsed = new Map<string, Quantity>();
const millis = new Map<string, number>();

function cachedParse(s: string): Quantity {
  let q = parsed.get(s);
  if (q === undefined) {
    q = parseString(s);
    if (parsed.size >= CACHE_LIMIT) parsed.clear();
    parsed.set(s, q);
  }
  return q;
}

/** Whether the input parses; the message of the error when it does not. */
export function quantityError(input: QuantityInput): string | undefined {
  try {
    parseQuantity(input);
    return undefined;
  } catch (e) {
    if (e instanceof QuantityError) return e.message;
    throw e;
  }
}

export function canonicalQuantity(input: QuantityInput): string {
  return parseQuantity(input).toString();
}

/** MilliValue, memoized per string: the scheduler's hot path. */
export function milliValue(input: QuantityInput): number {
  if (typeof input === 'string') {
    let m = millis.get(input);
    if (m === undefined) {
      m = cachedParse(input).milliValue();
      if (millis.size >= CACHE_LIMIT) millis.clear();
      millis.set(input, m);
    }
    return m;
  }
  return parseQuantity(input).milliValue();
}

export function value(input: QuantityInput): number {
  return parseQuantity(input).value();
}

export function compareQuantity(a: QuantityInput, b: QuantityInput): -1 | 0 | 1 {
  return parseQuantity(a).cmp(parseQuantity(b));
}

/**
 * The sum as kubectl describe prints it: the first quantity copied (keeping its string as
 * written when Kubernetes would), the rest added to it. No inputs give "0".
 */
export function addQuantities(...inputs: QuantityInput[]): string {
  if (inputs.length === 0) return '0';
  let sum = parseQuantity(inputs[0]);
  for (let i = 1; i < inputs.length; i++) sum = sum.add(parseQuantity(inputs[i]));
  return sum.toString();
}

export function subtractQuantity(a: QuantityInput, b: QuantityInput): string {
  return parseQuantity(a).sub(parseQuantity(b)).toString();
}

/** NewMilliQuantity(n, DecimalSI).String(): 750 → "750m", 2000 → "2". */
export function formatMilli(milli: number): string {
  return Quantity.fromMilli(Math.trunc(milli)).toString();
}

/** NewQuantity(n, BinarySI).String(): 1073741824 → "1Gi", 1000 → "1k" (below 1024 it is decimal). */
export function formatBytes(bytes: number): string {
  return Quantity.fromValue(Math.trunc(bytes), 'BinarySI').toString();
}
