// The graph's own view settings: which namespace, whether system pods and owners are shown.

import { create } from 'zustand';

export interface GraphView {
  namespace: string;
  showSystem: boolean;
  showOwners: boolean;
}

export const useGraphView = create<GraphView>(() => ({ namespace: '', showSystem: false, showOwners: false }));

/** Namespaces the cluster's own parts live in (kube-system, kube-flannel, kube-public …): "kube-" is reserved. */
export function isSystemNamespace(ns: string): boolean {
  return ns.startsWith('kube-');
}

/** Is an object of namespace `ns` (a pod, a service, a workload) shown under these settings? */
export function podVisible(ns: string, v: GraphView): boolean {
  if (v.namespace) return ns === v.namespace;
  return v.showSystem || !isSystemNamespace(ns);
}
