// Defaulting for every kind the apiserver serves, as its SetDefaults_* functions do it.

import type { KubeObject } from '../object.ts';
import { coreDefaulters } from './core.ts';
import { workloadDefaulters } from './workloads.ts';
import { otherDefaulters } from './other.ts';
import type { DefaulterTable } from './types.ts';

const ALL: DefaulterTable = { ...coreDefaulters, ...workloadDefaulters, ...otherDefaulters };

export function applyDefaults(resource: string, obj: KubeObject): void {
  ALL[resource]?.(obj);
}
