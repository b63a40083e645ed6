// From YAML events to a JSON value, as kubectl gets one: go-yaml v2 composes a node tree and
// decodes it into interface{} (merge keys, aliases, its alias-expansion limit), then
// sigs.k8s.io/yaml turns map keys into strings and json.Marshal rejects NaN and infinities.
// Everything is iterative: a 10,000-deep document must not overflow the JS stack.

import { YamlSyntaxError } from './errors.ts';
import { formatFloatG, goJsonNumber } from './goformat.ts';
import { Ev, Parser } from './parser.ts';
import type { YamlEvent } from './parser.ts';
import { BINARY_TAG, MERGE_TAG, ResolveError, intValue, resolve } from './resolve.ts';
import type { GoScalar } from './resolve.ts';
import { decodeUtf8 } from './scanner.ts';
import { Source } from './source.ts';
import type { Mark, Position } from './source.ts';
import { setKey } from './types.ts';
import type { JsonObject, JsonValue } from './types.ts';

const Kind = { Scalar: 1, Sequence: 2, Mapping: 3, Alias: 4 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

interface YNode {
  kind: Kind;
  start: Mark;
  tag: string;
  /** Scalar text, or the alias's anchor name. */
  value: string;
  implicit: boolean;
  children: YNode[];
  target: YNode | null;
  /** An alias that sits inside the very node it names. */
  cyclic: boolean;
  anchored: boolean;
  open: boolean;
  /** How many decode steps go-yaml spends on this node (its alias-ratio bookkeeping). */
  count: number;
  decoded: JsonValue | undefined;
}

/** A key seen twice in one mapping: kubectl keeps the last value without a word. */
export interface DuplicateKey {
  key: string;
  /** Where the repeated key is, in the document. */
  at: Position;
}

export interface DecodeResult {
  /** undefined when the document is empty (go-yaml yields nil, kubectl skips it). */
  value: JsonValue | undefined;
  /** 0-based line where the root node starts, relative to the document. */
  line: number;
  duplicates: DuplicateKey[];
}

/** Parses and decodes the first document of `text`, as sigs.k8s.io/yaml.Unmarshal does. */
export function decodeYaml(text: string): DecodeResult {
  const source = new Source(text.length === 0 ? '\n' : text);
  const root = compose(new Parser(source));
  if (root === null) return { value: undefined, line: 0, duplicates: [] };
  const decoder = new Decoder(source);
  const value = decoder.decodeDocument(root);
  decoder.throwDeferred();
  return {
    value: value === null ? undefined : value,
    line: source.locate(root.start).line,
    duplicates: decoder.duplicates,
  };
}

// --- composing (decode.go's parser type) ---

function newNode(kind: Kind, ev: YamlEvent): YNode {
  return {
    kind,
    start: ev.start,
    tag: ev.tag,
    value: ev.value,
    implicit: ev.implicit,
    children: [],
    target: null,
    cyclic: false,
    anchored: false,
    open: false,
    count: 1,
    decoded: undefined,
  };
}

function compose(parser: Parser): YNode | null {
  const src = parser.source;
  parser.next(); // STREAM-START
  let ev = parser.next();
  if (ev.type === Ev.StreamEnd) return null;
  // DOCUMENT-START; only the first document is read, as yaml.Unmarshal does.
  const anchors = new Map<string, YNode>();
  const stack: YNode[] = [];
  let root: YNode | null = null;
  while (root === null) {
    ev = parser.next();
    let done: YNode;
    switch (ev.type) {
      case Ev.Scalar:
        done = newNode(Kind.Scalar, ev);
        break;
      case Ev.Alias: {
        const target = anchors.get(ev.anchor);
        if (!target) {
          throw new YamlSyntaxError('composer', `unknown anchor '${ev.anchor}' referenced`, src.locate(ev.start));
        }
        done = newNode(Kind.Alias, ev);
        done.value = ev.anchor;
        done.target = target;
        done.cyclic = target.open;
        done.count = 1 + target.count;
        break;
      }
      case Ev.SequenceStart:
      case Ev.MappingStart: {
        const node = newNode(ev.type === Ev.SequenceStart ? Kind.Sequence : Kind.Mapping, ev);
        node.open = true;
        if (ev.anchor !== '') {
          node.anchored = true;
          anchors.set(ev.anchor, node);
        }
        stack.push(node);
        continue;
      }
      case Ev.SequenceEnd:
      case Ev.MappingEnd:
        done = stack.pop() as YNode;
        done.open = false;
        done.count = countOf(done);
        break;
      default:
        throw new YamlSyntaxError('composer', `unexpected event ${ev.type}`, src.locate(ev.start));
    }
    if (ev.type === Ev.Scalar && ev.anchor !== '') {
      done.anchored = true;
      anchors.set(ev.anchor, done);
    }
    if (stack.length > 0) stack[stack.length - 1].children.push(done);
    else root = done;
  }
  ev = parser.next();
  if (ev.type !== Ev.DocumentEnd) {
    const at = src.locate(ev.start);
    throw new YamlSyntaxError('composer', 'attempted to go past the end of stream; corrupted value?', at);
  }
  return root;
}

function isMerge(key: YNode): boolean {
  return key.kind === Kind.Scalar && key.value === '<<' && (key.implicit || key.tag === MERGE_TAG);
}

/** go-yaml's decode steps for a finished collection (1 for itself plus its children's). */
function countOf(node: YNode): number {
  let n = 1;
  const c = node.children;
  if (node.kind === Kind.Sequence) {
    for (const child of c) n += child.count;
    return n;
  }
  for (let i = 0; i + 1 < c.length; i += 2) {
    if (!isMerge(c[i])) n += c[i].count + c[i + 1].count;
    else if (c[i + 1].kind === Kind.Sequence) for (const m of c[i + 1].children) n += m.count;
    else n += c[i + 1].count;
  }
  return n;
}

// --- decoding (decode.go's decoder, then sigs.k8s.io/yaml's convertToJSONableObject) ---

// go-yaml v2's alias-ratio rule against "billion laughs" documents.
const ALIAS_RATIO_RANGE_LOW = 400000;
const ALIAS_RATIO_RANGE_HIGH = 4000000;

function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= ALIAS_RATIO_RANGE_LOW) return 0.99;
  if (decodeCount >= ALIAS_RATIO_RANGE_HIGH) return 0.1;
  return 0.99 - (0.89 * (decodeCount - ALIAS_RATIO_RANGE_LOW)) / (ALIAS_RATIO_RANGE_HIGH - ALIAS_RATIO_RANGE_LOW);
}

type Frame =
  | { kind: 'seq'; node: YNode; out: JsonValue[]; i: number }
  | {
      kind: 'map';
      node: YNode;
      out: JsonObject;
      i: number;
      /** Set while the value of a decoded key is pending. */
      key: string | undefined;
      keyError: string | undefined;
      keyNode: YNode | undefined;
      /** Merge sources still to decode into `out`, in go-yaml's order. */
      merges: YNode[] | undefined;
      /** Keys written explicitly (not merged in), to notice duplicates. */
      explicit: Set<string> | undefined;
    };

const PENDING = Symbol('pending');

class Decoder {
  readonly duplicates: DuplicateKey[] = [];
  constructor(private readonly source: Source) {}

  private decodeCount = 0;
  private aliasCount = 0;
  private counting = true;
  private keyError: { problem: string; at: Mark } | undefined;
  private jsonError: { problem: string; at: Mark } | undefined;

  decodeDocument(root: YNode): JsonValue {
    this.step(); // the document node
    return this.decodeTree(root);
  }

  throwDeferred(): void {
    // sigs.k8s.io/yaml converts keys after go-yaml has finished, then json.Marshal runs.
    const first = this.keyError ?? this.jsonError;
    if (first !== undefined) throw new YamlSyntaxError('convert', first.problem, this.source.locate(first.at));
  }

  private fail(problem: string, node: YNode): never {
    throw new YamlSyntaxError('decoder', problem, this.source.locate(node.start));
  }

  private step(n = 1, alias = false): void {
    if (!this.counting) return;
    this.decodeCount += n;
    if (alias) this.aliasCount += n;
    if (
      this.aliasCount > 100 &&
      this.decodeCount > 1000 &&
      this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)
    ) {
      throw new YamlSyntaxError('decoder', 'document contains excessive aliasing', undefined);
    }
  }

  /** Decodes a node and everything under it without recursion. */
  private decodeTree(top: YNode): JsonValue {
    const stack: Frame[] = [];
    let result: JsonValue | typeof PENDING = this.enter(top, stack);
    for (;;) {
      if (result !== PENDING) {
        if (stack.length === 0) return result;
        this.deliver(stack[stack.length - 1], result);
      }
      const frame = stack[stack.length - 1];
      result = this.advance(frame, stack);
    }
  }

  /** Starts decoding a node: a value now, or PENDING with a frame pushed. */
  private enter(node: YNode, stack: Frame[]): JsonValue | typeof PENDING {
    this.step();
    switch (node.kind) {
      case Kind.Scalar:
        return this.remember(node, this.scalarValue(node));
      case Kind.Alias:
        return this.aliasValue(node);
      case Kind.Sequence:
        stack.push({ kind: 'seq', node, out: [], i: 0 });
        return PENDING;
      default:
        stack.push({
          kind: 'map',
          node,
          out: {},
          i: 0,
          key: undefined,
          keyError: undefined,
          keyNode: undefined,
          merges: undefined,
          explicit: undefined,
        });
        return PENDING;
    }
  }

  private remember(node: YNode, value: JsonValue): JsonValue {
    if (node.anchored) node.decoded = value;
    return value;
  }

  /** Moves a frame on: enters its next child, or finishes it (popping it and returning its value). */
  private advance(frame: Frame, stack: Frame[]): JsonValue | typeof PENDING {
    const children = frame.node.children;
    if (frame.kind === 'seq') {
      if (frame.i < children.length) return this.enter(children[frame.i++], stack);
      stack.pop();
      return this.remember(frame.node, frame.out);
    }
    if (frame.merges !== undefined) {
      if (frame.merges.length > 0) {
        const source = frame.merges.pop() as YNode;
        if ((source.kind === Kind.Alias ? source.target?.kind : source.kind) !== Kind.Mapping) {
          this.fail(WANT_MAP, source);
        }
        return this.enter(source, stack);
      }
      frame.merges = undefined;
      frame.i += 2;
    }
    if (frame.i + 1 >= children.length) {
      stack.pop();
      return this.remember(frame.node, frame.out);
    }
    const keyNode = children[frame.i];
    const valueNode = children[frame.i + 1];
    if (isMerge(keyNode)) {
      if (valueNode.kind !== Kind.Mapping && valueNode.kind !== Kind.Alias && valueNode.kind !== Kind.Sequence) {
        this.fail(WANT_MAP, valueNode);
      }
      // A stack to pop from: go-yaml applies a list of sources backwards.
      frame.merges = valueNode.kind === Kind.Sequence ? [...valueNode.children] : [valueNode];
      return this.advance(frame, stack);
    }
    this.decodeKey(frame, keyNode);
    return this.enter(valueNode, stack);
  }

  private deliver(frame: Frame, value: JsonValue): void {
    if (frame.kind === 'seq') {
      frame.out.push(value);
      return;
    }
    if (frame.merges !== undefined) {
      // A merged mapping's keys overwrite what is already there (go-yaml decodes into the same map).
      const source = value as JsonObject;
      for (const k of Object.keys(source)) setKey(frame.out, k, source[k]);
      return;
    }
    if (frame.keyError !== undefined) {
      this.keyError ??= {
        problem: `${frame.keyError}, value: ${goSyntax(value, true)}`,
        at: (frame.keyNode as YNode).start,
      };
    } else if (frame.key !== undefined) {
      frame.explicit ??= new Set();
      if (frame.explicit.has(frame.key)) {
        this.duplicates.push({ key: frame.key, at: this.source.locate((frame.keyNode as YNode).start) });
      }
      frame.explicit.add(frame.key);
      setKey(frame.out, frame.key, value);
    }
    frame.key = undefined;
    frame.keyError = undefined;
    frame.i += 2;
  }

  /** Decodes a mapping key to the string sigs.k8s.io/yaml would make of it. */
  private decodeKey(frame: Extract<Frame, { kind: 'map' }>, keyNode: YNode): void {
    frame.keyNode = keyNode;
    let node = keyNode;
    if (node.kind === Kind.Alias) {
      this.step();
      node = this.expandAlias(node);
    } else {
      this.step();
    }
    if (node.kind !== Kind.Scalar) {
      // go-yaml decodes the key fully, then refuses it.
      const saved = this.counting;
      this.counting = false;
      const value = this.decodeTree(node);
      this.counting = saved;
      this.fail(`invalid map key: ${goSyntax(value, false)}`, keyNode);
    }
    const s = this.goScalar(node);
    switch (s.t) {
      case 'str':
        frame.key = s.v;
        break;
      case 'int':
        frame.key = String(s.v);
        break;
      case 'bool':
        frame.key = String(s.v);
        break;
      case 'float': {
        const f = formatFloatG(s.v, 32);
        frame.key = f === '+Inf' ? '.inf' : f === '-Inf' ? '-.inf' : f === 'NaN' ? '.nan' : f;
        break;
      }
      case 'null':
        frame.keyError = 'unsupported map key of type: %!s(<nil>), key: <nil>';
        break;
      case 'uint':
        frame.keyError = `unsupported map key of type: uint64, key: 0x${s.v.toString(16)}`;
        break;
    }
  }

  /** Counts an alias's expansion as go-yaml would and returns its target (cycles are errors). */
  private expandAlias(node: YNode): YNode {
    if (node.cyclic) this.fail(`anchor '${node.value}' value contains itself`, node);
    const target = node.target as YNode;
    // Within one expansion every step raises both counters, so checking once at its end finds
    // exactly the documents go-yaml rejects, without walking a billion nodes.
    this.step(target.count, true);
    return target;
  }

  private aliasValue(node: YNode): JsonValue {
    const target = this.expandAlias(node);
    if (target.decoded === undefined) {
      // Only reachable through a merge list, which go-yaml walks backwards.
      const saved = this.counting;
      this.counting = false;
      target.decoded = this.decodeTree(target);
      this.counting = saved;
    }
    return cloneJson(target.decoded);
  }

  private goScalar(node: YNode): GoScalar {
    if (node.tag === '' && !node.implicit) return { t: 'str', v: node.value };
    try {
      const r = resolve(node.tag, node.value);
      if (r.tag === BINARY_TAG) {
        const decoded = decodeBase64(node.value);
        if (decoded === undefined) this.fail('!!binary value contains invalid base64 data', node);
        return { t: 'str', v: decoded };
      }
      return r.value;
    } catch (e) {
      if (e instanceof ResolveError) this.fail(e.message, node);
      throw e;
    }
  }

  private scalarValue(node: YNode): JsonValue {
    const s = this.goScalar(node);
    switch (s.t) {
      case 'null':
        return null;
      case 'bool':
      case 'str':
      case 'int':
        return s.v;
      case 'uint':
        // Printed as digits by json.Marshal, read back by kubectl as a float64 (it overflows int64).
        return Number(s.v);
      case 'float':
        return this.floatValue(s.v, node);
    }
  }

  /** A float64 after json.Marshal and kubectl's int-preserving JSON decoding. */
  private floatValue(f: number, node: YNode): JsonValue {
    if (!Number.isFinite(f)) {
      this.jsonError ??= { problem: `json: unsupported value: ${formatFloatG(f)}`, at: node.start };
      return null;
    }
    if (Number.isSafeInteger(f)) return f === 0 ? 0 : f;
    const text = goJsonNumber(f);
    if (/^-?[0-9]+$/.test(text)) {
      const b = BigInt(text);
      if (b >= -(1n << 63n) && b < 1n << 63n) return intValue(b);
    }
    return f;
  }
}

const WANT_MAP = 'map merge requires map or sequence of maps as the value';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** base64.StdEncoding.DecodeString (newlines ignored), then the bytes as json.Marshal would show them. */
function decodeBase64(text: string): string | undefined {
  const s = text.replace(/[\r\n]/g, '');
  if (s.length % 4 !== 0 || !BASE64.test(s) || /=[^=]/.test(s)) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i += 4) {
    const n = [0, 1, 2, 3].map((k) => (s[i + k] === '=' ? 0 : BASE64_ALPHABET.indexOf(s[i + k])));
    const v = (n[0] << 18) | (n[1] << 12) | (n[2] << 6) | n[3];
    bytes.push((v >> 16) & 0xff);
    if (s[i + 2] !== '=') bytes.push((v >> 8) & 0xff);
    if (s[i + 3] !== '=') bytes.push(v & 0xff);
  }
  return decodeUtf8(bytes);
}

/** A deep copy, iterative so that deep documents cannot overflow the stack. */
export function cloneJson(value: JsonValue): JsonValue {
  if (typeof value !== 'object' || value === null) return value;
  const rootCopy: JsonValue = Array.isArray(value) ? [] : {};
  const work: [JsonValue, JsonValue][] = [[value, rootCopy]];
  while (work.length > 0) {
    const [src, dst] = work.pop() as [JsonValue, JsonValue];
    if (Array.isArray(src)) {
      const d = dst as JsonValue[];
      for (const v of src) {
        if (typeof v === 'object' && v !== null) {
          const c: JsonValue = Array.isArray(v) ? [] : {};
          d.push(c);
          work.push([v, c]);
        } else d.push(v);
      }
    } else {
      const s = src as JsonObject;
      const d = dst as JsonObject;
      for (const k of Object.keys(s)) {
        const v = s[k];
        if (typeof v === 'object' && v !== null) {
          const c: JsonValue = Array.isArray(v) ? [] : {};
          setKey(d, k, c);
          work.push([v, c]);
        } else setKey(d, k, v);
      }
    }
  }
  return rootCopy;
}

/** Roughly Go's %#v of a decoded value, for the rare errors that print one. */
function goSyntax(value: JsonValue, top: boolean): string {
  if (value === null) return top ? '<nil>' : 'interface {}(nil)';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatFloatG(value);
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[]interface {}{${value.map((v) => goSyntax(v, false)).join(', ')}}`;
  const keys = Object.keys(value).sort();
  return `map[interface {}]interface {}{${keys.map((k) => `${JSON.stringify(k)}:${goSyntax(value[k], false)}`).join(', ')}}`;
}
