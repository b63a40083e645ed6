// Service defaulting: SetDefaults_Service (pkg/apis/core/v1/defaults.go) and the IP-family fields
// the service registry fills in before allocating (pkg/registry/core/service/storage/alloc.go,
// initIPFamilyFields) for a single-stack IPv4 cluster. ClusterIPs and node ports are not defaults:
// the registry allocates them (apiserver/strategies/service.ts).

import type { Service } from 'kubernetes-types/core/v1';

/** v1.DefaultClientIPServiceAffinitySeconds: three hours. */
export const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

/** apiservice.ExternallyAccessible: reachable from outside the cluster. */
export function externallyAccessible(svc: Service): boolean {
  const t = svc.spec?.type;
  return t === 'LoadBalancer' || t === 'NodePort' || (t === 'ClusterIP' && (svc.spec?.externalIPs?.length ?? 0) > 0);
}

export function isHeadless(svc: Service): boolean {
  const s = svc.spec;
  return s?.clusterIP === 'None' || (s?.clusterIPs?.length === 1 && s.clusterIPs[0] === 'None');
}

export function defaultService(svc: Service): void {
  const spec = svc.spec;
  if (!spec) return;
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds == null) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
  }
  if (!spec.type) spec.type = 'ClusterIP';
  if (Array.isArray(spec.ports)) {
    for (const p of spec.ports) {
      if (!p) continue;
      if (!p.protocol) p.protocol = 'TCP';
      if (p.targetPort == null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
    }
  }
  if (externallyAccessible(svc) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (spec.internalTrafficPolicy == null && (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || spec.type === 'ClusterIP')) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts == null) spec.allocateLoadBalancerNodePorts = true;
  if (spec.type !== 'ExternalName') defaultIPFamilies(svc);
}

/**
 * initIPFamilyFields in a single-stack IPv4 cluster: SingleStack and [IPv4], except a headless
 * service without a selector, which asks for every family the cluster has (RequireDualStack).
 */
function defaultIPFamilies(svc: Service): void {
  const spec = svc.spec;
  if (!spec) return;
  if (spec.ipFamilyPolicy == null) {
    const selectorless = !spec.selector || Object.keys(spec.selector).length === 0;
    spec.ipFamilyPolicy = isHeadless(svc) && selectorless ? 'RequireDualStack' : 'SingleStack';
  }
  if (!spec.ipFamilies || spec.ipFamilies.length === 0) spec.ipFamilies = ['IPv4'];
}
