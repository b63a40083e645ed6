// Text filters: head, tail, wc, sort, uniq, cut, tr. Sorting compares by code point, as
// GNU sort does in the C locale, so output never depends on where the sandbox runs.

import { utf8Length } from '../path.ts';
import type { Command, CommandContext } from '../types.ts';
import { tryParse, usage } from './args.ts';
import { lines, linesWithEnds, readOperand, unlines } from './input.ts';

/** `-5` is `-n 5` for head and tail (the historical form tutorials still use). */
function historicalCount(args: readonly string[]): string[] {
  return args.map((a, i) => (/^-[0-9]+$/.test(a) && !/^-[nc]$/.test(args[i - 1] ?? '') ? `-n${a.slice(1)}` : a));
}

// ---- head, tail ----

function headTail(ctx: CommandContext, tool: 'head' | 'tail'): number {
  const { io } = ctx;
  const parsed = tryParse(io, tool, historicalCount(ctx.argv.slice(1)), { flags: 'qvfF', values: 'nc', long: { lines: 'n=', bytes: 'c=', quiet: 'q', silent: 'q', verbose: 'v', follow: 'f' } });
  if (typeof parsed === 'number') return parsed;
  const bytesMode = parsed.options.findLast((o) => o.name === 'n' || o.name === 'c')?.name === 'c';
  const spec = (bytesMode ? parsed.value('c') : parsed.value('n')) ?? '10';
  const m = /^([-+]?)([0-9]+)$/.exec(spec);
  if (!m) {
    io.stderr(`${tool}: invalid number of ${bytesMode ? 'bytes' : 'lines'}: ‘${spec}’\n`);
    return 1;
  }
  const count = Number(m[2]);
  const sign = m[1];
  const files = parsed.operands.length > 0 ? parsed.operands : ['-'];
  const headers = parsed.has('v') || (files.length > 1 && !parsed.has('q'));
  let status = 0;
  let first = true;
  for (const file of files) {
    const input = readOperand(ctx, file);
    if (!input.ok) {
      io.stderr(input.reason === 'Is a directory' ? `${tool}: error reading '${file}': Is a directory\n` : `${tool}: cannot open '${file}' for reading: No such file or directory\n`);
      status = 1;
      continue;
    }
    if (headers) io.stdout(`${first ? '' : '\n'}==> ${file === '-' ? 'standard input' : file} <==\n`);
    first = false;
    const units = bytesMode ? [...input.text] : linesWithEnds(input.text);
    let picked: string[];
    if (tool === 'head') picked = sign === '-' ? units.slice(0, Math.max(0, units.length - count)) : units.slice(0, count);
    else picked = sign === '+' ? units.slice(Math.max(0, count - 1)) : count === 0 ? [] : units.slice(-count);
    io.stdout(picked.join(''));
  }
  return status;
}

export const head: Command = (ctx) => headTail(ctx, 'head');
export const tail: Command = (ctx) => headTail(ctx, 'tail');

// ---- wc ----

export const wc: Command = (ctx) => {
  const { io } = ctx;
  const parsed = tryParse(io, 'wc', ctx.argv.slice(1), { flags: 'lwcmL', long: { lines: 'l', words: 'w', bytes: 'c', chars: 'm', 'max-line-length': 'L' } });
  if (typeof parsed === 'number') return parsed;
  let wanted = (['l', 'w', 'm', 'c', 'L'] as const).filter((f) => parsed.has(f));
  if (wanted.length === 0) wanted = ['l', 'w', 'c'];
  const files = parsed.operands.length > 0 ? parsed.operands : ['-'];
  const rows: { counts: number[]; name: string }[] = [];
  const totals = wanted.map(() => 0);
  let status = 0;
  let regularBytes = 0;
  let anyStdin = false;
  for (const file of files) {
    const input = readOperand(ctx, file);
    if (!input.ok) {
      io.stderr(`wc: ${file}: ${input.reason}\n`);
      status = 1;
      continue;
    }
    const text = input.text;
    const bytes = utf8Length(text);
    if (file === '-') anyStdin = true;
    else regularBytes += bytes;
    const counts = wanted.map((f) => {
      switch (f) {
        case 'l': return (text.match(/\n/g) ?? []).length;
        case 'w': return (text.match(/\S+/g) ?? []).length;
        case 'm': return [...text].length;
        case 'c': return bytes;
        case 'L': return Math.max(0, ...lines(text).map((l) => [...l].length));
      }
    });
    counts.forEach((n, i) => (totals[i]! += n));
    rows.push({ counts, name: file === '-' && parsed.operands.length === 0 ? '' : file });
  }
  if (files.length > 1) rows.push({ counts: totals, name: 'total' });
  // GNU wc: one count of one input is printed bare; otherwise columns are as wide as the total
  // size of the files, and at least 7 when standard input is among them.
  let width = 1;
  if (!(wanted.length === 1 && files.length === 1)) {
    width = Math.max(String(regularBytes).length, anyStdin ? 7 : 1);
  }
  let out = '';
  for (const row of rows) out += `${row.counts.map((n) => String(n).padStart(width)).join(' ')}${row.name ? ` ${row.name}` : ''}\n`;
  io.stdout(out);
  return status;
};

// ---- sort ----

interface SortKey {
  startField: number;
  startChar: number;
  endField: number | undefined;
  endChar: number;
  numeric: boolean;
  reverse: boolean;
  fold: boolean;
  blanks: boolean;
  human: boolean;
}

const HUMAN_SUFFIX = 'KMGTPEZY';

function numericValue(text: string, human: boolean): number {
  const m = /^\s*([-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+))([KMGTPEZY]?)/i.exec(text);
  if (!m) return 0;
  const n = Number(m[1]);
  if (!human || !m[2]) return n;
  return n * 1024 ** (HUMAN_SUFFIX.indexOf(m[2].toUpperCase()) + 1);
}

/** The text of fields `key` selects; without -t, a field starts with the blanks before it. */
function keyText(line: string, key: SortKey, separator: string | undefined): string {
  const starts: number[] = [];
  const ends: number[] = [];
  if (separator !== undefined) {
    let pos = 0;
    for (;;) {
      starts.push(pos);
      const next = line.indexOf(separator, pos);
      if (next < 0) {
        ends.push(line.length);
        break;
      }
      ends.push(next);
      pos = next + separator.length;
    }
  } else {
    const re = /\s*\S+/g;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      starts.push(m.index);
      ends.push(m.index + m[0].length);
    }
  }
  const startIndex = key.startField - 1;
  if (startIndex >= starts.length) return '';
  let begin = starts[startIndex]!;
  if (key.blanks) while (begin < line.length && /\s/.test(line[begin]!)) begin++;
  begin = Math.min(begin + key.startChar - 1, line.length);
  let finish = line.length;
  if (key.endField !== undefined) {
    const endIndex = key.endField - 1;
    if (endIndex < ends.length) finish = key.endChar > 0 ? Math.min(starts[endIndex]! + key.endChar, ends[endIndex]!) : ends[endIndex]!;
  }
  return line.slice(begin, Math.max(begin, finish));
}

function parseKey(spec: string, defaults: Omit<SortKey, 'startField' | 'startChar' | 'endField' | 'endChar'>): SortKey | undefined {
  const m = /^([0-9]+)(?:\.([0-9]+))?([bdfghinMrRV]*)(?:,([0-9]+)(?:\.([0-9]+))?([bdfghinMrRV]*))?$/.exec(spec);
  if (!m || Number(m[1]) === 0) return undefined;
  const opts = (m[3] ?? '') + (m[6] ?? '');
  const own = opts !== '';
  return {
    startField: Number(m[1]),
    startChar: m[2] ? Number(m[2]) : 1,
    endField: m[4] ? Number(m[4]) : undefined,
    endChar: m[5] ? Number(m[5]) : 0,
    numeric: own ? opts.includes('n') || opts.includes('g') : defaults.numeric,
    human: own ? opts.includes('h') : defaults.human,
    reverse: own ? opts.includes('r') : defaults.reverse,
    fold: own ? opts.includes('f') : defaults.fold,
    blanks: own ? opts.includes('b') : defaults.blanks,
  };
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const sort: Command = (ctx) => {
  const { io } = ctx;
  const parsed = tryParse(io, 'sort', ctx.argv.slice(1), {
    flags: 'rnufbshgVcCdiMR',
    values: 'ktoS',
    long: { reverse: 'r', 'numeric-sort': 'n', unique: 'u', 'ignore-case': 'f', 'ignore-leading-blanks': 'b', stable: 's', 'human-numeric-sort': 'h', key: 'k=', 'field-separator': 't=', output: 'o=' },
  }, 2);
  if (typeof parsed === 'number') return parsed;
  const defaults = { numeric: parsed.has('n') || parsed.has('g'), human: parsed.has('h'), reverse: parsed.has('r'), fold: parsed.has('f'), blanks: parsed.has('b') };
  const separator = parsed.value('t');
  if (separator !== undefined && [...separator].length !== 1) {
    io.stderr(separator === '' ? 'sort: empty tab\n' : `sort: multi-character tab ‘${separator}’\n`);
    return 2;
  }
  const keys: SortKey[] = [];
  for (const spec of parsed.all('k')) {
    const key = parseKey(spec, defaults);
    if (!key) {
      io.stderr(/^0(?![0-9])/.test(spec) ? `sort: field number is zero: invalid field specification ‘${spec}’\n` : `sort: invalid number at field start: invalid count at start of ‘${spec}’\n`);
      return 2;
    }
    keys.push(key);
  }
  const whole: SortKey = { startField: 1, startChar: 1, endField: undefined, endChar: 0, ...defaults };
  let all: string[] = [];
  for (const file of parsed.operands.length > 0 ? parsed.operands : ['-']) {
    const input = readOperand(ctx, file);
    if (!input.ok) {
      io.stderr(input.reason === 'Is a directory' ? `sort: read failed: ${file}: Is a directory\n` : `sort: cannot read: ${file}: No such file or directory\n`);
      return 2;
    }
    all = all.concat(lines(input.text));
  }
  const compareBy = (a: string, b: string, key: SortKey, useFields: boolean): number => {
    let x = useFields ? keyText(a, key, separator) : a;
    let y = useFields ? keyText(b, key, separator) : b;
    let result: number;
    if (key.numeric || key.human) result = numericValue(x, key.human) - numericValue(y, key.human);
    else {
      if (key.fold) {
        x = x.toUpperCase();
        y = y.toUpperCase();
      }
      if (key.blanks && !useFields) {
        x = x.trimStart();
        y = y.trimStart();
      }
      result = compareText(x, y);
    }
    return key.reverse ? -result : result;
  };
  const compareKeys = (a: string, b: string): number => {
    if (keys.length === 0) return compareBy(a, b, whole, false);
    for (const key of keys) {
      const r = compareBy(a, b, key, true);
      if (r !== 0) return r;
    }
    return 0;
  };
  const lastResort = !(parsed.has('s') || parsed.has('u'));
  const sorted = all
    .map((line, index) => ({ line, index }))
    .sort((p, q) => {
      const r = compareKeys(p.line, q.line);
      if (r !== 0 || !lastResort) return r || p.index - q.index;
      const tie = compareText(p.line, q.line);
      return (defaults.reverse ? -tie : tie) || p.index - q.index;
    })
    .map((p) => p.line);
  const result = parsed.has('u') ? sorted.filter((line, i) => i === 0 || compareKeys(sorted[i - 1]!, line) !== 0) : sorted;
  const output = parsed.value('o');
  if (output !== undefined) {
    ctx.fs.writeFile(ctx.fs.resolve(output, ctx.cwd), unlines(result));
    return 0;
  }
  io.stdout(unlines(result));
  return 0;
};

// ---- uniq ----

export const uniq: Command = (ctx) => {
  const { io } = ctx;
  const parsed = tryParse(io, 'uniq', ctx.argv.slice(1), { flags: 'cdui', values: 'fs', long: { count: 'c', repeated: 'd', unique: 'u', 'ignore-case': 'i' } });
  if (typeof parsed === 'number') return parsed;
  const file = parsed.operands[0] ?? '-';
  const input = readOperand(ctx, file);
  if (!input.ok) {
    io.stderr(`uniq: ${file}: ${input.reason}\n`);
    return 1;
  }
  const skipFields = Number(parsed.value('f') ?? 0);
  const skipChars = Number(parsed.value('s') ?? 0);
  const keyOf = (line: string): string => {
    let rest = line;
    for (let i = 0; i < skipFields; i++) rest = rest.replace(/^\s*\S+/, '');
    rest = rest.slice(skipChars);
    return parsed.has('i') ? rest.toLowerCase() : rest;
  };
  const groups: { line: string; count: number }[] = [];
  for (const line of lines(input.text)) {
    const last = groups.at(-1);
    if (last && keyOf(last.line) === keyOf(line)) last.count++;
    else groups.push({ line, count: 1 });
  }
  let out = '';
  for (const g of groups) {
    if (parsed.has('d') && g.count < 2) continue;
    if (parsed.has('u') && g.count > 1) continue;
    out += parsed.has('c') ? `${String(g.count).padStart(7)} ${g.line}\n` : `${g.line}\n`;
  }
  const target = parsed.operands[1];
  if (target !== undefined) ctx.fs.writeFile(ctx.fs.resolve(target, ctx.cwd), out);
  else io.stdout(out);
  return 0;
};

// ---- cut ----

/** A cut list (`1,3-5,7-`) as a membership test over 1-based positions. */
function parseList(spec: string, fields: boolean): ((n: number) => boolean) | string {
  const ranges: [number, number][] = [];
  for (const piece of spec.split(',')) {
    const m = /^([0-9]*)(-?)([0-9]*)$/.exec(piece);
    if (!m || piece === '' || piece === '-') return fields ? `invalid field value ‘${piece}’` : `invalid byte/character position ‘${piece}’`;
    const from = m[1] ? Number(m[1]) : 1;
    const to = m[2] ? (m[3] ? Number(m[3]) : Infinity) : from;
    if (from === 0 || to === 0) return fields ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1';
    if (to < from) return 'invalid decreasing range';
    ranges.push([from, to]);
  }
  return (n) => ranges.some(([a, b]) => n >= a && n <= b);
}

export const cut: Command = (ctx) => {
  const { io } = ctx;
  const parsed = tryParse(io, 'cut', ctx.argv.slice(1), {
    flags: 'sn',
    values: 'bcfd',
    long: { bytes: 'b=', characters: 'c=', fields: 'f=', delimiter: 'd=', 'only-delimited': 's', 'output-delimiter': 'O=', complement: 'X' },
  });
  if (typeof parsed === 'number') return parsed;
  const modes = (['b', 'c', 'f'] as const).filter((m) => parsed.has(m));
  if (modes.length === 0) return usage(io, 'cut', 'you must specify a list of bytes, characters, or fields');
  if (modes.length > 1) return usage(io, 'cut', 'only one type of list may be specified');
  const mode = modes[0]!;
  const list = parseList(parsed.value(mode)!, mode === 'f');
  if (typeof list === 'string') return usage(io, 'cut', list);
  const delimiter = parsed.value('d') ?? '\t';
  if (mode !== 'f' && parsed.has('d')) return usage(io, 'cut', 'an input delimiter may be specified only when operating on fields');
  if ([...delimiter].length !== 1) return usage(io, 'cut', 'the delimiter must be a single character');
  const outDelimiter = parsed.value('O') ?? (mode === 'f' ? delimiter : '');
  const complement = parsed.has('X');
  const keep = (n: number): boolean => list(n) !== complement;
  let status = 0;
  let out = '';
  for (const file of parsed.operands.length > 0 ? parsed.operands : ['-']) {
    const input = readOperand(ctx, file);
    if (!input.ok) {
      io.stderr(`cut: ${file}: ${input.reason}\n`);
      status = 1;
      continue;
    }
    for (const line of lines(input.text)) {
      if (mode === 'f') {
        if (!line.includes(delimiter)) {
          if (!parsed.has('s')) out += `${line}\n`;
          continue;
        }
        out += `${line.split(delimiter).filter((_, i) => keep(i + 1)).join(outDelimiter)}\n`;
      } else {
        out += `${[...line].filter((_, i) => keep(i + 1)).join(outDelimiter)}\n`;
      }
    }
  }
  io.stdout(out);
  return status;
};

// ---- tr ----

const TR_CLASSES: Record<string, (c: string) => boolean> = {
  upper: (c) => c >= 'A' && c <= 'Z',
  lower: (c) => c >= 'a' && c <= 'z',
  alpha: (c) => /[A-Za-z]/.test(c),
  digit: (c) => c >= '0' && c <= '9',
  alnum: (c) => /[A-Za-z0-9]/.test(c),
  space: (c) => /[ \t\n\r\f\v]/.test(c),
  blank: (c) => c === ' ' || c === '\t',
  punct: (c) => /[!-/:-@[-`{-~]/.test(c),
  xdigit: (c) => /[0-9A-Fa-f]/.test(c),
  cntrl: (c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127,
  print: (c) => c >= ' ' && c <= '~',
  graph: (c) => c > ' ' && c <= '~',
};

/** Expands a tr set (`a-z`, `[:upper:]`, `\n`, `[x*n]`) to its characters in order. */
function expandSet(spec: string): string[] | string {
  const out: string[] = [];
  const chars: string[] = [];
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i]!;
    if (c === '\\' && i + 1 < spec.length) {
      const n = spec[++i]!;
      const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v' };
      const oct = /^[0-7]{1,3}/.exec(spec.slice(i));
      if (oct) {
        chars.push(String.fromCharCode(parseInt(oct[0], 8)));
        i += oct[0].length - 1;
      } else chars.push(map[n] ?? n);
      continue;
    }
    const cls = /^\[:([a-z]+):\]/.exec(spec.slice(i));
    if (cls) {
      const test = TR_CLASSES[cls[1]!];
      if (!test) return `invalid character class ‘${cls[1]}’`;
      for (let code = 0; code < 128; code++) if (test(String.fromCharCode(code))) chars.push(String.fromCharCode(code));
      i += cls[0].length - 1;
      continue;
    }
    const repeat = /^\[(.)\*([0-9]*)\]/.exec(spec.slice(i));
    if (repeat) {
      const n = repeat[2] ? Number(repeat[2]) : 0;
      chars.push(...Array<string>(n || 1).fill(repeat[1]!));
      i += repeat[0].length - 1;
      continue;
    }
    chars.push(c);
  }
  for (let i = 0; i < chars.length; i++) {
    if (chars[i + 1] === '-' && i + 2 < chars.length) {
      const from = chars[i]!.codePointAt(0)!;
      const to = chars[i + 2]!.codePointAt(0)!;
      if (to < from) return `range-endpoints of '${chars[i]}-${chars[i + 2]}' are in reverse collating sequence order`;
      for (let code = from; code <= to; code++) out.push(String.fromCodePoint(code));
      i += 2;
    } else out.push(chars[i]!);
  }
  return out;
}

export const tr: Command = (ctx) => {
  const { io } = ctx;
  const parsed = tryParse(io, 'tr', ctx.argv.slice(1), { flags: 'cCdst', long: { complement: 'c', delete: 'd', 'squeeze-repeats': 's', 'truncate-set1': 't' } });
  if (typeof parsed === 'number') return parsed;
  const [spec1, spec2] = parsed.operands;
  const del = parsed.has('d');
  const squeeze = parsed.has('s');
  if (spec1 === undefined) return usage(io, 'tr', 'missing operand');
  if (spec2 === undefined && !del && !squeeze) return usage(io, 'tr', `missing operand after ‘${spec1}’\nTwo strings must be given when translating.`);
  if (parsed.operands.length > (del && !squeeze ? 1 : 2)) return usage(io, 'tr', `extra operand ‘${parsed.operands.at(-1)}’`);
  const set1 = expandSet(spec1);
  const set2 = spec2 === undefined ? [] : expandSet(spec2);
  if (typeof set1 === 'string' || typeof set2 === 'string') {
    io.stderr(`tr: ${typeof set1 === 'string' ? set1 : set2}\n`);
    return 1;
  }
  const complement = parsed.has('c') || parsed.has('C');
  const inSet1 = (c: string): boolean => set1.includes(c) !== complement;
  const map = new Map<string, string>();
  if (!del && spec2 !== undefined) {
    if (complement) {
      const last = set2.at(-1) ?? '';
      for (let code = 0; code < 256; code++) {
        const c = String.fromCharCode(code);
        if (!set1.includes(c)) map.set(c, last);
      }
    } else {
      set1.forEach((c, i) => map.set(c, set2[Math.min(i, set2.length - 1)] ?? c));
    }
  }
  const squeezeSet = del ? set2 : spec2 !== undefined ? set2 : set1;
  const squeezes = (c: string): boolean => (spec2 === undefined && complement ? !set1.includes(c) : squeezeSet.includes(c));
  let out = '';
  let previous = '';
  for (const c of io.stdin) {
    if (del && inSet1(c)) continue;
    const mapped = map.get(c) ?? c;
    if (squeeze && mapped === previous && squeezes(mapped)) continue;
    out += mapped;
    previous = mapped;
  }
  io.stdout(out);
  return 0;
};
