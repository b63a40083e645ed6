// Tables of the workload kinds (printers.go: printDeployment, printReplicaSet, printStatefulSet,
// printDaemonSet, printJob, printCronJob, printHorizontalPodAutoscaler, printControllerRevision).

import type { KubeObject } from '../../../api/object.ts';
import { formatLabelSelector } from '../../../api/labels.ts';
import { humanDuration } from '../../../util/duration.ts';
import { parseRFC3339 } from '../../../util/time.ts';
import type { LabelSelector } from '../../../api/types.ts';
import type { Column, TablePrinter } from '../types.ts';
import { age, formatLabels, objAge } from './common.ts';

type Spec = {
  replicas?: number;
  selector?: LabelSelector | Record<string, string>;
  template?: { spec?: { containers?: { name: string; image?: string }[]; nodeSelector?: Record<string, string> } };
  jobTemplate?: { spec?: { template?: { spec?: { containers?: { name: string; image?: string }[] } }; selector?: LabelSelector } };
  completions?: number;
  parallelism?: number;
  schedule?: string;
  timeZone?: string;
  suspend?: boolean;
};
type Status = Record<string, unknown> & { conditions?: { type: string; status: string }[] };

const spec = (o: KubeObject) => (o.spec ?? {}) as Spec;
const status = (o: KubeObject) => (o.status ?? {}) as Status;
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

const WIDE_CONTAINERS: Column[] = [
  { name: 'CONTAINERS', wide: true },
  { name: 'IMAGES', wide: true },
  { name: 'SELECTOR', wide: true },
];

/** layoutContainerCells: container names and images, comma-joined. */
function containerCells(containers: { name: string; image?: string }[] | undefined): [string, string] {
  const cs = containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image ?? '').join(',')];
}

function selectorText(sel: Spec['selector']): string {
  if (!sel) return '<none>';
  if ('matchLabels' in sel || 'matchExpressions' in sel) return formatLabelSelector(sel as LabelSelector);
  return formatLabels(sel as Record<string, string>);
}

export const deploymentTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'READY' }, { name: 'UP-TO-DATE' }, { name: 'AVAILABLE' }, { name: 'AGE' }, ...WIDE_CONTAINERS],
  row(o, ctx) {
    const s = status(o);
    return [o.metadata.name!, `${num(s.readyReplicas)}/${spec(o).replicas ?? 1}`, String(num(s.updatedReplicas)), String(num(s.availableReplicas)), objAge(o, ctx), ...containerCells(spec(o).template?.spec?.containers), selectorText(spec(o).selector)];
  },
};

export const replicaSetTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'DESIRED' }, { name: 'CURRENT' }, { name: 'READY' }, { name: 'AGE' }, ...WIDE_CONTAINERS],
  row(o, ctx) {
    const s = status(o);
    return [o.metadata.name!, String(spec(o).replicas ?? 1), String(num(s.replicas)), String(num(s.readyReplicas)), objAge(o, ctx), ...containerCells(spec(o).template?.spec?.containers), selectorText(spec(o).selector)];
  },
};

export const statefulSetTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'READY' }, { name: 'AGE' }, { name: 'CONTAINERS', wide: true }, { name: 'IMAGES', wide: true }],
  row(o, ctx) {
    return [o.metadata.name!, `${num(status(o).readyReplicas)}/${spec(o).replicas ?? 1}`, objAge(o, ctx), ...containerCells(spec(o).template?.spec?.containers)];
  },
};

export const daemonSetTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'DESIRED' }, { name: 'CURRENT' }, { name: 'READY' }, { name: 'UP-TO-DATE' }, { name: 'AVAILABLE' }, { name: 'NODE SELECTOR' }, { name: 'AGE' }, ...WIDE_CONTAINERS],
  row(o, ctx) {
    const s = status(o);
    return [
      o.metadata.name!,
      String(num(s.desiredNumberScheduled)),
      String(num(s.currentNumberScheduled)),
      String(num(s.numberReady)),
      String(num(s.updatedNumberScheduled)),
      String(num(s.numberAvailable)),
      formatLabels(spec(o).template?.spec?.nodeSelector),
      objAge(o, ctx),
      ...containerCells(spec(o).template?.spec?.containers),
      selectorText(spec(o).selector),
    ];
  },
};

const hasCondition = (s: Status, type: string) => !!s.conditions?.some((c) => c.type === type && c.status === 'True');

export const jobTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'STATUS' }, { name: 'COMPLETIONS' }, { name: 'DURATION' }, { name: 'AGE' }, ...WIDE_CONTAINERS],
  row(o, ctx) {
    const s = status(o);
    const sp = spec(o);
    let st = 'Running';
    if (hasCondition(s, 'Complete')) st = 'Complete';
    else if (hasCondition(s, 'Failed')) st = 'Failed';
    else if (o.metadata.deletionTimestamp) st = 'Terminating';
    else if (hasCondition(s, 'Suspended')) st = 'Suspended';
    else if (hasCondition(s, 'FailureTarget')) st = 'FailureTarget';
    const succeeded = num(s.succeeded);
    let completions: string;
    if (sp.completions !== undefined) completions = `${succeeded}/${sp.completions}`;
    else if (sp.parallelism !== undefined && sp.parallelism > 1) completions = `${succeeded}/1 of ${sp.parallelism}`;
    else completions = `${succeeded}/1`;
    const start = parseRFC3339(s.startTime as string | undefined);
    const end = parseRFC3339(s.completionTime as string | undefined);
    const duration = start === undefined ? '' : humanDuration((end ?? ctx.now) - start);
    return [o.metadata.name!, st, completions, duration, objAge(o, ctx), ...containerCells(sp.template?.spec?.containers), selectorText(sp.selector)];
  },
};

export const cronJobTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'SCHEDULE' }, { name: 'TIMEZONE' }, { name: 'SUSPEND' }, { name: 'ACTIVE' }, { name: 'LAST SCHEDULE' }, { name: 'AGE' }, ...WIDE_CONTAINERS],
  row(o, ctx) {
    const sp = spec(o);
    const s = status(o);
    const last = s.lastScheduleTime as string | undefined;
    return [
      o.metadata.name!,
      sp.schedule ?? '',
      sp.timeZone ?? '<none>',
      sp.suspend ? 'True' : 'False',
      String(((s.active as unknown[] | undefined) ?? []).length),
      last ? age(last, ctx) : '<none>',
      objAge(o, ctx),
      ...containerCells(sp.jobTemplate?.spec?.template?.spec?.containers),
      selectorText(sp.jobTemplate?.spec?.selector),
    ];
  },
};

interface MetricSpec {
  type: string;
  resource?: { name: string; target: { type: string; averageUtilization?: number; averageValue?: string; value?: string } };
}
interface MetricStatus {
  type: string;
  resource?: { name: string; current: { averageUtilization?: number; averageValue?: string; value?: string } };
}

/** formatHPAMetrics: `cpu: 20%/80%`, `cpu: <unknown>/80%`, and `+ N more...` past the fourth. */
export function hpaTargets(metrics: MetricSpec[] | undefined, current: MetricStatus[] | undefined): string {
  if (!metrics?.length) return '<none>';
  const parts: string[] = [];
  metrics.forEach((m, i) => {
    if (m.type !== 'Resource' || !m.resource) {
      parts.push('<unknown>');
      return;
    }
    const cur = current?.[i]?.resource?.current;
    const t = m.resource.target;
    if (t.type === 'Utilization' && t.averageUtilization !== undefined) {
      const c = cur?.averageUtilization !== undefined ? `${cur.averageUtilization}%` : '<unknown>';
      parts.push(`${m.resource.name}: ${c}/${t.averageUtilization}%`);
    } else {
      const c = cur?.averageValue ?? '<unknown>';
      parts.push(`${m.resource.name}: ${c}/${t.averageValue ?? t.value ?? ''}`);
    }
  });
  if (parts.length > 4) return `${parts.slice(0, 4).join(', ')} + ${parts.length - 4} more...`;
  return parts.join(', ');
}

export const hpaTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'REFERENCE' }, { name: 'TARGETS' }, { name: 'MINPODS' }, { name: 'MAXPODS' }, { name: 'REPLICAS' }, { name: 'AGE' }],
  row(o, ctx) {
    const sp = o.spec as { scaleTargetRef?: { kind: string; name: string }; minReplicas?: number; maxReplicas?: number; metrics?: MetricSpec[]; targetCPUUtilizationPercentage?: number };
    const s = status(o);
    const ref = sp.scaleTargetRef ? `${sp.scaleTargetRef.kind}/${sp.scaleTargetRef.name}` : '';
    return [o.metadata.name!, ref, hpaTargets(sp.metrics, s.currentMetrics as MetricStatus[] | undefined), sp.minReplicas === undefined ? '<unset>' : String(sp.minReplicas), String(sp.maxReplicas ?? 0), String(num(s.currentReplicas)), objAge(o, ctx)];
  },
};

export const controllerRevisionTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'CONTROLLER' }, { name: 'REVISION' }, { name: 'AGE' }],
  row(o, ctx) {
    const ref = o.metadata.ownerReferences?.find((r) => r.controller);
    const controller = ref ? `${ref.kind.toLowerCase()}.${ref.apiVersion.split('/')[0]}/${ref.name}` : '<none>';
    return [o.metadata.name!, controller, String((o as { revision?: number }).revision ?? 0), objAge(o, ctx)];
  },
};
