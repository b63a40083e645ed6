// ControllerRevisions: the snapshots of a pod template that DaemonSets and StatefulSets keep so they
// can tell old pods from new and roll back (pkg/controller/history, daemon/update.go). A revision
// holds a strategic-merge patch that replaces spec.template; its name is `<owner>-<hash>`, and the
// hash is also the pods' controller-revision-hash label.

import type { KubeObject } from '../api/object.ts';
import { fnv32, safeEncodeString, sortedJSON } from '../util/hash.ts';

/** apps.ControllerRevisionHashLabelKey (DefaultDaemonSetUniqueLabelKey, StatefulSetRevisionLabel). */
export const CONTROLLER_REVISION_HASH = 'controller-revision-hash';

export interface ControllerRevision extends KubeObject {
  data?: unknown;
  revision: number;
}

export { fnv32, safeEncodeString, sortedJSON } from '../util/hash.ts';

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
