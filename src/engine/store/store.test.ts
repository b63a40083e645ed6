import { describe, expect, it } from 'vitest';
import { Store, type WatchEvent } from './store.ts';
import type { KubeObject } from '../api/object.ts';

const obj = (ns: string | undefined, name: string, extra: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, ...extra });

describe('the object store', () => {
  it('lists in key order, as etcd returns a range', () => {
    const s = new Store();
    for (const [ns, n] of [['b', 'x'], ['a-b', 'y'], ['a', 'z'], ['a', 'c']] as const) s.put('cm', obj(ns, n));
    expect(s.list('cm').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['a-b/y', 'a/c', 'a/z', 'b/x']);
    expect(s.list('cm', 'a').map((o) => o.metadata.name)).toEqual(['c', 'z']);
  });

  it('gives every write the next cluster-wide resourceVersion', () => {
    const s = new Store();
    const a = s.put('cm', obj('d', 'a'));
    const b = s.put('secrets', obj('d', 'b'));
    expect(Number(b.metadata.resourceVersion)).toBe(Number(a.metadata.resourceVersion) + 1);
    const removed = s.remove('cm', 'd', 'a')!;
    expect(Number(removed.metadata.resourceVersion)).toBe(Number(b.metadata.resourceVersion) + 1);
  });

  it('tells watchers ADDED, MODIFIED with the old object, and DELETED', () => {
    const s = new Store();
    const seen: string[] = [];
    s.watch('cm', (e: WatchEvent) => seen.push(`${e.type}:${e.object.data ? JSON.stringify(e.object.data) : '-'}:${e.oldObject?.data ? JSON.stringify(e.oldObject.data) : '-'}`));
    s.put('cm', obj('d', 'a', { data: { v: '1' } }));
    s.put('cm', obj('d', 'a', { data: { v: '2' } }));
    s.remove('cm', 'd', 'a');
    expect(seen).toEqual(['ADDED:{"v":"1"}:-', 'MODIFIED:{"v":"2"}:{"v":"1"}', 'DELETED:{"v":"2"}:{"v":"2"}']);
  });

  it('replays what happened after a resourceVersion to a resuming watch', () => {
    const s = new Store();
    const a = s.put('cm', obj('d', 'a'));
    s.put('cm', obj('d', 'b'));
    s.put('secrets', obj('d', 's'));
    const after = s.eventsSince('cm', Number(a.metadata.resourceVersion));
    expect(after.map((e) => `${e.type}:${e.object.metadata.name}`)).toEqual(['ADDED:b']);
  });

  it('keeps secondary indexes in step with writes', () => {
    const s = new Store();
    s.addIndex('pods', 'node', (o) => [(o.spec as { nodeName?: string }).nodeName ?? ''].filter(Boolean));
    s.put('pods', obj('d', 'p1', { spec: { nodeName: 'n1' } }));
    s.put('pods', obj('d', 'p2', { spec: { nodeName: 'n1' } }));
    s.put('pods', obj('d', 'p1', { spec: { nodeName: 'n2' } }));
    expect(s.byIndex('pods', 'node', 'n1').map((o) => o.metadata.name)).toEqual(['p2']);
    s.remove('pods', 'd', 'p2');
    expect(s.indexCount('pods', 'node', 'n1')).toBe(0);
  });

  it('restores a snapshot with its indexes and revision, without telling watchers', () => {
    const s = new Store();
    s.addIndex('pods', 'node', (o) => [(o.spec as { nodeName: string }).nodeName]);
    s.put('pods', obj('d', 'p1', { spec: { nodeName: 'n1' } }));
    const snap = JSON.parse(JSON.stringify(s.snapshot()));
    const t = new Store();
    t.addIndex('pods', 'node', (o) => [(o.spec as { nodeName: string }).nodeName]);
    let events = 0;
    t.watch('pods', () => void events++);
    t.restore(snap);
    expect(events).toBe(0);
    expect(t.rev).toBe(s.rev);
    expect(t.byIndex('pods', 'node', 'n1')).toHaveLength(1);
  });

  it('restores the order of iteration and of index entries, so that a restored cluster acts in the same order', () => {
    const index = (st: Store) => st.addIndex('pods', 'node', (o) => [(o.spec as { nodeName: string }).nodeName]);
    const s = new Store();
    index(s);
    for (const n of ['z', 'a', 'm']) s.put('pods', obj('d', n, { spec: { nodeName: 'n1' } }));
    s.put('pods', obj('d', 'z', { spec: { nodeName: 'n1' }, data: { v: '2' } }));
    const t = new Store();
    index(t);
    t.restore(JSON.parse(JSON.stringify(s.snapshot())));
    const names = (it: Iterable<KubeObject>) => [...it].map((o) => o.metadata.name);
    expect(names(t.each('pods'))).toEqual(names(s.each('pods')));
    expect(names(t.each('pods'))).toEqual(['z', 'a', 'm']);
    expect(names(t.byIndex('pods', 'node', 'n1'))).toEqual(names(s.byIndex('pods', 'node', 'n1')));
    expect(names(t.byIndex('pods', 'node', 'n1'))).toEqual(['a', 'm', 'z']);
  });

  it('freezes stored objects when asked, so that a component that mutates one fails', () => {
    const s = new Store();
    s.freeze = true;
    const stored = s.put('cm', obj('d', 'a', { data: { v: '1' } }));
    expect(() => {
      (stored.data as Record<string, string>).v = '2';
    }).toThrow();
  });
});
