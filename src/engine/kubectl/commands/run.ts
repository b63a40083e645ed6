// kubectl run: create a pod from an image (the generator kubectl run is today).

import type { Container, Pod } from '../../api/types.ts';
import type { KubeObject } from '../../api/object.ts';
import { K } from '../../api/wellknown.ts';
import { KubectlError, UsageError } from '../errors.ts';
import { bool, list, str } from '../flags.ts';
import { objectName, parseOutput, printStructured } from '../output.ts';
import type { Invocation, KubectlCommand } from '../types.ts';
import { dryRunFlag, dryRunMode, dryRunSuffix } from './dry-run.ts';
import { outputFlag } from './get.ts';

function parseKV(list: string[], what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list) {
    for (const part of what === 'labels' ? item.split(',') : [item]) {
      const i = part.indexOf('=');
      if (i <= 0) throw new KubectlError(`invalid ${what === 'labels' ? 'label' : what} spec: ${part}`);
      out[part.slice(0, i)] = part.slice(i + 1);
    }
  }
  return out;
}

function run(inv: Invocation): number {
  const f = inv.flags;
  if (!inv.args.length) throw new UsageError('NAME is required for run', inv.path);
  const name = inv.args[0];
  const image = str(f, 'image');
  if (!image) throw new KubectlError('required flag(s) "image" not set');
  if (bool(f, 'stdin') || bool(f, 'tty') || bool(f, 'attach') || bool(f, 'rm')) {
    throw new KubectlError('attaching to a pod (-i, -t, --attach, --rm) needs the container runtime, which the sandbox does not have yet; run the pod without them and use kubectl logs');
  }
  const restart = str(f, 'restart');
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw new KubectlError(`invalid restart policy: ${restart}`);
  const labels = f.changed.has('labels') ? parseKV([str(f, 'labels')], 'labels') : { run: name };
  const container: Container = { image, name, resources: {} };
  const rest = f.dashArgs ?? inv.args.slice(1);
  if (rest.length) {
    if (bool(f, 'command')) container.command = rest;
    else container.args = rest;
  }
  const env = list(f, 'env');
  if (env.length) container.env = Object.entries(parseKV(env, 'env')).map(([n, value]) => ({ name: n, value }));
  const port = str(f, 'port');
  if (port) container.ports = [{ containerPort: Number(port) }];
  const pull = str(f, 'image-pull-policy');
  if (pull) container.imagePullPolicy = pull;
  const annotations = list(f, 'annotations');
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { creationTimestamp: null as unknown as string, labels, name, ...(annotations.length ? { annotations: parseKV(annotations, 'annotation') } : {}) },
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart },
    status: {},
  };
  const output = parseOutput(str(f, 'output'), inv.shell.fs, inv.shell.cwd);
  const dryRun = dryRunMode(inv);
  let result = pod as unknown as KubeObject;
  if (dryRun !== 'client') {
    pod.metadata!.namespace = inv.namespace;
    result = inv.env.cluster.api.create(K.Pod, pod as unknown as KubeObject, { dryRun: dryRun === 'server' });
  }
  if (output.format === 'table') inv.out(`${objectName(K.Pod, result)} created${dryRunSuffix(dryRun)}\n`);
  else inv.out(printStructured(output, [{ info: K.Pod, obj: result }], true, false));
  return 0;
}

export const runCommand: KubectlCommand = {
  name: 'run',
  group: 'Basic Commands (Beginner)',
  short: 'Run a particular image on the cluster',
  long: 'Create and run a particular image in a pod.',
  examples: `# Start a nginx pod
kubectl run nginx --image=nginx

# Start a hazelcast pod and let the container expose port 5701
kubectl run hazelcast --image=hazelcast/hazelcast --port=5701

# Start a hazelcast pod and set environment variables "DNS_DOMAIN=cluster" and "POD_NAMESPACE=default" in the container
kubectl run hazelcast --image=hazelcast/hazelcast --env="DNS_DOMAIN=cluster" --env="POD_NAMESPACE=default"

# Start a hazelcast pod and set labels "app=hazelcast" and "env=prod" in the container
kubectl run hazelcast --image=hazelcast/hazelcast --labels="app=hazelcast,env=prod"

# Dry run; print the corresponding API objects without creating them
kubectl run nginx --image=nginx --dry-run=client

# Start the nginx pod using the default command, but use custom arguments (arg1 .. argN) for that command
kubectl run nginx --image=nginx -- <arg1> <arg2> ... <argN>

# Start the nginx pod using a different command and custom arguments
kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>`,
  usage: 'kubectl run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
  flags: [
    { name: 'annotations', type: 'stringArray', default: [], usage: 'Annotations to apply to the pod.' },
    { name: 'attach', type: 'bool', default: false, usage: 'If true, wait for the Pod to start running, and then attach to the Pod as if \'kubectl attach ...\' were called.' },
    { name: 'command', type: 'bool', default: false, usage: 'If true and extra arguments are present, use them as the \'command\' field in the container, rather than the \'args\' field which is the default.' },
    dryRunFlag,
    { name: 'env', type: 'stringArray', default: [], usage: 'Environment variables to set in the container.' },
    { name: 'image', type: 'string', default: '', usage: 'The image for the container to run.' },
    { name: 'image-pull-policy', type: 'string', default: '', usage: 'The image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server.' },
    { name: 'labels', short: 'l', type: 'string', default: '', usage: 'Comma separated labels to apply to the pod. Will override previous values.' },
    outputFlag,
    { name: 'port', type: 'string', default: '', usage: 'The port that this container exposes.' },
    { name: 'restart', type: 'string', default: 'Always', usage: "The restart policy for this Pod.  Legal values [Always, OnFailure, Never]." },
    { name: 'rm', type: 'bool', default: false, usage: 'If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with \'--attach\' or with \'-i/--stdin\'.' },
    { name: 'stdin', short: 'i', type: 'bool', default: false, usage: 'Keep stdin open on the container in the pod, even if nothing is attached.' },
    { name: 'tty', short: 't', type: 'bool', default: false, usage: 'Allocate a TTY for the container in the pod.' },
  ],
  run,
};
