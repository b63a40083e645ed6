// Opening the files a redirection names: `< file` reads one whole, `> file` and `>> file` give an
// output channel that writes through the VirtualFS. Failures are printed as bash prints them.

import { DISCARD } from './io.ts';
import type { Fds, OutputChannel } from './io.ts';
import { FsError } from './types.ts';
import type { VirtualFS } from './types.ts';

const reason = (e: unknown): string => (e instanceof FsError || e instanceof Error ? e.message : String(e));

/** The content behind `< path` (`<> path` creates it); undefined after printing why not. */
export function readInput(fs: VirtualFS, abs: string, path: string, fds: Fds, create: boolean, shellName: string): string | undefined {
  if (path === '/dev/null') return '';
  if (path === '/dev/stdin') return fds.stdin.readAll();
  const st = fs.stat(abs);
  let problem: string | undefined;
  if (!st && create) {
    try {
      fs.writeFile(abs, '');
      return '';
    } catch (e) {
      problem = reason(e);
    }
  } else if (!st) problem = 'No such file or directory';
  else if (st.type === 'dir') problem = 'Is a directory';
  if (problem !== undefined) {
    fds.err(`${shellName}: ${path}: ${problem}\n`);
    return undefined;
  }
  return fs.readFile(abs) ?? '';
}

/** The channel behind `> path` (truncated now) or `>> path`; undefined after printing why not. */
export function openOutput(fs: VirtualFS, abs: string, path: string, append: boolean, current: Fds, fds: Fds, shellName: string): OutputChannel | undefined {
  if (path === '/dev/null') return DISCARD;
  if (path === '/dev/stdout') return current.output(1) ?? DISCARD;
  if (path === '/dev/stderr') return current.output(2) ?? DISCARD;
  try {
    if (fs.stat(abs)?.type === 'dir') throw new FsError('EISDIR', 'Is a directory');
    if (append) fs.appendFile(abs, '');
    else fs.writeFile(abs, '');
  } catch (e) {
    fds.err(`${shellName}: ${path}: ${reason(e)}\n`);
    return undefined;
  }
  return { write: (chunk) => fs.appendFile(abs, chunk), isTerminal: false };
}
