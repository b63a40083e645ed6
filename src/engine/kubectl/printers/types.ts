// A kind's table for `kubectl get`: the columns the apiserver's table convertor sends (those with
// priority 1 only with -o wide) and one row of cells per object.

import type { KubeObject } from '../../api/object.ts';
import type { Store } from '../../store/store.ts';

export interface Column {
  name: string;
  /** Shown only with -o wide (priority 1). */
  wide?: boolean;
}

export interface PrintContext {
  now: number;
  /** For tables that look at other objects (rarely: most columns come from the object itself). */
  store: Store;
}

export interface TablePrinter {
  columns: readonly Column[];
  /** Cells for every column, wide ones included, in column order. */
  row(obj: KubeObject, ctx: PrintContext): string[];
}
