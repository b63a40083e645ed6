// A share link carries the whole save in the URL's fragment (never sent to a server), gzip'd and
// base64url-encoded, so the same cluster opens in another browser.

import type { SavedSandbox } from '../../worker/protocol.ts';
import { parseSave, type SaveCheck } from './save-file.ts';

export const SHARE_PARAM = 'sandbox';

async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function gunzip(bytes: Uint8Array): Promise<string> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array {
  const b = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) out[i] = b.charCodeAt(i);
  return out;
}

export async function shareLink(save: SavedSandbox, base: string): Promise<string> {
  const url = new URL(base);
  url.hash = `${SHARE_PARAM}=${toBase64Url(await gzip(JSON.stringify(save)))}`;
  return url.toString();
}

/** The save in a link's fragment, checked; undefined when the link carries none. */
export async function readShareLink(hash: string): Promise<SaveCheck | undefined> {
  const m = new RegExp(`^#${SHARE_PARAM}=([A-Za-z0-9_-]+)$`).exec(hash);
  if (!m) return undefined;
  try {
    return parseSave(await gunzip(fromBase64Url(m[1])));
  } catch (e) {
    return { ok: false, reason: `the link is damaged: ${(e as Error).message}` };
  }
}
