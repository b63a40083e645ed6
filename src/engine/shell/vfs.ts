// In-memory file systems for the sandbox: MemoryFS (a serializable tree) and OverlayFS (writes to an
// upper layer over a read-only lower one, so scripts can write files without touching what lies below).

import { FsError } from './types.ts';
import type { FileStat, VirtualFS } from './types.ts';
import { dirname, normalizePath, pathParts, resolvePath, utf8Length } from './path.ts';

/** strerror(3) texts, which the coreutils print after a file name. */
export const FS_ERROR_TEXT: Record<FsError['code'], string> = {
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EEXIST: 'File exists',
  EROFS: 'Read-only file system',
  ENOTEMPTY: 'Directory not empty',
  EFBIG: 'File too large',
};

export function fsError(code: FsError['code']): FsError {
  return new FsError(code, FS_ERROR_TEXT[code]);
}

/** Largest file a MemoryFS accepts unless told otherwise: enough for any manifest, small enough for a tab. */
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

interface FileNode {
  type: 'file';
  data: string;
  /** Cached UTF-8 size, so appending stays linear. */
  size: number;
}
interface DirNode {
  type: 'dir';
  children: Map<string, FsNode>;
}
type FsNode = FileNode | DirNode;

/** The serialized form of a MemoryFS: plain JSON. */
export type FsNodeJSON = { type: 'file'; data: string } | { type: 'dir'; entries: Record<string, FsNodeJSON> };

export interface MemoryFSOptions {
  maxFileSize?: number;
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class MemoryFS implements VirtualFS {
  private root: DirNode = { type: 'dir', children: new Map() };
  private readonly maxFileSize: number;

  constructor(options: MemoryFSOptions = {}) {
    this.maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  }

  static fromJSON(json: FsNodeJSON, options: MemoryFSOptions = {}): MemoryFS {
    const fs = new MemoryFS(options);
    if (json.type !== 'dir') throw new Error('MemoryFS.fromJSON: the root must be a directory');
    fs.root = fromJSONNode(json) as DirNode;
    return fs;
  }

  toJSON(): FsNodeJSON {
    return toJSONNode(this.root);
  }

  resolve(path: string, cwd: string): string {
    return resolvePath(path, cwd);
  }

  stat(path: string): FileStat | undefined {
    const node = this.lookup(path);
    if (!node) return undefined;
    return node.type === 'file' ? { type: 'file', size: node.size } : { type: 'dir', size: 4096 };
  }

  readFile(path: string): string | undefined {
    const node = this.lookup(path);
    return node?.type === 'file' ? node.data : undefined;
  }

  writeFile(path: string, data: string): void {
    const size = utf8Length(data);
    if (size > this.maxFileSize) throw fsError('EFBIG');
    const { dir, name } = this.parentOf(path);
    const existing = dir.children.get(name);
    if (existing?.type === 'dir') throw fsError('EISDIR');
    dir.children.set(name, { type: 'file', data, size });
  }

  appendFile(path: string, data: string): void {
    const { dir, name } = this.parentOf(path);
    const existing = dir.children.get(name);
    if (existing?.type === 'dir') throw fsError('EISDIR');
    const size = (existing?.size ?? 0) + utf8Length(data);
    if (size > this.maxFileSize) throw fsError('EFBIG');
    if (existing) {
      existing.data += data;
      existing.size = size;
    } else dir.children.set(name, { type: 'file', data, size });
  }

  readDir(path: string): string[] | undefined {
    const node = this.lookup(path);
    return node?.type === 'dir' ? [...node.children.keys()].sort(byCodePoint) : undefined;
  }

  mkdir(path: string, recursive = false): void {
    const parts = pathParts(normalizePath(path));
    let dir = this.root;
    for (let i = 0; i < parts.length; i++) {
      const name = parts[i]!;
      const last = i === parts.length - 1;
      const child = dir.children.get(name);
      if (child?.type === 'file') throw fsError(last ? 'EEXIST' : 'ENOTDIR');
      if (child) {
        if (last && !recursive) throw fsError('EEXIST');
        dir = child;
        continue;
      }
      if (!last && !recursive) throw fsError('ENOENT');
      const created: DirNode = { type: 'dir', children: new Map() };
      dir.children.set(name, created);
      dir = created;
    }
    if (parts.length === 0 && !recursive) throw fsError('EEXIST');
  }

  remove(path: string, recursive = false): void {
    const abs = normalizePath(path);
    if (abs === '/') {
      // The root itself stays; removing it recursively empties it.
      if (!recursive && this.root.children.size > 0) throw fsError('ENOTEMPTY');
      this.root.children.clear();
      return;
    }
    const { dir, name } = this.parentOf(abs);
    const node = dir.children.get(name);
    if (!node) throw fsError('ENOENT');
    if (node.type === 'dir' && node.children.size > 0 && !recursive) throw fsError('ENOTEMPTY');
    dir.children.delete(name);
  }

  private lookup(path: string): FsNode | undefined {
    let node: FsNode = this.root;
    for (const part of pathParts(normalizePath(path))) {
      if (node.type !== 'dir') return undefined;
      const child: FsNode | undefined = node.children.get(part);
      if (!child) return undefined;
      node = child;
    }
    return node;
  }

  /** The directory that holds `path` (which must exist and be a directory) and the entry's name. */
  private parentOf(path: string): { dir: DirNode; name: string } {
    const abs = normalizePath(path);
    if (abs === '/') throw fsError('EISDIR');
    const parent = this.lookup(dirname(abs));
    if (!parent) throw fsError(this.blockedByFile(dirname(abs)) ? 'ENOTDIR' : 'ENOENT');
    if (parent.type !== 'dir') throw fsError('ENOTDIR');
    return { dir: parent, name: abs.slice(abs.lastIndexOf('/') + 1) };
  }

  /** True when some ancestor on the way to `abs` is a file (the kernel says ENOTDIR then). */
  private blockedByFile(abs: string): boolean {
    let node: FsNode = this.root;
    for (const part of pathParts(abs)) {
      if (node.type !== 'dir') return true;
      const child: FsNode | undefined = node.children.get(part);
      if (!child) return false;
      node = child;
    }
    return node.type !== 'dir';
  }
}

function toJSONNode(node: FsNode): FsNodeJSON {
  if (node.type === 'file') return { type: 'file', data: node.data };
  const entries: Record<string, FsNodeJSON> = {};
  for (const name of [...node.children.keys()].sort(byCodePoint)) entries[name] = toJSONNode(node.children.get(name)!);
  return { type: 'dir', entries };
}

function fromJSONNode(json: FsNodeJSON): FsNode {
  if (json.type === 'file') return { type: 'file', data: json.data, size: utf8Length(json.data) };
  const children = new Map<string, FsNode>();
  for (const [name, child] of Object.entries(json.entries)) children.set(name, fromJSONNode(child));
  return { type: 'dir', children };
}

/** What an OverlayFS remembers beyond its upper layer: deletions and directories re-created over the lower one. */
export interface OverlayState {
  whiteouts: string[];
  opaque: string[];
}

/**
 * Reads see the upper layer, then the lower one; every write goes to the upper layer, and deleting a
 * lower path only hides it (a whiteout), as overlayfs does. The lower layer is never written.
 */
export class OverlayFS implements VirtualFS {
  private readonly whiteouts: Set<string>;
  /** Directories created where a lower path had been deleted: the lower entries below stay hidden. */
  private readonly opaque: Set<string>;

  constructor(
    readonly upper: VirtualFS,
    readonly lower: VirtualFS,
    state: OverlayState = { whiteouts: [], opaque: [] },
  ) {
    this.whiteouts = new Set(state.whiteouts);
    this.opaque = new Set(state.opaque);
  }

  layerState(): OverlayState {
    return { whiteouts: [...this.whiteouts].sort(byCodePoint), opaque: [...this.opaque].sort(byCodePoint) };
  }

  resolve(path: string, cwd: string): string {
    return resolvePath(path, cwd);
  }

  stat(path: string): FileStat | undefined {
    const abs = normalizePath(path);
    return this.upper.stat(abs) ?? (this.lowerVisible(abs) ? this.lower.stat(abs) : undefined);
  }

  readFile(path: string): string | undefined {
    const abs = normalizePath(path);
    if (this.upper.stat(abs)) return this.upper.readFile(abs);
    return this.lowerVisible(abs) ? this.lower.readFile(abs) : undefined;
  }

  readDir(path: string): string[] | undefined {
    const abs = normalizePath(path);
    if (this.stat(abs)?.type !== 'dir') return undefined;
    const names = new Set(this.upper.readDir(abs) ?? []);
    if (this.lowerVisible(abs) && !this.opaque.has(abs)) {
      for (const name of this.lower.readDir(abs) ?? []) {
        const child = abs === '/' ? `/${name}` : `${abs}/${name}`;
        if (!this.whiteouts.has(child)) names.add(name);
      }
    }
    return [...names].sort(byCodePoint);
  }

  writeFile(path: string, data: string): void {
    const abs = normalizePath(path);
    if (this.stat(abs)?.type === 'dir') throw fsError('EISDIR');
    this.copyUpDir(dirname(abs));
    this.upper.writeFile(abs, data);
    this.whiteouts.delete(abs);
  }

  appendFile(path: string, data: string): void {
    const abs = normalizePath(path);
    const st = this.stat(abs);
    if (st?.type === 'dir') throw fsError('EISDIR');
    if (st && !this.upper.stat(abs)) {
      this.writeFile(abs, (this.lower.readFile(abs) ?? '') + data);
      return;
    }
    this.copyUpDir(dirname(abs));
    this.upper.appendFile(abs, data);
    this.whiteouts.delete(abs);
  }

  mkdir(path: string, recursive = false): void {
    const abs = normalizePath(path);
    const st = this.stat(abs);
    if (st) {
      if (recursive && st.type === 'dir') return;
      throw fsError('EEXIST');
    }
    const parent = dirname(abs);
    if (recursive && !this.stat(parent)) this.mkdir(parent, true);
    this.copyUpDir(parent);
    this.upper.mkdir(abs);
    if (this.whiteouts.delete(abs)) this.opaque.add(abs);
  }

  remove(path: string, recursive = false): void {
    const abs = normalizePath(path);
    const st = this.stat(abs);
    if (!st) throw fsError('ENOENT');
    if (st.type === 'dir' && !recursive && (this.readDir(abs) ?? []).length > 0) throw fsError('ENOTEMPTY');
    if (abs === '/') {
      for (const name of this.readDir('/') ?? []) this.remove(`/${name}`, true);
      return;
    }
    if (this.upper.stat(abs)) this.upper.remove(abs, true);
    if (this.lowerVisible(abs) && this.lower.stat(abs)) this.whiteouts.add(abs);
  }

  /** Whether the lower layer's entry at `abs` shows through (nothing above hides it). */
  private lowerVisible(abs: string): boolean {
    let prefix = '';
    const parts = pathParts(abs);
    for (let i = 0; i < parts.length; i++) {
      prefix += `/${parts[i]}`;
      if (this.whiteouts.has(prefix)) return false;
      if (i < parts.length - 1) {
        if (this.opaque.has(prefix)) return false;
        const up = this.upper.stat(prefix);
        if (up && up.type !== 'dir') return false;
      }
    }
    return true;
  }

  /** Makes sure the directory `abs` exists in the upper layer, copying up directories seen below. */
  private copyUpDir(abs: string): void {
    let prefix = '';
    for (const part of pathParts(abs)) {
      prefix += `/${part}`;
      const up = this.upper.stat(prefix);
      if (up?.type === 'dir') continue;
      if (up) throw fsError('ENOTDIR');
      const merged = this.stat(prefix);
      if (!merged) throw fsError('ENOENT');
      if (merged.type !== 'dir') throw fsError('ENOTDIR');
      this.upper.mkdir(prefix);
    }
  }
}
