// The apiserver's own bootstrap loops: the system namespaces, the system priority classes, and the
// `kubernetes` Service with its Endpoints and EndpointSlice pointing at the apiserver, put back every
// ten seconds if someone deletes them (pkg/controlplane/controller).

import { K, R } from '../api/wellknown.ts';
import type { KubeObject } from '../api/object.ts';
import type { Component, Sim } from '../sim/sim.ts';
import type { ApiServer } from './apiserver.ts';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;
export const KUBERNETES_SERVICE_IP = '10.96.0.1';
export const APISERVER_PORT = 6443;
/** How often the apiserver reconciles its service (EndpointInterval). */
const INTERVAL_MS = 10_000;

const PRIORITY_CLASSES = [
  { name: 'system-node-critical', value: 2000001000, description: 'Used for system critical pods that must not be moved from their current node.' },
  { name: 'system-cluster-critical', value: 2000000000, description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.' },
];

export class ApiServerBootstrap implements Component {
  readonly name = 'apiserver-bootstrap';

  constructor(
    private readonly api: ApiServer,
    private readonly sim: Sim,
    private readonly advertiseAddress: string,
  ) {
    sim.register(this);
  }

  start(): void {
    this.reconcile();
  }

  onTimer(): void {
    this.reconcile();
  }

  private reconcile(): void {
    this.sim.setTimer(this.name, 'tick', this.sim.now() + INTERVAL_MS);
    try {
      this.ensureNamespaces();
      this.ensurePriorityClasses();
      this.ensureKubernetesService();
    } catch {
      // etcd unavailable: try again on the next tick, as the real loop does.
    }
  }

  private ensureNamespaces(): void {
    for (const name of SYSTEM_NAMESPACES) {
      if (this.api.store.get(R.namespaces, undefined, name)) continue;
      this.api.create(K.Namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    }
  }

  private ensurePriorityClasses(): void {
    for (const pc of PRIORITY_CLASSES) {
      if (this.api.store.get(R.priorityclasses, undefined, pc.name)) continue;
      this.api.create(K.PriorityClass, {
        apiVersion: 'scheduling.k8s.io/v1',
        kind: 'PriorityClass',
        metadata: { name: pc.name },
        value: pc.value,
        description: pc.description,
        preemptionPolicy: 'PreemptLowerPriority',
      });
    }
  }

  private ensureKubernetesService(): void {
    const { store } = this.api;
    if (!store.get(R.namespaces, undefined, 'default')) return;
    if (!store.get(R.services, 'default', 'kubernetes')) {
      this.api.create(K.Service, {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
        spec: {
          type: 'ClusterIP',
          clusterIP: KUBERNETES_SERVICE_IP,
          clusterIPs: [KUBERNETES_SERVICE_IP],
          ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: APISERVER_PORT }],
          sessionAffinity: 'None',
        },
      });
    }
    const endpoints: KubeObject = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: this.advertiseAddress }], ports: [{ name: 'https', port: APISERVER_PORT, protocol: 'TCP' }] }],
    };
    const ep = store.get(R.endpoints, 'default', 'kubernetes');
    if (!ep) this.api.create(K.Endpoints, endpoints);
    else if (JSON.stringify(ep.subsets) !== JSON.stringify(endpoints.subsets)) this.api.update(K.Endpoints, { ...ep, subsets: endpoints.subsets });
    if (!store.get(R.endpointslices, 'default', 'kubernetes')) {
      this.api.create(K.EndpointSlice, {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
        addressType: 'IPv4',
        endpoints: [{ addresses: [this.advertiseAddress], conditions: { ready: true } }],
        ports: [{ name: 'https', port: APISERVER_PORT, protocol: 'TCP' }],
      });
    }
  }
}
