// kubectl autoscale (kubectl pkg/cmd/autoscale, 1.30): an autoscaling/v1 HorizontalPodAutoscaler
// for each target with a scale subresource — named after it unless --name — with --min, --max and
// --cpu-percent; `horizontalpodautoscaler.autoscaling/NAME autoscaled`.

import { KINDS, groupResource } from '../../api/kinds.ts';
import type { KubeObject } from '../../api/object.ts';
import { formatError, KubectlError } from '../errors.ts';
import { int, str, type FlagSpec } from '../flags.ts';
import { objectName, parseOutput, printStructured } from '../output.ts';
import { recordChangeCause } from '../record.ts';
import { collectTargets } from '../targets.ts';
import type { Invocation, KubectlCommand } from '../types.ts';
import { dryRunFlag, dryRunMode, dryRunSuffix } from './dry-run.ts';
import { recordFlag } from './create.ts';
import { filenameFlag, outputFlag, recursiveFlag } from './get.ts';
import { SCALABLE } from './scale.ts';

const HPA = KINDS.find((k) => k.kind === 'HorizontalPodAutoscaler')!;

function run(inv: Invocation): number {
  const f = inv.flags;
  const min = int(f, 'min');
  const max = int(f, 'max');
  const cpu = int(f, 'cpu-percent');
  if (max < 1) throw new KubectlError(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min) throw new KubectlError(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  const dryRun = dryRunMode(inv);
  const output = parseOutput(str(f, 'output'), inv.shell.fs, inv.shell.cwd);
  const { targets, errors } = collectTargets(inv, { allowAll: false });
  for (const e of errors) inv.err(e + '\n');
  if (errors.length) return 1;
  let count = 0;
  for (const t of targets) {
    if (!SCALABLE.has(groupResource(t.info))) throw new KubectlError(`cannot autoscale a ${t.info.kind}: no scale subresource for ${t.info.group ? `${t.info.resource}.${t.info.group}` : t.info.resource}`);
    const hpa = {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { creationTimestamp: null as unknown as string, name: str(f, 'name') || t.name },
      spec: {
        maxReplicas: max,
        ...(min > 0 ? { minReplicas: min } : {}),
        scaleTargetRef: { apiVersion: t.info.group ? `${t.info.group}/${t.info.version}` : t.info.version, kind: t.info.kind, name: t.name },
        ...(cpu >= 0 ? { targetCPUUtilizationPercentage: cpu } : {}),
      },
      status: { currentReplicas: 0, desiredReplicas: 0 },
    } as unknown as KubeObject;
    recordChangeCause(inv, hpa);
    count++;
    if (dryRun === 'client') {
      if (output.format === 'table') inv.out(`${objectName(HPA, hpa)} created (dry run)\n`);
      else inv.out(printStructured(output, [{ info: HPA, obj: hpa }], true, false));
      continue;
    }
    try {
      const obj = { ...hpa, metadata: { name: hpa.metadata.name, namespace: t.namespace ?? inv.namespace } } as KubeObject;
      delete (obj as { status?: unknown }).status;
      const result = inv.env.cluster.api.create(HPA, obj, { dryRun: dryRun === 'server' });
      if (output.format === 'table') inv.out(`${objectName(HPA, result)} autoscaled${dryRunSuffix(dryRun)}\n`);
      else inv.out(printStructured(output, [{ info: HPA, obj: result }], true, false));
    } catch (e) {
      inv.err(formatError(e) + '\n');
      return 1;
    }
  }
  if (count === 0) throw new KubectlError('no objects passed to autoscale');
  return 0;
}

const flags: FlagSpec[] = [
  { name: 'cpu-percent', type: 'int', default: -1, usage: "The target average CPU utilization (represented as a percent of requested CPU) over all the pods. If it's not specified or negative, a default autoscaling policy will be used." },
  dryRunFlag,
  filenameFlag('autoscale'),
  { name: 'max', type: 'int', default: -1, usage: 'The upper limit for the number of pods that can be set by the autoscaler. Required.' },
  { name: 'min', type: 'int', default: -1, usage: "The lower limit for the number of pods that can be set by the autoscaler. If it's not specified or negative, the server will apply a default value." },
  { name: 'name', type: 'string', default: '', usage: 'The name for the newly created object. If not specified, the name of the input resource will be used.' },
  outputFlag,
  recordFlag,
  recursiveFlag,
];

export const autoscaleCommand: KubectlCommand = {
  name: 'autoscale',
  group: 'Deploy Commands',
  short: 'Auto-scale a deployment, replica set, stateful set, or replication controller',
  long: `Creates an autoscaler that automatically chooses and sets the number of pods that run in a Kubernetes cluster.

 Looks up a deployment, replica set, stateful set, or replication controller by name and creates an autoscaler that uses the given resource as a reference. An autoscaler can automatically increase or decrease number of pods deployed within the system as needed.`,
  examples: `# Auto scale a deployment "foo", with the number of pods between 2 and 10, no target CPU utilization specified so a default autoscaling policy will be used
kubectl autoscale deployment foo --min=2 --max=10

# Auto scale a replication controller "foo", with the number of pods between 1 and 5, target CPU utilization at 80%
kubectl autoscale rc foo --max=5 --cpu-percent=80`,
  usage: 'kubectl autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU]',
  flags,
  run,
};
