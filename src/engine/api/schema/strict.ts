// What the apiserver says about a manifest that does not fit the Go types, with kubectl's default
// --validate=strict (fieldValidation=Strict). One walk over the object, as sigs.k8s.io/json (the
// apiserver's fork of encoding/json, Go 1.22) decodes the JSON kubectl sends:
//
// - kubectl sends keys sorted (it marshals a map), so fields are visited in sorted order;
// - unknown fields are collected with their full path (`spec.containers[0].imagee`, map keys and
//   indexes included), deduplicated, at most 100; they are reported only when decoding succeeds;
// - a type mismatch is an UnmarshalTypeError: the first one is kept and decoding goes on, and its path
//   lists only struct field names (`Container.spec.template.spec.containers.args`);
// - errors from a type's own UnmarshalJSON (Quantity, IntOrString, Time) end decoding at once and win.

import { definition, kindSchema, type Definition, type FieldType } from './index.ts';
import { parseQuantityError } from './quantity-syntax.ts';
import { base64Error, parseTimeError } from './go-formats.ts';

export interface DecodeResult {
  /** Paths of unknown fields, in the order the apiserver reports them. */
  unknownFields: string[];
  /** The decoding error that made the object unreadable; unknown fields are then not reported. */
  typeError?: string;
}

const MAX_STRICT_ERRORS = 100;

/** Decodes `obj` as the apiserver would for apiVersion/kind. An unknown kind decodes cleanly here. */
export function checkObject(obj: unknown, apiVersion: string, kind: string): DecodeResult {
  const def = kindSchema(apiVersion, kind);
  const d = new Decoder();
  if (def) {
    try {
      d.struct(obj, def, '', [], def.go);
    } catch (e) {
      if (!(e instanceof Fatal)) throw e;
      return { unknownFields: [], typeError: e.message };
    }
  }
  if (d.saved !== undefined) return { unknownFields: [], typeError: d.saved };
  return { unknownFields: d.unknown };
}

/**
 * The apiserver's message for a failed decode: what kubectl prints after
 * `Error from server (BadRequest): error when creating "pod.yaml": `. Empty when the result is clean.
 */
export function formatDecodeError(kind: string, apiVersion: string, result: DecodeResult): string {
  let cause: string;
  if (result.typeError !== undefined) cause = result.typeError;
  else if (result.unknownFields.length > 0) {
    cause = 'strict decoding error: ' + result.unknownFields.map((f) => `unknown field ${goQuote(f)}`).join(', ');
  } else return '';
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
  return `${kind} in version "${version}" cannot be handled as a ${kind}: ${cause}`;
}

/** An error returned (not saved) by the decoder: decoding stops there. */
class Fatal extends Error {}

type JsonKind = 'null' | 'bool' | 'number' | 'string' | 'array' | 'object';

function kindOf(v: unknown): JsonKind {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number' || typeof v === 'bigint') return 'number';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

const INT_RANGES: Record<string, readonly [number, number]> = {
  int8: [-128, 127], int16: [-32768, 32767], int32: [-2147483648, 2147483647],
  // Beyond 2^53 a JavaScript number is not exact anyway; the bounds only need to be on the right side.
  int64: [-(2 ** 63), 2 ** 63 - 1], int: [-(2 ** 63), 2 ** 63 - 1],
  uint8: [0, 255], uint16: [0, 65535], uint32: [0, 4294967295], uint64: [0, 2 ** 64 - 1], uint: [0, 2 ** 64 - 1],
};

class Decoder {
  unknown: string[] = [];
  private seen = new Set<string>();
  saved: string | undefined;

  /** A struct: known fields decoded in sorted key order, unknown ones recorded. */
  struct(v: unknown, def: Definition, path: string, stack: readonly string[], structName: string): void {
    const k = kindOf(v);
    if (k === 'null') return;
    if (k !== 'object') return this.typeError(k, def.go, stack, structName);
    const obj = v as Record<string, unknown>;
    const name = def.go.slice(def.go.indexOf('.') + 1);
    for (const key of Object.keys(obj).sort(byteOrder)) {
      const field = def.fields[key];
      const childPath = path ? `${path}.${key}` : key;
      if (field === undefined) {
        this.unknownField(childPath);
        continue;
      }
      this.value(obj[key], field, childPath, [...stack, key], name);
    }
  }

  private value(v: unknown, t: FieldType, path: string, stack: readonly string[], structName: string): void {
    const k = kindOf(v);
    if (k === 'null') return; // Go leaves the zero value (or nil) for null, whatever the type
    switch (t.type) {
      case 'string':
        if (t.format === 'date-time') return this.time(v, k, t.go === 'v1.MicroTime', stack, structName);
        if (k === 'string') {
          if (t.format === 'byte') {
            const err = base64Error(v as string);
            if (err) this.save(err);
          }
          return;
        }
        if (t.format === 'byte' && k === 'array') {
          // []byte also decodes from an array of numbers, element by element.
          for (const el of v as unknown[]) this.integer(el, 'uint8', stack, structName);
          return;
        }
        return this.typeError(k, t.go, stack, structName);
      case 'boolean':
        return k === 'bool' ? undefined : this.typeError(k, t.go, stack, structName);
      case 'integer':
        return this.integer(v, t.go, stack, structName);
      case 'number':
        return k === 'number' ? undefined : this.typeError(k, t.go, stack, structName);
      case 'object': {
        const def = definition(t.ref);
        if (!def) return;
        return this.struct(v, def, path, stack, structName);
      }
      case 'array': {
        if (k !== 'array') return this.typeError(k, t.go, stack, structName);
        (v as unknown[]).forEach((el, i) => this.value(el, t.items, `${path}[${i}]`, stack, structName));
        return;
      }
      case 'map': {
        if (k !== 'object') return this.typeError(k, t.go, stack, structName);
        const obj = v as Record<string, unknown>;
        // Map keys join the strict path but not the error context.
        for (const key of Object.keys(obj).sort(byteOrder)) this.value(obj[key], t.values, `${path}.${key}`, stack, structName);
        return;
      }
      case 'IntOrString':
        // UnmarshalJSON: a string is a string; anything else is decoded into an int32, and its error returned.
        if (k === 'string') return;
        if (k === 'number') {
          const n = v as number;
          if (Number.isInteger(n) && n >= -2147483648 && n <= 2147483647) return;
          throw new Fatal(typeErrorText(`number ${goNumber(n)}`, 'int32', stack, structName));
        }
        throw new Fatal(typeErrorText(k, 'int32', stack, structName));
      case 'Quantity': {
        const text = k === 'string' ? (v as string) : JSON.stringify(v);
        const err = parseQuantityError(text.trim());
        if (err) throw new Fatal(err);
        return;
      }
      case 'any':
        return;
    }
  }

  private integer(v: unknown, go: string, stack: readonly string[], structName: string): void {
    const k = kindOf(v);
    if (k === 'null') return;
    if (k !== 'number') return this.typeError(k, go, stack, structName);
    const n = v as number;
    const [lo, hi] = INT_RANGES[go] ?? INT_RANGES.int64;
    if (!Number.isInteger(n) || n < lo || n > hi) this.typeError(`number ${goNumber(n)}`, go, stack, structName);
  }

  /** metav1.Time / MicroTime: UnmarshalJSON decodes a string, then parses it as RFC 3339. */
  private time(v: unknown, k: JsonKind, micro: boolean, stack: readonly string[], structName: string): void {
    if (k !== 'string') throw new Fatal(typeErrorText(k, 'string', stack, structName));
    const err = parseTimeError(v as string, micro);
    if (err) throw new Fatal(err);
  }

  private typeError(value: string, go: string, stack: readonly string[], structName: string): void {
    this.save(typeErrorText(value, go, stack, structName));
  }

  private save(err: string): void {
    if (this.saved === undefined) this.saved = err;
  }

  private unknownField(path: string): void {
    if (this.unknown.length >= MAX_STRICT_ERRORS || this.seen.has(path)) return;
    this.seen.add(path);
    this.unknown.push(path);
  }
}

/** Go's UnmarshalTypeError.Error(). */
function typeErrorText(value: string, go: string, stack: readonly string[], structName: string): string {
  if (stack.length === 0) return `json: cannot unmarshal ${value} into Go value of type ${go}`;
  return `json: cannot unmarshal ${value} into Go struct field ${structName}.${stack.join('.')} of type ${go}`;
}

/** A number as kubectl's JSON carries it (Go's float formatting agrees with JavaScript's for these). */
function goNumber(n: number): string {
  return String(n);
}

/** strconv.Quote for the printable field paths we produce. */
function goQuote(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\u009f]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
