// autoscaling/v1 ↔ v2 (pkg/apis/autoscaling/v1/conversion.go), the direction the apiserver needs
// on writes: an HPA sent as autoscaling/v1 is stored as v2, its targetCPUUtilizationPercentage
// becoming a cpu Utilization metric. (Reading back as v1 is not served: kubectl reads v2.)

import type { KubeObject } from '../object.ts';

export function convertHPAv1ToV2(obj: KubeObject): void {
  if (obj.apiVersion !== 'autoscaling/v1') return;
  obj.apiVersion = 'autoscaling/v2';
  const spec = obj.spec as { targetCPUUtilizationPercentage?: number; metrics?: unknown[] } | undefined;
  if (spec) {
    const pct = spec.targetCPUUtilizationPercentage;
    delete spec.targetCPUUtilizationPercentage;
    if (pct !== undefined && pct !== null) spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: pct } } }];
  }
  const status = obj.status as { currentCPUUtilizationPercentage?: number; currentMetrics?: unknown[] } | undefined;
  if (status) {
    const cur = status.currentCPUUtilizationPercentage;
    delete status.currentCPUUtilizationPercentage;
    if (cur !== undefined && cur !== null) status.currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: cur } } }];
  }
}
