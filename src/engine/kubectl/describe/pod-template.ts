// DescribePodTemplate, which every workload describer prints, and getPodStatusForController's
// "N Running / N Waiting / N Succeeded / N Failed" count of the pods a controller owns.

import type * as core from 'kubernetes-types/core/v1';
import type { Mutable, Pod } from '../../api/types.ts';
import type { KubeObject } from '../../api/object.ts';
import { controllerRef } from '../../api/object.ts';
import type { Selector } from '../../api/labels.ts';
import type { Store } from '../../store/store.ts';
import { printAnnotations, printLabels, printTolerations } from './common.ts';
import { describeContainers, describeVolumes } from './pod.ts';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './writer.ts';

type PodTemplateSpec = Mutable<core.PodTemplateSpec>;

export function describePodTemplate(w: PrefixWriter, template: PodTemplateSpec | undefined): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const spec = template.spec ?? { containers: [] };
  printLabels(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length) printAnnotations(w, '  Annotations', template.metadata?.annotations);
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers?.length) describeContainers(w, 'Init Containers', undefined, spec.initContainers, undefined, '  ');
  describeContainers(w, 'Containers', undefined, spec.containers ?? [], undefined, '  ');
  describeVolumes(w, spec.volumes, '  ');
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabels(w, '  Node-Selectors', spec.nodeSelector);
  printTolerations(w, '  Tolerations', spec.tolerations);
}

/** getPodStatusForController: the phases of the pods the selector matches and the owner controls. */
export function podStatusForController(store: Store, owner: KubeObject, selector: Selector): string {
  let running = 0;
  let waiting = 0;
  let succeeded = 0;
  let failed = 0;
  for (const o of store.list('pods', owner.metadata.namespace)) {
    if (!selector.matches(o.metadata.labels) || controllerRef(o)?.uid !== owner.metadata.uid) continue;
    switch ((o as unknown as Pod).status?.phase) {
      case 'Running':
        running++;
        break;
      case 'Pending':
        waiting++;
        break;
      case 'Succeeded':
        succeeded++;
        break;
      case 'Failed':
        failed++;
        break;
    }
  }
  return `${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed`;
}
