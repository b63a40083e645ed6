import type { DefaulterTable } from './types.ts';

// Filled in by the defaulting work for these kinds.
export const workloadDefaulters: DefaulterTable = {};
