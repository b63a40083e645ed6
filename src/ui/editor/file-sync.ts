// Keeps the sandbox's file area in step with the editor: every dirty file is written to the
// worker with `write-file`, debounced per file, then marked written.

import type { ToWorker } from '../../worker/protocol.ts';
import { markWritten, useEditor } from './editor-store.ts';

export const WRITE_DELAY_MS = 300;

export interface FileSync {
  /** Writes `path` now if it has a pending write (and cancels the timer). */
  flush(path: string): void;
  /** Forgets a pending write of `path` (the caller has written it another way, e.g. `apply`). */
  cancel(path: string): void;
  /** Stops syncing; pending writes are sent at once. */
  stop(): void;
}

export function startFileSync(send: (m: ToWorker) => void, delay = WRITE_DELAY_MS): FileSync {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The content each timer was (re)started for, so an unchanged store does not push a write back. */
  const scheduled = new Map<string, string>();

  const write = (path: string) => {
    const pending = scheduled.get(path);
    timers.delete(path);
    scheduled.delete(path);
    const f = useEditor.getState().files.find((x) => x.path === path);
    if (!f) {
      // Closed before its write: the file area still gets the last edit.
      if (pending !== undefined) send({ type: 'write-file', path, content: pending });
      return;
    }
    if (!f.dirty) return;
    send({ type: 'write-file', path: f.path, content: f.content });
    markWritten(f.path, f.content);
  };

  const schedule = () => {
    for (const f of useEditor.getState().files) {
      if (!f.dirty || scheduled.get(f.path) === f.content) continue;
      const t = timers.get(f.path);
      if (t !== undefined) clearTimeout(t);
      scheduled.set(f.path, f.content);
      timers.set(f.path, setTimeout(() => write(f.path), delay));
    }
  };

  const unsubscribe = useEditor.subscribe(schedule);
  schedule();

  const cancel = (path: string) => {
    const t = timers.get(path);
    if (t !== undefined) clearTimeout(t);
    timers.delete(path);
    scheduled.delete(path);
  };

  return {
    flush(path) {
      if (!timers.has(path)) return;
      cancel(path);
      write(path);
    },
    cancel,
    stop() {
      unsubscribe();
      for (const path of [...timers.keys()]) {
        cancel(path);
        write(path);
      }
    },
  };
}
