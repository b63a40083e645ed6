// kubectl get: list or fetch objects and print them as a table or in a structured format, and
// with -w keep printing changes as they happen (until Ctrl+C, or the request timeout in a script).

import type { KindInfo } from '../../api/kinds.ts';
import { groupResource } from '../../api/kinds.ts';
import type { KubeObject } from '../../api/object.ts';
import { isApiError } from '../../api/errors.ts';
import type { CommandRun } from '../../shell/types.ts';
import { formatError, KubectlError } from '../errors.ts';
import { bool, list, str, type FlagSpec } from '../flags.ts';
import { readManifestArgs, mappingError, namespaceFor } from '../manifests.ts';
import { parseOutput, printStructured, objectName, type Output } from '../output.ts';
import { tableFor } from '../printers/index.ts';
import { renderTable, cells, headers, type TableOptions } from '../printers/table.ts';
import { inScope, kindPrefix, listObjects, parseSelectors, parseTypeArgs, type ListScope } from '../resources.ts';
import { sortObjectsBy } from '../output/sort.ts';
import { TabWriter, tableWriterOptions } from '../../util/tabwriter.ts';
import { requestTimeoutMs } from '../timeout.ts';
import type { Invocation, KubectlCommand } from '../types.ts';
import { toYaml } from '../../yaml/emit.ts';
import { toJson } from '../../yaml/json.ts';

export const outputFlag: FlagSpec = {
  name: 'output',
  short: 'o',
  type: 'string',
  default: '',
  usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide).',
};
export const selectorFlag: FlagSpec = { name: 'selector', short: 'l', type: 'string', default: '', usage: "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints." };
export const fieldSelectorFlag: FlagSpec = { name: 'field-selector', type: 'string', default: '', usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." };
export const allNamespacesFlag: FlagSpec = { name: 'all-namespaces', short: 'A', type: 'bool', default: false, usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' };
export const filenameFlag = (what: string): FlagSpec => ({ name: 'filename', short: 'f', type: 'stringSlice', default: [], usage: `Filename, directory, or URL to files identifying the resource to ${what}` });
export const recursiveFlag: FlagSpec = { name: 'recursive', short: 'R', type: 'bool', default: false, usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' };

interface Found {
  info: KindInfo;
  objs: KubeObject[];
  names: string[];
}

function* run(inv: Invocation): CommandRun {
  const f = inv.flags;
  const output = parseOutput(str(f, 'output'), inv.shell.fs, inv.shell.cwd);
  const allNamespaces = bool(f, 'all-namespaces');
  const scope: ListScope = { namespace: inv.namespace, allNamespaces, ...parseSelectors(str(f, 'selector'), str(f, 'field-selector')) };
  const files = list(f, 'filename');
  const errors: string[] = [];
  const found: Found[] = [];
  let single: boolean;

  if (files.length) {
    const read = readManifestArgs(inv.shell.fs, inv.shell.cwd, files, bool(f, 'recursive'), inv.shell.io.stdin);
    errors.push(...read.errors);
    for (const item of read.items) {
      const info = inv.env.cluster.kinds.forObject(item.obj.apiVersion, item.obj.kind);
      if (!info) {
        errors.push(mappingError(inv.env.cluster.kinds, item, item.obj.metadata?.namespace ?? ''));
        continue;
      }
      const ns = namespaceFor(info, item, inv.namespace, inv.namespaceExplicit);
      const name = item.obj.metadata?.name ?? '';
      addFound(found, info, () => inv.env.cluster.api.get(info, ns, name), errors, bool(f, 'ignore-not-found'));
    }
    single = read.items.length === 1;
  } else {
    const reqs = parseTypeArgs(inv, inv.args);
    if (!reqs.length) {
      throw new KubectlError(
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples',
        1,
        true,
      );
    }
    if (bool(f, 'watch') || bool(f, 'watch-only')) {
      if (reqs.length > 1) throw new KubectlError('you may only specify a single resource type');
    }
    const namedCount = reqs.reduce((n, r) => n + r.names.length, 0);
    single = namedCount === 1 && reqs.length === 1;
    for (const r of reqs) {
      if (r.names.length) {
        if (scope.labelSelector) throw new KubectlError('name cannot be provided when a selector is specified');
        for (const name of r.names) {
          const ns = r.info.namespaced ? inv.namespace : undefined;
          addFound(found, r.info, () => inv.env.cluster.api.get(r.info, ns, name), errors, bool(f, 'ignore-not-found'));
        }
        const entry = found.find((x) => x.info === r.info);
        if (entry) entry.names = r.names;
        else found.push({ info: r.info, objs: [], names: r.names });
      } else {
        try {
          found.push({ info: r.info, objs: listObjects(inv, r.info, scope), names: [] });
        } catch (e) {
          errors.push(formatError(e));
        }
      }
    }
  }

  const sortBy = str(f, 'sort-by');
  if (sortBy) {
    for (const g of found) {
      try {
        g.objs = sortObjectsBy(g.objs, sortBy, { mode: output.format === 'table' || output.format === 'wide' ? 'table' : 'list' });
      } catch (e) {
        throw new KubectlError((e as Error).message);
      }
    }
  }

  const watchOnly = bool(f, 'watch-only');
  const watching = bool(f, 'watch') || watchOnly;
  const total = found.reduce((n, g) => n + g.objs.length, 0);
  const writer = new TabWriter(tableWriterOptions);
  if (!watchOnly && !(watching && bool(f, 'output-watch-events'))) printInitial(inv, output, found, single, total, errors.length > 0, writer);
  for (const e of errors) inv.err(e + '\n');
  if (!watching) return errors.length ? 1 : 0;
  if (!found.length) return 1;
  return yield* watch(inv, output, found[0], scope, writer);
}

function addFound(found: Found[], info: KindInfo, get: () => KubeObject, errors: string[], ignoreNotFound: boolean): void {
  try {
    const obj = get();
    let entry = found.find((x) => x.info === info);
    if (!entry) found.push((entry = { info, objs: [], names: [] }));
    entry.objs.push(obj);
  } catch (e) {
    if (isApiError(e) && e.reason === 'NotFound' && ignoreNotFound) return;
    errors.push(formatError(e));
  }
}

function tableOptions(inv: Invocation, output: Output, info: KindInfo, withKind: boolean): TableOptions {
  const f = inv.flags;
  return {
    wide: output.format === 'wide',
    withNamespace: bool(f, 'all-namespaces') && info.namespaced,
    withKind: withKind || bool(f, 'show-kind'),
    kindPrefix: kindPrefix(info),
    showLabels: bool(f, 'show-labels'),
    labelColumns: list(f, 'label-columns'),
    noHeaders: bool(f, 'no-headers'),
  };
}

function printInitial(inv: Invocation, output: Output, found: Found[], single: boolean, total: number, hadErrors: boolean, writer: TabWriter): void {
  const ctx = { now: inv.env.cluster.now(), store: inv.env.cluster.store };
  if (total === 0) {
    if (hadErrors || single) return;
    if (output.format === 'table' || output.format === 'wide' || output.format === 'name' || output.format === 'custom-columns') {
      const scoped = found.every((g) => !g.info.namespaced) || bool(inv.flags, 'all-namespaces');
      inv.err(scoped ? 'No resources found\n' : `No resources found in ${inv.namespace} namespace.\n`);
      return;
    }
  }
  if (output.format === 'table' || output.format === 'wide') {
    const nonEmpty = found.filter((g) => g.objs.length);
    const withKind = found.length > 1;
    const blocks = nonEmpty.map((g) =>
      renderTable(tableFor(groupResource(g.info)), g.objs, ctx, tableOptions(inv, output, g.info, withKind), nonEmpty.length === 1 ? writer : undefined),
    );
    inv.out(blocks.join('\n'));
    return;
  }
  const objs = found.flatMap((g) => g.objs.map((obj) => ({ info: g.info, obj })));
  inv.out(printStructured(output, objs, single, bool(inv.flags, 'no-headers')));
}

function* watch(inv: Invocation, output: Output, target: Found, scope: ListScope, w: TabWriter): CommandRun {
  const { cluster } = inv.env;
  const info = target.info;
  const resource = groupResource(info);
  const showEvents = bool(inv.flags, 'output-watch-events');
  const table = output.format === 'table' || output.format === 'wide';
  const opts = tableOptions(inv, output, info, false);
  // The header comes with the first row kubectl prints, unless the listing already printed it.
  let headerDue = table && !opts.noHeaders && (bool(inv.flags, 'watch-only') || showEvents);
  const printEvent = (type: string, obj: KubeObject) => {
    if (table) {
      const p = tableFor(resource);
      if (headerDue) {
        w.write((showEvents ? ['EVENT', ...headers(p, opts)] : headers(p, opts)).join('\t') + '\n');
        headerDue = false;
      }
      const row = cells(p, obj, { now: cluster.now(), store: cluster.store }, { ...opts, noHeaders: true });
      w.write((showEvents ? [type, ...row] : row).join('\t') + '\n');
      inv.out(w.flush());
    } else if (output.format === 'name') {
      inv.out(objectName(info, obj) + '\n');
    } else if (output.format === 'yaml') {
      inv.out('---\n' + toYaml(showEvents ? { type, object: obj } : obj));
    } else if (output.format === 'json') {
      inv.out(toJson(showEvents ? { type, object: obj } : obj));
    } else {
      inv.out(printStructured(output, [{ info, obj }], true, true));
    }
  };
  if (showEvents && !bool(inv.flags, 'watch-only')) for (const obj of target.objs) printEvent('ADDED', obj);
  const unsubscribe = cluster.store.watch(resource, (e) => {
    if (!inScope(info, e.object, scope, target.names)) return;
    printEvent(e.type, e.object);
  });
  try {
    yield { type: 'sleep', ms: requestTimeoutMs(inv) };
  } finally {
    unsubscribe();
  }
  return 0;
}

export const getCommand: KubectlCommand = {
  name: 'get',
  group: 'Basic Commands (Intermediate)',
  short: 'Display one or many resources',
  long: `Display one or many resources.

 Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace unless you pass --all-namespaces.

 By specifying the output as 'template' and providing a Go template as the value of the --template flag, you can filter the attributes of the fetched resources.

Use "kubectl api-resources" for a complete list of supported resources.`,
  examples: `# List all pods in ps output format
kubectl get pods

# List all pods in ps output format with more information (such as node name)
kubectl get pods -o wide

# List a single replication controller with specified NAME in ps output format
kubectl get replicationcontroller web

# List deployments in JSON output format, in the "v1" version of the "apps" API group
kubectl get deployments.v1.apps -o json

# List a single pod in JSON output format
kubectl get -o json pod web-pod-13je7

# List a pod identified by type and name specified in "pod.yaml" in JSON output format
kubectl get -f pod.yaml -o json

# Return only the phase value of the specified pod
kubectl get -o template pod/web-pod-13je7 --template={{.status.phase}}

# List resource information in custom columns
kubectl get pod test-pod -o custom-columns=CONTAINER:.spec.containers[0].name,IMAGE:.spec.containers[0].image

# List all replication controllers and services together in ps output format
kubectl get rc,services

# List one or more resources by their type and names
kubectl get rc/web service/frontend pods/web-pod-13je7`,
  usage: 'kubectl get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
  flags: [
    allNamespacesFlag,
    { name: 'chunk-size', type: 'int', default: 500, usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
    fieldSelectorFlag,
    filenameFlag('get from a server.'),
    { name: 'ignore-not-found', type: 'bool', default: false, usage: 'If the requested object does not exist the command will return exit code 0.' },
    { name: 'label-columns', short: 'L', type: 'stringSlice', default: [], usage: 'Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2...' },
    { name: 'no-headers', type: 'bool', default: false, usage: 'When using the default or custom-column output format, don\'t print headers (default print headers).' },
    outputFlag,
    { name: 'output-watch-events', type: 'bool', default: false, usage: 'Output watch event objects when --watch or --watch-only is used. Existing objects are output as initial ADDED events.' },
    recursiveFlag,
    selectorFlag,
    { name: 'show-kind', type: 'bool', default: false, usage: 'If present, list the resource type for the requested object(s).' },
    { name: 'show-labels', type: 'bool', default: false, usage: 'When printing, show all labels as the last column (default hide labels column)' },
    { name: 'sort-by', type: 'string', default: '', usage: "If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API resource specified by this JSONPath expression must be an integer or a string." },
    { name: 'watch', short: 'w', type: 'bool', default: false, usage: 'After listing/getting the requested object, watch for changes.' },
    { name: 'watch-only', type: 'bool', default: false, usage: 'Watch for changes to the requested object(s), without listing/getting first.' },
  ],
  run,
};
