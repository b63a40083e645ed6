// What the terminal does with keystrokes and the engine's messages, apart from xterm itself (so it
// can be tested without a DOM): the prompt and line editor, continuation lines, history, Tab
// completion through the worker, running a command and showing its output, Ctrl+C, and input that
// arrives while a command runs (typed ahead, pasted, or sent by other parts of the page).

import { isIncomplete } from '../../engine/shell/parser.ts';
import type { FromWorker, ToWorker } from '../../worker/protocol.ts';
import { nextCommandId } from './ids.ts';
import { CONTINUATION_PROMPT, commonPrefix, formatCandidates, layout, LineEditor, renderLine } from './line-editor.ts';

export const PROMPT = '[root@k8s-master01 ~]# ';

/** The part of xterm the controller uses. */
export interface TerminalScreen {
  write(data: string): void;
  readonly cols: number;
}

export interface ControllerOptions {
  send(m: ToWorker): void;
  initialHistory?: readonly string[];
  onHistoryChange?(history: string[]): void;
}

interface Queued {
  data: string;
  /** Sent by another part of the page: kept when Ctrl+C throws away what was typed ahead. */
  fromPage: boolean;
}

/** Splits terminal input into keys: escape sequences, control characters, and runs of text. */
export function splitKeys(data: string): string[] {
  const keys: string[] = [];
  // eslint-disable-next-line no-control-regex -- terminal input is control characters
  const re = /\x1b(?:\[[0-9;?]*[A-Za-z~]|O[A-Za-z]|[\s\S])?|\r\n|[\x00-\x1f\x7f]|[^\x00-\x1f\x7f\x1b]+/g;
  for (const m of data.matchAll(re)) keys.push(m[0]);
  return keys;
}

export class TerminalController {
  private editor: LineEditor;
  private prompt = PROMPT;
  /** Lines entered so far of an input that is not complete yet (an open heredoc or quote). */
  private pendingLines: string[] = [];
  /** The cursor's row, counted from the row the prompt starts on. */
  private row = 0;
  /** The command running, if any. */
  private running: number | undefined;
  private queue: Queued[] = [];
  private completing: { id: number; text: string; cursor: number } | undefined;
  /** The last Tab listed nothing new at this line and cursor: the next one lists the candidates. */
  private tabArmed: { text: string; cursor: number } | undefined;
  private started = false;

  constructor(
    private readonly screen: TerminalScreen,
    private readonly options: ControllerOptions,
  ) {
    this.editor = new LineEditor(options.initialHistory ?? []);
  }

  /** Shows the first prompt. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.row = 0;
    this.redraw();
    this.pump();
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Keys typed or text pasted (xterm's onData). */
  data(data: string): void {
    if (this.running !== undefined && data.includes('\x03')) {
      this.interrupt();
      return;
    }
    this.queue.push({ data, fromPage: false });
    this.pump();
  }

  /** Types `text` at the prompt, replacing what is there, and runs it if asked; waits for a running command. */
  type(text: string, run: boolean): void {
    const body = text.replace(/\r?\n/g, '\r');
    this.queue.push({ data: '\x05\x15' + body + (run ? '\r' : ''), fromPage: true });
    this.pump();
  }

  /** The terminal changed width: xterm reflowed the lines, so find the cursor's row again. */
  resize(): void {
    if (!this.started || this.running !== undefined) return;
    this.row = layout(this.prompt, this.editor.codePoints, this.screen.cols)[this.editor.cursor].row;
  }

  message(m: FromWorker): void {
    switch (m.type) {
      case 'output':
        if (m.id === this.running) this.screen.write(toCRLF(m.text));
        return;
      case 'done':
        if (m.id !== this.running) return;
        this.running = undefined;
        this.newPrompt();
        this.pump();
        return;
      case 'completion':
        if (this.completing?.id === m.id) this.completed(m.start, m.candidates);
        return;
      case 'ready':
        // A restored save brings its history; a fresh cluster (reset) keeps the one typed here.
        if (m.history.length) this.editor.setHistory(m.history);
        // A command that was running is gone with the old cluster.
        if (this.running !== undefined) {
          this.running = undefined;
          this.screen.write('\r\n');
          this.newPrompt();
          this.pump();
        }
        return;
      default:
        return;
    }
  }

  // ---- input ----

  private pump(): void {
    while (this.started && this.running === undefined && this.queue.length) {
      const item = this.queue.shift()!;
      const keys = splitKeys(item.data);
      let text = '';
      let i = 0;
      for (; i < keys.length && this.running === undefined; i++) {
        const k = keys[i];
        if (k.charCodeAt(0) >= 0x20 && k !== '\x7f') {
          text += k;
          continue;
        }
        if (text) {
          this.insertText(text);
          text = '';
        }
        this.key(k);
      }
      if (text) this.insertText(text);
      // A command started part way through: the rest waits for the prompt to come back.
      if (i < keys.length) this.queue.unshift({ data: keys.slice(i).join(''), fromPage: item.fromPage });
    }
  }

  private insertText(text: string): void {
    this.tabArmed = undefined;
    const atEnd = this.editor.cursor === this.editor.codePoints.length;
    this.editor.insert(text);
    if (atEnd && !text.includes('\n') && !this.editor.text.includes('\n')) {
      // Typing at the end of the line: just echo it.
      const cells = layout(this.prompt, this.editor.codePoints, this.screen.cols);
      const end = cells[cells.length - 1];
      this.screen.write(text + (end.col === 0 && end.row > 0 ? '\r\n' : ''));
      this.row = end.row;
    } else this.redraw();
  }

  private key(k: string): void {
    const e = this.editor;
    if (k !== '\t') this.tabArmed = undefined;
    switch (k) {
      case '\r':
      case '\n':
      case '\r\n':
        return this.enter();
      case '\x7f':
      case '\b':
        e.backspace();
        break;
      case '\x1b[3~':
        e.deleteForward();
        break;
      case '\x04': // Ctrl+D: delete forward; on an empty line bash would exit, which a sandbox does not
        if (!e.text) return;
        e.deleteForward();
        break;
      case '\x1b[D':
      case '\x1bOD':
      case '\x02':
        e.left();
        break;
      case '\x1b[C':
      case '\x1bOC':
      case '\x06':
        e.right();
        break;
      case '\x1b[H':
      case '\x1bOH':
      case '\x1b[1~':
      case '\x01':
        e.home();
        break;
      case '\x1b[F':
      case '\x1bOF':
      case '\x1b[4~':
      case '\x05':
        e.end();
        break;
      case '\x1b[1;5D':
      case '\x1b[1;3D':
      case '\x1bb':
        e.wordLeft();
        break;
      case '\x1b[1;5C':
      case '\x1b[1;3C':
      case '\x1bf':
        e.wordRight();
        break;
      case '\x15':
        e.killToStart();
        break;
      case '\x0b':
        e.killToEnd();
        break;
      case '\x17':
      case '\x1b\x7f':
        e.killWordBack();
        break;
      case '\x19':
        e.yank();
        break;
      case '\x1b[A':
      case '\x1bOA':
      case '\x10':
        if (!e.historyUp()) return;
        break;
      case '\x1b[B':
      case '\x1bOB':
      case '\x0e':
        if (!e.historyDown()) return;
        break;
      case '\x0c': // Ctrl+L
        this.screen.write('\x1b[H\x1b[2J');
        this.row = 0;
        break;
      case '\x03':
        return this.cancelLine();
      case '\t':
        return this.tab();
      default:
        return; // other control keys and sequences do nothing
    }
    this.redraw();
  }

  private redraw(): void {
    const r = renderLine(this.prompt, this.editor.codePoints, this.editor.cursor, this.screen.cols, this.row);
    this.screen.write(r.data);
    this.row = r.row;
  }

  /** Moves the cursor below the line as typed, ready for what comes next. */
  private leaveLine(): void {
    const cells = layout(this.prompt, this.editor.codePoints, this.screen.cols);
    const end = cells[cells.length - 1];
    const down = end.row - this.row;
    // A line that fills its last row exactly already left the cursor on a fresh row.
    this.screen.write((down > 0 ? `\x1b[${down}B` : '') + (end.col === 0 && end.row > 0 ? '\r' : '\r\n'));
    this.row = 0;
  }

  private newPrompt(): void {
    this.prompt = PROMPT;
    this.pendingLines = [];
    this.editor.clear();
    this.row = 0;
    this.redraw();
  }

  private enter(): void {
    const line = this.editor.text;
    const input = [...this.pendingLines, line].join('\n');
    this.leaveLine();
    this.editor.clear();
    if (incomplete(input)) {
      this.pendingLines.push(line);
      this.prompt = CONTINUATION_PROMPT;
      this.redraw();
      return;
    }
    this.pendingLines = [];
    this.prompt = PROMPT;
    if (this.editor.remember(input)) this.options.onHistoryChange?.(this.editor.entries());
    if (!input.trim()) {
      this.redraw();
      return;
    }
    const id = nextCommandId();
    this.running = id;
    this.options.send({ type: 'run', id, input });
  }

  /** Ctrl+C at the prompt: the line (and any unfinished input) is dropped, as bash does. */
  private cancelLine(): void {
    this.editor.end();
    this.redraw();
    this.screen.write('^C\r\n');
    this.newPrompt();
  }

  /** Ctrl+C while a command runs: the worker stops it; typed-ahead keys are thrown away. */
  private interrupt(): void {
    if (this.running === undefined) return;
    this.options.send({ type: 'interrupt', id: this.running });
    this.screen.write('^C\r\n');
    this.queue = this.queue.filter((q) => q.fromPage);
  }

  // ---- completion ----

  private tab(): void {
    if (this.completing) return;
    const id = nextCommandId();
    const text = this.editor.text;
    const cursor = this.editor.cursorOffset;
    this.completing = { id, text, cursor };
    this.options.send({ type: 'complete', id, line: text, cursor });
  }

  private completed(start: number, candidates: string[]): void {
    const asked = this.completing!;
    this.completing = undefined;
    const e = this.editor;
    // The line changed while the worker was answering: the answer is for another line.
    if (e.text !== asked.text || e.cursorOffset !== asked.cursor || this.running !== undefined) return;
    const word = asked.text.slice(start, asked.cursor);
    if (!candidates.length) return;
    if (candidates.length === 1) {
      const c = candidates[0];
      const next = asked.text[asked.cursor];
      const suffix = c.endsWith('/') || c.endsWith('=') || next === ' ' ? '' : ' ';
      e.replace(start, asked.cursor, c + suffix);
      if (suffix === '' && next === ' ') e.right();
      this.tabArmed = undefined;
      this.redraw();
      return;
    }
    const prefix = commonPrefix(candidates);
    if (prefix.length > word.length && prefix.startsWith(word)) {
      e.replace(start, asked.cursor, prefix);
      this.tabArmed = undefined;
      this.redraw();
      return;
    }
    const armed = this.tabArmed;
    if (!armed || armed.text !== asked.text || armed.cursor !== asked.cursor) {
      this.tabArmed = { text: asked.text, cursor: asked.cursor };
      return;
    }
    // The second Tab: list them below, as bash does, then the prompt and the line again.
    this.tabArmed = undefined;
    const cursor = e.cursor;
    e.end();
    this.redraw();
    this.leaveLine();
    this.screen.write(formatCandidates(candidates, this.screen.cols).join('\r\n') + '\r\n');
    this.row = 0;
    const back = e.codePoints.length - cursor;
    for (let i = 0; i < back; i++) e.left();
    this.redraw();
  }
}

function toCRLF(s: string): string {
  return s.replace(/\r?\n/g, '\r\n');
}

function incomplete(input: string): boolean {
  try {
    return isIncomplete(input);
  } catch {
    return false;
  }
}
