// Turning command-line arguments into the objects a command acts on, as cli-runtime's resource
// builder does: `TYPE`, `TYPE1,TYPE2`, `TYPE NAME…`, `TYPE/NAME…`, `all`, with -l, --field-selector,
// -n and -A applied when listing.

import type { KindInfo } from '../api/kinds.ts';
import { groupResource } from '../api/kinds.ts';
import type { KubeObject } from '../api/object.ts';
import { parseSelector, type Selector } from '../api/labels.ts';
import { convertFieldSelector, enhanceListErrorMessage, fieldGetter, FieldSelectorError, parseFieldSelector, type FieldSelector } from '../api/fields.ts';
import { badRequest } from '../api/errors.ts';
import { KubectlError } from './errors.ts';
import type { Invocation } from './types.ts';

export interface TypeRequest {
  info: KindInfo;
  /** Names asked for; empty means every object (filtered by selectors). */
  names: string[];
}

export function resolveType(inv: Invocation, arg: string): KindInfo {
  const info = inv.env.cluster.kinds.resolve(arg);
  if (!info) throw new KubectlError(`the server doesn't have a resource type "${arg}"`);
  return info;
}

/** Expands "all" and comma lists into kinds, keeping the order given and dropping repeats. */
function resolveTypes(inv: Invocation, list: string): KindInfo[] {
  const out: KindInfo[] = [];
  for (const t of list.split(',')) {
    if (!t) continue;
    const kinds = t === 'all' ? inv.env.cluster.kinds.category('all') : [resolveType(inv, t)];
    for (const k of kinds) if (!out.includes(k)) out.push(k);
  }
  return out;
}

/** Parses TYPE[,TYPE] [NAME…] or TYPE/NAME… . */
export function parseTypeArgs(inv: Invocation, args: readonly string[]): TypeRequest[] {
  if (!args.length) return [];
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length) {
    if (slashed.length !== args.length) {
      throw new KubectlError(
        `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. '${inv.path} resource/<resource_name>' instead of '${inv.path} resource resource/<resource_name>'`,
      );
    }
    const byType: TypeRequest[] = [];
    for (const a of args) {
      const i = a.indexOf('/');
      const type = a.slice(0, i);
      const name = a.slice(i + 1);
      if (!type || !name) throw new KubectlError(`arguments in resource/name form must have a single resource and name`);
      const info = resolveType(inv, type);
      let req = byType.find((r) => r.info === info);
      if (!req) byType.push((req = { info, names: [] }));
      req.names.push(name);
    }
    return byType;
  }
  const kinds = resolveTypes(inv, args[0]);
  return kinds.map((info) => ({ info, names: args.slice(1) }));
}

export interface ListScope {
  namespace: string;
  allNamespaces: boolean;
  labelSelector?: Selector;
  fieldSelector?: FieldSelector;
  /** The selectors as typed, for error messages. */
  labelRaw?: string;
  fieldRaw?: string;
}

export function parseSelectors(label: string, field: string): Pick<ListScope, 'labelSelector' | 'fieldSelector' | 'labelRaw' | 'fieldRaw'> {
  let labelSelector: Selector | undefined;
  let fieldSelector: FieldSelector | undefined;
  if (label) {
    try {
      labelSelector = parseSelector(label);
    } catch (e) {
      throw new KubectlError((e as Error).message);
    }
  }
  if (field) {
    try {
      fieldSelector = parseFieldSelector(field);
    } catch (e) {
      throw new KubectlError((e as Error).message);
    }
  }
  return { labelSelector, fieldSelector, labelRaw: label, fieldRaw: field };
}

/** Lists a kind within the scope, applying selectors as the apiserver does. */
export function listObjects(inv: Invocation, info: KindInfo, scope: ListScope): KubeObject[] {
  const resource = groupResource(info);
  let fs: FieldSelector | undefined;
  if (scope.fieldSelector) {
    // The apiserver refuses field labels the resource does not support.
    try {
      fs = convertFieldSelector(resource, scope.fieldSelector);
    } catch (e) {
      if (!(e instanceof FieldSelectorError)) throw e;
      const gvr = { group: info.group, version: info.version, resource: info.resource };
      throw badRequest(enhanceListErrorMessage(gvr, scope.labelRaw ?? '', scope.fieldRaw ?? '', e.message));
    }
  }
  const ns = info.namespaced && !scope.allNamespaces ? scope.namespace : undefined;
  let objs = inv.env.cluster.api.list(info, ns);
  if (scope.labelSelector) objs = objs.filter((o) => scope.labelSelector!.matches(o.metadata.labels));
  if (fs) objs = objs.filter((o) => fs.matches(fieldGetter(resource, o, info.namespaced)));
  return objs;
}

/** Whether one object falls within a listing's scope (for watches). */
export function inScope(info: KindInfo, obj: KubeObject, scope: ListScope, names: readonly string[]): boolean {
  if (info.namespaced && !scope.allNamespaces && obj.metadata.namespace !== scope.namespace) return false;
  if (names.length && !names.includes(obj.metadata.name ?? '')) return false;
  if (scope.labelSelector && !scope.labelSelector.matches(obj.metadata.labels)) return false;
  if (scope.fieldSelector) {
    const fs = convertFieldSelector(groupResource(info), scope.fieldSelector);
    if (!fs.matches(fieldGetter(groupResource(info), obj, info.namespaced))) return false;
  }
  return true;
}

/** "pod", "deployment.apps": how kubectl names a kind in `kind/name` output. */
export function kindPrefix(info: KindInfo): string {
  return info.group ? `${info.kind.toLowerCase()}.${info.group}` : info.kind.toLowerCase();
}
