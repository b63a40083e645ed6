// kubectl's GenericDescriber, for kinds without a describer of their own: the object's fields
// walked in order, with field names turned into labels ("creationTimestamp" → "Creation Timestamp").

import type { KubeObject } from '../../api/object.ts';
import { describeEvents, eventsFor, printAnnotations, printLabels } from './common.ts';
import type { Describer } from './types.ts';
import { LEVEL_0, tabbed, type PrefixWriter } from './writer.ts';

const ACRONYMS = ['API', 'URL', 'UID', 'OSB', 'GUID'];

/** camelcase.Split: runs of lower case, of upper case (an acronym keeps its last capital for the next word), of digits. */
function splitCamel(s: string): string[] {
  const kind = (c: string) => (/[a-z]/.test(c) ? 1 : /[A-Z]/.test(c) ? 2 : /[0-9]/.test(c) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const c of s) {
    const k = kind(c);
    if (k === last) runs[runs.length - 1].push(c);
    else runs.push([c]);
    last = k;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (kind(runs[i][0]) === 2 && kind(runs[i + 1][0]) === 1) {
      runs[i + 1].unshift(runs[i].pop()!);
    }
  }
  return runs.filter((r) => r.length).map((r) => r.join(''));
}

/** smartLabelFor: "apiVersion" → "API Version"; names with other characters stay as they are. */
export function smartLabel(field: string): string {
  if (/[^A-Za-z-]/.test(field)) return field;
  return splitCamel(field)
    .filter((p) => p !== '_')
    .map((p) => (ACRONYMS.includes(p.toUpperCase()) ? p.toUpperCase() : p[0].toUpperCase() + p.slice(1)))
    .join(' ');
}

function formatScalar(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  return String(v);
}

function printContent(w: PrefixWriter, level: number, content: Record<string, unknown>, prefix: string, skip: readonly string[]): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const expr = `${prefix}.${field}`;
    if (skip.includes(expr)) continue;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      printContent(w, level + 1, value as Record<string, unknown>, expr, skip);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of value) {
        if (child !== null && typeof child === 'object' && !Array.isArray(child)) printContent(w, level + 1, child as Record<string, unknown>, expr, skip);
        else w.write(level + 1, `${formatScalar(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabel(field)}:\t${formatScalar(value)}\n`);
    }
  }
}

export const genericDescriber: Describer = (obj: KubeObject, ctx) =>
  tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    printLabels(w, 'Labels', obj.metadata.labels);
    printAnnotations(w, 'Annotations', obj.metadata.annotations);
    printContent(w, LEVEL_0, obj as Record<string, unknown>, '', ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);
    if (ctx.showEvents) describeEvents(w, eventsFor(ctx.store, obj), ctx.now);
  });
