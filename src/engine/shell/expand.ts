// Word expansion, in bash's order: tilde, parameters, command substitution and arithmetic (left to
// right), then field splitting of unquoted results, then pathname expansion, with quotes removed.
// Expansion is a generator because `$(…)` runs commands, and commands may let time pass.

import type { ParamPart, Word, WordPart } from './ast.ts';
import { ArithError, evaluateArithmetic } from './arith.ts';
import { escapeGlob, expandGlob, hasGlobChars, matchPattern } from './glob.ts';
import { scanText } from './lexer.ts';
import { toAssignment } from './parser.ts';
import type { ShellEffect, VirtualFS } from './types.ts';

export type Expansion<T> = Generator<ShellEffect, T, void>;

/** An expansion failed (`${x:?}`, a bad substitution, division by zero): bash abandons the script. */
export class ExpansionError extends Error {
  /** The status non-interactive bash exits with: 127 for unset parameters, 1 otherwise. */
  constructor(message: string, readonly status = 1) {
    super(message);
  }
}

/** What expansion needs from the shell. */
export interface ExpansionHost {
  /** A variable, positional or special parameter; undefined when unset. */
  lookup(name: string): string | undefined;
  assign(name: string, value: string): void;
  positional(): readonly string[];
  /** `set -u`: expanding an unset variable is an error. */
  nounset(): boolean;
  /** Runs `script` in a subshell and returns its standard output. */
  commandSubstitution(script: string): Expansion<string>;
  readonly fs: VirtualFS;
  cwd(): string;
}

/** A run of expanded text; `split` text is subject to field splitting, and unquoted text to globbing. */
type Segment = { text: string; quoted: boolean; split: boolean } | { fieldBreak: true };

const DEFAULT_IFS = ' \t\n';

function ifsOf(host: ExpansionHost): string {
  return host.lookup('IFS') ?? DEFAULT_IFS;
}

// ---- tilde ----

/** Expands a leading `~`, `~/…`, `~+` or `~-` of an unquoted first part. */
function tildeParts(parts: WordPart[], host: ExpansionHost, inAssignment: boolean): WordPart[] {
  const first = parts[0];
  if (first?.kind !== 'lit') return parts;
  const replace = (text: string, atStart: boolean): string => {
    const m = /^~([+-]?|root)(?=\/|:|$)/.exec(text);
    if (!m || (!atStart && !inAssignment)) return text;
    // The sandbox has one user, root, whose home is /root.
    const dir = m[1] === '+' ? host.lookup('PWD') : m[1] === '-' ? host.lookup('OLDPWD') : m[1] === 'root' ? '/root' : host.lookup('HOME');
    return dir === undefined ? text : dir + text.slice(m[0].length);
  };
  let value = first.value;
  // In a word, the tilde prefix must end inside this unquoted part (`~"/x"` stays as is).
  if (!inAssignment && !value.includes('/') && parts.length > 1) return parts;
  value = replace(value, true);
  if (inAssignment) value = value.split(':').map((piece, i) => (i === 0 ? piece : replace(piece, false))).join(':');
  if (value === first.value) return parts;
  // The home directory is not split or globbed: mark the replaced text quoted.
  return [{ kind: 'quoted', value }, ...parts.slice(1)];
}

// ---- braces ----

/** A word as brace expansion sees it: unquoted characters one by one, everything else opaque. */
type Atom = string | WordPart;

function toAtoms(parts: WordPart[]): Atom[] {
  return parts.flatMap((p): Atom[] => (p.kind === 'lit' ? [...p.value] : [p]));
}

function fromAtoms(atoms: Atom[]): WordPart[] {
  const parts: WordPart[] = [];
  for (const atom of atoms) {
    if (typeof atom !== 'string') parts.push(atom);
    else {
      const last = parts.at(-1);
      if (last?.kind === 'lit') last.value += atom;
      else parts.push({ kind: 'lit', value: atom });
    }
  }
  return parts;
}

/** `{1..5}`, `{a..e}`, `{0..10..5}`, `{01..10}`: the sequence's items, or undefined when `text` is none. */
function sequence(text: string): string[] | undefined {
  const m = /^(-?[0-9]+|[A-Za-z])\.\.(-?[0-9]+|[A-Za-z])(?:\.\.(-?[0-9]+))?$/.exec(text);
  if (!m) return undefined;
  const [, a, b, stepText] = m as unknown as [string, string, string, string | undefined];
  const numeric = /[0-9]/.test(a);
  if (numeric !== /[0-9]/.test(b)) return undefined;
  const from = numeric ? Number(a) : a.charCodeAt(0);
  const to = numeric ? Number(b) : b.charCodeAt(0);
  const step = Math.abs(Number(stepText ?? 1)) || 1;
  const width = numeric && (/^-?0[0-9]/.test(a) || /^-?0[0-9]/.test(b)) ? Math.max(a.length, b.length) : 0;
  const items: string[] = [];
  for (let v = from; from <= to ? v <= to : v >= to; v += from <= to ? step : -step) {
    if (items.length >= 100_000) break; // a typo like {1..999999999} should not take the tab down
    items.push(numeric ? (v < 0 ? `-${String(-v).padStart(width - 1, '0')}` : String(v).padStart(width, '0')) : String.fromCharCode(v));
  }
  return items;
}

/** Brace expansion, bash's first step: `a{b,c}d` is `abd acd`. Quoted braces stay literal. */
export function braceExpand(parts: WordPart[]): WordPart[][] {
  const atoms = toAtoms(parts);
  for (let open = 0; open < atoms.length; open++) {
    if (atoms[open] !== '{') continue;
    let depth = 0;
    const commas: number[] = [];
    let close = -1;
    for (let i = open; i < atoms.length; i++) {
      const a = atoms[i];
      if (a === '{') depth++;
      else if (a === '}' && --depth === 0) {
        close = i;
        break;
      } else if (a === ',' && depth === 1) commas.push(i);
    }
    if (close < 0) break;
    const prefix = atoms.slice(0, open);
    const suffix = atoms.slice(close + 1);
    let alternatives: Atom[][];
    if (commas.length > 0) {
      const bounds = [open, ...commas, close];
      alternatives = bounds.slice(0, -1).map((b, i) => atoms.slice(b + 1, bounds[i + 1]));
    } else {
      const inner = atoms.slice(open + 1, close);
      const items = inner.every((a) => typeof a === 'string') ? sequence(inner.join('')) : undefined;
      if (!items) continue;
      alternatives = items.map((item) => [...item]);
    }
    return alternatives.flatMap((alt) => braceExpand(fromAtoms([...prefix, ...alt, ...suffix])));
  }
  return [parts];
}

// ---- segments ----

function* segmentsOf(parts: WordPart[], host: ExpansionHost, quoted: boolean): Expansion<Segment[]> {
  const out: Segment[] = [];
  for (const part of parts) {
    switch (part.kind) {
      case 'lit':
        out.push({ text: part.value, quoted, split: false });
        break;
      case 'quoted':
        out.push({ text: part.value, quoted: true, split: false });
        break;
      case 'dq': {
        const inner = yield* segmentsOf(part.parts, host, true);
        // "" is an empty field, but "$@" with no parameters is no field at all.
        if (!part.parts.some((p) => p.kind === 'param' && p.name === '@' && !p.op && !p.length)) {
          out.push({ text: '', quoted: true, split: false });
        }
        out.push(...inner);
        break;
      }
      case 'param':
        out.push(...(yield* expandParam(part, host, quoted)));
        break;
      case 'cmdsub': {
        const output = yield* host.commandSubstitution(part.script);
        out.push({ text: output.replace(/\n+$/, ''), quoted, split: !quoted });
        break;
      }
      case 'arith': {
        const value = yield* arithmetic(part.expr, host);
        out.push({ text: String(value), quoted, split: !quoted });
        break;
      }
      case 'badsubst':
        throw new ExpansionError(`${part.text}: bad substitution`);
    }
  }
  return out;
}

/** Evaluates `$(( expr ))`: the text is expanded first, then computed. */
export function* arithmetic(expr: string, host: ExpansionHost): Expansion<number> {
  const text = joinSegments(yield* segmentsOf(scanText(expr, 'heredoc'), host, true), host);
  try {
    return evaluateArithmetic(text, {
      get: (name) => host.lookup(name),
      set: (name, value) => host.assign(name, value),
    });
  } catch (e) {
    if (e instanceof ArithError) throw new ExpansionError(`${text.trimStart()}: ${e.message}`);
    throw e;
  }
}

function* expandParam(p: ParamPart, host: ExpansionHost, quoted: boolean): Expansion<Segment[]> {
  const name = p.name;
  const multi = name === '@' || name === '*';
  const params = host.positional();
  const value = multi ? (params.length > 0 ? params.join(joiner(host)) : undefined) : host.lookup(name);
  const result = (text: string): Segment[] => [{ text, quoted, split: !quoted }];

  if (p.length) {
    if (multi) return result(String(params.length));
    if (value === undefined && host.nounset() && !isSpecial(name)) throw new ExpansionError(`${name}: unbound variable`, 127);
    return result(String([...(value ?? '')].length));
  }
  if (!p.op) {
    if (multi) {
      if (quoted && name === '*') return params.length > 0 ? result(params.join(joiner(host))) : [];
      // "$@" gives one field per parameter; unquoted, each one is split again.
      const out: Segment[] = [];
      params.forEach((param, i) => {
        if (i > 0) out.push({ fieldBreak: true });
        out.push({ text: param, quoted, split: !quoted });
      });
      return out;
    }
    if (value === undefined && host.nounset() && !isSpecial(name)) throw new ExpansionError(`${name}: unbound variable`, 127);
    return result(value ?? '');
  }

  const op = p.op;
  const arg = p.arg ?? [];
  const unset = value === undefined;
  const nullish = unset || value === '';
  switch (op) {
    case '-':
    case ':-':
      return (op === '-' ? unset : nullish) ? yield* segmentsOf(arg, host, quoted) : result(value!);
    case '+':
    case ':+':
      return (op === '+' ? unset : nullish) ? [] : yield* segmentsOf(arg, host, quoted);
    case '=':
    case ':=': {
      if (!(op === '=' ? unset : nullish)) return result(value!);
      if (multi || isSpecial(name) || /^[0-9]/.test(name)) throw new ExpansionError(`$${name}: cannot assign in this way`);
      const assigned = joinSegments(yield* segmentsOf(arg, host, true), host);
      host.assign(name, assigned);
      return result(assigned);
    }
    case '?':
    case ':?': {
      if (!(op === '?' ? unset : nullish)) return result(value!);
      const message = joinSegments(yield* segmentsOf(arg, host, true), host);
      throw new ExpansionError(`${name}: ${message || (op === '?' ? 'parameter not set' : 'parameter null or not set')}`, 127);
    }
  }
  if (unset && host.nounset() && !isSpecial(name)) throw new ExpansionError(`${name}: unbound variable`, 127);
  const text = value ?? '';
  switch (op) {
    case '#':
    case '##':
    case '%':
    case '%%': {
      const pattern = patternOf(yield* segmentsOf(arg, host, quoted));
      return result(removeAffix(text, pattern, op));
    }
    case '/':
    case '//':
    case '/#':
    case '/%': {
      const pattern = patternOf(yield* segmentsOf(arg, host, quoted));
      const replacement = joinSegments(yield* segmentsOf(p.replacement ?? [], host, true), host);
      return result(replaceMatches(text, pattern, replacement, op));
    }
    case ':': {
      const spec = joinSegments(yield* segmentsOf(arg, host, true), host);
      return result(yield* substring(text, spec, host));
    }
    case '^^': return result(text.toUpperCase());
    case ',,': return result(text.toLowerCase());
    case '^': return result(text.slice(0, 1).toUpperCase() + text.slice(1));
    case ',': return result(text.slice(0, 1).toLowerCase() + text.slice(1));
  }
  return result(text);
}

const isSpecial = (name: string): boolean => /^[@*#?$!0-]$/.test(name);

/** What "$*" puts between parameters: the first character of IFS. */
function joiner(host: ExpansionHost): string {
  const ifs = host.lookup('IFS');
  return ifs === undefined ? ' ' : ifs.slice(0, 1);
}

function removeAffix(text: string, pattern: string, op: '#' | '##' | '%' | '%%'): string {
  const n = text.length;
  if (op === '#' || op === '##') {
    const lengths = op === '#' ? range(0, n) : range(0, n).reverse();
    for (const len of lengths) if (matchPattern(pattern, text.slice(0, len))) return text.slice(len);
  } else {
    const starts = op === '%' ? range(0, n).reverse() : range(0, n);
    for (const start of starts) if (matchPattern(pattern, text.slice(start))) return text.slice(0, start);
  }
  return text;
}

function replaceMatches(text: string, pattern: string, replacement: string, op: '/' | '//' | '/#' | '/%'): string {
  if (pattern === '') return text;
  if (op === '/#') {
    for (let len = text.length; len >= 0; len--) if (matchPattern(pattern, text.slice(0, len))) return replacement + text.slice(len);
    return text;
  }
  if (op === '/%') {
    for (let start = 0; start <= text.length; start++) if (matchPattern(pattern, text.slice(start))) return text.slice(0, start) + replacement;
    return text;
  }
  let out = '';
  let i = 0;
  while (i <= text.length) {
    let matched = -1;
    for (let end = text.length; end > i; end--) {
      if (matchPattern(pattern, text.slice(i, end))) {
        matched = end;
        break;
      }
    }
    if (matched < 0) {
      if (i < text.length) out += text[i];
      i++;
      continue;
    }
    out += replacement;
    i = matched;
    if (op === '/') return out + text.slice(i);
  }
  return out;
}

function* substring(text: string, spec: string, host: ExpansionHost): Expansion<string> {
  const [offsetText, lengthText] = splitOnce(spec, ':');
  let offset = yield* arithmetic(offsetText, host);
  if (offset < 0) offset = Math.max(0, text.length + offset);
  if (lengthText === undefined) return text.slice(offset);
  let length = yield* arithmetic(lengthText, host);
  if (length < 0) {
    length = text.length + length - offset;
    if (length < 0) throw new ExpansionError(`${lengthText.trim()}: substring expression < 0`);
  }
  return text.slice(offset, offset + length);
}

function splitOnce(text: string, sep: string): [string, string | undefined] {
  const i = text.indexOf(sep);
  return i < 0 ? [text, undefined] : [text.slice(0, i), text.slice(i + 1)];
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}

// ---- joining, splitting, globbing ----

function joinSegments(segments: Segment[], host: ExpansionHost): string {
  let out = '';
  for (const s of segments) out += 'fieldBreak' in s ? joiner(host) : s.text;
  return out;
}

/** A pattern from segments: quoted text matches literally. */
function patternOf(segments: Segment[]): string {
  let out = '';
  for (const s of segments) out += 'fieldBreak' in s ? ' ' : s.quoted ? escapeGlob(s.text) : s.text;
  return out;
}

/** A regular expression from segments: quoted text matches literally (`[[ $x =~ "a.b" ]]`). */
function regexOf(segments: Segment[]): string {
  let out = '';
  for (const s of segments) out += 'fieldBreak' in s ? ' ' : s.quoted ? s.text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&') : s.text;
  return out;
}

interface Field {
  text: string;
  pattern: string;
  glob: boolean;
}

function splitFields(segments: Segment[], ifs: string): Field[] {
  const fields: Field[] = [];
  let cur: Field | undefined;
  let endedByBlank = false;
  const start = (): Field => (cur ??= { text: '', pattern: '', glob: false });
  const end = (): void => {
    if (cur) fields.push(cur);
    cur = undefined;
  };
  const append = (text: string, quoted: boolean): void => {
    const f = start();
    f.text += text;
    f.pattern += quoted ? escapeGlob(text) : text;
    if (!quoted && /[*?[]/.test(text)) f.glob = true;
  };
  for (const s of segments) {
    if ('fieldBreak' in s) {
      end();
      continue;
    }
    if (!s.split) {
      append(s.text, s.quoted);
      endedByBlank = false;
      continue;
    }
    for (const c of s.text) {
      if (!ifs.includes(c)) {
        append(c, false);
        endedByBlank = false;
      } else if (c === ' ' || c === '\t' || c === '\n') {
        if (cur) {
          end();
          endedByBlank = true;
        }
      } else {
        // A non-blank IFS character always delimits, and blanks around it belong to it.
        if (cur) end();
        else if (!endedByBlank) fields.push({ text: '', pattern: '', glob: false });
        endedByBlank = false;
      }
    }
  }
  end();
  return fields;
}

/** Expands words into the fields of a command line. */
export function* expandWords(words: readonly Word[], host: ExpansionHost, options: { declaration?: boolean } = {}): Expansion<string[]> {
  const out: string[] = [];
  for (const [index, word] of words.entries()) {
    // `export A=$B` and `local x=~/y` take their assignments whole, as bash's declaration builtins do.
    const assignment = options.declaration && index > 0 ? toAssignment(word) : undefined;
    if (assignment) {
      const value = yield* expandAssignmentValue(assignment.value, host);
      out.push(`${assignment.name}${assignment.append ? '+' : ''}=${value}`);
      continue;
    }
    const only = word.parts.length === 1 ? word.parts[0]! : undefined;
    if (only && (only.kind === 'quoted' || (only.kind === 'lit' && !/[*?[~{]/.test(only.value)))) {
      out.push(only.value); // the common case: a plain word needs no expansion machinery
      continue;
    }
    for (const parts of braceExpand(word.parts)) {
      const segments = yield* segmentsOf(tildeParts(parts, host, false), host, false);
      for (const field of splitFields(segments, ifsOf(host))) {
        if (field.glob && hasGlobChars(field.pattern)) {
          const matches = expandGlob(field.pattern, host.fs, host.cwd());
          if (matches.length > 0) {
            out.push(...matches);
            continue;
          }
        }
        out.push(field.text);
      }
    }
  }
  return out;
}

/** Expands one word to one string, without splitting or globbing (here-documents, `case` words). */
export function* expandString(word: Word, host: ExpansionHost): Expansion<string> {
  return joinSegments(yield* segmentsOf(tildeParts(word.parts, host, false), host, false), host);
}

/** The value of `NAME=value`: tilde after `=` and `:`, no splitting, no globbing. */
export function* expandAssignmentValue(word: Word, host: ExpansionHost): Expansion<string> {
  return joinSegments(yield* segmentsOf(tildeParts(word.parts, host, true), host, false), host);
}

/** A `case` pattern: expanded, with quoted text matching literally. */
export function* expandPattern(word: Word, host: ExpansionHost): Expansion<string> {
  return patternOf(yield* segmentsOf(tildeParts(word.parts, host, false), host, false));
}

/** The right side of `=~`: expanded, with quoted text escaped. */
export function* expandRegex(word: Word, host: ExpansionHost): Expansion<string> {
  return regexOf(yield* segmentsOf(word.parts, host, false));
}

/** Splits text on IFS as `read` does, into at most `max` fields (the last takes the rest). */
export function splitForRead(text: string, ifs: string, max: number): string[] {
  const blanks = [...ifs].filter((c) => c === ' ' || c === '\t' || c === '\n').join('');
  const isBlank = (c: string): boolean => blanks.includes(c);
  const isDelim = (c: string): boolean => ifs.includes(c);
  let i = 0;
  const skipBlanks = (): void => {
    while (i < text.length && isBlank(text[i]!)) i++;
  };
  skipBlanks();
  const fields: string[] = [];
  while (i < text.length) {
    if (fields.length === max - 1) {
      let rest = text.slice(i);
      while (rest !== '' && isBlank(rest[rest.length - 1]!)) rest = rest.slice(0, -1);
      fields.push(rest);
      return fields;
    }
    let j = i;
    while (j < text.length && !isDelim(text[j]!)) j++;
    fields.push(text.slice(i, j));
    i = j;
    skipBlanks();
    if (i < text.length && isDelim(text[i]!) && !isBlank(text[i]!)) {
      i++;
      skipBlanks();
    }
  }
  return fields;
}
