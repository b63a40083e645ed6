// kubectl delete: graceful deletion by name, file, selector or --all, with cascading options; by
// default it waits until the objects are really gone.

import type { KubeObject } from '../../api/object.ts';
import type { CommandRun } from '../../shell/types.ts';
import type { PropagationPolicy } from '../../apiserver/apiserver.ts';
import { waitFor } from '../blocking.ts';
import { formatError, KubectlError } from '../errors.ts';
import { bool, int, str, type FlagSpec } from '../flags.ts';
import { kindPrefix } from '../resources.ts';
import { collectTargets } from '../targets.ts';
import type { Invocation, KubectlCommand } from '../types.ts';
import { dryRunFlag, dryRunMode, dryRunSuffix } from './dry-run.ts';
import { allNamespacesFlag, fieldSelectorFlag, filenameFlag, outputFlag, recursiveFlag, selectorFlag } from './get.ts';
import { parseGoDuration } from '../../util/duration.ts';

function cascadePolicy(inv: Invocation): PropagationPolicy {
  const v = str(inv.flags, 'cascade');
  switch (v) {
    case 'background':
    case 'true':
      if (v === 'true') inv.err('warning: --cascade=true is deprecated (boolean value) and can be replaced with --cascade=background.\n');
      return 'Background';
    case 'foreground':
      return 'Foreground';
    case 'orphan':
    case 'false':
      if (v === 'false') inv.err('warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n');
      return 'Orphan';
    default:
      throw new KubectlError(`invalid cascade value (${v}). Must be "background", "foreground", or "orphan"`);
  }
}

function* run(inv: Invocation): CommandRun {
  const f = inv.flags;
  const { cluster } = inv.env;
  let grace = int(f, 'grace-period');
  const force = bool(f, 'force');
  if (bool(f, 'now')) {
    if (grace !== -1) throw new KubectlError('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (force && grace > 0) throw new KubectlError('--force and --grace-period greater than 0 cannot be specified together');
  if (force && grace < 0) grace = 0;
  if (grace === 0 && !force) {
    // kubectl turns --grace-period=0 into 1 unless --force says immediate deletion is meant.
    grace = 1;
  }
  const policy = cascadePolicy(inv);
  const dryRun = dryRunMode(inv);
  const { targets, errors, bySelector } = collectTargets(inv, { allowAll: true, ignoreNotFound: bool(f, 'ignore-not-found') });
  if (force && grace === 0) {
    inv.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  }
  const deleted: { resource: string; namespace: string | undefined; name: string; uid: string; label: string }[] = [];
  const outputName = str(f, 'output') === 'name';
  for (const t of targets) {
    try {
      const res = cluster.api.delete(t.info, t.namespace, t.name, {
        gracePeriodSeconds: grace >= 0 ? grace : undefined,
        propagationPolicy: policy,
        dryRun: dryRun !== 'none',
      });
      const obj: KubeObject = res.object;
      if (outputName) inv.out(`${kindPrefix(t.info)}/${t.name}\n`);
      else inv.out(`${kindPrefix(t.info)} "${t.name}" deleted${dryRunSuffix(dryRun)}\n`);
      deleted.push({ resource: cluster.api.resourceOf(t.info), namespace: t.namespace, name: t.name, uid: obj.metadata.uid ?? '', label: `${t.info.resource}/${t.name}` });
    } catch (e) {
      errors.push(formatError(e));
    }
  }
  if (!targets.length && bySelector && !errors.length) inv.out('No resources found\n');
  for (const e of errors) inv.err(e + '\n');
  if (bool(f, 'wait') && dryRun === 'none' && deleted.length) {
    const gone = (d: (typeof deleted)[number]) => cluster.store.get(d.resource, d.namespace, d.name)?.metadata.uid !== d.uid;
    const timeoutRaw = str(f, 'timeout');
    const timeout = timeoutRaw && timeoutRaw !== '0s' && timeoutRaw !== '0' ? parseGoDuration(timeoutRaw) : Number.POSITIVE_INFINITY;
    const ok = yield* waitFor(inv, () => deleted.every(gone), timeout);
    if (!ok) {
      const left = deleted.find((d) => !gone(d))!;
      inv.err(`error: timed out waiting for the condition on ${left.label}\n`);
      return 1;
    }
  }
  return errors.length ? 1 : 0;
}

export const deleteFlags: FlagSpec[] = [
  { name: 'all', type: 'bool', default: false, usage: 'Delete all resources, in the namespace of the specified resource types.' },
  allNamespacesFlag,
  { name: 'cascade', type: 'string', default: 'background', noOptDefault: 'background', usage: 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.' },
  dryRunFlag,
  fieldSelectorFlag,
  filenameFlag('delete.'),
  { name: 'force', type: 'bool', default: false, usage: 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.' },
  { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).' },
  { name: 'ignore-not-found', type: 'bool', default: false, usage: 'Treat "resource not found" as a successful delete. Defaults to "true" when --all is specified.' },
  { name: 'now', type: 'bool', default: false, usage: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).' },
  { ...outputFlag, usage: 'Output mode. Use "-o name" for shorter output (resource/name).' },
  recursiveFlag,
  selectorFlag,
  { name: 'timeout', type: 'string', default: '0s', usage: 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object' },
  { name: 'wait', type: 'bool', default: true, usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.' },
];

export const deleteCommand: KubectlCommand = {
  name: 'delete',
  group: 'Basic Commands (Intermediate)',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  long: `Delete resources by file names, stdin, resources and names, or by resources and label selector.

 JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.

 Some resources, such as pods, support graceful deletion. These resources define a default period before they are forcibly terminated (the grace period) but you may override that value with the --grace-period flag, or pass --now to set a grace-period of 1. Because these resources often represent entities in the cluster, deletion may not be acknowledged immediately. If the node hosting a pod is down or cannot reach the API server, termination may take significantly longer than the grace period. To force delete a resource, you must specify the --force flag.`,
  examples: `# Delete a pod using the type and name specified in pod.json
kubectl delete -f ./pod.json

# Delete pods and services with same names "baz" and "foo"
kubectl delete pod,service baz foo

# Delete pods and services with label name=myLabel
kubectl delete pods,services -l name=myLabel

# Delete a pod with minimal delay
kubectl delete pod foo --now

# Force delete a pod on a dead node
kubectl delete pod foo --force

# Delete all pods
kubectl delete pods --all`,
  usage: 'kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]',
  flags: deleteFlags,
  run,
};
