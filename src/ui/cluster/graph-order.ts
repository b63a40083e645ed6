// How the graph orders and shortens what it shows: pure functions, table-tested.

import type { ClusterState } from '../state/cluster-store.ts';

/**
 * The workloads column in family order: each top workload (a Deployment, a CronJob …) followed by
 * what it owns, newest revision first, so a rollout's old and new ReplicaSets stand together.
 */
export function familyOrder(keys: string[], s: Pick<ClusterState, 'objects' | 'byUid'>): string[] {
  const set = new Set(keys);
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const k of keys) {
    // An autoscaler stands with what it scales.
    const scales = s.objects[k]?.workload?.scales;
    const parent = scales && set.has(scales) ? scales : (s.objects[k]?.owners ?? []).map((u) => s.byUid[u]).find((p) => p && set.has(p));
    if (parent) (children.get(parent) ?? children.set(parent, []).get(parent)!).push(k);
    else roots.push(k);
  }
  const rev = (k: string) => Number(s.objects[k]?.workload?.revision || 0);
  const out: string[] = [];
  const walk = (k: string) => {
    out.push(k);
    for (const c of (children.get(k) ?? []).sort((a, b) => rev(b) - rev(a) || (a < b ? -1 : 1))) walk(c);
  };
  for (const r of roots) walk(r);
  return out;
}

/**
 * A long pod name shortened in the middle: the end is what tells a Deployment's pods apart
 * (web-6bf8445f55-827jb → web-6bf84…-827jb).
 */
export function middleEllipsis(name: string, max = 17): string {
  if (name.length <= max) return name;
  const tail = Math.min(6, Math.floor((max - 1) / 2));
  return name.slice(0, max - 1 - tail) + '…' + name.slice(name.length - tail);
}

