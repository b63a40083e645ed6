// Small builtins: true/false/:, pwd, env, printenv, basename, dirname.

import { basename as baseOf, dirname as dirOf } from '../path.ts';
import { shellQuote } from '../quote.ts';
import type { Command } from '../types.ts';
import { tryParse, usage } from './args.ts';

export const trueCommand: Command = () => 0;
export const falseCommand: Command = () => 1;

export const pwd: Command = ({ io, cwd }) => {
  io.stdout(`${cwd}\n`);
  return 0;
};

/** `env` lists the environment; `env NAME=value… command args…` runs a command with additions. */
export const env: Command = (ctx) => {
  const args = ctx.argv.slice(1);
  let i = 0;
  while (i < args.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[i]!)) i++;
  const assignments = args.slice(0, i);
  const command = args.slice(i);
  if (command[0]?.startsWith('-') && command[0] !== '-') return usage(ctx.io, 'env', `invalid option -- '${command[0].slice(1, 2)}'`, 125);
  if (command.length === 0) {
    const vars: Record<string, string> = { ...ctx.env.exported() };
    for (const a of assignments) {
      const eq = a.indexOf('=');
      vars[a.slice(0, eq)] = a.slice(eq + 1);
    }
    for (const [name, value] of Object.entries(vars)) ctx.io.stdout(`${name}=${value}\n`);
    return 0;
  }
  // The shell runs the command, with the assignments as a prefix (exported to it alone).
  const prefix = assignments.map((a) => {
    const eq = a.indexOf('=');
    return `${a.slice(0, eq)}=${shellQuote(a.slice(eq + 1))}`;
  });
  return ctx.runScript([...prefix, 'command', ...command.map(shellQuote)].join(' '), ctx.io);
};

export const printenv: Command = ({ argv, io, env: vars }) => {
  const exported = vars.exported();
  const names = argv.slice(1);
  if (names.length === 0) {
    for (const [name, value] of Object.entries(exported)) io.stdout(`${name}=${value}\n`);
    return 0;
  }
  let status = 0;
  for (const name of names) {
    const value = exported[name];
    if (value === undefined) status = 1;
    else io.stdout(`${value}\n`);
  }
  return status;
};

export const basename: Command = ({ argv, io }) => {
  const parsed = tryParse(io, 'basename', argv.slice(1), { flags: 'az', values: 's', long: { multiple: 'a', suffix: 's=', zero: 'z' } });
  if (typeof parsed === 'number') return parsed;
  const names = parsed.operands;
  if (names.length === 0) return usage(io, 'basename', 'missing operand');
  let suffix = parsed.value('s');
  if (!parsed.has('a') && suffix === undefined) {
    if (names.length > 2) return usage(io, 'basename', `extra operand '${names[2]}'`);
    if (names.length === 2) suffix = names.pop();
  }
  for (const name of names) {
    let base = baseOf(name);
    if (suffix && base !== suffix && base.endsWith(suffix)) base = base.slice(0, -suffix.length);
    io.stdout(`${base}\n`);
  }
  return 0;
};

export const dirname: Command = ({ argv, io }) => {
  const names = argv.slice(1);
  if (names.length === 0) return usage(io, 'dirname', 'missing operand');
  for (const name of names) io.stdout(`${dirOf(name)}\n`);
  return 0;
};
