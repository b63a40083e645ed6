import { describe, expect, it } from 'vitest';
import { commonPrefix, formatCandidates, layout, LineEditor, MAX_HISTORY, renderLine } from './line-editor.ts';

type Step = (e: LineEditor) => void;

interface EditCase {
  name: string;
  start?: string;
  steps: Step[];
  text: string;
  cursor: number;
}

const type = (s: string): Step => (e) => e.insert(s);

const editCases: EditCase[] = [
  { name: 'typing inserts at the cursor', steps: [type('kubectl')], text: 'kubectl', cursor: 7 },
  { name: 'left then typing inserts before the last character', steps: [type('ab'), (e) => e.left(), type('X')], text: 'aXb', cursor: 2 },
  { name: 'left stops at the start of the line', steps: [type('a'), (e) => e.left(), (e) => e.left()], text: 'a', cursor: 0 },
  { name: 'right stops at the end of the line', steps: [type('a'), (e) => e.right()], text: 'a', cursor: 1 },
  { name: 'Home and End jump to the ends', steps: [type('abc'), (e) => e.home(), type('>'), (e) => e.end(), type('<')], text: '>abc<', cursor: 5 },
  { name: 'Backspace deletes before the cursor', steps: [type('abc'), (e) => e.left(), (e) => e.backspace()], text: 'ac', cursor: 1 },
  { name: 'Backspace at the start does nothing', steps: [type('abc'), (e) => e.home(), (e) => e.backspace()], text: 'abc', cursor: 0 },
  { name: 'Delete deletes under the cursor', steps: [type('abc'), (e) => e.home(), (e) => e.deleteForward()], text: 'bc', cursor: 0 },
  { name: 'Ctrl+U kills to the start of the line', steps: [type('kubectl get'), (e) => e.left(), (e) => e.left(), (e) => e.killToStart()], text: 'et', cursor: 0 },
  { name: 'Ctrl+K kills to the end of the line', steps: [type('kubectl get'), (e) => e.home(), (e) => e.right(), (e) => e.killToEnd()], text: 'k', cursor: 1 },
  { name: 'Ctrl+W kills the word before the cursor and the spaces after it', steps: [type('kubectl get pods  '), (e) => e.killWordBack()], text: 'kubectl get ', cursor: 12 },
  { name: 'Ctrl+W treats a flag with its value as one word', steps: [type('kubectl get -o=yaml'), (e) => e.killWordBack()], text: 'kubectl get ', cursor: 12 },
  { name: 'Ctrl+Y puts back what was killed', steps: [type('kubectl get'), (e) => e.killWordBack(), (e) => e.home(), (e) => e.yank()], text: 'getkubectl ', cursor: 3 },
  { name: 'word left and right move over words', steps: [type('kubectl get pods'), (e) => e.wordLeft(), (e) => e.wordLeft(), type('X'), (e) => e.wordRight()], text: 'kubectl Xget pods', cursor: 12 },
  { name: 'wide characters are one step each', steps: [type('echo 你好'), (e) => e.left(), (e) => e.backspace()], text: 'echo 好', cursor: 5 },
  { name: 'replace swaps a range for a completion', start: 'kubectl desc pods', steps: [(e) => e.replace(8, 12, 'describe')], text: 'kubectl describe pods', cursor: 16 },
];

describe('LineEditor editing', () => {
  it.each(editCases)('$name', (c) => {
    const e = new LineEditor();
    if (c.start) e.setText(c.start);
    for (const s of c.steps) s(e);
    expect(e.text).toBe(c.text);
    expect(e.cursor).toBe(c.cursor);
  });

  it('reports the cursor as a UTF-16 offset for the engine', () => {
    const e = new LineEditor();
    e.insert('echo 😀x');
    e.left();
    expect(e.cursor).toBe(6);
    expect(e.cursorOffset).toBe(7);
  });
});

describe('LineEditor history', () => {
  it('up walks back from the newest entry and stops at the oldest', () => {
    const e = new LineEditor(['one', 'two']);
    expect(e.historyUp()).toBe(true);
    expect(e.text).toBe('two');
    e.historyUp();
    expect(e.text).toBe('one');
    expect(e.historyUp()).toBe(false);
    expect(e.text).toBe('one');
  });

  it('down comes back to the line that was being typed', () => {
    const e = new LineEditor(['one']);
    e.insert('draft');
    e.historyUp();
    expect(e.text).toBe('one');
    e.historyDown();
    expect(e.text).toBe('draft');
    expect(e.historyDown()).toBe(false);
  });

  it('remembers run inputs, not blank ones or a repeat of the last', () => {
    const e = new LineEditor(['a']);
    expect(e.remember('b')).toBe(true);
    expect(e.remember('b')).toBe(false);
    expect(e.remember('   ')).toBe(false);
    expect(e.entries()).toEqual(['a', 'b']);
  });

  it('keeps only the newest entries', () => {
    const e = new LineEditor(Array.from({ length: MAX_HISTORY }, (_, i) => `c${i}`));
    e.remember('new');
    const h = e.entries();
    expect(h).toHaveLength(MAX_HISTORY);
    expect(h[0]).toBe('c1');
    expect(h[h.length - 1]).toBe('new');
  });

  it('after remembering, up starts from the newest entry again', () => {
    const e = new LineEditor(['a', 'b']);
    e.historyUp();
    e.historyUp();
    e.remember('c');
    e.clear();
    e.historyUp();
    expect(e.text).toBe('c');
  });
});

describe('layout', () => {
  it.each([
    { name: 'a short line stays on the prompt row', prompt: '$ ', text: 'abc', cols: 80, end: { row: 0, col: 5 } },
    { name: 'a line that fills its row exactly ends on the next row', prompt: '$ ', text: 'abcdefgh', cols: 10, end: { row: 1, col: 0 } },
    { name: 'a longer line wraps', prompt: '$ ', text: 'abcdefghij', cols: 10, end: { row: 1, col: 2 } },
    { name: 'a wide character that does not fit goes to the next row', prompt: '$ ', text: 'abcdefg你', cols: 10, end: { row: 1, col: 2 } },
    { name: 'a newline starts a continuation row', prompt: '$ ', text: 'a\nb', cols: 10, end: { row: 1, col: 3 } },
  ])('$name', (c) => {
    const cells = layout(c.prompt, Array.from(c.text), c.cols);
    expect(cells[cells.length - 1]).toEqual(c.end);
  });
});

describe('renderLine', () => {
  it.each([
    { name: 'a line on one row is redrawn in place with the cursor at the end', chars: 'ls', cursor: 2, cols: 80, from: 0, data: '\r\x1b[J$ ls', row: 0 },
    { name: 'the cursor before the end moves back to its column', chars: 'ls -l', cursor: 2, cols: 80, from: 0, data: '\r\x1b[J$ ls -l\r\x1b[4C', row: 0 },
    { name: 'redrawing from a wrapped row goes up to the prompt first', chars: 'abc', cursor: 3, cols: 80, from: 2, data: '\x1b[2A\r\x1b[J$ abc', row: 0 },
    { name: 'a line that fills its row moves to the next so the count holds', chars: 'abcdefgh', cursor: 8, cols: 10, from: 0, data: '\r\x1b[J$ abcdefgh\r\n', row: 1 },
    { name: 'the cursor on an earlier row goes up to it', chars: 'abcdefghij', cursor: 1, cols: 10, from: 0, data: '\r\x1b[J$ abcdefghij\x1b[1A\r\x1b[3C', row: 0 },
    { name: 'a newline is drawn with the continuation prompt', chars: 'a\nb', cursor: 3, cols: 80, from: 0, data: '\r\x1b[J$ a\r\n> b', row: 1 },
  ])('$name', (c) => {
    const r = renderLine('$ ', Array.from(c.chars), c.cursor, c.cols, c.from);
    expect(r.data).toBe(c.data);
    expect(r.row).toBe(c.row);
  });
});

describe('completion helpers', () => {
  it('the common prefix of candidates is what they all start with', () => {
    expect(commonPrefix(['deploy', 'deployment', 'deployments'])).toBe('deploy');
    expect(commonPrefix(['a', 'b'])).toBe('');
    expect(commonPrefix([])).toBe('');
  });

  it('candidates are listed in columns down the screen', () => {
    expect(formatCandidates(['a', 'bb', 'c', 'd', 'e'], 12)).toEqual(['a   c   e', 'bb  d']);
  });

  it('a shared directory is left off the listing', () => {
    expect(formatCandidates(['manifests/apps/', 'manifests/svc.yaml'], 80)).toEqual(['apps/     svc.yaml']);
  });

  it('one candidate a row when the screen is narrow', () => {
    expect(formatCandidates(['alpha', 'beta'], 4)).toEqual(['alpha', 'beta']);
  });
});
