// What a container's command does over time, as far as the kubelet needs to know: does it keep
// running, or exit after a while with some code? This is a small stand-in for the runtime's shell
// interpreter: it reads `sh -c` scripts made of simple commands joined by `;`, `&&`, `||` and
// newlines (sleep, exit, true, false, echo, printf, date, ...) and the notes' perl pi computation,
// and what they write (the container's log). A trailing `while true; do …; sleep N; done` is
// followed as a loop that never ends. Anything else it cannot follow (other loops, servers, an
// image's own entrypoint) is taken to run until stopped, writing nothing.

import { parseImageRef } from './image-ref.ts';
import { piDigits } from './pi.ts';

export type ContainerProgram = { kind: 'forever' } | { kind: 'exits'; afterMs: number; exitCode: number };

export type LogStream = 'stdout' | 'stderr';

/** A line the program writes, `atMs` after it starts. `date` lines print the clock at that moment. */
export interface OutputLine {
  atMs: number;
  stream: LogStream;
  text: string;
  date?: true;
  /** The program ended without a final newline (the CRI log's "P" tag): printed without one. */
  partial?: true;
}

/**
 * What the program writes: lines at fixed offsets, then, for a `while true; do …; sleep N; done`
 * loop, the same body every `periodMs` from `startMs` on, forever. The loop is worked out on
 * read, so a looping pod costs no timers.
 */
export interface ContainerOutput {
  lines: OutputLine[];
  loop?: { startMs: number; periodMs: number; body: OutputLine[] };
}

export interface ContainerRun {
  program: ContainerProgram;
  output: ContainerOutput;
}

const FOREVER: ContainerProgram = { kind: 'forever' };

/** Commands that finish at once with status 0 (their output is not modelled here). */
const INSTANT = new Set([
  'echo', 'printf', 'date', 'cat', 'ls', 'touch', 'rm', 'mkdir', 'env', 'printenv', 'hostname', 'pwd', 'test', '[',
  'cp', 'mv', 'ln', 'chmod', 'id', 'whoami', 'uname', 'nslookup', 'wget', 'curl', 'head', 'tail', 'wc', 'grep', ':',
]);

const SHELLS = new Set(['sh', 'bash', 'ash']);
/** Compound commands: not followed here. */
const KEYWORDS = new Set(['while', 'until', 'for', 'if', 'case', '{', '}', 'do', 'done', 'then', 'fi']);

/** perl -Mbignum=bpi -wle 'print bpi(N)': roughly how long bignum takes for N digits. */
function perlPiMs(digits: number): number {
  return Math.max(100, Math.round((digits * digits) / 1000) * 0.75);
}

/** The container's program from its command and args (the image's defaults when both are unset). */
export function containerProgram(command: readonly string[] | undefined, args: readonly string[] | undefined): ContainerProgram {
  return containerRun(command, args).program;
}

/** The program and what it writes; `image` gives the output of an image's own entrypoint. */
export function containerRun(command: readonly string[] | undefined, args: readonly string[] | undefined, image?: string): ContainerRun {
  const argv = [...(command ?? []), ...(args ?? [])];
  if (!argv.length) return { program: FOREVER, output: { lines: image ? entrypointBanner(image) : [] } };
  return program(argv);
}

const NO_OUTPUT: ContainerOutput = { lines: [] };
const forever = (output: ContainerOutput = NO_OUTPUT): ContainerRun => ({ program: FOREVER, output });

/**
 * The lines nginx:1.25's docker-entrypoint.sh prints before it execs nginx (the image's default
 * configuration, NGINX_ENTRYPOINT_QUIET_LOGS unset). Other images print nothing here.
 */
function entrypointBanner(image: string): OutputLine[] {
  const ref = parseImageRef(image);
  if (!ref || ref.repository !== 'docker.io/library/nginx') return [];
  // Images before 1.25 printed other lines (no 15-local-resolvers); they stay silent here.
  if (!/^(latest|mainline|stable|alpine|1\.(2[5-9])(\.\d+)?)(-|$)/.test(ref.tag)) return [];
  const out = (text: string): OutputLine => ({ atMs: 0, stream: 'stdout', text });
  return [
    out('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration'),
    out('/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/'),
    out('/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh'),
    out('10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf'),
    out('10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf'),
    out('/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh'),
    out('/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh'),
    out('/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh'),
    out('/docker-entrypoint.sh: Configuration complete; ready for start up'),
  ];
}

function base(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function program(argv: string[]): ContainerRun {
  const cmd = base(argv[0]);
  if (SHELLS.has(cmd)) {
    if (argv[1] !== '-c' || argv[2] === undefined) return forever();
    return script(argv[2]);
  }
  if (cmd === 'perl') {
    const code = argv.slice(1).join(' ');
    const pi = /bpi\((\d+)\)/.exec(code);
    if (pi && code.includes('bignum')) {
      const afterMs = perlPiMs(Number(pi[1]));
      // print with -l: one line, written when the computation is done.
      const printed = /\bprint\s+bpi/.test(code) && /-\w*l/.test(argv.slice(1).filter((a) => a.startsWith('-')).join(' '));
      const lines: OutputLine[] = printed ? [{ atMs: afterMs, stream: 'stdout', text: piDigits(Number(pi[1])) }] : [];
      return { program: { kind: 'exits', afterMs, exitCode: 0 }, output: { lines } };
    }
    if (/\bexit\s*\(?\s*(\d+)/.test(code)) return { program: { kind: 'exits', afterMs: 50, exitCode: Number(/\bexit\s*\(?\s*(\d+)/.exec(code)![1]) }, output: NO_OUTPUT };
    return forever();
  }
  // A program run directly (not through a shell) that isn't one of the few followed here is the
  // image's own server or tool — kube-apiserver, nginx, redis-server — and keeps running.
  if (!KNOWN.has(cmd)) return forever();
  const r = simple(argv);
  if (!r) return forever();
  return { program: { kind: 'exits', afterMs: r.ms, exitCode: r.code }, output: { lines: (r.out ?? []).map((o) => ({ ...o, atMs: 0 })) } };
}

/** Programs whose end is followed when run directly. */
const KNOWN = new Set([...INSTANT, 'sleep', 'exit', 'true', 'false']);

interface Step {
  ms: number;
  code: number;
  /** `exit`: the script stops here. */
  exit?: boolean;
  /** What it writes, at the moment it starts (offsets are filled in by the script). */
  out?: Omit<OutputLine, 'atMs'>[];
}

/** One simple command; undefined when it does not end (or cannot be followed). */
function simple(words: string[]): Step | undefined {
  const cmd = base(words[0]);
  switch (cmd) {
    case 'echo':
      return { ms: 0, code: 0, out: echo(words.slice(1)) };
    case 'printf':
      return { ms: 0, code: 0, out: printf(words.slice(1)) };
    case 'date':
      // Only plain `date`: a +FORMAT or -d is not modelled, and prints nothing here.
      return { ms: 0, code: 0, out: words.length === 1 ? [{ stream: 'stdout', text: '', date: true }] : [] };
    case 'sleep': {
      const ms = sleepMs(words[1]);
      return ms === undefined ? undefined : { ms, code: 0 };
    }
    case 'exit':
      return { ms: 0, code: words[1] === undefined ? 0 : Number(words[1]) & 255, exit: true };
    case 'true':
      return { ms: 0, code: 0 };
    case 'false':
      return { ms: 0, code: 1 };
    default:
      if (INSTANT.has(cmd)) return { ms: 0, code: 0 };
      return { ms: 0, code: 127, out: [{ stream: 'stderr', text: `sh: ${words[0]}: not found` }] };
  }
}

/** Text the shell would expand ($VAR, globs) is not known here: such output is left out rather than printed wrong. */
const expands = (w: string) => w.includes('$') || w.includes('*');

/** busybox echo: words joined by spaces; -n leaves the line open, -e reads \n. */
function echo(args: string[]): Omit<OutputLine, 'atMs'>[] {
  let newline = true;
  let escapes = false;
  while (args[0] === '-n' || args[0] === '-e' || args[0] === '-ne' || args[0] === '-en') {
    if (args[0].includes('n')) newline = false;
    if (args[0].includes('e')) escapes = true;
    args = args.slice(1);
  }
  if (args.some(expands)) return [];
  let text = args.join(' ');
  if (escapes) text = text.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  return splitLines(newline ? text + '\n' : text);
}

/** printf FORMAT [ARG...]: %s, %d, %%, \n and \t; the format is reused while arguments remain, as printf(1) does. */
function printf(args: string[]): Omit<OutputLine, 'atMs'>[] {
  if (!args.length || args.some(expands)) return [];
  const [format, ...rest] = args;
  let text = '';
  let i = 0;
  do {
    let used = 0;
    text += format.replace(/%([sd%])|\\([nt\\])/g, (_, conv: string | undefined, esc: string | undefined) => {
      if (esc) return esc === 'n' ? '\n' : esc === 't' ? '\t' : '\\';
      if (conv === '%') return '%';
      const arg = rest[i++];
      used++;
      if (conv === 'd') return String(arg === undefined ? 0 : Math.trunc(Number(arg)) || 0);
      return arg ?? '';
    });
    if (!used) break;
  } while (i < rest.length);
  return splitLines(text);
}

/** Output text as lines; a last line without its newline is partial. */
function splitLines(text: string): Omit<OutputLine, 'atMs'>[] {
  if (!text) return [];
  const parts = text.split('\n');
  const last = parts.pop()!;
  const lines: Omit<OutputLine, 'atMs'>[] = parts.map((p) => ({ stream: 'stdout' as const, text: p }));
  if (last) lines.push({ stream: 'stdout', text: last, partial: true });
  return lines;
}

/** busybox sleep: a number with an optional s/m/h/d suffix; `infinity` never ends. */
function sleepMs(arg: string | undefined): number | undefined {
  if (arg === undefined) return 0;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const unit = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(m[1]) * unit);
}

/** A script of simple commands joined by ; && || and newlines, and at most one trailing `while true` loop. */
function script(text: string): ContainerRun {
  const tokens = tokenize(text);
  if (!tokens) return forever();
  const r = walk(tokens, 0, tokens.length, true);
  if (r === undefined) return forever();
  if ('loop' in r) return forever({ lines: r.lines, loop: r.loop });
  return { program: { kind: 'exits', afterMs: r.elapsed, exitCode: r.status }, output: { lines: r.lines } };
}

interface Walked {
  elapsed: number;
  status: number;
  lines: OutputLine[];
  exited: boolean;
}

/**
 * Runs tokens[from, to) as a list of simple commands, collecting output with its offsets.
 * Undefined when something cannot be followed; with `loops`, a `while true; do …; done` at the
 * end of the list becomes a loop (and the script never ends).
 */
function walk(tokens: string[], from: number, to: number, loops: boolean): Walked | (Walked & { loop: NonNullable<ContainerOutput['loop']> }) | undefined {
  let elapsed = 0;
  let status = 0;
  let op: string = ';';
  let words: string[] = [];
  const lines: OutputLine[] = [];
  /** Runs the pending command: false once the script is over (`exit`). */
  const run = (): boolean | 'forever' => {
    const stage = words;
    words = [];
    if (!stage.length) return true;
    if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) return true;
    const step = simple(stage);
    if (!step) return 'forever';
    for (const o of step.out ?? []) lines.push({ ...o, atMs: elapsed });
    elapsed += step.ms;
    status = step.code;
    return !step.exit;
  };
  for (let i = from; i < to; i++) {
    const t = tokens[i];
    if (t === ';' || t === '&&' || t === '||' || t === '\n') {
      const r = run();
      if (r === 'forever') return undefined;
      if (!r) return { elapsed, status, lines, exited: true };
      // `a && b; c`: c runs whatever a did; `a || b && c`: c sees the status so far.
      if (t === ';' || t === '\n') op = ';';
      else op = t;
      continue;
    }
    if (t === '|') {
      // A pipeline's status is its last command's; the commands before it run alongside (their output goes down the pipe).
      words = [];
      lines.length = lines.filter((l) => l.atMs < elapsed).length;
      continue;
    }
    if (words.length === 0 && KEYWORDS.has(t)) {
      if (!loops || t !== 'while' || (op !== ';' && status !== 0)) return undefined;
      const loop = whileTrue(tokens, i + 1, to);
      if (!loop) return undefined;
      return { elapsed, status, lines, exited: false, loop: { startMs: elapsed, periodMs: loop.periodMs, body: loop.body } };
    }
    words.push(t);
  }
  if (run() === 'forever') return undefined;
  return { elapsed, status, lines, exited: true };
}

/** `while true; do BODY; done` (or `while :`) with nothing after it: the body's output and how long one pass takes. */
function whileTrue(tokens: string[], from: number, to: number): { periodMs: number; body: OutputLine[] } | undefined {
  const cond = tokens[from];
  if (cond !== 'true' && cond !== ':') return undefined;
  let i = from + 1;
  while (tokens[i] === ';' || tokens[i] === '\n') i++;
  if (tokens[i] !== 'do') return undefined;
  const bodyFrom = i + 1;
  const done = tokens.indexOf('done', bodyFrom);
  if (done < 0 || done >= to) return undefined;
  for (let j = done + 1; j < to; j++) if (tokens[j] !== ';' && tokens[j] !== '\n') return undefined;
  const body = walk(tokens, bodyFrom, done, false);
  // A pass that takes no time would print without end; a pass that exits is not a loop.
  if (!body || body.elapsed <= 0 || body.lines.length > 1000) return undefined;
  if (bodyExits(tokens, bodyFrom, done)) return undefined;
  return { periodMs: body.elapsed, body: body.lines };
}

function bodyExits(tokens: string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (tokens[i] === 'exit' && (i === from || [';', '\n', '&&', '||'].includes(tokens[i - 1]))) return true;
  return false;
}

/** Words and operators; quotes are kept together. Undefined for what this does not read (`$(`...). */
function tokenize(text: string): string[] | undefined {
  const out: string[] = [];
  let cur = '';
  let quote = '';
  let has = false;
  const push = () => {
    if (has) out.push(cur);
    cur = '';
    has = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = '';
      else cur += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
      continue;
    }
    if (ch === '#' && !has) {
      while (i < text.length && text[i] !== '\n') i++;
      i--;
      continue;
    }
    if (ch === ' ' || ch === '\t') {
      push();
      continue;
    }
    if (ch === '\n' || ch === ';') {
      push();
      out.push(ch);
      continue;
    }
    if (ch === '&' || ch === '|') {
      push();
      if (text[i + 1] === ch) {
        out.push(ch + ch);
        i++;
      } else if (ch === '|') out.push('|');
      else return undefined; // a background job
      continue;
    }
    if (ch === '(' || ch === ')' || ch === '`') return undefined;
    cur += ch;
    has = true;
  }
  if (quote) return undefined;
  push();
  return out;
}
