import type { FieldError } from '../field.ts';
import type { KubeObject } from '../object.ts';

/** Validation of one kind, as its registry strategy's Validate and ValidateUpdate do it. */
export interface Validator {
  validate(obj: KubeObject): FieldError[];
  /** Only what an update adds: immutable fields and allowed transitions (validate runs as well). */
  validateUpdate?(obj: KubeObject, old: KubeObject): FieldError[];
}

/** Validators by group-qualified resource: "pods", "deployments.apps". */
export type ValidatorTable = Record<string, Validator>;
