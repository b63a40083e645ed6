// kubectl apply -f: create what does not exist, and update what does by a three-way merge of the
// last applied configuration, the new one and the live object (client-side apply).

import { isApiError } from '../../api/errors.ts';
import { clone, deepEqual, type KubeObject } from '../../api/object.ts';
import { encodeJson } from '../../yaml/json.ts';
import { threeWayMerge } from '../apply/merge.ts';
import { formatApiError, KubectlError } from '../errors.ts';
import { bool, list, str, type FlagSpec } from '../flags.ts';
import { fileObjects, readManifestArgs } from '../manifests.ts';
import { objectName, parseOutput, printStructured } from '../output.ts';
import type { Invocation, KubectlCommand } from '../types.ts';
import { filenameFlag, outputFlag, recursiveFlag } from './get.ts';
import { dryRunMode, dryRunSuffix, dryRunFlag } from './dry-run.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The object as applied, with the last-applied annotation holding itself (GetModifiedConfiguration). */
export function withLastApplied(obj: KubeObject): KubeObject {
  const o = clone(obj);
  const annotations = { ...(o.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  o.metadata.annotations = annotations;
  const json = encodeJson(o);
  o.metadata.annotations = { ...annotations, [LAST_APPLIED]: json };
  return o;
}

/** Reports an API error the way apply does: `error when creating "file": ...`. */
export function sourcedError(err: unknown, verb: string, source: string): string {
  if (isApiError(err)) {
    if (err.reason === 'Invalid') return formatApiError(err);
    return formatApiError(err.withMessage(`error when ${verb} "${source}": ${err.message}`));
  }
  return `error: ${(err as Error).message}`;
}

function run(inv: Invocation): number {
  const f = inv.flags;
  const files = list(f, 'filename');
  if (!files.length) throw new KubectlError('must specify one of -f and -k');
  const output = parseOutput(str(f, 'output'), inv.shell.fs, inv.shell.cwd);
  const dryRun = dryRunMode(inv);
  const { cluster } = inv.env;
  const read = readManifestArgs(inv.shell.fs, inv.shell.cwd, files, bool(f, 'recursive'), inv.shell.io.stdin);
  const { objects, errors } = fileObjects(cluster.kinds, read, inv.namespace, inv.namespaceExplicit);
  if (!objects.length && !errors.length) throw new KubectlError('no objects passed to apply');
  for (const { info, namespace, item } of objects) {
    const obj = clone(item.obj);
    if (info.namespaced) obj.metadata.namespace = namespace;
    else delete obj.metadata.namespace;
    const modified = withLastApplied(obj);
    const warnings: string[] = [];
    const name = obj.metadata.name ?? '';
    try {
      const live = name ? cluster.api.tryGet(info, namespace, name) : undefined;
      let result: KubeObject;
      let verb: string;
      if (!live) {
        try {
          result = cluster.api.create(info, modified, { dryRun: dryRun === 'server' || dryRun === 'client', warnings });
        } catch (e) {
          for (const w of warnings) inv.err(`Warning: ${w}\n`);
          errors.push(sourcedError(e, 'creating', item.source));
          continue;
        }
        verb = 'created';
      } else {
        const lastText = live.metadata.annotations?.[LAST_APPLIED];
        if (!lastText) {
          inv.err(`Warning: resource ${info.resource}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`);
        }
        let original: unknown;
        try {
          original = lastText ? JSON.parse(lastText) : undefined;
        } catch {
          original = undefined;
        }
        const merged = threeWayMerge(original as never, modified as never, clone(live) as never) as unknown as KubeObject;
        if (deepEqual(merged, live)) {
          verb = 'unchanged';
          result = live;
        } else {
          try {
            result = cluster.api.update(info, merged, { dryRun: dryRun !== 'none', warnings });
          } catch (e) {
            for (const w of warnings) inv.err(`Warning: ${w}\n`);
            errors.push(sourcedError(e, 'patching', item.source));
            continue;
          }
          verb = 'configured';
        }
      }
      for (const w of warnings) inv.err(`Warning: ${w}\n`);
      if (output.format === 'table') inv.out(`${objectName(info, result)} ${verb}${dryRunSuffix(dryRun)}\n`);
      else inv.out(printStructured(output, [{ info, obj: result }], true, false));
    } catch (e) {
      errors.push(sourcedError(e, 'applying', item.source));
    }
  }
  for (const e of errors) inv.err(e + '\n');
  return errors.length ? 1 : 0;
}

export const applyFlags: FlagSpec[] = [
  { name: 'all', type: 'bool', default: false, usage: 'Select all resources in the namespace of the specified resource types.' },
  dryRunFlag,
  { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply', usage: 'Name of the manager used to track field ownership.' },
  filenameFlag('apply'),
  { name: 'force', type: 'bool', default: false, usage: 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.' },
  outputFlag,
  { name: 'prune', type: 'bool', default: false, usage: 'Automatically delete resource objects, that do not appear in the configs and are created by either apply or create --save-config. Should be used with either -l or --all.' },
  recursiveFlag,
  { name: 'selector', short: 'l', type: 'string', default: '', usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints." },
  { name: 'server-side', type: 'bool', default: false, usage: 'If true, apply runs in the server instead of the client.' },
  { name: 'validate', type: 'string', default: 'strict', usage: 'Must be one of: strict (or true), warn, ignore (or false).' },
  { name: 'record', type: 'bool', default: false, usage: 'Record current kubectl command in the resource annotation. If set to false, do not record the command. If set to true, record the command. If not set, default to updating the existing annotation value only if one already exists.', deprecated: '--record will be removed in the future' },
];

export const applyCommand: KubectlCommand = {
  name: 'apply',
  group: 'Advanced Commands',
  short: 'Apply a configuration to a resource by file name or stdin',
  long: `Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.

 JSON and YAML formats are accepted.

 Alpha Disclaimer: the --prune functionality is not yet complete. Do not use unless you are aware of what the current state is. See https://issues.k8s.io/34274.`,
  examples: `# Apply the configuration in pod.json to a pod
kubectl apply -f ./pod.json

# Apply the JSON passed into stdin to a pod
cat pod.json | kubectl apply -f -

# Apply the configuration from all files that end with '.json'
kubectl apply -f '*.json'`,
  usage: 'kubectl apply (-f FILENAME | -k DIRECTORY) [options]',
  flags: applyFlags,
  run,
};
