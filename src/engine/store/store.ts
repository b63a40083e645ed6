// The object store: the sandbox's etcd. Versioned objects per resource, one cluster-wide revision
// counter (resourceVersion), watches, secondary indexes, and snapshot/restore.
//
// Objects handed out are shared: callers copy (`clone`) before changing one. Watch handlers are called
// synchronously on every write and must only record work (enqueue a key); they must not write.

import { deepFreeze, objectKey, type KubeObject } from '../api/object.ts';
import { gone } from '../api/errors.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  /** The group-qualified resource: "pods", "deployments.apps". */
  resource: string;
  object: KubeObject;
  /** The previous version, for MODIFIED and DELETED. */
  oldObject?: KubeObject;
}

export type WatchHandler = (e: WatchEvent) => void;

export type IndexFunc = (obj: KubeObject) => readonly string[];

interface Table {
  objects: Map<string, KubeObject>;
  sorted: string[] | null;
  indexes: Map<string, { fn: IndexFunc; values: Map<string, Set<string>> }>;
  watchers: Set<WatchHandler>;
}

export interface StoreSnapshot {
  rev: number;
  resources: Record<string, KubeObject[]>;
}

/** How many past events a watch can resume from, like etcd's compaction window. */
const HISTORY = 10_000;

export class Store {
  private tables = new Map<string, Table>();
  private allWatchers = new Set<WatchHandler>();
  private history: { rev: number; event: WatchEvent }[] = [];
  private _rev = 1;
  /** Freeze stored objects, to catch code that mutates shared objects (tests turn it on). */
  freeze = false;

  get rev(): number {
    return this._rev;
  }

  private table(resource: string): Table {
    let t = this.tables.get(resource);
    if (!t) {
      t = { objects: new Map(), sorted: null, indexes: new Map(), watchers: new Set() };
      this.tables.set(resource, t);
    }
    return t;
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.tables.get(resource)?.objects.get(namespace ? `${namespace}/${name}` : name);
  }

  getByKey(resource: string, key: string): KubeObject | undefined {
    return this.tables.get(resource)?.objects.get(key);
  }

  /** Objects in key order (namespace, then name), as etcd returns a range. */
  list(resource: string, namespace?: string): KubeObject[] {
    const t = this.tables.get(resource);
    if (!t) return [];
    if (!t.sorted) t.sorted = [...t.objects.keys()].sort(compareKeys);
    const out: KubeObject[] = [];
    if (namespace) {
      const prefix = namespace + '/';
      for (const k of t.sorted) if (k.startsWith(prefix)) out.push(t.objects.get(k)!);
    } else {
      for (const k of t.sorted) out.push(t.objects.get(k)!);
    }
    return out;
  }

  count(resource: string): number {
    return this.tables.get(resource)?.objects.size ?? 0;
  }

  resources(): string[] {
    return [...this.tables.keys()].filter((r) => this.tables.get(r)!.objects.size > 0).sort();
  }

  /** Iterates without sorting (for controllers that do not care about order). */
  *each(resource: string): IterableIterator<KubeObject> {
    const t = this.tables.get(resource);
    if (t) yield* t.objects.values();
  }

  addIndex(resource: string, name: string, fn: IndexFunc): void {
    const t = this.table(resource);
    const values = new Map<string, Set<string>>();
    for (const [key, obj] of t.objects) for (const v of fn(obj)) addTo(values, v, key);
    t.indexes.set(name, { fn, values });
  }

  byIndex(resource: string, index: string, value: string): KubeObject[] {
    const t = this.tables.get(resource);
    const keys = t?.indexes.get(index)?.values.get(value);
    if (!t || !keys) return [];
    const out: KubeObject[] = [];
    for (const k of keys) out.push(t.objects.get(k)!);
    return out;
  }

  indexCount(resource: string, index: string, value: string): number {
    return this.tables.get(resource)?.indexes.get(index)?.values.get(value)?.size ?? 0;
  }

  /** Writes an object, giving it the next resourceVersion. Returns the stored object. */
  put(resource: string, obj: KubeObject): KubeObject {
    const t = this.table(resource);
    const key = objectKey(obj);
    const old = t.objects.get(key);
    const rev = ++this._rev;
    obj.metadata.resourceVersion = String(rev);
    if (this.freeze) deepFreeze(obj);
    if (!old) t.sorted = null;
    t.objects.set(key, obj);
    for (const idx of t.indexes.values()) {
      if (old) for (const v of idx.fn(old)) removeFrom(idx.values, v, key);
      for (const v of idx.fn(obj)) addTo(idx.values, v, key);
    }
    this.emit(t, rev, old ? { type: 'MODIFIED', resource, object: obj, oldObject: old } : { type: 'ADDED', resource, object: obj });
    return obj;
  }

  /** Removes an object. The DELETED event carries it with the deletion's resourceVersion. */
  remove(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const t = this.tables.get(resource);
    const key = namespace ? `${namespace}/${name}` : name;
    const old = t?.objects.get(key);
    if (!t || !old) return undefined;
    const rev = ++this._rev;
    t.objects.delete(key);
    t.sorted = null;
    for (const idx of t.indexes.values()) for (const v of idx.fn(old)) removeFrom(idx.values, v, key);
    const deleted = { ...old, metadata: { ...old.metadata, resourceVersion: String(rev) } };
    if (this.freeze) deepFreeze(deleted);
    this.emit(t, rev, { type: 'DELETED', resource, object: deleted, oldObject: old });
    return deleted;
  }

  watch(resource: string, handler: WatchHandler): () => void {
    const t = this.table(resource);
    t.watchers.add(handler);
    return () => t.watchers.delete(handler);
  }

  watchAll(handler: WatchHandler): () => void {
    this.allWatchers.add(handler);
    return () => this.allWatchers.delete(handler);
  }

  /** The events after `rev` for a resource (a watch resuming from a resourceVersion). */
  eventsSince(resource: string, rev: number): WatchEvent[] {
    if (this.history.length && rev < this.history[0].rev - 1 && rev < this._rev - HISTORY) {
      throw gone(`too old resource version: ${rev} (${this.history[0].rev - 1})`);
    }
    return this.history.filter((h) => h.rev > rev && h.event.resource === resource).map((h) => h.event);
  }

  private emit(t: Table, rev: number, e: WatchEvent): void {
    this.history.push({ rev, event: e });
    if (this.history.length > HISTORY * 1.5) this.history.splice(0, this.history.length - HISTORY);
    for (const w of t.watchers) w(e);
    for (const w of this.allWatchers) w(e);
  }

  /**
   * Objects in the order they were first written, so that a restored store iterates (`each`) in the
   * same order as the original; controllers that walk `each` or an index then act in the same order.
   */
  snapshot(): StoreSnapshot {
    const resources: Record<string, KubeObject[]> = {};
    for (const r of this.resources()) resources[r] = [...this.tables.get(r)!.objects.values()];
    return { rev: this._rev, resources };
  }

  /** Replaces everything without emitting events; indexes are rebuilt, watchers kept. */
  restore(s: StoreSnapshot): void {
    this._rev = s.rev;
    this.history = [];
    for (const t of this.tables.values()) {
      t.objects.clear();
      t.sorted = null;
      for (const idx of t.indexes.values()) idx.values.clear();
    }
    for (const [resource, objs] of Object.entries(s.resources)) {
      const t = this.table(resource);
      for (const o of objs) {
        if (this.freeze) deepFreeze(o);
        t.objects.set(objectKey(o), o);
      }
      // Every write moves an object to the end of its index entries: replaying in resourceVersion
      // order rebuilds them in the order the original store had.
      const byRev = [...objs].sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
      for (const o of byRev) for (const idx of t.indexes.values()) for (const v of idx.fn(o)) addTo(idx.values, v, objectKey(o));
    }
  }
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function addTo(m: Map<string, Set<string>>, v: string, key: string): void {
  let s = m.get(v);
  if (!s) m.set(v, (s = new Set()));
  s.add(key);
}

function removeFrom(m: Map<string, Set<string>>, v: string, key: string): void {
  const s = m.get(v);
  if (!s) return;
  s.delete(key);
  if (!s.size) m.delete(v);
}
