// Durations and timestamps as kubectl prints them. Every input is epoch or span
// milliseconds; every calendar computation is UTC, never the host's time zone.
//
// Sources: k8s.io/apimachinery/pkg/util/duration (HumanDuration, ShortHumanDuration),
// Go's time.Duration.String and time.ParseDuration, and kubectl describe's
// translateTimestampSince (pkg/describe/describe.go).

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** The AGE column: ~2-3 significant figures (apimachinery duration.HumanDuration). */
export function humanDuration(ms: number): string {
  // Up to 2s in the past is tolerated as clock skew and shown as "0s".
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const dy = days % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

/** One unit only (apimachinery duration.ShortHumanDuration). */
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(hours / 24 / 365)}y`;
}

// ---------------------------------------------------------------------------
// Go time.Duration (nanoseconds, int64)

const NS_PER_MS = 1_000_000n;
const INT64_MIN = -(1n << 63n);
const UINT_2_63 = 1n << 63n;

/** Milliseconds (possibly fractional) to whole nanoseconds, exactly for integral input. */
export function msToNs(ms: number): bigint {
  const whole = Math.trunc(ms);
  return BigInt(whole) * NS_PER_MS + BigInt(Math.round((ms - whole) * 1e6));
}

/** Go's time.Duration.String(), e.g. "1h0m0s", "1m30s", "1.5s", "500ms", "0s". */
export function goDurationString(ms: number): string {
  return goDurationStringNs(msToNs(ms));
}

export function goDurationStringNs(ns: bigint): string {
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  let u = neg ? -ns : ns; // -(-2^63) stays exact in a bigint, as Go's uint64 negation does
  let out: string;
  if (u < 1_000_000_000n) {
    let unit: string;
    let prec: number;
    if (u < 1_000n) {
      prec = 0;
      unit = 'ns';
    } else if (u < 1_000_000n) {
      prec = 3;
      unit = 'µs'; // U+00B5, as Go prints it
    } else {
      prec = 6;
      unit = 'ms';
    }
    const [frac, rest] = fmtFrac(u, prec);
    out = `${rest}${frac}${unit}`;
  } else {
    const [frac, rest] = fmtFrac(u, 9);
    u = rest;
    out = `${u % 60n}${frac}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}

// The fraction of v/10^prec without trailing zeros (and without the point when zero).
function fmtFrac(v: bigint, prec: number): [string, bigint] {
  let digits = '';
  let printed = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    printed = printed || digit !== 0n;
    if (printed) digits = `${digit}${digits}`;
    v /= 10n;
  }
  return [printed ? `.${digits}` : '', v];
}

const UNITS: ReadonlyMap<string, bigint> = new Map([
  ['ns', 1n],
  ['us', 1_000n],
  ['µs', 1_000n], // U+00B5 micro sign
  ['μs', 1_000n], // U+03BC Greek mu
  ['ms', 1_000_000n],
  ['s', 1_000_000_000n],
  ['m', 60_000_000_000n],
  ['h', 3_600_000_000_000n],
]);

/** Go's time.ParseDuration, returning milliseconds. Throws with Go's error text. */
export function parseGoDuration(s: string): number {
  return Number(parseGoDurationNs(s)) / 1e6;
}

/** Go's time.ParseDuration, returning nanoseconds. Throws with Go's error text. */
export function parseGoDurationNs(orig: string): bigint {
  const invalid = (): Error => new Error(`time: invalid duration ${goTimeQuote(orig)}`);
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid();
  let d = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s, 0))) throw invalid();
    // [0-9]*
    let i = 0;
    let v = 0n;
    for (; i < s.length && isDigit(s, i); i++) {
      if (v > UINT_2_63 / 10n) throw invalid();
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > UINT_2_63) throw invalid();
    }
    const pre = i > 0;
    s = s.slice(i);
    // (\.[0-9]*)?
    let post = false;
    let f = 0n;
    let scale = 1;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      let overflow = false;
      let j = 0;
      for (; j < s.length && isDigit(s, j); j++) {
        if (overflow) continue;
        if (f > (UINT_2_63 - 1n) / 10n) {
          overflow = true;
          continue;
        }
        const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
        if (y > UINT_2_63) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) throw invalid();
    // unit: everything up to the next '.' or digit
    let k = 0;
    while (k < s.length && s[k] !== '.' && !isDigit(s, k)) k++;
    if (k === 0) throw new Error(`time: missing unit in duration ${goTimeQuote(orig)}`);
    const u = s.slice(0, k);
    s = s.slice(k);
    const unit = UNITS.get(u);
    if (unit === undefined) {
      throw new Error(`time: unknown unit ${goTimeQuote(u)} in duration ${goTimeQuote(orig)}`);
    }
    if (v > UINT_2_63 / unit) throw invalid();
    v *= unit;
    if (f > 0n) {
      // Go computes the fraction in float64, truncating to whole nanoseconds.
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > UINT_2_63) throw invalid();
    }
    d += v;
    if (d > UINT_2_63) throw invalid();
  }
  if (neg) return d === UINT_2_63 ? INT64_MIN : -d;
  if (d > UINT_2_63 - 1n) throw invalid();
  return d;
}

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

// Go's time.quote: printable ASCII as is (with \" and \\ escaped), other bytes as \xNN of their UTF-8.
function goTimeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0x80 || cp < 0x20) {
      for (const b of utf8Bytes(cp)) out += `\\x${b.toString(16).padStart(2, '0')}`;
    } else {
      if (ch === '"' || ch === '\\') out += '\\';
      out += ch;
    }
  }
  return `${out}"`;
}

function utf8Bytes(cp: number): number[] {
  if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // a lone surrogate encodes as U+FFFD
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 0x3f)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
}

// ---------------------------------------------------------------------------
// Timestamps (UTC)

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function utcParts(ms: number) {
  const d = new Date(Math.floor(ms / SECOND) * SECOND);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth(),
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** metav1.Time as serialized: RFC 3339 at second precision, e.g. "2025-06-01T09:00:00Z". */
export function formatRFC3339(ms: number): string {
  const p = utcParts(ms);
  return `${pad(p.year, 4)}-${pad(p.month + 1)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}Z`;
}

/** metav1.MicroTime as serialized: "2025-06-01T09:00:00.123000Z". */
export function formatRFC3339Micro(ms: number): string {
  const micros = Math.min(999_999, Math.round((ms - Math.floor(ms / SECOND) * SECOND) * 1000));
  return `${formatRFC3339(ms).slice(0, -1)}.${pad(micros, 6)}Z`;
}

/** Go's time.RFC1123Z, used by kubectl describe: "Sun, 01 Jun 2025 09:00:00 +0000". */
export function formatRFC1123Z(ms: number): string {
  const p = utcParts(ms);
  return (
    `${DAY_NAMES[p.weekday]}, ${pad(p.day)} ${MONTH_NAMES[p.month]} ${pad(p.year, 4)} ` +
    `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)} +0000`
  );
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Parses an RFC 3339 timestamp to epoch milliseconds; undefined when it is not one. */
export function parseRFC3339(s: string): number | undefined {
  const m = RFC3339.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec, frac, , sign, oh, om] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) {
    return undefined;
  }
  let ms = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(sec));
  if (new Date(ms).getUTCDate() !== day) return undefined; // e.g. Feb 30
  if (frac) ms += Math.floor(Number(`0${frac}`) * 1000);
  if (sign) ms -= (sign === '-' ? -1 : 1) * (Number(oh) * HOUR + Number(om) * MINUTE);
  return ms;
}

/**
 * kubectl's translateTimestampSince: "<unknown>" for a missing (zero) timestamp,
 * otherwise the HumanDuration since it. Timestamps are epoch ms or RFC 3339 strings.
 */
export function translateTimestampSince(ts: number | string | null | undefined, nowMs: number): string {
  if (ts === null || ts === undefined || ts === '') return '<unknown>';
  const at = typeof ts === 'number' ? ts : parseRFC3339(ts);
  if (at === undefined || Number.isNaN(at)) return '<unknown>';
  return humanDuration(nowMs - at);
}
