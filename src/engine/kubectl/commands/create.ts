// kubectl create: from files (-f), or from a generator subcommand (namespace, configmap, secret,
// serviceaccount). Unlike apply, an object that exists is an error.

import type { KindInfo } from '../../api/kinds.ts';
import { clone, type KubeObject } from '../../api/object.ts';
import { K } from '../../api/wellknown.ts';
import { encodeBase64 } from '../../util/base64.ts';
import { KubectlError, UsageError } from '../errors.ts';
import { bool, list, str, type FlagSpec } from '../flags.ts';
import { fileObjects, readManifestArgs } from '../manifests.ts';
import { objectName, parseOutput, printStructured } from '../output.ts';
import { recordChangeCause } from '../record.ts';
import type { Invocation, KubectlCommand } from '../types.ts';
import { sourcedError, withLastApplied } from './apply.ts';
import { dryRunFlag, dryRunMode, dryRunSuffix } from './dry-run.ts';
import { filenameFlag, outputFlag, recursiveFlag } from './get.ts';
import { createCronJob, createJob } from './create-batch.ts';

const saveConfigFlag: FlagSpec = { name: 'save-config', type: 'bool', default: false, usage: "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future." };
export const recordFlag: FlagSpec = { name: 'record', type: 'bool', default: false, usage: 'Record current kubectl command in the resource annotation. If set to false, do not record the command. If set to true, record the command. If not set, default to updating the existing annotation value only if one already exists.', deprecated: '--record will be removed in the future' };
const editFlag: FlagSpec = { name: 'edit', type: 'bool', default: false, usage: 'Edit the API resource before creating' };
const validateFlag: FlagSpec = { name: 'validate', type: 'string', default: 'strict', usage: 'Must be one of: strict (or true), warn, ignore (or false).' };

function runFromFiles(inv: Invocation): number {
  const f = inv.flags;
  const files = list(f, 'filename');
  if (!files.length) {
    throw new KubectlError('must specify one of -f and -k');
  }
  const output = parseOutput(str(f, 'output'), inv.shell.fs, inv.shell.cwd);
  const dryRun = dryRunMode(inv);
  const { cluster } = inv.env;
  const read = readManifestArgs(inv.shell.fs, inv.shell.cwd, files, bool(f, 'recursive'), inv.shell.io.stdin);
  const { objects, errors } = fileObjects(cluster.kinds, read, inv.namespace, inv.namespaceExplicit);
  for (const { info, namespace, item } of objects) {
    let obj = clone(item.obj);
    if (info.namespaced) obj.metadata.namespace = namespace;
    recordChangeCause(inv, obj);
    if (bool(f, 'save-config')) obj = withLastApplied(obj);
    try {
      const result = createOne(inv, info, obj, dryRun);
      if (output.format === 'table') inv.out(`${objectName(info, result)} created${dryRunSuffix(dryRun)}\n`);
      else inv.out(printStructured(output, [{ info, obj: result }], true, false));
    } catch (e) {
      errors.push(sourcedError(e, 'creating', item.source));
    }
  }
  for (const e of errors) inv.err(e + '\n');
  return errors.length ? 1 : 0;
}

function createOne(inv: Invocation, info: KindInfo, obj: KubeObject, dryRun: 'none' | 'client' | 'server'): KubeObject {
  if (dryRun === 'client') return obj;
  const warnings: string[] = [];
  try {
    return inv.env.cluster.api.create(info, obj, { dryRun: dryRun === 'server', warnings });
  } finally {
    for (const w of warnings) inv.err(`Warning: ${w}\n`);
  }
}

/** Runs a generator subcommand: build the object, then print it or create it. */
function generate(inv: Invocation, info: KindInfo, obj: KubeObject): number {
  const output = parseOutput(str(inv.flags, 'output'), inv.shell.fs, inv.shell.cwd);
  const dryRun = dryRunMode(inv);
  if (info.namespaced && dryRun === 'none') obj.metadata.namespace = inv.namespace;
  if (inv.flags.values.get('save-config') === true) obj = withLastApplied(obj);
  const result = createOne(inv, info, obj, dryRun);
  if (output.format === 'table') inv.out(`${objectName(info, result)} created${dryRunSuffix(dryRun)}\n`);
  else inv.out(printStructured(output, [{ info, obj: result }], true, false));
  return 0;
}

function nameArg(inv: Invocation): string {
  if (inv.args.length !== 1) throw new UsageError(`exactly one NAME is required, got ${inv.args.length}`, inv.path);
  return inv.args[0];
}

const generatorFlags: FlagSpec[] = [dryRunFlag, outputFlag, saveConfigFlag, validateFlag, { name: 'field-manager', type: 'string', default: 'kubectl-create', usage: 'Name of the manager used to track field ownership.' }];

/** --from-literal=k=v, --from-file=[k=]path, --from-env-file=path → key/value pairs. */
function dataFrom(inv: Invocation, kind: 'configmap' | 'secret'): Record<string, string> {
  const data: Record<string, string> = {};
  const put = (k: string, v: string) => {
    if (k in data) throw new KubectlError(`cannot add key ${k}, another key by that name already exists in Data for ${kind === 'configmap' ? 'ConfigMap' : 'Secret'} "${inv.args[0]}"`);
    data[k] = v;
  };
  for (const lit of list(inv.flags, 'from-literal')) {
    const i = lit.indexOf('=');
    if (i <= 0) throw new KubectlError(`invalid literal source ${lit}, expected key=value`);
    put(lit.slice(0, i), lit.slice(i + 1));
  }
  const { fs } = inv.shell;
  for (const spec of list(inv.flags, 'from-file')) {
    const i = spec.indexOf('=');
    const key = i > 0 ? spec.slice(0, i) : undefined;
    const path = i > 0 ? spec.slice(i + 1) : spec;
    const abs = fs.resolve(path, inv.shell.cwd);
    const st = fs.stat(abs);
    if (!st) throw new KubectlError(`error reading ${path}: no such file or directory`);
    if (st.type === 'dir') {
      for (const name of (fs.readDir(abs) ?? []).sort()) {
        const fp = `${abs}/${name}`;
        if (fs.stat(fp)?.type === 'file') put(name, fs.readFile(fp) ?? '');
      }
    } else put(key ?? path.slice(path.lastIndexOf('/') + 1), fs.readFile(abs) ?? '');
  }
  for (const path of list(inv.flags, 'from-env-file')) {
    const text = fs.readFile(fs.resolve(path, inv.shell.cwd));
    if (text === undefined) throw new KubectlError(`error reading ${path}: no such file or directory`);
    for (const line of text.split('\n')) {
      const t = line.trim();
      if (!t || t.startsWith('#')) continue;
      const i = t.indexOf('=');
      if (i < 0) put(t, '');
      else put(t.slice(0, i), t.slice(i + 1));
    }
  }
  return data;
}

const fromFlags: FlagSpec[] = [
  { name: 'from-env-file', type: 'stringSlice', default: [], usage: 'Specify the path to a file to read lines of key=val pairs to create a configmap.' },
  { name: 'from-file', type: 'stringSlice', default: [], usage: 'Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used.  Specifying a directory will iterate each named file in the directory whose basename is a valid configmap key.' },
  { name: 'from-literal', type: 'stringArray', default: [], usage: 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)' },
];

const meta = (name: string) => ({ creationTimestamp: null as unknown as string, name });

/** The container name kubectl derives from an image: its last path part without tag or digest. */
export function containerNameFromImage(image: string): string {
  let name = image.slice(image.lastIndexOf('/') + 1);
  name = name.split('@')[0].split(':')[0];
  return name.replace(/[_.]/g, '-');
}

const createDeployment: KubectlCommand = {
  name: 'deployment',
  aliases: ['deploy'],
  short: 'Create a deployment with the specified name',
  long: 'Create a deployment with the specified name.',
  examples: `# Create a deployment named my-dep that runs the busybox image
kubectl create deployment my-dep --image=busybox

# Create a deployment with a command
kubectl create deployment my-dep --image=busybox -- date

# Create a deployment named my-dep that runs the nginx image with 3 replicas
kubectl create deployment my-dep --image=nginx --replicas=3

# Create a deployment named my-dep that runs the busybox image and expose port 5701
kubectl create deployment my-dep --image=busybox --port=5701

# Create a deployment named my-dep with multiple containers
kubectl create deployment my-dep --image=busybox:latest --image=ubuntu:latest --image=nginx`,
  usage: 'kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]',
  flags: [
    ...generatorFlags,
    { name: 'image', type: 'stringSlice', default: [], usage: 'Image names to run. A deployment can have multiple images set for multi-container pod.' },
    { name: 'port', type: 'int', default: -1, usage: 'The containerPort that this deployment exposes.' },
    { name: 'replicas', short: 'r', type: 'int', default: 1, usage: 'Number of replicas to create. Default is 1.' },
  ],
  run(inv) {
    const f = inv.flags;
    const dash = f.argsLenAtDash >= 0 ? f.argsLenAtDash : inv.args.length;
    const names = inv.args.slice(0, dash);
    if (names.length !== 1) throw new UsageError(`exactly one NAME is required, got ${names.length}`, inv.path);
    const name = names[0];
    const images = list(f, 'image');
    if (!images.length) throw new KubectlError('required flag(s) "image" not set');
    const command = f.dashArgs ?? inv.args.slice(dash);
    const seen = new Map<string, number>();
    const containers = images.map((image) => {
      let cname = containerNameFromImage(image);
      // Two images with the same name get -2, -3, … (sanitizeAndUniquify).
      const n = (seen.get(cname) ?? 0) + 1;
      seen.set(cname, n);
      if (n > 1) cname = `${cname}-${n}`;
      return { image, name: cname, ...(command.length ? { command } : {}), resources: {} } as Record<string, unknown>;
    });
    const port = f.values.get('port') as number;
    if (port >= 0) containers[0].ports = [{ containerPort: port }];
    const labels = { app: name };
    return generate(inv, K.Deployment, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { ...meta(name), labels },
      spec: {
        replicas: f.values.get('replicas') as number,
        selector: { matchLabels: labels },
        strategy: {},
        template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
      },
      status: {},
    });
  },
};

const createNamespace: KubectlCommand = {
  name: 'namespace',
  aliases: ['ns'],
  short: 'Create a namespace with the specified name',
  long: 'Create a namespace with the specified name.',
  examples: '# Create a new namespace named my-namespace\nkubectl create namespace my-namespace',
  usage: 'kubectl create namespace NAME [--dry-run=server|client|none] [options]',
  flags: generatorFlags,
  run(inv) {
    const name = nameArg(inv);
    return generate(inv, K.Namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: meta(name), spec: {}, status: {} });
  },
};

const createConfigMap: KubectlCommand = {
  name: 'configmap',
  aliases: ['cm'],
  short: 'Create a config map from a local file, directory or literal value',
  long: `Create a config map based on a file, directory, or specified literal value.

 A single config map may package one or more key/value pairs.

 When creating a config map based on a file, the key will default to the basename of the file, and the value will default to the file content.  If the basename is an invalid key, you may specify an alternate key.

 When creating a config map based on a directory, each file whose basename is a valid key in the directory will be packaged into the config map.  Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).`,
  examples: `# Create a new config map named my-config based on folder bar
kubectl create configmap my-config --from-file=path/to/bar

# Create a new config map named my-config with specified keys instead of file basenames on disk
kubectl create configmap my-config --from-file=key1=/path/to/bar/file1.txt --from-file=key2=/path/to/bar/file2.txt

# Create a new config map named my-config with key1=config1 and key2=config2
kubectl create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2`,
  usage: 'kubectl create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
  flags: [...generatorFlags, ...fromFlags, { name: 'append-hash', type: 'bool', default: false, usage: 'Append a hash of the configmap to its name.' }],
  run(inv) {
    const name = nameArg(inv);
    const data = dataFrom(inv, 'configmap');
    const obj: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(name) };
    if (Object.keys(data).length) obj.data = data;
    return generate(inv, K.ConfigMap, obj);
  },
};

const createSecretGeneric: KubectlCommand = {
  name: 'generic',
  short: 'Create a secret from a local file, directory, or literal value',
  long: `Create a secret based on a file, directory, or specified literal value.

 A single secret may package one or more key/value pairs.

 When creating a secret based on a file, the key will default to the basename of the file, and the value will default to the file content. If the basename is an invalid key or you wish to chose your own, you may specify an alternate key.`,
  examples: `# Create a new secret named my-secret with key1=supersecret and key2=topsecret
kubectl create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret`,
  usage: 'kubectl create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
  flags: [...generatorFlags, ...fromFlags, { name: 'type', type: 'string', default: '', usage: 'The type of secret to create' }],
  run(inv) {
    const name = nameArg(inv);
    const data = dataFrom(inv, 'secret');
    const obj: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: meta(name) };
    if (Object.keys(data).length) obj.data = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, encodeBase64(v)]));
    const type = str(inv.flags, 'type');
    if (type) obj.type = type;
    return generate(inv, K.Secret, obj);
  },
};

const createSecretDockerRegistry: KubectlCommand = {
  name: 'docker-registry',
  short: 'Create a secret for use with a Docker registry',
  long: `Create a new secret for use with Docker registries.

 Dockercfg secrets are used to authenticate against Docker registries.

 When using the Docker command line to push images, you can authenticate to a given registry by running:
 '$ docker login DOCKER_REGISTRY_SERVER --username=DOCKER_USER --password=DOCKER_PASSWORD --email=DOCKER_EMAIL'.

 That produces a ~/.dockercfg file that is used by subsequent 'docker push' and 'docker pull' commands to authenticate to the registry. The email address is optional.

 When creating applications, you may have a Docker registry that requires authentication.  In order for the nodes to pull images on your behalf, they must have the credentials.  You can provide this information by creating a dockercfg secret and attaching it to your service account.`,
  examples: `# If you do not already have a .dockercfg file, create a dockercfg secret directly
kubectl create secret docker-registry my-secret --docker-server=DOCKER_REGISTRY_SERVER --docker-username=DOCKER_USER --docker-password=DOCKER_PASSWORD --docker-email=DOCKER_EMAIL`,
  usage: 'kubectl create secret docker-registry NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none] [options]',
  flags: [
    ...generatorFlags,
    { name: 'docker-email', type: 'string', default: '', usage: 'Email for Docker registry' },
    { name: 'docker-password', type: 'string', default: '', usage: 'Password for Docker registry authentication' },
    { name: 'docker-server', type: 'string', default: 'https://index.docker.io/v1/', usage: 'Server location for Docker registry' },
    { name: 'docker-username', type: 'string', default: '', usage: 'Username for Docker registry authentication' },
    { name: 'from-file', type: 'stringSlice', default: [], usage: 'Key files can be specified using their file path, in which case a default name of .dockerconfigjson will be given to them, or optionally with a name and file path, in which case the given name will be used. Specifying a directory will iterate each named file in the directory that is a valid secret key. For this command, the key should always be .dockerconfigjson.' },
  ],
  run(inv) {
    const name = nameArg(inv);
    const f = inv.flags;
    const user = str(f, 'docker-username');
    const password = str(f, 'docker-password');
    if (!list(f, 'from-file').length) {
      if (!user) throw new KubectlError('missing username for docker registry, use --docker-username');
      if (!password) throw new KubectlError('missing password for docker registry, use --docker-password');
    }
    const server = str(f, 'docker-server');
    const entry: Record<string, string> = { username: user, password };
    const email = str(f, 'docker-email');
    if (email) entry.email = email;
    entry.auth = encodeBase64(`${user}:${password}`);
    const config = JSON.stringify({ auths: { [server]: entry } });
    return generate(inv, K.Secret, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: meta(name),
      type: 'kubernetes.io/dockerconfigjson',
      data: { '.dockerconfigjson': encodeBase64(config) },
    });
  },
};

const createSecret: KubectlCommand = {
  name: 'secret',
  short: 'Create a secret using a specified subcommand',
  long: 'Create a secret with specified type.\n\n A docker-registry type secret is for accessing a container registry.\n\n A generic type secret indicate an Opaque secret type.\n\n A tls type secret holds TLS certificate and its associated key.',
  usage: 'kubectl create secret (docker-registry | generic | tls) [options]',
  subcommands: [createSecretDockerRegistry, createSecretGeneric],
};

const createServiceAccount: KubectlCommand = {
  name: 'serviceaccount',
  aliases: ['sa'],
  short: 'Create a service account with the specified name',
  long: 'Create a service account with the specified name.',
  examples: '# Create a new service account named my-service-account\nkubectl create serviceaccount my-service-account',
  usage: 'kubectl create serviceaccount NAME [--dry-run=server|client|none] [options]',
  flags: generatorFlags,
  run(inv) {
    const name = nameArg(inv);
    return generate(inv, K.ServiceAccount, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(name) });
  },
};

export const createCommand: KubectlCommand = {
  name: 'create',
  group: 'Basic Commands (Beginner)',
  short: 'Create a resource from a file or from stdin',
  long: 'Create a resource from a file or from stdin.\n\n JSON and YAML formats are accepted.',
  examples: `# Create a pod using the data in pod.json
kubectl create -f ./pod.json

# Create a pod based on the JSON passed into stdin
cat pod.json | kubectl create -f -

# Edit the data in registry.yaml in JSON then create the resource using the edited data
kubectl create -f registry.yaml --edit -o json`,
  usage: 'kubectl create -f FILENAME [options]',
  flags: [dryRunFlag, editFlag, filenameFlag('use to create the resource'), outputFlag, recordFlag, recursiveFlag, saveConfigFlag, validateFlag],
  subcommands: [createConfigMap, createCronJob, createDeployment, createJob, createNamespace, createSecret, createServiceAccount],
  run: runFromFiles,
};

