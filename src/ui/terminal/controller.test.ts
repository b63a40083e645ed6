import { describe, expect, it } from 'vitest';
import type { ToWorker } from '../../worker/protocol.ts';
import { PROMPT, splitKeys, TerminalController } from './controller.ts';

/** A screen that keeps what was written, and a worker that records what was sent. */
function setup(history: string[] = []) {
  const screen = { out: '', cols: 80, write(d: string) { this.out += d; } };
  const sent: ToWorker[] = [];
  const histories: string[][] = [];
  const c = new TerminalController(screen, { send: (m) => sent.push(m), initialHistory: history, onHistoryChange: (h) => histories.push(h) });
  c.start();
  const runs = () => sent.filter((m): m is Extract<ToWorker, { type: 'run' }> => m.type === 'run');
  const last = () => sent[sent.length - 1];
  /** Text written since the last call, with the line editor's redraw codes left out. */
  let mark = 0;
  const fresh = () => {
    const s = screen.out.slice(mark);
    mark = screen.out.length;
    return s;
  };
  return { c, screen, sent, runs, last, histories, fresh };
}

describe('splitKeys', () => {
  it.each([
    { name: 'text comes as one run', data: 'kubectl', keys: ['kubectl'] },
    { name: 'Enter splits text', data: 'ls\rpwd\r', keys: ['ls', '\r', 'pwd', '\r'] },
    { name: 'arrow keys are one key each', data: '\x1b[A\x1b[D', keys: ['\x1b[A', '\x1b[D'] },
    { name: 'Delete and Ctrl+Left are one key each', data: '\x1b[3~\x1b[1;5D', keys: ['\x1b[3~', '\x1b[1;5D'] },
    { name: 'control characters are one key each', data: '\x01\x05x', keys: ['\x01', '\x05', 'x'] },
  ])('$name', (c) => {
    expect(splitKeys(c.data)).toEqual(c.keys);
  });
});

describe('TerminalController', () => {
  it('shows the prompt when it starts', () => {
    const { screen } = setup();
    expect(screen.out).toContain(PROMPT);
  });

  it('Enter runs the line with a fresh id, and the output is written with CR LF', () => {
    const { c, runs, screen } = setup();
    c.data('kubectl get pods\r');
    const [run] = runs();
    expect(run.input).toBe('kubectl get pods');
    expect(run.id).toBeGreaterThanOrEqual(1_000_000);
    c.message({ type: 'output', id: run.id, stream: 'stdout', text: 'No resources found in default namespace.\n' });
    expect(screen.out).toContain('No resources found in default namespace.\r\n');
    expect(c.busy).toBe(true);
    c.message({ type: 'done', id: run.id, status: 0 });
    expect(c.busy).toBe(false);
    expect(screen.out.endsWith(PROMPT)).toBe(true);
  });

  it('output of other senders\' commands is not written', () => {
    const { c, screen } = setup();
    c.message({ type: 'output', id: 3, stream: 'stdout', text: 'not mine\n' });
    expect(screen.out).not.toContain('not mine');
  });

  it('an empty line just shows a new prompt', () => {
    const { c, runs, screen } = setup();
    c.data('\r');
    expect(runs()).toHaveLength(0);
    expect(screen.out.split(PROMPT)).toHaveLength(3);
  });

  it('keys typed while a command runs wait for the prompt', () => {
    const { c, runs } = setup();
    c.data('sleep 5\r');
    c.data('echo next\r');
    expect(runs()).toHaveLength(1);
    c.message({ type: 'done', id: runs()[0].id, status: 0 });
    expect(runs().map((r) => r.input)).toEqual(['sleep 5', 'echo next']);
  });

  it('a pasted block runs its lines one after another', () => {
    const { c, runs } = setup();
    c.data('echo a\recho b\r');
    expect(runs().map((r) => r.input)).toEqual(['echo a']);
    c.message({ type: 'done', id: runs()[0].id, status: 0 });
    expect(runs().map((r) => r.input)).toEqual(['echo a', 'echo b']);
  });

  it('a heredoc continues with the > prompt and runs as one input', () => {
    const { c, runs, screen } = setup();
    c.data('cat > f.yaml <<EOF\r');
    expect(runs()).toHaveLength(0);
    expect(screen.out.endsWith('\r\n\r\x1b[J> ')).toBe(true);
    c.data('kind: Pod\r');
    c.data('EOF\r');
    expect(runs().map((r) => r.input)).toEqual(['cat > f.yaml <<EOF\nkind: Pod\nEOF']);
  });

  it('a pasted heredoc block runs as one input', () => {
    const { c, runs } = setup();
    c.data('cat <<EOF\nhello\nEOF\n');
    expect(runs().map((r) => r.input)).toEqual(['cat <<EOF\nhello\nEOF']);
  });

  it('an open quote and a trailing backslash continue the line', () => {
    const { c, runs } = setup();
    c.data('echo "a\r');
    c.data('b"\r');
    c.data('echo x \\\r');
    c.message({ type: 'done', id: runs()[0].id, status: 0 });
    c.data('y\r');
    expect(runs().map((r) => r.input)).toEqual(['echo "a\nb"', 'echo x \\\ny']);
  });

  it('Ctrl+C while a command runs interrupts it, prints ^C and drops typed-ahead keys', () => {
    const { c, runs, sent, screen } = setup();
    c.data('kubectl get pods -w\r');
    const id = runs()[0].id;
    c.data('echo typed ahead\r');
    c.data('\x03');
    expect(sent).toContainEqual({ type: 'interrupt', id });
    expect(screen.out).toContain('^C');
    c.message({ type: 'done', id, status: 130 });
    expect(runs()).toHaveLength(1);
  });

  it('Ctrl+C at the prompt drops the line and shows a new prompt', () => {
    const { c, runs, screen } = setup();
    c.data('cat <<EOF\rhalf');
    c.data('\x03');
    expect(screen.out.endsWith('half^C\r\n\r\x1b[J' + PROMPT)).toBe(true);
    c.data('ls\r');
    expect(runs().map((r) => r.input)).toEqual(['ls']);
  });

  it('history starts from the initial history and reports additions', () => {
    const { c, runs, histories } = setup(['kubectl get nodes']);
    c.data('\x1b[A\r');
    expect(runs()[0].input).toBe('kubectl get nodes');
    c.message({ type: 'done', id: runs()[0].id, status: 0 });
    c.data('ls\r');
    expect(histories).toEqual([['kubectl get nodes', 'ls']]);
  });

  it('editing keys change the line before it runs', () => {
    const { c, runs } = setup();
    c.data('kubectl get pod\x01\x1b[C\x1b[C\x7fX\x05s\r');
    expect(runs()[0].input).toBe('kXbectl get pods');
  });

  it('Ctrl+L clears the screen and redraws the prompt and line', () => {
    const { c, screen } = setup();
    c.data('ls');
    c.data('\x0c');
    expect(screen.out.endsWith('\x1b[H\x1b[2J\r\x1b[J' + PROMPT + 'ls')).toBe(true);
  });

  it('Tab with one candidate inserts it and a space', () => {
    const { c, last, runs } = setup();
    c.data('kubectl desc\t');
    const ask = last();
    expect(ask).toMatchObject({ type: 'complete', line: 'kubectl desc', cursor: 12 });
    c.message({ type: 'completion', id: (ask as { id: number }).id, start: 8, candidates: ['describe'] });
    c.data('\r');
    expect(runs()[0].input).toBe('kubectl describe ');
  });

  it('Tab with a directory inserts it without a space', () => {
    const { c, last, runs } = setup();
    c.data('cat man\t');
    c.message({ type: 'completion', id: (last() as { id: number }).id, start: 4, candidates: ['manifests/'] });
    c.data('x\r');
    expect(runs()[0].input).toBe('cat manifests/x');
  });

  it('Tab with several candidates inserts what they share, and a second Tab lists them', () => {
    const { c, last, runs, screen } = setup();
    c.data('kubectl get deplo\t');
    c.message({ type: 'completion', id: (last() as { id: number }).id, start: 12, candidates: ['deploy', 'deployment', 'deployments'] });
    c.data('\t');
    c.message({ type: 'completion', id: (last() as { id: number }).id, start: 12, candidates: ['deploy', 'deployment', 'deployments'] });
    expect(screen.out).not.toContain('deployments  ');
    c.data('\t');
    c.message({ type: 'completion', id: (last() as { id: number }).id, start: 12, candidates: ['deploy', 'deployment', 'deployments'] });
    expect(screen.out).toContain('\r\ndeploy       deployment   deployments\r\n');
    expect(screen.out.endsWith(PROMPT + 'kubectl get deploy')).toBe(true);
    c.data('\r');
    expect(runs()[0].input).toBe('kubectl get deploy');
  });

  it('a completion that comes back after the line changed is ignored', () => {
    const { c, last, runs } = setup();
    c.data('kubectl desc\t');
    const id = (last() as { id: number }).id;
    c.data('x');
    c.message({ type: 'completion', id, start: 8, candidates: ['describe'] });
    c.data('\r');
    expect(runs()[0].input).toBe('kubectl descx');
  });

  it('a command typed by the page replaces the line and runs; while one runs, it waits', () => {
    const { c, runs } = setup();
    c.data('half typed');
    c.type('kubectl get pods', true);
    expect(runs().map((r) => r.input)).toEqual(['kubectl get pods']);
    c.type('kubectl get nodes', true);
    c.data('\x03');
    expect(runs()).toHaveLength(1);
    c.message({ type: 'done', id: runs()[0].id, status: 0 });
    expect(runs().map((r) => r.input)).toEqual(['kubectl get pods', 'kubectl get nodes']);
  });

  it('a command typed by the page without run waits at the prompt', () => {
    const { c, runs, screen } = setup();
    c.type('kubectl delete pod web', false);
    expect(runs()).toHaveLength(0);
    expect(screen.out.endsWith('kubectl delete pod web')).toBe(true);
  });

  it('a long line that wraps is redrawn from its first row', () => {
    const { c, screen, fresh } = setup();
    screen.cols = 30;
    c.data('kubectl get pods --all-namespaces -o wide');
    fresh();
    c.data('\x01');
    expect(fresh().startsWith('\x1b[2A\r\x1b[J')).toBe(true);
  });

  it('a restored save brings its history', () => {
    const { c, runs } = setup(['old']);
    c.message({ type: 'ready', now: 0, speed: 1, objects: [], events: [], history: ['saved one', 'saved two'], files: {}, timeline: { start: 0, marks: [] } });
    c.data('\x1b[A\x1b[A\r');
    expect(runs()[0].input).toBe('saved one');
  });

  it('a fresh cluster drops the command that was running', () => {
    const { c, runs, screen } = setup();
    c.data('kubectl get pods -w\r');
    c.message({ type: 'ready', now: 0, speed: 1, objects: [], events: [], history: [], files: {}, timeline: { start: 0, marks: [] } });
    expect(c.busy).toBe(false);
    expect(screen.out.endsWith(PROMPT)).toBe(true);
    c.data('ls\r');
    expect(runs()).toHaveLength(2);
  });
});
