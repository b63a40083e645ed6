// How kubectl reports failures (cmdutil.CheckErr): API errors as `Error from server (Reason): …`,
// invalid objects as `The Pod "x" is invalid: …`, everything else as `error: …`; exit status 1.

import { ApiError } from '../api/errors.ts';

/** A failure kubectl reports and exits on. */
export class KubectlError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    /** Printed as it is, without kubectl's `error: ` prefix. */
    readonly raw = false,
  ) {
    super(message);
  }
}

/** A usage problem: kubectl adds a pointer to the command's help. */
export class UsageError extends KubectlError {
  constructor(
    message: string,
    readonly commandPath: string,
  ) {
    super(message);
  }
}

export function formatApiError(err: ApiError): string {
  const s = err.status;
  if (s.reason === 'Invalid' && s.details) {
    const head = s.details.kind || s.details.name ? `The ${s.details.kind} "${s.details.name}" is invalid` : 'The request is invalid';
    const causes = s.details.causes ?? [];
    if (causes.length === 0) return `${head}: ${s.message}`;
    const msgs = causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
    return msgs.length === 1 ? `${head}: ${msgs[0]}` : `${head}: \n* ${msgs.join('\n* ')}`;
  }
  if (s.reason === 'ServiceUnavailable' && s.message.startsWith('The connection to the server')) return s.message;
  return `Error from server (${s.reason}): ${s.message}`;
}

/** The text kubectl prints for any error (without trailing newline). */
export function formatError(err: unknown): string {
  if (err instanceof ApiError) return formatApiError(err);
  if (err instanceof UsageError) return `error: ${err.message}\nSee '${err.commandPath} -h' for help and examples`;
  if (err instanceof KubectlError && err.raw) return err.message;
  const msg = err instanceof Error ? err.message : String(err);
  return `error: ${msg}`;
}
