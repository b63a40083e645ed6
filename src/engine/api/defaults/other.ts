// Defaulting of the other API groups' kinds (Kubernetes 1.30): autoscaling/v2, networking.k8s.io,
// scheduling.k8s.io, storage.k8s.io, rbac.authorization.k8s.io and discovery.k8s.io. Ingresses,
// PodDisruptionBudgets, Leases and events.k8s.io Events have no defaults (an Ingress path's
// pathType in particular is required, not defaulted).

import { convertHPAv1ToV2 } from './hpa-conversion.ts';
import type * as autoscaling from 'kubernetes-types/autoscaling/v2';
import type * as discovery from 'kubernetes-types/discovery/v1';
import type * as networking from 'kubernetes-types/networking/v1';
import type * as rbac from 'kubernetes-types/rbac/v1';
import type * as scheduling from 'kubernetes-types/scheduling/v1';
import type * as storage from 'kubernetes-types/storage/v1';
import type { KubeObject } from '../object.ts';
import type { Mutable } from '../types.ts';
import type { DefaulterTable } from './types.ts';

type HPA = Mutable<autoscaling.HorizontalPodAutoscaler>;
type HPAScalingRules = Mutable<autoscaling.HPAScalingRules>;
type NetworkPolicy = Mutable<networking.NetworkPolicy>;
type IngressClass = Mutable<networking.IngressClass>;
type PriorityClass = Mutable<scheduling.PriorityClass>;
type StorageClass = Mutable<storage.StorageClass>;
type RoleBinding = Mutable<rbac.RoleBinding>;
type Subject = Mutable<rbac.Subject>;
type EndpointSlice = Mutable<discovery.EndpointSlice>;

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** autoscaling.DefaultCPUUtilization. */
const DEFAULT_CPU_UTILIZATION = 80;

function defaultScaleUp(): HPAScalingRules {
  return {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

/** Scale-down leaves the stabilization window unset: the controller's flag (5 minutes) decides it. */
function defaultScaleDown(): HPAScalingRules {
  return { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
}

/** copyHPAScalingRules: the user's fields over the defaults. */
function fillScalingRules(from: HPAScalingRules | undefined, to: HPAScalingRules): HPAScalingRules {
  if (!from) return to;
  if (from.selectPolicy !== undefined) to.selectPolicy = from.selectPolicy;
  if (from.stabilizationWindowSeconds !== undefined) to.stabilizationWindowSeconds = from.stabilizationWindowSeconds;
  if (from.policies !== undefined) to.policies = from.policies;
  return to;
}

/**
 * SetDefaults_HorizontalPodAutoscaler (v2): minReplicas 1, an 80% CPU target when no metric is
 * given, and a behavior filled in only when one is given.
 */
export function defaultHorizontalPodAutoscaler(obj: KubeObject): void {
  convertHPAv1ToV2(obj);
  const hpa = obj as unknown as HPA;
  const spec = (hpa.spec ??= {} as NonNullable<HPA['spec']>);
  spec.minReplicas ??= 1;
  if (!spec.metrics || spec.metrics.length === 0) {
    spec.metrics = [
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } },
    ];
  }
  if (spec.behavior) {
    spec.behavior.scaleUp = fillScalingRules(spec.behavior.scaleUp, defaultScaleUp());
    spec.behavior.scaleDown = fillScalingRules(spec.behavior.scaleDown, defaultScaleDown());
  }
}

/** SetDefaults_NetworkPolicy and SetDefaults_NetworkPolicyPort. */
export function defaultNetworkPolicy(obj: KubeObject): void {
  const np = obj as unknown as NetworkPolicy;
  const spec = (np.spec ??= {} as NonNullable<NetworkPolicy['spec']>);
  if (!spec.policyTypes || spec.policyTypes.length === 0) {
    // A policy that names no types is at least about ingress; egress rules add Egress.
    spec.policyTypes = spec.egress && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  }
  for (const rule of spec.ingress ?? []) for (const port of rule.ports ?? []) port.protocol ??= 'TCP';
  for (const rule of spec.egress ?? []) for (const port of rule.ports ?? []) port.protocol ??= 'TCP';
}

/** SetDefaults_IngressClass: parameters are cluster-scoped unless said otherwise. */
export function defaultIngressClass(obj: KubeObject): void {
  const ic = obj as unknown as IngressClass;
  const params = ic.spec?.parameters;
  if (params && params.scope === undefined) params.scope = 'Cluster';
}

/** SetDefaults_PriorityClass. */
export function defaultPriorityClass(obj: KubeObject): void {
  const pc = obj as unknown as PriorityClass;
  pc.preemptionPolicy ??= 'PreemptLowerPriority';
}

/** SetDefaults_StorageClass. */
export function defaultStorageClass(obj: KubeObject): void {
  const sc = obj as unknown as StorageClass;
  sc.reclaimPolicy ??= 'Delete';
  sc.volumeBindingMode ??= 'Immediate';
}

/** SetDefaults_Subject: users and groups are RBAC's; service accounts keep the core group (""). */
function defaultSubject(s: Subject): void {
  if (!s.apiGroup && (s.kind === 'User' || s.kind === 'Group')) s.apiGroup = RBAC_GROUP;
}

/** SetDefaults_RoleBinding / SetDefaults_ClusterRoleBinding, and their subjects. */
export function defaultRoleBinding(obj: KubeObject): void {
  const rb = obj as unknown as RoleBinding;
  const ref = (rb.roleRef ??= {} as RoleBinding['roleRef']);
  if (!ref.apiGroup) ref.apiGroup = RBAC_GROUP;
  for (const s of rb.subjects ?? []) defaultSubject(s);
}

/** SetDefaults_EndpointPort: an unnamed TCP port. */
export function defaultEndpointSlice(obj: KubeObject): void {
  const slice = obj as unknown as EndpointSlice;
  for (const port of slice.ports ?? []) {
    port.name ??= '';
    port.protocol ??= 'TCP';
  }
}

export const otherDefaulters: DefaulterTable = {
  'horizontalpodautoscalers.autoscaling': defaultHorizontalPodAutoscaler,
  'networkpolicies.networking.k8s.io': defaultNetworkPolicy,
  'ingressclasses.networking.k8s.io': defaultIngressClass,
  'priorityclasses.scheduling.k8s.io': defaultPriorityClass,
  'storageclasses.storage.k8s.io': defaultStorageClass,
  'rolebindings.rbac.authorization.k8s.io': defaultRoleBinding,
  'clusterrolebindings.rbac.authorization.k8s.io': defaultRoleBinding,
  'endpointslices.discovery.k8s.io': defaultEndpointSlice,
};
