// The page until the full sandbox UI lands: a terminal on the engine running in a Web Worker.

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { EngineClient } from './engine-client.ts';
import type { FromWorker } from '../worker/protocol.ts';
import { stripAnsi } from './ansi.ts';

interface Line {
  id: number;
  kind: 'input' | 'stdout' | 'stderr';
  text: string;
}

const PROMPT = '[root@k8s-master01 ~]# ';

function clock(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

export function App() {
  const client = useRef<EngineClient | null>(null);
  const [ready, setReady] = useState(false);
  const [now, setNow] = useState(0);
  const [lines, setLines] = useState<Line[]>([]);
  const [input, setInput] = useState('');
  /** Commands sent and not yet done, oldest first: the worker runs them in turn. */
  const [running, setRunning] = useState<number[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const history = useRef<string[]>([]);
  const historyPos = useRef(0);
  const nextId = useRef(1);
  const endRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const c = new EngineClient();
    client.current = c;
    const off = c.subscribe((m: FromWorker) => {
      switch (m.type) {
        case 'ready':
          setReady(true);
          setNow(m.now);
          break;
        case 'frame':
          setNow(m.now);
          break;
        case 'output':
          if (m.text.includes('\x1b[H\x1b[2J')) setLines([]);
          else setLines((ls) => [...ls, { id: m.id, kind: m.stream, text: stripAnsi(m.text) }]);
          break;
        case 'done':
          setRunning((r) => r.filter((id) => id !== m.id));
          break;
        case 'error':
          setFailure(m.message);
          break;
      }
    });
    return () => {
      off();
      c.dispose();
    };
  }, []);

  useEffect(() => {
    endRef.current?.scrollIntoView({ block: 'end' });
  }, [lines]);

  const submit = () => {
    const text = input;
    if (!client.current) return;
    const id = nextId.current++;
    setLines((ls) => [...ls, { id, kind: 'input', text: PROMPT + text + '\n' }]);
    setInput('');
    if (text.trim()) {
      history.current.push(text);
      historyPos.current = history.current.length;
      setRunning((r) => [...r, id]);
      client.current.send({ type: 'run', id, input: text });
    }
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') submit();
    else if (e.key === 'c' && e.ctrlKey && running.length) {
      const id = running[0];
      client.current?.send({ type: 'interrupt', id });
      setLines((ls) => [...ls, { id, kind: 'stdout', text: '^C\n' }]);
    } else if (e.key === 'ArrowUp' && history.current.length) {
      historyPos.current = Math.max(0, historyPos.current - 1);
      setInput(history.current[historyPos.current] ?? '');
      e.preventDefault();
    } else if (e.key === 'ArrowDown') {
      historyPos.current = Math.min(history.current.length, historyPos.current + 1);
      setInput(history.current[historyPos.current] ?? '');
      e.preventDefault();
    }
  };

  return (
    <main className="app">
      <header className="bar">
        <h1>Kube Sandbox</h1>
        <span className="clock" aria-label="Simulated time">{ready ? clock(now) : 'starting the cluster…'}</span>
      </header>
      {failure && (
        <p role="alert" className="failure">
          The engine stopped: {failure}. Reload the page to start a fresh cluster.
        </p>
      )}
      <section className="terminal" aria-label="Terminal">
        <pre className="output" aria-live="polite" data-testid="terminal-output">
          {lines.map((l, i) => (
            <span key={i} className={l.kind}>
              {l.text}
            </span>
          ))}
        </pre>
        <div className="prompt-line">
          <label htmlFor="terminal-input" className="prompt">
            {PROMPT}
          </label>
          <input
            id="terminal-input"
            aria-label="Terminal input"
            autoFocus
            spellCheck={false}
            autoComplete="off"
            disabled={!ready}
            value={input}
            onChange={(e) => setInput(e.target.value)}
            onKeyDown={onKey}
          />
        </div>
        <div ref={endRef} />
      </section>
    </main>
  );
}
