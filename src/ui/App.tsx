// The sandbox page: the time bar on top, the cluster graph in the middle, the editor / inspector /
// event log beside it and the terminal below. The page owns no cluster state: it starts the engine's
// worker, sends it commands and renders what comes back.

import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { EngineClient } from './engine-client.ts';
import { clearCluster, useCluster } from './state/cluster-store.ts';
import { setHelpOpen, setSideTab, setTheme, toast, useUi, type SideTab } from './state/ui-store.ts';
import { defineMessages, setLang, useLang, useT } from './i18n/index.ts';
import { TimeBar } from './timebar/TimeBar.tsx';
import { Timeline } from './timebar/Timeline.tsx';
import { Inspector } from './inspector/Inspector.tsx';
import { EventLog } from './events/EventLog.tsx';
import { Terminal } from './terminal/Terminal.tsx';
import { typeInTerminal } from './terminal/terminal-bus.ts';
import { EditorPanel, prefetchEditor } from './editor/EditorPanel.tsx';
import { loadEditorFiles } from './editor/editor-store.ts';
import { SandboxMenu } from './shell/SandboxMenu.tsx';
import { HelpOverlay } from './shell/HelpOverlay.tsx';
import { Splitter } from './shell/Splitter.tsx';
import { useAutosave, startupSave } from './shell/use-autosave.ts';
import { readAutosave } from './persistence/autosave.ts';
import type { SavedSandbox } from '../worker/protocol.ts';

const ClusterGraph = lazy(() => import('./cluster/ClusterGraph.tsx').then((m) => ({ default: m.ClusterGraph })));

defineMessages(
  {
    'app.title': 'Kube Sandbox',
    'app.failure': 'The engine stopped: {message}.',
    'app.failureHint': 'Nothing you saved is lost. Restore the last autosave, or start a fresh cluster.',
    'app.restore': 'Restore the last autosave',
    'app.fresh': 'Start a fresh cluster',
    'app.noAutosave': 'There is no autosave yet.',
    'app.tab.editor': 'Editor',
    'app.tab.inspector': 'Inspector',
    'app.tab.events': 'Events',
    'app.panels': 'Panels',
    'app.theme': 'Theme',
    'app.dark': 'Dark',
    'app.light': 'Light',
    'app.language': 'Language',
    'app.help': 'Keyboard shortcuts',
    'app.loadingGraph': 'Drawing the cluster…',
    'app.graph': 'Cluster graph',
  },
  {
    'app.title': 'Kube Sandbox',
    'app.failure': '引擎已停止：{message}。',
    'app.failureHint': '已保存的内容不会丢失。可以恢复最近的自动保存，或者启动一个新集群。',
    'app.restore': '恢复最近的自动保存',
    'app.fresh': '启动新集群',
    'app.noAutosave': '还没有自动保存。',
    'app.tab.editor': '编辑器',
    'app.tab.inspector': '检查器',
    'app.tab.events': '事件',
    'app.panels': '面板',
    'app.theme': '主题',
    'app.dark': '深色',
    'app.light': '浅色',
    'app.language': '语言',
    'app.help': '快捷键',
    'app.loadingGraph': '正在绘制集群…',
    'app.graph': '集群图',
  },
);

const SEED = 1;
const WORKERS = 2;
const TABS: SideTab[] = ['editor', 'inspector', 'events'];

export function App() {
  const [client, setClient] = useState<EngineClient | null>(null);
  const [history, setHistory] = useState<string[] | null>(null);
  const historyRef = useRef<string[]>([]);

  /** Starts (or restarts) the engine, from a save when given one. */
  const boot = useCallback((restore?: SavedSandbox) => {
    clearCluster();
    setHistory(null);
    const c = new EngineClient(SEED, WORKERS, restore);
    // Hooks for the browser tests and the bench (they drive the engine through the same protocol).
    Object.assign(window, { __sandbox: { client: c }, __cluster: useCluster });
    const off = c.subscribe((m) => {
      if (m.type === 'ready') {
        loadEditorFiles(m.files);
        historyRef.current = m.history;
        setHistory(m.history);
      } else if (m.type === 'error' && !m.fatal) toast(m.message, true);
    });
    setClient((old) => {
      old?.dispose();
      return c;
    });
    return () => {
      off();
    };
  }, []);

  useEffect(() => {
    let cancelled = false;
    void startupSave().then((save) => {
      if (!cancelled) boot(save);
    });
    return () => {
      cancelled = true;
      setClient((old) => {
        old?.dispose();
        return null;
      });
    };
  }, [boot]);

  useEffect(() => {
    const idle = (globalThis as { requestIdleCallback?: (f: () => void) => number }).requestIdleCallback;
    if (idle) idle(() => prefetchEditor());
    else setTimeout(prefetchEditor, 1500);
  }, []);

  const theme = useUi((s) => s.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const lang = useLang((s) => s.lang);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);

  useAutosave(client);
  useShortcuts(client);

  return (
    <Page client={client} history={history} onHistory={(h) => (historyRef.current = h)} boot={boot} />
  );
}

function Page({ client, history, onHistory, boot }: { client: EngineClient | null; history: string[] | null; onHistory: (h: string[]) => void; boot: (s?: SavedSandbox) => void }) {
  const t = useT();
  const failure = useCluster((s) => s.failure);
  const sideTab = useUi((s) => s.sideTab);
  const sideWidth = useUi((s) => s.sideWidth);
  const terminalHeight = useUi((s) => s.terminalHeight);
  const theme = useUi((s) => s.theme);
  const lang = useLang((s) => s.lang);
  const helpOpen = useUi((s) => s.helpOpen);
  const toastMsg = useUi((s) => s.toast);
  const past = useCluster((s) => s.past);

  const restore = async () => {
    const a = await readAutosave();
    if (!a) toast(t('app.noAutosave'), true);
    else boot(a.save);
  };

  const runCommand = useCallback((command: string) => typeInTerminal(command, { run: true }), []);

  return (
    <div className={past ? 'app past' : 'app'} style={{ ['--side-width' as string]: `${sideWidth}px`, ['--terminal-height' as string]: `${terminalHeight}px` }}>
      <header className="topbar">
        <h1>{t('app.title')}</h1>
        {client && <TimeBar client={client} onReset={() => client.send({ type: 'reset', seed: SEED, workers: WORKERS })} />}
        <div className="topbar-right">
          {client && <SandboxMenu client={client} boot={boot} />}
          <label>
            <span className="sr-only">{t('app.language')}</span>
            <select aria-label={t('app.language')} value={lang} onChange={(e) => setLang(e.target.value === 'zh' ? 'zh' : 'en')}>
              <option value="en">English</option>
              <option value="zh">中文</option>
            </select>
          </label>
          <button type="button" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')} aria-label={t('app.theme')} title={theme === 'dark' ? t('app.light') : t('app.dark')}>
            {theme === 'dark' ? '☀' : '☾'}
          </button>
          <button type="button" onClick={() => setHelpOpen(true)} aria-label={t('app.help')} title={t('app.help')}>
            ?
          </button>
        </div>
      </header>
      {client && <Timeline client={client} />}
      {failure && (
        <div role="alert" className="failure">
          <p>
            <strong>{t('app.failure', { message: failure })}</strong> {t('app.failureHint')}
          </p>
          <button type="button" onClick={() => void restore()}>
            {t('app.restore')}
          </button>
          <button type="button" onClick={() => boot()}>
            {t('app.fresh')}
          </button>
        </div>
      )}
      <main className="workspace">
        <section className="graph-area" aria-label={t('app.graph')}>
          <Suspense fallback={<p className="empty">{t('app.loadingGraph')}</p>}>
            <ClusterGraph onSelect={(key) => useUi.setState({ selected: key, sideTab: 'inspector' })} onAction={runCommand} />
          </Suspense>
        </section>
        <Splitter direction="vertical" onDrag={(dx) => useUi.setState((s) => ({ sideWidth: clamp(s.sideWidth - dx, 300, window.innerWidth - 360) }))} />
        <aside className="side">
          <div role="tablist" aria-label={t('app.panels')} className="tabs">
            {TABS.map((k) => (
              <button key={k} type="button" role="tab" aria-selected={sideTab === k} onClick={() => setSideTab(k)}>
                {t(`app.tab.${k}`)}
              </button>
            ))}
          </div>
          <div className="side-body">
            {client && (
              <>
                <div hidden={sideTab !== 'editor'} className="side-pane">
                  <EditorPanel client={client} />
                </div>
                {sideTab === 'inspector' && <Inspector client={client} />}
                {sideTab === 'events' && <EventLog />}
              </>
            )}
          </div>
        </aside>
      </main>
      <Splitter direction="horizontal" onDrag={(_, dy) => useUi.setState((s) => ({ terminalHeight: clamp(s.terminalHeight - dy, 120, window.innerHeight - 240) }))} />
      <div className="terminal-dock">{client && history && <Terminal key={historyKey(client)} client={client} initialHistory={history} onHistoryChange={onHistory} />}</div>
      {helpOpen && <HelpOverlay onClose={() => setHelpOpen(false)} />}
      {toastMsg && (
        <div role={toastMsg.error ? 'alert' : 'status'} className={toastMsg.error ? 'toast error' : 'toast'}>
          {toastMsg.text}
        </div>
      )}
    </div>
  );
}

const clientKeys = new WeakMap<EngineClient, number>();
let nextClientKey = 1;
function historyKey(c: EngineClient): number {
  let k = clientKeys.get(c);
  if (!k) clientKeys.set(c, (k = nextClientKey++));
  return k;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}

/** Page-wide shortcuts (the editor and the terminal have their own). */
function useShortcuts(client: EngineClient | null): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = !!target?.closest('input, textarea, select, .monaco-editor, .xterm');
      if (e.key === '?' && !typing) {
        setHelpOpen(true);
        e.preventDefault();
      } else if (e.key === 'Escape') {
        setHelpOpen(false);
      } else if (e.altKey && !e.ctrlKey && !e.metaKey && client) {
        const k = e.key.toLowerCase();
        if (k === 'p' || e.code === 'KeyP') {
          const speed = useCluster.getState().speed;
          const next = speed === 0 ? 1 : 0;
          useCluster.setState({ speed: next });
          client.send({ type: 'speed', speed: next });
          e.preventDefault();
        } else if (e.code === 'Digit1' || e.code === 'Digit2' || e.code === 'Digit3') {
          setSideTab(TABS[Number(e.code.slice(5)) - 1]);
          e.preventDefault();
        } else if (e.code === 'KeyT') {
          (document.querySelector('.terminal-dock textarea') as HTMLTextAreaElement | null)?.focus();
          e.preventDefault();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [client]);
}
