// Checking a save before it goes anywhere near the engine: an imported file or a shared link is
// untrusted. A file that is not a sandbox save, or is damaged or oversized, is refused with a reason
// and nothing changes.

import type { SavedSandbox } from '../../worker/protocol.ts';

/** Larger saves are refused outright (a big cluster's save is a few MB). */
export const MAX_SAVE_BYTES = 64 * 1024 * 1024;
const MAX_FILES = 1000;
const MAX_HISTORY = 5000;

export type SaveCheck = { ok: true; save: SavedSandbox } | { ok: false; reason: string };

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function parseSave(text: string): SaveCheck {
  if (text.length > MAX_SAVE_BYTES) return { ok: false, reason: `the file is too large (${text.length} bytes; at most ${MAX_SAVE_BYTES})` };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `it is not JSON: ${(e as Error).message}` };
  }
  return checkSave(data);
}

const MAX_JOURNAL = 200_000;
const MAX_MARKS = 5000;

const isMark = (m: unknown) => isObj(m) && typeof m.at === 'number' && (m.kind === 'command' || m.kind === 'warning') && typeof m.text === 'string';

function isOp(op: unknown): boolean {
  if (!isObj(op)) return false;
  switch (op.type) {
    case 'run':
      return typeof op.id === 'number' && typeof op.input === 'string';
    case 'interrupt':
      return typeof op.id === 'number';
    case 'write':
    case 'apply':
      return typeof op.path === 'string' && typeof op.content === 'string';
    default:
      return false;
  }
}

/** The rewind timeline a save may carry: its base is a save itself, its journal plain ops in time order. */
function checkTimeline(tl: unknown): string | undefined {
  if (!isObj(tl) || typeof tl.start !== 'number') return 'its rewind timeline has no start';
  if (isObj(tl.base) && 'timeline' in tl.base) return "its rewind timeline's base has a timeline of its own";
  const base = checkSave(tl.base);
  if (!base.ok) return `its rewind timeline's base is not a valid save: ${base.reason}`;
  const { entries, marks, baseMarks } = tl;
  if (!Array.isArray(entries) || entries.length > MAX_JOURNAL) return `its rewind journal must be a list of at most ${MAX_JOURNAL} entries`;
  let last = tl.start;
  for (const e of entries) {
    if (!isObj(e) || typeof e.at !== 'number' || e.at < last || !isOp(e.op)) return 'its rewind journal has an entry that is not a command, an interrupt, a file write or an apply in time order';
    last = e.at;
  }
  for (const list of [marks, baseMarks]) {
    if (!Array.isArray(list) || list.length > MAX_MARKS || !list.every(isMark)) return `its rewind timeline's marks must be a list of at most ${MAX_MARKS} marks`;
  }
  return undefined;
}

export function checkSave(data: unknown): SaveCheck {
  if (!isObj(data) || data.format !== 'kube-sandbox/save') return { ok: false, reason: 'it is not a Kube Sandbox save (no "format": "kube-sandbox/save")' };
  if (data.version !== 1) return { ok: false, reason: `it is a save of version ${String(data.version)}; this sandbox reads version 1` };
  const files = data.files;
  if (!isObj(files)) return { ok: false, reason: '"files" must be an object of path → text' };
  const paths = Object.keys(files);
  if (paths.length > MAX_FILES) return { ok: false, reason: `too many files (${paths.length}; at most ${MAX_FILES})` };
  for (const p of paths) {
    if (typeof files[p] !== 'string') return { ok: false, reason: `file ${JSON.stringify(p.slice(0, 80))} is not text` };
    if (!p.startsWith('/') || p.includes('\0') || p.split('/').includes('..')) return { ok: false, reason: `file path ${JSON.stringify(p.slice(0, 80))} is not an absolute sandbox path` };
  }
  const history = data.history;
  if (!Array.isArray(history) || history.length > MAX_HISTORY || !history.every((h) => typeof h === 'string')) return { ok: false, reason: '"history" must be a list of at most 5000 command lines' };
  const c = data.cluster;
  if (!isObj(c) || c.format !== 'kube-sandbox/cluster' || c.version !== 1) return { ok: false, reason: 'its cluster is missing or not a version 1 cluster snapshot' };
  if (!Array.isArray(c.nodes) || !c.nodes.every((n) => isObj(n) && typeof n.name === 'string')) return { ok: false, reason: 'its cluster has no valid list of nodes' };
  if (!isObj(c.sim) || !isObj(c.store)) return { ok: false, reason: 'its cluster has no clock or no store' };
  const resources = c.store.resources;
  if (typeof c.store.rev !== 'number' || !isObj(resources)) return { ok: false, reason: 'its store has no revision or no resources' };
  for (const [r, objs] of Object.entries(resources)) {
    if (!Array.isArray(objs)) return { ok: false, reason: `its store's ${r.slice(0, 60)} is not a list` };
    for (const o of objs) {
      if (!isObj(o) || !isObj(o.metadata) || typeof o.metadata.name !== 'string') return { ok: false, reason: `an object in ${r.slice(0, 60)} has no metadata.name` };
    }
  }
  if (data.timeline !== undefined) {
    const bad = checkTimeline(data.timeline);
    if (bad) return { ok: false, reason: bad };
  }
  return { ok: true, save: data as unknown as SavedSandbox };
}
