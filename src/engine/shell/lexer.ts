// The shell's lexer: turns source text into words (with their quoting kept as parts), operators,
// newlines and here-document bodies. The parser pulls tokens one at a time, because what a token
// means (a keyword, a here-document delimiter) depends on where the parser is.

import type { HereDoc, ParamOp, ParamPart, Word, WordPart } from './ast.ts';

export class ParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
    /** The input ended too early: a terminal should ask for another line rather than fail. */
    readonly incomplete: boolean,
  ) {
    super(message);
  }
}

export const OPERATORS = [
  '&>>', '<<-', '<<<',
  ';;', '&&', '||', '|&', '<<', '>>', '<&', '>&', '<>', '>|', '&>',
  ';', '&', '|', '(', ')', '<', '>',
] as const;
export type Operator = (typeof OPERATORS)[number];

export type Token =
  | { kind: 'word'; word: Word; line: number; pos: number }
  | { kind: 'op'; op: Operator; line: number; pos: number }
  | { kind: 'io_number'; fd: number; line: number; pos: number }
  | { kind: 'newline'; line: number; pos: number }
  | { kind: 'eof'; line: number; pos: number };

/** Where the part scanner is: each context has its own special characters and terminator. */
type ScanMode =
  | 'word' // an unquoted word: ends at a blank or an operator character
  | 'dq' // inside "…": ends at the closing quote
  | 'heredoc' // an unquoted here-document body: runs to the end
  | 'brace' // the argument of ${x:-…}: ends at the closing brace
  | 'brace-dq' // the same inside double quotes
  | 'pattern' // the pattern of ${x/…/…}: ends at `/` or `}`
  | 'pattern-dq';

const METACHARS = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);
const SPECIAL_PARAMS = new Set(['@', '*', '#', '?', '$', '!', '-', '0']);

const isNameStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_]/.test(c);
const isNameChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

interface PendingHeredoc {
  doc: HereDoc;
  stripTabs: boolean;
  line: number;
}

export class Lexer {
  private pos: number;
  private readonly newlines: number[] = [];
  private pending: PendingHeredoc[] = [];
  /** Messages bash would print as warnings (a here-document cut short by the end of input). */
  readonly warnings: string[] = [];
  /** The input ended inside a here-document or right after a backslash. */
  unterminatedHeredoc = false;
  trailingBackslash = false;

  constructor(
    private readonly src: string,
    start = 0,
  ) {
    this.pos = start;
    for (let i = 0; i < src.length; i++) if (src[i] === '\n') this.newlines.push(i);
  }

  /** 1-based line number of a source offset. */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.newlines[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  }

  /** Called by the parser after a `<<` redirection: the body starts after the next newline. */
  queueHeredoc(doc: HereDoc, stripTabs: boolean, line: number): void {
    this.pending.push({ doc, stripTabs, line });
  }

  /** Moves back to `offset` (the parser re-reads `((` as arithmetic). */
  seek(offset: number): void {
    this.pos = offset;
  }

  next(): Token {
    this.skipBlanks();
    const start = this.pos;
    const line = this.lineAt(start);
    if (this.pos >= this.src.length) {
      this.finishHeredocs();
      return { kind: 'eof', line, pos: start };
    }
    const c = this.src[this.pos]!;
    if (c === '\n') {
      this.pos++;
      this.readHeredocBodies();
      return { kind: 'newline', line, pos: start };
    }
    for (const op of OPERATORS) {
      if (this.src.startsWith(op, this.pos)) {
        this.pos += op.length;
        return { kind: 'op', op, line, pos: start };
      }
    }
    const digits = /^[0-9]+/.exec(this.src.slice(this.pos, this.pos + 12));
    if (digits) {
      const after = this.src[this.pos + digits[0].length];
      if (after === '<' || after === '>') {
        this.pos += digits[0].length;
        return { kind: 'io_number', fd: Number(digits[0]), line, pos: start };
      }
    }
    const parts = this.scanParts('word');
    return { kind: 'word', word: { parts, raw: this.src.slice(start, this.pos) }, line, pos: start };
  }

  /**
   * If `((` starts at `offset`, reads up to the matching `))` and returns the text between; otherwise
   * returns undefined and leaves the position alone (then `((` was two subshell parentheses).
   */
  readDoubleParen(offset: number): string | undefined {
    if (!this.src.startsWith('((', offset)) return undefined;
    const end = this.findArithEnd(offset + 2);
    if (end === undefined) return undefined;
    this.pos = end + 2;
    return this.src.slice(offset + 2, end);
  }

  private skipBlanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  private eofError(close: string): ParseError {
    return new ParseError(`unexpected EOF while looking for matching \`${close}'`, this.lineAt(this.pos), true);
  }

  // ---- here-documents ----

  private readHeredocBodies(): void {
    const pending = this.pending;
    this.pending = [];
    for (const { doc, stripTabs, line } of pending) {
      let body = '';
      let terminated = false;
      while (this.pos < this.src.length) {
        const nl = this.src.indexOf('\n', this.pos);
        const end = nl < 0 ? this.src.length : nl;
        const text = this.src.slice(this.pos, end);
        this.pos = nl < 0 ? end : end + 1;
        const stripped = stripTabs ? text.replace(/^\t+/, '') : text;
        if (stripped === doc.delimiter) {
          terminated = true;
          break;
        }
        body += `${stripped}\n`;
      }
      if (!terminated) this.heredocCutShort(doc, line);
      doc.body = doc.quoted
        ? { parts: [{ kind: 'quoted', value: body }], raw: body }
        : { parts: scanText(body, 'heredoc'), raw: body };
    }
  }

  private finishHeredocs(): void {
    for (const { doc, line } of this.pending) this.heredocCutShort(doc, line);
    this.pending = [];
  }

  private heredocCutShort(doc: HereDoc, line: number): void {
    this.unterminatedHeredoc = true;
    this.warnings.push(`warning: here-document at line ${line} delimited by end-of-file (wanted \`${doc.delimiter}')`);
  }

  // ---- words ----

  /** Reads word parts from the current position until the mode's terminator (left unconsumed). */
  scanParts(mode: ScanMode): WordPart[] {
    const parts: WordPart[] = [];
    const inDq = mode === 'dq' || mode === 'heredoc' || mode === 'brace-dq' || mode === 'pattern-dq';
    const literalKind = mode === 'word' || mode === 'brace' || mode === 'pattern' ? 'lit' : 'quoted';
    let text = '';
    const flush = (): void => {
      if (text !== '') parts.push({ kind: literalKind, value: text });
      text = '';
    };
    const src = this.src;
    for (;;) {
      const c = src[this.pos];
      if (c === undefined) {
        if (mode === 'dq') throw this.eofError('"');
        if (mode !== 'word' && mode !== 'heredoc') throw this.eofError('}');
        break;
      }
      if (mode === 'word' && METACHARS.has(c)) break;
      if (mode === 'dq' && c === '"') break;
      if ((mode === 'brace' || mode === 'brace-dq' || mode === 'pattern' || mode === 'pattern-dq') && c === '}') break;
      if ((mode === 'pattern' || mode === 'pattern-dq') && c === '/') break;

      if (c === '\\') {
        const n = src[this.pos + 1];
        if (n === '\n') {
          this.pos += 2; // line continuation
          continue;
        }
        if (n === undefined) {
          if (mode === 'word') this.trailingBackslash = true;
          text += '\\';
          this.pos++;
          continue;
        }
        const patternSlash = n === '/' && (mode === 'pattern' || mode === 'pattern-dq');
        if (!inDq || n === '$' || n === '`' || n === '\\' || (n === '"' && mode !== 'heredoc') || (n === '}' && mode === 'brace-dq') || patternSlash) {
          flush();
          parts.push({ kind: 'quoted', value: n });
          this.pos += 2;
          continue;
        }
        text += '\\';
        this.pos++;
        continue;
      }
      if (c === "'" && !inDq) {
        flush();
        const end = src.indexOf("'", this.pos + 1);
        if (end < 0) {
          this.pos = src.length;
          throw this.eofError("'");
        }
        parts.push({ kind: 'quoted', value: src.slice(this.pos + 1, end) });
        this.pos = end + 1;
        continue;
      }
      if (c === '"' && mode !== 'heredoc') {
        flush();
        this.pos++;
        const inner = this.scanParts('dq');
        this.pos++; // the closing quote
        parts.push({ kind: 'dq', parts: inner });
        continue;
      }
      if (c === '$') {
        const part = this.scanDollar(inDq);
        if (part) {
          flush();
          parts.push(part);
        } else {
          text += '$';
          this.pos++;
        }
        continue;
      }
      if (c === '`') {
        flush();
        parts.push(this.scanBacktick(inDq));
        continue;
      }
      text += c;
      this.pos++;
    }
    flush();
    return parts;
  }

  /** At a `$`: returns the expansion it starts, or undefined when the `$` is just a character. */
  private scanDollar(inDq: boolean): WordPart | undefined {
    const src = this.src;
    const n = src[this.pos + 1];
    if (n === '(') {
      if (src[this.pos + 2] === '(') {
        const end = this.findArithEnd(this.pos + 3);
        if (end !== undefined) {
          const expr = src.slice(this.pos + 3, end);
          this.pos = end + 2;
          return { kind: 'arith', expr };
        }
      }
      const end = this.findCmdSubEnd(this.pos + 2);
      const script = src.slice(this.pos + 2, end);
      this.pos = end + 1;
      return { kind: 'cmdsub', script };
    }
    if (n === '{') {
      this.pos += 2;
      return this.scanBraceParam(inDq);
    }
    if (n === "'" && !inDq) {
      this.pos += 2;
      return { kind: 'quoted', value: this.scanAnsiC() };
    }
    if (n === '"' && !inDq) {
      this.pos += 2; // $"…" (locale translation) is plain double quotes here
      const inner = this.scanParts('dq');
      this.pos++;
      return { kind: 'dq', parts: inner };
    }
    if (isNameStart(n)) {
      let end = this.pos + 1;
      while (isNameChar(src[end])) end++;
      const name = src.slice(this.pos + 1, end);
      this.pos = end;
      return { kind: 'param', name };
    }
    if (isDigit(n) || (n !== undefined && SPECIAL_PARAMS.has(n))) {
      this.pos += 2;
      return { kind: 'param', name: n! };
    }
    return undefined;
  }

  /** After `${`: a parameter expansion with its operator and argument. */
  private scanBraceParam(inDq: boolean): WordPart {
    const src = this.src;
    const start = this.pos;
    let length = false;
    if (src[this.pos] === '#' && src[this.pos + 1] !== '}') {
      length = true;
      this.pos++;
    }
    let name: string;
    if (isNameStart(src[this.pos])) {
      let end = this.pos;
      while (isNameChar(src[end])) end++;
      name = src.slice(this.pos, end);
      this.pos = end;
    } else if (isDigit(src[this.pos])) {
      let end = this.pos;
      while (isDigit(src[end])) end++;
      name = src.slice(this.pos, end);
      this.pos = end;
    } else if (src[this.pos] !== undefined && SPECIAL_PARAMS.has(src[this.pos]!)) {
      name = src[this.pos]!;
      this.pos++;
    } else {
      return this.badSubstitution(start);
    }
    const part: ParamPart = { kind: 'param', name };
    if (length) {
      if (src[this.pos] !== '}') return this.badSubstitution(start);
      this.pos++;
      part.length = true;
      return part;
    }
    const c = src[this.pos];
    if (c === '}') {
      this.pos++;
      return part;
    }
    let op: ParamOp | undefined;
    for (const candidate of [':-', ':=', ':+', ':?', '##', '%%', '//', '/#', '/%', '^^', ',,', '-', '=', '+', '?', '#', '%', '/', ':', '^', ','] as const) {
      if (src.startsWith(candidate, this.pos)) {
        op = candidate;
        break;
      }
    }
    if (op === undefined) return this.badSubstitution(start);
    this.pos += op.length;
    part.op = op;
    if (op === '/' || op === '//' || op === '/#' || op === '/%') {
      part.arg = this.scanParts(inDq ? 'pattern-dq' : 'pattern');
      if (src[this.pos] === '/') {
        this.pos++;
        part.replacement = this.scanParts(inDq ? 'brace-dq' : 'brace');
      }
    } else {
      part.arg = this.scanParts(inDq ? 'brace-dq' : 'brace');
    }
    this.pos++; // the closing brace
    return part;
  }

  private badSubstitution(start: number): WordPart {
    let depth = 1;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos++];
      if (c === '{') depth++;
      else if (c === '}' && --depth === 0) return { kind: 'badsubst', text: `\${${this.src.slice(start, this.pos)}` };
    }
    throw this.eofError('}');
  }

  /** `$'…'`: ANSI-C escapes. */
  private scanAnsiC(): string {
    const src = this.src;
    let out = '';
    for (;;) {
      const c = src[this.pos];
      if (c === undefined) throw this.eofError("'");
      this.pos++;
      if (c === "'") return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const { text, length } = decodeEscape(src, this.pos, 'ansi');
      out += text;
      this.pos += length;
    }
  }

  /** After a backtick: the command up to the closing backtick, with `\``, `\$` and `\\` unescaped. */
  private scanBacktick(inDq: boolean): WordPart {
    const src = this.src;
    this.pos++;
    let script = '';
    for (;;) {
      const c = src[this.pos];
      if (c === undefined) throw this.eofError('`');
      if (c === '`') {
        this.pos++;
        return { kind: 'cmdsub', script };
      }
      if (c === '\\') {
        const n = src[this.pos + 1];
        if (n === '$' || n === '`' || n === '\\' || (inDq && n === '"')) {
          script += n;
          this.pos += 2;
          continue;
        }
      }
      script += c;
      this.pos++;
    }
  }

  /** From just inside `$((`, the offset of the closing `))`, or undefined when the parentheses say this is `$( (…) )`. */
  private findArithEnd(from: number): number | undefined {
    let depth = 0;
    for (let i = from; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth > 0) depth--;
        else return this.src[i + 1] === ')' ? i : undefined;
      }
    }
    this.pos = this.src.length;
    throw this.eofError(')');
  }

  /**
   * From just inside `$(`, the offset of the matching `)`. Quotes, nested substitutions and comments
   * are skipped; inside `case … esac`, an unbalanced `)` ends a pattern rather than the substitution.
   */
  private findCmdSubEnd(from: number): number {
    const src = this.src;
    let depth = 1;
    let caseDepth = 0;
    let wordStart = true;
    let i = from;
    while (i < src.length) {
      const c = src[i]!;
      if (c === '\\') {
        i += 2;
        wordStart = false;
        continue;
      }
      if (c === "'") {
        const end = src.indexOf("'", i + 1);
        if (end < 0) break;
        i = end + 1;
        wordStart = false;
        continue;
      }
      if (c === '"') {
        i = this.skipDq(i + 1);
        wordStart = false;
        continue;
      }
      if (c === '`') {
        const end = this.skipBacktick(i + 1);
        i = end;
        continue;
      }
      if (c === '#' && wordStart) {
        while (i < src.length && src[i] !== '\n') i++;
        continue;
      }
      if (wordStart && isNameStart(c)) {
        let end = i;
        while (isNameChar(src[end])) end++;
        const word = src.slice(i, end);
        if (word === 'case') caseDepth++;
        else if (word === 'esac' && caseDepth > 0) caseDepth--;
        i = end;
        wordStart = false;
        continue;
      }
      if (c === '(') depth++;
      else if (c === ')') {
        if (!(caseDepth > 0 && depth === 1)) depth--;
        if (depth === 0) return i;
      }
      wordStart = c === ' ' || c === '\t' || c === '\n' || c === ';' || c === '|' || c === '&' || c === '(' || c === ')';
      i++;
    }
    this.pos = src.length;
    throw this.eofError(')');
  }

  /** From inside a double-quoted string, the offset just after its closing quote. */
  private skipDq(from: number): number {
    const src = this.src;
    let i = from;
    while (i < src.length) {
      const c = src[i];
      if (c === '\\') i += 2;
      else if (c === '"') return i + 1;
      else if (c === '$' && src[i + 1] === '(') i = this.findCmdSubEnd(i + 2) + 1;
      else if (c === '`') i = this.skipBacktick(i + 1);
      else i++;
    }
    this.pos = src.length;
    throw this.eofError('"');
  }

  private skipBacktick(from: number): number {
    const src = this.src;
    let i = from;
    while (i < src.length) {
      if (src[i] === '\\') i += 2;
      else if (src[i] === '`') return i + 1;
      else i++;
    }
    this.pos = src.length;
    throw this.eofError('`');
  }
}

/** Word parts of a text read in a given context (here-document bodies, arithmetic, expanded patterns). */
export function scanText(text: string, mode: 'heredoc' | 'word'): WordPart[] {
  const lexer = new Lexer(text);
  return lexer.scanParts(mode);
}

/**
 * Decodes the backslash escape whose letter is at `at` (just after the backslash). `ansi` is `$'…'`
 * and `echo -e`; `printf` differs only in `\c` handling, left to the caller.
 */
export function decodeEscape(src: string, at: number, flavour: 'ansi' | 'echo'): { text: string; length: number; stop?: boolean } {
  const c = src[at];
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\' };
  if (c === undefined) return { text: '\\', length: 0 };
  if (c in simple) return { text: simple[c]!, length: 1 };
  if (flavour === 'ansi' && (c === "'" || c === '"' || c === '?')) return { text: c, length: 1 };
  if (c === 'c' && flavour === 'echo') return { text: '', length: 1, stop: true };
  if (c === 'x') {
    const m = /^[0-9a-fA-F]{1,2}/.exec(src.slice(at + 1, at + 3));
    if (m) return { text: String.fromCharCode(parseInt(m[0], 16)), length: 1 + m[0].length };
    return { text: '\\x', length: 1 };
  }
  if (c === 'u' || c === 'U') {
    const m = new RegExp(`^[0-9a-fA-F]{1,${c === 'u' ? 4 : 8}}`).exec(src.slice(at + 1, at + 9));
    if (m) return { text: String.fromCodePoint(parseInt(m[0], 16)), length: 1 + m[0].length };
    return { text: `\\${c}`, length: 1 };
  }
  if (c >= '0' && c <= '7') {
    // echo -e wants \0NNN; $'…' takes \NNN.
    const from = flavour === 'echo' && c === '0' ? at + 1 : at;
    const m = /^[0-7]{1,3}/.exec(src.slice(from, from + 3));
    if (flavour === 'echo' && c !== '0') return { text: `\\${c}`, length: 1 };
    const digits = m ? m[0] : '';
    return { text: String.fromCharCode(parseInt(digits || '0', 8) & 0xff), length: from - at + digits.length };
  }
  return { text: `\\${c}`, length: 1 };
}
