// kubectl's JSONPath: a port of the behaviour of k8s.io/client-go/util/jsonpath
// (parser.go, jsonpath.go) and of the Go printing rules its output goes through
// (fmt's %v, encoding/json, fmt's %#v for error messages).
//
// Values are plain JSON values, read the way kubectl reads an unstructured object:
// integral numbers are Go int64, others float64. Where Go would visit map keys in
// random order (wildcards, recursive descent), keys are visited sorted instead, so
// that output is deterministic.

// ---------------------------------------------------------------------------
// Parse tree

export interface ListNode {
  readonly type: 'list';
  readonly nodes: Node[];
}

export interface ArrayParam {
  value: number;
  known: boolean;
  /** The end index was not written ("[n]") and was derived as start + 1. */
  derived: boolean;
}

export type Node =
  | ListNode
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'field'; readonly name: string }
  | { readonly type: 'identifier'; readonly name: string }
  | { readonly type: 'array'; readonly params: readonly [ArrayParam, ArrayParam, ArrayParam] }
  | { readonly type: 'filter'; readonly left: ListNode; readonly right: ListNode; readonly operator: string }
  | { readonly type: 'int'; readonly value: number }
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'wildcard' }
  | { readonly type: 'recursive' }
  | { readonly type: 'union'; readonly nodes: ListNode[] };

export interface JsonPath {
  readonly template: string;
  readonly root: ListNode;
}

/** A parse or execution error, with client-go's message. */
export class JsonPathError extends Error {
  /** What Go's function returned alongside the error (filters with "exists" look at it). */
  readonly partial: readonly unknown[];
  constructor(message: string, partial: readonly unknown[] = []) {
    super(message);
    this.name = 'JsonPathError';
    this.partial = partial;
  }
}

/** An error message exactly as kubectl prints it after "error: ". */
export class KubectlPrintError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubectlPrintError';
  }
}

// ---------------------------------------------------------------------------
// Parser (client-go util/jsonpath/parser.go)

const EOF = -1;
const list = (): ListNode => ({ type: 'list', nodes: [] });
const SLICE_OPERATOR = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
const DICT_KEY = /^'([^']*)'$/;
// Go's '.' matches anything but '\n'; JS's would also stop at '\r', U+2028 and U+2029.
const FILTER_EXPR = /^([^!<>=]+)([!<>=]+)([^\n]+?)$/;
const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

export function parseJsonPath(template: string): JsonPath {
  return { template, root: new Parser(template).parse() };
}

class Parser {
  private pos = 0;
  private start = 0;
  private width = 0;
  private readonly root: ListNode = list();

  constructor(private readonly input: string) {}

  parse(): ListNode {
    // Go's parser is a chain of tail calls; here it is one loop over two modes.
    let cur: ListNode | null = null; // the action being parsed, null while in text
    for (;;) {
      if (cur === null) {
        if (!this.scanText()) return this.root;
        cur = list();
        this.root.nodes.push(cur);
      } else if (this.input.startsWith('}', this.pos)) {
        this.pos += 1;
        this.consumeText();
        cur = null;
      } else {
        this.parseInsideAction(cur);
      }
    }
  }

  // Text up to the next '{'; returns false at the end of the input.
  private scanText(): boolean {
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) this.root.nodes.push({ type: 'text', text: this.consumeText() });
        this.pos += 1;
        this.consumeText();
        return true;
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) this.root.nodes.push({ type: 'text', text: this.consumeText() });
    return false;
  }

  private parseInsideAction(cur: ListNode): void {
    if (this.input.startsWith('[?(', this.pos)) return this.parseFilter(cur);
    if (this.input.startsWith('..', this.pos)) return this.parseRecursive(cur);
    const r = this.next();
    if (r === EOF || r === 0x0d || r === 0x0a) throw new JsonPathError('unclosed action');
    if (r === 0x20 || r === 0x40 /* @ */ || r === 0x24 /* $ */) {
      this.consumeText(); // spaces and the current object are just passed over
      return;
    }
    if (r === 0x5b /* [ */) return this.parseArray(cur);
    if (r === 0x22 || r === 0x27) return this.parseQuote(cur, r);
    if (r === 0x2e /* . */) return this.parseField(cur);
    if (r === 0x2b || r === 0x2d || isDigit(r)) {
      this.backup();
      return this.parseNumber(cur);
    }
    if (isAlphaNumeric(r)) {
      this.backup();
      return this.parseIdentifier(cur);
    }
    throw new JsonPathError(`unrecognized character in action: ${formatRuneU(r)}`);
  }

  private parseIdentifier(cur: ListNode): void {
    while (!isTerminator(this.next()));
    this.backup();
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'bool', value: value === 'true' });
    else cur.nodes.push({ type: 'identifier', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last !== undefined && last.type === 'recursive') {
      throw new JsonPathError('invalid multiple recursive descent');
    }
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ type: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    const sign = this.peek();
    if (sign === 0x2b || sign === 0x2d) this.next();
    for (;;) {
      const r = this.next();
      if (r !== 0x2e && !isDigit(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    const int = goAtoi(value);
    if (int !== undefined) {
      cur.nodes.push({ type: 'int', value: int });
      return;
    }
    const float = goParseFloat(value);
    if (float !== undefined) {
      cur.nodes.push({ type: 'float', value: float });
      return;
    }
    throw new JsonPathError(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JsonPathError('unterminated array');
      if (r === 0x5d /* ] */) break;
    }
    let text = this.consumeText().slice(1, -1);
    if (text === '*') text = ':';

    const parts = text.split(',');
    if (parts.length > 1) {
      const nodes = parts.map((part) => parseAction(`[${trimSpaces(part)}]`));
      cur.nodes.push({ type: 'union', nodes });
      return;
    }

    // ['key'] is read as the field path .key — so ['a.b'] is the two fields a and b.
    const dict = DICT_KEY.exec(text);
    if (dict) {
      cur.nodes.push(...parseAction(`.${dict[1]}`).nodes);
      return;
    }

    const slice = SLICE_OPERATOR.exec(text);
    if (!slice) throw new JsonPathError(`invalid array index ${text}`);
    const params: [ArrayParam, ArrayParam, ArrayParam] = [
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
    ];
    for (let i = 0; i < 3; i++) {
      let part = slice[i + 1] ?? '';
      if (part !== '') {
        if (i > 0) part = part.slice(1);
        if (i > 0 && part === '') continue; // "[1:]" leaves the end unknown
        const n = goAtoi(part);
        if (n === undefined) throw new JsonPathError(`array index ${part} is not a number`);
        params[i] = { value: n, known: true, derived: false };
      } else if (i === 1) {
        params[1] = { value: params[0].value + 1, known: true, derived: true };
      }
    }
    cur.nodes.push({ type: 'array', params });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = 0;
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JsonPathError('unterminated filter');
      if (r === 0x22 || r === 0x27) {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === 0x29 /* ) */ && begin === end) {
        break;
      }
    }
    if (this.next() !== 0x5d) throw new JsonPathError('unclosed array expect ]');
    const text = this.consumeText().slice(0, -2);
    const m = FILTER_EXPR.exec(text);
    if (!m) {
      cur.nodes.push({ type: 'filter', left: parseAction(text), right: list(), operator: 'exists' });
    } else {
      cur.nodes.push({ type: 'filter', left: parseAction(m[1]), right: parseAction(m[3]), operator: m[2] });
    }
  }

  private parseQuote(cur: ListNode, quote: number): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JsonPathError('unterminated quoted string');
      if (r === quote && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    const text = unquoteExtend(value);
    if (text === undefined) throw new JsonPathError(`unquote string ${value} error invalid syntax`);
    cur.nodes.push({ type: 'text', text });
  }

  private parseField(cur: ListNode): void {
    this.consumeText();
    while (this.advance());
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ type: 'wildcard' });
    else cur.nodes.push({ type: 'field', name: value.replaceAll('\\', '') });
  }

  // Scans to the next terminator that is not escaped by a backslash.
  private advance(): boolean {
    const r = this.next();
    if (r === 0x5c) {
      this.next();
    } else if (isTerminator(r)) {
      this.backup();
      return false;
    }
    return true;
  }

  private consumeText(): string {
    const value = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return value;
  }

  private next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos) ?? EOF;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }

  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }
}

// Parses "{text}" on its own and returns the action's list (Go's parseAction).
function parseAction(text: string): ListNode {
  const root = new Parser(`{${text}}`).parse();
  return root.nodes[0] as ListNode;
}

function isTerminator(r: number): boolean {
  switch (r) {
    case EOF:
    case 0x20: // space
    case 0x09: // tab
    case 0x0d:
    case 0x0a:
    case 0x2e: // .
    case 0x2c: // ,
    case 0x5b: // [
    case 0x5d: // ]
    case 0x24: // $
    case 0x40: // @
    case 0x7b: // {
    case 0x7d: // }
      return true;
    default:
      return false;
  }
}

function isDigit(r: number): boolean {
  if (r >= 0x30 && r <= 0x39) return true;
  return r > 0x7f && DIGIT.test(String.fromCodePoint(r));
}

function isAlphaNumeric(r: number): boolean {
  if (r === EOF) return false;
  if (r === 0x5f || (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a)) return true;
  if (r <= 0x7f) return false;
  const ch = String.fromCodePoint(r);
  return LETTER.test(ch) || DIGIT.test(ch);
}

function trimSpaces(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s[a] === ' ') a++;
  while (b > a && s[b - 1] === ' ') b--;
  return s.slice(a, b);
}

/** Go's %#U: "U+0021 '!'"; the character is left out when it is not printable. */
function formatRuneU(r: number): string {
  const hex = `U+${r.toString(16).toUpperCase().padStart(4, '0')}`;
  const ch = String.fromCodePoint(r);
  return PRINTABLE.test(ch) ? `${hex} '${ch}'` : hex;
}

const INT64_MAX = (1n << 63n) - 1n;

/** strconv.Atoi on a 64-bit platform; undefined where Go returns an error. */
function goAtoi(s: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  if (n > INT64_MAX || n < -INT64_MAX - 1n) return undefined;
  return Number(n);
}

/** strconv.ParseFloat for the digits-and-points text parseNumber collects. */
function goParseFloat(s: string): number | undefined {
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

// strconv.UnquoteChar semantics over a quoted literal with ' or " quotes.
function unquoteExtend(s: string): string | undefined {
  if (s.length < 2) return undefined;
  const quote = s[0];
  if (quote !== s[s.length - 1] || (quote !== '"' && quote !== "'")) return undefined;
  const body = s.slice(1, -1);
  if (!body.includes('\\') && !body.includes(quote)) return body;
  let out = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c === quote) return undefined;
    if (c !== '\\') {
      const cp = body.codePointAt(i) ?? 0;
      const ch = String.fromCodePoint(cp);
      out += ch;
      i += ch.length;
      continue;
    }
    if (i + 1 >= body.length) return undefined;
    const e = body[i + 1];
    i += 2;
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i, i + n);
      if (hex.length < n || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
      i += n;
      const v = parseInt(hex, 16);
      if (e !== 'x' && (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))) return undefined;
      out += String.fromCodePoint(v); // \xNN above 0x7f is a raw byte in Go; here it is U+00NN
      continue;
    }
    if (e >= '0' && e <= '7') {
      const oct = e + body.slice(i, i + 2);
      if (!/^[0-7]{3}$/.test(oct)) return undefined;
      i += 2;
      const v = parseInt(oct, 8);
      if (v > 255) return undefined;
      out += String.fromCharCode(v);
      continue;
    }
    if (e === '\\') {
      out += '\\';
      continue;
    }
    if ((e === "'" || e === '"') && e === quote) {
      out += e;
      continue;
    }
    return undefined;
  }
  return out;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

// ---------------------------------------------------------------------------
// Values as Go sees them

/** A float64 literal from the template ("{1.0}"), distinct from an int. */
export class GoFloat {
  constructor(readonly value: number) {}
}

/** A byte of a string: Go indexes strings bytewise, so "{.name.*}" yields uint8s. */
export class GoByte {
  constructor(readonly value: number) {}
}

/** Go's zero reflect.Value, which FindResults(nil) walks from. */
export const INVALID: unique symbol = Symbol('invalid reflect.Value');

export type GoKind = 'invalid' | 'nil' | 'bool' | 'int' | 'uint8' | 'float' | 'string' | 'map' | 'slice';

const TWO_63 = 2 ** 63;

/** The dynamic Go kind of a value read from an unstructured object. */
export function goValueKind(v: unknown): GoKind {
  if (v === INVALID) return 'invalid';
  if (v === null || v === undefined) return 'nil';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      // Decoding JSON into unstructured gives int64 for integers that fit, float64 otherwise.
      return Number.isInteger(v) && Math.abs(v) < TWO_63 ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'string':
      return 'string';
    default:
      if (v instanceof GoFloat) return 'float';
      if (v instanceof GoByte) return 'uint8';
      return Array.isArray(v) ? 'slice' : 'map';
  }
}

/** The Go type name a kind of value has in an unstructured object ("map[string]interface {}"). */
export function goTypeName(v: unknown): string {
  switch (goValueKind(v)) {
    case 'map':
      return 'map[string]interface {}';
    case 'slice':
      return '[]interface {}';
    case 'int':
      return 'int64';
    case 'float':
      return 'float64';
    case 'uint8':
      return 'uint8';
    case 'bool':
      return 'bool';
    case 'string':
      return 'string';
    default:
      return '<nil>';
  }
}

function numberOf(v: unknown): number {
  if (v instanceof GoFloat || v instanceof GoByte) return v.value;
  return Number(v);
}

function compareCodePoints(a: string, b: string): number {
  // Go compares strings bytewise, which for UTF-8 is code point order.
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      const cx = a.codePointAt(i) ?? x;
      const cy = b.codePointAt(i) ?? y;
      return cx < cy ? -1 : cx > cy ? 1 : 0;
    }
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Go's string < for strings. */
export function goStringLess(a: string, b: string): boolean {
  return compareCodePoints(a, b) < 0;
}

/** Map keys in Go's sorted order, leaving out keys whose value is undefined (absent in JSON). */
export function sortedKeys(obj: object): string[] {
  const record = obj as Record<string, unknown>;
  return Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort(compareCodePoints);
}

function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key) && (obj as Record<string, unknown>)[key] !== undefined;
}

// ---------------------------------------------------------------------------
// Execution (client-go util/jsonpath/jsonpath.go)

export interface JsonPathOptions {
  /** kubectl's --allow-missing-template-keys, true unless set to false. */
  allowMissingKeys?: boolean;
  /** -o jsonpath-as-json: each action's results printed as one indented JSON array. */
  outputJson?: boolean;
}

/** Runs a parsed template and prints the results as client-go's JSONPath.Execute does. */
export function executeJsonPath(parsed: JsonPath, data: unknown, opts: JsonPathOptions = {}): string {
  const results = findJsonPathResults(parsed, data, opts);
  const out: string[] = [];
  for (const r of results) out.push(printResults(r, opts.outputJson ?? false));
  return out.join('');
}

/** client-go's FindResults: one list of values per top-level node of the template. */
export function findJsonPathResults(parsed: JsonPath, data: unknown, opts: JsonPathOptions = {}): unknown[][] {
  return new Executor(parsed.root.nodes, opts.allowMissingKeys ?? true).findResults(data, 0);
}

class Executor {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode = -1;

  constructor(
    private readonly nodes: readonly Node[],
    private readonly allowMissingKeys: boolean,
  ) {}

  // Walks the top-level nodes from index `from`; a range re-enters here for each item.
  findResults(data: unknown, from: number): unknown[][] {
    // Go starts from reflect.ValueOf(data), which for a nil interface is the zero Value.
    const cur = [data === null || data === undefined ? INVALID : data];
    const full: unknown[][] = [];
    for (let i = from; i < this.nodes.length; i++) {
      const results = this.walk(cur, this.nodes[i]);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = i;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const value of results) full.push(...this.findResults(value, i + 1));
        } else {
          // Still walk the body once, so the position advances to its end.
          this.findResults(INVALID, i + 1);
        }
        this.inRange--;
        for (let k = i + 1; k < this.nodes.length; k++) {
          if (k === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: unknown[], node: Node): unknown[] {
    switch (node.type) {
      case 'list':
        return this.evalList(input, node);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(input, node.name);
      case 'array':
        return this.evalArray(input, node.params);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
        return input.map(() => node.value);
      case 'float':
        return input.map(() => new GoFloat(node.value));
      case 'bool':
        return input.map(() => node.value);
      case 'wildcard':
        return this.evalWildcard(input);
      case 'recursive':
        return this.evalRecursive(input);
      case 'union':
        return this.evalUnion(input, node.nodes);
      case 'identifier':
        return this.evalIdentifier(input, node.name);
    }
  }

  private evalList(input: unknown[], node: ListNode): unknown[] {
    let cur = input;
    for (const n of node.nodes) cur = this.walk(cur, n);
    return cur;
  }

  private evalIdentifier(input: unknown[], name: string): unknown[] {
    if (name === 'range') {
      this.beginRange++;
      return input;
    }
    if (name === 'end') {
      if (this.inRange > 0) {
        this.endRange++;
        return [];
      }
      throw new JsonPathError('not in range, nothing to end');
    }
    throw new JsonPathError(`unrecognized identifier ${name}`, input);
  }

  private evalField(input: unknown[], name: string): unknown[] {
    const results: unknown[] = [];
    if (input.length === 0) return results;
    for (const value of input) {
      if (goValueKind(value) !== 'map') continue; // nil, scalars and lists have no fields
      const obj = value as Record<string, unknown>;
      if (hasOwn(obj, name)) results.push(obj[name]);
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JsonPathError(`${name} is not found`);
    return results;
  }

  private evalArray(input: unknown[], params: readonly [ArrayParam, ArrayParam, ArrayParam]): unknown[] {
    const result: unknown[] = [];
    for (const value of input) {
      const kind = goValueKind(value);
      if (kind === 'nil') continue;
      if (kind === 'invalid') throw new JsonPathError('reflect: call of reflect.Value.Type on zero Value', input);
      if (kind !== 'slice') throw new JsonPathError(`${goTypeName(value)} is not array or slice`, input);
      const arr = value as unknown[];
      const len = arr.length;
      let start = params[0].known ? params[0].value : 0;
      if (start < 0) start += len;
      let end = params[1].known ? params[1].value : len;
      if (end < 0 || (end === 0 && params[1].derived)) end += len;
      if (end === start) return result; // zero elements requested: Go stops here, other inputs included
      if (start >= len || start < 0) {
        throw new JsonPathError(`array index out of bounds: index ${start}, length ${len}`, input);
      }
      if (end > len || end < 0) {
        throw new JsonPathError(`array index out of bounds: index ${end - 1}, length ${len}`, input);
      }
      if (start > end) throw new JsonPathError(`starting index ${start} is greater than ending index ${end}`, input);
      let step = 1;
      if (params[2].known) {
        if (params[2].value <= 0) throw new JsonPathError('step must be > 0', input);
        step = params[2].value;
      }
      for (let i = start; i < end; i += step) result.push(arr[i]);
    }
    return result;
  }

  private evalUnion(input: unknown[], nodes: readonly ListNode[]): unknown[] {
    const result: unknown[] = [];
    for (const n of nodes) {
      try {
        result.push(...this.evalList(input, n));
      } catch (e) {
        throw e instanceof JsonPathError ? new JsonPathError(e.message, input) : e;
      }
    }
    return result;
  }

  private evalWildcard(input: unknown[]): unknown[] {
    const results: unknown[] = [];
    for (const value of input) results.push(...children(value));
    return results;
  }

  private evalRecursive(input: unknown[]): unknown[] {
    const result: unknown[] = [];
    for (const value of input) {
      if (typeof value === 'string') {
        // A non-empty string "contains" its bytes; the bytes contain nothing, so stop here.
        if (value.length > 0) result.push(value);
        continue;
      }
      const kids = children(value);
      if (kids.length > 0) {
        result.push(value);
        result.push(...this.evalRecursive(kids));
      }
    }
    return result;
  }

  private evalFilter(input: unknown[], node: Extract<Node, { type: 'filter' }>): unknown[] {
    const results: unknown[] = [];
    for (const value of input) {
      if (goValueKind(value) !== 'slice') {
        throw new JsonPathError(`${formatGoValue(value)} is not array or slice and cannot be filtered`, input);
      }
      for (const item of value as unknown[]) {
        const temp = [item];
        if (node.operator === 'exists') {
          let lefts: readonly unknown[];
          try {
            lefts = this.evalList(temp, node.left);
          } catch (e) {
            if (!(e instanceof JsonPathError)) throw e;
            lefts = e.partial; // Go looks at what came back with the error
          }
          if (lefts.length > 0) results.push(item);
          continue;
        }
        const lefts = this.rethrowWith(input, () => this.evalList(temp, node.left));
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathError('can only compare one element at a time', input);
        const rights = this.rethrowWith(input, () => this.evalList(temp, node.right));
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathError('can only compare one element at a time', input);
        let pass: boolean;
        try {
          pass = compareGo(node.operator, lefts[0], rights[0]);
        } catch (e) {
          throw e instanceof JsonPathError ? new JsonPathError(e.message, results) : e;
        }
        if (pass) results.push(item);
      }
    }
    return results;
  }

  private rethrowWith(partial: unknown[], f: () => unknown[]): unknown[] {
    try {
      return f();
    } catch (e) {
      throw e instanceof JsonPathError ? new JsonPathError(e.message, partial) : e;
    }
  }
}

// Elements of a map (sorted by key), a list, or a string (its UTF-8 bytes).
function children(value: unknown): unknown[] {
  switch (goValueKind(value)) {
    case 'map': {
      const obj = value as Record<string, unknown>;
      return sortedKeys(obj).map((k) => obj[k]);
    }
    case 'slice':
      return [...(value as unknown[])];
    case 'string':
      return utf8Encode(value as string).map((b) => new GoByte(b));
    default:
      return [];
  }
}

// ---------------------------------------------------------------------------
// Filter comparisons (client-go third_party/forked/golang/template/funcs.go)

type BasicKind = 'bool' | 'int' | 'uint' | 'float' | 'string';

function basicKind(v: unknown): BasicKind {
  switch (goValueKind(v)) {
    case 'bool':
      return 'bool';
    case 'int':
      return 'int';
    case 'uint8':
      return 'uint';
    case 'float':
      return 'float';
    case 'string':
      return 'string';
    default:
      throw new JsonPathError('invalid type for comparison');
  }
}

function goEqual(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    // Integers compare regardless of signedness.
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return numberOf(a) === numberOf(b);
    throw new JsonPathError('incompatible types for comparison');
  }
  if (k1 === 'bool' || k1 === 'string') return a === b;
  return numberOf(a) === numberOf(b);
}

function goLess(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return numberOf(a) < numberOf(b);
    throw new JsonPathError('incompatible types for comparison');
  }
  if (k1 === 'bool') throw new JsonPathError('invalid type for comparison');
  if (k1 === 'string') return goStringLess(a as string, b as string);
  return numberOf(a) < numberOf(b);
}

function compareGo(operator: string, a: unknown, b: unknown): boolean {
  switch (operator) {
    case '<':
      return goLess(a, b);
    case '>':
      return !(goLess(a, b) || goEqual(a, b));
    case '==':
      return goEqual(a, b);
    case '!=':
      return !goEqual(a, b);
    case '<=':
      return goLess(a, b) || goEqual(a, b);
    case '>=':
      return !goLess(a, b);
    default:
      throw new JsonPathError(`unrecognized filter operator ${operator}`);
  }
}

// ---------------------------------------------------------------------------
// Printing (PrintResults, evalToText)

function printResults(results: unknown[], outputJson: boolean): string {
  if (outputJson) return `${goJsonMarshal(results, '    ')}\n`;
  const out: string[] = [];
  for (const r of results) {
    const kind = goValueKind(r);
    if (kind === 'map' || kind === 'slice') out.push(goJsonMarshal(r));
    else if (kind === 'invalid') out.push('<no value>');
    else if (kind === 'nil') out.push('null');
    else out.push(formatGoValue(r));
  }
  return out.join(' ');
}

/** Go's fmt %v of a value from an unstructured object (fmt.Sprint). */
export function formatGoValue(v: unknown): string {
  switch (goValueKind(v)) {
    case 'invalid':
      return '<invalid reflect.Value>';
    case 'nil':
      return '<nil>';
    case 'bool':
      return v ? 'true' : 'false';
    case 'int':
      return typeof v === 'bigint' ? v.toString() : formatInt(v as number);
    case 'uint8':
      return String((v as GoByte).value);
    case 'float':
      return formatFloatG(numberOf(v));
    case 'string':
      return v as string;
    case 'slice':
      return `[${(v as unknown[]).map(formatGoValue).join(' ')}]`;
    case 'map': {
      const obj = v as Record<string, unknown>;
      return `map[${sortedKeys(obj)
        .map((k) => `${k}:${formatGoValue(obj[k])}`)
        .join(' ')}]`;
    }
  }
}

function formatInt(n: number): string {
  return Object.is(n, -0) ? '0' : BigInt(n).toString();
}

/** Shortest decimal digits of a finite non-zero number, and the position of the point. */
function shortestDigits(n: number): { digits: string; dp: number } {
  const [mant, exp] = Math.abs(n).toExponential().split('e');
  return { digits: mant.replace('.', ''), dp: Number(exp) + 1 };
}

/** Go's %v for float64: strconv 'g' with the shortest digits, exponent from 1e+06 and below 1e-04. */
export function formatFloatG(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const sign = n < 0 ? '-' : '';
  const { digits, dp } = shortestDigits(n);
  const exp = dp - 1;
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp);
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${e < 10 ? `0${e}` : e}`;
  }
  if (dp <= 0) return `${sign}0.${'0'.repeat(-dp)}${digits}`;
  if (dp >= digits.length) return `${sign}${digits}${'0'.repeat(dp - digits.length)}`;
  return `${sign}${digits.slice(0, dp)}.${digits.slice(dp)}`;
}

// ---------------------------------------------------------------------------
// encoding/json

/** Go's json.Marshal (sorted keys, HTML-safe escapes), or MarshalIndent with an indent. */
export function goJsonMarshal(v: unknown, indent?: string): string {
  const out: string[] = [];
  writeJson(out, v, indent, '');
  return out.join('');
}

function writeJson(out: string[], v: unknown, indent: string | undefined, prefix: string): void {
  switch (goValueKind(v)) {
    case 'invalid':
    case 'nil':
      out.push('null');
      return;
    case 'bool':
      out.push(v ? 'true' : 'false');
      return;
    case 'int':
      out.push(typeof v === 'bigint' ? v.toString() : formatInt(v as number));
      return;
    case 'uint8':
      out.push(String((v as GoByte).value));
      return;
    case 'float':
      // Go switches to exponent form outside [1e-6, 1e21) and trims "e-07" to "e-7", as JS does.
      out.push(String(numberOf(v)));
      return;
    case 'string':
      out.push(goJsonString(v as string));
      return;
    case 'slice': {
      const arr = v as unknown[];
      if (arr.length === 0) {
        out.push('[]');
        return;
      }
      const inner = indent === undefined ? '' : prefix + indent;
      out.push('[');
      arr.forEach((item, i) => {
        if (i > 0) out.push(',');
        if (indent !== undefined) out.push(`\n${inner}`);
        writeJson(out, item, indent, inner);
      });
      if (indent !== undefined) out.push(`\n${prefix}`);
      out.push(']');
      return;
    }
    case 'map': {
      const obj = v as Record<string, unknown>;
      const keys = sortedKeys(obj);
      if (keys.length === 0) {
        out.push('{}');
        return;
      }
      const inner = indent === undefined ? '' : prefix + indent;
      out.push('{');
      keys.forEach((k, i) => {
        if (i > 0) out.push(',');
        if (indent !== undefined) out.push(`\n${inner}`);
        out.push(goJsonString(k), indent === undefined ? ':' : ': ');
        writeJson(out, obj[k], indent, inner);
      });
      if (indent !== undefined) out.push(`\n${prefix}`);
      out.push('}');
      return;
    }
  }
}

const JSON_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b', // Go 1.22 and later
  '\f': '\\f',
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

// eslint-disable-next-line no-control-regex -- control characters are exactly what is escaped
const JSON_SPECIAL = /["\\\u0000-\u001f<>&\u2028\u2029\ud800-\udfff]/;

/** A string as Go's encoding/json writes it. */
export function goJsonString(s: string): string {
  if (!JSON_SPECIAL.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const esc = JSON_ESCAPES[ch];
    if (esc !== undefined) {
      out += esc;
      continue;
    }
    const c = s.charCodeAt(i);
    if (c < 0x20) {
      out += `\\u00${c.toString(16).padStart(2, '0')}`;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
      out += s.slice(i, i + 2);
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += '\\ufffd'; // invalid UTF-8 in Go
    } else {
      out += ch;
    }
  }
  return `${out}"`;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function utf8Encode(s: string): number[] {
  const bytes: number[] = [];
  for (const ch of s) {
    let cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return bytes;
}

// ---------------------------------------------------------------------------
// Go syntax (%#v and %q), for kubectl's error messages

const QUOTE_ESCAPES: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

/** Go's strconv.Quote (%q), with printability approximated by Unicode categories. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const esc = QUOTE_ESCAPES[ch];
    if (esc !== undefined) {
      out += esc;
      continue;
    }
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else if (PRINTABLE.test(ch)) out += ch;
    else if (cp < 0x80) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** Go's %#v of a value from an unstructured object, e.g. map[string]interface {}{"a":1}. */
export function goSyntax(v: unknown): string {
  return v === null || v === undefined ? '<nil>' : goSyntaxElem(v);
}

// Nested values sit in an interface{}: a nil one prints as interface {}(nil).
function goSyntaxElem(v: unknown): string {
  switch (goValueKind(v)) {
    case 'invalid':
      return '<invalid reflect.Value>';
    case 'nil':
      return 'interface {}(nil)';
    case 'string':
      return goQuote(v as string);
    case 'uint8':
      return `0x${(v as GoByte).value.toString(16)}`;
    case 'slice':
      return `[]interface {}{${(v as unknown[]).map(goSyntaxElem).join(', ')}}`;
    case 'map': {
      const obj = v as Record<string, unknown>;
      const entries = sortedKeys(obj).map((k) => `${goQuote(k)}:${goSyntaxElem(obj[k])}`);
      return `map[string]interface {}{${entries.join(', ')}}`;
    }
    default:
      return formatGoValue(v);
  }
}

// ---------------------------------------------------------------------------
// kubectl entry points

const RELAXED = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/**
 * kubectl's RelaxedJSONPathExpression (used by custom-columns and --sort-by):
 * "metadata.name", ".metadata.name", "{metadata.name}" all become "{.metadata.name}".
 */
export function relaxedJsonPath(expr: string): string {
  if (expr.length === 0) return expr;
  const m = RELAXED.exec(expr);
  if (!m) {
    throw new KubectlPrintError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  }
  return `{.${m[1] ?? m[2]}}`;
}

/**
 * kubectl's -o jsonpath=… / jsonpath-as-json=… printer (cli-runtime JSONPathPrinter):
 * the template is used as written (not relaxed). Throws KubectlPrintError with the
 * message kubectl prints after "error: ".
 */
export function printJsonPath(template: string, data: unknown, opts: JsonPathOptions = {}): string {
  let parsed: JsonPath;
  try {
    parsed = parseJsonPath(template);
  } catch (e) {
    if (e instanceof JsonPathError) throw new KubectlPrintError(`error parsing jsonpath ${template}, ${e.message}`);
    throw e;
  }
  try {
    return executeJsonPath(parsed, data, opts);
  } catch (e) {
    if (!(e instanceof JsonPathError)) throw e;
    const detail =
      `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${template}\n` +
      `\tobject given to jsonpath engine was:\n\t\t${goSyntax(data)}\n\n`;
    throw new KubectlPrintError(`error executing jsonpath ${goQuote(template)}: ${detail}\n`);
  }
}
