// Container logs as the kubelet keeps them under /var/log/pods/<ns>_<pod>_<uid>/<container>/<n>.log:
// one log per container attempt (restart), each line with the moment it was written and its
// stream. Lines a program writes at known offsets are stored when it starts; a loop's lines are
// worked out when read, from its start and period, so a looping container costs nothing until
// someone reads it. Plain data, so the kubelet's snapshot carries it.

import type { ContainerOutput, LogStream, OutputLine } from './command.ts';

/**
 * Lines kept per container attempt. The kubelet rotates by size (containerLogMaxSize 10Mi, 5
 * files); a line count is the sandbox's stand-in: the oldest lines go first, as rotation drops
 * the oldest file.
 */
export const MAX_LOG_LINES = 10_000;

export interface LogLine {
  /** When it was written (simulated epoch ms). */
  t: number;
  stream: LogStream;
  text: string;
  partial?: true;
}

export interface ContainerLog {
  /** The attempt's container ID (containerd://…): what the pod's status names. */
  containerID: string;
  startedAt: number;
  lines: LogLine[];
  loop?: ContainerOutput['loop'];
  /** When the process ended (exited or was stopped): nothing is written after it. */
  endedAt?: number;
}

/** The log of an attempt that starts now, with the lines its program writes at known moments. */
export function newContainerLog(containerID: string, startedAt: number, output: ContainerOutput): ContainerLog {
  const lines = output.lines.slice(-MAX_LOG_LINES).map((o) => toLine(o, startedAt));
  return { containerID, startedAt, lines, ...(output.loop ? { loop: output.loop } : {}) };
}

function toLine(o: OutputLine, at: number): LogLine {
  const t = at + o.atMs;
  return { t, stream: o.stream, text: o.date ? busyboxDate(t) : o.text, ...(o.partial ? { partial: true as const } : {}) };
}

/** The lines written up to `now` (the last MAX_LOG_LINES of them), oldest first. */
export function logLines(log: ContainerLog, now: number): LogLine[] {
  const until = log.endedAt === undefined ? now : Math.min(now, log.endedAt);
  const out = log.lines.filter((l) => l.t <= until);
  const loop = log.loop;
  if (!loop || loop.body.length === 0) return out.slice(-MAX_LOG_LINES);
  const first = log.startedAt + loop.startMs;
  if (until < first) return out.slice(-MAX_LOG_LINES);
  // Passes that started by `until`; only as many as the kept lines need are expanded.
  const passes = Math.floor((until - first) / loop.periodMs) + 1;
  const keepPasses = Math.ceil(MAX_LOG_LINES / loop.body.length) + 1;
  const fromPass = Math.max(0, passes - keepPasses);
  if (fromPass > 0) out.length = 0;
  for (let k = fromPass; k < passes; k++) {
    const at = first + k * loop.periodMs;
    for (const o of loop.body) {
      const line = toLine(o, at);
      if (line.t <= until) out.push(line);
    }
  }
  return out.slice(-MAX_LOG_LINES);
}

/** The first moment after `after` at which the log gains a line, if it ever does. */
export function nextLineAt(log: ContainerLog, after: number): number | undefined {
  let next: number | undefined;
  for (const l of log.lines) if (l.t > after && (next === undefined || l.t < next)) next = l.t;
  const loop = log.loop;
  if (loop && loop.body.length) {
    const first = log.startedAt + loop.startMs;
    const k = after < first ? 0 : Math.floor((after - first) / loop.periodMs);
    for (let pass = k; pass <= k + 1 && next === undefined; pass++) {
      for (const o of loop.body) {
        const t = first + pass * loop.periodMs + o.atMs;
        if (t > after && (next === undefined || t < next)) next = t;
      }
    }
  }
  if (next !== undefined && log.endedAt !== undefined && next > log.endedAt) return undefined;
  return next;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** busybox `date` with no format in a UTC container: "Thu Jun  5 08:05:03 UTC 2025" (%a %b %e %H:%M:%S %Z %Y). */
export function busyboxDate(ms: number): string {
  const d = new Date(ms);
  const day = String(d.getUTCDate()).padStart(2, ' ');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${day} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** The CRI log's timestamp as `kubectl logs --timestamps` prints it (RFC3339Nano, fixed nine digits). */
export function logTimestamp(ms: number): string {
  const d = new Date(ms);
  const frac = String(d.getUTCMilliseconds()).padStart(3, '0') + '000000';
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${frac}Z`;
}
