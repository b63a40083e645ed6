import { describe, expect, it } from 'vitest';
import { clone, type KubeObject } from '../object.ts';
import { otherDefaulters } from './other.ts';

type Json = Record<string, unknown>;

function defaulted(resource: string, o: Json): Json {
  const obj = clone({ metadata: { name: 'x' }, ...o }) as unknown as KubeObject;
  otherDefaulters[resource](obj);
  const { metadata: _metadata, ...rest } = obj as unknown as Json;
  return rest;
}

describe('defaulting of the other groups\' kinds', () => {
  const cases: [string, string, Json, Json][] = [
    [
      'an HPA without metrics targets 80% CPU from at least one replica',
      'horizontalpodautoscalers.autoscaling',
      { spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 10 } },
      {
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
          maxReplicas: 10,
          minReplicas: 1,
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
        },
      },
    ],
    [
      'an HPA without a behavior gets none',
      'horizontalpodautoscalers.autoscaling',
      { spec: { minReplicas: 2, maxReplicas: 5, metrics: [{ type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1k' } } }] } },
      { spec: { minReplicas: 2, maxReplicas: 5, metrics: [{ type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1k' } } }] } },
    ],
    [
      "an HPA's behavior is completed with the default scaling rules, keeping what it set",
      'horizontalpodautoscalers.autoscaling',
      { spec: { maxReplicas: 3, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } } },
      {
        spec: {
          maxReplicas: 3,
          minReplicas: 1,
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
          behavior: {
            scaleUp: {
              stabilizationWindowSeconds: 0,
              selectPolicy: 'Max',
              policies: [
                { type: 'Pods', value: 4, periodSeconds: 15 },
                { type: 'Percent', value: 100, periodSeconds: 15 },
              ],
            },
            scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
          },
        },
      },
    ],
    [
      'a NetworkPolicy without policy types is an ingress policy, and its ports are TCP',
      'networkpolicies.networking.k8s.io',
      { spec: { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] } },
      { spec: { podSelector: {}, ingress: [{ ports: [{ port: 80, protocol: 'TCP' }] }], policyTypes: ['Ingress'] } },
    ],
    [
      'a NetworkPolicy with egress rules covers egress too',
      'networkpolicies.networking.k8s.io',
      { spec: { podSelector: {}, egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] } },
      { spec: { podSelector: {}, egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }], policyTypes: ['Ingress', 'Egress'] } },
    ],
    [
      'a NetworkPolicy that names its types keeps them',
      'networkpolicies.networking.k8s.io',
      { spec: { podSelector: {}, policyTypes: ['Egress'] } },
      { spec: { podSelector: {}, policyTypes: ['Egress'] } },
    ],
    [
      "an IngressClass's parameters are cluster-scoped by default",
      'ingressclasses.networking.k8s.io',
      { spec: { controller: 'example.com/ingress', parameters: { kind: 'Params', name: 'p' } } },
      { spec: { controller: 'example.com/ingress', parameters: { kind: 'Params', name: 'p', scope: 'Cluster' } } },
    ],
    [
      'a PriorityClass preempts lower priorities by default',
      'priorityclasses.scheduling.k8s.io',
      { value: 1000 },
      { value: 1000, preemptionPolicy: 'PreemptLowerPriority' },
    ],
    [
      'a StorageClass deletes its volumes and binds them at once by default',
      'storageclasses.storage.k8s.io',
      { provisioner: 'kubernetes.io/no-provisioner' },
      { provisioner: 'kubernetes.io/no-provisioner', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' },
    ],
    [
      "a RoleBinding's role and its users and groups are RBAC's; a service account stays in the core group",
      'rolebindings.rbac.authorization.k8s.io',
      {
        roleRef: { kind: 'Role', name: 'pod-reader' },
        subjects: [
          { kind: 'User', name: 'jane' },
          { kind: 'Group', name: 'devs' },
          { kind: 'ServiceAccount', name: 'default', namespace: 'default' },
        ],
      },
      {
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
        subjects: [
          { kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' },
          { kind: 'Group', name: 'devs', apiGroup: 'rbac.authorization.k8s.io' },
          { kind: 'ServiceAccount', name: 'default', namespace: 'default' },
        ],
      },
    ],
    [
      'a ClusterRoleBinding is defaulted the same way',
      'clusterrolebindings.rbac.authorization.k8s.io',
      { roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'User', name: 'jane' }] },
      {
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subjects: [{ kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' }],
      },
    ],
    [
      "an EndpointSlice's ports are unnamed TCP ports by default",
      'endpointslices.discovery.k8s.io',
      { addressType: 'IPv4', ports: [{ port: 80 }] },
      { addressType: 'IPv4', ports: [{ port: 80, name: '', protocol: 'TCP' }] },
    ],
  ];
  it.each(cases)('%s', (_name, resource, input, expected) => {
    expect(defaulted(resource, input)).toEqual(expected);
  });

  it('Ingresses, PodDisruptionBudgets, Leases and events.k8s.io Events have no defaulter (pathType is required)', () => {
    for (const r of ['ingresses.networking.k8s.io', 'poddisruptionbudgets.policy', 'leases.coordination.k8s.io', 'events.events.k8s.io']) {
      expect(otherDefaulters[r]).toBeUndefined();
    }
  });
});
