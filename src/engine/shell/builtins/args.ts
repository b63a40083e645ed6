// GNU-style option parsing for the builtins: clustered short options (`-rf`), options with values
// (`-n 5`, `-n5`, `--lines=5`), operands anywhere (GNU permutes them), and `--`.

import type { CommandContext, ShellIO } from '../types.ts';

export interface OptionSpec {
  /** Short options without a value, e.g. 'rfv'. */
  flags?: string;
  /** Short options that take a value, e.g. 'nc'. */
  values?: string;
  /** Long options mapped to their short letter (append '=' when they take a value): { lines: 'n=' }. */
  long?: Record<string, string>;
}

export interface ParsedArgs {
  /** Every option seen, in order, with its value ('' for flags). */
  options: { name: string; value: string }[];
  operands: string[];
  has(letter: string): boolean;
  /** The last value given for an option. */
  value(letter: string): string | undefined;
  all(letter: string): string[];
}

export class UsageError extends Error {}

/** Parses `args` (argv without the command name); throws UsageError with GNU's message. */
export function parseArgs(args: readonly string[], spec: OptionSpec): ParsedArgs {
  const flags = spec.flags ?? '';
  const values = spec.values ?? '';
  const options: ParsedArgs['options'] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const target = spec.long?.[name];
      if (target === undefined) throw new UsageError(`unrecognized option '${arg}'`);
      const letter = target.replace(/=$/, '');
      if (target.endsWith('=')) {
        const value = eq < 0 ? args[++i] : arg.slice(eq + 1);
        if (value === undefined) throw new UsageError(`option '--${name}' requires an argument`);
        options.push({ name: letter, value });
      } else options.push({ name: letter, value: '' });
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      operands.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j]!;
      if (values.includes(letter)) {
        const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
        if (value === undefined) throw new UsageError(`option requires an argument -- '${letter}'`);
        options.push({ name: letter, value });
        break;
      }
      if (!flags.includes(letter)) throw new UsageError(`invalid option -- '${letter}'`);
      options.push({ name: letter, value: '' });
    }
  }
  return {
    options,
    operands,
    has: (letter) => options.some((o) => o.name === letter),
    value: (letter) => options.findLast((o) => o.name === letter)?.value,
    all: (letter) => options.filter((o) => o.name === letter).map((o) => o.value),
  };
}

/** Prints GNU's two-line usage complaint and returns the status the tool uses for it. */
export function usage(io: ShellIO, command: string, message: string, status = 1): number {
  io.stderr(`${command}: ${message}\nTry '${command} --help' for more information.\n`);
  return status;
}

/** Parses options, or prints GNU's complaint and returns the exit status the tool uses for bad usage. */
export function tryParse(io: ShellIO, command: string, args: readonly string[], spec: OptionSpec, status = 1): ParsedArgs | number {
  try {
    return parseArgs(args, spec);
  } catch (e) {
    if (e instanceof UsageError) return usage(io, command, e.message, status);
    throw e;
  }
}

/** `sh: ` when run by our shell: bash prefixes its builtins' messages (printf, test) with its name. */
export function shellPrefix(ctx: CommandContext): string {
  const name = (ctx as CommandContext & { shellName?: string }).shellName;
  return name ? `${name}: ` : '';
}
