// kubectl wait: block until objects meet a condition (condition=Ready, delete, jsonpath=…=value) or
// the timeout passes.

import type { KindInfo } from '../../api/kinds.ts';
import type { KubeObject } from '../../api/object.ts';
import { groupResource } from '../../api/kinds.ts';
import type { CommandRun } from '../../shell/types.ts';
import { parseGoDuration } from '../../util/duration.ts';
import { waitFor } from '../blocking.ts';
import { KubectlError } from '../errors.ts';
import { str } from '../flags.ts';
import { executeJsonPath, parseJsonPath, relaxedJsonPath } from '../output/jsonpath.ts';
import { objectName } from '../output.ts';
import { collectTargets } from '../targets.ts';
import type { Invocation, KubectlCommand } from '../types.ts';
import { allNamespacesFlag, fieldSelectorFlag, filenameFlag, outputFlag, recursiveFlag, selectorFlag } from './get.ts';

type Check = (obj: KubeObject | undefined) => boolean;

function parseFor(raw: string): { check: Check; deletion: boolean } {
  if (!raw) throw new KubectlError('--for must be specified');
  const lower = raw.toLowerCase();
  if (lower === 'delete') return { check: (o) => !o, deletion: true };
  if (lower.startsWith('condition=')) {
    const spec = raw.slice('condition='.length);
    const eq = spec.indexOf('=');
    const type = eq < 0 ? spec : spec.slice(0, eq);
    const want = eq < 0 ? 'true' : spec.slice(eq + 1).toLowerCase();
    return {
      deletion: false,
      check: (o) => {
        const conds = ((o?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions) ?? [];
        return conds.some((c) => c.type.toLowerCase() === type.toLowerCase() && c.status.toLowerCase() === want);
      },
    };
  }
  if (lower.startsWith('jsonpath=')) {
    const spec = raw.slice('jsonpath='.length);
    const m = /^(.*\})=(.*)$/.exec(spec) ?? /^([^=]*)=(.*)$/.exec(spec);
    const path = m ? m[1] : spec;
    const want = m ? m[2] : undefined;
    const parsed = parseJsonPath(relaxedJsonPath(path));
    return {
      deletion: false,
      check: (o) => {
        if (!o) return false;
        let got: string;
        try {
          got = executeJsonPath(parsed, o, { allowMissingKeys: false });
        } catch {
          return false;
        }
        return want === undefined ? got !== '' : got === want;
      },
    };
  }
  throw new KubectlError(`unrecognized condition: "${raw}"`);
}

function* run(inv: Invocation): CommandRun {
  const { check, deletion } = parseFor(str(inv.flags, 'for'));
  const timeoutRaw = str(inv.flags, 'timeout');
  let timeout: number;
  try {
    timeout = /^\d+$/.test(timeoutRaw) ? Number(timeoutRaw) * 1000 : parseGoDuration(timeoutRaw);
  } catch {
    throw new KubectlError(`invalid argument "${timeoutRaw}" for "--timeout" flag: time: invalid duration "${timeoutRaw}"`);
  }
  if (timeout < 0) timeout = 7 * 24 * 3600 * 1000;
  const { targets, errors } = collectTargets(inv, { allowAll: true, ignoreNotFound: deletion });
  for (const e of errors) inv.err(e + '\n');
  if (errors.length) return 1;
  if (!targets.length) throw new KubectlError('no matching resources found');
  const { cluster } = inv.env;
  const current = (info: KindInfo, ns: string | undefined, name: string, uid?: string) => {
    const o = cluster.store.get(groupResource(info), ns, name);
    return o && (!uid || o.metadata.uid === uid) ? o : undefined;
  };
  const deadline = cluster.now() + timeout;
  for (const t of targets) {
    const uid = t.obj?.metadata.uid;
    const done = () => check(current(t.info, t.namespace, t.name, deletion ? uid : undefined));
    const ok = yield* waitFor(inv, done, Math.max(0, deadline - cluster.now()));
    if (!ok) {
      inv.err(`error: timed out waiting for the condition on ${t.info.resource}/${t.name}\n`);
      return 1;
    }
    inv.out(`${objectName(t.info, t.obj ?? ({ metadata: { name: t.name } } as KubeObject))} condition met\n`);
  }
  return 0;
}

export const waitCommand: KubectlCommand = {
  name: 'wait',
  group: 'Advanced Commands',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  long: `Experimental: Wait for a specific condition on one or many resources.

 The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.

 Alternatively, the command can wait for the given set of resources to be deleted by providing the "delete" keyword as the value to the --for flag.

 A successful message will be printed to stdout indicating when the specified condition has been met. You can use -o option to change to output destination.`,
  examples: `# Wait for the pod "busybox1" to contain the status condition of type "Ready"
kubectl wait --for=condition=Ready pod/busybox1

# The default value of status condition is true; you can wait for other targets after an equal delimiter (compared after Unicode simple case folding, which is a more general form of case-insensitivity)
kubectl wait --for=condition=Ready=false pod/busybox1

# Wait for the pod "busybox1" to contain the status phase to be "Running"
kubectl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1

# Wait for pod "busybox1" to be deleted, with a timeout of 60s, after having issued the "delete" command
kubectl delete pod/busybox1
kubectl wait --for=delete pod/busybox1 --timeout=60s`,
  usage: 'kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=delete|--for condition=available|--for=jsonpath=\'{}\'[=value]] [options]',
  flags: [
    { name: 'all', type: 'bool', default: false, usage: 'Select all resources in the namespace of the specified resource types' },
    allNamespacesFlag,
    fieldSelectorFlag,
    filenameFlag('identifying the resource.'),
    { name: 'for', type: 'string', default: '', usage: "The condition to wait on: [delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true.  Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity." },
    outputFlag,
    recursiveFlag,
    selectorFlag,
    { name: 'timeout', type: 'string', default: '30s', usage: 'The length of time to wait before giving up.  Zero means check once and don\'t wait, negative means wait for a week.' },
  ],
  run,
};
