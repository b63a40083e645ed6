// `kubectl rollout history` and `rollout undo` for the kinds whose history is ControllerRevisions
// (kubectl's DaemonSetHistoryViewer/StatefulSetHistoryViewer, printHistory, and the DaemonSet and
// StatefulSet rollbackers): the revisions an object controls, one revision's pod template, and a
// rollback that writes a revision's template back (the strategic-merge patch it stores replaces
// spec.template whole).

import type * as core from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object.ts';
import { clone, controllerRef } from '../../api/object.ts';
import type { Mutable } from '../../api/types.ts';
import type { Store } from '../../store/store.ts';
import { describeWriterOptions, TabWriter } from '../../util/tabwriter.ts';
import { revisionMatches, sortByRevision, type ControllerRevision } from '../../controllers/history.ts';
import { describePodTemplate } from '../describe/pod-template.ts';
import { PrefixWriter } from '../describe/writer.ts';
import { KubectlError } from '../errors.ts';

type PodTemplateSpec = Mutable<core.PodTemplateSpec>;
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** The ControllerRevisions the object controls (daemonSetHistory, statefulSetHistory). */
function revisionsOf(store: Store, obj: KubeObject): ControllerRevision[] {
  return (store.list('controllerrevisions.apps', obj.metadata.namespace) as ControllerRevision[]).filter((r) => controllerRef(r)?.uid === obj.metadata.uid);
}

/** applyDaemonSetHistory / applyRevision: the pod template a revision recorded. */
function templateOf(rev: ControllerRevision): PodTemplateSpec {
  const t = clone((rev.data as { spec?: { template?: PodTemplateSpec & { $patch?: string } } } | undefined)?.spec?.template ?? {});
  delete t.$patch;
  return t;
}

/** printHistory: the REVISION / CHANGE-CAUSE table, or one revision's pod template. */
export function controllerRevisionHistory(store: Store, obj: KubeObject, revision: number): string {
  const byRevision = new Map<number, ControllerRevision>();
  for (const r of revisionsOf(store, obj)) byRevision.set(r.revision, r);
  if (!byRevision.size) return 'No rollout history found.';
  if (revision > 0) {
    const r = byRevision.get(revision);
    if (!r) throw new KubectlError('unable to find the specified revision');
    const w = new PrefixWriter(true);
    describePodTemplate(w, templateOf(r));
    return w.toString();
  }
  const tw = new TabWriter(describeWriterOptions);
  tw.write('REVISION\tCHANGE-CAUSE\n');
  for (const r of [...byRevision.keys()].sort((a, b) => a - b)) tw.write(`${r}\t${byRevision.get(r)!.metadata.annotations?.[CHANGE_CAUSE] || '<none>'}\n`);
  return tw.flush();
}

/**
 * The DaemonSet and StatefulSet rollbackers: to the given revision, or with 0 to the one before
 * the newest; skipped when the object already has that template.
 */
export function rollbackToControllerRevision(store: Store, obj: KubeObject, toRevision: number): { message: string; updated?: KubeObject } {
  if (toRevision < 0) throw new KubectlError(`unable to find specified revision ${toRevision} in history`);
  const all = sortByRevision(revisionsOf(store, obj));
  if (toRevision === 0 && all.length <= 1) throw new KubectlError('no last revision to roll back to');
  const target = toRevision === 0 ? all[all.length - 2] : all.find((r) => r.revision === toRevision);
  if (!target) throw new KubectlError(`unable to find specified revision ${toRevision} in history`);
  const spec = obj.spec as { template?: unknown } | undefined;
  if (revisionMatches(target, spec?.template)) return { message: `skipped rollback (current template already matches revision ${toRevision})` };
  const updated = clone(obj);
  (updated.spec as { template?: unknown }).template = templateOf(target);
  return { message: 'rolled back', updated };
}
