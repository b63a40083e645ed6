// The YAML editor panel: file tabs, "New" from templates, Apply (kubectl apply -f) with its result,
// and Monaco loaded lazily in its own chunk. Files live in the editor store and are written to the
// sandbox's file area as they change, so the terminal's `kubectl apply -f NAME.yaml` finds them.

import { Component, lazy, Suspense, useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { EngineClient } from '../engine-client.ts';
import type { ApplyResult } from '../../worker/protocol.ts';
import { useT } from '../i18n/index.ts';
import './messages.ts';
import './editor.css';
import { activeFile, closeFile, markWritten, newFile, renameFile, setActive, useEditor } from './editor-store.ts';
import { startFileSync, type FileSync } from './file-sync.ts';
import { BLANK, TEMPLATES } from './templates.ts';
import type { AppliedFile, MonacoViewProps } from './MonacoView.tsx';

export type EditorClient = Pick<EngineClient, 'send' | 'subscribe'>;

type ViewModule = { default: (p: MonacoViewProps) => ReactNode };
let viewModule: Promise<ViewModule> | null = null;

function loadView(): Promise<ViewModule> {
  viewModule ??= import('./MonacoView.tsx').catch((e: unknown) => {
    viewModule = null; // a later mount may try again
    throw e;
  });
  return viewModule;
}

/** Starts loading Monaco (the lead calls this when the page is idle). */
export function prefetchEditor(): void {
  void loadView().catch(() => {
    // reported when the panel mounts
  });
}

const MonacoView = lazy(loadView);

/** Ids for the editor's apply requests, apart from the terminal's and the page's. */
let nextApplyId = 2_000_000;

class LoadBoundary extends Component<{ children: ReactNode; failed: (m: string) => ReactNode }, { error: string | null }> {
  override state = { error: null as string | null };
  static getDerivedStateFromError(e: unknown) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  override render() {
    return this.state.error !== null ? this.props.failed(this.state.error) : this.props.children;
  }
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

interface Shown extends AppliedFile {
  result: ApplyResult;
}

export function EditorPanel({ client }: { client: EditorClient }) {
  const t = useT();
  const files = useEditor((s) => s.files);
  const active = useEditor((s) => s.active);
  const [pending, setPending] = useState<{ id: number; path: string; content: string } | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  const sync = useRef<FileSync | null>(null);
  const pendingRef = useRef(pending);
  pendingRef.current = pending;
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const s = startFileSync((m) => client.send(m));
    sync.current = s;
    const off = client.subscribe((m) => {
      const p = pendingRef.current;
      if (m.type !== 'applied' || !p || m.id !== p.id) return;
      setPending(null);
      setShown({ path: p.path, content: p.content, errorLines: m.result.errorLines, result: m.result });
    });
    return () => {
      off();
      s.stop();
      sync.current = null;
    };
  }, [client]);

  const apply = useCallback(() => {
    const f = activeFile();
    if (!f) return;
    // apply writes the file itself: no separate write-file for this content.
    sync.current?.cancel(f.path);
    const id = nextApplyId++;
    client.send({ type: 'apply', id, path: f.path, content: f.content });
    markWritten(f.path, f.content);
    setPending({ id, path: f.path, content: f.content });
  }, [client]);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.defaultPrevented) return;
    // Inside Monaco its own keybinding runs the same action.
    if ((e.target as HTMLElement).closest?.('.monaco-editor')) return;
    e.preventDefault();
    apply();
  };

  useEffect(() => {
    if (!menuOpen) return;
    const close = (ev: MouseEvent) => {
      if (!menuRef.current?.contains(ev.target as Node)) setMenuOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [menuOpen]);

  const create = (tpl: { fileName: string; content: string }) => {
    newFile(tpl);
    setMenuOpen(false);
  };

  const rename = () => {
    if (!active) return;
    const name = window.prompt(t('editor.renamePrompt'), baseName(active));
    if (!name || name === baseName(active)) return;
    if (!renameFile(active, name)) window.alert(t('editor.renameFailed', { name }));
  };

  const current = files.find((f) => f.path === active);
  const result = shown && shown.path === active ? shown : null;

  return (
    <section className="editor-panel" aria-label={t('editor.region')} onKeyDown={onKeyDown}>
      <div className="editor-toolbar">
        <div role="tablist" aria-label={t('editor.files')} className="editor-tabs">
          {files.map((f) => (
            <span key={f.path} className={`editor-tab${f.path === active ? ' active' : ''}`}>
              <button
                type="button"
                role="tab"
                aria-selected={f.path === active}
                title={f.dirty ? `${f.path} — ${t('editor.unsaved')}` : f.path}
                onClick={() => setActive(f.path)}
                onDoubleClick={rename}
              >
                {baseName(f.path)}
                {f.dirty && <span aria-hidden="true" className="editor-dirty">•</span>}
              </button>
              <button type="button" className="editor-tab-close" aria-label={t('editor.close', { file: baseName(f.path) })} onClick={() => closeFile(f.path)}>
                ×
              </button>
            </span>
          ))}
        </div>
        <div className="editor-actions">
          <div className="editor-new" ref={menuRef}>
            <button
              type="button"
              aria-haspopup="menu"
              aria-expanded={menuOpen}
              title={t('editor.newTitle')}
              onClick={() => setMenuOpen((o) => !o)}
              onKeyDown={(e) => e.key === 'Escape' && setMenuOpen(false)}
            >
              {t('editor.new')} ▾
            </button>
            {menuOpen && (
              <ul role="menu" aria-label={t('editor.newTitle')} className="editor-menu" onKeyDown={(e) => e.key === 'Escape' && setMenuOpen(false)}>
                {TEMPLATES.map((tpl) => (
                  <li key={tpl.id} role="none">
                    <button type="button" role="menuitem" onClick={() => create(tpl)}>
                      {tpl.label}
                    </button>
                  </li>
                ))}
                <li role="none">
                  <button type="button" role="menuitem" onClick={() => create(BLANK)}>
                    {t('editor.blank')}
                  </button>
                </li>
              </ul>
            )}
          </div>
          <button type="button" onClick={rename} disabled={!current}>
            {t('editor.rename')}
          </button>
          <button
            type="button"
            className="editor-apply"
            onClick={apply}
            disabled={!current}
            title={current ? t('editor.applyTitle', { file: baseName(current.path) }) : undefined}
          >
            {t('editor.apply')}
          </button>
        </div>
      </div>
      <div className="editor-body">
        {!current && <p className="editor-empty">{t('editor.empty')}</p>}
        <LoadBoundary failed={(m) => <p className="editor-loading" role="alert">{m}</p>}>
          <Suspense fallback={current ? <p className="editor-loading">{t('editor.loading')}</p> : null}>
            <div className="editor-monaco-wrap" hidden={!current}>
              <MonacoView applied={shown} onApply={apply} applyLabel={t('editor.apply')} ariaLabel={t('editor.region')} />
            </div>
          </Suspense>
        </LoadBoundary>
      </div>
      <div className="editor-result" role="status" aria-live="polite" aria-label={t('editor.result')}>
        {pending ? (
          <span className="editor-muted">{t('editor.applying')}</span>
        ) : result ? (
          <>
            {result.result.stdout && <pre className="editor-stdout">{result.result.stdout}</pre>}
            {result.result.stderr && <pre className="editor-stderr">{result.result.stderr}</pre>}
          </>
        ) : (
          current && <span className="editor-muted">{t('editor.noResult')}</span>
        )}
      </div>
    </section>
  );
}
