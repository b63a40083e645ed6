// The kubectl command: finds the subcommand (flags may come before it, as cobra allows), parses
// flags with the global ones, runs it, and reports errors as kubectl does. Every invocation takes a
// moment of simulated time, as a real request to the apiserver does.

import type { Command, CommandContext, CommandRun } from '../shell/types.ts';
import { defaultNamespace } from './config.ts';
import { formatError, KubectlError, UsageError } from './errors.ts';
import { FlagError, FlagSet, str, type FlagSpec } from './flags.ts';
import { GLOBAL_FLAGS } from './global-flags.ts';
import { commandHelp, rootHelp } from './help.ts';
import type { Invocation, KubectlCommand, KubectlEnv } from './types.ts';

/** How long one kubectl invocation takes (a round trip to the apiserver). */
export const KUBECTL_LATENCY_MS = 100;

const HELP_FLAG: FlagSpec = { name: 'help', short: 'h', type: 'bool', default: false, usage: 'help for this command' };

export function createKubectl(env: KubectlEnv, commands: KubectlCommand[]): Command {
  return (ctx) => runKubectl(env, commands, ctx);
}

interface Resolved {
  cmd: KubectlCommand | undefined;
  path: string[];
  rest: string[];
  unknown?: string;
}

function flagsOf(cmd: KubectlCommand | undefined): FlagSet {
  return new FlagSet([...(cmd?.flags ?? []), ...GLOBAL_FLAGS, HELP_FLAG]);
}

/** Walks argv to the deepest subcommand named, skipping flags and their values. */
function resolve(commands: KubectlCommand[], argv: readonly string[]): Resolved {
  let cmd: KubectlCommand | undefined;
  let choices = commands;
  const path = ['kubectl'];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (a.startsWith('-') && a.length > 1) {
      rest.push(a);
      if (takesValue(flagsOf(cmd), a) && i + 1 < argv.length) rest.push(argv[++i]);
      continue;
    }
    const found = choices.find((c) => c.name === a || c.aliases?.includes(a));
    if (found) {
      cmd = found;
      path.push(found.name);
      choices = found.subcommands ?? [];
      continue;
    }
    if (!cmd) return { cmd, path, rest, unknown: a };
    rest.push(...argv.slice(i));
    break;
  }
  return { cmd, path, rest };
}

function takesValue(fs: FlagSet, token: string): boolean {
  if (token.includes('=')) return false;
  const spec = token.startsWith('--') ? fs.specs.find((s) => s.name === token.slice(2)) : token.length === 2 ? fs.specs.find((s) => s.short === token[1]) : undefined;
  return !!spec && spec.type !== 'bool';
}

function* runKubectl(env: KubectlEnv, commands: KubectlCommand[], ctx: CommandContext): CommandRun {
  const status = yield* invoke(env, commands, ctx);
  // The round trip to the apiserver takes a moment, whatever the outcome (not on Ctrl+C).
  yield { type: 'sleep', ms: KUBECTL_LATENCY_MS, soft: true };
  return status;
}

function* invoke(env: KubectlEnv, commands: KubectlCommand[], ctx: CommandContext): CommandRun {
  const out = (s: string) => ctx.io.stdout(s);
  const err = (s: string) => ctx.io.stderr(s);
  const r = resolve(commands, ctx.argv.slice(1));
  if (r.unknown) {
    const suggestions = commands.filter((c) => levenshtein(c.name, r.unknown!) <= 2).map((c) => c.name);
    let msg = `error: unknown command "${r.unknown}" for "kubectl"`;
    if (suggestions.length) msg += `\n\nDid you mean this?\n${suggestions.map((s) => '\t' + s).join('\n')}\n`;
    err(`${msg}\nRun 'kubectl --help' for usage.\n`);
    return 1;
  }
  const fs = flagsOf(r.cmd);
  let flags;
  try {
    flags = fs.parse(r.rest);
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    err(`error: ${e.message}\nSee '${r.path.join(' ')} --help' for usage.\n`);
    return 1;
  }
  for (const w of flags.warnings) err(w + '\n');
  const cmd = r.cmd;
  if (!cmd || flags.values.get('help') === true || (!cmd.run && cmd.subcommands)) {
    out(cmd ? commandHelp(cmd, r.path.join(' ')) : rootHelp(commands));
    return 0;
  }
  const nsFlag = str(flags, 'namespace');
  const inv: Invocation = {
    env,
    shell: ctx,
    flags,
    args: flags.args,
    namespace: nsFlag || defaultNamespace(env.config),
    namespaceExplicit: flags.changed.has('namespace'),
    path: r.path.join(' '),
    out,
    err,
  };
  try {
    const res = cmd.run!(inv);
    return typeof res === 'number' ? res : yield* res;
  } catch (e) {
    err(formatError(e) + '\n');
    return e instanceof KubectlError ? e.exitCode : 1;
  }
}

export function usageError(inv: Invocation, message: string): UsageError {
  return new UsageError(message, inv.path);
}

function levenshtein(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return dp[a.length][b.length];
}
