// The YAML tokenizer, following go-yaml v2's scanner (a port of libyaml) rule by rule, because the
// point is to fail exactly where kubectl fails, with the same words and the same line. Simple keys,
// the indentation stack and the flow level are tracked as it does; errors are thrown, not returned.

import { YamlSyntaxError } from './errors.ts';
import type { Mark, Source } from './source.ts';

export const Tok = {
  StreamStart: 1,
  StreamEnd: 2,
  VersionDirective: 3,
  TagDirective: 4,
  DocumentStart: 5,
  DocumentEnd: 6,
  BlockSequenceStart: 7,
  BlockMappingStart: 8,
  BlockEnd: 9,
  FlowSequenceStart: 10,
  FlowSequenceEnd: 11,
  FlowMappingStart: 12,
  FlowMappingEnd: 13,
  BlockEntry: 14,
  FlowEntry: 15,
  Key: 16,
  Value: 17,
  Alias: 18,
  Anchor: 19,
  Tag: 20,
  Scalar: 21,
} as const;
export type TokType = (typeof Tok)[keyof typeof Tok];

export const Style = { Plain: 1, Single: 2, Double: 3, Literal: 4, Folded: 5 } as const;
export type ScalarStyle = (typeof Style)[keyof typeof Style];

export interface Token {
  type: TokType;
  start: Mark;
  end: Mark;
  /** Scalar text, anchor/alias name, tag handle, or %TAG handle. */
  value: string;
  /** Tag suffix, or %TAG prefix. */
  suffix: string;
  style: ScalarStyle;
  major: number;
  minor: number;
}

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
  line: number;
  column: number;
  index: number;
}

/** The kinds of character runs skipRun can cross. */
const Run = { ToLineEnd: 0, Plain: 1, PlainFlow: 2, Single: 3, Double: 4 } as const;
type Run = (typeof Run)[keyof typeof Run];

const MAX_FLOW_LEVEL = 10000;
const MAX_INDENTS = 10000;

// Character classes, as yamlprivateh.go defines them (NUL is also end of input).
const isBreak = (c: number): boolean => c === 10 || c === 13 || c === 0x85 || c === 0x2028 || c === 0x2029;
const isBlank = (c: number): boolean => c === 32 || c === 9;
const isBreakZ = (c: number): boolean => c === 0 || isBreak(c);
const isBlankZ = (c: number): boolean => isBlank(c) || isBreakZ(c);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHex = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const isAlpha = (c: number): boolean =>
  isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45;
const hexValue = (c: number): number => (c <= 57 ? c - 48 : c <= 70 ? c - 55 : c - 87);

// Characters allowed in a tag URI besides alphanumerics (scan_tag_uri).
const URI_CHARS = new Set(Array.from(";/?:@&=+$,.!~*'()[]%", (ch) => ch.charCodeAt(0)));

// Characters that can never start a plain scalar.
const PLAIN_STOPPERS = new Set(Array.from('-?:,[]{}#&*!|>\'"%@`', (ch) => ch.charCodeAt(0)));

export class Scanner {
  private readonly src: string;
  private readonly source: Source;
  private pos = 0;
  /** Set once go-yaml has moved its mark to the line after the last one (fetch_stream_end). */
  private bumped = false;
  private index = 0;
  private line = 0;
  private column = 0;

  private streamStartProduced = false;
  private flowLevel = 0;
  private tokens: Token[] = [];
  private tokensHead = 0;
  private tokensParsed = 0;
  private tokenAvailable = false;
  private indent = -1;
  private indents: number[] = [];
  private simpleKeyAllowed = false;
  private simpleKeys: SimpleKey[] = [];
  private simpleKeysByTok = new Map<number, number>();
  private readonly pool: Token[] = [];
  private lastSkipped: Token | undefined;

  constructor(source: Source) {
    this.source = source;
    this.src = source.text;
  }

  // --- the parser's interface (peek_token / skip_token) ---

  peek(): Token {
    if (!this.tokenAvailable) this.fetchMoreTokens();
    return this.tokens[this.tokensHead];
  }

  /**
   * Consumes the head token. The token object stays valid until the next skip(); after that it is
   * reused for a new token (big files produce millions of them).
   */
  skip(): void {
    this.tokenAvailable = false;
    this.tokensParsed++;
    const token = this.tokens[this.tokensHead];
    if (this.lastSkipped) this.pool.push(this.lastSkipped);
    this.lastSkipped = token;
    this.tokensHead++;
    // Drop consumed tokens now and then; positions are always relative to the head.
    if (this.tokensHead > 256 && this.tokensHead * 2 > this.tokens.length) {
      this.tokens = this.tokens.slice(this.tokensHead);
      this.tokensHead = 0;
    }
  }

  // --- low-level reading ---

  private ch(offset = 0): number {
    return this.src.charCodeAt(this.pos + offset) | 0; // NaN past the end reads as NUL
  }

  mark(): Mark {
    return this.bumped ? -this.pos - 1 : this.pos;
  }

  private advance(): void {
    const c = this.src.charCodeAt(this.pos);
    this.pos += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    this.index++;
    this.column++;
  }

  /**
   * Advances over a run of characters that need no special handling, counting them as go-yaml
   * does (a surrogate pair is one character). This inner loop is most of the scanning time.
   */
  private skipRun(run: Run): void {
    const src = this.src;
    let p = this.pos;
    let n = 0;
    for (;;) {
      const c = src.charCodeAt(p) | 0;
      if (c === 0 || c === 10 || c === 13 || c === 0x85 || c === 0x2028 || c === 0x2029) break;
      if (run !== Run.ToLineEnd) {
        if (c === 32 || c === 9) break;
        if (run === Run.Plain) {
          if (c === 58) break;
        } else if (run === Run.PlainFlow) {
          if (c === 58 || c === 44 || c === 63 || c === 91 || c === 93 || c === 123 || c === 125) break;
        } else if (run === Run.Single) {
          if (c === 39) break;
        } else if (c === 34 || c === 92) break;
      }
      p += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      n++;
    }
    this.pos = p;
    this.index += n;
    this.column += n;
  }

  /** skip_line: consumes one line break (CRLF counts as one). */
  private skipLine(): void {
    const c = this.ch();
    if (c === 13 && this.ch(1) === 10) {
      this.pos += 2;
      this.index += 2;
      this.column = 0;
      this.line++;
    } else if (isBreak(c)) {
      this.pos++;
      this.index++;
      this.column = 0;
      this.line++;
    }
  }

  /** read_line: consumes a line break and returns it normalised as libyaml does. */
  private readLine(): string {
    const c = this.ch();
    let out: string;
    if (c === 13 && this.ch(1) === 10) {
      this.pos += 2;
      this.index++;
      out = '\n';
    } else if (c === 13 || c === 10 || c === 0x85) {
      this.pos++;
      out = '\n';
    } else if (c === 0x2028 || c === 0x2029) {
      this.pos++;
      out = String.fromCharCode(c);
    } else {
      return '';
    }
    this.index++;
    this.column = 0;
    this.line++;
    return out;
  }

  /** Reads one character (a surrogate pair counts as one) and returns it. */
  private readChar(): string {
    const start = this.pos;
    this.advance();
    return this.src.slice(start, this.pos);
  }

  private fail(context: string, contextMark: Mark, problem: string): never {
    const src = this.source;
    throw new YamlSyntaxError('scanner', problem, src.locate(this.mark()), context, src.locate(contextMark));
  }

  // --- token queue ---

  private insertToken(pos: number, token: Token): void {
    const tokens = this.tokens;
    tokens.push(token);
    if (pos < 0) return;
    const at = this.tokensHead + pos;
    for (let i = tokens.length - 1; i > at; i--) tokens[i] = tokens[i - 1];
    tokens[at] = token;
  }

  private token(type: TokType, start: Mark, end: Mark): Token {
    const t = this.pool.pop();
    if (t === undefined) return { type, start, end, value: '', suffix: '', style: Style.Plain, major: 0, minor: 0 };
    t.type = type;
    t.start = start;
    t.end = end;
    t.value = '';
    t.suffix = '';
    t.style = Style.Plain;
    return t;
  }

  private fetchMoreTokens(): void {
    for (;;) {
      if (this.tokensHead !== this.tokens.length) {
        const idx = this.simpleKeysByTok.get(this.tokensParsed);
        if (idx === undefined) break;
        if (!this.simpleKeyIsValid(this.simpleKeys[idx])) break;
      }
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  private fetchNextToken(): void {
    if (!this.streamStartProduced) {
      this.fetchStreamStart();
      return;
    }
    this.scanToNextToken();
    this.unrollIndent(this.column);
    const c = this.ch();
    if (c === 0) {
      this.fetchStreamEnd();
      return;
    }
    if (this.column === 0) {
      if (c === 37 /* % */) {
        this.fetchDirective();
        return;
      }
      if (c === 45 && this.ch(1) === 45 && this.ch(2) === 45 && isBlankZ(this.ch(3))) {
        this.fetchDocumentIndicator(Tok.DocumentStart);
        return;
      }
      if (c === 46 && this.ch(1) === 46 && this.ch(2) === 46 && isBlankZ(this.ch(3))) {
        this.fetchDocumentIndicator(Tok.DocumentEnd);
        return;
      }
    }
    switch (c) {
      case 91 /* [ */:
        return this.fetchFlowCollectionStart(Tok.FlowSequenceStart);
      case 123 /* { */:
        return this.fetchFlowCollectionStart(Tok.FlowMappingStart);
      case 93 /* ] */:
        return this.fetchFlowCollectionEnd(Tok.FlowSequenceEnd);
      case 125 /* } */:
        return this.fetchFlowCollectionEnd(Tok.FlowMappingEnd);
      case 44 /* , */:
        return this.fetchFlowEntry();
    }
    const next = this.ch(1);
    if (c === 45 && isBlankZ(next)) return this.fetchBlockEntry();
    if (c === 63 /* ? */ && (this.flowLevel > 0 || isBlankZ(next))) return this.fetchKey();
    if (c === 58 /* : */ && (this.flowLevel > 0 || isBlankZ(next))) return this.fetchValue();
    if (c === 42 /* * */) return this.fetchAnchor(Tok.Alias);
    if (c === 38 /* & */) return this.fetchAnchor(Tok.Anchor);
    if (c === 33 /* ! */) return this.fetchTag();
    if (c === 124 /* | */ && this.flowLevel === 0) return this.fetchBlockScalar(true);
    if (c === 62 /* > */ && this.flowLevel === 0) return this.fetchBlockScalar(false);
    if (c === 39 /* ' */) return this.fetchFlowScalar(true);
    if (c === 34 /* " */) return this.fetchFlowScalar(false);
    if (
      !(isBlankZ(c) || PLAIN_STOPPERS.has(c)) ||
      (c === 45 && !isBlank(next)) ||
      (this.flowLevel === 0 && (c === 63 || c === 58) && !isBlankZ(next))
    ) {
      return this.fetchPlainScalar();
    }
    this.fail('while scanning for the next token', this.mark(), 'found character that cannot start any token');
  }

  // --- simple keys ---

  private simpleKeyIsValid(key: SimpleKey): boolean {
    if (!key.possible) return false;
    if (key.line < this.line || key.index + 1024 < this.index) {
      if (key.required) this.fail('while scanning a simple key', key.mark, "could not find expected ':'");
      key.possible = false;
      return false;
    }
    return true;
  }

  private saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.column;
    if (this.simpleKeyAllowed) {
      this.removeSimpleKey();
      // The slot is overwritten in place: one object per flow level instead of one per scalar.
      const key = this.simpleKeys[this.simpleKeys.length - 1];
      key.possible = true;
      key.required = required;
      key.tokenNumber = this.tokensParsed + (this.tokens.length - this.tokensHead);
      key.mark = this.mark();
      key.line = this.line;
      key.column = this.column;
      key.index = this.index;
      this.simpleKeysByTok.set(key.tokenNumber, this.simpleKeys.length - 1);
    }
  }

  private removeSimpleKey(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (key.possible) {
      if (key.required) this.fail('while scanning a simple key', key.mark, "could not find expected ':'");
      key.possible = false;
      this.simpleKeysByTok.delete(key.tokenNumber);
    }
  }

  private increaseFlowLevel(): void {
    const key = this.newSimpleKey(this.tokensParsed + (this.tokens.length - this.tokensHead));
    this.simpleKeys.push(key);
    this.flowLevel++;
    if (this.flowLevel > MAX_FLOW_LEVEL) {
      this.fail('while increasing flow level', key.mark, `exceeded max depth of ${MAX_FLOW_LEVEL}`);
    }
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel > 0) {
      this.flowLevel--;
      const key = this.simpleKeys.pop() as SimpleKey;
      this.simpleKeysByTok.delete(key.tokenNumber);
    }
  }

  private newSimpleKey(tokenNumber: number): SimpleKey {
    return {
      possible: false,
      required: false,
      tokenNumber,
      mark: this.mark(),
      line: this.line,
      column: this.column,
      index: this.index,
    };
  }

  // --- indentation ---

  private rollIndent(column: number, number: number, type: TokType, mark: Mark): void {
    if (this.flowLevel > 0) return;
    if (this.indent < column) {
      this.indents.push(this.indent);
      this.indent = column;
      if (this.indents.length > MAX_INDENTS) {
        const key = this.simpleKeys[this.simpleKeys.length - 1];
        this.fail('while increasing indent level', key.mark, `exceeded max depth of ${MAX_INDENTS}`);
      }
      this.insertToken(number > -1 ? number - this.tokensParsed : -1, this.token(type, mark, mark));
    }
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      const m = this.mark();
      this.insertToken(-1, this.token(Tok.BlockEnd, m, m));
      this.indent = this.indents.pop() as number;
    }
  }

  // --- fetchers ---

  private fetchStreamStart(): void {
    this.indent = -1;
    this.simpleKeys.push(this.newSimpleKey(0));
    this.simpleKeyAllowed = true;
    this.streamStartProduced = true;
    const m = this.mark();
    this.insertToken(-1, this.token(Tok.StreamStart, m, m));
  }

  private fetchStreamEnd(): void {
    // go-yaml moves the mark to the start of a new line, which shows in end-of-stream errors.
    if (this.column !== 0) {
      this.column = 0;
      this.line++;
      this.bumped = true;
    }
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const m = this.mark();
    this.insertToken(-1, this.token(Tok.StreamEnd, m, m));
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanDirective());
  }

  private fetchDocumentIndicator(type: TokType): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.mark();
    this.advance();
    this.advance();
    this.advance();
    this.insertToken(-1, this.token(type, start, this.mark()));
  }

  private fetchFlowCollectionStart(type: TokType): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.simpleKeyAllowed = true;
    const start = this.mark();
    this.advance();
    this.insertToken(-1, this.token(type, start, this.mark()));
  }

  private fetchFlowCollectionEnd(type: TokType): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    const start = this.mark();
    this.advance();
    this.insertToken(-1, this.token(type, start, this.mark()));
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = this.mark();
    this.advance();
    this.insertToken(-1, this.token(Tok.FlowEntry, start, this.mark()));
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) {
        this.fail('', this.mark(), 'block sequence entries are not allowed in this context');
      }
      this.rollIndent(this.column, -1, Tok.BlockSequenceStart, this.mark());
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = this.mark();
    this.advance();
    this.insertToken(-1, this.token(Tok.BlockEntry, start, this.mark()));
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.fail('', this.mark(), 'mapping keys are not allowed in this context');
      this.rollIndent(this.column, -1, Tok.BlockMappingStart, this.mark());
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    const start = this.mark();
    this.advance();
    this.insertToken(-1, this.token(Tok.Key, start, this.mark()));
  }

  private fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (this.simpleKeyIsValid(key)) {
      this.insertToken(key.tokenNumber - this.tokensParsed, this.token(Tok.Key, key.mark, key.mark));
      this.rollIndent(key.column, key.tokenNumber, Tok.BlockMappingStart, key.mark);
      key.possible = false;
      this.simpleKeysByTok.delete(key.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) this.fail('', this.mark(), 'mapping values are not allowed in this context');
        this.rollIndent(this.column, -1, Tok.BlockMappingStart, this.mark());
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    const start = this.mark();
    this.advance();
    this.insertToken(-1, this.token(Tok.Value, start, this.mark()));
  }

  private fetchAnchor(type: TokType): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanAnchor(type));
  }

  private fetchTag(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanTag());
  }

  private fetchBlockScalar(literal: boolean): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.insertToken(-1, this.scanBlockScalar(literal));
  }

  private fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanFlowScalar(single));
  }

  private fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanPlainScalar());
  }

  // --- scanners ---

  private scanToNextToken(): void {
    for (;;) {
      if (this.column === 0 && this.ch() === 0xfeff) this.advance();
      for (;;) {
        const c = this.ch();
        if (c === 32 || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && c === 9)) this.advance();
        else break;
      }
      if (this.ch() === 35 /* # */) this.skipRun(Run.ToLineEnd);
      if (isBreak(this.ch())) {
        this.skipLine();
        if (this.flowLevel === 0) this.simpleKeyAllowed = true;
      } else {
        break;
      }
    }
  }

  private skipBlanks(): void {
    while (isBlank(this.ch())) this.advance();
  }

  private scanDirective(): Token {
    const start = this.mark();
    this.advance();
    const name = this.scanDirectiveName(start);
    const token = this.token(Tok.VersionDirective, start, start);
    if (name === 'YAML') {
      this.skipBlanks();
      token.major = this.scanVersionNumber(start);
      if (this.ch() !== 46) {
        this.fail('while scanning a %YAML directive', start, "did not find expected digit or '.' character");
      }
      this.advance();
      token.minor = this.scanVersionNumber(start);
    } else if (name === 'TAG') {
      token.type = Tok.TagDirective;
      this.skipBlanks();
      token.value = this.scanTagHandle(true, start);
      if (!isBlank(this.ch())) this.fail('while scanning a %TAG directive', start, 'did not find expected whitespace');
      this.skipBlanks();
      token.suffix = this.scanTagUri(true, '', start);
      if (!isBlankZ(this.ch())) {
        this.fail('while scanning a %TAG directive', start, 'did not find expected whitespace or line break');
      }
    } else {
      this.fail('while scanning a directive', start, 'found unknown directive name');
    }
    token.end = this.mark();
    this.skipBlanks();
    if (this.ch() === 35) {
      while (!isBreakZ(this.ch())) this.advance();
    }
    if (!isBreakZ(this.ch())) {
      this.fail('while scanning a directive', start, 'did not find expected comment or line break');
    }
    if (isBreak(this.ch())) this.skipLine();
    return token;
  }

  private scanDirectiveName(start: Mark): string {
    const from = this.pos;
    while (isAlpha(this.ch())) this.advance();
    if (this.pos === from) this.fail('while scanning a directive', start, 'could not find expected directive name');
    if (!isBlankZ(this.ch())) {
      this.fail('while scanning a directive', start, 'found unexpected non-alphabetical character');
    }
    return this.src.slice(from, this.pos);
  }

  private scanVersionNumber(start: Mark): number {
    let value = 0;
    let length = 0;
    while (isDigit(this.ch())) {
      if (++length > 2) this.fail('while scanning a %YAML directive', start, 'found extremely long version number');
      value = value * 10 + (this.ch() - 48);
      this.advance();
    }
    if (length === 0) this.fail('while scanning a %YAML directive', start, 'did not find expected version number');
    return value;
  }

  private scanAnchor(type: TokType): Token {
    const start = this.mark();
    this.advance();
    const from = this.pos;
    while (isAlpha(this.ch())) this.advance();
    const to = this.pos;
    const end = this.mark();
    const c = this.ch();
    // An anchor must be followed by whitespace or one of '?', ':', ',', ']', '}', '%', '@', '`'.
    if (
      this.pos === from ||
      !(isBlankZ(c) || c === 63 || c === 58 || c === 44 || c === 93 || c === 125 || c === 37 || c === 64 || c === 96)
    ) {
      const context = type === Tok.Anchor ? 'while scanning an anchor' : 'while scanning an alias';
      this.fail(context, start, 'did not find expected alphabetic or numeric character');
    }
    const token = this.token(type, start, end);
    token.value = this.src.slice(from, to);
    return token;
  }

  private tagError(directive: boolean, start: Mark, problem: string): never {
    this.fail(directive ? 'while parsing a %TAG directive' : 'while parsing a tag', start, problem);
  }

  private scanTag(): Token {
    const start = this.mark();
    let handle: string;
    let suffix: string;
    if (this.ch(1) === 60 /* < */) {
      this.advance();
      this.advance();
      handle = '';
      suffix = this.scanTagUri(false, '', start);
      if (this.ch() !== 62) this.fail('while scanning a tag', start, "did not find the expected '>'");
      this.advance();
    } else {
      handle = this.scanTagHandle(false, start);
      if (handle.length > 1 && handle.startsWith('!') && handle.endsWith('!')) {
        suffix = this.scanTagUri(false, '', start);
      } else {
        suffix = this.scanTagUri(false, handle, start);
        handle = '!';
        if (suffix === '') {
          suffix = handle;
          handle = '';
        }
      }
    }
    if (!isBlankZ(this.ch())) this.fail('while scanning a tag', start, 'did not find expected whitespace or line break');
    const token = this.token(Tok.Tag, start, this.mark());
    token.value = handle;
    token.suffix = suffix;
    return token;
  }

  private scanTagHandle(directive: boolean, start: Mark): string {
    if (this.ch() !== 33) this.tagError(directive, start, "did not find expected '!'");
    const from = this.pos;
    this.advance();
    while (isAlpha(this.ch())) this.advance();
    if (this.ch() === 33) {
      this.advance();
    } else if (directive && this.pos - from !== 1) {
      this.tagError(directive, start, "did not find expected '!'");
    }
    return this.src.slice(from, this.pos);
  }

  private scanTagUri(directive: boolean, head: string, start: Mark): string {
    let s = head.length > 1 ? head.slice(1) : '';
    let hasTag = head.length > 0;
    for (;;) {
      const c = this.ch();
      if (!(isAlpha(c) || URI_CHARS.has(c))) break;
      if (c === 37 /* % */) s += this.scanUriEscapes(directive, start);
      else s += this.readChar();
      hasTag = true;
    }
    if (!hasTag) this.tagError(directive, start, 'did not find expected tag URI');
    return s;
  }

  private scanUriEscapes(directive: boolean, start: Mark): string {
    const bytes: number[] = [];
    let width = 1024;
    while (width > 0) {
      if (!(this.ch() === 37 && isHex(this.ch(1)) && isHex(this.ch(2)))) {
        this.tagError(directive, start, 'did not find URI escaped octet');
      }
      const octet = (hexValue(this.ch(1)) << 4) + hexValue(this.ch(2));
      if (width === 1024) {
        width = utf8Width(octet);
        if (width === 0) this.tagError(directive, start, 'found an incorrect leading UTF-8 octet');
      } else if ((octet & 0xc0) !== 0x80) {
        this.tagError(directive, start, 'found an incorrect trailing UTF-8 octet');
      }
      bytes.push(octet);
      this.advance();
      this.advance();
      this.advance();
      width--;
    }
    return decodeUtf8(bytes);
  }

  private scanBlockScalar(literal: boolean): Token {
    const start = this.mark();
    this.advance();
    let chomping = 0;
    let increment = 0;
    let c = this.ch();
    if (c === 43 || c === 45) {
      chomping = c === 43 ? 1 : -1;
      this.advance();
      if (isDigit(this.ch())) {
        if (this.ch() === 48) {
          this.fail('while scanning a block scalar', start, 'found an indentation indicator equal to 0');
        }
        increment = this.ch() - 48;
        this.advance();
      }
    } else if (isDigit(c)) {
      if (c === 48) this.fail('while scanning a block scalar', start, 'found an indentation indicator equal to 0');
      increment = c - 48;
      this.advance();
      c = this.ch();
      if (c === 43 || c === 45) {
        chomping = c === 43 ? 1 : -1;
        this.advance();
      }
    }
    this.skipBlanks();
    if (this.ch() === 35) {
      while (!isBreakZ(this.ch())) this.advance();
    }
    if (!isBreakZ(this.ch())) {
      this.fail('while scanning a block scalar', start, 'did not find expected comment or line break');
    }
    if (isBreak(this.ch())) this.skipLine();

    const state = { indent: 0, end: this.mark() };
    if (increment > 0) state.indent = this.indent >= 0 ? this.indent + increment : increment;

    let s = '';
    let leadingBreak = '';
    let trailingBreaks = this.scanBlockScalarBreaks(state, start);
    let leadingBlank = false;
    while (this.column === state.indent && this.ch() !== 0) {
      const trailingBlank = isBlank(this.ch());
      if (!literal && !leadingBlank && !trailingBlank && leadingBreak.startsWith('\n')) {
        if (trailingBreaks.length === 0) s += ' ';
      } else {
        s += leadingBreak;
      }
      s += trailingBreaks;
      leadingBlank = isBlank(this.ch());
      const from = this.pos;
      this.skipRun(Run.ToLineEnd);
      s += this.src.slice(from, this.pos);
      leadingBreak = this.readLine();
      trailingBreaks = this.scanBlockScalarBreaks(state, start);
    }
    if (chomping !== -1) s += leadingBreak;
    if (chomping === 1) s += trailingBreaks;

    const token = this.token(Tok.Scalar, start, state.end);
    token.value = s;
    token.style = literal ? Style.Literal : Style.Folded;
    return token;
  }

  /** Consumes indentation and empty lines before block scalar content; picks the indent if unknown. */
  private scanBlockScalarBreaks(state: { indent: number; end: Mark }, start: Mark): string {
    state.end = this.mark();
    let breaks = '';
    let maxIndent = 0;
    for (;;) {
      while ((state.indent === 0 || this.column < state.indent) && this.ch() === 32) this.advance();
      if (this.column > maxIndent) maxIndent = this.column;
      if ((state.indent === 0 || this.column < state.indent) && this.ch() === 9) {
        this.fail('while scanning a block scalar', start, 'found a tab character where an indentation space is expected');
      }
      if (!isBreak(this.ch())) break;
      breaks += this.readLine();
      state.end = this.mark();
    }
    if (state.indent === 0) {
      state.indent = Math.max(maxIndent, this.indent + 1, 1);
    }
    return breaks;
  }

  private atDocumentIndicator(): boolean {
    const c = this.ch();
    return (
      this.column === 0 &&
      ((c === 45 && this.ch(1) === 45 && this.ch(2) === 45) || (c === 46 && this.ch(1) === 46 && this.ch(2) === 46)) &&
      isBlankZ(this.ch(3))
    );
  }

  private scanFlowScalar(single: boolean): Token {
    const start = this.mark();
    this.advance();
    let s = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    let whitespaces = '';
    for (;;) {
      if (this.atDocumentIndicator()) {
        this.fail('while scanning a quoted scalar', start, 'found unexpected document indicator');
      }
      if (this.ch() === 0) this.fail('while scanning a quoted scalar', start, 'found unexpected end of stream');

      let leadingBlanks = false;
      while (!isBlankZ(this.ch())) {
        const c = this.ch();
        if (single && c === 39 && this.ch(1) === 39) {
          s += "'";
          this.advance();
          this.advance();
        } else if (single ? c === 39 : c === 34) {
          break;
        } else if (!single && c === 92 && isBreak(this.ch(1))) {
          this.advance();
          this.skipLine();
          leadingBlanks = true;
          break;
        } else if (!single && c === 92) {
          s += this.scanEscape(start);
        } else {
          // Copy a run of ordinary characters at once.
          const from = this.pos;
          this.advance();
          this.skipRun(single ? Run.Single : Run.Double);
          s += this.src.slice(from, this.pos);
        }
      }
      if (this.ch() === (single ? 39 : 34)) break;

      while (isBlank(this.ch()) || isBreak(this.ch())) {
        if (isBlank(this.ch())) {
          if (!leadingBlanks) whitespaces += this.readChar();
          else this.advance();
        } else if (!leadingBlanks) {
          whitespaces = '';
          leadingBreak = this.readLine();
          leadingBlanks = true;
        } else {
          trailingBreaks += this.readLine();
        }
      }
      if (leadingBlanks) {
        if (leadingBreak.startsWith('\n')) {
          s += trailingBreaks.length === 0 ? ' ' : trailingBreaks;
        } else {
          s += leadingBreak + trailingBreaks;
        }
        trailingBreaks = '';
        leadingBreak = '';
      } else {
        s += whitespaces;
        whitespaces = '';
      }
    }
    this.advance();
    const token = this.token(Tok.Scalar, start, this.mark());
    token.value = s;
    token.style = single ? Style.Single : Style.Double;
    return token;
  }

  private scanEscape(start: Mark): string {
    const e = this.ch(1);
    let out = '';
    let codeLength = 0;
    switch (e) {
      case 48: out = '\0'; break; // prettier-ignore
      case 97: out = '\x07'; break; // prettier-ignore
      case 98: out = '\b'; break; // prettier-ignore
      case 116:
      case 9:
        out = '\t';
        break;
      case 110: out = '\n'; break; // prettier-ignore
      case 118: out = '\v'; break; // prettier-ignore
      case 102: out = '\f'; break; // prettier-ignore
      case 114: out = '\r'; break; // prettier-ignore
      case 101: out = '\x1b'; break; // prettier-ignore
      case 32: out = ' '; break; // prettier-ignore
      case 34: out = '"'; break; // prettier-ignore
      case 39: out = "'"; break; // prettier-ignore
      case 92: out = '\\'; break; // prettier-ignore
      case 78: out = '\x85'; break; // prettier-ignore
      case 95: out = '\xa0'; break; // prettier-ignore
      case 76: out = '\u2028'; break; // prettier-ignore
      case 80: out = '\u2029'; break; // prettier-ignore
      case 120: codeLength = 2; break; // prettier-ignore
      case 117: codeLength = 4; break; // prettier-ignore
      case 85: codeLength = 8; break; // prettier-ignore
      default:
        this.fail('while parsing a quoted scalar', start, 'found unknown escape character');
    }
    this.advance();
    this.advance();
    if (codeLength > 0) {
      let value = 0;
      for (let k = 0; k < codeLength; k++) {
        const h = this.ch(k);
        if (!isHex(h)) this.fail('while parsing a quoted scalar', start, 'did not find expected hexdecimal number');
        value = value * 16 + hexValue(h);
      }
      if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) {
        this.fail('while parsing a quoted scalar', start, 'found invalid Unicode character escape code');
      }
      out = String.fromCodePoint(value);
      for (let k = 0; k < codeLength; k++) this.advance();
    }
    return out;
  }

  private scanPlainScalar(): Token {
    let s = '';
    let leadingBreak = '';
    let trailingBreaks = '';
    let whitespaces = '';
    let leadingBlanks = false;
    const indent = this.indent + 1;
    const start = this.mark();
    let end = start;
    for (;;) {
      if (this.atDocumentIndicator()) break;
      if (this.ch() === 35) break;
      while (!isBlankZ(this.ch())) {
        const c = this.ch();
        if ((c === 58 && isBlankZ(this.ch(1))) || (this.flowLevel > 0 && isFlowIndicator(c))) break;
        if (leadingBlanks || whitespaces.length > 0) {
          if (leadingBlanks) {
            if (leadingBreak.startsWith('\n')) {
              s += trailingBreaks.length === 0 ? ' ' : trailingBreaks;
            } else {
              s += leadingBreak + trailingBreaks;
            }
            trailingBreaks = '';
            leadingBreak = '';
            leadingBlanks = false;
          } else {
            s += whitespaces;
            whitespaces = '';
          }
        }
        // Copy a run of ordinary characters at once.
        const from = this.pos;
        this.advance();
        this.skipRun(this.flowLevel > 0 ? Run.PlainFlow : Run.Plain);
        s += this.src.slice(from, this.pos);
        end = this.mark();
      }
      if (!(isBlank(this.ch()) || isBreak(this.ch()))) break;
      while (isBlank(this.ch()) || isBreak(this.ch())) {
        if (isBlank(this.ch())) {
          if (leadingBlanks && this.column < indent && this.ch() === 9) {
            this.fail('while scanning a plain scalar', start, 'found a tab character that violates indentation');
          }
          if (!leadingBlanks) whitespaces += this.readChar();
          else this.advance();
        } else if (!leadingBlanks) {
          whitespaces = '';
          leadingBreak = this.readLine();
          leadingBlanks = true;
        } else {
          trailingBreaks += this.readLine();
        }
      }
      if (this.flowLevel === 0 && this.column < indent) break;
    }
    const token = this.token(Tok.Scalar, start, end);
    token.value = s;
    if (leadingBlanks) this.simpleKeyAllowed = true;
    return token;
  }
}

function isFlowIndicator(c: number): boolean {
  return c === 44 || c === 63 || c === 91 || c === 93 || c === 123 || c === 125;
}

function utf8Width(octet: number): number {
  if ((octet & 0x80) === 0) return 1;
  if ((octet & 0xe0) === 0xc0) return 2;
  if ((octet & 0xf0) === 0xe0) return 3;
  if ((octet & 0xf8) === 0xf0) return 4;
  return 0;
}

/** Decodes UTF-8 bytes, each invalid byte becoming U+FFFD (as Go's encoding/json renders them). */
export function decodeUtf8(bytes: readonly number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const w = utf8Width(b);
    let cp = -1;
    if (w === 1) cp = b;
    else if (w > 1 && i + w <= bytes.length) {
      cp = b & (0xff >> (w + 1));
      for (let k = 1; k < w; k++) {
        const t = bytes[i + k];
        if ((t & 0xc0) !== 0x80) {
          cp = -1;
          break;
        }
        cp = (cp << 6) | (t & 0x3f);
      }
      const min = w === 2 ? 0x80 : w === 3 ? 0x800 : 0x10000;
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = -1;
    }
    if (cp < 0) {
      out += '\ufffd';
      i++;
    } else {
      out += String.fromCodePoint(cp);
      i += w;
    }
  }
  return out;
}
