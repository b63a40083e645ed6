// kubectl set image / env / resources: change the pod template (or a pod's spec) of existing
// objects, printing `deployment.apps/web image updated` for each object that changed.

import { groupResource } from '../../api/kinds.ts';
import { clone, deepEqual, type KubeObject } from '../../api/object.ts';
import type { Container, PodSpec } from '../../api/types.ts';
import { formatError, KubectlError, UsageError } from '../errors.ts';
import { bool, list, str, type FlagSpec } from '../flags.ts';
import { objectName, parseOutput, printStructured } from '../output.ts';
import { recordChangeCause } from '../record.ts';
import { collectTargets } from '../targets.ts';
import type { Invocation, KubectlCommand } from '../types.ts';
import { dryRunFlag, dryRunMode, dryRunSuffix } from './dry-run.ts';
import { recordFlag } from './create.ts';
import { filenameFlag, outputFlag, recursiveFlag, selectorFlag } from './get.ts';

/** updatePodSpecForObject: where each kind keeps its pod spec. */
function podSpecOf(obj: KubeObject): PodSpec | undefined {
  const spec = obj.spec as Record<string, unknown> | undefined;
  if (!spec) return undefined;
  const kind = obj.kind;
  if (kind === 'Pod') return spec as unknown as PodSpec;
  if (kind === 'CronJob') return ((spec.jobTemplate as { spec?: { template?: { spec?: PodSpec } } } | undefined)?.spec?.template?.spec);
  return (spec.template as { spec?: PodSpec } | undefined)?.spec;
}

/** Splits `KEY=VAL…` changes from the resource arguments (TYPE NAME or TYPE/NAME). */
function splitArgs(inv: Invocation, isChange: (a: string) => boolean): { resources: string[]; changes: string[] } {
  const i = inv.args.findIndex(isChange);
  return i < 0 ? { resources: inv.args, changes: [] } : { resources: inv.args.slice(0, i), changes: inv.args.slice(i) };
}

/** The shared loop: change each object's pod spec, write it if it changed, print `<name> <verb>`. */
function apply(inv: Invocation, resources: string[], verb: string, change: (spec: PodSpec, obj: KubeObject) => void): number {
  const dryRun = dryRunMode(inv);
  const output = parseOutput(str(inv.flags, 'output'), inv.shell.fs, inv.shell.cwd);
  const { targets, errors } = collectTargets({ ...inv, args: resources }, { allowAll: true });
  const { cluster } = inv.env;
  for (const t of targets) {
    try {
      const obj = clone(t.obj!);
      const spec = podSpecOf(obj);
      if (!spec) throw new KubectlError(`${groupResource(t.info)}/${t.name} does not have a pod template`);
      change(spec, obj);
      if (deepEqual(obj.spec, t.obj!.spec)) continue; // an empty patch: nothing is sent or printed
      recordChangeCause(inv, obj);
      const result = dryRun === 'client' ? obj : cluster.api.update(t.info, obj, { dryRun: dryRun === 'server' });
      if (output.format === 'table') inv.out(`${objectName(t.info, result)} ${verb}${dryRunSuffix(dryRun)}\n`);
      else inv.out(printStructured(output, [{ info: t.info, obj: result }], true, false));
    } catch (e) {
      errors.push(formatError(e));
    }
  }
  for (const e of errors) inv.err(e + '\n');
  return errors.length ? 1 : 0;
}

/** The containers a -c/--containers pattern selects (`*` is every one). */
function selectContainers(spec: PodSpec, pattern: string): Container[] {
  const re = new RegExp('^' + pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*') + '$');
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])].filter((c) => re.test(c.name));
}

const commonFlags: FlagSpec[] = [
  { name: 'all', type: 'bool', default: false, usage: 'Select all resources, in the namespace of the specified resource types' },
  dryRunFlag,
  filenameFlag('get from a server.'),
  { name: 'local', type: 'bool', default: false, usage: 'If true, set image will NOT contact api-server but run locally.' },
  outputFlag,
  recordFlag,
  recursiveFlag,
  selectorFlag,
];

const setImage: KubectlCommand = {
  name: 'image',
  short: 'Update the image of a pod template',
  long: `Update existing container image(s) of resources.

 Possible resources include (case insensitive):

        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)`,
  examples: `# Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'
kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1

# Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'
kubectl set image deployments,rc nginx=nginx:1.9.1 --all

# Update image of all containers of daemonset abc to 'nginx:1.9.1'
kubectl set image daemonset abc *=nginx:1.9.1`,
  usage: 'kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N',
  flags: commonFlags,
  run(inv) {
    const { resources, changes } = splitArgs(inv, (a) => a.includes('='));
    if (!changes.length) throw new UsageError('at least one image update is required', inv.path);
    const images: [string, string][] = changes.map((c) => {
      const i = c.indexOf('=');
      if (i <= 0 || i === c.length - 1) throw new KubectlError(`invalid image spec: ${c}`);
      return [c.slice(0, i), c.slice(i + 1)];
    });
    if (!resources.length && !list(inv.flags, 'filename').length) throw new UsageError('one or more resources must be specified as <resource> <name> or <resource>/<name>', inv.path);
    return apply(inv, resources, 'image updated', (spec) => {
      for (const [name, image] of images) {
        const found = name === '*' ? [...(spec.initContainers ?? []), ...(spec.containers ?? [])] : selectContainers(spec, name).filter((c) => c.name === name);
        if (!found.length) throw new KubectlError(`unable to find container named "${name}"`);
        for (const c of found) c.image = image;
      }
    });
  },
};

const setEnv: KubectlCommand = {
  name: 'env',
  short: 'Update environment variables on a pod template',
  long: `Update environment variables on a pod template.

 List environment variable definitions in one or more pods, pod templates. Add, update, or remove container environment variable definitions in one or more pod templates (within replication controllers or deployment configurations). View or modify the environment variable definitions on all containers in the specified pods or pod templates, or just those that match a wildcard.`,
  examples: `# Update deployment 'registry' with a new environment variable
kubectl set env deployment/registry STORAGE_DIR=/local

# List the environment variables defined on a deployments 'sample-build'
kubectl set env deployment/sample-build --list

# Remove the environment variable ENV from container 'c1' in all deployment configs
kubectl set env deployments --all --containers="c1" ENV-`,
  usage: 'kubectl set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N',
  flags: [
    ...commonFlags,
    { name: 'containers', short: 'c', type: 'string', default: '*', usage: 'The names of containers in the selected pod templates to change - may use wildcards' },
    { name: 'env', short: 'e', type: 'stringArray', default: [], usage: 'Specify a key-value pair for an environment variable to set into each container.' },
    { name: 'list', type: 'bool', default: false, usage: 'If true, display the environment and any changes in the standard format. this flag will removed when we have kubectl view env.' },
    { name: 'overwrite', type: 'bool', default: true, usage: 'If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment.' },
  ],
  run(inv) {
    const isChange = (a: string) => a.includes('=') || (a.endsWith('-') && !a.includes('/'));
    const { resources, changes } = splitArgs(inv, isChange);
    const all = [...list(inv.flags, 'env'), ...changes];
    const set: [string, string][] = [];
    const remove: string[] = [];
    for (const c of all) {
      const i = c.indexOf('=');
      if (i > 0) set.push([c.slice(0, i), c.slice(i + 1)]);
      else if (c.endsWith('-')) remove.push(c.slice(0, -1));
      else throw new KubectlError(`invalid environment variable: ${c}`);
    }
    const pattern = str(inv.flags, 'containers');
    if (bool(inv.flags, 'list')) {
      const { targets, errors } = collectTargets({ ...inv, args: resources }, { allowAll: true });
      for (const t of targets) {
        const spec = podSpecOf(t.obj!);
        const found = spec ? selectContainers(spec, pattern) : [];
        // info.Mapping.Resource is a GroupVersionResource, printed with its String().
        const gvr = `${t.info.group}/${t.info.version}, Resource=${t.info.resource}`;
        if (!found.length) inv.err(`warning: ${gvr}/${t.name} does not have any containers matching "${pattern}"\n`);
        for (const c of found) {
          inv.out(`# ${gvr} ${t.name}, container ${c.name}\n`);
          for (const e of c.env ?? []) inv.out(e.valueFrom ? `# ${e.name} from ${envRefString(e.valueFrom)}\n` : `${e.name}=${e.value ?? ''}\n`);
        }
      }
      for (const e of errors) inv.err(e + '\n');
      return errors.length ? 1 : 0;
    }
    if (!all.length) throw new KubectlError('at least one environment variable must be provided');
    const overwrite = inv.flags.values.get('overwrite') !== false;
    return apply(inv, resources, 'env updated', (spec) => {
      for (const c of selectContainers(spec, pattern)) {
        let env = [...(c.env ?? [])];
        for (const [name, value] of set) {
          const i = env.findIndex((e) => e.name === name);
          if (i >= 0 && !overwrite) throw new KubectlError(`'${name}' already has a value (${env[i].value ?? ''}), and --overwrite is false`);
          if (i >= 0) env[i] = { name, value };
          else env.push({ name, value });
        }
        env = env.filter((e) => !remove.includes(e.name));
        if (env.length) c.env = env;
        else delete c.env;
      }
    });
  },
};

/** GetEnvVarRefString: where a valueFrom points. */
function envRefString(from: NonNullable<NonNullable<Container['env']>[number]['valueFrom']>): string {
  if (from.configMapKeyRef) return `configmap ${from.configMapKeyRef.name}, key ${from.configMapKeyRef.key}`;
  if (from.secretKeyRef) return `secret ${from.secretKeyRef.name}, key ${from.secretKeyRef.key}`;
  if (from.fieldRef) return `field path ${from.fieldRef.fieldPath}`;
  if (from.resourceFieldRef) return `resource field ${from.resourceFieldRef.containerName ? `${from.resourceFieldRef.containerName}/` : ''}${from.resourceFieldRef.resource}`;
  return 'invalid valueFrom';
}

function parseResourceList(raw: string, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw) return out;
  for (const part of raw.split(',')) {
    const i = part.indexOf('=');
    if (i <= 0) throw new KubectlError(`invalid argument "${raw}" for "--${flag}" flag`);
    out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}

const setResources: KubectlCommand = {
  name: 'resources',
  short: 'Update resource requests/limits on objects with pod templates',
  long: `Specify compute resource requirements (CPU, memory) for any resource that defines a pod template.  If a pod is successfully scheduled, it is guaranteed the amount of resource requested, but may burst up to its specified limits.

 For each compute resource, if a limit is specified and a request is omitted, the request will default to the limit.

 Possible resources include (case insensitive): Use "kubectl api-resources" for a complete list of supported resources..`,
  examples: `# Set a deployments nginx container cpu limits to "200m" and memory to "512Mi"
kubectl set resources deployment nginx -c=nginx --limits=cpu=200m,memory=512Mi

# Set the resource request and limits for all containers in nginx
kubectl set resources deployment nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m,memory=256Mi`,
  usage: 'kubectl set resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS]',
  flags: [
    ...commonFlags,
    { name: 'containers', short: 'c', type: 'string', default: '*', usage: 'The names of containers in the selected pod templates to change, all containers are selected by default - may use wildcards' },
    { name: 'limits', type: 'string', default: '', usage: 'The resource requirement requests for this container.  For example, \'cpu=100m,memory=256Mi\'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges.' },
    { name: 'requests', type: 'string', default: '', usage: 'The resource requirement requests for this container.  For example, \'cpu=100m,memory=256Mi\'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges.' },
  ],
  run(inv) {
    const limits = parseResourceList(str(inv.flags, 'limits'), 'limits');
    const requests = parseResourceList(str(inv.flags, 'requests'), 'requests');
    if (!Object.keys(limits).length && !Object.keys(requests).length) throw new KubectlError('you must specify an update to requests or limits (in the form of --requests/--limits)');
    const pattern = str(inv.flags, 'containers');
    return apply(inv, inv.args, 'resource requirements updated', (spec) => {
      const found = selectContainers(spec, pattern);
      if (!found.length) throw new KubectlError(`unable to find container named ${pattern}`);
      for (const c of found) {
        const r = (c.resources ??= {});
        if (Object.keys(limits).length) r.limits = { ...(r.limits ?? {}), ...limits };
        if (Object.keys(requests).length) r.requests = { ...(r.requests ?? {}), ...requests };
      }
    });
  },
};

export const setCommand: KubectlCommand = {
  name: 'set',
  group: 'Basic Commands (Beginner)',
  short: 'Set specific features on objects',
  long: 'Configure application resources.\n\n These commands help you make changes to existing application resources.',
  usage: 'kubectl set SUBCOMMAND',
  subcommands: [setEnv, setImage, setResources],
};
