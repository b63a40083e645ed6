// grep: GNU's basic and extended regular expressions translated to JavaScript ones, with the
// options tutorials use (-c -v -o -i -E -F -n -w -x -q -l -h -H -e -m -A -B -C).

import type { Command } from '../types.ts';
import { tryParse } from './args.ts';
import { lines, readOperand } from './input.ts';

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~',
};

export class RegexError extends Error {}

/** Reads a POSIX bracket expression starting at `[`; returns its JavaScript form and where it ends. */
function bracket(pattern: string, open: number): { source: string; end: number } {
  let i = open + 1;
  let out = '[';
  if (pattern[i] === '^') {
    out += '^';
    i++;
  }
  let first = true;
  for (; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === ']' && !first) return { source: `${out}]`, end: i };
    first = false;
    if (c === '[' && (pattern[i + 1] === ':' || pattern[i + 1] === '.' || pattern[i + 1] === '=')) {
      const kind = pattern[i + 1]!;
      const close = pattern.indexOf(`${kind}]`, i + 2);
      if (close < 0) throw new RegexError('Unmatched [, [^, [:, [., or [=');
      const name = pattern.slice(i + 2, close);
      if (kind === ':') {
        const cls = CLASSES[name];
        if (cls === undefined) throw new RegexError('Invalid character class name');
        out += cls;
      } else out += name.replace(/[\\\]^-]/g, '\\$&');
      i = close + 1;
      continue;
    }
    // Inside brackets a backslash is an ordinary character in POSIX.
    if (c === '\\' || c === ']' || c === '^') out += `\\${c}`;
    else if (c === '-' && (pattern[i + 1] === ']' || out.endsWith('[') || out.endsWith('[^'))) out += '\\-';
    else out += c;
  }
  throw new RegexError('Unmatched [, [^, [:, [., or [=');
}

/** Translates a GNU regular expression (basic, or extended with `extended`) to a RegExp source. */
export function translateRegex(pattern: string, extended: boolean): string {
  let out = '';
  let depth = 0;
  /** Whether the last thing emitted can take a repetition (`*` at the start is a literal). */
  let atStart = true;
  const special = (c: string): boolean => (extended ? '+?|(){}'.includes(c) : false);
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const n = pattern[++i];
      if (n === undefined) throw new RegexError('Trailing backslash');
      if (!extended && '+?|(){}'.includes(n)) {
        // GNU BRE: \+ \? \| \( \) \{ \} are the operators.
        if (n === '(') depth++;
        if (n === ')') {
          if (depth === 0) throw new RegexError('Unmatched ) or \\)');
          depth--;
        }
        if (n === '{') {
          const m = /^\\\{(\d*)(,\d*)?\\\}/.exec(pattern.slice(i - 1));
          if (!m) throw new RegexError('Unmatched \\{');
          out += `{${m[1]}${m[2] ?? ''}}`;
          i += m[0].length - 2;
          continue;
        }
        out += n;
        atStart = n === '(' || n === '|';
        continue;
      }
      if (n === '<') out += '\\b(?=\\w)';
      else if (n === '>') out += '\\b(?<=\\w)';
      else if ('bBwWsS'.includes(n) || /[1-9]/.test(n)) out += `\\${n}`;
      else out += n.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
      atStart = false;
      continue;
    }
    if (c === '[') {
      const { source, end } = bracket(pattern, i);
      out += source;
      i = end;
      atStart = false;
      continue;
    }
    if (c === '*' && atStart) {
      out += '\\*';
      atStart = false;
      continue;
    }
    if (c === '^') {
      out += extended || atStart ? '^' : '\\^';
      continue;
    }
    if (c === '$') {
      const rest = pattern.slice(i + 1);
      const atEnd = extended || rest === '' || rest.startsWith('\\)') || rest.startsWith('\\|');
      out += atEnd ? '$' : '\\$';
      atStart = false;
      continue;
    }
    if (special(c)) {
      if (c === '{') {
        const m = /^\{(\d*)(,\d*)?\}/.exec(pattern.slice(i));
        if (!m || atStart) {
          out += '\\{';
          atStart = false;
          continue;
        }
        out += m[0];
        i += m[0].length - 1;
        continue;
      }
      if (c === '(') depth++;
      if (c === ')') {
        if (depth === 0) {
          out += '\\)'; // GNU ERE takes an unmatched ) literally
          continue;
        }
        depth--;
      }
      if ((c === '+' || c === '?') && atStart) {
        out += `\\${c}`;
        atStart = false;
        continue;
      }
      out += c;
      atStart = c === '(' || c === '|';
      continue;
    }
    out += '.*'.includes(c) ? c : c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
    atStart = false;
  }
  if (depth > 0) throw new RegexError(extended ? 'Unmatched ( or \\(' : 'Unmatched ( or \\(');
  return out;
}

const escapeRegExp = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

export const grep: Command = (ctx) => {
  const { io } = ctx;
  const parsed = tryParse(io, 'grep', ctx.argv.slice(1), {
    flags: 'cvoiyEFGPnwxqslLhHZ',
    values: 'emABCf',
    long: {
      count: 'c', 'invert-match': 'v', 'only-matching': 'o', 'ignore-case': 'i', 'extended-regexp': 'E', 'fixed-strings': 'F',
      'line-number': 'n', 'word-regexp': 'w', 'line-regexp': 'x', quiet: 'q', silent: 'q', 'no-messages': 's',
      'files-with-matches': 'l', 'files-without-match': 'L', 'no-filename': 'h', 'with-filename': 'H', regexp: 'e=',
      'max-count': 'm=', 'after-context': 'A=', 'before-context': 'B=', context: 'C=', color: 'Z', colour: 'Z',
    },
  }, 2);
  // --color[=WHEN] is accepted and ignored (as the letter Z): the terminal shows plain text.
  if (typeof parsed === 'number') return parsed;
  const operands = [...parsed.operands];
  let patterns = parsed.all('e');
  if (patterns.length === 0) {
    const first = operands.shift();
    if (first === undefined) {
      io.stderr("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
      return 2;
    }
    patterns = [first];
  }
  patterns = patterns.flatMap((p) => p.split('\n'));
  const has = parsed.has;
  const extended = has('E') || has('P');
  let source: string;
  try {
    const parts = patterns.map((p) => (has('F') ? escapeRegExp(p) : has('P') ? p : translateRegex(p, extended)));
    source = parts.length === 1 ? parts[0]! : parts.map((p) => `(?:${p})`).join('|');
  } catch (e) {
    if (e instanceof RegexError) {
      io.stderr(`grep: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (has('w')) source = `(?<![A-Za-z0-9_])(?:${source})(?![A-Za-z0-9_])`;
  if (has('x')) source = `^(?:${source})$`;
  const flags = has('i') || has('y') ? 'i' : '';
  let re: RegExp;
  let global: RegExp;
  try {
    re = new RegExp(source, flags);
    global = new RegExp(source, `${flags}g`);
  } catch {
    io.stderr('grep: Invalid regular expression\n');
    return 2;
  }
  const number = (letter: string): number | undefined => {
    const v = parsed.value(letter);
    if (v === undefined) return undefined;
    const n = Number(v);
    return Number.isInteger(n) && n >= 0 ? n : NaN;
  };
  const context = number('C');
  const after = number('A') ?? context ?? 0;
  const before = number('B') ?? context ?? 0;
  const maxCount = number('m');
  for (const [letter, value] of [['A', after], ['B', before], ['m', maxCount]] as const) {
    if (value !== undefined && Number.isNaN(value)) {
      io.stderr(`grep: ${parsed.value(letter)}: invalid ${letter === 'm' ? 'max count' : 'context length argument'}\n`);
      return 2;
    }
  }
  const withContext = has('A') || has('B') || has('C');
  const files = operands.length > 0 ? operands : ['-'];
  const showNames = has('H') || (files.length > 1 && !has('h'));
  const invert = has('v');
  let anySelected = false;
  let error = false;
  let out = '';
  for (const file of files) {
    const input = readOperand(ctx, file);
    if (!input.ok) {
      if (!has('s')) io.stderr(`grep: ${file}: ${input.reason}\n`);
      error = true;
      continue;
    }
    const label = file === '-' ? '(standard input)' : file;
    const prefix = (lineNo: number, sep: string): string => (showNames ? `${label}${sep}` : '') + (has('n') ? `${lineNo}${sep}` : '');
    const all = lines(input.text);
    let count = 0;
    let lastPrinted = -1;
    let afterLeft = 0;
    let fileOut = '';
    for (let i = 0; i < all.length; i++) {
      if (maxCount !== undefined && count >= maxCount) {
        // GNU still prints the trailing context of the last match.
        if (afterLeft > 0 && !invert) {
          fileOut += `${prefix(i + 1, '-')}${all[i]}\n`;
          lastPrinted = i;
          afterLeft--;
          continue;
        }
        break;
      }
      const line = all[i]!;
      const selected = re.test(line) !== invert;
      if (!selected) {
        if (afterLeft > 0) {
          fileOut += `${prefix(i + 1, '-')}${line}\n`;
          lastPrinted = i;
          afterLeft--;
        }
        continue;
      }
      count++;
      anySelected = true;
      if (has('q')) return 0;
      if (has('c') || has('l') || has('L')) continue;
      if (has('o')) {
        if (invert) continue;
        for (const m of line.matchAll(global)) if (m[0] !== '') fileOut += `${prefix(i + 1, ':')}${m[0]}\n`;
        continue;
      }
      const from = Math.max(lastPrinted + 1, i - before);
      if (withContext && lastPrinted >= 0 && from > lastPrinted + 1) fileOut += '--\n';
      else if (withContext && lastPrinted < 0 && out !== '') out += '--\n';
      for (let j = from; j < i; j++) fileOut += `${prefix(j + 1, '-')}${all[j]}\n`;
      fileOut += `${prefix(i + 1, ':')}${line}\n`;
      lastPrinted = i;
      afterLeft = after;
    }
    if (has('l')) {
      if (count > 0) fileOut = `${label}\n`;
    } else if (has('L')) {
      if (count === 0) fileOut = `${label}\n`;
    } else if (has('c')) fileOut = `${showNames ? `${label}:` : ''}${count}\n`;
    out += fileOut;
  }
  if (has('q')) return error ? 2 : 1;
  io.stdout(out);
  if (error) return 2;
  return anySelected ? 0 : 1;
};
