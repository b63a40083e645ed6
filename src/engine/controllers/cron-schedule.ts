// Cron schedules as the CronJob controller uses them: github.com/robfig/cron/v3's ParseStandard
// (5 fields or an @-descriptor; the apiserver's validateCronSchedule already checked the syntax)
// and SpecSchedule.Next, evaluated on the wall clock of a time zone; plus the controller's
// mostRecentScheduleTime and nextScheduleTimeDuration (pkg/controller/cronjob/utils.go).
//
// Time zones: UTC (the default, and "" and "Local": the controller manager runs in UTC here) is
// exact arithmetic; any other IANA zone is read through Intl.DateTimeFormat with that explicit zone,
// which is deterministic for a given instant. In a zone's DST gap or overlap Next may pick a
// different instant than Go does; fixed-offset zones (Etc/GMT+5, Asia/Shanghai...) are exact.

import { validateCronSchedule } from '../api/validation/cron.ts';

const MINUTE = 60_000;
const STAR = 1n << 63n;

interface Fields {
  minute: bigint;
  hour: bigint;
  dom: bigint;
  month: bigint;
  dow: bigint;
}

export type Schedule =
  | { kind: 'spec'; fields: Fields; zone: string }
  /** @every: a constant delay, rounded down to whole seconds (at least one). */
  | { kind: 'every'; delayMs: number };

const BOUNDS: [number, number, Record<string, number>?][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12, { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 }],
  [0, 6, { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 }],
];

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** getRange: the bits of one comma piece, with the star bit for a leading * or ? (unless stepped). */
function rangeBits(expr: string, [min, max, names]: [number, number, Record<string, number>?]): bigint {
  const [range, stepText] = expr.split('/');
  const lowHigh = range.split('-');
  const num = (s: string) => (names && Object.hasOwn(names, s.toLowerCase()) ? names[s.toLowerCase()] : Number(s));
  let start: number;
  let end: number;
  let extra = 0n;
  if (lowHigh[0] === '*' || lowHigh[0] === '?') {
    start = min;
    end = max;
    extra = STAR;
  } else {
    start = num(lowHigh[0]);
    end = lowHigh.length === 2 ? num(lowHigh[1]) : start;
  }
  let step = 1;
  if (stepText !== undefined) {
    step = Number(stepText);
    if (lowHigh.length === 1 && extra === 0n) end = max; // "N/step" means "N-max/step"
    if (step > 1) extra = 0n;
  }
  let bits = extra;
  for (let i = start; i <= end; i += step) bits |= 1n << BigInt(i);
  return bits;
}

function fieldBits(field: string, bounds: [number, number, Record<string, number>?]): bigint {
  let bits = 0n;
  for (const piece of field.split(',')) if (piece !== '') bits |= rangeBits(piece, bounds);
  return bits;
}

/** ParseStandard with the job's time zone; throws the parser's error for a bad schedule. */
export function parseSchedule(spec: string, timeZone?: string): Schedule {
  const err = validateCronSchedule(spec);
  if (err) throw new Error(err);
  let zone = timeZone ?? 'UTC';
  let text = spec.trim();
  if (text.startsWith('TZ=') || text.startsWith('CRON_TZ=')) {
    const sp = text.indexOf(' ');
    zone = text.slice(text.indexOf('=') + 1, sp < 0 ? text.length : sp);
    text = sp < 0 ? '' : text.slice(sp).trim();
  }
  if (zone === '' || zone === 'Local') zone = 'UTC';
  if (text.startsWith('@every ')) return { kind: 'every', delayMs: Math.max(1000, Math.floor(parseDurationMs(text.slice(7)) / 1000) * 1000) };
  if (text.startsWith('@')) text = DESCRIPTORS[text];
  const f = text.split(/\s+/u).filter((x) => x !== '');
  return {
    kind: 'spec',
    zone,
    fields: { minute: fieldBits(f[0], BOUNDS[0]), hour: fieldBits(f[1], BOUNDS[1]), dom: fieldBits(f[2], BOUNDS[2]), month: fieldBits(f[3], BOUNDS[3]), dow: fieldBits(f[4], BOUNDS[4]) },
  };
}

function parseDurationMs(s: string): number {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: MINUTE, h: 3_600_000 };
  let total = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gu)) total += Number(m[1]) * units[m[2]];
  return total;
}

// ---- wall clocks ----

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in ms. */
export function zoneOffsetMs(zone: string, at: number): number {
  if (zone === 'UTC') return 0;
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(at))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(at / 1000) * 1000;
}

/** The instant of a wall-clock time in a zone (the offset valid at that instant). */
function fromWall(zone: string, wall: number): number {
  let t = wall - zoneOffsetMs(zone, wall);
  t = wall - zoneOffsetMs(zone, t);
  return t;
}

const has = (bits: bigint, i: number) => (bits & (1n << BigInt(i))) !== 0n;

function dayMatches(f: Fields, d: Date): boolean {
  const domMatch = has(f.dom, d.getUTCDate());
  const dowMatch = has(f.dow, d.getUTCDay());
  // Both restricted: either matches (cron's OR); otherwise both must.
  if ((f.dom & STAR) !== 0n || (f.dow & STAR) !== 0n) return domMatch && dowMatch;
  return domMatch || dowMatch;
}

/** Schedule.Next: the first instant after `t` (ms) that the schedule fires, or 0 if none within 5 years. */
export function nextAfter(s: Schedule, t: number): number {
  if (s.kind === 'every') return Math.floor(t / 1000) * 1000 + s.delayMs;
  const f = s.fields;
  // Wall clock in the zone, at the next whole minute (the standard parser's seconds field is 0).
  const wall0 = t + zoneOffsetMs(s.zone, t);
  const d = new Date(Math.floor(wall0 / MINUTE) * MINUTE + MINUTE);
  const yearLimit = d.getUTCFullYear() + 5;
  for (;;) {
    if (d.getUTCFullYear() > yearLimit) return 0;
    if (!has(f.month, d.getUTCMonth() + 1)) {
      d.setUTCMonth(d.getUTCMonth() + 1, 1);
      d.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!dayMatches(f, d)) {
      d.setUTCDate(d.getUTCDate() + 1);
      d.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!has(f.hour, d.getUTCHours())) {
      d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!has(f.minute, d.getUTCMinutes())) {
      d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    const at = fromWall(s.zone, d.getTime());
    if (at > t) return at;
    d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
  }
}

// ---- the controller's arithmetic (utils.go) ----

export type Missed = 'none' | 'few' | 'many';

export interface MostRecent {
  earliest: number;
  mostRecent?: number;
  missed: Missed;
  error?: string;
}

/**
 * mostRecentScheduleTime: the latest schedule time not after `now`, counted from the last schedule
 * (or the cronjob's creation), or from now − startingDeadlineSeconds when that is later; and
 * roughly how many were missed (more than 100: "many").
 */
export function mostRecentScheduleTime(s: Schedule, created: number, lastSchedule: number | undefined, startingDeadlineSeconds: number | undefined, now: number): MostRecent {
  let earliest = lastSchedule ?? created;
  if (startingDeadlineSeconds !== undefined) {
    const deadline = now - startingDeadlineSeconds * 1000;
    if (deadline > earliest) earliest = deadline;
  }
  const t1 = nextAfter(s, earliest);
  const t2 = nextAfter(s, t1);
  if (now < t1) return { earliest, missed: 'none' };
  if (now < t2) return { earliest, mostRecent: t1, missed: 'none' };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) return { earliest, missed: 'none', error: 'time difference between two schedules is less than 1 second' };
  const elapsed = Math.trunc((now - t1) / 1000);
  const count = Math.trunc(elapsed / between) + 1;
  let mostRecent: number | undefined;
  // Start one interval before the estimate and let the schedule find the exact times.
  const potentialEarliest = t1 + (count - 2) * between * 1000;
  for (let t = nextAfter(s, potentialEarliest); t !== 0 && t <= now; t = nextAfter(s, t)) mostRecent = t;
  const missed: Missed = count > 100 ? 'many' : count > 0 ? 'few' : 'none';
  return { earliest, mostRecent, missed };
}

/** nextScheduleDelta: the controller looks a little after the schedule time, to be past it. */
export const NEXT_SCHEDULE_DELTA_MS = 100;

/** nextScheduleTimeDuration: how long until the next schedule after the most recent one (plus the delta). */
export function nextScheduleDelay(s: Schedule, created: number, lastSchedule: number | undefined, now: number): number {
  const r = mostRecentScheduleTime(s, created, lastSchedule, undefined, now);
  let from: number;
  if (r.error) from = now;
  else if (r.mostRecent === undefined) from = r.missed === 'none' ? r.earliest : now;
  else from = r.mostRecent;
  return nextAfter(s, from) + NEXT_SCHEDULE_DELTA_MS - now;
}

/** getTimeHashInMinutes: the job name's suffix, the scheduled time in minutes since the epoch. */
export function scheduledMinutes(t: number): number {
  return Math.floor(t / MINUTE);
}

/** time.Format(time.RFC3339) of an instant in a zone: 2025-06-02T16:06:00+08:00, or ...Z in UTC. */
export function formatInZone(t: number, zone: string): string {
  const off = zoneOffsetMs(zone, t);
  const wall = new Date(Math.floor(t / 1000) * 1000 + off).toISOString().slice(0, 19);
  if (off === 0) return wall + 'Z';
  const sign = off < 0 ? '-' : '+';
  const m = Math.abs(off) / MINUTE;
  return `${wall}${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** time.RFC1123Z in UTC, as MissSchedule prints the missed time: "Mon, 02 Jan 2006 15:04:05 +0000". */
export function formatRFC1123Z(t: number): string {
  const d = new Date(t);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
