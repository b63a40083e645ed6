// kubectl describe replicaset / replicationcontroller (describeReplicaSet,
// describeReplicationController): counts, the owned pods by phase, the pod template, conditions
// and events.

import type { KubeObject } from '../../api/object.ts';
import { formatLabelSelector, labelSelectorAsSelector, selectorFromSet, type Selector } from '../../api/labels.ts';
import type { LabelSelector } from '../../api/types.ts';
import { formatLabels } from '../printers/tables/common.ts';
import { controllerOf, describeEvents, eventsFor, printAnnotations, printLabels } from './common.ts';
import { describePodTemplate, podStatusForController } from './pod-template.ts';
import type { Describer } from './types.ts';
import { LEVEL_0, LEVEL_1, type PrefixWriter, tabbed } from './writer.ts';

interface SetView {
  spec?: { replicas?: number; selector?: LabelSelector | Record<string, string>; template?: Parameters<typeof describePodTemplate>[1] };
  status?: { replicas?: number; conditions?: { type: string; status: string; reason?: string }[] };
}

/** The Conditions block the workload describers share: `Type \tStatus\tReason` rows. */
export function describeConditions(w: PrefixWriter, conditions: readonly { type: string; status: string; reason?: string }[] | undefined): void {
  if (!conditions?.length) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

function describeSet(obj: KubeObject, selectorText: string, selector: Selector, withController: boolean, ctx: Parameters<Describer>[1]): string {
  const rs = obj as unknown as SetView;
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace}\n`);
    w.write(LEVEL_0, `Selector:\t${selectorText}\n`);
    printLabels(w, 'Labels', obj.metadata.labels);
    printAnnotations(w, 'Annotations', obj.metadata.annotations);
    const controller = controllerOf(obj);
    if (withController && controller) w.write(LEVEL_0, `Controlled By:\t${controller}\n`);
    w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 1} desired\n`);
    w.write(LEVEL_0, `Pods Status:\t${podStatusForController(ctx.store, obj, selector)}\n`);
    describePodTemplate(w, rs.spec?.template);
    describeConditions(w, rs.status?.conditions);
    if (ctx.showEvents) describeEvents(w, eventsFor(ctx.store, obj), ctx.now);
  });
}

export const replicaSetDescriber: Describer = (obj, ctx) => {
  const sel = (obj.spec as SetView['spec'])?.selector as LabelSelector | undefined;
  let selector: Selector;
  try {
    selector = labelSelectorAsSelector(sel);
  } catch {
    selector = labelSelectorAsSelector(null);
  }
  return describeSet(obj, formatLabelSelector(sel), selector, true, ctx);
};

export const replicationControllerDescriber: Describer = (obj, ctx) => {
  const sel = ((obj.spec as SetView['spec'])?.selector ?? {}) as Record<string, string>;
  return describeSet(obj, formatLabels(sel), selectorFromSet(sel), false, ctx);
};
