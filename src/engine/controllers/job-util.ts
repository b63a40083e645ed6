// The Job controller's arithmetic (pkg/controller/job): how many pods should be active, which
// completion indexes are still to run, the pod-failure back-off, and the compressed list format of
// status.completedIndexes. Pure functions, tested table-driven.

/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff (job_controller.go). */
export const POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000;
/** syncJobBatchPeriod: pod changes reach the job's sync this much later, batched. */
export const SYNC_JOB_BATCH_MS = 1_000;

export interface WantActiveInput {
  /** spec.completions; undefined for a work queue. */
  completions: number | undefined;
  parallelism: number;
  /** Succeeded pods (NonIndexed) or succeeded indexes (Indexed). */
  succeeded: number;
  active: number;
}

/**
 * manageJob's wantActive: a work queue (no completions) keeps parallelism pods until one succeeds,
 * then only lets those running finish; otherwise never more than the completions still missing.
 */
export function wantActive({ completions, parallelism, succeeded, active }: WantActiveInput): number {
  if (completions === undefined) return succeeded > 0 ? active : parallelism;
  return Math.max(0, Math.min(completions - succeeded, parallelism));
}

/** Whether the job is complete: enough successes and nothing left running. */
export function isComplete(completions: number | undefined, succeeded: number, active: number): boolean {
  if (completions === undefined) return succeeded > 0 && active === 0;
  return succeeded >= completions && active === 0;
}

/** backoffRecord: consecutive failures since the last success, and when the last of them finished. */
export interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureTime?: number;
}

/**
 * newBackoffRecord: a success resets the count, except for failures that finished after the last
 * success, which count again. Times are the pods' finish times.
 */
export function nextBackoffRecord(old: BackoffRecord, succeededAt: readonly number[], failedAt: readonly number[]): BackoffRecord {
  const ok = [...succeededAt].sort((a, b) => a - b);
  const failed = [...failedAt].sort((a, b) => a - b);
  if (!ok.length) {
    if (!failed.length) return old;
    return { failuresAfterLastSuccess: old.failuresAfterLastSuccess + failed.length, lastFailureTime: failed[failed.length - 1] };
  }
  const rec: BackoffRecord = { failuresAfterLastSuccess: 0 };
  const lastOk = ok[ok.length - 1];
  for (let i = failed.length - 1; i >= 0 && failed[i] > lastOk; i--) {
    rec.lastFailureTime ??= failed[i];
    rec.failuresAfterLastSuccess++;
  }
  return rec;
}

/** getRemainingTimeForFailuresCount: 10 s doubling per failure, capped at 10 minutes, less the time since. */
export function remainingBackoffMs(failures: number, lastFailureTime: number | undefined, now: number): number {
  if (failures === 0 || lastFailureTime === undefined) return 0;
  let backoff = POD_FAILURE_BACKOFF_MS;
  for (let i = 1; i < failures; i++) {
    backoff *= 2;
    if (backoff >= MAX_POD_FAILURE_BACKOFF_MS) {
      backoff = MAX_POD_FAILURE_BACKOFF_MS;
      break;
    }
  }
  const elapsed = now - lastFailureTime;
  return backoff < elapsed ? 0 : backoff - elapsed;
}

/**
 * pastBackoffLimitOnFailure: with restartPolicy OnFailure the pods do not fail, their containers
 * restart; the restarts of the active pods count against backoffLimit instead.
 */
export function pastBackoffLimitOnFailure(restartPolicy: string | undefined, backoffLimit: number, restartCounts: readonly number[]): boolean {
  if (restartPolicy !== 'OnFailure') return false;
  const sum = restartCounts.reduce((a, b) => a + b, 0);
  if (backoffLimit === 0) return sum > 0;
  return sum >= backoffLimit;
}

// ---- completion indexes ----

/** An ordered, non-overlapping list of inclusive intervals (orderedIntervals). */
export type Intervals = [number, number][];

/** parseIndexesFromString: "1,3-5" within [0, completions); invalid pieces are skipped. */
export function parseIndexes(s: string | undefined, completions: number): Intervals {
  const out: Intervals = [];
  if (!s) return out;
  for (const piece of s.split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(piece);
    if (!m) continue;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (a > b || a >= completions) continue;
    out.push([a, Math.min(b, completions - 1)]);
  }
  return mergeIntervals(out);
}

function mergeIntervals(list: Intervals): Intervals {
  const sorted = [...list].sort((x, y) => x[0] - y[0]);
  const out: Intervals = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** The union of intervals and some more indexes. */
export function withIndexes(list: Intervals, indexes: readonly number[]): Intervals {
  return mergeIntervals([...list.map(([a, b]) => [a, b] as [number, number]), ...indexes.map((i) => [i, i] as [number, number])]);
}

export function intervalsTotal(list: Intervals): number {
  return list.reduce((n, [a, b]) => n + b - a + 1, 0);
}

export function intervalsHas(list: Intervals, i: number): boolean {
  return list.some(([a, b]) => i >= a && i <= b);
}

/** orderedIntervals.String(): "0,2-4"; ranges of two are written "5,6". */
export function formatIndexes(list: Intervals): string {
  return list.map(([a, b]) => (a === b ? String(a) : b === a + 1 ? `${a},${b}` : `${a}-${b}`)).join(',');
}

/** firstPendingIndexes: the lowest `count` indexes neither succeeded nor being run. */
export function firstPendingIndexes(succeeded: Intervals, active: ReadonlySet<number>, count: number, completions: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < count; i++) {
    if (!active.has(i) && !intervalsHas(succeeded, i)) out.push(i);
  }
  return out;
}
