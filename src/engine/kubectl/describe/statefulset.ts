// kubectl describe statefulset (describeStatefulSet): replicas, update strategy and partition, the
// owned pods by phase, the pod template, the volume claim templates and the events.

import type * as core from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object.ts';
import { labelSelectorAsSelector } from '../../api/labels.ts';
import type { LabelSelector, Mutable, PodSpec } from '../../api/types.ts';
import { describeEvents, eventsFor, printAnnotations, printLabels, rfc1123 } from './common.ts';
import { describePodTemplate, podStatusForController } from './pod-template.ts';
import type { Describer } from './types.ts';
import { LEVEL_0, LEVEL_1, tabbed, type PrefixWriter } from './writer.ts';

type Claim = Mutable<core.PersistentVolumeClaim>;

interface StatefulSetView {
  spec?: {
    replicas?: number;
    selector?: LabelSelector;
    template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: PodSpec };
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number; maxUnavailable?: number | string } };
    volumeClaimTemplates?: Claim[];
  };
  status?: { replicas?: number };
}

/** describeVolumeClaimTemplates; Access Modes print as Go prints a slice: [ReadWriteOnce]. */
function describeClaimTemplates(w: PrefixWriter, templates: readonly Claim[] | undefined): void {
  if (!templates?.length) {
    w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'Volume Claims:\n');
  for (const pvc of templates) {
    w.write(LEVEL_1, `Name:\t${pvc.metadata?.name ?? ''}\n`);
    const cls = pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? '';
    w.write(LEVEL_1, `StorageClass:\t${cls}\n`);
    printLabels(w, 'Labels', pvc.metadata?.labels, '  ');
    printLabels(w, 'Annotations', pvc.metadata?.annotations, '  ');
    const storage = pvc.spec?.resources?.requests?.storage;
    w.write(LEVEL_1, `Capacity:\t${storage !== undefined ? String(storage) : '<default>'}\n`);
    w.write(LEVEL_1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(' ')}]\n`);
  }
}

export const statefulSetDescriber: Describer = (obj: KubeObject, ctx) => {
  const sts = obj as unknown as StatefulSetView;
  const selector = labelSelectorAsSelector(sts.spec?.selector);
  const strategy = sts.spec?.updateStrategy;
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123(obj.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Selector:\t${selector.toString()}\n`);
    printLabels(w, 'Labels', obj.metadata.labels);
    printAnnotations(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `Replicas:\t${sts.spec?.replicas ?? 1} desired | ${sts.status?.replicas ?? 0} total\n`);
    w.write(LEVEL_0, `Update Strategy:\t${strategy?.type ?? ''}\n`);
    const ru = strategy?.rollingUpdate;
    if (ru?.partition !== undefined) {
      w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
      if (ru.maxUnavailable !== undefined) w.write(LEVEL_1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
    }
    w.write(LEVEL_0, `Pods Status:\t${podStatusForController(ctx.store, obj, selector)}\n`);
    describePodTemplate(w, sts.spec?.template);
    describeClaimTemplates(w, sts.spec?.volumeClaimTemplates);
    if (ctx.showEvents) describeEvents(w, eventsFor(ctx.store, obj), ctx.now);
  });
};
