// kubectl's -o/--output: the human table (and wide), name, yaml, json, jsonpath and custom-columns.

import type { KubeObject } from '../api/object.ts';
import type { KindInfo } from '../api/kinds.ts';
import { toYaml } from '../yaml/emit.ts';
import { toJson } from '../yaml/json.ts';
import { KubectlError } from './errors.ts';
import { executeJsonPath, parseJsonPath, KubectlPrintError, JsonPathError } from './output/jsonpath.ts';
import { parseCustomColumns, parseCustomColumnsFile, renderCustomColumns } from './output/custom-columns.ts';
import { kindPrefix } from './resources.ts';
import type { VirtualFS } from '../shell/types.ts';

export type OutputFormat = 'table' | 'wide' | 'name' | 'yaml' | 'json' | 'jsonpath' | 'jsonpath-as-json' | 'custom-columns';

export interface Output {
  format: OutputFormat;
  /** The jsonpath template or the custom-columns spec. */
  template: string;
  fromFile?: boolean;
}

const ALLOWED =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

export function parseOutput(o: string, fs: VirtualFS, cwd: string, allowed = ALLOWED): Output {
  if (o === '') return { format: 'table', template: '' };
  const eq = o.indexOf('=');
  const name = eq < 0 ? o : o.slice(0, eq);
  const arg = eq < 0 ? '' : o.slice(eq + 1);
  const readTemplateFile = () => {
    const text = fs.readFile(fs.resolve(arg, cwd));
    if (text === undefined) throw new KubectlError(`error reading template ${arg}, open ${arg}: no such file or directory`);
    return text;
  };
  switch (name) {
    case 'wide':
    case 'name':
    case 'yaml':
    case 'json':
      if (eq < 0) return { format: name, template: '' };
      break;
    case 'jsonpath':
    case 'jsonpath-as-json':
      if (!arg) throw new KubectlError('template format specified but no template given');
      return { format: name, template: arg };
    case 'jsonpath-file':
      return { format: 'jsonpath', template: readTemplateFile() };
    case 'custom-columns':
      return { format: 'custom-columns', template: arg };
    case 'custom-columns-file':
      return { format: 'custom-columns', template: readTemplateFile(), fromFile: true };
    case 'go-template':
    case 'go-template-file':
    case 'template':
    case 'templatefile':
      throw new KubectlError(`the sandbox does not implement Go templates (-o ${name}); use -o jsonpath or -o custom-columns instead`);
  }
  throw new KubectlError(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${allowed}`);
}

/** `pod/nginx`, `deployment.apps/web`. */
export function objectName(info: KindInfo, obj: KubeObject): string {
  return `${kindPrefix(info)}/${obj.metadata.name}`;
}

/** The List kubectl wraps several objects in for -o yaml/json. */
export function asList(objs: readonly KubeObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items: objs, kind: 'List', metadata: { resourceVersion: '' } };
}

/** Prints objects in a non-table format; `single` means print the object itself, not a List. */
export function printStructured(out: Output, objs: readonly { info: KindInfo; obj: KubeObject }[], single: boolean, noHeaders: boolean): string {
  const data: unknown = single && objs.length === 1 ? objs[0].obj : asList(objs.map((o) => o.obj));
  switch (out.format) {
    case 'name':
      return objs.map((o) => objectName(o.info, o.obj) + '\n').join('');
    case 'yaml':
      return toYaml(data);
    case 'json':
      return toJson(data);
    case 'jsonpath':
    case 'jsonpath-as-json':
      return runJsonPath(out.template, data, out.format === 'jsonpath-as-json');
    case 'custom-columns': {
      try {
        const cols = out.fromFile ? parseCustomColumnsFile(out.template) : parseCustomColumns(out.template);
        return renderCustomColumns(cols, objs.map((o) => o.obj), { noHeaders: noHeaders && !out.fromFile });
      } catch (e) {
        if (e instanceof KubectlPrintError) throw new KubectlError(e.message);
        throw e;
      }
    }
    default:
      throw new Error(`not a structured format: ${out.format}`);
  }
}

function runJsonPath(template: string, data: unknown, asJson: boolean): string {
  let parsed;
  try {
    // -o jsonpath takes the template as written (only custom-columns and --sort-by relax it).
    parsed = parseJsonPath(template);
  } catch (e) {
    if (e instanceof KubectlPrintError || e instanceof JsonPathError) throw new KubectlError(e.message);
    throw e;
  }
  try {
    return executeJsonPath(parsed, data, { allowMissingKeys: true, outputJson: asJson });
  } catch (e) {
    if (e instanceof KubectlPrintError || e instanceof JsonPathError) throw new KubectlError(e.message);
    throw e;
  }
}
