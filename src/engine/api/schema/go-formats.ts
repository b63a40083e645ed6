// Go standard library messages that reach decoding errors: base64 (Secret data) and time.Parse with
// RFC 3339 (metav1.Time, MicroTime). Each returns Go's error text, or undefined when the input is good.

import { utf8 } from '../../util/hash.ts';

/** encoding/base64 StdEncoding.Decode: "illegal base64 data at input byte N". */
export function base64Error(s: string): string | undefined {
  const src = utf8(s);
  const isB64 = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
  const nl = (c: number) => c === 10 || c === 13;
  const corrupt = (n: number) => `illegal base64 data at input byte ${n}`;
  let si = 0;
  while (si < src.length) {
    // One quantum of four characters, newlines skipped.
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return undefined;
        return corrupt(si - j);
      }
      const c = src[si++];
      if (isB64(c)) continue;
      if (nl(c)) { j--; continue; }
      if (c !== 61) return corrupt(si - 1);
      // Padding.
      if (j < 2) return corrupt(si - 1);
      if (j === 2) {
        while (si < src.length && nl(src[si])) si++;
        if (si === src.length) return corrupt(src.length);
        if (src[si] !== 61) return corrupt(si - 1);
        si++;
      }
      while (si < src.length && nl(src[si])) si++;
      return si < src.length ? corrupt(si) : undefined;
    }
  }
  return undefined;
}

const RFC3339 = '2006-01-02T15:04:05Z07:00';
const RFC3339_MICRO = '2006-01-02T15:04:05.000000Z07:00';

/** time.Parse(time.RFC3339 or RFC3339Micro, s)'s error. */
export function parseTimeError(value: string, micro: boolean): string | undefined {
  const layout = micro ? RFC3339_MICRO : RFC3339;
  const q = (x: string) => JSON.stringify(x);
  const bad = (rest: string, elem: string) => `parsing time ${q(value)} as ${q(layout)}: cannot parse ${q(rest)} as ${q(elem)}`;
  const range = (what: string) => `parsing time ${q(value)}: ${what} out of range`;
  const isDigit = (s: string, i: number) => i < s.length && s[i] >= '0' && s[i] <= '9';
  let rest = value;
  let rangeErr = '';
  const num = (elem: string, fixed: boolean, lo: number, hi: number, what: string): number | string => {
    if (!isDigit(rest, 0) || (fixed && !isDigit(rest, 1))) return bad(rest, elem);
    const n = isDigit(rest, 1) ? 2 : 1;
    const v = Number(rest.slice(0, n));
    rest = rest.slice(n);
    if (!rangeErr && (v < lo || v > hi)) rangeErr = what;
    return v;
  };
  const lit = (s: string): string | undefined => {
    if (!rest.startsWith(s)) return bad(rest, s);
    rest = rest.slice(s.length);
    return undefined;
  };
  if (rest.length < 4 || !isDigit(rest, 0)) return bad(rest, '2006');
  const yearText = rest.slice(0, 4);
  if (!/^\d{4}$/.test(yearText)) return bad(rest, '2006');
  const year = Number(yearText);
  rest = rest.slice(4);
  let e = lit('-'); if (e) return e;
  const month = num('01', true, 1, 12, 'month'); if (typeof month === 'string') return month;
  e = lit('-'); if (e) return e;
  const day = num('02', true, 0, 31, 'day'); if (typeof day === 'string') return day;
  e = lit('T'); if (e) return e;
  const hour = num('15', false, 0, 23, 'hour'); if (typeof hour === 'string') return hour;
  e = lit(':'); if (e) return e;
  const minute = num('04', true, 0, 59, 'minute'); if (typeof minute === 'string') return minute;
  e = lit(':'); if (e) return e;
  const second = num('05', true, 0, 59, 'second'); if (typeof second === 'string') return second;
  if (micro) {
    if (!/^\.\d{6}/.test(rest)) return bad(rest, '.000000');
    rest = rest.slice(7);
  } else if (/^[.,]\d/.test(rest)) {
    // Fractional seconds are accepted after the seconds even when the layout has none.
    let i = 1;
    while (isDigit(rest, i)) i++;
    rest = rest.slice(i);
  }
  if (rest.startsWith('Z')) rest = rest.slice(1);
  else {
    if (rest.length < 6 || rest[3] !== ':' || (rest[0] !== '+' && rest[0] !== '-')
      || !isDigit(rest, 1) || !isDigit(rest, 2) || !isDigit(rest, 4) || !isDigit(rest, 5)) return bad(rest, 'Z07:00');
    rest = rest.slice(6);
  }
  if (rangeErr) return range(rangeErr);
  if (rest.length > 0) return `parsing time ${q(value)}: extra text: ${q(rest)}`;
  const daysIn = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (day < 1 || day > daysIn[month - 1]) return range('day');
  return undefined;
}

