// kubectl label and kubectl annotate: add, overwrite (with --overwrite) or remove (`key-`) labels or
// annotations on objects.

import { clone, deepEqual } from '../../api/object.ts';
import { isQualifiedName, isValidLabelValue } from '../../api/names.ts';
import { formatError, KubectlError, UsageError } from '../errors.ts';
import { bool, str, type FlagSpec } from '../flags.ts';
import { collectTargets } from '../targets.ts';
import type { Invocation, KubectlCommand } from '../types.ts';
import { dryRunFlag, dryRunMode, dryRunSuffix } from './dry-run.ts';
import { allNamespacesFlag, fieldSelectorFlag, filenameFlag, outputFlag, recursiveFlag, selectorFlag } from './get.ts';
import { objectName, parseOutput, printStructured } from '../output.ts';

type Which = 'labels' | 'annotations';

function parseChanges(inv: Invocation, which: Which, pairs: string[]): { set: Record<string, string>; remove: string[] } {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const p of pairs) {
    if (p.endsWith('-') && !p.includes('=')) {
      remove.push(p.slice(0, -1));
      continue;
    }
    const i = p.indexOf('=');
    if (i < 0) throw new UsageError(`at least one ${which === 'labels' ? 'label' : 'annotation'} update is required`, inv.path);
    const key = p.slice(0, i);
    const value = p.slice(i + 1);
    if (which === 'labels') {
      const keyErrs = isQualifiedName(key);
      if (keyErrs.length) throw new KubectlError(`invalid label spec: ${p}`);
      const valErrs = isValidLabelValue(value);
      if (valErrs.length) throw new KubectlError(`invalid label value: "${p}": ${valErrs.join('; ')}`);
    } else if (isQualifiedName(key).length) {
      throw new KubectlError(`invalid annotation format: ${p}`);
    }
    set[key] = value;
  }
  for (const r of remove) if (r in set) throw new KubectlError(`can not both modify and remove ${which === 'labels' ? 'a label' : 'an annotation'} in the same command`);
  return { set, remove };
}

function runFor(which: Which) {
  const singular = which === 'labels' ? 'label' : 'annotation';
  const done = which === 'labels' ? 'labeled' : 'annotated';
  const undone = which === 'labels' ? 'unlabeled' : 'annotated';
  return (inv: Invocation): number => {
    const f = inv.flags;
    // Arguments: TYPE NAME… or TYPE/NAME… then KEY=VAL… and KEY-.
    const isChange = (a: string) => a.includes('=') || (a.endsWith('-') && !a.includes('/'));
    const firstChange = inv.args.findIndex(isChange);
    const resourceArgs = firstChange < 0 ? inv.args : inv.args.slice(0, firstChange);
    const changeArgs = firstChange < 0 ? [] : inv.args.slice(firstChange);
    if (!changeArgs.length && !bool(f, 'list')) throw new UsageError(`at least one ${singular} update is required`, inv.path);
    const { set, remove } = parseChanges(inv, which, changeArgs);
    const output = parseOutput(str(f, 'output'), inv.shell.fs, inv.shell.cwd);
    const dryRun = dryRunMode(inv);
    const rvFlag = str(f, 'resource-version');
    const { targets, errors } = collectTargets({ ...inv, args: resourceArgs }, { allowAll: true });
    for (const t of targets) {
      try {
        const obj = clone(t.obj!);
        const current: Record<string, string> = { ...(obj.metadata[which] ?? {}) };
        if (bool(f, 'list')) {
          for (const k of Object.keys(current).sort()) inv.out(`${k}=${current[k]}\n`);
          continue;
        }
        for (const [k, v] of Object.entries(set)) {
          if (k in current && current[k] !== v && !bool(f, 'overwrite')) {
            throw new KubectlError(`'${k}' already has a value (${current[k]}), and --overwrite is false`);
          }
          current[k] = v;
        }
        let removed = false;
        for (const k of remove) {
          if (k in current) {
            delete current[k];
            removed = true;
          }
        }
        const before = obj.metadata[which] ?? {};
        const changed = !deepEqual(before, current);
        let result = t.obj!;
        if (changed) {
          obj.metadata[which] = current;
          if (rvFlag) obj.metadata.resourceVersion = rvFlag;
          else delete obj.metadata.resourceVersion;
          result = inv.env.cluster.api.update(t.info, obj, { dryRun: dryRun !== 'none' });
        }
        if (output.format !== 'table') {
          inv.out(printStructured(output, [{ info: t.info, obj: result }], true, false));
          continue;
        }
        const verb = !changed ? `not ${done}` : removed && !Object.keys(set).length ? undone : done;
        inv.out(`${objectName(t.info, result)} ${verb}${dryRunSuffix(dryRun)}\n`);
      } catch (e) {
        errors.push(formatError(e));
      }
    }
    for (const e of errors) inv.err(e + '\n');
    return errors.length ? 1 : 0;
  };
}

const commonFlags = (what: string): FlagSpec[] => [
  { name: 'all', type: 'bool', default: false, usage: 'Select all resources, in the namespace of the specified resource types' },
  allNamespacesFlag,
  dryRunFlag,
  fieldSelectorFlag,
  filenameFlag(`update the ${what}`),
  { name: 'list', type: 'bool', default: false, usage: `If true, display the ${what}s for a given resource.` },
  { name: 'local', type: 'bool', default: false, usage: `If true, ${what} will NOT contact api-server but run locally.` },
  outputFlag,
  { name: 'overwrite', type: 'bool', default: false, usage: `If true, allow ${what}s to be overwritten, otherwise reject ${what} updates that overwrite existing ${what}s.` },
  recursiveFlag,
  { name: 'resource-version', type: 'string', default: '', usage: `If non-empty, the ${what} update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.` },
  selectorFlag,
];

export const labelCommand: KubectlCommand = {
  name: 'label',
  group: 'Settings Commands',
  short: 'Update the labels on a resource',
  long: `Update the labels on a resource.

  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.
  *  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used.`,
  examples: `# Update pod 'foo' with the label 'unhealthy' and the value 'true'
kubectl label pods foo unhealthy=true

# Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value
kubectl label --overwrite pods foo status=unhealthy

# Update all pods in the namespace
kubectl label pods --all status=unhealthy

# Update pod 'foo' by removing a label named 'bar' if it exists
# Does not require the --overwrite flag
kubectl label pods foo bar-`,
  usage: 'kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  flags: commonFlags('label'),
  run: runFor('labels'),
};

export const annotateCommand: KubectlCommand = {
  name: 'annotate',
  group: 'Settings Commands',
  short: 'Update the annotations on a resource',
  long: `Update the annotations on one or more resources.

 All Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and system extensions may use annotations to store their own data.

 Attempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is specified and does not match the current resource version on the server the command will fail.`,
  examples: `# Update pod 'foo' with the annotation 'description' and the value 'my frontend'
kubectl annotate pods foo description='my frontend'

# Update pod 'foo' with the annotation 'description' and the value 'my frontend running nginx', overwriting any existing value
kubectl annotate --overwrite pods foo description='my frontend running nginx'

# Update pod 'foo' by removing an annotation named 'description' if it exists
# Does not require the --overwrite flag
kubectl annotate pods foo description-`,
  usage: 'kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  flags: commonFlags('annotation'),
  run: runFor('annotations'),
};
