// The terminal's line editor, as readline gives bash: the line being typed, the cursor, the history,
// and the emacs keys (Ctrl+A/E/U/K/W/Y). Pure: it knows nothing of xterm; `renderLine` turns its
// state into the escape sequences that redraw it on a terminal `cols` wide.

export const MAX_HISTORY = 500;
/** The prompt of a line that continues the one before (an open quote, a heredoc). */
export const CONTINUATION_PROMPT = '> ';

export class LineEditor {
  /** The line as code points, so that the cursor never splits a character. */
  private chars: string[] = [];
  private pos = 0;
  private history: string[];
  /** Where up/down is in the history; history.length is the line being typed. */
  private histPos: number;
  /** The line being typed when the learner went up into the history. */
  private draft: string[] = [];
  private killed = '';

  constructor(history: readonly string[] = []) {
    this.history = history.slice(-MAX_HISTORY);
    this.histPos = this.history.length;
  }

  get text(): string {
    return this.chars.join('');
  }

  /** The cursor as a code-point index into the line. */
  get cursor(): number {
    return this.pos;
  }

  /** The cursor as a UTF-16 index into `text` (what the engine's completion takes). */
  get cursorOffset(): number {
    return this.chars.slice(0, this.pos).join('').length;
  }

  get codePoints(): readonly string[] {
    return this.chars;
  }

  /** Starts over from another history (a restored save's), oldest first. */
  setHistory(history: readonly string[]): void {
    this.history = history.slice(-MAX_HISTORY);
    this.histPos = this.history.length;
    this.draft = [];
  }

  entries(): string[] {
    return [...this.history];
  }

  insert(s: string): void {
    const add = Array.from(s);
    this.chars.splice(this.pos, 0, ...add);
    this.pos += add.length;
  }

  /** Replaces text[start, end) (UTF-16 offsets) with `s` and puts the cursor after it. */
  replace(start: number, end: number, s: string): void {
    const text = this.text;
    const before = Array.from(text.slice(0, start));
    const after = Array.from(text.slice(end));
    const add = Array.from(s);
    this.chars = [...before, ...add, ...after];
    this.pos = before.length + add.length;
  }

  setText(s: string): void {
    this.chars = Array.from(s);
    this.pos = this.chars.length;
  }

  left(): void {
    if (this.pos > 0) this.pos--;
  }

  right(): void {
    if (this.pos < this.chars.length) this.pos++;
  }

  home(): void {
    this.pos = 0;
  }

  end(): void {
    this.pos = this.chars.length;
  }

  /** Alt+B, Ctrl+Left: to the start of the word before the cursor. */
  wordLeft(): void {
    let i = this.pos;
    while (i > 0 && !isWordChar(this.chars[i - 1])) i--;
    while (i > 0 && isWordChar(this.chars[i - 1])) i--;
    this.pos = i;
  }

  /** Alt+F, Ctrl+Right: to the end of the word after the cursor. */
  wordRight(): void {
    let i = this.pos;
    while (i < this.chars.length && !isWordChar(this.chars[i])) i++;
    while (i < this.chars.length && isWordChar(this.chars[i])) i++;
    this.pos = i;
  }

  backspace(): void {
    if (this.pos === 0) return;
    this.chars.splice(this.pos - 1, 1);
    this.pos--;
  }

  deleteForward(): void {
    if (this.pos < this.chars.length) this.chars.splice(this.pos, 1);
  }

  /** Ctrl+U: kills from the start of the line to the cursor. */
  killToStart(): void {
    this.killed = this.chars.splice(0, this.pos).join('');
    this.pos = 0;
  }

  /** Ctrl+K: kills from the cursor to the end of the line. */
  killToEnd(): void {
    this.killed = this.chars.splice(this.pos).join('');
  }

  /** Ctrl+W: kills the whitespace-delimited word before the cursor, as readline's unix-word-rubout. */
  killWordBack(): void {
    let i = this.pos;
    while (i > 0 && /\s/.test(this.chars[i - 1])) i--;
    while (i > 0 && !/\s/.test(this.chars[i - 1])) i--;
    this.killed = this.chars.splice(i, this.pos - i).join('');
    this.pos = i;
  }

  /** Ctrl+Y: puts back what was last killed. */
  yank(): void {
    if (this.killed) this.insert(this.killed);
  }

  /** Up: the previous history entry (the line being typed is kept to come back to). */
  historyUp(): boolean {
    if (this.histPos === 0) return false;
    if (this.histPos === this.history.length) this.draft = [...this.chars];
    this.histPos--;
    this.setText(this.history[this.histPos]);
    return true;
  }

  /** Down: the next history entry, or back to the line that was being typed. */
  historyDown(): boolean {
    if (this.histPos >= this.history.length) return false;
    this.histPos++;
    if (this.histPos === this.history.length) {
      this.chars = [...this.draft];
      this.pos = this.chars.length;
    } else this.setText(this.history[this.histPos]);
    return true;
  }

  /** Empties the line and leaves the history where it was typed (for the next line). */
  clear(): void {
    this.chars = [];
    this.pos = 0;
    this.histPos = this.history.length;
    this.draft = [];
  }

  /**
   * Records a run input in the history (not blank ones, nor one that repeats the last entry, as
   * HISTCONTROL=ignoredups), keeping the newest MAX_HISTORY. Says whether the history changed.
   */
  remember(input: string): boolean {
    const entry = input.replace(/\n+$/, '');
    let changed = false;
    if (entry.trim() && this.history[this.history.length - 1] !== entry) {
      this.history.push(entry);
      if (this.history.length > MAX_HISTORY) this.history.splice(0, this.history.length - MAX_HISTORY);
      changed = true;
    }
    this.histPos = this.history.length;
    this.draft = [];
    return changed;
  }
}

function isWordChar(c: string): boolean {
  return /[\p{L}\p{N}_]/u.test(c);
}

/** Columns a character takes on a terminal: 2 for East Asian wide characters and emoji, else 1. */
export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x1100) return 1;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

export interface Cell {
  row: number;
  col: number;
}

/**
 * Where each character of `prompt + chars` lands on a terminal `cols` wide, counted from the prompt's
 * first cell, as xterm wraps: a character that does not fit goes to the next row, and a full row
 * wraps only when the next character comes. A newline in `chars` starts a row with the continuation
 * prompt. Returns the cell of each character of `chars` and of the end (index chars.length).
 */
export function layout(prompt: string, chars: readonly string[], cols: number): Cell[] {
  const width = Math.max(1, cols);
  let row = 0;
  let col = 0;
  const put = (ch: string): Cell => {
    const w = charWidth(ch);
    if (col + w > width) {
      row++;
      col = 0;
    }
    const at = { row, col };
    col += w;
    return at;
  };
  for (const ch of prompt) put(ch);
  const cells: Cell[] = [];
  for (const ch of chars) {
    if (ch === '\n') {
      cells.push({ row, col });
      row++;
      col = 0;
      for (const p of CONTINUATION_PROMPT) put(p);
      continue;
    }
    cells.push(put(ch));
  }
  cells.push(col >= width ? { row: row + 1, col: 0 } : { row, col });
  return cells;
}

export interface Rendered {
  /** What to write to the terminal. */
  data: string;
  /** The cursor's row afterwards, counted from the prompt's row. */
  row: number;
}

/**
 * Redraws the prompt and the line: from the cursor's current row (`fromRow`, counted from the
 * prompt's row) back to the prompt, clears to the end of the screen, writes everything, then puts
 * the cursor where the editor has it.
 */
export function renderLine(prompt: string, chars: readonly string[], cursor: number, cols: number, fromRow: number): Rendered {
  const cells = layout(prompt, chars, cols);
  let data = (fromRow > 0 ? `\x1b[${fromRow}A` : '') + '\r\x1b[J' + prompt;
  data += chars.map((c) => (c === '\n' ? '\r\n' + CONTINUATION_PROMPT : c)).join('');
  const end = cells[cells.length - 1];
  // At the very end of a full row xterm waits to wrap; move to the next row so the count holds.
  if (end.col === 0 && end.row > 0) data += '\r\n';
  const at = cells[Math.min(cursor, chars.length)];
  const up = end.row - at.row;
  if (up > 0) data += `\x1b[${up}A`;
  if (at.row !== end.row || at.col !== end.col) data += '\r' + (at.col > 0 ? `\x1b[${at.col}C` : '');
  return { data, row: at.row };
}

/** The longest prefix every string shares. */
export function commonPrefix(items: readonly string[]): string {
  if (!items.length) return '';
  let p = items[0];
  for (const s of items) {
    let i = 0;
    while (i < p.length && i < s.length && p[i] === s[i]) i++;
    p = p.slice(0, i);
  }
  return p;
}

/**
 * Candidates laid out in columns down the screen, as bash lists them on a second Tab. A directory
 * part they all share (`manifests/`, `pod/`) is left off, as bash shows only the file names.
 */
export function formatCandidates(candidates: readonly string[], cols: number): string[] {
  const shared = commonPrefix(candidates);
  const cut = shared.lastIndexOf('/') + 1;
  const shown = candidates.map((c) => c.slice(cut));
  const width = Math.max(...shown.map((s) => Array.from(s).reduce((n, ch) => n + charWidth(ch), 0))) + 2;
  const perRow = Math.max(1, Math.floor((cols + 2) / width));
  const rows = Math.ceil(shown.length / perRow);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < perRow; c++) {
      const i = c * rows + r;
      if (i >= shown.length) break;
      const s = shown[i];
      const last = c === perRow - 1 || (c + 1) * rows + r >= shown.length;
      const w = Array.from(s).reduce((n, ch) => n + charWidth(ch), 0);
      line += last ? s : s + ' '.repeat(width - w);
    }
    lines.push(line);
  }
  return lines;
}
