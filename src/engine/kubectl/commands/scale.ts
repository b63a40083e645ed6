// kubectl scale: set spec.replicas of deployments, replica sets, replication controllers and
// stateful sets (what their scale subresources change), with the --current-replicas and
// --resource-version preconditions, and optionally wait (--timeout) for the replicas to follow.

import { groupResource } from '../../api/kinds.ts';
import { clone, type KubeObject } from '../../api/object.ts';
import { parseGoDuration } from '../../util/duration.ts';
import { waitFor } from '../blocking.ts';
import { formatError, KubectlError } from '../errors.ts';
import { int, str, type FlagSpec } from '../flags.ts';
import { objectName, parseOutput, printStructured } from '../output.ts';
import { recordChangeCause } from '../record.ts';
import { collectTargets } from '../targets.ts';
import type { CommandRun } from '../../shell/types.ts';
import type { Invocation, KubectlCommand } from '../types.ts';
import { dryRunFlag, dryRunMode, dryRunSuffix } from './dry-run.ts';
import { recordFlag } from './create.ts';
import { filenameFlag, outputFlag, recursiveFlag, selectorFlag } from './get.ts';

/** The resources with a scale subresource. */
export const SCALABLE = new Set(['deployments.apps', 'replicasets.apps', 'replicationcontrollers', 'statefulsets.apps']);

function parseTimeout(raw: string): number {
  if (raw === '' || raw === '0') return 0;
  try {
    return /^\d+$/.test(raw) ? Number(raw) * 1000 : parseGoDuration(raw);
  } catch {
    throw new KubectlError(`invalid argument "${raw}" for "--timeout" flag: time: invalid duration "${raw}"`);
  }
}

function* run(inv: Invocation): CommandRun {
  const f = inv.flags;
  const replicas = f.changed.has('replicas') ? int(f, 'replicas') : -1;
  if (replicas < 0) throw new KubectlError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const current = f.changed.has('current-replicas') ? int(f, 'current-replicas') : -1;
  const rv = str(f, 'resource-version');
  const timeout = parseTimeout(str(f, 'timeout'));
  const dryRun = dryRunMode(inv);
  const output = parseOutput(str(f, 'output'), inv.shell.fs, inv.shell.cwd);
  const { targets, errors } = collectTargets(inv, { allowAll: true });
  for (const e of errors) inv.err(e + '\n');
  if (errors.length && !targets.length) return 1;
  if (!targets.length) throw new KubectlError('no objects passed to scale');
  if (rv && targets.length > 1) throw new KubectlError('cannot use --resource-version with multiple resources');
  if (current >= 0 && targets.length > 1) throw new KubectlError('cannot use --current-replicas with multiple resources');
  const { cluster } = inv.env;
  let failed = errors.length > 0;
  const scaled: { resource: string; namespace: string | undefined; name: string }[] = [];
  for (const t of targets) {
    const resource = groupResource(t.info);
    try {
      if (!SCALABLE.has(resource)) throw new KubectlError(`cannot scale ${t.info.resource}: the server could not find the requested resource`);
      const obj = clone(t.obj!) as KubeObject & { spec: { replicas?: number } };
      const now = obj.spec.replicas ?? 1;
      if (current >= 0 && now !== current) throw new KubectlError(`Expected replicas to be ${current}, was ${now}`);
      if (rv && rv !== obj.metadata.resourceVersion) throw new KubectlError(`Expected resourceVersion to be ${rv}, was ${obj.metadata.resourceVersion}`);
      obj.spec.replicas = replicas;
      recordChangeCause(inv, obj);
      const result = dryRun === 'client' ? obj : cluster.api.update(t.info, obj, { dryRun: dryRun === 'server' });
      if (output.format === 'table') inv.out(`${objectName(t.info, result)} scaled${dryRunSuffix(dryRun)}\n`);
      else inv.out(printStructured(output, [{ info: t.info, obj: result }], true, false));
      scaled.push({ resource, namespace: t.namespace, name: t.name });
    } catch (e) {
      inv.err(formatError(e) + '\n');
      failed = true;
    }
  }
  if (timeout > 0 && dryRun === 'none') {
    // WaitForScaleHasDesiredReplicas: the controller has seen the change and has the replicas.
    for (const s of scaled) {
      const done = () => {
        const o = cluster.store.get(s.resource, s.namespace, s.name) as (KubeObject & { spec: { replicas?: number }; status?: { replicas?: number; observedGeneration?: number } }) | undefined;
        return !!o && (o.status?.observedGeneration ?? 0) >= (o.metadata.generation ?? 0) && (o.status?.replicas ?? 0) === (o.spec.replicas ?? 1);
      };
      if (!(yield* waitFor(inv, done, timeout))) {
        inv.err('error: timed out waiting for the condition\n');
        return 1;
      }
    }
  }
  return failed ? 1 : 0;
}

const scaleFlags: FlagSpec[] = [
  { name: 'all', type: 'bool', default: false, usage: 'Select all resources in the namespace of the specified resource types' },
  { name: 'current-replicas', type: 'int', default: -1, usage: 'Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.' },
  dryRunFlag,
  filenameFlag('set a new size'),
  outputFlag,
  recordFlag,
  recursiveFlag,
  { name: 'replicas', type: 'int', default: 0, usage: 'The new desired number of replicas. Required.' },
  { name: 'resource-version', type: 'string', default: '', usage: 'Precondition for resource version. Requires that the current resource version match this value in order to scale.' },
  selectorFlag,
  { name: 'timeout', type: 'string', default: '0s', usage: 'The length of time to wait before giving up on a scale operation, zero means don\'t wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).' },
];

export const scaleCommand: KubectlCommand = {
  name: 'scale',
  group: 'Deploy Commands',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  long: `Set a new size for a deployment, replica set, replication controller, or stateful set.

 Scale also allows users to specify one or more preconditions for the scale action.

 If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server.`,
  examples: `# Scale a replica set named 'foo' to 3
kubectl scale --replicas=3 rs/foo

# Scale a resource identified by type and name specified in "foo.yaml" to 3
kubectl scale --replicas=3 -f foo.yaml

# If the deployment named mysql's current size is 2, scale mysql to 3
kubectl scale --current-replicas=2 --replicas=3 deployment/mysql

# Scale multiple replication controllers
kubectl scale --replicas=5 rc/example1 rc/example2 rc/example3

# Scale stateful set named 'web' to 3
kubectl scale --replicas=3 statefulset/web`,
  usage: 'kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)',
  flags: scaleFlags,
  run,
};
