// The real disk, read-only, as a VirtualFS: the headless CLI lets `kubectl apply -f PATH` read files
// relative to the working directory, while anything a script writes stays in memory above it.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { FsError, type FileStat, type VirtualFS } from '../engine/shell/types.ts';

export class HostFS implements VirtualFS {
  stat(path: string): FileStat | undefined {
    try {
      const s = statSync(path);
      if (s.isDirectory()) return { type: 'dir', size: 0 };
      if (s.isFile()) return { type: 'file', size: s.size };
      return undefined;
    } catch {
      return undefined;
    }
  }
  readFile(path: string): string | undefined {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  }
  readDir(path: string): string[] | undefined {
    try {
      return readdirSync(path).sort();
    } catch {
      return undefined;
    }
  }
  writeFile(): void {
    throw new FsError('EROFS', 'Read-only file system');
  }
  appendFile(): void {
    throw new FsError('EROFS', 'Read-only file system');
  }
  mkdir(): void {
    throw new FsError('EROFS', 'Read-only file system');
  }
  remove(): void {
    throw new FsError('EROFS', 'Read-only file system');
  }
  resolve(path: string, cwd: string): string {
    return posix.resolve(cwd, path);
  }
}
