// The graph's own view settings: which namespace, whether system pods and owners are shown.

import { create } from 'zustand';

export interface GraphView {
  namespace: string;
  showSystem: boolean;
  showOwners: boolean;
}

export const useGraphView = create<GraphView>(() => ({ namespace: '', showSystem: false, showOwners: false }));

/** Is a pod of namespace `ns` shown under these settings? */
export function podVisible(ns: string, v: GraphView): boolean {
  if (v.namespace) return ns === v.namespace;
  return v.showSystem || ns !== 'kube-system';
}
