// Builtins that change the shell itself (its directory, variables, options, control flow), so they
// run inside the interpreter rather than through the host's command table.

import { ShellEnvImpl, listVariables } from '../env.ts';
import { ExpansionError, arithmetic, splitForRead } from '../expand.ts';
import type { Fds } from '../io.ts';
import type { Run, Shell, ShellFlags } from '../interpreter.ts';
import { declareQuote, shellQuote } from '../quote.ts';
import { BreakSignal, ContinueSignal, ExitSignal, ReturnSignal } from '../signals.ts';

export type ShellBuiltin = (shell: Shell, argv: string[], fds: Fds) => number | Run;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Commands bash implements itself; `type` calls them shell builtins. */
export const BASH_BUILTIN_NAMES = new Set([
  'cd', 'exit', 'export', 'unset', 'set', 'shift', 'break', 'continue', 'return', 'eval', 'source', '.', 'local', 'read',
  'type', 'command', 'exec', 'wait', 'let', 'alias', 'unalias', 'echo', 'printf', 'true', 'false', ':', 'pwd', 'test', '[',
]);

function fail(shell: Shell, fds: Fds, message: string, status = 1): number {
  fds.err(`${shell.name}: ${message}\n`);
  return status;
}

const cd: ShellBuiltin = (shell, argv, fds) => {
  const args = argv.slice(1).filter((a, i) => !(i === 0 && (a === '-L' || a === '-P')));
  if (args.length > 1) return fail(shell, fds, 'cd: too many arguments');
  let target: string | undefined = args[0];
  const print = target === '-';
  if (target === undefined || target === '') {
    target = shell.env.get('HOME');
    if (target === undefined) return fail(shell, fds, 'cd: HOME not set');
  } else if (target === '-') {
    target = shell.env.get('OLDPWD');
    if (target === undefined) return fail(shell, fds, 'cd: OLDPWD not set');
  }
  const abs = shell.fs.resolve(target, shell.cwd);
  const st = shell.fs.stat(abs);
  if (!st) return fail(shell, fds, `cd: ${target}: No such file or directory`);
  if (st.type !== 'dir') return fail(shell, fds, `cd: ${target}: Not a directory`);
  shell.env.set('OLDPWD', shell.cwd);
  shell.cwd = abs;
  shell.env.set('PWD', abs);
  if (print) fds.out(`${abs}\n`);
  return 0;
};

const exit: ShellBuiltin = (shell, argv, fds) => {
  const arg = argv[1];
  if (arg === undefined) throw new ExitSignal(shell.lastStatus);
  if (!/^[-+]?[0-9]+$/.test(arg)) {
    fail(shell, fds, `exit: ${arg}: numeric argument required`);
    throw new ExitSignal(2);
  }
  if (argv.length > 2) return fail(shell, fds, 'exit: too many arguments');
  throw new ExitSignal(((Number(arg) % 256) + 256) % 256);
};

const exportBuiltin: ShellBuiltin = (shell, argv, fds) => {
  const args = argv.slice(1);
  const listing = args.length === 0 || (args.length === 1 && args[0] === '-p');
  if (listing) {
    for (const [name, value] of Object.entries(shell.env.exported())) fds.out(`declare -x ${name}=${declareQuote(value)}\n`);
    return 0;
  }
  let status = 0;
  for (const arg of args) {
    if (arg === '--') continue;
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq).replace(/\+$/, '');
    if (!NAME.test(name)) {
      status = fail(shell, fds, `export: \`${arg}': not a valid identifier`);
      continue;
    }
    if (eq < 0) shell.env.export(name);
    else {
      const value = arg.slice(eq + 1);
      shell.env.export(name, arg[eq - 1] === '+' ? (shell.env.get(name) ?? '') + value : value);
    }
  }
  return status;
};

const unset: ShellBuiltin = (shell, argv) => {
  let mode: 'any' | 'var' | 'function' = 'any';
  for (const arg of argv.slice(1)) {
    if (arg === '-v') mode = 'var';
    else if (arg === '-f') mode = 'function';
    else if (!NAME.test(arg)) continue; // bash 5 passes over names that cannot be variables
    else if (mode === 'function') shell.functions.delete(arg);
    else if (mode === 'var' || shell.env.get(arg) !== undefined || !shell.functions.has(arg)) shell.env.unset(arg);
    else shell.functions.delete(arg);
  }
  return 0;
};

const OPTION_LETTERS: Record<string, keyof ShellFlags> = { e: 'errexit', u: 'nounset', x: 'xtrace' };
const OPTION_NAMES = new Set<keyof ShellFlags>(['errexit', 'nounset', 'xtrace', 'pipefail']);
/** Options scripts set that change nothing here; accepted quietly. */
const IGNORED_LETTERS = new Set(['h', 'm', 'B', 'H', 'P', 'T', 'E', 'v', 'f', 'C', 'a', 'b', 'k', 'n', 't']);

const set: ShellBuiltin = (shell, argv, fds) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    for (const [name, value] of Object.entries(listVariables(shell.env))) fds.out(`${name}=${shellQuote(value)}\n`);
    return 0;
  }
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      shell.positional = args.slice(i + 1);
      return 0;
    }
    if (arg === '-') {
      shell.positional = args.slice(i + 1);
      return 0;
    }
    const on = arg[0] === '-';
    if (!on && arg[0] !== '+') break;
    for (const letter of arg.slice(1)) {
      if (letter === 'o') {
        const optName = args[++i];
        if (optName === undefined) {
          for (const name of OPTION_NAMES) fds.out(on ? `${name.padEnd(15)}\t${shell.flags[name] ? 'on' : 'off'}\n` : `set ${shell.flags[name] ? '-' : '+'}o ${name}\n`);
          continue;
        }
        if (!OPTION_NAMES.has(optName as keyof ShellFlags)) {
          if (['posix', 'noglob', 'noclobber', 'allexport', 'verbose', 'monitor', 'errtrace', 'functrace', 'histexpand', 'history', 'emacs', 'vi'].includes(optName)) continue;
          return fail(shell, fds, `set: ${optName}: invalid option name`, 2);
        }
        shell.flags[optName as keyof ShellFlags] = on;
        continue;
      }
      const flag = OPTION_LETTERS[letter];
      if (flag) shell.flags[flag] = on;
      else if (!IGNORED_LETTERS.has(letter)) {
        fail(shell, fds, `set: ${arg[0]}${letter}: invalid option`, 2);
        fds.err('set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n');
        return 2;
      }
    }
  }
  if (i < args.length) shell.positional = args.slice(i);
  return 0;
};

const shift: ShellBuiltin = (shell, argv, fds) => {
  const n = argv[1] === undefined ? 1 : Number(argv[1]);
  if (!Number.isInteger(n) || n < 0) return fail(shell, fds, `shift: ${argv[1]}: numeric argument required`);
  if (n > shell.positional.length) return 1;
  shell.positional = shell.positional.slice(n);
  return 0;
};

function loopControl(kind: 'break' | 'continue'): ShellBuiltin {
  return (shell, argv, fds) => {
    const n = argv[1] === undefined ? 1 : Number(argv[1]);
    if (!Number.isInteger(n)) return fail(shell, fds, `${kind}: ${argv[1]}: numeric argument required`);
    if (n < 1) return fail(shell, fds, `${kind}: ${argv[1]}: loop count out of range`);
    if (shell.loopDepth === 0) return fail(shell, fds, `${kind}: only meaningful in a \`for', \`while', or \`until' loop`, 0);
    const levels = Math.min(n, shell.loopDepth);
    throw kind === 'break' ? new BreakSignal(levels) : new ContinueSignal(levels);
  };
}

const returnBuiltin: ShellBuiltin = (shell, argv, fds) => {
  if (shell.functionDepth === 0 && shell.sourceDepth === 0) return fail(shell, fds, "return: can only `return' from a function or sourced script", 2);
  const arg = argv[1];
  if (arg !== undefined && !/^[-+]?[0-9]+$/.test(arg)) {
    fail(shell, fds, `return: ${arg}: numeric argument required`);
    throw new ReturnSignal(2);
  }
  throw new ReturnSignal(arg === undefined ? shell.lastStatus : ((Number(arg) % 256) + 256) % 256);
};

const alias: ShellBuiltin = (shell, argv, fds) => {
  const args = argv.slice(1).filter((a) => a !== '-p');
  if (args.length === 0) {
    for (const [name, value] of [...shell.aliases].sort(([a], [b]) => (a < b ? -1 : 1))) fds.out(`alias ${name}='${value.replace(/'/g, `'\\''`)}'\n`);
    return 0;
  }
  let status = 0;
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq > 0) shell.aliases.set(arg.slice(0, eq), arg.slice(eq + 1));
    else {
      const value = shell.aliases.get(arg);
      if (value === undefined) status = fail(shell, fds, `alias: ${arg}: not found`);
      else fds.out(`alias ${arg}='${value.replace(/'/g, `'\\''`)}'\n`);
    }
  }
  return status;
};

const unalias: ShellBuiltin = (shell, argv, fds) => {
  let status = 0;
  for (const arg of argv.slice(1)) {
    if (arg === '-a') shell.aliases.clear();
    else if (!shell.aliases.delete(arg)) status = fail(shell, fds, `unalias: ${arg}: not found`);
  }
  return status;
};

const evalBuiltin: ShellBuiltin = (shell, argv, fds) => shell.runSource(argv.slice(1).join(' '), fds);

function* sourceFile(shell: Shell, argv: string[], fds: Fds): Run {
  const file = argv[1];
  if (file === undefined) return fail(shell, fds, `${argv[0]}: filename argument required`, 2);
  const abs = shell.fs.resolve(file, shell.cwd);
  const st = shell.fs.stat(abs);
  if (!st) return fail(shell, fds, `${file}: No such file or directory`);
  if (st.type === 'dir') return fail(shell, fds, `${argv[0]}: ${file}: is a directory`);
  const script = shell.fs.readFile(abs) ?? '';
  const savedPositional = shell.positional;
  if (argv.length > 2) shell.positional = argv.slice(2);
  shell.sourceDepth++;
  try {
    return yield* shell.runSource(script, fds);
  } catch (e) {
    if (e instanceof ReturnSignal) return e.status;
    throw e;
  } finally {
    shell.sourceDepth--;
    if (argv.length > 2) shell.positional = savedPositional;
  }
}

const local: ShellBuiltin = (shell, argv, fds) => {
  let status = 0;
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-')) continue;
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!NAME.test(name)) {
      status = fail(shell, fds, `local: \`${arg}': not a valid identifier`);
      continue;
    }
    if (!shell.declareLocal(name, eq < 0 ? undefined : arg.slice(eq + 1))) return fail(shell, fds, 'local: can only be used in a function');
  }
  return status;
};

const read: ShellBuiltin = (shell, argv, fds) => {
  let raw = false;
  let delimiter = '\n';
  const names: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (names.length === 0 && arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j];
        if (letter === 'r') raw = true;
        else if (letter === 's') continue;
        else if (letter === 'p' || letter === 'd' || letter === 't' || letter === 'n' || letter === 'u') {
          const value = arg.slice(j + 1) || argv[++i];
          if (value === undefined) return fail(shell, fds, `read: -${letter}: option requires an argument`, 2);
          if (letter === 'p') fds.err(value);
          if (letter === 'd') delimiter = value.slice(0, 1) || '\0';
          break;
        } else return fail(shell, fds, `read: -${letter}: invalid option`, 2);
      }
      continue;
    }
    if (!NAME.test(arg)) return fail(shell, fds, `read: \`${arg}': not a valid identifier`);
    names.push(arg);
  }
  let text = '';
  let complete = false;
  for (;;) {
    const got = fds.stdin.readLine(delimiter);
    if (!got) break;
    complete = got.complete;
    if (!raw && got.complete && /(^|[^\\])(\\\\)*\\$/.test(got.line)) {
      text += got.line.slice(0, -1); // a trailing backslash continues the line
      continue;
    }
    text += got.line;
    break;
  }
  if (!raw) text = text.replace(/\\(.)/g, '$1');
  const ifs = shell.env.get('IFS') ?? ' \t\n';
  if (names.length === 0) shell.env.set('REPLY', text);
  else {
    const fields = splitForRead(text, ifs, names.length);
    names.forEach((name, i) => shell.env.set(name, fields[i] ?? ''));
  }
  return complete ? 0 : 1;
};

const type: ShellBuiltin = (shell, argv, fds) => {
  let status = 0;
  for (const name of argv.slice(1)) {
    const kind = shell.commandKind(name);
    if (kind === 'function') fds.out(`${name} is a function\n`);
    else if (kind && BASH_BUILTIN_NAMES.has(name)) fds.out(`${name} is a shell builtin\n`);
    else if (kind) fds.out(`${name} is /usr/bin/${name}\n`);
    else status = fail(shell, fds, `type: ${name}: not found`);
  }
  return status;
};

function* command(shell: Shell, argv: string[], fds: Fds): Run {
  const args = argv.slice(1);
  if (args[0] === '-v' || args[0] === '-V') {
    let status = 0;
    for (const name of args.slice(1)) {
      const kind = shell.commandKind(name);
      if (!kind) status = 1;
      else if (args[0] === '-V') fds.out(kind === 'function' ? `${name} is a function\n` : BASH_BUILTIN_NAMES.has(name) ? `${name} is a shell builtin\n` : `${name} is /usr/bin/${name}\n`);
      else fds.out(kind === 'command' && !BASH_BUILTIN_NAMES.has(name) ? `/usr/bin/${name}\n` : `${name}\n`);
    }
    return status;
  }
  if (args.length === 0) return 0;
  return yield* shell.invoke(args, fds, true);
}

function* exec(shell: Shell, argv: string[], fds: Fds): Run {
  if (argv.length < 2) return 0;
  throw new ExitSignal(yield* shell.invoke(argv.slice(1), fds));
}

function* let_(shell: Shell, argv: string[], fds: Fds): Run {
  if (argv.length < 2) return fail(shell, fds, 'let: expression expected');
  let value = 0;
  try {
    for (const expr of argv.slice(1)) value = yield* arithmetic(expr, shell.expansionHost(fds));
  } catch (e) {
    if (e instanceof ExpansionError) return fail(shell, fds, `let: ${e.message}`);
    throw e;
  }
  return value !== 0 ? 0 : 1;
}

/** `sh -c 'script' [name args…]`, `sh file args…`, or a script on stdin: a child shell. */
function* sh(shell: Shell, argv: string[], fds: Fds): Run {
  const args = argv.slice(1);
  const flags: Partial<ShellFlags> = {};
  let script: string | undefined;
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-c') {
      script = args[++i];
      if (script === undefined) return fail(shell, fds, '-c: option requires an argument', 2);
      i++;
      break;
    }
    if (arg === '--') {
      i++;
      break;
    }
    if (!/^[-+][a-zA-Z]+$/.test(arg)) break;
    for (const letter of arg.slice(1)) {
      const flag = OPTION_LETTERS[letter];
      if (flag) flags[flag] = arg[0] === '-';
    }
  }
  let name = argv[0]!;
  let positional: string[];
  if (script !== undefined) {
    name = args[i] ?? name;
    positional = args.slice(i + 1);
  } else if (i < args.length) {
    const file = args[i]!;
    const abs = shell.fs.resolve(file, shell.cwd);
    const st = shell.fs.stat(abs);
    if (!st) return fail(shell, fds, `${file}: No such file or directory`, 127);
    if (st.type === 'dir') return fail(shell, fds, `${file}: Is a directory`, 126);
    script = (shell.fs.readFile(abs) ?? '').replace(/^#![^\n]*\n?/, '');
    name = file;
    positional = args.slice(i + 1);
  } else {
    script = fds.stdin.readAll();
    positional = [];
  }
  const body = script;
  return yield* shell.subshell((child) => {
    child.name = name;
    child.positional = positional;
    child.functions = new Map();
    child.env = new ShellEnvImpl(shell.env.exported()); // a new process sees only the exported variables
    child.env.set('PWD', shell.cwd);
    Object.assign(child.flags, flags);
    return child.runSource(body, fds);
  });
}

export const SPECIAL_BUILTINS: ReadonlyMap<string, ShellBuiltin> = new Map<string, ShellBuiltin>([
  ['cd', cd],
  ['exit', exit],
  ['export', exportBuiltin],
  ['unset', unset],
  ['set', set],
  ['shift', shift],
  ['break', loopControl('break')],
  ['continue', loopControl('continue')],
  ['return', returnBuiltin],
  ['eval', evalBuiltin],
  ['source', sourceFile],
  ['.', sourceFile],
  ['local', local],
  ['read', read],
  ['type', type],
  ['command', command],
  ['exec', exec],
  ['wait', () => 0],
  ['let', let_],
  ['alias', alias],
  // bash options (expand_aliases, nullglob…) are accepted so scripts that set them still run.
  ['shopt', () => 0],
  ['unalias', unalias],
]);

/** Commands the host's table may replace: looked up after it. */
export const FALLBACK_COMMANDS: ReadonlyMap<string, ShellBuiltin> = new Map<string, ShellBuiltin>([
  ['sh', sh],
  ['bash', sh],
]);
