// CronJob schedules as the apiserver checks them: github.com/robfig/cron/v3's ParseStandard
// (5 fields or an @-descriptor), with its error texts, and time.LoadLocation for time zones.

import { goQuote } from '../names.ts';

interface Bounds {
  min: number;
  max: number;
  names?: Readonly<Record<string, number>>;
}

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = {
  min: 1,
  max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };
const FIELDS = [MINUTES, HOURS, DOM, MONTHS, DOW];

const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

/** The error ParseStandard returns for the schedule, or undefined when it parses. */
export function validateCronSchedule(spec: string): string | undefined {
  if (spec.length === 0) return 'empty spec string';
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const eq = spec.indexOf('=');
    let sp = spec.indexOf(' ');
    // Go slices spec[eq+1:-1] here and panics; treat the whole rest as the location instead.
    if (sp < 0) sp = spec.length;
    const loc = spec.slice(eq + 1, sp);
    const err = loadLocationError(loc);
    if (err) return `provided bad location ${loc}: ${err}`;
    spec = spec.slice(sp).trim();
  }
  if (spec.startsWith('@')) return descriptorError(spec);
  const fields = goFields(spec);
  if (fields.length !== 5) {
    return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  }
  for (let i = 0; i < 5; i++) {
    // getField: comma-separated ranges, empty pieces skipped (strings.FieldsFunc).
    for (const expr of fields[i].split(',')) {
      if (expr === '') continue;
      const err = rangeError(expr, FIELDS[i]);
      if (err) return err;
    }
  }
  return undefined;
}

/** strings.Fields: split on Unicode white space, dropping empty pieces. */
function goFields(s: string): string[] {
  return s.split(/\s+/u).filter((f) => f !== '');
}

function descriptorError(spec: string): string | undefined {
  if (DESCRIPTORS.has(spec)) return undefined;
  const every = '@every ';
  if (spec.startsWith(every)) {
    const err = durationError(spec.slice(every.length));
    return err ? `failed to parse duration ${spec}: ${err}` : undefined;
  }
  return `unrecognized descriptor: ${spec}`;
}

/** getRange: number | number "-" number [ "/" number ], or * and ? for the whole range. */
function rangeError(expr: string, r: Bounds): string | undefined {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const single = lowAndHigh.length === 1;
  let start: bigint;
  let end: bigint;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = BigInt(r.min);
    end = BigInt(r.max);
  } else {
    const s = intOrName(lowAndHigh[0], r);
    if (typeof s === 'string') return s;
    start = s;
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) {
      const e = intOrName(lowAndHigh[1], r);
      if (typeof e === 'string') return e;
      end = e;
    } else return `too many hyphens: ${expr}`;
  }
  let step = 1n;
  if (rangeAndStep.length === 2) {
    const st = parseUint(rangeAndStep[1]);
    if (typeof st === 'string') return st;
    step = st;
    if (single) end = BigInt(r.max); // "N/step" means "N-max/step"
  } else if (rangeAndStep.length > 2) return `too many slashes: ${expr}`;
  if (start < BigInt(r.min)) return `beginning of range (${start}) below minimum (${r.min}): ${expr}`;
  if (end > BigInt(r.max)) return `end of range (${end}) above maximum (${r.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  if (step === 0n) return `step of range should be a positive number: ${expr}`;
  return undefined;
}

function intOrName(expr: string, r: Bounds): bigint | string {
  const key = expr.toLowerCase();
  if (r.names && Object.hasOwn(r.names, key)) return BigInt(r.names[key]);
  return parseUint(expr);
}

const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);

/** mustParseInt: strconv.Atoi, then no negatives. */
function parseUint(expr: string): bigint | string {
  const n = atoi(expr);
  if (typeof n === 'string') return `failed to parse int from ${expr}: ${n}`;
  if (n < 0n) return `negative number (${n}) not allowed: ${expr}`;
  return n;
}

/** strconv.Atoi on a 64-bit platform: optional sign, decimal digits, int64 range. */
function atoi(s: string): bigint | string {
  const syntax = `strconv.Atoi: parsing ${goQuote(s)}: invalid syntax`;
  let i = 0;
  if (s[0] === '+' || s[0] === '-') i = 1;
  if (i >= s.length) return syntax;
  for (let j = i; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) return syntax;
  }
  const n = BigInt(s[0] === '+' ? s.slice(1) : s);
  if (n > MAX_INT64 || n < MIN_INT64) return `strconv.Atoi: parsing ${goQuote(s)}: value out of range`;
  return n;
}

const UNITS: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  'µs': 1e3, // U+00B5
  'μs': 1e3, // U+03BC
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};
/** Durations are int64 nanoseconds; beyond 2^63 Go reports the duration invalid. */
const MAX_DURATION = 2 ** 63;

/** time.ParseDuration's error for s, or undefined: [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+ or "0". */
export function durationError(orig: string): string | undefined {
  const invalid = `time: invalid duration ${goQuote(orig)}`;
  let s = orig;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  if (s === '0') return undefined;
  if (s === '') return invalid;
  let total = 0;
  while (s !== '') {
    let i = 0;
    while (i < s.length && s[i] >= '0' && s[i] <= '9') i++;
    const pre = i > 0;
    let whole = s.slice(0, i);
    s = s.slice(i);
    let post = false;
    if (s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      while (j < s.length && s[j] >= '0' && s[j] <= '9') j++;
      post = j > 0;
      whole += '.' + s.slice(0, j);
      s = s.slice(j);
    }
    if (!pre && !post) return invalid; // no digits, e.g. ".s"
    let u = 0;
    while (u < s.length && s[u] !== '.' && (s[u] < '0' || s[u] > '9')) u++;
    if (u === 0) return `time: missing unit in duration ${goQuote(orig)}`;
    const unit = s.slice(0, u);
    s = s.slice(u);
    if (!Object.hasOwn(UNITS, unit)) return `time: unknown unit ${goQuote(unit)} in duration ${goQuote(orig)}`;
    total += Number(whole) * UNITS[unit];
    if (total >= MAX_DURATION) return invalid;
  }
  return undefined;
}

/**
 * time.LoadLocation's error for a zone name: "" and UTC and Local always load; other names must
 * be in the time zone database, which here is the host's (Intl), matched case-sensitively as
 * Go's file lookup is.
 */
export function loadLocationError(name: string): string | undefined {
  if (name === '' || name === 'UTC' || name === 'Local') return undefined;
  const unknown = `unknown time zone ${name}`;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return unknown;
  }
  // Intl ignores case; Go does not. An alias may resolve to another name, which is fine.
  if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) return unknown;
  return undefined;
}
