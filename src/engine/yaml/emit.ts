// `kubectl get -o yaml` output: the object goes through json.Marshal, then sigs.k8s.io/yaml's
// JSONToYAML (go-yaml v2 Unmarshal + Marshal). This writer reproduces go-yaml v2's emitter for what
// that pipeline feeds it: block mappings with keys in go-yaml's order, sequences not indented under
// their key, `{}` and `[]` for empty collections, and scalars quoted, folded at 80 columns and
// escaped exactly as its analyze_scalar / write_*_scalar functions decide.

import { decodeYaml } from './decode.ts';
import { UnsupportedValueError, goYamlNumber } from './goformat.ts';
import { goJsonString } from './json.ts';
import { sortYamlKeys } from './keyorder.ts';
import { resolvesToString } from './resolve.ts';
import { setKey } from './types.ts';
import type { JsonObject, JsonValue } from './types.ts';

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

/** `kubectl get -o yaml` fails outright on some strings; this carries its message. */
export class YamlOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'YamlOutputError';
  }
}

/** What kubectl prints for one object with `-o yaml`. Throws YamlOutputError where kubectl fails. */
export function toYaml(value: unknown): string {
  return new Emitter().document(value);
}

/** Several objects as the YAML printer separates them: `---` before every object but the first. */
export function toYamlDocuments(values: readonly unknown[]): string {
  return values.map(toYaml).join('---\n');
}

const Style = { Plain: 1, Single: 2, Double: 3, Literal: 4 } as const;
type Style = (typeof Style)[keyof typeof Style];

interface Analysis {
  multiline: boolean;
  flowPlainAllowed: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

type Frame =
  | { kind: 'seq'; items: readonly unknown[]; i: number }
  | { kind: 'map'; obj: Record<string, unknown>; keys: string[]; i: number };

const isBreak = (c: number): boolean => c === 10 || c === 13 || c === 0x85 || c === 0x2028 || c === 0x2029;
const isBlank = (c: number): boolean => c === 32 || c === 9;

/** go-yaml's is_printable, by code point: astral characters count as unprintable (they get \U escapes). */
function isPrintable(c: number): boolean {
  return (
    c === 0x0a ||
    (c >= 0x20 && c <= 0x7e) ||
    (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff)
  );
}

// Characters json.Marshal leaves raw that go-yaml's reader then refuses (DEL, C1 controls but NEL,
// U+FFFE, U+FFFF): kubectl -o yaml fails on them.
const REFUSED = /[\x7f-\x84\x86-\x9f\ufffe\uffff]/;

/**
 * A string as go-yaml reads it back from json.Marshal's output. Lone surrogates became U+FFFD, and
 * a raw NEL (U+0085, which JSON does not escape) is a line break inside a YAML quoted scalar, so it
 * folds like one: re-reading the JSON text with our go-yaml scanner gives exactly that.
 */
function viaJson(s: string): string {
  let t = s;
  if (/[\ud800-\udfff]/.test(t)) {
    t = t.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  }
  if (REFUSED.test(t)) throw new YamlOutputError('yaml: control characters are not allowed');
  if (t.includes('\x85')) t = decodeYaml(goJsonString(t)).value as string;
  return t;
}

/** yaml_emitter_analyze_scalar: which styles can carry this text unchanged. */
function analyzeScalar(value: string): Analysis {
  if (value.length === 0) {
    return {
      multiline: false,
      flowPlainAllowed: false,
      blockPlainAllowed: true,
      singleQuotedAllowed: true,
      blockAllowed: false,
    };
  }
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let specialCharacters = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  if (value.startsWith('---') || value.startsWith('...')) {
    blockIndicators = true;
    flowIndicators = true;
  }
  let precededByWhitespace = true;
  const n = value.length;
  for (let i = 0; i < n; ) {
    const c = value.codePointAt(i) as number;
    const w = c > 0xffff ? 2 : 1;
    const last = i + w >= n;
    const followedByWhitespace = last || isBlank(value.charCodeAt(i + w));
    if (i === 0) {
      switch (c) {
        case 35: case 44: case 91: case 93: case 123: case 125: case 38: case 42: // prettier-ignore
        case 33: case 124: case 62: case 39: case 34: case 37: case 64: case 96: // prettier-ignore
          flowIndicators = true;
          blockIndicators = true;
          break;
        case 63: // ?
        case 58: // :
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
          break;
        case 45: // -
          if (followedByWhitespace) {
            flowIndicators = true;
            blockIndicators = true;
          }
          break;
      }
    } else {
      switch (c) {
        case 44: case 63: case 91: case 93: case 123: case 125: // prettier-ignore
          flowIndicators = true;
          break;
        case 58:
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
          break;
        case 35:
          if (precededByWhitespace) {
            flowIndicators = true;
            blockIndicators = true;
          }
          break;
      }
    }
    if (!isPrintable(c)) specialCharacters = true;
    if (c === 32) {
      if (i === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlank(c) || isBreak(c) || c === 0;
    i += w;
  }
  const a: Analysis = {
    multiline: lineBreaks,
    flowPlainAllowed: true,
    blockPlainAllowed: true,
    singleQuotedAllowed: true,
    blockAllowed: true,
  };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
  }
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || specialCharacters) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
  }
  if (flowIndicators) a.flowPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

/** go-yaml's double-quoted escape for one code point. */
function escapeChar(c: number): string {
  switch (c) {
    case 0x00: return '0'; // prettier-ignore
    case 0x07: return 'a'; // prettier-ignore
    case 0x08: return 'b'; // prettier-ignore
    case 0x09: return 't'; // prettier-ignore
    case 0x0a: return 'n'; // prettier-ignore
    case 0x0b: return 'v'; // prettier-ignore
    case 0x0c: return 'f'; // prettier-ignore
    case 0x0d: return 'r'; // prettier-ignore
    case 0x1b: return 'e'; // prettier-ignore
    case 0x22: return '"'; // prettier-ignore
    case 0x5c: return '\\'; // prettier-ignore
    case 0x85: return 'N'; // prettier-ignore
    case 0xa0: return '_'; // prettier-ignore
    case 0x2028: return 'L'; // prettier-ignore
    case 0x2029: return 'P'; // prettier-ignore
  }
  const hex = c.toString(16).toUpperCase();
  if (c <= 0xff) return `x${hex.padStart(2, '0')}`;
  if (c <= 0xffff) return `u${hex.padStart(4, '0')}`;
  return `U${hex.padStart(8, '0')}`;
}

function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** The parts of go-yaml v2's emitter state machine that JSON-shaped input can reach. */
class Emitter {
  // Finished lines, joined once at the end, and the line being written: appending millions of
  // pieces to one string builds a deep rope the garbage collector then spends its time on.
  private readonly lines: string[] = [];
  private line = '';
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;
  private readonly indents: number[] = [];
  private mappingContext = false;
  private simpleKeyContext = false;

  document(value: unknown): string {
    const stack: Frame[] = [];
    this.node(value, stack, false, false);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (frame.kind === 'seq') {
        if (frame.i < frame.items.length) {
          this.writeIndent();
          this.writeIndicator('-', true, false, true);
          const item = frame.items[frame.i++];
          this.node(item === undefined || typeof item === 'function' ? null : item, stack, false, false);
        } else {
          this.indent = this.indents.pop() as number;
          stack.pop();
        }
      } else if (frame.i < frame.keys.length) {
        const key = frame.keys[frame.i++];
        this.writeIndent();
        if (isSimpleKey(key)) {
          this.mappingContext = true;
          this.simpleKeyContext = true;
          this.string(key);
          this.writeIndicator(':', false, false, false);
        } else {
          // Multi-line keys and keys over 128 bytes take YAML's explicit "? key" form.
          this.writeIndicator('?', true, false, true);
          this.mappingContext = true;
          this.simpleKeyContext = false;
          this.string(key);
          this.writeIndent();
          this.writeIndicator(':', true, false, true);
        }
        this.node(frame.obj[key], stack, true, false);
      } else {
        this.indent = this.indents.pop() as number;
        stack.pop();
      }
    }
    this.writeIndent(); // document end
    this.lines.push(this.line);
    return this.lines.join('');
  }

  /** emit_node: a scalar is written now; a collection opens a frame. */
  private node(value: unknown, stack: Frame[], mapping: boolean, simpleKey: boolean): void {
    this.mappingContext = mapping;
    this.simpleKeyContext = simpleKey;
    if (value === null || value === undefined) return this.plain('null');
    switch (typeof value) {
      case 'string':
        return this.string(viaJson(value));
      case 'boolean':
        return this.plain(value ? 'true' : 'false');
      case 'number':
        if (!Number.isFinite(value)) throw new UnsupportedValueError(value);
        return this.plain(goYamlNumber(value));
      case 'bigint':
        return this.plain(goYamlNumber(value));
    }
    if (Array.isArray(value)) {
      if (value.length === 0) return this.emptyCollection('[', ']');
      this.increaseIndent(false, this.mappingContext && !this.indention);
      stack.push({ kind: 'seq', items: value, i: 0 });
      return;
    }
    const source = value as Record<string, unknown>;
    // Keys are read back from JSON like values; a key changed by that gets its value under the new name.
    const obj: JsonObject = {};
    for (const k of Object.keys(source)) {
      const v = source[k];
      if (v !== undefined && typeof v !== 'function') setKey(obj, viaJson(k), v as JsonValue);
    }
    const keys = sortYamlKeys(Object.keys(obj));
    if (keys.length === 0) return this.emptyCollection('{', '}');
    this.increaseIndent(false, false);
    stack.push({ kind: 'map', obj, keys, i: 0 });
  }

  private emptyCollection(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.writeIndicator(close, false, false, false);
  }

  /** encoder.stringv + select_scalar_style + process_scalar. */
  private string(value: string): void {
    let style: Style = value.includes('\n')
      ? Style.Literal
      : resolvesToString(value)
        ? Style.Plain
        : Style.Double;
    const a = analyzeScalar(value);
    if (this.simpleKeyContext && a.multiline) style = Style.Double;
    if (style === Style.Plain) {
      if (!a.blockPlainAllowed) style = Style.Single;
      if (value.length === 0 && this.simpleKeyContext) style = Style.Single;
    }
    if (style === Style.Single && !a.singleQuotedAllowed) style = Style.Double;
    if (style === Style.Literal && (!a.blockAllowed || this.simpleKeyContext)) style = Style.Double;

    this.increaseIndent(true, false);
    const allowBreaks = !this.simpleKeyContext;
    if (style === Style.Plain) this.writePlain(value, allowBreaks);
    else if (style === Style.Single) this.writeSingleQuoted(value, allowBreaks);
    else if (style === Style.Double) this.writeDoubleQuoted(value, allowBreaks);
    else this.writeLiteral(value);
    this.indent = this.indents.pop() as number;
  }

  /** A scalar known to be plain-safe (numbers, booleans, null). */
  private plain(text: string): void {
    if (!this.whitespace) this.put(' ');
    this.put(text);
    this.whitespace = false;
    this.indention = false;
  }

  // --- low-level writing (put, put_break, write_indent, write_indicator) ---

  private put(s: string): void {
    this.line += s;
    this.column += s.length;
  }

  private putBreak(): void {
    this.lines.push(`${this.line}\n`);
    this.line = '';
    this.column = 0;
  }

  private writeBreak(c: string): void {
    if (c === '\n') this.putBreak();
    else {
      this.lines.push(this.line + c);
      this.line = '';
      this.column = 0;
    }
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    if (this.column < indent) this.put(' '.repeat(indent - this.column));
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  // --- scalar styles ---

  private writePlain(value: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    // Only a space past column 80 can change anything: copy the text between spaces in one go.
    let spaces = false;
    let i = 0;
    while (i < value.length) {
      if (value.charCodeAt(i) === 32) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && value.charCodeAt(i + 1) !== 32) {
          this.writeIndent();
        } else {
          this.put(' ');
        }
        spaces = true;
        i++;
      } else {
        let j = value.indexOf(' ', i);
        if (j < 0) j = value.length;
        this.put(value.slice(i, j));
        this.indention = false;
        spaces = false;
        i = j;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(value: string, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    const last = value.length - 1;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c === 32) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== last && value.charCodeAt(i + 1) !== 32) {
          this.writeIndent();
        } else {
          this.put(' ');
        }
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 10) this.putBreak();
        this.writeBreak(value[i]);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === 39) this.put("'");
        this.put(value[i]);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(value: string, allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    // go-yaml's is_bom looks at the start of the value, not the current character: a value that
    // begins with a byte order mark has every character escaped.
    const bom = value.charCodeAt(0) === 0xfeff;
    let spaces = false;
    const last = value.length - 1;
    for (let i = 0; i < value.length; ) {
      const c = value.codePointAt(i) as number;
      const w = c > 0xffff ? 2 : 1;
      if (!isPrintable(c) || bom || isBreak(c) || c === 34 || c === 92) {
        this.put(`\\${escapeChar(c)}`);
        spaces = false;
      } else if (c === 32) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== last) {
          this.writeIndent();
          if (value.charCodeAt(i + 1) === 32) this.put('\\');
        } else {
          this.put(' ');
        }
        spaces = true;
      } else {
        this.put(value.slice(i, i + w));
        spaces = false;
      }
      i += w;
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(value: string): void {
    this.writeIndicator('|', true, false, false);
    // Block scalar hints: an indentation indicator when the text starts with a space or a break,
    // and the chomping indicator that keeps its trailing line breaks exact.
    const first = value.charCodeAt(0);
    if (first === 32 || isBreak(first)) this.writeIndicator(String(BEST_INDENT), false, false, false);
    const n = value.length;
    let chomp = '';
    if (!isBreak(value.charCodeAt(n - 1))) chomp = '-';
    else if (n === 1 || isBreak(value.charCodeAt(n - 2))) chomp = '+';
    if (chomp !== '') this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    let i = 0;
    while (i < n) {
      const c = value.charCodeAt(i);
      if (isBreak(c)) {
        this.writeBreak(value[i]);
        this.indention = true;
        breaks = true;
        i++;
      } else {
        if (breaks) this.writeIndent();
        let j = i + 1;
        while (j < n && !isBreak(value.charCodeAt(j))) j++;
        this.put(value.slice(i, j));
        this.indention = false;
        breaks = false;
        i = j;
      }
    }
  }
}

/** check_simple_key for a string key: one line, at most 128 bytes. */
function isSimpleKey(key: string): boolean {
  if (key.length > 128) return false;
  if (/[\n\r\u0085\u2028\u2029]/.test(key)) return false;
  return utf8Bytes(key) <= 128;
}
