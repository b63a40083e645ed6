import type { TablePrinter } from '../types.ts';

// The tables of the remaining kinds (workloads, networking, storage, policy, RBAC …).
export const moreTables: Record<string, TablePrinter> = {};
