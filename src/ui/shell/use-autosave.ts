// Autosave: after each command, each editor apply, and every few seconds while time runs, the
// whole sandbox goes to IndexedDB. At startup a share link wins over the autosave.

import { useEffect } from 'react';
import type { EngineClient } from '../engine-client.ts';
import { requestId } from '../engine-client.ts';
import { readAutosave, writeAutosave } from '../persistence/autosave.ts';
import { readShareLink } from '../persistence/share-link.ts';
import { toast } from '../state/ui-store.ts';
import { translate, useLang } from '../i18n/index.ts';
import type { FromWorker, SavedSandbox } from '../../worker/protocol.ts';

const INTERVAL_MS = 5000;
const AFTER_COMMAND_MS = 400;

/** A save of the whole sandbox; with `timeline`, the rewind timeline too (larger: it holds the cluster at its start). */
export async function requestSave(client: EngineClient, timeline = false): Promise<SavedSandbox> {
  const id = requestId();
  const r = await client.request({ type: 'save', id, timeline }, (m): m is Extract<FromWorker, { type: 'saved' }> => m.type === 'saved' && m.id === id);
  return r.save;
}

export function useAutosave(client: EngineClient | null): void {
  useEffect(() => {
    if (!client) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let saving = false;
    let ready = false;
    const save = async () => {
      if (saving || !ready) return;
      saving = true;
      try {
        await writeAutosave(await requestSave(client, true));
      } catch {
        // IndexedDB unavailable: the sandbox still works, it just is not kept
      } finally {
        saving = false;
      }
    };
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void save(), AFTER_COMMAND_MS);
    };
    const off = client.subscribe((m) => {
      if (m.type === 'ready') {
        ready = true;
        soon();
      } else if (m.type === 'done' || m.type === 'applied') soon();
    });
    const interval = setInterval(() => void save(), INTERVAL_MS);
    const onHide = () => {
      if (document.visibilityState === 'hidden') void save();
    };
    document.addEventListener('visibilitychange', onHide);
    return () => {
      off();
      clearTimeout(timer);
      clearInterval(interval);
      document.removeEventListener('visibilitychange', onHide);
    };
  }, [client]);
}

/** The save to start from: a share link's, else the autosave, else none (a fresh cluster). */
export async function startupSave(): Promise<SavedSandbox | undefined> {
  const link = await readShareLink(location.hash);
  if (link) {
    history.replaceState(null, '', location.pathname + location.search);
    const lang = useLang.getState().lang;
    if (link.ok) {
      toast(translate(lang, 'menu.sharedOpened'));
      return link.save;
    }
    toast(translate(lang, 'menu.refused', { reason: link.reason }), true);
  }
  return (await readAutosave())?.save;
}
