// Number formatting as Go does it: strconv.FormatFloat(f, 'g', -1, bits) (go-yaml's floats and
// float map keys) and encoding/json's float64 encoding.

/** Shortest round-trip decimal digits and the decimal exponent of the first digit. */
function shortestDigits(f: number, bits: 32 | 64): { digits: string; exp: number } {
  const abs = Math.abs(f);
  let rendered = abs.toExponential(); // shortest digits that identify the float64
  if (bits === 32) {
    for (let p = 1; p <= 9; p++) {
      const candidate = abs.toExponential(p - 1);
      if (Math.fround(Number(candidate)) === abs) {
        rendered = candidate;
        break;
      }
    }
  }
  const e = rendered.indexOf('e');
  return { digits: rendered.slice(0, e).replace('.', ''), exp: Number(rendered.slice(e + 1)) };
}

/** strconv.FormatFloat(f, 'g', -1, bits). */
export function formatFloatG(value: number, bits: 32 | 64 = 64): string {
  const f = bits === 32 ? Math.fround(value) : value;
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  const sign = f < 0 || Object.is(f, -0) ? '-' : '';
  if (f === 0) return `${sign}0`;
  const { digits, exp } = shortestDigits(f, bits);
  const nd = digits.length;
  // With the shortest precision, Go switches to %e when the exponent is < -4 or >= 6 (eprec = 6).
  if (exp < -4 || exp >= 6) {
    const mantissa = nd > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const a = Math.abs(exp);
    return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${a < 10 ? `0${a}` : a}`;
  }
  const dp = exp + 1;
  if (dp <= 0) return `${sign}0.${'0'.repeat(-dp)}${digits}`;
  if (dp >= nd) return `${sign}${digits}${'0'.repeat(dp - nd)}`;
  return `${sign}${digits.slice(0, dp)}.${digits.slice(dp)}`;
}

/** The error encoding/json returns for NaN and infinities. */
export class UnsupportedValueError extends Error {
  constructor(value: number) {
    super(`json: unsupported value: ${formatFloatG(value)}`);
    this.name = 'UnsupportedValueError';
  }
}

/**
 * encoding/json's float64: 'f' format between 1e-6 and 1e21, 'e' outside with a two-digit exponent
 * trimmed to one ("1e-7"). JavaScript's Number-to-String makes the same choices and the same shortest
 * digits, so only -0 and the non-finite values need care.
 */
export function goJsonNumber(n: number): string {
  if (!Number.isFinite(n)) throw new UnsupportedValueError(n);
  return Object.is(n, -0) ? '-0' : String(n);
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/**
 * How a number prints in `kubectl get -o yaml`: json.Marshal, then go-yaml re-reads the text (an int
 * stays an int, anything else becomes a float64) and prints it with FormatFloat(f, 'g', -1, 64).
 */
export function goYamlNumber(n: number | bigint): string {
  if (typeof n === 'bigint') {
    return n >= INT64_MIN && n <= UINT64_MAX ? String(n) : formatFloatG(Number(n));
  }
  if (Number.isSafeInteger(n)) return String(n);
  const text = goJsonNumber(n);
  if (/^-?[0-9]+$/.test(text)) {
    const b = BigInt(text);
    if ((b >= INT64_MIN && b <= INT64_MAX) || (b >= 0n && b <= UINT64_MAX)) return String(b);
  }
  return formatFloatG(n);
}
