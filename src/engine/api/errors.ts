// API errors as the apiserver returns them (metav1.Status), with the reasons and codes of
// k8s.io/apimachinery/pkg/api/errors, so kubectl can print `Error from server (NotFound): ...`.

import { aggregateMessage, type FieldError } from './field.ts';

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'Gone'
  | 'RequestEntityTooLarge'
  | 'ServiceUnavailable'
  | 'InternalError'
  | 'Timeout'
  | 'Expired';

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: { reason?: string; message: string; field?: string }[];
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: StatusReason;
  details?: StatusDetails;
  code: number;
}

export class ApiError extends Error {
  constructor(readonly status: Status) {
    super(status.message);
  }
  get reason(): StatusReason {
    return this.status.reason;
  }
  get code(): number {
    return this.status.code;
  }
  /** A copy with a new message (kubectl's AddSourceToErr rewrites messages this way). */
  withMessage(message: string): ApiError {
    return new ApiError({ ...this.status, message });
  }
}

function status(reason: StatusReason, code: number, message: string, details?: StatusDetails): ApiError {
  return new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code });
}

/** qualifiedResource is "pods" or "deployments.apps". */
export const notFound = (qualifiedResource: string, name: string) =>
  status('NotFound', 404, `${qualifiedResource} "${name}" not found`, { name, kind: kindPart(qualifiedResource), group: groupPart(qualifiedResource) });

export const alreadyExists = (qualifiedResource: string, name: string) =>
  status('AlreadyExists', 409, `${qualifiedResource} "${name}" already exists`, { name, kind: kindPart(qualifiedResource), group: groupPart(qualifiedResource) });

export const conflict = (qualifiedResource: string, name: string, err: string) =>
  status('Conflict', 409, `Operation cannot be fulfilled on ${qualifiedResource} "${name}": ${err}`, { name, kind: kindPart(qualifiedResource), group: groupPart(qualifiedResource) });

/** qualifiedKind is "Pod" or "Deployment.apps". */
export function invalid(qualifiedKind: string, name: string, errs: readonly FieldError[]): ApiError {
  const dot = qualifiedKind.indexOf('.');
  const kind = dot < 0 ? qualifiedKind : qualifiedKind.slice(0, dot);
  const group = dot < 0 ? '' : qualifiedKind.slice(dot + 1);
  return status('Invalid', 422, `${qualifiedKind} "${name}" is invalid: ${aggregateMessage(errs)}`, {
    name,
    kind,
    group,
    causes: errs.map((e) => ({ reason: 'Field' + e.type.replace(/ /g, ''), message: errorMessageOf(e), field: e.field })),
  });
}

function errorMessageOf(e: FieldError): string {
  // The cause message is the body without the field path; kubectl re-joins "field: body".
  return aggregateMessage([e]).slice(e.field.length + 2);
}

export const badRequest = (message: string) => status('BadRequest', 400, message);

export const forbidden = (qualifiedResource: string, name: string, reason: string) =>
  status('Forbidden', 403, `${qualifiedResource} "${name}" is forbidden: ${reason}`, { name, kind: kindPart(qualifiedResource), group: groupPart(qualifiedResource) });

export const methodNotAllowed = () =>
  status('MethodNotAllowed', 405, 'the server does not allow this method on the requested resource');

export const gone = (message: string) => status('Gone', 410, message);

export const tooLarge = (limit: number) => status('RequestEntityTooLarge', 413, `Request entity too large: limit is ${limit}`);

export const serviceUnavailable = (message: string) => status('ServiceUnavailable', 503, message);

export const internalError = (message: string) => status('InternalError', 500, `Internal error occurred: ${message}`);

export const timeout = (message: string) => status('Timeout', 504, message);

function kindPart(qr: string): string {
  const i = qr.indexOf('.');
  return i < 0 ? qr : qr.slice(0, i);
}
function groupPart(qr: string): string {
  const i = qr.indexOf('.');
  return i < 0 ? '' : qr.slice(i + 1);
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
