// kubectl describe: a readable account of objects, their state and their events. A name is also a
// prefix: `kubectl describe pods nginx` describes every pod whose name starts with "nginx" when
// none is called exactly that.

import { groupResource } from '../../api/kinds.ts';
import type { KindInfo } from '../../api/kinds.ts';
import type { KubeObject } from '../../api/object.ts';
import { notFound } from '../../api/errors.ts';
import { describerFor } from '../describe/index.ts';
import { formatError, KubectlError } from '../errors.ts';
import { bool, list, str } from '../flags.ts';
import { fileObjects, readManifestArgs } from '../manifests.ts';
import { listObjects, parseSelectors, parseTypeArgs } from '../resources.ts';
import type { Invocation, KubectlCommand } from '../types.ts';
import { allNamespacesFlag, filenameFlag, recursiveFlag, selectorFlag } from './get.ts';

function run(inv: Invocation): number {
  const f = inv.flags;
  const { cluster } = inv.env;
  const errors: string[] = [];
  const items: { info: KindInfo; obj: KubeObject }[] = [];
  const files = list(f, 'filename');
  if (files.length) {
    const read = readManifestArgs(inv.shell.fs, inv.shell.cwd, files, bool(f, 'recursive'), inv.shell.io.stdin);
    const r = fileObjects(cluster.kinds, read, inv.namespace, inv.namespaceExplicit);
    errors.push(...r.errors);
    for (const o of r.objects) {
      try {
        items.push({ info: o.info, obj: cluster.api.get(o.info, o.namespace, o.item.obj.metadata?.name ?? '') });
      } catch (e) {
        errors.push(formatError(e));
      }
    }
  } else {
    if (!inv.args.length) {
      throw new KubectlError(
        'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n',
        1,
      );
    }
    const scope = { namespace: inv.namespace, allNamespaces: bool(f, 'all-namespaces'), ...parseSelectors(str(f, 'selector'), '') };
    for (const r of parseTypeArgs(inv, inv.args)) {
      if (!r.names.length) {
        for (const obj of listObjects(inv, r.info, scope)) items.push({ info: r.info, obj });
        continue;
      }
      for (const name of r.names) {
        const ns = r.info.namespaced ? inv.namespace : undefined;
        const exact = cluster.api.tryGet(r.info, ns, name);
        if (exact) {
          items.push({ info: r.info, obj: exact });
          continue;
        }
        const prefixed = cluster.api.list(r.info, ns).filter((o) => o.metadata.name?.startsWith(name));
        if (!prefixed.length) errors.push(formatError(notFound(groupResource(r.info), name)));
        for (const obj of prefixed) items.push({ info: r.info, obj });
      }
    }
    if (!items.length && !errors.length) {
      const scoped = scope.allNamespaces || parseTypeArgs(inv, inv.args).every((r) => !r.info.namespaced);
      inv.err(scoped ? 'No resources found\n' : `No resources found in ${inv.namespace} namespace.\n`);
      return 0;
    }
  }
  const ctx = { now: cluster.now(), store: cluster.store, showEvents: inv.flags.values.get('show-events') !== false };
  items.forEach((it, i) => {
    const text = describerFor(groupResource(it.info))(it.obj, ctx);
    inv.out(i === 0 ? text : '\n\n' + text);
  });
  for (const e of errors) inv.err(e + '\n');
  return errors.length ? 1 : 0;
}

export const describeCommand: KubectlCommand = {
  name: 'describe',
  group: 'Troubleshooting and Debugging Commands',
  short: 'Show details of a specific resource or group of resources',
  long: `Show details of a specific resource or group of resources.

 Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector. For example:

        $ kubectl describe TYPE NAME_PREFIX

 will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will output details for every resource that has a name prefixed with NAME_PREFIX.

Use "kubectl api-resources" for a complete list of supported resources.`,
  examples: `# Describe a node
kubectl describe nodes kubernetes-node-emt8.c.myproject.internal

# Describe a pod
kubectl describe pods/nginx

# Describe a pod identified by type and name in "pod.json"
kubectl describe -f pod.json

# Describe all pods
kubectl describe pods

# Describe pods by label name=myLabel
kubectl describe pods -l name=myLabel

# Describe all pods managed by the 'frontend' replication controller
# (rc-created pods get the name of the rc as a prefix in the pod name)
kubectl describe pods frontend`,
  usage: 'kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]',
  flags: [
    allNamespacesFlag,
    { name: 'chunk-size', type: 'int', default: 500, usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
    filenameFlag('retrieve the resource from a server.'),
    recursiveFlag,
    selectorFlag,
    { name: 'show-events', type: 'bool', default: true, usage: 'If true, display events related to the described object.' },
  ],
  run,
};
