// What a container's command does over time, as far as the kubelet needs to know: does it keep
// running, or exit after a while with some code? This is a small stand-in for the runtime's shell
// interpreter: it reads `sh -c` scripts made of simple commands joined by `;`, `&&`, `||` and
// newlines (sleep, exit, true, false, echo, date, ...) and the notes' perl pi computation. Anything
// it cannot follow (loops, servers, an image's own entrypoint) is taken to run until stopped, which
// is what the kubelet assumed for every container before.

export type ContainerProgram = { kind: 'forever' } | { kind: 'exits'; afterMs: number; exitCode: number };

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
  const argv = [...(command ?? []), ...(args ?? [])];
  if (!argv.length) return FOREVER;
  return program(argv);
}

function base(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function program(argv: string[]): ContainerProgram {
  const cmd = base(argv[0]);
  if (SHELLS.has(cmd)) {
    if (argv[1] !== '-c' || argv[2] === undefined) return FOREVER;
    return script(argv[2]);
  }
  if (cmd === 'perl') {
    const code = argv.slice(1).join(' ');
    const pi = /bpi\((\d+)\)/.exec(code);
    if (pi && code.includes('bignum')) return { kind: 'exits', afterMs: perlPiMs(Number(pi[1])), exitCode: 0 };
    if (/\bexit\s*\(?\s*(\d+)/.test(code)) return { kind: 'exits', afterMs: 50, exitCode: Number(/\bexit\s*\(?\s*(\d+)/.exec(code)![1]) };
    return FOREVER;
  }
  // A program run directly (not through a shell) that isn't one of the few followed here is the
  // image's own server or tool — kube-apiserver, nginx, redis-server — and keeps running.
  if (!KNOWN.has(cmd)) return FOREVER;
  const r = simple(argv);
  return r ? { kind: 'exits', afterMs: r.ms, exitCode: r.code } : FOREVER;
}

/** Programs whose end is followed when run directly. */
const KNOWN = new Set([...INSTANT, 'sleep', 'exit', 'true', 'false']);

interface Step {
  ms: number;
  code: number;
  /** `exit`: the script stops here. */
  exit?: boolean;
}

/** One simple command; undefined when it does not end (or cannot be followed). */
function simple(words: string[]): Step | undefined {
  const cmd = base(words[0]);
  switch (cmd) {
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
      // sh: foo: not found
      return { ms: 0, code: 127 };
  }
}

/** busybox sleep: a number with an optional s/m/h/d suffix; `infinity` never ends. */
function sleepMs(arg: string | undefined): number | undefined {
  if (arg === undefined) return 0;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const unit = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(m[1]) * unit);
}

/** A script of simple commands joined by ; && || and newlines; loops and the like run forever. */
function script(text: string): ContainerProgram {
  const tokens = tokenize(text);
  if (!tokens) return FOREVER;
  let elapsed = 0;
  let status = 0;
  let op: string = ';';
  let words: string[] = [];
  /** Runs the pending command: false once the script is over (`exit`). */
  const run = (): boolean | 'forever' => {
    const stage = words;
    words = [];
    if (!stage.length) return true;
    if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) return true;
    const step = simple(stage);
    if (!step) return 'forever';
    elapsed += step.ms;
    status = step.code;
    return !step.exit;
  };
  for (const t of tokens) {
    if (t === ';' || t === '&&' || t === '||' || t === '\n') {
      const r = run();
      if (r === 'forever') return FOREVER;
      if (!r) return { kind: 'exits', afterMs: elapsed, exitCode: status };
      // `a && b; c`: c runs whatever a did; `a || b && c`: c sees the status so far.
      if (t === ';' || t === '\n') op = ';';
      else op = t;
      continue;
    }
    if (t === '|') {
      // A pipeline's status is its last command's; the commands before it run alongside.
      words = [];
      continue;
    }
    if (words.length === 0 && KEYWORDS.has(t)) return FOREVER;
    words.push(t);
  }
  if (run() === 'forever') return FOREVER;
  return { kind: 'exits', afterMs: elapsed, exitCode: status };
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
