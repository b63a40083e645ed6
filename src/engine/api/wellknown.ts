// The kinds the engine's own components use, looked up once. Components write through the
// apiserver with these, as clients would after discovery.

import { KINDS, groupResource, type KindInfo } from './kinds.ts';

function find(kind: string, group = ''): KindInfo {
  const k = KINDS.find((x) => x.kind === kind && x.group === group);
  if (!k) throw new Error(`unknown kind ${kind}`);
  return k;
}

export const K = {
  Pod: find('Pod'),
  Node: find('Node'),
  Namespace: find('Namespace'),
  Service: find('Service'),
  Endpoints: find('Endpoints'),
  Event: find('Event'),
  ConfigMap: find('ConfigMap'),
  Secret: find('Secret'),
  ServiceAccount: find('ServiceAccount'),
  Binding: find('Binding'),
  Lease: find('Lease', 'coordination.k8s.io'),
  EndpointSlice: find('EndpointSlice', 'discovery.k8s.io'),
  PriorityClass: find('PriorityClass', 'scheduling.k8s.io'),
  Deployment: find('Deployment', 'apps'),
  ReplicaSet: find('ReplicaSet', 'apps'),
} as const;

/** Store resource names ("pods", "deployments.apps") of the well-known kinds. */
export const R = {
  pods: groupResource(K.Pod),
  nodes: groupResource(K.Node),
  namespaces: groupResource(K.Namespace),
  services: groupResource(K.Service),
  endpoints: groupResource(K.Endpoints),
  events: groupResource(K.Event),
  configmaps: groupResource(K.ConfigMap),
  secrets: groupResource(K.Secret),
  serviceaccounts: groupResource(K.ServiceAccount),
  leases: groupResource(K.Lease),
  endpointslices: groupResource(K.EndpointSlice),
  priorityclasses: groupResource(K.PriorityClass),
} as const;
