// The browser terminal: xterm.js on the page, the line editor and command flow in TerminalController,
// the engine behind the worker protocol. Other parts of the page type into it through terminal-bus.

import { useEffect, useRef, useState } from 'react';
import { Terminal as XTerm, type ITheme } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import './terminal.css';
import './messages.ts';
import type { FromWorker, ToWorker } from '../../worker/protocol.ts';
import { useCluster } from '../state/cluster-store.ts';
import { useUi } from '../state/ui-store.ts';
import { findObjectLinks, resolveLink } from './object-links.ts';
import { useT } from '../i18n/index.ts';
import { TerminalController } from './controller.ts';
import { subscribeTerminalBus } from './terminal-bus.ts';

/** What the terminal needs of the engine client (EngineClient has these). */
export interface TerminalClient {
  send(m: ToWorker): void;
  subscribe(fn: (m: FromWorker) => void): () => void;
}

export interface TerminalProps {
  client: TerminalClient;
  /** The history to start from, oldest first (from a save). */
  initialHistory?: string[];
  /** Called with the whole history, oldest first, each time a command is added to it. */
  onHistoryChange?: (history: string[]) => void;
}

const FONT = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', 'DejaVu Sans Mono', monospace";

function themeFrom(el: HTMLElement): ITheme {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    background: v('--term-bg', '#1b1e23'),
    foreground: v('--term-fg', '#d7dae0'),
    cursor: v('--term-cursor', '#e5c07b'),
    cursorAccent: v('--term-bg', '#1b1e23'),
    selectionBackground: v('--term-selection', 'rgba(97, 175, 239, 0.35)'),
  };
}

function copyText(text: string): void {
  if (!text) return;
  try {
    void globalThis.navigator?.clipboard?.writeText(text).catch(() => undefined);
  } catch {
    // no clipboard here (an insecure page, a test browser): nothing to do
  }
}

export function Terminal({ client, initialHistory, onHistoryChange }: TerminalProps) {
  const t = useT();
  const panelRef = useRef<HTMLElement>(null);
  const screenRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const historyRef = useRef(initialHistory);
  const onHistoryRef = useRef(onHistoryChange);
  useEffect(() => {
    onHistoryRef.current = onHistoryChange;
  }, [onHistoryChange]);

  useEffect(() => {
    const screen = screenRef.current;
    const panel = panelRef.current;
    if (!screen || !panel) return;
    const term = new XTerm({
      fontFamily: FONT,
      fontSize: 14,
      lineHeight: 1.15,
      cursorBlink: true,
      scrollback: 5000,
      theme: themeFrom(panel),
      // The engine writes plain text and a few SGR colours; it never needs the host's clipboard codes.
      allowProposedApi: false,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(screen);
    term.textarea?.setAttribute('aria-label', 'Terminal input');
    const doFit = () => {
      try {
        if (screen.clientWidth > 0 && screen.clientHeight > 0) fit.fit();
      } catch {
        // not laid out yet
      }
    };
    doFit();

    // Object names in the output open the inspector (kubectl's pod/web, node names).
    const links = term.registerLinkProvider({
      provideLinks(y, callback) {
        const line = term.buffer.active.getLine(y - 1)?.translateToString(true) ?? '';
        const found = findObjectLinks(line).flatMap((l) => {
          const key = resolveLink(l, useCluster.getState().byResource);
          return key
            ? [{ range: { start: { x: l.start + 1, y }, end: { x: l.start + l.length, y } }, text: line.slice(l.start, l.start + l.length), activate: () => useUi.setState({ selected: key, sideTab: 'inspector' }) }]
            : [];
        });
        callback(found.length ? found : undefined);
      },
    });

    const controller = new TerminalController(term, {
      send: (m) => client.send(m),
      initialHistory: historyRef.current ?? [],
      onHistoryChange: (h) => onHistoryRef.current?.(h),
    });

    term.attachCustomKeyEventHandler((ev) => {
      if (ev.type !== 'keydown') return true;
      const key = ev.key.toLowerCase();
      // Ctrl+Shift+C copies; Ctrl+C with a selection copies too (and clears it) instead of interrupting.
      if (ev.ctrlKey && key === 'c' && (ev.shiftKey || term.hasSelection())) {
        copyText(term.getSelection());
        if (!ev.shiftKey) term.clearSelection();
        ev.preventDefault();
        return false;
      }
      // Ctrl+Shift+V pastes from the clipboard; plain Ctrl+V / Cmd+V are left to the browser's paste.
      if (ev.ctrlKey && ev.shiftKey && key === 'v') {
        ev.preventDefault();
        void globalThis.navigator?.clipboard?.readText().then((text) => term.paste(text), () => undefined);
        return false;
      }
      if ((ev.ctrlKey || ev.metaKey) && key === 'v') return false;
      if (ev.metaKey && key === 'c') return false;
      return true;
    });

    let selectionTimer: ReturnType<typeof setTimeout> | undefined;
    const offSelection = term.onSelectionChange(() => {
      clearTimeout(selectionTimer);
      // Copy a selection once the mouse settles, as a terminal's select-to-copy does.
      selectionTimer = setTimeout(() => {
        if (term.hasSelection()) copyText(term.getSelection());
      }, 300);
    });
    const offData = term.onData((d) => controller.data(d));
    const offResize = term.onResize(() => controller.resize());
    const offEngine = client.subscribe((m) => controller.message(m));
    const offBus = subscribeTerminalBus((text, opts) => controller.type(text, opts.run));

    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(doFit);
    });
    observer.observe(screen);

    controller.start();
    term.focus();
    setOpen(true);

    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      clearTimeout(selectionTimer);
      offSelection.dispose();
      offData.dispose();
      offResize.dispose();
      offEngine();
      offBus();
      links.dispose();
      term.dispose();
      setOpen(false);
    };
  }, [client]);

  return (
    <section className="terminal-panel" aria-label="Terminal" ref={panelRef}>
      <div className="terminal-screen" data-testid="terminal-output" ref={screenRef} />
      {!open && <div className="terminal-starting">{t('terminal.starting')}</div>}
    </section>
  );
}
