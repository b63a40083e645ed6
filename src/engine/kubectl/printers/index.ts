// Which table each resource prints with; kinds without one use the apiserver's default table.

import type { TablePrinter } from './types.ts';
import {
  configMapTable,
  defaultTable,
  endpointsTable,
  eventTable,
  leaseTable,
  namespaceTable,
  nodeTable,
  podTable,
  secretTable,
  serviceAccountTable,
  serviceTable,
} from './tables/core.ts';
import { moreTables } from './tables/more.ts';

const TABLES: Record<string, TablePrinter> = {
  pods: podTable,
  nodes: nodeTable,
  namespaces: namespaceTable,
  services: serviceTable,
  endpoints: endpointsTable,
  events: eventTable,
  configmaps: configMapTable,
  secrets: secretTable,
  serviceaccounts: serviceAccountTable,
  'leases.coordination.k8s.io': leaseTable,
  ...moreTables,
};

export function tableFor(groupResource: string): TablePrinter {
  return TABLES[groupResource] ?? defaultTable;
}
