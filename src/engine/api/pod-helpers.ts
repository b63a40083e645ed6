// Small facts about pods that several components need.

import type { Container, Pod } from './types.ts';

/** The pod's QoS class (pkg/apis/core/helper/qos.GetPodQOS). */
export function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers: Container[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const requests = new Map<string, string>();
  const limits = new Map<string, string>();
  let isGuaranteed = true;
  const tracked = ['cpu', 'memory'];
  for (const c of containers) {
    const req = (c.resources?.requests ?? {}) as Record<string, string>;
    const lim = (c.resources?.limits ?? {}) as Record<string, string>;
    for (const [k, v] of Object.entries(req)) if (tracked.includes(k) && !isZero(v)) requests.set(k, v);
    let limitsFound = 0;
    for (const [k, v] of Object.entries(lim)) {
      if (!tracked.includes(k)) continue;
      if (!isZero(v)) {
        limits.set(k, v);
        limitsFound++;
      }
    }
    if (limitsFound < tracked.length) isGuaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (isGuaranteed) {
    // Guaranteed only if every container's requests equal its limits.
    for (const c of containers) {
      const req = (c.resources?.requests ?? {}) as Record<string, string>;
      const lim = (c.resources?.limits ?? {}) as Record<string, string>;
      for (const k of tracked) if (req[k] !== undefined && String(req[k]) !== String(lim[k])) return 'Burstable';
    }
    return 'Guaranteed';
  }
  return 'Burstable';
}

function isZero(v: string | number): boolean {
  return v === 0 || v === '0' || v === '0m';
}

export function isMirrorPod(pod: Pod): boolean {
  return !!pod.metadata?.annotations?.['kubernetes.io/config.mirror'];
}
