// Running a script to its end without a clock: for tests and for hosts that advance time instantly.

import { builtinCommands, commandTable } from './builtins/index.ts';
import { ShellEnvImpl } from './env.ts';
import { Shell } from './interpreter.ts';
import type { ShellOptions } from './interpreter.ts';
import { MemoryFS } from './vfs.ts';
import type { Command, ShellEffect } from './types.ts';

export interface Completed {
  status: number;
  stdout: string;
  stderr: string;
  /** Every effect the script yielded, in order. */
  effects: ShellEffect[];
}

/** Drives `shell.run(script)` to the end, granting every effect at once. */
export function runToEnd(shell: Shell, script: string, options: { stdin?: string; maxEffects?: number } = {}): Completed {
  let stdout = '';
  let stderr = '';
  const effects: ShellEffect[] = [];
  const run = shell.run(script, {
    stdin: options.stdin ?? '',
    stdout: (c) => void (stdout += c),
    stderr: (c) => void (stderr += c),
  });
  const limit = options.maxEffects ?? 10_000;
  for (let step = run.next(); ; step = run.next()) {
    if (step.done) return { status: step.value, stdout, stderr, effects };
    effects.push(step.value);
    if (effects.length >= limit) {
      run.return(130);
      return { status: 130, stdout, stderr, effects };
    }
  }
}

/** A shell over a fresh MemoryFS with the generic builtins and any extra commands. */
export function testShell(extra: Record<string, Command> = {}, options: Partial<ShellOptions> = {}): Shell {
  return new Shell({
    commands: commandTable(new Map(Object.entries(extra)), builtinCommands()),
    fs: options.fs ?? new MemoryFS(),
    env: options.env ?? new ShellEnvImpl({ HOME: '/root', PATH: '/usr/local/bin:/usr/bin:/bin' }),
    cwd: options.cwd ?? '/',
    ...options,
  });
}

/** What a terminal shows for a script run in a fresh sandbox shell. */
export function terminal(script: string, stdin = ''): { stdout: string; stderr: string; status: number } {
  const r = runToEnd(testShell(), script, { stdin });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}
