// `kubectl get -o json` output and the JSON kubectl writes into annotations, as Go's encoding/json
// produces them from an unstructured object: keys sorted by bytes, `<`, `>` and `&` escaped as
// \u003c, \u003e and \u0026, U+2028/U+2029 escaped, floats formatted as Go formats float64.

import { UnsupportedValueError, goJsonNumber } from './goformat.ts';
import { compareJsonKeys } from './keyorder.ts';

/** json.MarshalIndent(obj, "", "    ") plus the newline kubectl's JSON printer adds. */
export function toJson(value: unknown): string {
  return `${marshal(value, '    ')}\n`;
}

/** json.Marshal: compact, no trailing newline. */
export function toCompactJson(value: unknown): string {
  return marshal(value, '');
}

/**
 * json.Encoder.Encode: compact with a trailing newline. This is the exact text kubectl apply stores
 * in the kubectl.kubernetes.io/last-applied-configuration annotation (runtime.Encode of the object).
 */
export function encodeJson(value: unknown): string {
  return `${marshal(value, '')}\n`;
}

// Control characters, quote, backslash, HTML-sensitive characters, U+2028/2029 and surrogates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_ESCAPE = /[\u0000-\u001f"\\<>&\u2028\u2029\ud800-\udfff]/;

/** encoding/json's string encoding with HTML escaping on (the default). */
export function goJsonString(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return `"${s}"`;
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | undefined;
    if (c < 0x20) {
      esc =
        c === 8 ? '\\b' : c === 12 ? '\\f' : c === 10 ? '\\n' : c === 13 ? '\\r' : c === 9 ? '\\t' : `\\u00${hex2(c)}`;
    } else if (c === 34 || c === 92) {
      esc = `\\${s[i]}`;
    } else if (c === 60 || c === 62 || c === 38 || c === 0x2028 || c === 0x2029) {
      esc = `\\u${c.toString(16).padStart(4, '0')}`;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      esc = '\\ufffd'; // invalid UTF-8 to Go
    }
    if (esc !== undefined) {
      out += s.slice(start, i) + esc;
      start = i + 1;
    }
  }
  return `${out}${s.slice(start)}"`;
}

function hex2(c: number): string {
  return c.toString(16).padStart(2, '0');
}

function scalar(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return goJsonString(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return goJsonNumber(value);
    case 'bigint':
      return String(value);
    case 'function':
    case 'symbol':
      throw new UnsupportedValueError(NaN);
  }
  return undefined;
}

type Frame = { items: readonly unknown[]; keys: string[] | undefined; obj: Record<string, unknown>; i: number };

/** Marshal (indent '') or MarshalIndent with `indent`, iteratively so depth cannot overflow the stack. */
function marshal(value: unknown, indent: string): string {
  const pretty = indent !== '';
  // Finished lines, joined once (see the note in emit.ts); compact output is one long line, kept in pieces.
  const out: string[] = [];
  let line = '';
  const push = (part: string): void => {
    line += part;
    if (line.length > 4096) {
      out.push(line);
      line = '';
    }
  };
  const indents: string[] = [''];
  const pad = (depth: number): string => {
    while (indents.length <= depth) indents.push(indents[indents.length - 1] + indent);
    return indents[depth];
  };
  const stack: Frame[] = [];
  const open = (v: unknown): void => {
    const s = scalar(v);
    if (s !== undefined) {
      push(s);
      return;
    }
    if (Array.isArray(v)) {
      if (v.length === 0) push('[]');
      else {
        push('[');
        stack.push({ items: v, keys: undefined, obj: {}, i: 0 });
      }
      return;
    }
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined && typeof obj[k] !== 'function')
      .sort(compareJsonKeys);
    if (keys.length === 0) push('{}');
    else {
      push('{');
      stack.push({ items: [], keys, obj, i: 0 });
    }
  };
  open(value);
  while (stack.length > 0) {
    const f = stack[stack.length - 1];
    const n = f.keys ? f.keys.length : f.items.length;
    const depth = stack.length;
    if (f.i >= n) {
      stack.pop();
      if (pretty) {
        out.push(line);
        line = `\n${pad(depth - 1)}`;
      }
      push(f.keys ? '}' : ']');
      continue;
    }
    if (f.i > 0) push(',');
    if (pretty) {
      out.push(line);
      line = `\n${pad(depth)}`;
    }
    if (f.keys) {
      const k = f.keys[f.i++];
      push(goJsonString(k));
      push(pretty ? ': ' : ':');
      open(f.obj[k]);
    } else {
      const item = f.items[f.i++];
      open(item === undefined || typeof item === 'function' ? null : item);
    }
  }
  out.push(line);
  return out.join('');
}
