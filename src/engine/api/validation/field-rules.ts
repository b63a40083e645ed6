// Small field rules that the workload and other kinds share (core validation's
// ValidateNonnegativeField, ValidateImmutableField, apps' int-or-percent rules).

import { deepEqual } from '../object.ts';
import { invalid, type BadValue, type FieldError, type FieldPath } from '../field.ts';
import { regexError } from '../names.ts';
import { goIntOrString, type IntOrString } from './go-values.ts';

export const NON_NEGATIVE = 'must be greater than or equal to 0';
export const IMMUTABLE = 'field is immutable';

/** ValidateNonnegativeField: pushes onto errs so callers stay allocation-free when valid. */
export function nonNegative(errs: FieldError[], value: number | undefined, path: FieldPath): void {
  if (value !== undefined && value < 0) errs.push(invalid(path, value, NON_NEGATIVE));
}

/** ValidateImmutableField: `show` renders the new value as Go prints it. */
export function immutable(
  errs: FieldError[],
  next: unknown,
  old: unknown,
  path: FieldPath,
  show: (v: unknown) => BadValue,
): void {
  if (!deepEqual(next ?? null, old ?? null)) errs.push(invalid(path, show(next), IMMUTABLE));
}

/** IsValidPercent's message. */
const PERCENT_MSG = regexError("a valid percent string must be a numeric string followed by an ending '%'", '[0-9]+%', '1%', '93%');

function isPercent(s: string): boolean {
  if (s.length < 2 || s[s.length - 1] !== '%') return false;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** ValidatePositiveIntOrPercent (apps validation): a non-negative int or "N%". */
export function positiveIntOrPercent(errs: FieldError[], v: IntOrString | undefined, path: FieldPath): void {
  if (typeof v === 'string') {
    if (!isPercent(v)) errs.push(invalid(path, goIntOrString(v), PERCENT_MSG));
  } else if (typeof v === 'number' && Number.isInteger(v)) {
    nonNegative(errs, v, path);
  } else if (v !== undefined) {
    // Go passes this detail unformatted, so its "%%" reaches the user as is.
    errs.push(invalid(path, goIntOrString(v), "must be an integer or percentage (e.g '5%%')"));
  }
}

/** getIntOrPercentValue: the percentage's number, the int, or 0 for a malformed string (IntValue). */
export function intOrPercentValue(v: IntOrString | undefined): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return 0;
  if (isPercent(v)) return Number(v.slice(0, -1));
  // intstr's IntValue: strconv.Atoi of the string, 0 when it does not parse.
  return /^[+-]?\d+$/.test(v) ? Number(v) : 0;
}

/** IsNotMoreThan100Percent. */
export function notMoreThan100Percent(errs: FieldError[], v: IntOrString | undefined, path: FieldPath): void {
  if (typeof v === 'string' && isPercent(v) && Number(v.slice(0, -1)) > 100) {
    errs.push(invalid(path, goIntOrString(v), 'must not be greater than 100%'));
  }
}
