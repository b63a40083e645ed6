// kubectl cordon, uncordon and drain (k8s.io/kubectl/pkg/cmd/drain and pkg/drain): mark a node
// (un)schedulable; drain cordons it, then evicts every pod on it except mirror pods and
// DaemonSet-managed ones, and waits until they are gone.

import type { Node, Pod } from '../../api/types.ts';
import { K, R } from '../../api/wellknown.ts';
import type { KubeObject } from '../../api/object.ts';
import { isApiError } from '../../api/errors.ts';
import { parseSelector, Selector, tryParseSelector } from '../../api/labels.ts';
import { isMirrorPod } from '../../api/pod-helpers.ts';
import { evictPod } from '../../apiserver/eviction.ts';
import type { CommandRun, ShellEffect } from '../../shell/types.ts';
import { parseRFC3339 } from '../../util/time.ts';
import { goDurationString, parseGoDuration } from '../../util/duration.ts';
import { SCRIPT_MAX_WAIT_MS } from '../blocking.ts';
import { formatError, KubectlError, UsageError } from '../errors.ts';
import { bool, int, str, type FlagSpec } from '../flags.ts';
import type { Invocation, KubectlCommand } from '../types.ts';
import { dryRunFlag, dryRunMode, dryRunSuffix, type DryRun } from './dry-run.ts';

type NodeObj = KubeObject & Node;
type PodObj = KubeObject & Pod;

const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';
/** waitForDelete polls this often. */
const POLL_MS = 1000;

const selectorFlag: FlagSpec = { name: 'selector', short: 'l', type: 'string', default: '', usage: 'Selector (label query) to filter on' };

/** The nodes named on the command line, or selected with -l (the resource builder's errors as kubectl prints them). */
function targetNodes(inv: Invocation, use: string): NodeObj[] {
  const selector = str(inv.flags, 'selector');
  if (!inv.args.length && !inv.flags.changed.has('selector')) throw new UsageError(`USAGE: ${use} [flags]`, inv.path);
  if (inv.args.length && selector) throw new UsageError('error: cannot specify both a node name and a --selector option', inv.path);
  const { api, store } = inv.env.cluster;
  if (inv.args.length) return inv.args.map((a) => api.get(K.Node, undefined, a.replace(/^(nodes?|no)\//, '')) as NodeObj);
  const sel = parseSelector(selector);
  return (store.list(R.nodes) as NodeObj[]).filter((n) => sel.matches(n.metadata.labels));
}

/** RunCordonOrUncordon: sets spec.unschedulable where it differs, and says what it did. */
function cordonOrUncordon(inv: Invocation, nodes: NodeObj[], desired: boolean, dryRun: DryRun): void {
  const verb = desired ? 'cordon' : 'uncordon';
  const suffix = dryRunSuffix(dryRun);
  for (const node of nodes) {
    const name = node.metadata.name!;
    if (!!node.spec?.unschedulable === desired) {
      inv.out(`node/${name} already ${verb}ed${suffix}\n`);
      continue;
    }
    if (dryRun !== 'client') {
      try {
        inv.env.cluster.api.mutate(
          K.Node,
          undefined,
          name,
          (o) => {
            const n = o as NodeObj;
            n.spec = { ...n.spec };
            if (desired) n.spec.unschedulable = true;
            else delete n.spec.unschedulable;
          },
          { dryRun: dryRun === 'server' },
        );
      } catch (e) {
        inv.err(`error: unable to ${verb} node "${name}": ${formatError(e).replace(/^error: /, '')}\n`);
        continue;
      }
    }
    inv.out(`node/${name} ${verb}ed${suffix}\n`);
  }
}

function cordonRun(desired: boolean) {
  return (inv: Invocation): number => {
    const dryRun = dryRunMode(inv);
    const nodes = targetNodes(inv, desired ? 'cordon NODE' : 'uncordon NODE');
    cordonOrUncordon(inv, nodes, desired, dryRun);
    return 0;
  };
}

// ---- drain ----

interface DrainOptions {
  force: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  disableEviction: boolean;
  gracePeriod: number;
  /** ms; Infinity when --timeout is 0. */
  timeout: number;
  podSelector: Selector;
  skipWaitSeconds: number;
  dryRun: DryRun;
}

type Status = { delete: boolean; reason: 'Okay' | 'Skip' | 'Warning' | 'Error'; message?: string };
const OKAY: Status = { delete: true, reason: 'Okay' };

/** An error as kubectl's drain builds it: an aggregate of messages, or one plain error. */
interface DrainError {
  messages: string[];
  aggregate: boolean;
}

function errorText(e: DrainError): string {
  return e.messages.length === 1 ? e.messages[0] : `[${e.messages.join(', ')}]`;
}

const finished = (p: PodObj) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

/** The drain filters in kubectl's order; a pod's status is the last filter's that ran. */
function filterPod(inv: Invocation, pod: PodObj, o: DrainOptions): Status {
  const filters: ((p: PodObj) => Status)[] = [
    (p) => {
      // skipDeletedFilter
      const del = p.metadata.deletionTimestamp;
      if (o.skipWaitSeconds > 0 && del && Math.floor((inv.env.cluster.now() - (parseRFC3339(del) ?? 0)) / 1000) > o.skipWaitSeconds) return { delete: false, reason: 'Skip' };
      return OKAY;
    },
    (p) => {
      const ref = p.metadata.ownerReferences?.find((r) => r.controller);
      if (!ref || ref.kind !== 'DaemonSet' || finished(p)) return OKAY;
      const ds = inv.env.cluster.store.get('daemonsets.apps', p.metadata.namespace, ref.name);
      if (!ds) {
        const msg = `daemonsets.apps "${ref.name}" not found`;
        return o.force ? { delete: true, reason: 'Warning', message: msg } : { delete: false, reason: 'Error', message: msg };
      }
      return o.ignoreDaemonSets ? { delete: false, reason: 'Warning', message: DAEMONSET_WARNING } : { delete: false, reason: 'Error', message: DAEMONSET_FATAL };
    },
    (p) => (isMirrorPod(p) ? { delete: false, reason: 'Skip' } : OKAY),
    (p) => {
      if (!(p.spec?.volumes ?? []).some((v) => v.emptyDir) || finished(p)) return OKAY;
      return o.deleteEmptyDirData ? { delete: true, reason: 'Warning', message: LOCAL_STORAGE_WARNING } : { delete: false, reason: 'Error', message: LOCAL_STORAGE_FATAL };
    },
    (p) => {
      if (finished(p) || p.metadata.ownerReferences?.some((r) => r.controller)) return OKAY;
      return o.force ? { delete: true, reason: 'Warning', message: UNMANAGED_WARNING } : { delete: false, reason: 'Error', message: UNMANAGED_FATAL };
    },
  ];
  let status = OKAY;
  for (const f of filters) {
    status = f(pod);
    if (!status.delete) break;
  }
  return status;
}

/** Pods grouped by message, in the order the messages first appear. */
function byMessage(items: { pod: PodObj; status: Status }[], reason: Status['reason']): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const { pod, status } of items) {
    if (status.reason !== reason) continue;
    const msg = status.message || 'unexpected error';
    const list = groups.get(msg) ?? [];
    list.push(`${pod.metadata.namespace}/${pod.metadata.name}`);
    groups.set(msg, list);
  }
  return [...groups];
}

/** GetPodsForDeletion: every pod on the node (matching --pod-selector) through the filters. */
function podsForDeletion(inv: Invocation, node: string, o: DrainOptions): { pods: PodObj[]; warnings: string; errors: string[] } {
  const all = (inv.env.cluster.store.byIndex(R.pods, 'nodeName', node) as PodObj[])
    .filter((p) => o.podSelector.matches(p.metadata.labels))
    .sort((a, b) => {
      const ka = `${a.metadata.namespace}/${a.metadata.name}`;
      const kb = `${b.metadata.namespace}/${b.metadata.name}`;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
  const items = all.map((pod) => ({ pod, status: filterPod(inv, pod, o) }));
  const errors = byMessage(items, 'Error').map(([msg, pods]) => (msg.toLowerCase().startsWith('cannot delete') ? `${msg}: ${pods.join(', ')}` : `cannot delete ${msg}: ${pods.join(', ')}`));
  const warnings = byMessage(items, 'Warning')
    .map(([msg, pods]) => `${msg}: ${pods.join(', ')}`)
    .join('; ');
  return { pods: items.filter((i) => i.status.delete).map((i) => i.pod), warnings, errors };
}

/** Evicts (or deletes) the pods and waits for them to go; returns the error, if any. */
function* deleteOrEvict(inv: Invocation, pods: PodObj[], o: DrainOptions): Generator<ShellEffect, DrainError | undefined, void> {
  const { cluster } = inv.env;
  const grace = o.gracePeriod >= 0 ? o.gracePeriod : undefined;
  const evicting = !o.disableEviction;
  const errors: string[] = [];
  const waiting: PodObj[] = [];
  for (const pod of pods) {
    const ns = pod.metadata.namespace!;
    const name = pod.metadata.name!;
    if (evicting) inv.out(`evicting pod ${ns}/${name}${o.dryRun === 'server' ? ' (server dry run)' : ''}\n`);
    try {
      if (evicting) evictPod(cluster.api, ns, name, { gracePeriodSeconds: grace, dryRun: o.dryRun === 'server' });
      else cluster.api.delete(K.Pod, ns, name, { gracePeriodSeconds: grace, dryRun: o.dryRun === 'server' });
    } catch (e) {
      if (isApiError(e) && e.status.code === 404) continue;
      if (!evicting) return { messages: [formatError(e)], aggregate: false };
      errors.push(`error when evicting pods/"${name}" -n "${ns}": ${formatError(e).replace(/^Error from server \([A-Za-z]+\): /, '')}`);
      continue;
    }
    if (o.dryRun !== 'server') waiting.push(pod);
  }
  // A script never waits forever: without --timeout it gives up after the sandbox's longest wait.
  const limit = Number.isFinite(o.timeout) ? o.timeout : inv.env.interactive ? Infinity : SCRIPT_MAX_WAIT_MS;
  const start = cluster.now();
  let pending = waiting;
  for (;;) {
    const still: PodObj[] = [];
    for (const pod of pending) {
      const live = cluster.store.get(R.pods, pod.metadata.namespace, pod.metadata.name!);
      if (!live || live.metadata.uid !== pod.metadata.uid) {
        inv.out(`pod/${pod.metadata.name} ${evicting ? 'evicted' : 'deleted'}\n`);
        continue;
      }
      const del = live.metadata.deletionTimestamp;
      if (o.skipWaitSeconds > 0 && del && Math.floor((cluster.now() - (parseRFC3339(del) ?? cluster.now())) / 1000) > o.skipWaitSeconds) {
        inv.out(`Pod ${pod.metadata.name} has DeletionTimestamp older than ${o.skipWaitSeconds} seconds, skipping\n`);
        continue;
      }
      still.push(pod);
    }
    pending = still;
    if (!pending.length) break;
    const elapsed = cluster.now() - start;
    if (elapsed >= limit) {
      const reached = `global timeout reached: ${goDurationString(limit)}`;
      if (!evicting) return { messages: ['timed out waiting for the condition'], aggregate: false };
      for (const p of pending) errors.push(`error when waiting for pod "${p.metadata.name}" terminating: ${reached}`);
      break;
    }
    yield { type: 'sleep', ms: Math.min(POLL_MS, limit - elapsed) };
  }
  return errors.length ? { messages: errors, aggregate: true } : undefined;
}

function drainOptions(inv: Invocation): DrainOptions {
  const f = inv.flags;
  const podSel = str(f, 'pod-selector');
  let podSelector = Selector.EVERYTHING;
  if (podSel) {
    const r = tryParseSelector(podSel);
    if ('error' in r) throw new KubectlError('--pod-selector=<pod_selector> must be a valid label selector');
    podSelector = r.selector;
  }
  const rawTimeout = str(f, 'timeout') || '0s';
  let timeout: number;
  try {
    timeout = parseGoDuration(rawTimeout);
  } catch {
    throw new KubectlError(`invalid argument "${rawTimeout}" for "--timeout" flag: time: invalid duration "${rawTimeout}"`, 1, true);
  }
  return {
    force: bool(f, 'force'),
    ignoreDaemonSets: bool(f, 'ignore-daemonsets'),
    deleteEmptyDirData: bool(f, 'delete-emptydir-data') || bool(f, 'delete-local-data'),
    disableEviction: bool(f, 'disable-eviction'),
    gracePeriod: int(f, 'grace-period'),
    timeout: timeout === 0 ? Infinity : timeout,
    podSelector,
    skipWaitSeconds: int(f, 'skip-wait-for-delete-timeout'),
    dryRun: 'none',
  };
}

function* drainRun(inv: Invocation): CommandRun {
  const o = drainOptions(inv);
  o.dryRun = dryRunMode(inv);
  const nodes = targetNodes(inv, 'drain NODE');
  cordonOrUncordon(inv, nodes, true, o.dryRun);
  const suffix = dryRunSuffix(o.dryRun);
  const fatal: DrainError[] = [];
  const remaining: string[] = [];
  for (const node of nodes) {
    const name = node.metadata.name!;
    const list = podsForDeletion(inv, name, o);
    let failure: DrainError | undefined;
    if (list.errors.length) {
      failure = { messages: list.errors, aggregate: true };
    } else {
      if (list.warnings) inv.err(`Warning: ${list.warnings}\n`);
      if (o.dryRun === 'client') {
        for (const p of list.pods) inv.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name} (dry run)\n`);
      } else {
        failure = yield* deleteOrEvict(inv, list.pods, o);
        if (failure) {
          const pending = podsForDeletion(inv, name, o);
          if (pending.pods.length) {
            inv.err(`There are pending pods in node "${name}" when an error occurred: ${errorText(failure)}\n`);
            for (const p of pending.pods) inv.err(`pod/${p.metadata.name}\n`);
          }
          if (pending.errors.length) inv.err(`Following errors occurred while getting the list of pods to delete:\n${errorText({ messages: pending.errors, aggregate: true })}`);
        }
      }
    }
    if (!failure) {
      inv.out(`node/${name} drained${suffix}\n`);
      continue;
    }
    inv.err(`error: unable to drain node "${name}" due to error: ${errorText(failure)}, continuing command...\n`);
    fatal.push(failure);
    remaining.push(name);
  }
  if (!fatal.length) return 0;
  inv.err('There are pending nodes to be drained:\n');
  for (const n of remaining) inv.err(` ${n}\n`);
  // cmdutil.CheckErr: an aggregate prints one error per line, a single plain error with "error: ".
  if (fatal.length > 1) for (const e of fatal) inv.err(errorText(e) + '\n');
  else if (fatal[0].aggregate) for (const m of fatal[0].messages) inv.err(m + '\n');
  else {
    const m = fatal[0].messages[0];
    inv.err((m.startsWith('error: ') || m.startsWith('Error from server') ? m : `error: ${m}`) + '\n');
  }
  return 1;
}

export const cordonCommand: KubectlCommand = {
  name: 'cordon',
  group: 'Cluster Management Commands',
  short: 'Mark node as unschedulable',
  long: 'Mark node as unschedulable.',
  examples: `# Mark node "foo" as unschedulable
kubectl cordon foo`,
  usage: 'kubectl cordon NODE [options]',
  flags: [dryRunFlag, selectorFlag],
  run: cordonRun(true),
};

export const uncordonCommand: KubectlCommand = {
  name: 'uncordon',
  group: 'Cluster Management Commands',
  short: 'Mark node as schedulable',
  long: 'Mark node as schedulable.',
  examples: `# Mark node "foo" as schedulable
kubectl uncordon foo`,
  usage: 'kubectl uncordon NODE [options]',
  flags: [dryRunFlag, selectorFlag],
  run: cordonRun(false),
};

export const drainCommand: KubectlCommand = {
  name: 'drain',
  group: 'Cluster Management Commands',
  short: 'Drain node in preparation for maintenance',
  long: `Drain node in preparation for maintenance.

 The given node will be marked unschedulable to prevent new pods from arriving. 'drain' evicts the pods if the API server supports https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ eviction https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ . Otherwise, it will use normal DELETE to delete the pods. The 'drain' evicts or deletes all pods except mirror pods (which cannot be deleted through the API server).  If there are daemon set-managed pods, drain will not proceed without --ignore-daemonsets, and regardless it will not delete any daemon set-managed pods, because those pods would be immediately replaced by the daemon set controller, which ignores unschedulable markings.  If there are any pods that are neither mirror pods nor managed by a replication controller, replica set, daemon set, stateful set, or job, then drain will not delete any pods unless you use --force.  --force will also allow deletion to proceed if the managing resource of one or more pods is missing.

 'drain' waits for graceful termination. You should not operate on the machine until the command completes.

 When you are ready to put the node back into service, use kubectl uncordon, which will make the node schedulable again.

 https://kubernetes.io/images/docs/kubectl_drain.svg Workflow https://kubernetes.io/images/docs/kubectl_drain.svg`,
  examples: `# Drain node "foo", even if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set on it
kubectl drain foo --force

# As above, but abort if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set, and use a grace period of 15 minutes
kubectl drain foo --grace-period=900`,
  usage: 'kubectl drain NODE [options]',
  flags: [
    { name: 'chunk-size', type: 'int', default: 500, usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
    { name: 'delete-emptydir-data', type: 'bool', default: false, usage: 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).' },
    { name: 'delete-local-data', type: 'bool', default: false, hidden: true, deprecated: 'This option is deprecated and will be deleted. Use --delete-emptydir-data.', usage: 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).' },
    { name: 'disable-eviction', type: 'bool', default: false, usage: 'Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution.' },
    dryRunFlag,
    { name: 'force', type: 'bool', default: false, usage: 'Continue even if there are pods that do not declare a controller.' },
    { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.' },
    { name: 'ignore-daemonsets', type: 'bool', default: false, usage: 'Ignore DaemonSet-managed pods.' },
    { name: 'pod-selector', type: 'string', default: '', usage: 'Label selector to filter pods on the node' },
    selectorFlag,
    { name: 'skip-wait-for-delete-timeout', type: 'int', default: 0, usage: 'If pod DeletionTimestamp older than N seconds, skip waiting for the pod.  Seconds must be greater than 0 to skip.' },
    { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before giving up, zero means infinite' },
  ],
  run: drainRun,
};
