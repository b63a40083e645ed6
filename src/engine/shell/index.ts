// The shell's public surface.

export type * from './types.ts';
export { FsError } from './types.ts';
export { Shell, DEFAULT_MAX_STEPS } from './interpreter.ts';
export type { ShellOptions, ShellFlags, Run } from './interpreter.ts';
export { isIncomplete, parseScript, ParseError } from './parser.ts';
export { builtinCommands, commandTable } from './builtins/index.ts';
export { MemoryFS, OverlayFS, FS_ERROR_TEXT, fsError, DEFAULT_MAX_FILE_SIZE } from './vfs.ts';
export type { FsNodeJSON, MemoryFSOptions, OverlayState } from './vfs.ts';
export { ShellEnvImpl, LayeredEnv } from './env.ts';
export type { ShellEnvJSON } from './env.ts';
export { stdoutIsTerminal } from './io.ts';
export type { TerminalAwareIO } from './io.ts';
export { shellQuote } from './quote.ts';
export { runToEnd, testShell, terminal } from './harness.ts';
export type { Completed } from './harness.ts';
