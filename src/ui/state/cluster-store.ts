// The page's mirror of the cluster, fed only by the worker's frames. Components select narrow
// slices: a pod component selects its own view, a node its list of pod keys; an index array is
// replaced only when its membership changes, so unrelated updates do not re-render.

import { create } from 'zustand';
import type { EventView, FromWorker, ObjectView, Speed, TimelineView } from '../../worker/protocol.ts';

/** Events kept on the page (the cluster keeps an hour of them; the log shows the newest). */
const MAX_EVENTS = 2000;
/** Timeline marks kept on the page (the worker keeps as many). */
const MAX_MARKS = 1000;

export interface ClusterState {
  ready: boolean;
  now: number;
  speed: Speed;
  objects: Record<string, ObjectView>;
  /** Object keys per resource, sorted by namespace/name. */
  byResource: Record<string, string[]>;
  /** Pod keys per node name ('' for pods not yet scheduled), sorted. */
  podsByNode: Record<string, string[]>;
  /** Object key by uid (owner references point at uids). */
  byUid: Record<string, string>;
  events: EventView[];
  /** Set when the engine stopped; the page offers the last autosave. */
  failure: string | null;
  /** The rewind timeline (its marks are the live cluster's). */
  timeline: TimelineView;
  /** True while the mirror shows an earlier moment (`now`) instead of the live cluster. */
  past: boolean;
  /** Where the live cluster is (the timeline's end); equal to `now` unless `past`. */
  liveNow: number;
}

const initial: ClusterState = { ready: false, now: 0, speed: 1, objects: {}, byResource: {}, podsByNode: {}, byUid: {}, events: [], failure: null, timeline: { start: 0, marks: [] }, past: false, liveNow: 0 };

export const useCluster = create<ClusterState>(() => initial);

const sortKey = (v: ObjectView) => `${v.namespace}/${v.name}`;

function insertSorted(list: string[] | undefined, key: string, objects: Record<string, ObjectView>): string[] {
  const arr = list ? [...list] : [];
  const k = sortKey(objects[key]);
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sortKey(objects[arr[mid]]) < k) lo = mid + 1;
    else hi = mid;
  }
  arr.splice(lo, 0, key);
  return arr;
}

const without = (list: string[] | undefined, key: string) => (list ?? []).filter((k) => k !== key);

function sortEvents(evs: EventView[]): EventView[] {
  return evs.sort((a, b) => a.last - b.last || (a.uid < b.uid ? -1 : 1)).slice(-MAX_EVENTS);
}

/** Applies one message from the worker to the mirror. Plain function: the client calls it. */
export function applyMessage(m: FromWorker): void {
  if (m.type === 'ready' || m.type === 'view') {
    const objects: Record<string, ObjectView> = {};
    for (const o of m.objects) objects[o.key] = o;
    const byResource: Record<string, string[]> = {};
    const podsByNode: Record<string, string[]> = {};
    const byUid: Record<string, string> = {};
    const keys = Object.keys(objects).sort((a, b) => (sortKey(objects[a]) < sortKey(objects[b]) ? -1 : 1));
    for (const k of keys) {
      const o = objects[k];
      (byResource[o.resource] ??= []).push(k);
      if (o.pod) (podsByNode[o.pod.nodeName] ??= []).push(k);
      byUid[o.uid] = k;
    }
    const past = m.type === 'view' && m.past;
    const liveNow = m.type === 'view' ? m.liveNow : m.now;
    const common = { ready: true, now: m.now, objects, byResource, podsByNode, byUid, events: sortEvents([...m.events]), failure: null, timeline: m.timeline, past, liveNow };
    useCluster.setState(m.type === 'ready' ? { ...common, speed: m.speed } : common);
    return;
  }
  if (m.type === 'frame') {
    const s = useCluster.getState();
    // Frames come from the live cluster only: the timeline's end moves with them.
    const timeline = m.marks?.length ? { start: s.timeline.start, marks: [...s.timeline.marks, ...m.marks].slice(-MAX_MARKS) } : s.timeline;
    if (!m.upserts.length && !m.removed.length && !m.events.length && !m.eventsRemoved.length) {
      useCluster.setState({ now: m.now, liveNow: m.now, timeline });
      return;
    }
    const objects = { ...s.objects };
    const byResource = { ...s.byResource };
    const podsByNode = { ...s.podsByNode };
    let byUid = s.byUid;
    for (const key of m.removed) {
      const old = objects[key];
      if (!old) continue;
      delete objects[key];
      byResource[old.resource] = without(byResource[old.resource], key);
      if (old.pod) podsByNode[old.pod.nodeName] = without(podsByNode[old.pod.nodeName], key);
      if (byUid === s.byUid) byUid = { ...byUid };
      delete byUid[old.uid];
    }
    for (const v of m.upserts) {
      const old = objects[v.key];
      objects[v.key] = v;
      if (!old) {
        byResource[v.resource] = insertSorted(byResource[v.resource], v.key, objects);
      }
      if (v.pod && (!old || old.pod?.nodeName !== v.pod.nodeName)) {
        if (old?.pod) podsByNode[old.pod.nodeName] = without(podsByNode[old.pod.nodeName], v.key);
        podsByNode[v.pod.nodeName] = insertSorted(podsByNode[v.pod.nodeName], v.key, objects);
      }
      if (!old || old.uid !== v.uid) {
        if (byUid === s.byUid) byUid = { ...byUid };
        if (old) delete byUid[old.uid];
        byUid[v.uid] = v.key;
      }
    }
    let events = s.events;
    if (m.events.length || m.eventsRemoved.length) {
      const gone = new Set([...m.eventsRemoved, ...m.events.map((e) => e.uid)]);
      events = sortEvents([...s.events.filter((e) => !gone.has(e.uid)), ...m.events]);
    }
    useCluster.setState({ now: m.now, liveNow: m.now, timeline, objects, byResource, podsByNode, byUid, events });
    return;
  }
  if (m.type === 'error' && m.fatal) useCluster.setState({ failure: m.message });
}

/** Forgets everything (a reset or restore is coming with a new `ready`). */
export function clearCluster(): void {
  useCluster.setState({ ...initial });
}
