// Reading a JSON manifest stream as kubectl does when a file starts with '{': encoding/json's
// Decoder, value after value, with its scanner's exact syntax errors ("invalid character '}'
// looking for beginning of object key string") and byte offsets, then kubectl's int-preserving
// decoding of numbers (int64 when the literal is an integer that fits, float64 otherwise).

import { intValue } from './resolve.ts';
import { setKey } from './types.ts';
import type { JsonObject, JsonValue } from './types.ts';

export interface JsonStreamValue {
  value: JsonValue;
  /** Index in the text where the value starts. */
  start: number;
}

export class JsonStreamError extends Error {
  constructor(
    /** encoding/json's own words, e.g. `invalid character 'x' looking for beginning of value`, or `unexpected EOF`. */
    readonly problem: string,
    /** json.SyntaxError's Offset (bytes read, including the bad one); undefined for unexpected EOF. */
    readonly offset: number | undefined,
    /** Index in the text of the offending character. */
    readonly at: number,
    /** A number no float64 holds: kubectl fails later, when it decodes the object. */
    readonly unmarshal = false,
  ) {
    super(problem);
    this.name = 'JsonStreamError';
  }
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHex = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** Decodes the JSON values in `text`, in order, up to the first problem. */
export function decodeJsonStream(text: string): { values: JsonStreamValue[]; error?: JsonStreamError } {
  const values: JsonStreamValue[] = [];
  let pos = 0;
  for (;;) {
    while (isSpace(text.charCodeAt(pos))) pos++;
    if (pos >= text.length) return { values };
    const reader = new ValueReader(text, pos);
    try {
      values.push({ value: reader.read(), start: pos });
    } catch (e) {
      if (e instanceof JsonStreamError) return { values, error: e };
      throw e;
    }
    pos = reader.pos;
  }
}

const SIMPLE_ESCAPES = new Map<number, string>([
  [34, '"'],
  [92, '\\'],
  [47, '/'],
  [98, '\b'],
  [102, '\f'],
  [110, '\n'],
  [114, '\r'],
  [116, '\t'],
]);

type Container = { arr: JsonValue[] } | { obj: JsonObject; key: string | undefined };

class ValueReader {
  pos: number;
  private readonly text: string;

  constructor(text: string, pos: number) {
    this.text = text;
    this.pos = pos;
  }

  private c(): number {
    return this.text.charCodeAt(this.pos);
  }

  private fail(context: string): never {
    if (this.pos >= this.text.length) throw new JsonStreamError('unexpected EOF', undefined, this.pos);
    const at = this.pos;
    const offset = utf8Length(this.text, 0, at) + 1;
    throw new JsonStreamError(`invalid character ${quoteChar(this.text, at)} ${context}`, offset, at);
  }

  private skipSpace(): void {
    while (isSpace(this.c())) this.pos++;
  }

  /** Reads one value; containers are kept on an explicit stack (no recursion). */
  read(): JsonValue {
    const stack: Container[] = [];
    for (;;) {
      // --- a value is expected here ---
      this.skipSpace();
      const ch = this.c();
      let value: JsonValue;
      if (ch === 123 /* { */) {
        this.pos++;
        this.skipSpace();
        if (this.c() === 125) {
          this.pos++;
          value = {};
        } else {
          if (this.c() !== 34) this.fail('looking for beginning of object key string');
          stack.push({ obj: {}, key: this.readKey() });
          continue;
        }
      } else if (ch === 91 /* [ */) {
        this.pos++;
        this.skipSpace();
        if (this.c() === 93) {
          this.pos++;
          value = [];
        } else {
          stack.push({ arr: [] });
          continue;
        }
      } else {
        if (ch === 34) value = this.readString();
        else if (ch === 45 || isDigit(ch)) value = this.readNumber();
        else if (ch === 116) value = this.readLiteral('true', true);
        else if (ch === 102) value = this.readLiteral('false', false);
        else if (ch === 110) value = this.readLiteral('null', null);
        else this.fail('looking for beginning of value');
      }

      // --- a value is complete: hand it to its container, closing containers as they end ---
      for (;;) {
        const top = stack[stack.length - 1];
        // A top-level value ends here; whatever follows is the next Decode's business (stateEndTop
        // defers its complaint, and the Decoder resets the scanner in between).
        if (top === undefined) return value;
        if ('arr' in top) top.arr.push(value);
        else setKey(top.obj, top.key as string, value);
        this.skipSpace();
        const sep = this.c();
        if ('arr' in top) {
          if (sep === 44) {
            this.pos++;
            break;
          }
          if (sep !== 93) this.fail('after array element');
          this.pos++;
          stack.pop();
          value = top.arr;
        } else {
          if (sep === 44) {
            this.pos++;
            this.skipSpace();
            if (this.c() !== 34) this.fail('looking for beginning of object key string');
            top.key = this.readKey();
            break;
          }
          if (sep !== 125) this.fail('after object key:value pair');
          this.pos++;
          stack.pop();
          value = top.obj;
        }
      }
    }
  }

  private readKey(): string {
    const key = this.readString();
    this.skipSpace();
    if (this.c() !== 58) this.fail('after object key');
    this.pos++;
    return key;
  }

  private readString(): string {
    this.pos++; // opening quote
    let out = '';
    let runStart = this.pos;
    for (;;) {
      const c = this.c();
      if (c === 34) {
        out += this.text.slice(runStart, this.pos);
        this.pos++;
        return out;
      }
      if (Number.isNaN(c)) this.fail('in string literal');
      if (c < 0x20) this.fail('in string literal');
      if (c === 92) {
        out += this.text.slice(runStart, this.pos);
        out += this.readEscape();
        runStart = this.pos;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        // A lone surrogate is invalid UTF-8 to Go, which decodes it as U+FFFD.
        const pair = c <= 0xdbff && this.text.charCodeAt(this.pos + 1) >= 0xdc00 && this.text.charCodeAt(this.pos + 1) <= 0xdfff;
        if (!pair) {
          out += `${this.text.slice(runStart, this.pos)}\ufffd`;
          this.pos++;
          runStart = this.pos;
          continue;
        }
        this.pos++;
      }
      this.pos++;
    }
  }

  private readEscape(): string {
    this.pos++; // backslash
    const e = this.c();
    const simple = SIMPLE_ESCAPES.get(e);
    if (simple !== undefined) {
      this.pos++;
      return simple;
    }
    if (e !== 117) this.fail('in string escape code');
    this.pos++;
    const first = this.readHex4();
    if (first >= 0xd800 && first <= 0xdbff && this.c() === 92 && this.text.charCodeAt(this.pos + 1) === 117) {
      const save = this.pos;
      this.pos += 2;
      const second = this.readHex4();
      if (second >= 0xdc00 && second <= 0xdfff) return String.fromCharCode(first, second);
      this.pos = save; // not a pair: the second escape is read on its own
      return '\ufffd';
    }
    return first >= 0xd800 && first <= 0xdfff ? '\ufffd' : String.fromCharCode(first);
  }

  private readHex4(): number {
    let v = 0;
    for (let k = 0; k < 4; k++) {
      const h = this.c();
      if (!isHex(h)) this.fail('in \\u hexadecimal character escape');
      v = v * 16 + parseInt(String.fromCharCode(h), 16);
      this.pos++;
    }
    return v;
  }

  private readNumber(): JsonValue {
    const start = this.pos;
    let integer = true;
    if (this.c() === 45) {
      this.pos++;
      if (!isDigit(this.c())) this.fail('in numeric literal');
    }
    if (this.c() === 48) this.pos++;
    else while (isDigit(this.c())) this.pos++;
    if (this.c() === 46) {
      integer = false;
      this.pos++;
      if (!isDigit(this.c())) this.fail('after decimal point in numeric literal');
      while (isDigit(this.c())) this.pos++;
    }
    if (this.c() === 101 || this.c() === 69) {
      integer = false;
      this.pos++;
      if (this.c() === 43 || this.c() === 45) this.pos++;
      if (!isDigit(this.c())) this.fail('in exponent of numeric literal');
      while (isDigit(this.c())) this.pos++;
    }
    const literal = this.text.slice(start, this.pos);
    if (integer) {
      if (literal.length <= 15) return Number(literal) || 0;
      const b = BigInt(literal);
      if (b >= -(1n << 63n) && b < 1n << 63n) return intValue(b);
    }
    const f = Number(literal);
    if (!Number.isFinite(f)) {
      throw new JsonStreamError(`json: cannot unmarshal number ${literal} into Go value of type float64`, undefined, start, true);
    }
    return f;
  }

  private readLiteral(word: string, value: JsonValue): JsonValue {
    for (let i = 0; i < word.length; i++) {
      if (this.c() !== word.charCodeAt(i)) this.fail(`in literal ${word} (expecting '${word[i]}')`);
      this.pos++;
    }
    return value;
  }
}

/** Bytes that text[from, to) takes in UTF-8. */
export function utf8Length(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Go's quoteChar for the first UTF-8 byte of the character at `at`. */
function quoteChar(text: string, at: number): string {
  const cp = text.codePointAt(at) as number;
  if (cp === 39) return "'\\''";
  if (cp === 34) return `'"'`;
  // Go looks at one byte; a multi-byte character shows as its lead byte read as Latin-1.
  const b = cp < 0x80 ? cp : cp < 0x800 ? 0xc0 | (cp >> 6) : cp < 0x10000 ? 0xe0 | (cp >> 12) : 0xf0 | (cp >> 18);
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v', 92: '\\\\' };
  if (b in named) return `'${named[b]}'`;
  if (b < 0x20 || b === 0x7f) return `'\\x${b.toString(16).padStart(2, '0')}'`;
  if ((b >= 0x80 && b < 0xa0) || b === 0xad) return `'\\u00${b.toString(16).padStart(2, '0')}'`;
  return `'${String.fromCharCode(b)}'`;
}
