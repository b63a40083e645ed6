// UI text in English and Chinese. Each part of the UI declares its own messages with
// `defineMessages` (English and Chinese side by side, the same keys), and reads them with `useT`.
// The language defaults to the browser's and is switchable; the choice is remembered.

import { create } from 'zustand';

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

type Dict = Record<string, string>;
const catalog: Record<Lang, Dict> = { en: {}, zh: {} };

/** Registers messages; `zh` must have the same keys as `en` (the type checks it). */
export function defineMessages<K extends string>(en: Record<K, string>, zh: Record<K, string>): void {
  Object.assign(catalog.en, en);
  Object.assign(catalog.zh, zh);
}

const LANG_KEY = 'kube-sandbox:lang';

function initialLang(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(LANG_KEY);
    if (saved === 'en' || saved === 'zh') return saved;
  } catch {
    // storage may be unavailable (private mode); fall back to the browser's language
  }
  const nav = globalThis.navigator?.language ?? 'en';
  return nav.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export const useLang = create<{ lang: Lang }>(() => ({ lang: initialLang() }));

export function setLang(lang: Lang): void {
  useLang.setState({ lang });
  try {
    globalThis.localStorage?.setItem(LANG_KEY, lang);
  } catch {
    // not remembered; still switched
  }
  if (globalThis.document) document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

/** Translates `key` in `lang`, filling `{name}` placeholders from `vars`. Unknown keys show as themselves. */
export function translate(lang: Lang, key: string, vars?: Record<string, string | number>): string {
  const s = catalog[lang][key] ?? catalog.en[key] ?? key;
  return vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : s;
}

export type T = (key: string, vars?: Record<string, string | number>) => string;

/** The translator for the current language; re-renders the component when the language changes. */
export function useT(): T {
  const lang = useLang((s) => s.lang);
  return (key, vars) => translate(lang, key, vars);
}
