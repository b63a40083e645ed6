// kubectl describe horizontalpodautoscaler (describeHorizontalPodAutoscalerV2, kubectl 1.30):
// reference, each metric's current and target, min/max, behavior when set, the target's pod
// counts, conditions and events.

import type { KubeObject } from '../../api/object.ts';
import { describeEvents, eventsFor, printAnnotations, printLabels, rfc1123 } from './common.ts';
import type { Describer } from './types.ts';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, tabbed, type PrefixWriter } from './writer.ts';

interface Rules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: string;
  policies?: { type: string; value: number; periodSeconds: number }[];
}
interface HPAView {
  spec: {
    scaleTargetRef: { kind: string; name: string };
    minReplicas?: number;
    maxReplicas: number;
    metrics?: { type: string; resource?: { name: string; target: { type: string; averageUtilization?: number; averageValue?: string | number } } }[];
    behavior?: { scaleUp?: Rules; scaleDown?: Rules };
  };
  status?: {
    currentReplicas?: number;
    desiredReplicas?: number;
    currentMetrics?: { type: string; resource?: { name: string; current: { averageUtilization?: number; averageValue?: string } } }[];
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
}

function printDirectionBehavior(w: PrefixWriter, direction: string, rules: Rules | undefined): void {
  if (!rules) return;
  w.write(LEVEL_1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds !== undefined) w.write(LEVEL_2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  if (rules.policies?.length) {
    w.write(LEVEL_2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
    w.write(LEVEL_2, 'Policies:\n');
    for (const p of rules.policies) w.write(LEVEL_3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
  }
}

export const hpaDescriber: Describer = (obj: KubeObject, ctx) => {
  const hpa = obj as unknown as HPAView;
  const current = hpa.status?.currentMetrics ?? [];
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace}\n`);
    printLabels(w, 'Labels', obj.metadata.labels);
    printAnnotations(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123(obj.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Reference:\t${hpa.spec.scaleTargetRef.kind}/${hpa.spec.scaleTargetRef.name}\n`);
    w.write(LEVEL_0, 'Metrics:\t( current / target )\n');
    (hpa.spec.metrics ?? []).forEach((m, i) => {
      if (m.type !== 'Resource' || !m.resource) {
        w.write(LEVEL_1, `<unknown metric type "${m.type}">\n`);
        return;
      }
      const cur = current[i]?.resource?.current;
      w.write(LEVEL_1, `resource ${m.resource.name} on pods`);
      const t = m.resource.target;
      if (t.averageValue !== undefined) {
        w.write(LEVEL_0, `:\t${cur?.averageValue ?? '<unknown>'} / ${String(t.averageValue)}\n`);
      } else {
        const c = cur?.averageUtilization !== undefined ? `${cur.averageUtilization}% (${cur.averageValue ?? '0'})` : '<unknown>';
        w.write(LEVEL_1, `(as a percentage of request):\t${c} / ${t.averageUtilization !== undefined ? `${t.averageUtilization}%` : '<auto>'}\n`);
      }
    });
    w.write(LEVEL_0, `Min replicas:\t${hpa.spec.minReplicas ?? '<unset>'}\n`);
    w.write(LEVEL_0, `Max replicas:\t${hpa.spec.maxReplicas}\n`);
    if (hpa.spec.behavior) {
      w.write(LEVEL_0, 'Behavior:\n');
      printDirectionBehavior(w, 'Scale Up', hpa.spec.behavior.scaleUp);
      printDirectionBehavior(w, 'Scale Down', hpa.spec.behavior.scaleDown);
    }
    w.write(LEVEL_0, `${hpa.spec.scaleTargetRef.kind} pods:\t`);
    w.write(LEVEL_0, `${hpa.status?.currentReplicas ?? 0} current / ${hpa.status?.desiredReplicas ?? 0} desired\n`);
    const conds = hpa.status?.conditions ?? [];
    if (conds.length) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------\t-------\n');
      for (const c of conds) w.write(LEVEL_1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
    }
    if (ctx.showEvents) describeEvents(w, eventsFor(ctx.store, obj), ctx.now);
  });
};
