// kubectl create job and kubectl create cronjob (kubectl's create_job.go and create_cronjob.go):
// a job or cronjob running one container named after the object, with an optional command after
// `--`; or a job instantiated by hand from a cronjob's template (`--from=cronjob/NAME`).

import { clone, type KubeObject } from '../../api/object.ts';
import { CRONJOB_KIND } from '../../controllers/cronjob.ts';
import { JOB_KIND } from '../../controllers/job.ts';
import { KubectlError, UsageError } from '../errors.ts';
import { str, type FlagSpec } from '../flags.ts';
import { objectName, parseOutput, printStructured } from '../output.ts';
import type { Invocation, KubectlCommand } from '../types.ts';
import type { KindInfo } from '../../api/kinds.ts';
import { withLastApplied } from './apply.ts';
import { dryRunFlag, dryRunMode, dryRunSuffix } from './dry-run.ts';
import { outputFlag } from './get.ts';

const flags: FlagSpec[] = [
  dryRunFlag,
  { name: 'field-manager', type: 'string', default: 'kubectl-create', usage: 'Name of the manager used to track field ownership.' },
  outputFlag,
  { name: 'save-config', type: 'bool', default: false, usage: 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.' },
  { name: 'validate', type: 'string', default: 'strict', usage: 'Must be one of: strict (or true), warn, ignore (or false).' },
];

/** NameFromCommandArgs: the first argument; the rest (after `--`) is the command. */
function nameAndCommand(inv: Invocation): { name: string; command: string[] | undefined } {
  const dash = inv.flags.argsLenAtDash;
  const before = dash >= 0 ? inv.args.slice(0, dash) : inv.args;
  if (before.length === 0) throw new UsageError('NAME is required', inv.path);
  if (dash < 0 && inv.args.length > 1) throw new UsageError(`exactly one NAME is required, got ${inv.args.length}`, inv.path);
  const command = inv.args.slice(1);
  return { name: before[0], command: command.length ? command : undefined };
}

function emit(inv: Invocation, info: KindInfo, obj: KubeObject, what: string): number {
  const output = parseOutput(str(inv.flags, 'output'), inv.shell.fs, inv.shell.cwd);
  const dryRun = dryRunMode(inv);
  // EnforceNamespace: -n given (or a create that reaches the server) puts the namespace in.
  if (inv.namespaceExplicit || dryRun !== 'client') obj.metadata.namespace = inv.namespace;
  if (inv.flags.values.get('save-config') === true) obj = withLastApplied(obj);
  let result = obj;
  if (dryRun !== 'client') {
    const warnings: string[] = [];
    try {
      result = inv.env.cluster.api.create(info, obj, { dryRun: dryRun === 'server', warnings });
    } catch (e) {
      throw new KubectlError(`failed to create ${what}: ${(e as Error).message}`);
    } finally {
      for (const w of warnings) inv.err(`Warning: ${w}\n`);
    }
  }
  if (output.format === 'table') inv.out(`${objectName(info, result)} created${dryRunSuffix(dryRun)}\n`);
  else inv.out(printStructured(output, [{ info, obj: result }], true, false));
  return 0;
}

const NULL_TIME = null as unknown as string;

/** createJobFromCronJob: the template's labels, annotations and spec, marked as made by hand. */
function jobFromCronJob(inv: Invocation, name: string, from: string): KubeObject {
  const slash = from.indexOf('/');
  const kind = slash < 0 ? '' : from.slice(0, slash).toLowerCase();
  const cjName = slash < 0 ? '' : from.slice(slash + 1);
  if (!['cronjob', 'cronjobs', 'cj', 'cronjob.batch', 'cronjobs.batch'].includes(kind) || !cjName) {
    throw new KubectlError(`from must be of the form "cronjob/NAME", got "${from}"`);
  }
  const cj = inv.env.cluster.api.get(CRONJOB_KIND, inv.namespace, cjName);
  const tmpl = clone((cj.spec as { jobTemplate: { metadata?: KubeObject['metadata']; spec: unknown } }).jobTemplate);
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...(tmpl.metadata?.annotations ?? {}) },
      creationTimestamp: NULL_TIME,
      ...(tmpl.metadata?.labels ? { labels: tmpl.metadata.labels } : {}),
      name,
      ownerReferences: [{ apiVersion: 'batch/v1', controller: true, kind: 'CronJob', name: cjName, uid: cj.metadata.uid! }],
    },
    spec: tmpl.spec,
    status: {},
  } as KubeObject;
}

function podTemplate(name: string, image: string, command: string[] | undefined, restartPolicy: string) {
  return {
    metadata: { creationTimestamp: NULL_TIME },
    spec: { containers: [{ ...(command ? { command } : {}), image, name, resources: {} }], restartPolicy },
  };
}

export const createJob: KubectlCommand = {
  name: 'job',
  short: 'Create a job with the specified name',
  long: 'Create a job with the specified name.',
  examples: `# Create a job
kubectl create job my-job --image=busybox

# Create a job with a command
kubectl create job my-job --image=busybox -- date

# Create a job from a cron job named "a-cronjob"
kubectl create job test-job --from=cronjob/a-cronjob`,
  usage: 'kubectl create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]',
  flags: [
    ...flags,
    { name: 'from', type: 'string', default: '', usage: 'The name of the resource to create a Job from (only cronjob is supported).' },
    { name: 'image', type: 'string', default: '', usage: 'Image name to run.' },
  ],
  run(inv) {
    const { name, command } = nameAndCommand(inv);
    const image = str(inv.flags, 'image');
    const from = str(inv.flags, 'from');
    if ((!image && !from) || (image && from)) throw new KubectlError('either --image or --from must be specified');
    if (command && from) throw new KubectlError('cannot specify --from and command');
    const job: KubeObject = from
      ? jobFromCronJob(inv, name, from)
      : { apiVersion: 'batch/v1', kind: 'Job', metadata: { creationTimestamp: NULL_TIME, name }, spec: { template: podTemplate(name, image, command, 'Never') }, status: {} };
    return emit(inv, JOB_KIND, job, 'job');
  },
};

export const createCronJob: KubectlCommand = {
  name: 'cronjob',
  aliases: ['cj'],
  short: 'Create a cron job with the specified name',
  long: 'Create a cron job with the specified name.',
  examples: `# Create a cron job
kubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *"

# Create a cron job with a command
kubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *" -- date`,
  usage: "kubectl create cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags] [options]",
  flags: [
    ...flags,
    { name: 'image', type: 'string', default: '', usage: 'Image name to run.' },
    { name: 'restart', type: 'string', default: '', usage: "job's restart policy. supported values: OnFailure, Never" },
    { name: 'schedule', type: 'string', default: '', usage: 'A schedule in the Cron format the job should be run with.' },
  ],
  run(inv) {
    // cobra's MarkFlagRequired, checked before anything else.
    const missing = ['image', 'schedule'].filter((f) => !inv.flags.changed.has(f));
    if (missing.length) throw new KubectlError(`required flag(s) ${missing.map((m) => `"${m}"`).join(', ')} not set`);
    const { name, command } = nameAndCommand(inv);
    const restart = str(inv.flags, 'restart') || 'OnFailure';
    const cj: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { creationTimestamp: NULL_TIME, name },
      spec: {
        jobTemplate: { metadata: { creationTimestamp: NULL_TIME, name }, spec: { template: podTemplate(name, str(inv.flags, 'image'), command, restart) } },
        schedule: str(inv.flags, 'schedule'),
      },
      status: {},
    };
    return emit(inv, CRONJOB_KIND, cj, 'cronjob');
  },
};
