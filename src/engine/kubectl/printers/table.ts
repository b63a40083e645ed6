// Printing tables as `kubectl get` does (HumanReadablePrinter over a tabwriter): upper-case headers,
// the NAMESPACE column with -A, kind/name with several kinds, --show-labels, -L columns, wide columns.

import type { KubeObject } from '../../api/object.ts';
import { TabWriter, tableWriterOptions } from '../../util/tabwriter.ts';
import { formatLabels } from './tables/common.ts';
import type { PrintContext, TablePrinter } from './types.ts';

export interface TableOptions {
  wide: boolean;
  withNamespace: boolean;
  /** Prefix names with kind (`pod/nginx`): several kinds in one listing, or --show-kind. */
  withKind: boolean;
  /** The `kind` prefix: "pod", "deployment.apps". */
  kindPrefix: string;
  showLabels: boolean;
  labelColumns: string[];
  noHeaders: boolean;
}

/** The header names for a printer under these options. */
export function headers(p: TablePrinter, o: TableOptions): string[] {
  const h: string[] = [];
  if (o.withNamespace) h.push('NAMESPACE');
  for (const c of p.columns) if (!c.wide || o.wide) h.push(c.name);
  for (const l of o.labelColumns) h.push(labelColumnHeader(l));
  if (o.showLabels) h.push('LABELS');
  return h;
}

/** -L app.kubernetes.io/name gives the column NAME: the part after the last slash, upper-cased. */
function labelColumnHeader(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1).toUpperCase();
}

export function cells(p: TablePrinter, obj: KubeObject, ctx: PrintContext, o: TableOptions): string[] {
  const all = p.row(obj, ctx);
  const out: string[] = [];
  if (o.withNamespace) out.push(obj.metadata.namespace ?? '');
  p.columns.forEach((c, i) => {
    if (c.wide && !o.wide) return;
    let v = all[i] ?? '';
    if (i === 0 && o.withKind) v = `${o.kindPrefix}/${v}`;
    out.push(v);
  });
  const labels = obj.metadata.labels ?? {};
  for (const l of o.labelColumns) out.push(labels[l] ?? '');
  if (o.showLabels) out.push(formatLabels(labels));
  return out;
}

/** Renders rows (with the header unless --no-headers) as one tabwriter block. */
export function renderTable(p: TablePrinter, objs: readonly KubeObject[], ctx: PrintContext, o: TableOptions, writer?: TabWriter): string {
  // A watch keeps one writer: kubectl's tabwriter remembers column widths across flushes.
  const w = writer ?? new TabWriter(tableWriterOptions);
  if (!o.noHeaders) w.write(headers(p, o).join('\t') + '\n');
  for (const obj of objs) w.write(cells(p, obj, ctx, o).map(sanitize).join('\t') + '\n');
  return w.flush();
}

/** Cells are one line each: kubectl's printer escapes tabs and newlines would break the table. */
function sanitize(s: string): string {
  return s.replace(/[\t\n\r]/g, ' ');
}
