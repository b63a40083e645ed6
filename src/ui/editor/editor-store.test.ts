import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ToWorker } from '../../worker/protocol.ts';
import {
  activeFile,
  closeFile,
  isEditorFile,
  loadEditorFiles,
  markWritten,
  newFile,
  normalizePath,
  openFile,
  openInEditor,
  renameFile,
  setActive,
  setContent,
  uniquePath,
  useEditor,
} from './editor-store.ts';
import { startFileSync, WRITE_DELAY_MS } from './file-sync.ts';

const state = () => useEditor.getState();
const paths = () => state().files.map((f) => f.path);

beforeEach(() => useEditor.setState({ files: [], active: null }));

describe('editor store', () => {
  it('openFile adds a dirty tab and activates it; relative paths are under /root', () => {
    expect(openFile('web.yaml', 'a: 1\n')).toBe('/root/web.yaml');
    expect(state()).toEqual({ files: [{ path: '/root/web.yaml', content: 'a: 1\n', dirty: true }], active: '/root/web.yaml' });
  });

  it('opening an open path again replaces its content (kubectl edit fetches afresh) and activates it', () => {
    openFile('/root/a.yaml', 'a');
    openFile('/root/b.yaml', 'b');
    markWritten('/root/a.yaml', 'a');
    openInEditor('/root/a.yaml', 'fresh');
    expect(paths()).toEqual(['/root/a.yaml', '/root/b.yaml']);
    expect(activeFile()).toEqual({ path: '/root/a.yaml', content: 'fresh', dirty: true });
  });

  it('setContent marks the file dirty; markWritten clears it only for the content written', () => {
    openFile('/root/a.yaml', 'a');
    markWritten('/root/a.yaml', 'a');
    expect(activeFile()?.dirty).toBe(false);
    setContent('/root/a.yaml', 'b');
    expect(activeFile()).toEqual({ path: '/root/a.yaml', content: 'b', dirty: true });
    markWritten('/root/a.yaml', 'a');
    expect(activeFile()?.dirty).toBe(true);
    markWritten('/root/a.yaml', 'b');
    expect(activeFile()?.dirty).toBe(false);
  });

  it('setContent of the same content changes nothing', () => {
    openFile('/root/a.yaml', 'a');
    markWritten('/root/a.yaml', 'a');
    const before = state();
    setContent('/root/a.yaml', 'a');
    expect(state()).toBe(before);
  });

  it('closeFile activates the neighbour, and nothing when the last tab closes', () => {
    openFile('/root/a.yaml', '');
    openFile('/root/b.yaml', '');
    openFile('/root/c.yaml', '');
    setActive('/root/b.yaml');
    closeFile('/root/b.yaml');
    expect(state().active).toBe('/root/c.yaml');
    closeFile('/root/c.yaml');
    expect(state().active).toBe('/root/a.yaml');
    closeFile('/root/a.yaml');
    expect(state()).toEqual({ files: [], active: null });
  });

  it('closing an inactive tab keeps the active one', () => {
    openFile('/root/a.yaml', '');
    openFile('/root/b.yaml', '');
    closeFile('/root/a.yaml');
    expect(state().active).toBe('/root/b.yaml');
  });

  it('newFile picks a name no tab uses', () => {
    const tpl = { fileName: 'pod.yaml', content: 'kind: Pod\n' };
    expect(newFile(tpl)).toBe('/root/pod.yaml');
    expect(newFile(tpl)).toBe('/root/pod-2.yaml');
    expect(newFile(tpl)).toBe('/root/pod-3.yaml');
    expect(state().active).toBe('/root/pod-3.yaml');
    expect(activeFile()?.content).toBe('kind: Pod\n');
  });

  it('uniquePath keeps the extension', () => {
    expect(uniquePath('a.yml', ['/root/a.yml'])).toBe('/root/a-2.yml');
    expect(uniquePath('manifest', [])).toBe('/root/manifest.yaml');
  });

  it('renameFile moves the tab to a free manifest name', () => {
    openFile('/root/a.yaml', 'x');
    openFile('/root/b.yaml', 'y');
    expect(renameFile('/root/a.yaml', 'b.yaml')).toBeNull();
    expect(renameFile('/root/a.yaml', 'notes.txt')).toBeNull();
    setActive('/root/a.yaml');
    expect(renameFile('/root/a.yaml', 'web.yaml')).toBe('/root/web.yaml');
    expect(paths()).toEqual(['/root/web.yaml', '/root/b.yaml']);
    expect(state().active).toBe('/root/web.yaml');
  });

  it('shows only manifests under /root as tabs', () => {
    expect(isEditorFile('/root/a.yaml')).toBe(true);
    expect(isEditorFile('/root/dir/a.YML')).toBe(true);
    expect(isEditorFile('/root/a.json')).toBe(true);
    expect(isEditorFile('/root/a.sh')).toBe(false);
    expect(isEditorFile('/etc/kubernetes/manifests/etcd.yaml')).toBe(false);
    expect(normalizePath('/root//a.yaml')).toBe('/root/a.yaml');
  });

  it('loadEditorFiles restores the worker’s manifests as clean tabs, sorted, the first active', () => {
    loadEditorFiles({ '/root/b.yaml': 'b', '/root/a.yml': 'a', '/root/run.sh': 'x', '/etc/x.yaml': 'y', '/root/c.json': '{}' });
    expect(state().files).toEqual([
      { path: '/root/a.yml', content: 'a', dirty: false },
      { path: '/root/b.yaml', content: 'b', dirty: false },
      { path: '/root/c.json', content: '{}', dirty: false },
    ]);
    expect(state().active).toBe('/root/a.yml');
  });

  it('loadEditorFiles keeps unwritten edits, and marks tabs the worker lacks for writing again', () => {
    openFile('/root/edit.yaml', 'mine');
    openFile('/root/kept.yaml', 'kept');
    markWritten('/root/kept.yaml', 'kept');
    openFile('/root/old.yaml', 'old');
    markWritten('/root/old.yaml', 'old');
    loadEditorFiles({ '/root/edit.yaml': 'theirs', '/root/old.yaml': 'restored', '/root/new.yaml': 'n' });
    expect(state().files).toEqual([
      { path: '/root/edit.yaml', content: 'mine', dirty: true },
      { path: '/root/kept.yaml', content: 'kept', dirty: true },
      { path: '/root/old.yaml', content: 'restored', dirty: false },
      { path: '/root/new.yaml', content: 'n', dirty: false },
    ]);
    expect(state().active).toBe('/root/old.yaml');
  });
});

describe('file sync', () => {
  let sent: ToWorker[];
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
  });
  afterEach(() => vi.useRealTimers());

  it('writes a changed file once, after the debounce, and marks it written', () => {
    const sync = startFileSync((m) => sent.push(m));
    openFile('/root/a.yaml', 'a');
    setContent('/root/a.yaml', 'ab');
    vi.advanceTimersByTime(WRITE_DELAY_MS - 1);
    setContent('/root/a.yaml', 'abc');
    vi.advanceTimersByTime(WRITE_DELAY_MS - 1);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([{ type: 'write-file', path: '/root/a.yaml', content: 'abc' }]);
    expect(activeFile()?.dirty).toBe(false);
    vi.advanceTimersByTime(10 * WRITE_DELAY_MS);
    expect(sent.length).toBe(1);
    sync.stop();
  });

  it('writes files that were dirty before it started, and nothing for restored files', () => {
    openFile('/root/early.yaml', 'e');
    loadEditorFiles({ '/root/restored.yaml': 'r' });
    const sync = startFileSync((m) => sent.push(m));
    vi.advanceTimersByTime(WRITE_DELAY_MS);
    expect(sent).toEqual([{ type: 'write-file', path: '/root/early.yaml', content: 'e' }]);
    sync.stop();
  });

  it('debounces each file on its own', () => {
    const sync = startFileSync((m) => sent.push(m));
    openFile('/root/a.yaml', 'a');
    vi.advanceTimersByTime(200);
    openFile('/root/b.yaml', 'b');
    vi.advanceTimersByTime(100);
    expect(sent.map((m) => (m as { path: string }).path)).toEqual(['/root/a.yaml']);
    vi.advanceTimersByTime(200);
    expect(sent.map((m) => (m as { path: string }).path)).toEqual(['/root/a.yaml', '/root/b.yaml']);
    sync.stop();
  });

  it('cancel drops a pending write (apply writes the file itself); flush writes at once', () => {
    const sync = startFileSync((m) => sent.push(m));
    openFile('/root/a.yaml', 'a');
    sync.cancel('/root/a.yaml');
    markWritten('/root/a.yaml', 'a');
    vi.advanceTimersByTime(WRITE_DELAY_MS);
    expect(sent).toEqual([]);
    setContent('/root/a.yaml', 'b');
    sync.flush('/root/a.yaml');
    expect(sent).toEqual([{ type: 'write-file', path: '/root/a.yaml', content: 'b' }]);
    sync.stop();
  });

  it('a tab closed before its write still reaches the file area; stop sends what is pending', () => {
    const sync = startFileSync((m) => sent.push(m));
    openFile('/root/a.yaml', 'a');
    closeFile('/root/a.yaml');
    openFile('/root/b.yaml', 'b');
    vi.advanceTimersByTime(WRITE_DELAY_MS - 10);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(10);
    expect(sent).toEqual([{ type: 'write-file', path: '/root/a.yaml', content: 'a' }, { type: 'write-file', path: '/root/b.yaml', content: 'b' }]);
    setContent('/root/b.yaml', 'bb');
    sync.stop();
    expect(sent.at(-1)).toEqual({ type: 'write-file', path: '/root/b.yaml', content: 'bb' });
    setContent('/root/b.yaml', 'bbb');
    vi.advanceTimersByTime(WRITE_DELAY_MS);
    expect(sent.length).toBe(3);
  });
});
