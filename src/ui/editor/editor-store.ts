// The editor's files: the tabs it shows, each a file in the sandbox's file area under /root.
// `dirty` means "changed here and not yet written to the worker"; the panel's file sync
// (file-sync.ts) writes dirty files (debounced) with `write-file` and marks them written, so
// `kubectl apply -f NAME.yaml` in the terminal always finds what the editor shows.

import { create } from 'zustand';

export interface EditorFile {
  /** Absolute path in the sandbox, e.g. /root/my-deploy.yaml. */
  path: string;
  content: string;
  dirty: boolean;
}

export interface EditorState {
  files: EditorFile[];
  /** The path of the active tab, or null when no file is open. */
  active: string | null;
}

export const HOME = '/root';

export const useEditor = create<EditorState>(() => ({ files: [], active: null }));

/** The absolute form of a path the editor is given: relative paths are under /root. */
export function normalizePath(path: string): string {
  const p = path.trim();
  const abs = p.startsWith('/') ? p : `${HOME}/${p}`;
  return abs.replace(/\/{2,}/g, '/');
}

/** Files the editor shows as tabs: manifests (*.yaml, *.yml, *.json) under /root. */
export function isEditorFile(path: string): boolean {
  return path.startsWith(`${HOME}/`) && /\.(ya?ml|json)$/i.test(path);
}

/** Opens `path` with `content` (replacing what the tab held, as `kubectl edit` fetches afresh) and activates it. */
export function openFile(path: string, content: string): string {
  const p = normalizePath(path);
  useEditor.setState((s) => {
    const i = s.files.findIndex((f) => f.path === p);
    if (i < 0) return { files: [...s.files, { path: p, content, dirty: true }], active: p };
    const files = s.files.slice();
    if (files[i].content !== content) files[i] = { path: p, content, dirty: true };
    return { files, active: p };
  });
  return p;
}

/** For others (the inspector's "Edit"): opens a live object's YAML in a tab. */
export const openInEditor = (path: string, content: string): void => {
  openFile(path, content);
};

export function setContent(path: string, content: string): void {
  useEditor.setState((s) => {
    const i = s.files.findIndex((f) => f.path === path);
    if (i < 0 || s.files[i].content === content) return s;
    const files = s.files.slice();
    files[i] = { path, content, dirty: true };
    return { files };
  });
}

/** Marks `path` as written to the worker, if it still holds `content` (a later edit stays dirty). */
export function markWritten(path: string, content: string): void {
  useEditor.setState((s) => {
    const i = s.files.findIndex((f) => f.path === path);
    if (i < 0 || !s.files[i].dirty || s.files[i].content !== content) return s;
    const files = s.files.slice();
    files[i] = { ...files[i], dirty: false };
    return { files };
  });
}

/** Closes a tab (the file stays in the sandbox's file area); the neighbouring tab becomes active. */
export function closeFile(path: string): void {
  useEditor.setState((s) => {
    const i = s.files.findIndex((f) => f.path === path);
    if (i < 0) return s;
    const files = s.files.filter((_, j) => j !== i);
    const active = s.active !== path ? s.active : (files[Math.min(i, files.length - 1)]?.path ?? null);
    return { files, active };
  });
}

export function setActive(path: string): void {
  if (useEditor.getState().files.some((f) => f.path === path)) useEditor.setState({ active: path });
}

/** A path under /root for `fileName` that no open tab uses: pod.yaml, pod-2.yaml, pod-3.yaml … */
export function uniquePath(fileName: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const m = /^(.*?)(\.[^.]*)?$/.exec(fileName)!;
  const base = m[1] || 'manifest';
  const ext = m[2] ?? '.yaml';
  for (let n = 1; ; n++) {
    const p = normalizePath(n === 1 ? `${base}${ext}` : `${base}-${n}${ext}`);
    if (!used.has(p)) return p;
  }
}

/** Opens a new tab from a template ({fileName, content}); returns its path. */
export function newFile(template: { fileName: string; content: string }): string {
  const path = uniquePath(template.fileName, useEditor.getState().files.map((f) => f.path));
  return openFile(path, template.content);
}

/** Renames a tab; the new name must not be taken. Returns the new path, or null when it could not. */
export function renameFile(path: string, newName: string): string | null {
  const p = normalizePath(newName);
  const s = useEditor.getState();
  if (!isEditorFile(p) || s.files.some((f) => f.path === p)) return null;
  const i = s.files.findIndex((f) => f.path === path);
  if (i < 0) return null;
  const files = s.files.slice();
  files[i] = { path: p, content: files[i].content, dirty: true };
  useEditor.setState({ files, active: s.active === path ? p : s.active });
  return p;
}

/**
 * On startup (and after a reset or a restore): shows the manifests the worker has in its file area.
 * A tab whose file the worker has takes the worker's content (not dirty), unless it holds an edit
 * not yet written; a tab whose file the worker lacks (a fresh cluster) stays and is written again.
 */
export function loadEditorFiles(files: Record<string, string>): void {
  useEditor.setState((s) => {
    const kept = s.files.map((f) =>
      f.dirty ? f : f.path in files ? { path: f.path, content: files[f.path], dirty: false } : { ...f, dirty: true },
    );
    const open = new Set(s.files.map((f) => f.path));
    const restored = Object.keys(files)
      .filter((p) => isEditorFile(p) && !open.has(p))
      .sort()
      .map((p) => ({ path: p, content: files[p], dirty: false }));
    const all = [...kept, ...restored];
    return { files: all, active: s.active ?? all[0]?.path ?? null };
  });
}

export function activeFile(s: EditorState = useEditor.getState()): EditorFile | undefined {
  return s.files.find((f) => f.path === s.active);
}
