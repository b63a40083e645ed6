// kubectl describe daemonset (describeDaemonSet): the node counts from status, the owned pods by
// phase, the pod template and the controller's events.

import type { KubeObject } from '../../api/object.ts';
import { labelSelectorAsSelector } from '../../api/labels.ts';
import type { LabelSelector, PodSpec } from '../../api/types.ts';
import { formatLabels } from '../printers/tables/common.ts';
import { describeEvents, eventsFor, printAnnotations, printLabels } from './common.ts';
import { describePodTemplate, podStatusForController } from './pod-template.ts';
import type { Describer } from './types.ts';
import { LEVEL_0, tabbed } from './writer.ts';

interface DaemonSetView {
  spec?: { selector?: LabelSelector; template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: PodSpec } };
  status?: Record<string, number | undefined>;
}

export const daemonSetDescriber: Describer = (obj: KubeObject, ctx) => {
  const ds = obj as unknown as DaemonSetView;
  const selector = labelSelectorAsSelector(ds.spec?.selector);
  const n = (k: string) => ds.status?.[k] ?? 0;
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace}\n`);
    w.write(LEVEL_0, `Selector:\t${selector.toString()}\n`);
    w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec?.template?.spec?.nodeSelector)}\n`);
    printLabels(w, 'Labels', obj.metadata.labels);
    printAnnotations(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${n('desiredNumberScheduled')}\n`);
    w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${n('currentNumberScheduled')}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${n('updatedNumberScheduled')}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${n('numberAvailable')}\n`);
    w.write(LEVEL_0, `Number of Nodes Misscheduled: ${n('numberMisscheduled')}\n`);
    w.write(LEVEL_0, `Pods Status:\t${podStatusForController(ctx.store, obj, selector)}\n`);
    describePodTemplate(w, ds.spec?.template);
    if (ctx.showEvents) describeEvents(w, eventsFor(ctx.store, obj), ctx.now);
  });
};
