// The commands that describe the API and the cluster rather than objects: api-resources,
// api-versions, explain, version, cluster-info.

import { groupVersion, type KindInfo } from '../../api/kinds.ts';
import { explain, ExplainError } from '../../api/schema/explain.ts';
import { hasSchemaDocs } from '../../api/schema/index.ts';
import { R } from '../../api/wellknown.ts';
import { TabWriter, tableWriterOptions } from '../../util/tabwriter.ts';
import { toJson } from '../../yaml/json.ts';
import { toYaml } from '../../yaml/emit.ts';
import { KUBE_GIT_COMMIT, GO_VERSION, KUBE_VERSION } from '../../version.ts';
import { KubectlError, UsageError } from '../errors.ts';
import { bool, list, str } from '../flags.ts';
import type { Invocation, KubectlCommand } from '../types.ts';
import { resolveType } from '../resources.ts';

function apiResources(inv: Invocation): number {
  const f = inv.flags;
  let kinds = [...inv.env.cluster.kinds.kinds];
  if (f.changed.has('namespaced')) {
    const want = bool(f, 'namespaced');
    kinds = kinds.filter((k) => k.namespaced === want);
  }
  if (f.changed.has('api-group')) kinds = kinds.filter((k) => k.group === str(f, 'api-group'));
  const verbs = list(f, 'verbs');
  if (verbs.length) kinds = kinds.filter((k) => verbs.every((v) => k.verbs.includes(v)));
  const sortBy = str(f, 'sort-by');
  if (sortBy === 'name') kinds = [...kinds].sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
  else if (sortBy === 'kind') kinds = [...kinds].sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  else if (sortBy) throw new KubectlError(`--sort-by accepts only name or kind`);
  const output = str(f, 'output');
  if (output === 'name') {
    for (const k of kinds) inv.out(k.group ? `${k.resource}.${k.group}\n` : `${k.resource}\n`);
    return 0;
  }
  if (output && output !== 'wide') throw new KubectlError(`--output ${output} is not available`);
  const wide = output === 'wide';
  const w = new TabWriter(tableWriterOptions);
  if (!bool(f, 'no-headers')) w.write(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])].join('\t') + '\n');
  for (const k of kinds) {
    const row = [k.resource, k.shortNames.join(','), groupVersion(k), String(k.namespaced), k.kind];
    if (wide) row.push(`[${k.verbs.join(' ')}]`, k.categories.join(','));
    w.write(row.join('\t') + '\n');
  }
  inv.out(w.flush());
  return 0;
}

export const apiResourcesCommand: KubectlCommand = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  long: 'Print the supported API resources on the server.',
  examples: `# Print the supported API resources
kubectl api-resources

# Print the supported API resources with more information
kubectl api-resources -o wide

# Print the supported API resources sorted by a column
kubectl api-resources --sort-by=name

# Print the supported namespaced resources
kubectl api-resources --namespaced=true

# Print the supported non-namespaced resources
kubectl api-resources --namespaced=false

# Print the supported API resources with a specific APIGroup
kubectl api-resources --api-group=rbac.authorization.k8s.io`,
  usage: 'kubectl api-resources [flags] [options]',
  flags: [
    { name: 'api-group', type: 'string', default: '', usage: 'Limit to resources in the specified API group.' },
    { name: 'cached', type: 'bool', default: false, usage: 'Use the cached list of resources if available.' },
    { name: 'categories', type: 'stringSlice', default: [], usage: 'Limit to resources that belong to the specified categories.' },
    { name: 'namespaced', type: 'bool', default: true, usage: 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.' },
    { name: 'no-headers', type: 'bool', default: false, usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output format. One of: (wide, name).' },
    { name: 'sort-by', type: 'string', default: '', usage: "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'." },
    { name: 'verbs', type: 'stringSlice', default: [], usage: 'Limit to resources that support the specified verbs.' },
  ],
  run: apiResources,
};

export const apiVersionsCommand: KubectlCommand = {
  name: 'api-versions',
  short: 'Print the supported API versions on the server, in the form of "group/version"',
  long: 'Print the supported API versions on the server, in the form of "group/version".',
  examples: '# Print the supported API versions\nkubectl api-versions',
  usage: 'kubectl api-versions [flags] [options]',
  run(inv) {
    for (const v of inv.env.cluster.kinds.groupVersions()) inv.out(v + '\n');
    return 0;
  },
};

function runExplain(inv: Invocation): number {
  if (inv.args.length !== 1) {
    throw new UsageError(inv.args.length ? 'We accept only this format: explain RESOURCE' : 'You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n', inv.path);
  }
  const [resourceArg, ...fieldPath] = inv.args[0].split('.');
  let info: KindInfo = resolveType(inv, resourceArg);
  const apiVersion = str(inv.flags, 'api-version');
  let version = groupVersion(info);
  if (apiVersion) {
    const other = inv.env.cluster.kinds.forObject(apiVersion, info.kind);
    if (!other) throw new KubectlError(`couldn't find resource for "${apiVersion}, Kind=${info.kind}"`);
    info = other;
    version = apiVersion;
  }
  // The descriptions are a large file: Node imports it at start (api/schema/docs.ts), the browser's
  // worker fetches it just after the cluster is up.
  if (!hasSchemaDocs()) throw new KubectlError('the API documentation is still loading; try again in a moment');
  try {
    inv.out(explain(inv.args[0], { apiVersion: version, kind: info.kind, fieldPath: fieldPath.filter(Boolean), recursive: bool(inv.flags, 'recursive') }));
  } catch (e) {
    if (e instanceof ExplainError) {
      if (e.stdout) inv.out(e.stdout);
      throw new KubectlError(e.message.replace(/^error: /, ''));
    }
    throw e;
  }
  return 0;
}

export const explainCommand: KubectlCommand = {
  name: 'explain',
  group: 'Basic Commands (Intermediate)',
  short: 'Get documentation for a resource',
  long: `Describe fields and structure of various resources.

 This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:

        <type>.<fieldName>[.<fieldName>]

 Information about each field is retrieved from the server in OpenAPI format.

Use "kubectl api-resources" for a complete list of supported resources.`,
  examples: `# Get the documentation of the resource and its fields
kubectl explain pods

# Get all the fields in the resource
kubectl explain pods --recursive

# Get the explanation for deployment in supported api versions
kubectl explain deployments --api-version=apps/v1

# Get the documentation of a specific field of a resource
kubectl explain pods.spec.containers`,
  usage: 'kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [--output=plaintext|plaintext-openapiv2] [options]',
  flags: [
    { name: 'api-version', type: 'string', default: '', usage: 'Use given api-version (group/version) of the resource.' },
    { name: 'output', type: 'string', default: 'plaintext', usage: 'Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).' },
    { name: 'recursive', type: 'bool', default: false, usage: 'When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.' },
  ],
  run: runExplain,
};

function versionInfo() {
  const [major, minor] = KUBE_VERSION.slice(1).split('.');
  return {
    major,
    minor,
    gitVersion: KUBE_VERSION,
    gitCommit: KUBE_GIT_COMMIT,
    gitTreeState: 'clean',
    buildDate: '2025-06-17T18:29:52Z',
    goVersion: GO_VERSION,
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export const versionCommand: KubectlCommand = {
  name: 'version',
  short: 'Print the client and server version information',
  long: 'Print the client and server version information for the current context.',
  examples: '# Print the client and server versions for the current context\nkubectl version',
  usage: 'kubectl version [flags] [options]',
  flags: [
    { name: 'client', type: 'bool', default: false, usage: 'If true, shows client version only (no server required).' },
    { name: 'output', short: 'o', type: 'string', default: '', usage: "One of 'yaml' or 'json'." },
  ],
  run(inv) {
    const client = bool(inv.flags, 'client');
    const o = str(inv.flags, 'output');
    const data: Record<string, unknown> = { clientVersion: versionInfo(), kustomizeVersion: 'v5.0.4-0.20230601165947-6ce0bf390ce3' };
    if (!client) data.serverVersion = versionInfo();
    if (o === 'json') inv.out(toJson(data));
    else if (o === 'yaml') inv.out(toYaml(data));
    else if (o) throw new KubectlError(`--output must be 'yaml' or 'json'`);
    else {
      inv.out(`Client Version: ${KUBE_VERSION}\nKustomize Version: v5.0.4-0.20230601165947-6ce0bf390ce3\n`);
      if (!client) inv.out(`Server Version: ${KUBE_VERSION}\n`);
    }
    return 0;
  },
};

const GREEN = '\x1b[0;32m';
const YELLOW = '\x1b[0;33m';
const RESET = '\x1b[0m';

export const clusterInfoCommand: KubectlCommand = {
  name: 'cluster-info',
  group: 'Cluster Management Commands',
  short: 'Display cluster information',
  long: "Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
  examples: '# Print the address of the control plane and cluster services\nkubectl cluster-info',
  usage: 'kubectl cluster-info [flags] [options]',
  run(inv) {
    const server = inv.env.config.clusters[0]?.server ?? '';
    inv.out(`${GREEN}Kubernetes control plane${RESET} is running at ${YELLOW}${server}${RESET}\n`);
    for (const svc of inv.env.cluster.store.list(R.services, 'kube-system')) {
      if (svc.metadata.labels?.['kubernetes.io/cluster-service'] !== 'true') continue;
      const name = svc.metadata.labels?.['kubernetes.io/name'] ?? svc.metadata.name;
      const port = (svc.spec as { ports?: { name?: string; port: number }[] }).ports?.[0];
      const portPart = port?.name ? `:${port.name}` : port ? `:${port.port}` : '';
      inv.out(`${GREEN}${name}${RESET} is running at ${YELLOW}${server}/api/v1/namespaces/kube-system/services/${svc.metadata.name}${portPart}/proxy${RESET}\n`);
    }
    inv.out("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
    return 0;
  },
};
