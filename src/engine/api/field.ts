// Field paths and validation errors, shaped like k8s.io/apimachinery/pkg/util/validation/field,
// so that messages read exactly as the apiserver's: `spec.containers[0].image: Required value`.

export const ErrorType = {
  NotFound: 'Not found',
  Required: 'Required value',
  Duplicate: 'Duplicate value',
  Invalid: 'Invalid value',
  NotSupported: 'Unsupported value',
  Forbidden: 'Forbidden',
  TooLong: 'Too long',
  TooMany: 'Too many',
  Internal: 'Internal error',
  TypeInvalid: 'Invalid value',
} as const;
export type ErrorType = (typeof ErrorType)[keyof typeof ErrorType];

/** A value printed as Go prints it with %#v (maps, structs): the caller supplies the text. */
export class GoValue {
  constructor(readonly repr: string) {}
}

/** Marks an error whose bad value is not printed (field.OmitValueType). */
export const OMIT = Symbol('omit');

export type BadValue = string | number | boolean | null | undefined | GoValue | typeof OMIT;

export class FieldPath {
  private constructor(private readonly parts: readonly string[]) {}
  static root(...names: string[]): FieldPath {
    return new FieldPath(names.filter((n) => n !== ''));
  }
  child(...names: string[]): FieldPath {
    return new FieldPath([...this.parts, ...names]);
  }
  index(i: number): FieldPath {
    return this.withSuffix(`[${i}]`);
  }
  key(k: string): FieldPath {
    return this.withSuffix(`[${k}]`);
  }
  private withSuffix(s: string): FieldPath {
    if (this.parts.length === 0) return new FieldPath([s]);
    const parts = this.parts.slice();
    parts[parts.length - 1] += s;
    return new FieldPath(parts);
  }
  toString(): string {
    return this.parts.join('.');
  }
}

export interface FieldError {
  type: ErrorType;
  field: string;
  badValue: BadValue;
  detail: string;
}

function formatValue(v: BadValue): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof GoValue) return v.repr;
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

/** The text after the field path, as field.Error.ErrorBody() writes it. */
export function errorBody(e: FieldError): string {
  let s: string;
  switch (e.type) {
    case ErrorType.Required:
    case ErrorType.Forbidden:
    case ErrorType.TooLong:
    case ErrorType.Internal:
      s = e.type;
      break;
    default:
      s = e.badValue === OMIT ? e.type : `${e.type}: ${formatValue(e.badValue)}`;
  }
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

export function errorString(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

const mk = (type: ErrorType) => (path: FieldPath | string, badValue: BadValue, detail = ''): FieldError => ({
  type,
  field: String(path),
  badValue,
  detail,
});

export const required = (path: FieldPath | string, detail = ''): FieldError => ({
  type: ErrorType.Required,
  field: String(path),
  badValue: '',
  detail,
});
export const forbidden = (path: FieldPath | string, detail: string): FieldError => ({
  type: ErrorType.Forbidden,
  field: String(path),
  badValue: '',
  detail,
});
export const invalid = mk(ErrorType.Invalid);
export const duplicate = (path: FieldPath | string, badValue: BadValue): FieldError => mk(ErrorType.Duplicate)(path, badValue);
export const notFound = (path: FieldPath | string, badValue: BadValue): FieldError => mk(ErrorType.NotFound)(path, badValue);
export const tooMany = mk(ErrorType.TooMany);
export const internal = (path: FieldPath | string, detail: string): FieldError => ({
  type: ErrorType.Internal,
  field: String(path),
  badValue: '',
  detail,
});
export function tooLong(path: FieldPath | string, maxLength: number): FieldError {
  return {
    type: ErrorType.TooLong,
    field: String(path),
    badValue: '',
    detail: maxLength >= 0 ? `must have at most ${maxLength} bytes` : 'value is too long',
  };
}
export function notSupported(path: FieldPath | string, badValue: BadValue, valid: readonly string[]): FieldError {
  const detail = valid.length ? 'supported values: ' + valid.map((v) => JSON.stringify(v)).join(', ') : '';
  return { type: ErrorType.NotSupported, field: String(path), badValue, detail };
}

/** Aggregate text as utilerrors.NewAggregate(...).Error() prints it: one message alone, several in [a, b]. */
export function aggregateMessage(errs: readonly FieldError[]): string {
  const msgs = [...new Set(errs.map(errorString))];
  return msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`;
}
