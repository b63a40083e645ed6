// The generic builtins a host merges into its command table (kubectl and friends come from the host;
// cd, export, set, read and the other shell-state builtins live in the interpreter).

import type { Command, CommandTable } from '../types.ts';
import { basename, dirname, env, falseCommand, printenv, pwd, trueCommand } from './basic.ts';
import { cat, cp, ls, mkdir, mv, rm, rmdir, tee, touch } from './files.ts';
import { grep } from './grep.ts';
import { echo, printf } from './output.ts';
import { test } from './test.ts';
import { base64 } from './base64.ts';
import { cut, head, sort, tail, tr, uniq, wc } from './text.ts';
import { seq, sleep } from './time.ts';
import { xargs } from './xargs.ts';

export function builtinCommands(): Map<string, Command> {
  return new Map<string, Command>([
    ['echo', echo],
    ['printf', printf],
    ['true', trueCommand],
    ['false', falseCommand],
    [':', trueCommand],
    ['pwd', pwd],
    ['env', env],
    ['printenv', printenv],
    ['ls', ls],
    ['cat', cat],
    ['touch', touch],
    ['mkdir', mkdir],
    ['rm', rm],
    ['rmdir', rmdir],
    ['cp', cp],
    ['mv', mv],
    ['tee', tee],
    ['test', test],
    ['[', test],
    ['grep', grep],
    ['egrep', (ctx) => grep({ ...ctx, argv: ['grep', '-E', ...ctx.argv.slice(1)] })],
    ['fgrep', (ctx) => grep({ ...ctx, argv: ['grep', '-F', ...ctx.argv.slice(1)] })],
    ['head', head],
    ['tail', tail],
    ['wc', wc],
    ['sort', sort],
    ['uniq', uniq],
    ['cut', cut],
    ['tr', tr],
    ['base64', base64],
    ['sleep', sleep],
    ['seq', seq],
    ['basename', basename],
    ['dirname', dirname],
    ['xargs', xargs],
  ]);
}

/** A CommandTable over several maps; earlier ones win (put the host's own commands first). */
export function commandTable(...sources: ReadonlyMap<string, Command>[]): CommandTable {
  return {
    get: (name) => {
      for (const source of sources) {
        const command = source.get(name);
        if (command) return command;
      }
      return undefined;
    },
    names: () => [...new Set(sources.flatMap((s) => [...s.keys()]))].sort(),
  };
}
