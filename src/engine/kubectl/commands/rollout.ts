// kubectl rollout: status (a watch that prints the rollout's progress until it is done), history,
// undo (done client-side, as kubectl does: the old ReplicaSet's template is copied back into the
// Deployment), pause, resume and restart (the restartedAt annotation on the pod template).
// Viewers are per resource; deployments are here, other workload kinds can add theirs.

import type { KindInfo } from '../../api/kinds.ts';
import { groupResource } from '../../api/kinds.ts';
import { clone, controllerRef, type KubeObject } from '../../api/object.ts';
import * as du from '../../controllers/deployment-util.ts';
import { describePodTemplate } from '../describe/pod-template.ts';
import { daemonSetRolloutStatus } from '../rollout-status/daemonset.ts';
import { statefulSetRolloutStatus } from '../rollout-status/statefulset.ts';
import { controllerRevisionHistory, rollbackToControllerRevision } from '../rollout-status/controller-history.ts';
import { PrefixWriter } from '../describe/writer.ts';
import { parseGoDuration } from '../../util/duration.ts';
import { formatRFC3339 } from '../../util/time.ts';
import { describeWriterOptions, TabWriter } from '../../util/tabwriter.ts';
import type { Store } from '../../store/store.ts';
import type { CommandRun } from '../../shell/types.ts';
import { waitFor } from '../blocking.ts';
import { formatError, KubectlError } from '../errors.ts';
import { int, str, type FlagSpec } from '../flags.ts';
import { objectName } from '../output.ts';
import { CHANGE_CAUSE, recordChangeCause } from '../record.ts';
import { collectTargets, type Target } from '../targets.ts';
import type { Invocation, KubectlCommand } from '../types.ts';
import { dryRunFlag, dryRunMode, dryRunSuffix } from './dry-run.ts';
import { recordFlag } from './create.ts';
import { filenameFlag, recursiveFlag, selectorFlag } from './get.ts';

type Dep = KubeObject & du.Deployment;
type RS = KubeObject & du.ReplicaSet;

/** A rollout's progress as kubectl words it, whether it is done, or why it can never be. */
export type StatusViewer = (obj: KubeObject, revision: number) => { message: string; done: boolean };

/** DeploymentStatusViewer.Status. */
export const deploymentStatus: StatusViewer = (obj, revision) => {
  const d = obj as Dep;
  const name = d.metadata.name;
  if (revision > 0) {
    const rev = du.revision(d);
    if (rev !== revision) throw new KubectlError(`desired revision (${revision}) is different from the running revision (${rev})`);
  }
  const s = d.status ?? {};
  if ((d.metadata.generation ?? 0) > (s.observedGeneration ?? 0)) return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
  const cond = du.getCondition(s, 'Progressing');
  if (cond?.reason === du.REASON.TimedOut) throw new KubectlError(`deployment "${name}" exceeded its progress deadline`);
  const want = d.spec.replicas ?? 1;
  const updated = s.updatedReplicas ?? 0;
  if (updated < want) return { message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...\n`, done: false };
  if ((s.replicas ?? 0) > updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false };
  if ((s.availableReplicas ?? 0) < updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false };
  return { message: `deployment "${name}" successfully rolled out\n`, done: true };
};

export const STATUS_VIEWERS: Record<string, StatusViewer> = {
  'deployments.apps': deploymentStatus,
  'daemonsets.apps': daemonSetRolloutStatus,
  'statefulsets.apps': statefulSetRolloutStatus,
};

/** What `rollout history` prints for one object: the table, or one revision's pod template. */
export type HistoryViewer = (store: Store, obj: KubeObject, revision: number) => string;

/** The ReplicaSets a Deployment controls (deploymentutil.GetAllReplicaSets). */
function replicaSetsOf(store: Store, d: KubeObject): RS[] {
  return store.list('replicasets.apps', d.metadata.namespace).filter((rs) => controllerRef(rs)?.uid === d.metadata.uid) as RS[];
}

/** DeploymentHistoryViewer.ViewHistory. */
export const deploymentHistory: HistoryViewer = (store, obj, revision) => {
  // Each revision's pod template, with its ReplicaSet's change-cause copied into its annotations.
  const byRevision = new Map<number, du.PodTemplate>();
  for (const rs of replicaSetsOf(store, obj)) {
    const t = clone(rs.spec.template ?? {});
    const cause = rs.metadata.annotations?.[CHANGE_CAUSE];
    if (cause) t.metadata = { ...(t.metadata ?? {}), annotations: { ...(t.metadata?.annotations ?? {}), [CHANGE_CAUSE]: cause } };
    byRevision.set(du.revision(rs), t);
  }
  if (!byRevision.size) return 'No rollout history found.';
  if (revision > 0) {
    const t = byRevision.get(revision);
    if (!t) throw new KubectlError('unable to find the specified revision');
    const w = new PrefixWriter(true);
    describePodTemplate(w, t as Parameters<typeof describePodTemplate>[1]);
    return w.toString();
  }
  const tw = new TabWriter(describeWriterOptions);
  tw.write('REVISION\tCHANGE-CAUSE\n');
  for (const r of [...byRevision.keys()].sort((a, b) => a - b)) {
    tw.write(`${r}\t${byRevision.get(r)!.metadata?.annotations?.[CHANGE_CAUSE] || '<none>'}\n`);
  }
  return tw.flush();
};

export const HISTORY_VIEWERS: Record<string, HistoryViewer> = {
  'deployments.apps': deploymentHistory,
  'daemonsets.apps': controllerRevisionHistory,
  'statefulsets.apps': controllerRevisionHistory,
};

/** The annotations a rollback keeps from the Deployment rather than taking from the ReplicaSet. */
const ANNOTATIONS_TO_SKIP = new Set(['kubectl.kubernetes.io/last-applied-configuration', du.REVISION_ANNOTATION, du.REVISION_HISTORY_ANNOTATION, du.DESIRED_REPLICAS_ANNOTATION, du.MAX_REPLICAS_ANNOTATION, 'deprecated.deployment.rollback.to']);

/**
 * DeploymentRollbacker.Rollback: the ReplicaSet of the revision (or the one before the current),
 * its template and annotations written back into the Deployment. Returns the word kubectl prints.
 */
export function rollbackDeployment(store: Store, d: Dep, toRevision: number): { message: string; updated?: Dep } {
  if (toRevision < 0) throw new KubectlError(`unable to find specified revision ${toRevision} in history`);
  if (d.spec.paused) throw new KubectlError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  const all = replicaSetsOf(store, d);
  let target: RS | undefined;
  if (toRevision > 0) {
    target = all.find((rs) => du.revision(rs) === toRevision);
    if (!target) throw new KubectlError(`unable to find specified revision ${toRevision} in history`);
  } else {
    let max = 0;
    let prev = 0;
    let maxRS: RS | undefined;
    for (const rs of all) {
      const v = du.revision(rs);
      if (max < v) {
        prev = max;
        target = maxRS;
        max = v;
        maxRS = rs;
      } else if (prev < v) {
        prev = v;
        target = rs;
      }
    }
    if (!target) throw new KubectlError(`no rollout history found for deployment "${d.metadata.name}"`);
  }
  if (du.equalIgnoreHash(target.spec.template, d.spec.template)) {
    return { message: `skipped rollback (current template already matches revision ${toRevision})` };
  }
  const template = clone(target.spec.template ?? {});
  if (template.metadata?.labels) delete template.metadata.labels[du.POD_TEMPLATE_HASH_LABEL];
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(target.metadata.annotations ?? {})) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  const updated = clone(d);
  updated.spec.template = template;
  updated.metadata.annotations = annotations;
  return { message: 'rolled back', updated };
}

// ---- the subcommands ----

/** The objects named; lookup errors are printed as kubectl prints them and make the exit status 1. */
function targetsOf(inv: Invocation): { targets: Target[]; failed: boolean } {
  const { targets, errors } = collectTargets(inv, { allowAll: false });
  for (const e of errors) inv.err(e + '\n');
  return { targets, failed: errors.length > 0 };
}

const resourceString = (info: KindInfo) => (info.group ? `${info.resource}.${info.group}` : info.resource);

function parseTimeout(raw: string): number {
  if (raw === '' || raw === '0') return 0;
  try {
    return /^\d+$/.test(raw) ? Number(raw) * 1000 : parseGoDuration(raw);
  } catch {
    throw new KubectlError(`invalid argument "${raw}" for "--timeout" flag: time: invalid duration "${raw}"`);
  }
}

function* statusRun(inv: Invocation): CommandRun {
  if (!inv.args.length && !inv.flags.changed.has('filename')) throw new KubectlError('required resource not specified');
  const revision = int(inv.flags, 'revision');
  if (revision < 0) throw new KubectlError(`revision must be a positive integer: ${revision}`);
  const watch = inv.flags.values.get('watch') !== false;
  const timeout = parseTimeout(str(inv.flags, 'timeout'));
  const { cluster } = inv.env;
  const { targets, failed } = targetsOf(inv);
  for (const t of targets) {
    const viewer = STATUS_VIEWERS[groupResource(t.info)];
    if (!viewer) throw new KubectlError(`no status viewer has been implemented for ${t.info.kind}`);
    const resource = groupResource(t.info);
    let finished = false;
    let failure: unknown;
    const show = (obj: KubeObject) => {
      try {
        const { message, done } = viewer(obj, revision);
        inv.out(message);
        if (done) finished = true;
      } catch (e) {
        failure = e;
      }
    };
    show(t.obj!);
    if (failure) throw failure;
    if (finished || !watch) continue;
    // Each change to the object is a watch event, and kubectl prints the status for every one.
    const unsubscribe = cluster.store.watch(resource, (e) => {
      if (finished || failure || e.object.metadata.uid !== t.obj!.metadata.uid) return;
      if (e.type === 'DELETED') failure = new KubectlError('object has been deleted');
      else show(e.object);
    });
    try {
      const ok = yield* waitFor(inv, () => finished || failure !== undefined, timeout > 0 ? timeout : Number.POSITIVE_INFINITY);
      if (failure) throw failure;
      if (!ok) throw new KubectlError('timed out waiting for the condition');
    } finally {
      unsubscribe();
    }
  }
  return failed ? 1 : 0;
}

function historyRun(inv: Invocation): number {
  if (!inv.args.length && !inv.flags.changed.has('filename')) throw new KubectlError('required resource not specified');
  const revision = int(inv.flags, 'revision');
  if (revision < 0) throw new KubectlError(`revision must be a positive integer: ${revision}`);
  const { targets, failed } = targetsOf(inv);
  for (const t of targets) {
    const viewer = HISTORY_VIEWERS[groupResource(t.info)];
    if (!viewer) throw new KubectlError(`no history viewer has been implemented for "${t.info.group ? `${t.info.kind}.${t.info.group}` : t.info.kind}"`);
    const text = viewer(inv.env.cluster.store, t.obj!, revision);
    // The NamePrinter with the history as its "operation": name, a space, then the text.
    inv.out(`${objectName(t.info, t.obj!)} ${revision > 0 ? `with revision #${revision}` : ''}\n${text}\n`);
  }
  return failed ? 1 : 0;
}

/** The rollbacker for each kind: a Deployment's from its ReplicaSets, the others' from ControllerRevisions. */
const ROLLBACKERS: Record<string, (store: Store, obj: KubeObject, toRevision: number) => { message: string; updated?: KubeObject }> = {
  'deployments.apps': (store, obj, toRevision) => rollbackDeployment(store, obj as Dep, toRevision),
  'daemonsets.apps': rollbackToControllerRevision,
  'statefulsets.apps': rollbackToControllerRevision,
};

function undoRun(inv: Invocation): number {
  if (!inv.args.length && !inv.flags.changed.has('filename')) throw new KubectlError('required resource not specified');
  const toRevision = int(inv.flags, 'to-revision');
  const dryRun = dryRunMode(inv);
  const { cluster } = inv.env;
  const { targets, failed } = targetsOf(inv);
  for (const t of targets) {
    const rollback = ROLLBACKERS[groupResource(t.info)];
    if (!rollback) throw new KubectlError(`no rollbacker has been implemented for "${t.info.group ? `${t.info.kind}.${t.info.group}` : t.info.kind}"`);
    const { message, updated } = rollback(cluster.store, t.obj!, toRevision);
    if (updated && dryRun !== 'client') cluster.api.update(t.info, updated, { dryRun: dryRun === 'server' });
    inv.out(`${objectName(t.info, t.obj!)} ${message}${dryRunSuffix(dryRun)}\n`);
  }
  return failed ? 1 : 0;
}

/** pause, resume and restart: a change to one object, or kubectl's reason it does not apply. */
function patchRun(verb: 'paused' | 'resumed' | 'restarted', change: (inv: Invocation, d: Dep) => void, kinds = ['deployments.apps']) {
  return (inv: Invocation): number => {
    if (!inv.args.length && !inv.flags.changed.has('filename')) throw new KubectlError('required resource not specified');
    const dryRun = dryRunMode(inv);
    const { cluster } = inv.env;
    const errs: string[] = [];
    const { targets, failed } = targetsOf(inv);
    for (const t of targets) {
      try {
        if (!kinds.includes(groupResource(t.info))) {
          throw new Error(`${verb === 'paused' ? 'pausing' : verb === 'resumed' ? 'resuming' : 'restarting'} is not supported`);
        }
        const d = clone(t.obj!) as Dep;
        change(inv, d);
        recordChangeCause(inv, d);
        if (dryRun !== 'client') cluster.api.update(t.info, d, { dryRun: dryRun === 'server' });
        inv.out(`${objectName(t.info, t.obj!)} ${verb}${dryRunSuffix(dryRun)}\n`);
      } catch (e) {
        errs.push(e instanceof KubectlError || !(e instanceof Error) || 'status' in e ? formatError(e) : `error: ${resourceString(t.info)} "${t.name}" ${e.message}`);
      }
    }
    for (const e of errs) inv.err(e + '\n');
    return errs.length || failed ? 1 : 0;
  };
}

const pauseRun = patchRun('paused', (_inv, d) => {
  if (d.spec.paused) throw new Error('is already paused');
  d.spec.paused = true;
});

const resumeRun = patchRun('resumed', (_inv, d) => {
  if (!d.spec.paused) throw new Error('is not paused');
  delete d.spec.paused;
});

/** ObjectRestarter: a new restartedAt annotation on the pod template makes every pod be replaced. */
const restartRun = patchRun(
  'restarted',
  (inv, d) => {
    if (d.kind === 'Deployment' && d.spec.paused) throw new Error("can't restart paused deployment (run rollout resume first)");
    const t = (d.spec.template ??= {});
    const meta = (t.metadata ??= {});
    meta.annotations = { ...(meta.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': formatRFC3339(inv.env.cluster.now()) };
  },
  ['deployments.apps', 'daemonsets.apps', 'statefulsets.apps'],
);

const common: FlagSpec[] = [filenameFlag('get from a server.'), recursiveFlag, selectorFlag];

const statusCommand: KubectlCommand = {
  name: 'status',
  short: 'Show the status of the rollout',
  long: `Show the status of the rollout.

 By default 'rollout status' will watch the status of the latest rollout until it's done. If you don't want to wait for the rollout to finish then you can use --watch=false. Note that if a new rollout starts in-between, then 'rollout status' will continue watching the latest revision. If you want to pin to a specific revision and abort if it is rolled over by another revision, use --revision=N where N is the revision you need to watch for.`,
  examples: '# Watch the rollout status of a deployment\nkubectl rollout status deployment/nginx',
  usage: 'kubectl rollout status (TYPE NAME | TYPE/NAME) [flags]',
  flags: [
    ...common,
    { name: 'revision', type: 'int', default: 0, usage: 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).' },
    { name: 'timeout', type: 'string', default: '0s', usage: 'The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).' },
    { name: 'watch', short: 'w', type: 'bool', default: true, usage: 'Watch the status of the rollout until it\'s done.' },
  ],
  run: statusRun,
};

const historyCommand: KubectlCommand = {
  name: 'history',
  short: 'View rollout history',
  long: 'View previous rollout revisions and configurations.',
  examples: '# View the rollout history of a deployment\nkubectl rollout history deployment/abc\n\n# View the details of daemonset revision 3\nkubectl rollout history daemonset/abc --revision=3',
  usage: 'kubectl rollout history (TYPE NAME | TYPE/NAME) [flags]',
  flags: [...common, { name: 'revision', type: 'int', default: 0, usage: 'See the details, including podTemplate of the revision specified' }],
  run: historyRun,
};

const undoCommand: KubectlCommand = {
  name: 'undo',
  short: 'Undo a previous rollout',
  long: 'Roll back to a previous rollout.',
  examples: '# Roll back to the previous deployment\nkubectl rollout undo deployment/abc\n\n# Roll back to daemonset revision 3\nkubectl rollout undo daemonset/abc --to-revision=3',
  usage: 'kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags]',
  flags: [...common, dryRunFlag, { name: 'to-revision', type: 'int', default: 0, usage: 'The revision to rollback to. Default to 0 (last revision).' }],
  run: undoRun,
};

const pauseCommand: KubectlCommand = {
  name: 'pause',
  short: 'Mark the provided resource as paused',
  long: "Mark the provided resource as paused.\n\n Paused resources will not be reconciled by a controller. Use \"kubectl rollout resume\" to resume a paused resource. Currently only deployments support being paused.",
  examples: '# Mark the nginx deployment as paused\n# Any current state of the deployment will continue its function; new updates\n# to the deployment will not have an effect as long as the deployment is paused\nkubectl rollout pause deployment/nginx',
  usage: 'kubectl rollout pause RESOURCE',
  flags: [...common, dryRunFlag, recordFlag],
  run: pauseRun,
};

const resumeCommand: KubectlCommand = {
  name: 'resume',
  short: 'Resume a paused resource',
  long: 'Resume a paused resource.\n\n Paused resources will not be reconciled by a controller. By resuming a resource, we allow it to be reconciled again. Currently only deployments support being resumed.',
  examples: '# Resume an already paused deployment\nkubectl rollout resume deployment/nginx',
  usage: 'kubectl rollout resume RESOURCE',
  flags: [...common, dryRunFlag, recordFlag],
  run: resumeRun,
};

const restartCommand: KubectlCommand = {
  name: 'restart',
  short: 'Restart a resource',
  long: 'Restart a resource.\n\n        Resource rollout will be restarted.',
  examples: '# Restart all deployments in the test-namespace namespace\nkubectl rollout restart deployment -n test-namespace\n\n# Restart a deployment\nkubectl rollout restart deployment/nginx',
  usage: 'kubectl rollout restart RESOURCE',
  flags: [...common, dryRunFlag, recordFlag],
  run: restartRun,
};

export const rolloutCommand: KubectlCommand = {
  name: 'rollout',
  group: 'Deploy Commands',
  short: 'Manage the rollout of a resource',
  long: `Manage the rollout of one or many resources.

 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets`,
  examples: `# Rollback to the previous deployment
kubectl rollout undo deployment/abc

# Check the rollout status of a daemonset
kubectl rollout status daemonset/foo

# Restart a deployment
kubectl rollout restart deployment/abc

# Restart deployments with the 'app=nginx' label
kubectl rollout restart deployment --selector=app=nginx`,
  usage: 'kubectl rollout SUBCOMMAND',
  subcommands: [historyCommand, pauseCommand, restartCommand, resumeCommand, statusCommand, undoCommand],
};
