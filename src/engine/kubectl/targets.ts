// The objects a mutating command (delete, label, annotate, wait) acts on: from -f, from
// TYPE NAME… / TYPE/NAME…, or from TYPE with -l, --field-selector or --all.

import type { KindInfo } from '../api/kinds.ts';
import type { KubeObject } from '../api/object.ts';
import { formatError, KubectlError } from './errors.ts';
import { isApiError } from '../api/errors.ts';
import { bool, list, str } from './flags.ts';
import { fileObjects, readManifestArgs } from './manifests.ts';
import { listObjects, parseSelectors, parseTypeArgs } from './resources.ts';
import type { Invocation } from './types.ts';

export interface Target {
  info: KindInfo;
  namespace: string | undefined;
  name: string;
  /** The live object, when it was found. */
  obj?: KubeObject;
}

export interface Targets {
  targets: Target[];
  errors: string[];
  /** Objects were selected by a selector or --all (an empty result is "No resources found"). */
  bySelector: boolean;
}

export const NO_RESOURCES_HELP = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

export function collectTargets(inv: Invocation, opts: { allowAll: boolean; ignoreNotFound?: boolean }): Targets {
  const f = inv.flags;
  const { cluster } = inv.env;
  const files = list(f, 'filename');
  const errors: string[] = [];
  const targets: Target[] = [];
  if (files.length) {
    const read = readManifestArgs(inv.shell.fs, inv.shell.cwd, files, bool(f, 'recursive'), inv.shell.io.stdin);
    const r = fileObjects(cluster.kinds, read, inv.namespace, inv.namespaceExplicit);
    errors.push(...r.errors);
    for (const o of r.objects) {
      const name = o.item.obj.metadata?.name ?? '';
      const ns = o.info.namespaced ? o.namespace : undefined;
      try {
        targets.push({ info: o.info, namespace: ns, name, obj: cluster.api.get(o.info, ns, name) });
      } catch (e) {
        errors.push(formatError(e));
      }
    }
    return { targets, errors, bySelector: false };
  }
  if (!inv.args.length) throw new KubectlError(NO_RESOURCES_HELP);
  const reqs = parseTypeArgs(inv, inv.args);
  const label = str(f, 'selector');
  const field = f.values.has('field-selector') ? str(f, 'field-selector') : '';
  const all = opts.allowAll && bool(f, 'all');
  const allNamespaces = bool(f, 'all-namespaces');
  let bySelector = false;
  for (const r of reqs) {
    if (r.names.length) {
      if (label || all) throw new KubectlError(label ? 'name cannot be provided when a selector is specified' : 'name cannot be provided when --all is specified');
      for (const name of r.names) {
        const ns = r.info.namespaced ? inv.namespace : undefined;
        try {
          targets.push({ info: r.info, namespace: ns, name, obj: cluster.api.get(r.info, ns, name) });
        } catch (e) {
          if (!(opts.ignoreNotFound && isApiError(e) && e.reason === 'NotFound')) errors.push(formatError(e));
        }
      }
      continue;
    }
    if (!label && !field && !all) {
      throw new KubectlError('resource(s) were provided, but no name was specified');
    }
    bySelector = true;
    const scope = { namespace: inv.namespace, allNamespaces, ...parseSelectors(label, field) };
    for (const obj of listObjects(inv, r.info, scope)) {
      targets.push({ info: r.info, namespace: obj.metadata.namespace, name: obj.metadata.name ?? '', obj });
    }
  }
  return { targets, errors, bySelector };
}
