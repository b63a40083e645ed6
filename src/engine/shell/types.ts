// The contract between the shell interpreter, the commands it runs, and the host that drives it.
//
// A command is a function that either returns an exit status at once, or returns a generator that
// yields effects and finally returns an exit status. Effects are how a command asks the host for
// simulated time to pass: the CLI host advances the cluster instantly, the browser host advances it at
// the chosen speed, and Ctrl+C is the host calling `return()` on the generator (so `finally` blocks
// run and clean up watches). Commands never read the wall clock.

export type ShellEffect =
  /**
   * Let `ms` of simulated time pass, or less if `until()` turns true first (checked as time moves).
   * `soft` marks a command's own small processing time: a paused host may let it pass at once.
   */
  { type: 'sleep'; ms: number; until?: () => boolean; soft?: boolean };

export type CommandRun = Generator<ShellEffect, number, void>;
export type CommandResult = number | CommandRun;

export interface ShellIO {
  /** Everything piped or redirected into the command (pipelines run stage after stage). */
  readonly stdin: string;
  stdout(chunk: string): void;
  stderr(chunk: string): void;
}

/** Shell variables; exported ones are visible to commands as their environment. */
export interface ShellEnv {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  unset(name: string): void;
  export(name: string, value?: string): void;
  exported(): Record<string, string>;
}

export interface FileStat {
  type: 'file' | 'dir';
  size: number;
}

/**
 * The sandbox's file area. Paths are absolute or relative to the shell's working directory; the
 * implementation resolves them. Read-only implementations throw a FsError on writes.
 */
export interface VirtualFS {
  stat(path: string): FileStat | undefined;
  readFile(path: string): string | undefined;
  writeFile(path: string, data: string): void;
  appendFile(path: string, data: string): void;
  readDir(path: string): string[] | undefined;
  mkdir(path: string, recursive?: boolean): void;
  remove(path: string, recursive?: boolean): void;
  /** Absolute form of a path relative to cwd. */
  resolve(path: string, cwd: string): string;
}

export class FsError extends Error {
  constructor(
    readonly code: 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EEXIST' | 'EROFS' | 'ENOTEMPTY' | 'EFBIG',
    message: string,
  ) {
    super(message);
  }
}

export interface CommandContext {
  /** argv[0] is the command's name as typed. */
  readonly argv: readonly string[];
  readonly io: ShellIO;
  readonly env: ShellEnv;
  readonly fs: VirtualFS;
  readonly cwd: string;
  /** Runs a nested script in the same shell (used by `sh -c`, `eval`, `source`). */
  readonly runScript: (script: string, io: ShellIO) => CommandRun;
}

export type Command = (ctx: CommandContext) => CommandResult;

export interface CommandTable {
  get(name: string): Command | undefined;
  names(): string[];
}
