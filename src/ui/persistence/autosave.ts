// The autosave in IndexedDB: the whole sandbox, written every few seconds and when the tab is hidden,
// read back on the next visit (and offered after a worker crash).

import type { SavedSandbox } from '../../worker/protocol.ts';
import { checkSave } from './save-file.ts';

const DB = 'kube-sandbox';
const STORE = 'saves';
const KEY = 'autosave';

function openVersion(version?: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, version);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB is unavailable'));
  });
}

/** The database with its store; a database someone made without the store is upgraded to have it. */
async function open(): Promise<IDBDatabase> {
  const db = await openVersion();
  if (db.objectStoreNames.contains(STORE)) return db;
  const next = db.version + 1;
  db.close();
  return openVersion(next);
}

export async function writeAutosave(save: SavedSandbox): Promise<void> {
  const db = await open();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put({ savedAt: Date.now(), save }, KEY);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('the autosave could not be written'));
  });
  db.close();
}

export async function readAutosave(): Promise<{ savedAt: number; save: SavedSandbox } | undefined> {
  try {
    const db = await open();
    const v = await new Promise<unknown>((resolve, reject) => {
      const req = db.transaction(STORE, 'readonly').objectStore(STORE).get(KEY);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('the autosave could not be read'));
    });
    db.close();
    if (!v || typeof v !== 'object') return undefined;
    const { savedAt, save } = v as { savedAt: unknown; save: unknown };
    const check = checkSave(save);
    return check.ok && typeof savedAt === 'number' ? { savedAt, save: check.save } : undefined;
  } catch {
    return undefined;
  }
}

export async function clearAutosave(): Promise<void> {
  try {
    const db = await open();
    await new Promise<void>((resolve) => {
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).delete(KEY);
      tx.oncomplete = () => resolve();
      tx.onerror = () => resolve();
    });
    db.close();
  } catch {
    // nothing to clear
  }
}
