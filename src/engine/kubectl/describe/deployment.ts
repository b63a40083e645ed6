// kubectl describe deployment (describeDeployment): replica counts, the strategy, the pod
// template, conditions, the old and new ReplicaSets, and the controller's events.

import type { KubeObject } from '../../api/object.ts';
import { controllerRef } from '../../api/object.ts';
import { formatLabelSelector } from '../../api/labels.ts';
import * as du from '../../controllers/deployment-util.ts';
import { describeEvents, eventsFor, printAnnotations, printLabels, rfc1123 } from './common.ts';
import { describePodTemplate } from './pod-template.ts';
import { describeConditions } from './replicaset.ts';
import type { Describer } from './types.ts';
import { LEVEL_0, tabbed } from './writer.ts';

type Dep = KubeObject & du.Deployment;
type RS = KubeObject & du.ReplicaSet;

/** printReplicaSetsByLabels: `name (current/desired replicas created)`, comma-separated. */
function replicaSetList(rss: readonly RS[]): string {
  return rss.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 1} replicas created)`).join(', ') || '<none>';
}

export const deploymentDescriber: Describer = (obj, ctx) => {
  const d = obj as Dep;
  const s = d.status ?? {};
  const owned = (ctx.store.list('replicasets.apps', obj.metadata.namespace) as RS[]).filter((rs) => controllerRef(rs)?.uid === obj.metadata.uid).sort(du.byCreation);
  // GetAllReplicaSets: the new set is the oldest with the current template; old ones count if they have replicas.
  const newRS = owned.find((rs) => du.equalIgnoreHash(rs.spec.template, d.spec.template));
  const oldRSs = owned.filter((rs) => rs !== newRS && (rs.spec.replicas ?? 1) !== 0);
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123(obj.metadata.creationTimestamp)}\n`);
    printLabels(w, 'Labels', obj.metadata.labels);
    printAnnotations(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(d.spec.selector)}\n`);
    w.write(LEVEL_0, `Replicas:\t${d.spec.replicas ?? 1} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable\n`);
    w.write(LEVEL_0, `StrategyType:\t${d.spec.strategy?.type ?? ''}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${d.spec.minReadySeconds ?? 0}\n`);
    const ru = d.spec.strategy?.rollingUpdate;
    if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? 0} max unavailable, ${ru.maxSurge ?? 0} max surge\n`);
    describePodTemplate(w, d.spec.template as Parameters<typeof describePodTemplate>[1]);
    describeConditions(w, s.conditions);
    w.write(LEVEL_0, `OldReplicaSets:\t${replicaSetList(oldRSs)}\n`);
    w.write(LEVEL_0, `NewReplicaSet:\t${replicaSetList(newRS ? [newRS] : [])}\n`);
    if (ctx.showEvents) describeEvents(w, eventsFor(ctx.store, obj), ctx.now);
  });
};
