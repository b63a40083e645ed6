// Validation for every kind the apiserver serves, with Kubernetes' field paths and messages.

import type { FieldError } from '../field.ts';
import type { KubeObject } from '../object.ts';
import { coreValidators } from './core.ts';
import { workloadValidators } from './workloads.ts';
import { otherValidators } from './other.ts';
import type { ValidatorTable } from './types.ts';

const ALL: ValidatorTable = { ...coreValidators, ...workloadValidators, ...otherValidators };

export function validateObject(resource: string, obj: KubeObject): FieldError[] {
  return ALL[resource]?.validate(obj) ?? [];
}

export function validateObjectUpdate(resource: string, obj: KubeObject, old: KubeObject): FieldError[] {
  return ALL[resource]?.validateUpdate?.(obj, old) ?? [];
}
