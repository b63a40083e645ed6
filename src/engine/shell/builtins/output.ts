// echo and printf, as bash's builtins behave.

import { decodeEscape } from '../lexer.ts';
import type { Command } from '../types.ts';
import { shellPrefix } from './args.ts';

/** Interprets echo -e / printf %b escapes; `stop` is set by `\c`. */
export function echoEscapes(text: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '\\' || i + 1 >= text.length) {
      out += text[i];
      continue;
    }
    const decoded = decodeEscape(text, i + 1, 'echo');
    if (decoded.stop) return { text: out, stop: true };
    out += decoded.text;
    i += decoded.length;
  }
  return { text: out, stop: false };
}

export const echo: Command = ({ argv, io }) => {
  let newline = true;
  let escapes = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!/^-[neE]+$/.test(arg)) break;
    for (const letter of arg.slice(1)) {
      if (letter === 'n') newline = false;
      else escapes = letter === 'e';
    }
  }
  let text = argv.slice(i).join(' ');
  if (escapes) {
    const decoded = echoEscapes(text);
    text = decoded.text;
    if (decoded.stop) newline = false;
  }
  io.stdout(newline ? `${text}\n` : text);
  return 0;
};

/** A number argument as printf reads it: decimal, 0x hex, 0 octal, or 'c for a character code. */
function toNumber(arg: string | undefined, integer: boolean): { value: number; ok: boolean } {
  if (arg === undefined || arg === '') return { value: 0, ok: true };
  if (/^['"]/.test(arg)) return { value: arg.length > 1 ? arg.codePointAt(1)! : 0, ok: true };
  const trimmed = arg.trim();
  if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(trimmed)) return { value: parseInt(trimmed, 16), ok: true };
  if (/^[-+]?0[0-7]+$/.test(trimmed)) return { value: parseInt(trimmed, 8), ok: true };
  if (/^[-+]?[0-9]+$/.test(trimmed)) return { value: Number(trimmed), ok: true };
  if (!integer && /^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/.test(trimmed)) return { value: Number(trimmed), ok: true };
  const lead = /^[-+]?[0-9]+/.exec(trimmed);
  return { value: lead ? Number(lead[0]) : 0, ok: false };
}

function pad(text: string, width: number, left: boolean, zero: boolean): string {
  if (text.length >= width) return text;
  if (left) return text.padEnd(width);
  if (zero) {
    const sign = /^[-+ ]/.test(text) ? text[0]! : '';
    const prefix = /^[-+ ]?0[xX]/.test(text) ? text.slice(0, sign.length + 2) : sign;
    return prefix + text.slice(prefix.length).padStart(width - prefix.length, '0');
  }
  return text.padStart(width);
}

/** toFixed with C's rounding: an exact tie goes to the even digit (printf '%.1f' 2.25 is 2.2). */
export function toFixedEven(value: number, digits: number): string {
  const scaled = Math.abs(value) * 10 ** digits;
  if (Number.isFinite(scaled) && scaled < 2 ** 52 && scaled % 1 === 0.5) {
    const down = Math.floor(scaled);
    const n = down % 2 === 0 ? down : down + 1;
    const text = (n / 10 ** digits).toFixed(digits);
    return value < 0 ? `-${text}` : text;
  }
  return value.toFixed(digits);
}

function formatG(value: number, precision: number, upper: boolean, alt: boolean): string {
  const p = precision === 0 ? 1 : precision;
  if (value === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  let text: string;
  if (exponent < -4 || exponent >= p) {
    text = value.toExponential(p - 1);
    if (!alt) text = text.replace(/\.?0+e/, 'e');
    text = text.replace(/e([-+])(\d)$/, 'e$10$2');
  } else {
    text = value.toFixed(Math.max(0, p - 1 - exponent));
    if (!alt && text.includes('.')) text = text.replace(/\.?0+$/, '');
  }
  return upper ? text.toUpperCase() : text;
}

export const printf: Command = (ctx) => {
  const { argv, io } = ctx;
  const prefix = shellPrefix(ctx);
  if (argv.length < 2) {
    io.stderr(`printf: usage: printf [-v var] format [arguments]\n`);
    return 2;
  }
  const format = argv[1]!;
  const args = argv.slice(2);
  let next = 0;
  let status = 0;
  let out = '';
  const take = (): string | undefined => args[next++];
  const number = (integer: boolean): number => {
    const arg = take();
    const { value, ok } = toNumber(arg, integer);
    if (!ok) {
      io.stderr(`${prefix}printf: ${arg}: invalid number\n`);
      status = 1;
    }
    return value;
  };
  for (;;) {
    const before = next;
    let stopped = false;
    for (let i = 0; i < format.length && !stopped; i++) {
      const c = format[i];
      if (c === '\\') {
        const decoded = decodeEscape(format, i + 1, 'ansi');
        if (format[i + 1] === 'c') {
          stopped = true;
          break;
        }
        out += decoded.text;
        i += decoded.length;
        continue;
      }
      if (c !== '%') {
        out += c;
        continue;
      }
      const spec = /^%([-+ #0]*)(\*|[0-9]+)?(?:\.(\*|[0-9]*))?([diouxXeEfFgGcsbq%])/.exec(format.slice(i));
      if (!spec) {
        io.stderr(`${prefix}printf: ${format.slice(i, i + 2)}: invalid format character\n`);
        return 1;
      }
      i += spec[0].length - 1;
      const flags = spec[1]!;
      const conv = spec[4]!;
      if (conv === '%') {
        out += '%';
        continue;
      }
      let width = spec[2] === '*' ? number(true) : Number(spec[2] ?? 0);
      let left = flags.includes('-');
      if (width < 0) {
        left = true;
        width = -width;
      }
      const precisionText = spec[3] === '*' ? String(number(true)) : spec[3];
      const precision = precisionText === undefined ? undefined : Number(precisionText || 0);
      const zero = flags.includes('0') && !left;
      let text: string;
      switch (conv) {
        case 's':
        case 'q': {
          const arg = take() ?? '';
          text = precision === undefined ? arg : arg.slice(0, precision);
          break;
        }
        case 'b': {
          const decoded = echoEscapes(take() ?? '');
          text = decoded.text;
          if (decoded.stop) stopped = true;
          break;
        }
        case 'c':
          text = (take() ?? '').slice(0, 1);
          break;
        case 'd':
        case 'i': {
          const v = Math.trunc(number(true));
          let digits = String(Math.abs(v));
          if (precision !== undefined) digits = digits.padStart(precision, '0');
          text = (v < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + digits;
          break;
        }
        case 'u':
        case 'o':
        case 'x':
        case 'X': {
          const v = BigInt.asUintN(64, BigInt(Math.trunc(number(true))));
          const radix = conv === 'o' ? 8 : conv === 'u' ? 10 : 16;
          text = v.toString(radix);
          if (conv === 'X') text = text.toUpperCase();
          if (precision !== undefined) text = text.padStart(precision, '0');
          if (flags.includes('#') && v !== 0n) text = (conv === 'o' ? '0' : conv === 'x' ? '0x' : conv === 'X' ? '0X' : '') + text;
          break;
        }
        default: {
          const v = number(false);
          const p = precision ?? 6;
          if (conv === 'f' || conv === 'F') text = toFixedEven(v, p);
          else if (conv === 'e' || conv === 'E') {
            text = v.toExponential(p).replace(/e([-+])(\d)$/, 'e$10$2');
            if (conv === 'E') text = text.toUpperCase();
          } else text = formatG(v, p, conv === 'G', flags.includes('#'));
          if (v >= 0 && flags.includes('+')) text = `+${text}`;
          else if (v >= 0 && flags.includes(' ')) text = ` ${text}`;
        }
      }
      out += pad(text, width, left, zero && conv !== 's' && conv !== 'c' && conv !== 'b' && conv !== 'q');
    }
    if (stopped || next >= args.length || next === before) break;
  }
  io.stdout(out);
  return status;
};
