// Positions in YAML text. The scanner records a position as a plain number (the string index) so a
// multi-megabyte file does not cost millions of small objects; lines and columns are worked out
// only when an error or a document's first line needs them, counting breaks as go-yaml does.

/**
 * A position: the string index, or -(index + 1) for go-yaml's end-of-stream mark, which it moves
 * to column 0 of a new line when the text does not end with a line break.
 */
export type Mark = number;

export interface Position {
  /** Index in the string. */
  pos: number;
  /** 0-based line, counting \n, \r, \r\n, U+0085, U+2028 and U+2029 as breaks. */
  line: number;
  /** 0-based column, in characters. */
  column: number;
}

export class Source {
  private lineStarts: number[] | undefined;
  private lookups = 0;

  constructor(readonly text: string) {}

  locate(mark: Mark): Position {
    if (mark < 0) {
      const at = this.locate(-mark - 1);
      return { pos: at.pos, line: at.line + 1, column: 0 };
    }
    // A document's first line is near its start: count up to it rather than index the whole text.
    if (this.lineStarts === undefined && this.lookups++ === 0) return this.scanTo(mark);
    const starts = this.starts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= mark) lo = mid;
      else hi = mid - 1;
    }
    let column = 0;
    for (let i = starts[lo]; i < mark; i++) {
      const c = this.text.charCodeAt(i);
      if (!(c >= 0xd800 && c <= 0xdbff && i + 1 < mark)) column++;
    }
    return { pos: mark, line: lo, column };
  }

  private scanTo(mark: number): Position {
    const t = this.text;
    let line = 0;
    let start = 0;
    for (let i = 0; i < mark; i++) {
      const c = t.charCodeAt(i);
      if (c === 10 || c === 0x85 || c === 0x2028 || c === 0x2029 || (c === 13 && t.charCodeAt(i + 1) !== 10)) {
        line++;
        start = i + 1;
      }
    }
    let column = 0;
    for (let i = start; i < mark; i++) {
      const c = t.charCodeAt(i);
      if (!(c >= 0xd800 && c <= 0xdbff && i + 1 < mark)) column++;
    }
    return { pos: mark, line, column };
  }

  private starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    const t = this.text;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 10 || c === 0x85 || c === 0x2028 || c === 0x2029) starts.push(i + 1);
      else if (c === 13) {
        if (t.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
    return starts;
  }
}
