// ControllerRevisions: the snapshots of a pod template that DaemonSets and StatefulSets keep so they
// can tell old pods from new and roll back (pkg/controller/history, daemon/update.go). A revision
// holds a strategic-merge patch that replaces spec.template; its name is `<owner>-<hash>`, and the
// hash is also the pods' controller-revision-hash label.

import type { KubeObject } from '../api/object.ts';
import { KUBE_ALPHABET } from '../sim/random.ts';

/** apps.ControllerRevisionHashLabelKey (DefaultDaemonSetUniqueLabelKey, StatefulSetRevisionLabel). */
export const CONTROLLER_REVISION_HASH = 'controller-revision-hash';

export interface ControllerRevision extends KubeObject {
  data?: unknown;
  revision: number;
}

/** FNV-1 (fnv.New32) of a string's UTF-8 bytes; `a` for FNV-1a (fnv.New32a). */
export function fnv32(s: string, a = false): number {
  let h = 0x811c9dc5;
  for (const b of utf8(s)) {
    if (a) {
      h ^= b;
      h = Math.imul(h, 0x01000193) >>> 0;
    } else {
      h = Math.imul(h, 0x01000193) >>> 0;
      h ^= b;
    }
  }
  return h >>> 0;
}

function utf8(s: string): number[] {
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

/** rand.SafeEncodeString: each byte mapped into the alphabet without vowels, so hashes never spell words. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += KUBE_ALPHABET[s.charCodeAt(i) % KUBE_ALPHABET.length];
  return out;
}

/** JSON with object keys sorted at every level, as Go's encoding/json writes a map. */
export function sortedJSON(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return '[' + v.map(sortedJSON).join(',') + ']';
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + sortedJSON(o[k])).join(',') + '}';
}

/** getPatch: `{"spec":{"template":{…,"$patch":"replace"}}}`, the data a revision stores. */
export function templatePatch(template: unknown): unknown {
  return JSON.parse(sortedJSON({ spec: { template: { ...(template as object), $patch: 'replace' } } }));
}

/**
 * controller.ComputeHash, the DaemonSet's template hash: FNV-1a over the template and the collision
 * count, printed in decimal and safe-encoded. (Kubernetes hashes a spew dump of the Go struct; this
 * hashes the template's JSON, so the value differs from a real cluster's but has its form.)
 */
export function computeTemplateHash(template: unknown, collisionCount?: number): string {
  let s = sortedJSON(template);
  if (collisionCount !== undefined) s += String(collisionCount);
  return safeEncodeString(String(fnv32(s, true)));
}

/** HashControllerRevision, the StatefulSet's: FNV-1 over the revision's data, plus the collision count. */
export function hashRevisionData(data: unknown, collisionCount?: number): string {
  let s = sortedJSON(data);
  if (collisionCount !== undefined) s += String(collisionCount);
  return safeEncodeString(String(fnv32(s)));
}

/** ControllerRevisionName: the prefix is cut to 223 characters so the name stays a valid subdomain. */
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}

// Stored objects are never changed in place, so the JSON of a stored template or revision data can
// be kept by identity: a controller compares them on every sync.
const patchJSONCache = new WeakMap<object, string>();
const dataJSONCache = new WeakMap<object, string>();

/** sortedJSON(templatePatch(template)), remembered per template object. */
export function templatePatchJSON(template: unknown): string {
  if (template === null || typeof template !== 'object') return sortedJSON(templatePatch(template));
  let s = patchJSONCache.get(template);
  if (s === undefined) patchJSONCache.set(template, (s = sortedJSON(templatePatch(template))));
  return s;
}

/** sortedJSON of a revision's data, remembered per data object. */
export function revisionDataJSON(rev: ControllerRevision): string {
  const d = rev.data;
  if (d === null || typeof d !== 'object') return sortedJSON(d);
  let s = dataJSONCache.get(d);
  if (s === undefined) dataJSONCache.set(d, (s = sortedJSON(d)));
  return s;
}

/** Whether a revision holds this template (Match: the stored patch equals the object's). */
export function revisionMatches(rev: ControllerRevision, template: unknown): boolean {
  return revisionDataJSON(rev) === templatePatchJSON(template);
}

export function maxRevision(revs: readonly ControllerRevision[]): number {
  let max = 0;
  for (const r of revs) if (r.revision > max) max = r.revision;
  return max;
}

/** byRevision: oldest first; equal revisions by creation time, then name. */
export function sortByRevision(revs: ControllerRevision[]): ControllerRevision[] {
  return revs.sort((a, b) => a.revision - b.revision || cmp(a.metadata.creationTimestamp ?? '', b.metadata.creationTimestamp ?? '') || cmp(a.metadata.name ?? '', b.metadata.name ?? ''));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
