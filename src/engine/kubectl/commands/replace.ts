// kubectl replace -f: a full update of objects that exist; with --force, delete and create again.

import { clone } from '../../api/object.ts';
import type { CommandRun } from '../../shell/types.ts';
import { waitFor } from '../blocking.ts';
import { KubectlError } from '../errors.ts';
import { bool, list, str } from '../flags.ts';
import { fileObjects, readManifestArgs } from '../manifests.ts';
import { objectName, parseOutput, printStructured } from '../output.ts';
import type { Invocation, KubectlCommand } from '../types.ts';
import { sourcedError } from './apply.ts';
import { dryRunFlag, dryRunMode, dryRunSuffix } from './dry-run.ts';
import { filenameFlag, outputFlag, recursiveFlag } from './get.ts';

function* run(inv: Invocation): CommandRun {
  const f = inv.flags;
  const files = list(f, 'filename');
  if (!files.length) throw new KubectlError('must specify --filename to replace');
  const output = parseOutput(str(f, 'output'), inv.shell.fs, inv.shell.cwd);
  const dryRun = dryRunMode(inv);
  const { cluster } = inv.env;
  const read = readManifestArgs(inv.shell.fs, inv.shell.cwd, files, bool(f, 'recursive'), inv.shell.io.stdin);
  const { objects, errors } = fileObjects(cluster.kinds, read, inv.namespace, inv.namespaceExplicit);
  for (const { info, namespace, item } of objects) {
    const obj = clone(item.obj);
    if (info.namespaced) obj.metadata.namespace = namespace;
    const name = obj.metadata.name ?? '';
    try {
      let result;
      if (bool(f, 'force')) {
        const existing = cluster.api.tryGet(info, namespace, name);
        if (existing) {
          cluster.api.delete(info, namespace, name, { propagationPolicy: 'Background' });
          inv.out(`${objectName(info, existing)} deleted\n`);
          const uid = existing.metadata.uid;
          yield* waitFor(inv, () => cluster.api.tryGet(info, namespace, name)?.metadata.uid !== uid, 5 * 60_000);
        }
        delete obj.metadata.resourceVersion;
        result = cluster.api.create(info, obj, { dryRun: dryRun !== 'none' });
      } else {
        result = cluster.api.update(info, obj, { dryRun: dryRun !== 'none' });
      }
      if (output.format === 'table') inv.out(`${objectName(info, result)} replaced${dryRunSuffix(dryRun)}\n`);
      else inv.out(printStructured(output, [{ info, obj: result }], true, false));
    } catch (e) {
      errors.push(sourcedError(e, 'replacing', item.source));
    }
  }
  for (const e of errors) inv.err(e + '\n');
  return errors.length ? 1 : 0;
}

export const replaceCommand: KubectlCommand = {
  name: 'replace',
  group: 'Advanced Commands',
  short: 'Replace a resource by file name or stdin',
  long: `Replace a resource by file name or stdin.

 JSON and YAML formats are accepted. If replacing an existing resource, the complete resource spec must be provided. This can be obtained by

  $ kubectl get TYPE NAME -o yaml`,
  examples: `# Replace a pod using the data in pod.json
kubectl replace -f ./pod.json

# Force replace, delete and then re-create the resource
kubectl replace --force -f ./pod.json`,
  usage: 'kubectl replace -f FILENAME [options]',
  flags: [
    dryRunFlag,
    filenameFlag('replace.'),
    { name: 'force', type: 'bool', default: false, usage: 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.' },
    outputFlag,
    recursiveFlag,
    { name: 'validate', type: 'string', default: 'strict', usage: 'Must be one of: strict (or true), warn, ignore (or false).' },
  ],
  run,
};
