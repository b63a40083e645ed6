// The page's own state (not the cluster's): what is selected, which panel is open, the theme and
// the panel sizes. Remembered in localStorage where it helps.

import { create } from 'zustand';

export type SideTab = 'editor' | 'inspector' | 'events';
export type Theme = 'light' | 'dark';

const PREFS_KEY = 'kube-sandbox:prefs';

interface Prefs {
  theme: Theme;
  sideWidth: number;
  terminalHeight: number;
}

function loadPrefs(): Prefs {
  const dark = globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  const defaults: Prefs = { theme: dark ? 'dark' : 'light', sideWidth: 460, terminalHeight: 260 };
  try {
    const raw = JSON.parse(globalThis.localStorage?.getItem(PREFS_KEY) ?? 'null') as Partial<Prefs> | null;
    if (!raw || typeof raw !== 'object') return defaults;
    return {
      theme: raw.theme === 'dark' || raw.theme === 'light' ? raw.theme : defaults.theme,
      sideWidth: typeof raw.sideWidth === 'number' && raw.sideWidth >= 280 && raw.sideWidth <= 1400 ? raw.sideWidth : defaults.sideWidth,
      terminalHeight: typeof raw.terminalHeight === 'number' && raw.terminalHeight >= 120 && raw.terminalHeight <= 1200 ? raw.terminalHeight : defaults.terminalHeight,
    };
  } catch {
    return defaults;
  }
}

export interface UiState extends Prefs {
  selected: string | null;
  sideTab: SideTab;
  helpOpen: boolean;
  /** A short message for the learner (saved, imported, refused …). */
  toast: { text: string; error: boolean } | null;
}

export const useUi = create<UiState>(() => ({ ...loadPrefs(), selected: null, sideTab: 'editor', helpOpen: false, toast: null }));

function savePrefs(): void {
  const { theme, sideWidth, terminalHeight } = useUi.getState();
  try {
    globalThis.localStorage?.setItem(PREFS_KEY, JSON.stringify({ theme, sideWidth, terminalHeight }));
  } catch {
    // not remembered
  }
}

export function select(key: string | null): void {
  useUi.setState(key ? { selected: key, sideTab: 'inspector' } : { selected: null });
}
export function setSideTab(sideTab: SideTab): void {
  useUi.setState({ sideTab });
}
export function setTheme(theme: Theme): void {
  useUi.setState({ theme });
  savePrefs();
}
export function setPanelSizes(sizes: Partial<Pick<Prefs, 'sideWidth' | 'terminalHeight'>>): void {
  useUi.setState(sizes);
  savePrefs();
}
export function setHelpOpen(helpOpen: boolean): void {
  useUi.setState({ helpOpen });
}
let toastTimer: ReturnType<typeof setTimeout> | undefined;
export function toast(text: string, error = false): void {
  useUi.setState({ toast: { text, error } });
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => useUi.setState({ toast: null }), error ? 8000 : 4000);
}
