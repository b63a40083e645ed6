// The hashing Kubernetes' controllers name things with: FNV-32 over UTF-8 bytes, safe-encoded into
// the vowel-free alphabet, over JSON whose keys are sorted so one object gives one text.

import { KUBE_ALPHABET as SAFE_ALPHABET } from '../sim/random.ts';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The UTF-8 bytes of a string (the engine runs without DOM or Node globals such as TextEncoder). */
export function utf8(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** FNV-1a, 32 bits (fnv.New32a), over bytes, from `h`. */
export function fnv32aBytes(bytes: Iterable<number>, h = FNV_OFFSET): number {
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, FNV_PRIME) >>> 0;
  }
  return h >>> 0;
}

/** FNV-1 (fnv.New32) of a string's UTF-8 bytes; `a` for FNV-1a (fnv.New32a). */
export function fnv32(s: string, a = false): number {
  if (a) return fnv32aBytes(utf8(s));
  let h = FNV_OFFSET;
  for (const b of utf8(s)) {
    h = Math.imul(h, FNV_PRIME) >>> 0;
    h ^= b;
  }
  return h >>> 0;
}

/** rand.SafeEncodeString: each character mapped into the vowel-free alphabet. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += SAFE_ALPHABET[s.charCodeAt(i) % SAFE_ALPHABET.length];
  return out;
}

/** JSON with object keys sorted at every level (undefined members left out), as Go writes a map. */
export function sortedJSON(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return '[' + v.map(sortedJSON).join(',') + ']';
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + sortedJSON(o[k])).join(',') + '}';
}
