// base64, for Secrets: `echo -n admin | base64` and `kubectl get secret … | base64 -d`.
// Text is encoded as UTF-8 by hand: TextEncoder is not part of the engine's ES2023 library.

import type { Command } from '../types.ts';
import { tryParse } from './args.ts';
import type { ParsedArgs } from './args.ts';
import { readOperand } from './input.ts';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function utf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return bytes;
}

function utf8Decode(bytes: number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xf0 && b < 0xf8 ? 3 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xc0 && b < 0xe0 ? 1 : -1;
    let cp = need === 0 ? b : b & (0x3f >> need);
    let ok = need >= 0;
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 63);
    }
    if (!ok) {
      out += '\ufffd'; // what a terminal shows for bytes that are not UTF-8
      i++;
      continue;
    }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

export function base64Encode(text: string): string {
  const bytes = utf8Bytes(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    out += B64[a >> 2]! + B64[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : B64[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : B64[c & 63]!;
  }
  return out;
}

export function base64Decode(text: string): string | undefined {
  const clean = text.replace(/[\s]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return undefined;
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of clean.replace(/=+$/, '')) {
    buffer = (buffer << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return utf8Decode(bytes);
}

export const base64: Command = (ctx) => {
  const { io } = ctx;
  const parsed: ParsedArgs | number = tryParse(io, 'base64', ctx.argv.slice(1), { flags: 'di', values: 'w', long: { decode: 'd', 'ignore-garbage': 'i', wrap: 'w=' } });
  if (typeof parsed === 'number') return parsed;
  const file = parsed.operands[0] ?? '-';
  const input = readOperand(ctx, file);
  if (!input.ok) {
    io.stderr(`base64: ${file}: ${input.reason}\n`);
    return 1;
  }
  if (parsed.has('d')) {
    const decoded = base64Decode(input.text);
    if (decoded === undefined) {
      io.stderr('base64: invalid input\n');
      return 1;
    }
    io.stdout(decoded);
    return 0;
  }
  const wrap = Number(parsed.value('w') ?? 76);
  const encoded = base64Encode(input.text);
  if (encoded === '') return 0;
  if (wrap === 0) io.stdout(encoded); // GNU adds no newline when not wrapping
  else io.stdout(`${encoded.match(new RegExp(`.{1,${wrap}}`, 'g'))!.join('\n')}\n`);
  return 0;
};
