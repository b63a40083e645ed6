import { describe, expect, it } from 'vitest';
import { FsError } from './types.ts';
import { MemoryFS, OverlayFS } from './vfs.ts';

function codeOf(action: () => void): string | undefined {
  try {
    action();
    return undefined;
  } catch (e) {
    if (e instanceof FsError) return e.code;
    throw e;
  }
}

describe('MemoryFS', () => {
  it('writes, appends, reads and stats files', () => {
    const fs = new MemoryFS();
    fs.writeFile('/a.txt', 'hé');
    fs.appendFile('/a.txt', 'llo');
    expect(fs.readFile('/a.txt')).toBe('héllo');
    expect(fs.stat('/a.txt')).toEqual({ type: 'file', size: 6 });
    expect(fs.stat('/')).toEqual({ type: 'dir', size: 4096 });
  });

  it('resolves paths with . and .. against a working directory', () => {
    const fs = new MemoryFS();
    expect(fs.resolve('b/../c/./d', '/a')).toBe('/a/c/d');
    expect(fs.resolve('/x//y/', '/a')).toBe('/x/y');
    expect(fs.resolve('../../..', '/a/b')).toBe('/');
  });

  it('lists directories sorted', () => {
    const fs = new MemoryFS();
    fs.mkdir('/d/z', true);
    fs.writeFile('/d/b', '');
    fs.writeFile('/d/a', '');
    expect(fs.readDir('/d')).toEqual(['a', 'b', 'z']);
    expect(fs.readDir('/d/a')).toBeUndefined();
  });

  it.each([
    ['writing under a missing directory', (fs: MemoryFS) => fs.writeFile('/no/f', ''), 'ENOENT'],
    ['writing under a file', (fs: MemoryFS) => fs.writeFile('/file/f', ''), 'ENOTDIR'],
    ['writing over a directory', (fs: MemoryFS) => fs.writeFile('/dir', ''), 'EISDIR'],
    ['making an existing directory', (fs: MemoryFS) => fs.mkdir('/dir'), 'EEXIST'],
    ['making a directory without its parent', (fs: MemoryFS) => fs.mkdir('/a/b'), 'ENOENT'],
    ['making a directory over a file', (fs: MemoryFS) => fs.mkdir('/file', true), 'EEXIST'],
    ['removing a missing path', (fs: MemoryFS) => fs.remove('/nope'), 'ENOENT'],
    ['removing a non-empty directory without recursion', (fs: MemoryFS) => fs.remove('/dir'), 'ENOTEMPTY'],
    ['writing more than the size limit', (fs: MemoryFS) => fs.writeFile('/big', 'x'.repeat(11)), 'EFBIG'],
    ['appending past the size limit', (fs: MemoryFS) => fs.appendFile('/file', 'x'.repeat(10)), 'EFBIG'],
  ])('refuses %s', (_name, action, code) => {
    const fs = new MemoryFS({ maxFileSize: 10 });
    fs.writeFile('/file', 'x');
    fs.mkdir('/dir');
    fs.writeFile('/dir/inner', '');
    expect(codeOf(() => action(fs))).toBe(code);
  });

  it('gives FsErrors the strerror text the tools print', () => {
    const fs = new MemoryFS();
    expect(() => fs.remove('/nope')).toThrow('No such file or directory');
  });

  it('survives a JSON round trip', () => {
    const fs = new MemoryFS();
    fs.mkdir('/etc/app', true);
    fs.writeFile('/etc/app/config.yaml', 'a: 1\n');
    const copy = MemoryFS.fromJSON(JSON.parse(JSON.stringify(fs.toJSON())));
    expect(copy.readFile('/etc/app/config.yaml')).toBe('a: 1\n');
    expect(copy.toJSON()).toEqual(fs.toJSON());
  });

  it('removes trees recursively', () => {
    const fs = new MemoryFS();
    fs.mkdir('/a/b/c', true);
    fs.writeFile('/a/b/c/f', '');
    fs.remove('/a', true);
    expect(fs.stat('/a')).toBeUndefined();
  });
});

describe('OverlayFS', () => {
  function layers() {
    const lower = new MemoryFS();
    lower.mkdir('/etc/app', true);
    lower.writeFile('/etc/app/base.yaml', 'base\n');
    lower.writeFile('/etc/app/other.yaml', 'other\n');
    const upper = new MemoryFS();
    return { lower, upper, fs: new OverlayFS(upper, lower) };
  }

  it('reads through to the lower layer', () => {
    const { fs } = layers();
    expect(fs.readFile('/etc/app/base.yaml')).toBe('base\n');
    expect(fs.readDir('/etc/app')).toEqual(['base.yaml', 'other.yaml']);
  });

  it('writes only to the upper layer, copying directories up', () => {
    const { fs, lower, upper } = layers();
    fs.writeFile('/etc/app/new.yaml', 'new\n');
    expect(upper.readFile('/etc/app/new.yaml')).toBe('new\n');
    expect(lower.stat('/etc/app/new.yaml')).toBeUndefined();
    expect(fs.readDir('/etc/app')).toEqual(['base.yaml', 'new.yaml', 'other.yaml']);
  });

  it('copies a lower file up before appending to it', () => {
    const { fs, lower } = layers();
    fs.appendFile('/etc/app/base.yaml', 'more\n');
    expect(fs.readFile('/etc/app/base.yaml')).toBe('base\nmore\n');
    expect(lower.readFile('/etc/app/base.yaml')).toBe('base\n');
  });

  it('hides deleted lower entries behind whiteouts', () => {
    const { fs, lower } = layers();
    fs.remove('/etc/app/base.yaml');
    expect(fs.stat('/etc/app/base.yaml')).toBeUndefined();
    expect(fs.readDir('/etc/app')).toEqual(['other.yaml']);
    expect(lower.stat('/etc/app/base.yaml')).toBeDefined();
    expect(fs.layerState().whiteouts).toEqual(['/etc/app/base.yaml']);
  });

  it('shows nothing of a deleted lower directory when it is made again', () => {
    const { fs } = layers();
    fs.remove('/etc/app', true);
    fs.mkdir('/etc/app');
    expect(fs.readDir('/etc/app')).toEqual([]);
    fs.writeFile('/etc/app/base.yaml', 'mine\n');
    expect(fs.readFile('/etc/app/base.yaml')).toBe('mine\n');
  });

  it('keeps its whiteouts across a restore', () => {
    const { fs, lower, upper } = layers();
    fs.remove('/etc/app/other.yaml');
    const restored = new OverlayFS(upper, lower, fs.layerState());
    expect(restored.stat('/etc/app/other.yaml')).toBeUndefined();
  });

  it('refuses to make a directory that exists below', () => {
    const { fs } = layers();
    expect(codeOf(() => fs.mkdir('/etc/app'))).toBe('EEXIST');
    expect(codeOf(() => fs.mkdir('/etc/app', true))).toBeUndefined();
  });
});
