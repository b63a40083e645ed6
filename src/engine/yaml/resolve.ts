// go-yaml v2's implicit typing of scalars (resolve.go), YAML 1.1 style: yes/no/on/off are booleans,
// 0755 is octal, 1_000 is 1000, timestamps are recognised (and kept as strings when decoded, but
// quoted when written). Shared by the reader (what a scalar means) and the writer (whether a string
// can be written plain without changing its meaning).

export const STR_TAG = 'tag:yaml.org,2002:str';
export const BOOL_TAG = 'tag:yaml.org,2002:bool';
export const INT_TAG = 'tag:yaml.org,2002:int';
export const FLOAT_TAG = 'tag:yaml.org,2002:float';
export const NULL_TAG = 'tag:yaml.org,2002:null';
export const TIMESTAMP_TAG = 'tag:yaml.org,2002:timestamp';
export const BINARY_TAG = 'tag:yaml.org,2002:binary';
export const MERGE_TAG = 'tag:yaml.org,2002:merge';

/** A scalar as go-yaml types it when decoding into interface{}. */
export type GoScalar =
  | { readonly t: 'null' }
  | { readonly t: 'bool'; readonly v: boolean }
  /** int64; a bigint only when a JS number would lose precision. */
  | { readonly t: 'int'; readonly v: number | bigint }
  /** uint64 values above the int64 range. */
  | { readonly t: 'uint'; readonly v: bigint }
  | { readonly t: 'float'; readonly v: number }
  | { readonly t: 'str'; readonly v: string };

export interface Resolved {
  readonly tag: string;
  readonly value: GoScalar;
}

const NULL: GoScalar = { t: 'null' };
const TRUE: GoScalar = { t: 'bool', v: true };
const FALSE: GoScalar = { t: 'bool', v: false };

const RESOLVE_MAP = new Map<string, Resolved>();
for (const [value, tag, words] of [
  [TRUE, BOOL_TAG, 'y Y yes Yes YES true True TRUE on On ON'],
  [FALSE, BOOL_TAG, 'n N no No NO false False FALSE off Off OFF'],
  [NULL, NULL_TAG, '~ null Null NULL'],
  [{ t: 'float', v: NaN }, FLOAT_TAG, '.nan .NaN .NAN'],
  [{ t: 'float', v: Infinity }, FLOAT_TAG, '.inf .Inf .INF +.inf +.Inf +.INF'],
  [{ t: 'float', v: -Infinity }, FLOAT_TAG, '-.inf -.Inf -.INF'],
] as const) {
  for (const w of words.split(' ')) RESOLVE_MAP.set(w, { tag, value });
}
RESOLVE_MAP.set('', { tag: NULL_TAG, value: NULL });

/** go-yaml's resolveTable: the hint given by a scalar's first character. */
function hintOf(c: number): 'S' | 'D' | 'M' | '.' | '' {
  if (c === 43 || c === 45) return 'S';
  if (c >= 48 && c <= 57) return 'D';
  if (c === 46) return '.';
  // y Y n N t T f F o O ~ ('<<' is in go-yaml's map too, but no hint leads there)
  if ('yYnNtTfFoO~'.includes(String.fromCharCode(c))) return 'M';
  return '';
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;

function isResolvableTag(tag: string): boolean {
  return (
    tag === '' ||
    tag === STR_TAG ||
    tag === BOOL_TAG ||
    tag === INT_TAG ||
    tag === FLOAT_TAG ||
    tag === NULL_TAG ||
    tag === TIMESTAMP_TAG
  );
}

export function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice(18)}` : tag;
}

/** Thrown for an explicit tag that does not fit the value (`!!int abc`). */
export class ResolveError extends Error {}

/**
 * resolve(tag, in): the type and value go-yaml gives a scalar. Timestamps resolve to
 * TIMESTAMP_TAG with the text as value (go-yaml keeps them as strings in interface{}).
 */
export function resolve(tag: string, text: string): Resolved {
  if (!isResolvableTag(tag)) return { tag, value: { t: 'str', v: text } };
  const r = resolveImplicit(tag, text);
  if (tag === '' || tag === r.tag || tag === STR_TAG || tag === BINARY_TAG) return r;
  if (tag === FLOAT_TAG && r.tag === INT_TAG && r.value.t === 'int') {
    return { tag: FLOAT_TAG, value: { t: 'float', v: Number(r.value.v) } };
  }
  throw new ResolveError(`cannot decode ${shortTag(r.tag)} \`${text}\` as a ${shortTag(tag)}`);
}

function resolveImplicit(tag: string, text: string): Resolved {
  const hint = text === '' ? 'N' : hintOf(text.charCodeAt(0));
  if (hint !== '' && tag !== STR_TAG && tag !== BINARY_TAG) {
    const known = RESOLVE_MAP.get(text);
    if (known) return known;
    if (hint === '.') {
      if (DOT_FLOAT.test(text)) {
        const f = Number(text);
        if (Number.isFinite(f)) return { tag: FLOAT_TAG, value: { t: 'float', v: f } };
      }
    } else if (hint === 'D' || hint === 'S') {
      if ((tag === '' || tag === TIMESTAMP_TAG) && isTimestamp(text)) {
        return { tag: TIMESTAMP_TAG, value: { t: 'str', v: text } };
      }
      const plain = text.includes('_') ? text.replaceAll('_', '') : text;
      const int = parseGoInteger(plain, 0);
      if (int) return { tag: INT_TAG, value: int };
      if (YAML_STYLE_FLOAT.test(plain)) {
        const f = Number(plain);
        // Go's ParseFloat rejects overflow (it would be ±Inf with ErrRange): the text stays a string.
        if (Number.isFinite(f)) return { tag: FLOAT_TAG, value: { t: 'float', v: f } };
      }
      if (plain.startsWith('0b')) {
        const bin = parseGoInteger(plain.slice(2), 2);
        if (bin) return { tag: INT_TAG, value: bin };
      } else if (plain.startsWith('-0b')) {
        const bin = parseGoInteger(`-${plain.slice(3)}`, 2);
        if (bin && bin.t === 'int') return { tag: INT_TAG, value: bin };
      }
    }
  }
  return { tag: STR_TAG, value: { t: 'str', v: text } };
}

const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;
const SIMPLE_DECIMAL = /^-?[1-9][0-9]{0,14}$/;

/** Keeps int64 values as JS numbers when exact, as bigint otherwise. */
export function intValue(v: bigint): number | bigint {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

/**
 * Go's strconv.ParseInt(s, base, 64) falling back to ParseUint: the int64 (or, above its range,
 * uint64) value, or undefined. Base 0 understands 0x, 0o, 0b and a leading 0 for octal.
 */
export function parseGoInteger(s: string, base: 0 | 2 | 10): GoScalar | undefined {
  if (s === '0') return { t: 'int', v: 0 };
  if (base !== 2 && SIMPLE_DECIMAL.test(s)) return { t: 'int', v: Number(s) }; // the common case
  let neg = false;
  let body = s;
  if (body.startsWith('+') || body.startsWith('-')) {
    neg = body[0] === '-';
    body = body.slice(1);
  }
  const unsigned = parseGoUnsigned(body, base);
  if (unsigned === undefined) return undefined;
  if (!neg && unsigned <= INT64_MAX) return { t: 'int', v: intValue(unsigned) };
  if (neg && unsigned <= INT64_MAX + 1n) return { t: 'int', v: intValue(-unsigned) };
  // Only an unsigned spelling may fall back to uint64 (ParseUint takes no sign).
  if (s === body) return { t: 'uint', v: unsigned };
  return undefined;
}

function parseGoUnsigned(s: string, base: 0 | 2 | 10): bigint | undefined {
  if (s === '') return undefined;
  let radix: 2 | 8 | 10 | 16 = base === 0 ? 10 : base;
  let digits = s;
  if (base === 0 && s[0] === '0') {
    const p = s.length >= 3 ? s[1].toLowerCase() : '';
    if (p === 'b' || p === 'o' || p === 'x') {
      radix = p === 'b' ? 2 : p === 'o' ? 8 : 16;
      digits = s.slice(2);
    } else {
      radix = 8;
      digits = s.slice(1);
    }
  }
  if (!DIGITS[radix].test(digits)) return undefined;
  if (digits === '') return 0n; // only "0" itself gets here
  const v = BigInt(RADIX_PREFIX[radix] + digits);
  return v <= UINT64_MAX ? v : undefined;
}

const DIGITS = { 2: /^[01]*$/, 8: /^[0-7]*$/, 10: /^[0-9]*$/, 16: /^[0-9a-fA-F]*$/ } as const;
const RADIX_PREFIX = { 2: '0b', 8: '0o', 10: '', 16: '0x' } as const;

/** Whether go-yaml would write this string without quotes: it must resolve back to a string. */
export function resolvesToString(s: string): boolean {
  if (s === '') return false;
  const c = s.charCodeAt(0);
  // Fast path: most strings start with a letter that cannot begin another type.
  if (hintOf(c) === '') return true;
  return resolveImplicit('', s).tag === STR_TAG && !isBase60Float(s);
}

const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** go-yaml still quotes YAML 1.1 sexagesimal numbers (`1:20`) on output, for other parsers' sake. */
function isBase60Float(s: string): boolean {
  const c = s[0];
  if (!(c === '+' || c === '-' || (c >= '0' && c <= '9')) || !s.includes(':')) return false;
  return BASE60_FLOAT.test(s);
}

// --- timestamps: Go's time.Parse for the four layouts go-yaml v2 accepts ---

/** go-yaml's parseTimestamp: 2006-1-2T15:4:5.999999999Z07:00, its lower-case t form, "2006-1-2 15:4:5.999999999", 2006-1-2. */
export function isTimestamp(s: string): boolean {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  if (i !== 4 || i === s.length || s[i] !== '-') return false;
  return (
    parseLayout(s, 'T', true) || parseLayout(s, 't', true) || parseLayout(s, ' ', false) || parseLayout(s, '', false)
  );
}

/** Reads Go's getnum(s, false): one or two digits. */
function getnum(s: string, at: number): [number, number] | undefined {
  const d0 = s.charCodeAt(at) - 48;
  if (!(d0 >= 0 && d0 <= 9)) return undefined;
  const d1 = s.charCodeAt(at + 1) - 48;
  if (!(d1 >= 0 && d1 <= 9)) return [d0, at + 1];
  return [d0 * 10 + d1, at + 2];
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** sep '' means the date-only layout; zone says whether Z07:00 ends the layout. */
function parseLayout(s: string, sep: string, zone: boolean): boolean {
  const year = Number(s.slice(0, 4));
  let at = 5;
  const month = getnum(s, at);
  if (!month || month[0] < 1 || month[0] > 12 || s[month[1]] !== '-') return false;
  const day = getnum(s, month[1] + 1);
  if (!day) return false;
  at = day[1];
  if (sep !== '') {
    if (s[at] !== sep) return false;
    const hour = getnum(s, at + 1);
    if (!hour || hour[0] >= 24 || s[hour[1]] !== ':') return false;
    const min = getnum(s, hour[1] + 1);
    if (!min || min[0] >= 60 || s[min[1]] !== ':') return false;
    const sec = getnum(s, min[1] + 1);
    if (!sec || sec[0] >= 60) return false;
    at = sec[1];
    // Optional fraction: a '.' or ',' then any number of digits.
    if ((s[at] === '.' || s[at] === ',') && s.charCodeAt(at + 1) >= 48 && s.charCodeAt(at + 1) <= 57) {
      at += 2;
      while (s.charCodeAt(at) >= 48 && s.charCodeAt(at) <= 57) at++;
    }
    if (zone) {
      if (s[at] === 'Z') at++;
      else {
        if (s.length - at < 6 || s[at + 3] !== ':' || (s[at] !== '+' && s[at] !== '-')) return false;
        const hh = fixed2(s, at + 1);
        const mm = fixed2(s, at + 4);
        if (hh === undefined || mm === undefined || hh > 24 || mm > 60) return false;
        at += 6;
      }
    }
  }
  if (at !== s.length) return false;
  return day[0] >= 1 && day[0] <= daysIn(month[0], year);
}

function fixed2(s: string, at: number): number | undefined {
  const a = s.charCodeAt(at) - 48;
  const b = s.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : undefined;
}
