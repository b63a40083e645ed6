// The interpreter: walks the syntax tree, expands words, wires redirections and pipes, and runs
// commands. Everything is a generator so that a command's effects (simulated sleeps) pass straight
// through to the host, and so that the host's `return()` (Ctrl+C) unwinds every `finally` on the way.

import type { AndOr, Command as CommandNode, CompoundCommand, FunctionDef, List, Pipeline, Redirect, SimpleCommand } from './ast.ts';
import { CondError, evaluateCond } from './cond.ts';
import { LayeredEnv, ShellEnvImpl } from './env.ts';
import { ExpansionError, arithmetic, expandAssignmentValue, expandPattern, expandString, expandWords } from './expand.ts';
import type { Expansion, ExpansionHost } from './expand.ts';
import { matchPattern } from './glob.ts';
import { Fds, InputStream } from './io.ts';
import { openOutput, readInput } from './redirect.ts';
import type { OutputChannel } from './io.ts';
import { ParseError, Parser, plainText } from './parser.ts';
import { ScriptAbort, BreakSignal, ContinueSignal, ExitSignal, ReturnSignal, StepLimitError, isControlSignal } from './signals.ts';
import { FALLBACK_COMMANDS, SPECIAL_BUILTINS } from './builtins/special.ts';
import { shellQuote } from './quote.ts';
import type { Command, CommandRun, CommandTable, ShellEffect, ShellEnv, ShellIO, VirtualFS } from './types.ts';

export type Run = Generator<ShellEffect, number, void>;

export interface ShellOptions {
  commands: CommandTable;
  fs: VirtualFS;
  env?: ShellEnv;
  cwd?: string;
  /** The shell's name in messages and `$0` (default 'sh'). */
  name?: string;
  /** Steps (commands, loop turns) allowed in a row without simulated time passing; default 100000. */
  maxStepsWithoutTime?: number;
  /** What `$$` says (default 1). */
  pid?: number;
  /** Positional parameters `$1…`. */
  args?: string[];
}

export interface ShellFlags {
  errexit: boolean;
  nounset: boolean;
  xtrace: boolean;
  pipefail: boolean;
}

export const DEFAULT_MAX_STEPS = 100_000;
/** Deeper recursion than this is almost surely a runaway function; bash would eventually crash. */
const MAX_FUNCTION_DEPTH = 200;
/** Builtins whose `NAME=value` arguments are assignments (not split or globbed). */
const DECLARATION_BUILTINS = new Set(['export', 'local', 'readonly', 'declare', 'typeset']);

/** Counts interpreter steps since simulated time last passed; shared by a shell and its subshells. */
class StepBudget {
  private steps = 0;
  constructor(readonly max: number) {}
  tick(): void {
    if (++this.steps > this.max) throw new StepLimitError(this.max);
  }
  reset(): void {
    this.steps = 0;
  }
}

export class Shell {
  readonly commands: CommandTable;
  readonly fs: VirtualFS;
  env: ShellEnv;
  cwd: string;
  /** `$0`, and the prefix of the shell's own messages. */
  name: string;
  lastStatus = 0;
  positional: string[];
  functions = new Map<string, FunctionDef>();
  /** `alias k=kubectl`: expanded when a command's first word is the alias, as an interactive bash does. */
  aliases = new Map<string, string>();
  private readonly expandingAliases = new Set<string>();
  flags: ShellFlags = { errexit: false, nounset: false, xtrace: false, pipefail: false };
  /** Set once `exit` ran at the top level: a terminal may close. */
  exited = false;
  /** How many loops and functions enclose the running command (for `break` and `return`). */
  loopDepth = 0;
  functionDepth = 0;
  sourceDepth = 0;
  readonly pid: number;
  private budget: StepBudget;
  private conditionDepth = 0;
  private readonly localScopes: LayeredEnv[] = [];
  private cmdSubStatus: number | undefined;

  constructor(options: ShellOptions) {
    this.commands = options.commands;
    this.fs = options.fs;
    this.env = options.env ?? new ShellEnvImpl();
    this.cwd = options.cwd ?? '/';
    this.name = options.name ?? 'sh';
    this.pid = options.pid ?? 1;
    this.positional = [...(options.args ?? [])];
    this.budget = new StepBudget(options.maxStepsWithoutTime ?? DEFAULT_MAX_STEPS);
    if (this.env.get('PWD') === undefined) this.env.set('PWD', this.cwd);
  }

  /**
   * Runs a script: yields every effect its commands yield, returns the exit status. Never throws:
   * errors are printed on stderr as bash prints them.
   */
  *run(script: string, io: ShellIO): Run {
    this.budget.reset();
    this.exited = false;
    const fds = Fds.fromIO(io);
    let status: number;
    try {
      status = yield* this.runSource(script, fds);
    } catch (e) {
      status = this.unwound(e, fds);
    }
    this.lastStatus = status;
    return status;
  }

  /** Every name a learner can run here, for completion and `help`. */
  commandNames(): string[] {
    const names = new Set([...this.commands.names(), ...SPECIAL_BUILTINS.keys(), ...FALLBACK_COMMANDS.keys(), ...this.functions.keys()]);
    return [...names].sort();
  }

  // ---- for the builtins ----

  /** Parses and runs `script` in this shell with these descriptors (eval, source, nested runs). */
  *runSource(script: string, fds: Fds): Run {
    const parser = new Parser(script);
    let printedWarnings = 0;
    let status = 0;
    for (;;) {
      let list: List | undefined;
      try {
        list = parser.next();
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        const where = script.includes('\n') ? `line ${e.line}: ` : '';
        fds.err(`${this.name}: ${where}${e.message}\n`);
        this.lastStatus = 2;
        return 2;
      }
      for (; printedWarnings < parser.warnings.length; printedWarnings++) fds.err(`${this.name}: ${parser.warnings[printedWarnings]}\n`);
      if (!list) return status;
      status = yield* this.execList(list, fds);
      this.lastStatus = status;
    }
  }

  /** Runs `body` as a subshell would: `exit` ends only the subshell. */
  *subshell(body: (child: Shell) => Run): Run {
    const child = this.fork();
    try {
      return yield* body(child);
    } catch (e) {
      if (e instanceof ExitSignal || e instanceof ReturnSignal || e instanceof ScriptAbort) return e.status;
      if (e instanceof BreakSignal || e instanceof ContinueSignal) return 0;
      throw e;
    }
  }

  /** A copy of this shell whose changes stay its own (a subshell). */
  fork(): Shell {
    const child = new Shell({ commands: this.commands, fs: this.fs, env: new LayeredEnv(this.env, 'copy'), cwd: this.cwd, name: this.name, pid: this.pid, args: this.positional });
    child.budget = this.budget;
    child.functions = new Map(this.functions);
    child.aliases = new Map(this.aliases);
    child.flags = { ...this.flags };
    child.lastStatus = this.lastStatus;
    return child;
  }

  /** `local NAME[=value]`: false outside a function. */
  declareLocal(name: string, value: string | undefined): boolean {
    const scope = this.localScopes.at(-1);
    if (!scope) return false;
    scope.declare(name, value);
    return true;
  }

  /** What a name would run as, for `type` and `command -v`. */
  commandKind(name: string, skipFunctions = false): 'function' | 'builtin' | 'command' | undefined {
    if (!skipFunctions && this.functions.has(name)) return 'function';
    if (SPECIAL_BUILTINS.has(name)) return 'builtin';
    if (this.commands.get(name) || FALLBACK_COMMANDS.has(name)) return 'command';
    return undefined;
  }

  /** Runs an expanded command line (for `command`, `exec` and the like). */
  *invoke(argv: string[], fds: Fds, skipFunctions = false): Run {
    const name = argv[0]!;
    const fn = skipFunctions ? undefined : this.functions.get(name);
    if (fn) return yield* this.callFunction(fn, argv, fds);
    const special = SPECIAL_BUILTINS.get(name);
    if (special) return yield* this.runResult(special(this, argv, fds), name, fds);
    const command = this.commands.get(name);
    if (command) return yield* this.runCommand(command, argv, fds);
    const fallback = FALLBACK_COMMANDS.get(name);
    if (fallback) return yield* this.runResult(fallback(this, argv, fds), name, fds);
    if (name.includes('/')) return yield* this.runScriptFile(argv, fds);
    fds.err(`${this.name}: ${name}: command not found\n`);
    return 127;
  }

  lookupVar(name: string): string | undefined {
    switch (name) {
      case '?': return String(this.lastStatus);
      case '$': return String(this.pid);
      case '#': return String(this.positional.length);
      case '0': return this.name;
      case '-': return (this.flags.errexit ? 'e' : '') + (this.flags.nounset ? 'u' : '') + (this.flags.xtrace ? 'x' : '') + 'h';
      case '!': return undefined;
      case '@':
      case '*': return this.positional.join(' ');
    }
    if (/^[0-9]+$/.test(name)) return this.positional[Number(name) - 1];
    return this.env.get(name);
  }

  expansionHost(fds: Fds): ExpansionHost {
    return new ShellExpansionHost(this, fds);
  }

  // ---- lists, pipelines ----

  private *execList(list: List, fds: Fds): Run {
    let status = 0;
    for (const item of list.items) {
      if (item.background) {
        fds.err(`${this.name}: background jobs (&) are not supported in this sandbox; run the command in the foreground\n`);
        status = 1;
      } else status = yield* this.execAndOr(item, fds);
      this.lastStatus = status;
    }
    return status;
  }

  private *execAndOr(item: AndOr, fds: Fds): Run {
    const chain = [item.first, ...item.rest.map((r) => r.pipeline)];
    let status = 0;
    let lastRun = -1;
    for (let i = 0; i < chain.length; i++) {
      if (i > 0) {
        const op = item.rest[i - 1]!.op;
        if ((op === '&&') !== (status === 0)) continue;
      }
      status = yield* this.execPipeline(chain[i]!, fds, i < chain.length - 1);
      lastRun = i;
    }
    // set -e: only the last command of an && / || chain, not negated, outside conditions, exits.
    if (status !== 0 && this.flags.errexit && this.conditionDepth === 0 && lastRun === chain.length - 1 && !chain[lastRun]!.negate) {
      throw new ExitSignal(status);
    }
    return status;
  }

  private *execPipeline(p: Pipeline, fds: Fds, inCondition: boolean): Run {
    const condition = inCondition || p.negate;
    if (condition) this.conditionDepth++;
    let status: number;
    try {
      status = p.commands.length === 1 ? yield* this.execCommand(p.commands[0]!, fds) : yield* this.execStages(p, fds);
    } finally {
      if (condition) this.conditionDepth--;
    }
    if (p.negate) status = status === 0 ? 1 : 0;
    this.lastStatus = status;
    return status;
  }

  /** Stages run one after the other, each in a subshell; each stage's output is the next one's input. */
  private *execStages(p: Pipeline, fds: Fds): Run {
    let input = fds.stdin;
    const statuses: number[] = [];
    for (let i = 0; i < p.commands.length; i++) {
      const last = i === p.commands.length - 1;
      let buffer = '';
      const pipe: OutputChannel = { write: (chunk) => void (buffer += chunk), isTerminal: false };
      let stageFds = fds.withInput(input);
      if (!last) {
        stageFds = stageFds.withOutput(1, pipe);
        if (p.pipeStderr[i]) stageFds = stageFds.withOutput(2, pipe);
      }
      const command = p.commands[i]!;
      statuses.push(yield* this.subshell((child) => child.execCommand(command, stageFds)));
      input = new InputStream(buffer);
    }
    if (this.flags.pipefail) return statuses.findLast((s) => s !== 0) ?? 0;
    return statuses.at(-1)!;
  }

  // ---- commands ----

  private *execCommand(cmd: CommandNode, fds: Fds): Run {
    try {
      if (cmd.kind === 'simple') return yield* this.execSimple(cmd, fds);
      if (cmd.kind === 'function') {
        this.functions.set(cmd.name, cmd);
        return 0;
      }
      this.budget.tick();
      const redirected = (cmd.redirects.length === 0 ? fds : yield* this.redirect(cmd.redirects, fds));
      if (!redirected) return 1;
      return yield* this.execCompound(cmd, redirected);
    } catch (e) {
      if (e instanceof ExpansionError) {
        fds.err(`${this.name}: ${e.message}\n`);
        throw new ScriptAbort(e.status);
      }
      throw e;
    }
  }

  private *execSimple(cmd: SimpleCommand, fds: Fds): Run {
    this.budget.tick();
    this.cmdSubStatus = undefined;
    const first = cmd.words[0] ? plainText(cmd.words[0]) : undefined;
    const alias = first === undefined || this.expandingAliases.has(first) ? undefined : this.aliases.get(first);
    if (alias !== undefined) return yield* this.runAlias(first!, alias, cmd, fds);
    const host = this.expansionHost(fds);
    const argv = yield* expandWords(cmd.words, host, { declaration: first !== undefined && DECLARATION_BUILTINS.has(first) });
    if (argv.length === 0) {
      const traced: string[] = [];
      for (const a of cmd.assignments) {
        const value = (a.append ? (this.env.get(a.name) ?? '') : '') + (yield* expandAssignmentValue(a.value, host));
        this.env.set(a.name, value);
        traced.push(`${a.name}=${shellQuote(value)}`);
      }
      if (this.flags.xtrace && traced.length > 0) fds.err(`+ ${traced.join(' ')}\n`);
      const redirected = (cmd.redirects.length === 0 ? fds : yield* this.redirect(cmd.redirects, fds));
      if (!redirected) return 1;
      return this.cmdSubStatus ?? 0;
    }
    const redirected = (cmd.redirects.length === 0 ? fds : yield* this.redirect(cmd.redirects, fds));
    if (!redirected) return 1;
    const prefix: [string, string][] = [];
    for (const a of cmd.assignments) {
      const value = (a.append ? (this.env.get(a.name) ?? '') : '') + (yield* expandAssignmentValue(a.value, host));
      prefix.push([a.name, value]);
    }
    if (this.flags.xtrace) {
      const words = [...prefix.map(([n, v]) => `${n}=${shellQuote(v)}`), ...argv.map(shellQuote)];
      fds.err(`+ ${words.join(' ')}\n`);
    }
    if (prefix.length === 0) return yield* this.invoke(argv, redirected);
    // `FOO=1 cmd`: FOO is exported to cmd alone.
    const saved = this.env;
    const scope = new LayeredEnv(saved, 'scope');
    for (const [name, value] of prefix) scope.declare(name, value, true);
    this.env = scope;
    try {
      return yield* this.invoke(argv, redirected);
    } finally {
      this.env = saved;
    }
  }

  /** Re-reads the command with the alias's text in place of its first word (aliases are textual). */
  private *runAlias(name: string, text: string, cmd: SimpleCommand, fds: Fds): Run {
    const redirected = cmd.redirects.length === 0 ? fds : yield* this.redirect(cmd.redirects, fds);
    if (!redirected) return 1;
    const prefix = cmd.assignments.map((a) => `${a.name}${a.append ? '+' : ''}=${a.value.raw} `).join('');
    const source = `${prefix}${text} ${cmd.words.slice(1).map((w) => w.raw).join(' ')}`;
    this.expandingAliases.add(name);
    try {
      return yield* this.runSource(source, redirected);
    } finally {
      this.expandingAliases.delete(name);
    }
  }

  private *execCompound(cmd: CompoundCommand, fds: Fds): Run {
    switch (cmd.kind) {
      case 'group':
        return yield* this.execList(cmd.body, fds);
      case 'subshell':
        return yield* this.subshell((child) => child.execList(cmd.body, fds));
      case 'if': {
        for (const clause of cmd.clauses) {
          if ((yield* this.condition(clause.cond, fds)) === 0) return yield* this.execList(clause.body, fds);
        }
        return cmd.elseBody ? yield* this.execList(cmd.elseBody, fds) : 0;
      }
      case 'while':
      case 'until':
        return yield* this.loop(() => this.loopCondition(cmd.cond, cmd.kind === 'until', fds), cmd.body, fds);
      case 'for': {
        const items = cmd.items ? yield* expandWords(cmd.items, this.expansionHost(fds)) : [...this.positional];
        let index = 0;
        return yield* this.loop(() => {
          if (index >= items.length) return false;
          this.env.set(cmd.name, items[index++]!);
          return true;
        }, cmd.body, fds);
      }
      case 'arithfor': {
        const host = this.expansionHost(fds);
        if (cmd.init.trim() !== '') yield* arithmetic(cmd.init, host);
        let first = true;
        return yield* this.loop(() => {
          const step = !first;
          first = false;
          return this.arithForTurn(cmd.cond, step ? cmd.step : '', host);
        }, cmd.body, fds);
      }
      case 'case': {
        const host = this.expansionHost(fds);
        const word = yield* expandString(cmd.word, host);
        for (const item of cmd.items) {
          for (const pattern of item.patterns) {
            if (matchPattern(yield* expandPattern(pattern, host), word)) return item.body ? yield* this.execList(item.body, fds) : 0;
          }
        }
        return 0;
      }
      case 'arith':
        return (yield* arithmetic(cmd.expr, this.expansionHost(fds))) !== 0 ? 0 : 1;
      case 'cond':
        try {
          return (yield* evaluateCond(cmd.items, this.expansionHost(fds), this)) ? 0 : 1;
        } catch (e) {
          if (!(e instanceof CondError)) throw e;
          fds.err(`${this.name}: ${e.message}\n`);
          return 2;
        }
    }
  }

  private *condition(list: List, fds: Fds): Run {
    this.conditionDepth++;
    try {
      return yield* this.execList(list, fds);
    } finally {
      this.conditionDepth--;
    }
  }

  private *loopCondition(cond: List, until: boolean, fds: Fds): Generator<ShellEffect, boolean, void> {
    const status = yield* this.condition(cond, fds);
    return until ? status !== 0 : status === 0;
  }

  /** One turn of `for ((init; cond; step))`: the step (after the first turn), then the test. */
  private *arithForTurn(cond: string, step: string, host: ExpansionHost): Generator<ShellEffect, boolean, void> {
    if (step.trim() !== '') yield* arithmetic(step, host);
    return cond.trim() === '' || (yield* arithmetic(cond, host)) !== 0;
  }

  /** Runs `body` while `next()` says so, with `break N` / `continue N` and one step per turn. */
  private *loop(next: () => boolean | Generator<ShellEffect, boolean, void>, body: List, fds: Fds): Run {
    let status = 0;
    this.loopDepth++;
    try {
      for (;;) {
        this.budget.tick();
        const turn = next();
        if (!(typeof turn === 'boolean' ? turn : yield* turn)) return status;
        try {
          status = yield* this.execList(body, fds);
        } catch (e) {
          if (!(e instanceof BreakSignal || e instanceof ContinueSignal)) throw e;
          if (e.levels > 1) {
            e.levels--;
            throw e;
          }
          status = 0;
          if (e instanceof BreakSignal) return status;
        }
      }
    } finally {
      this.loopDepth--;
    }
  }

  private *callFunction(fn: FunctionDef, argv: string[], fds: Fds): Run {
    if (this.functionDepth >= MAX_FUNCTION_DEPTH) {
      fds.err(`${this.name}: ${fn.name}: maximum function nesting level exceeded (${MAX_FUNCTION_DEPTH})\n`);
      return 1;
    }
    this.budget.tick();
    const savedEnv = this.env;
    const savedPositional = this.positional;
    const scope = new LayeredEnv(savedEnv, 'scope');
    this.env = scope;
    this.localScopes.push(scope);
    this.positional = argv.slice(1);
    this.functionDepth++;
    try {
      return yield* this.execCommand(fn.body, fds);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.status;
      throw e;
    } finally {
      this.functionDepth--;
      this.positional = savedPositional;
      this.localScopes.pop();
      this.env = savedEnv;
    }
  }

  /** `./script.sh`: runs a file from the sandbox's file system in a subshell. */
  private *runScriptFile(argv: string[], fds: Fds): Run {
    const path = argv[0]!;
    const abs = this.fs.resolve(path, this.cwd);
    const st = this.fs.stat(abs);
    if (!st) {
      fds.err(`${this.name}: ${path}: No such file or directory\n`);
      return 127;
    }
    if (st.type === 'dir') {
      fds.err(`${this.name}: ${path}: Is a directory\n`);
      return 126;
    }
    const script = (this.fs.readFile(abs) ?? '').replace(/^#![^\n]*\n?/, '');
    return yield* this.subshell((child) => {
      child.name = path;
      child.positional = argv.slice(1);
      return child.runSource(script, fds);
    });
  }

  private *runCommand(command: Command, argv: string[], fds: Fds): Run {
    const ctx = {
      argv,
      io: fds.toIO(),
      env: this.env,
      fs: this.fs,
      cwd: this.cwd,
      runScript: (script: string, io: ShellIO): CommandRun => this.runSource(script, Fds.fromIO(io)),
      // Not in the contract: lets bash's own builtins (printf, test) prefix messages as bash does.
      shellName: this.name,
    };
    let result: number | CommandRun;
    try {
      result = command(ctx);
    } catch (e) {
      return this.commandFailed(argv[0]!, e, fds);
    }
    if (typeof result === 'number') return exitStatus(result);
    return yield* this.runResult(result, argv[0]!, fds);
  }

  /** Passes a command's effects to the host; closes the command if the host stops us or it throws. */
  private *runResult(result: number | CommandRun, name: string, fds: Fds): Run {
    if (typeof result === 'number') return exitStatus(result);
    let finished = false;
    try {
      for (;;) {
        let step: IteratorResult<ShellEffect, number>;
        try {
          step = result.next();
        } catch (e) {
          finished = true;
          return this.commandFailed(name, e, fds);
        }
        if (step.done) {
          finished = true;
          return exitStatus(step.value);
        }
        if (step.value.ms > 0) this.budget.reset();
        yield step.value;
      }
    } finally {
      if (!finished) {
        try {
          result.return(130);
        } catch {
          // The command failed while being interrupted; the interruption wins.
        }
      }
    }
  }

  private commandFailed(name: string, e: unknown, fds: Fds): number {
    if (isControlSignal(e)) throw e;
    const message = e instanceof Error ? e.message : String(e);
    fds.err(`${this.name}: ${name}: ${message}\n`);
    return 1;
  }

  /** What a control signal or unexpected error that reached `run()` means for its status. */
  private unwound(e: unknown, fds: Fds): number {
    if (e instanceof ExitSignal) {
      this.exited = true;
      return e.status;
    }
    if (e instanceof ReturnSignal || e instanceof ScriptAbort) return e.status;
    if (e instanceof BreakSignal || e instanceof ContinueSignal) return 0;
    if (e instanceof StepLimitError) {
      fds.err(`${this.name}: stopped: ${e.steps} steps ran without any simulated time passing (an endless loop? put a sleep in it)\n`);
      return 1;
    }
    const message = e instanceof RangeError ? 'too much recursion' : e instanceof Error ? e.message : String(e);
    fds.err(`${this.name}: internal error: ${message}\n`);
    return 1;
  }

  /** `$(…)`: the script's output, run in a subshell. */
  *commandSubstitution(script: string, fds: Fds): Expansion<string> {
    let output = '';
    const capture: OutputChannel = { write: (chunk) => void (output += chunk), isTerminal: false };
    const status = yield* this.subshell((child) => child.runSource(script, fds.withOutput(1, capture)));
    this.cmdSubStatus = status;
    return output;
  }

  // ---- redirections ----

  /** Applies redirections left to right; on failure prints bash's message and returns undefined. */
  private *redirect(redirects: Redirect[], fds: Fds): Generator<ShellEffect, Fds | undefined, void> {
    let current = fds;
    const host = this.expansionHost(fds);
    for (const r of redirects) {
      const fd = r.fd ?? (r.op.startsWith('<') ? 0 : 1);
      if (r.op === '<<' || r.op === '<<-') {
        const doc = r.heredoc!;
        const body = doc.quoted ? doc.body.raw : yield* expandString(doc.body, host);
        if (fd === 0) current = current.withInput(new InputStream(body));
        continue;
      }
      if (r.op === '<<<') {
        const text = yield* expandString(r.target, host);
        if (fd === 0) current = current.withInput(new InputStream(`${text}\n`));
        continue;
      }
      const fields = yield* expandWords([r.target], host);
      if (fields.length !== 1) {
        fds.err(`${this.name}: ${r.target.raw}: ambiguous redirect\n`);
        return undefined;
      }
      const target = fields[0]!;
      if (r.op === '>&' || r.op === '<&') {
        if (target === '-') {
          current = fd === 0 ? current.withInput(new InputStream('')) : current.withOutput(fd, undefined);
          continue;
        }
        if (/^[0-9]+$/.test(target)) {
          if (r.op === '<&' || fd === 0) continue; // only stdin is readable here; `<&0` changes nothing
          const source = current.output(Number(target));
          if (!source) {
            fds.err(`${this.name}: ${target}: Bad file descriptor\n`);
            return undefined;
          }
          current = current.withOutput(fd, source);
          continue;
        }
        if (r.op === '<&') {
          fds.err(`${this.name}: ${target}: ambiguous redirect\n`);
          return undefined;
        }
      }
      if (r.op === '<' || r.op === '<>') {
        const content = readInput(this.fs, this.fs.resolve(target, this.cwd), target, fds, r.op === '<>', this.name);
        if (content === undefined) return undefined;
        if (fd === 0) current = current.withInput(new InputStream(content));
        continue;
      }
      const append = r.op === '>>' || r.op === '&>>';
      const channel = openOutput(this.fs, this.fs.resolve(target, this.cwd), target, append, current, fds, this.name);
      if (!channel) return undefined;
      current = current.withOutput(fd, channel);
      if (r.op === '&>' || r.op === '&>>' || (r.op === '>&' && r.fd === undefined)) current = current.withOutput(2, channel);
    }
    return current;
  }
}

/** Expansion's view of a shell (a class, so the hot path allocates one small object). */
class ShellExpansionHost implements ExpansionHost {
  constructor(
    private readonly shell: Shell,
    private readonly fds: Fds,
  ) {}
  get fs(): VirtualFS {
    return this.shell.fs;
  }
  lookup(name: string): string | undefined {
    return this.shell.lookupVar(name);
  }
  assign(name: string, value: string): void {
    this.shell.env.set(name, value);
  }
  positional(): readonly string[] {
    return this.shell.positional;
  }
  nounset(): boolean {
    return this.shell.flags.nounset;
  }
  cwd(): string {
    return this.shell.cwd;
  }
  commandSubstitution(script: string): Expansion<string> {
    return this.shell.commandSubstitution(script, this.fds);
  }
}

function exitStatus(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 0;
  return ((Math.trunc(value) % 256) + 256) % 256;
}
