// A port of the behaviour of Go's text/tabwriter, plus the RememberWidths flag of
// github.com/liggitt/tabwriter (the fork kubectl's table printer uses).
//
// Text is made of cells terminated by '\t' (hard tab) or '\v' (soft tab); lines end
// with '\n' or '\f'. Tab-terminated cells in consecutive lines form a column block
// whose width is the widest cell plus padding (at least minwidth). The last cell of a
// line is never part of a column. Widths are counted in Unicode code points, as Go
// counts runes. Go's Escape (0xff) and FilterHTML handling are not ported: in a JS
// string U+00FF is an ordinary letter, and kubectl uses neither.

/** Flag bits, numbered as in Go so presets read the same as the Go source. */
export const TabWriterFlags = {
  AlignRight: 1 << 2,
  DiscardEmptyColumns: 1 << 3,
  TabIndent: 1 << 4,
  Debug: 1 << 5,
  /** liggitt/tabwriter: keep the widest width seen per column across flushes. */
  RememberWidths: 1 << 6,
} as const;

export interface TabWriterOptions {
  minwidth: number;
  tabwidth: number;
  padding: number;
  /** A single character; '\t' means "pad with tabs" and forces left alignment. */
  padchar: string;
  flags?: number;
}

/** kubectl's printers.GetNewTabWriter (cli-runtime pkg/printers/tabwriter.go). */
export const tableWriterOptions: Readonly<TabWriterOptions> = Object.freeze({
  minwidth: 6,
  tabwidth: 4,
  padding: 3,
  padchar: ' ',
  flags: TabWriterFlags.RememberWidths,
});

/** kubectl describe's tabbedString: out.Init(buf, 0, 8, 2, ' ', 0) (pkg/describe/describe.go). */
export const describeWriterOptions: Readonly<TabWriterOptions> = Object.freeze({
  minwidth: 0,
  tabwidth: 8,
  padding: 2,
  padchar: ' ',
  flags: 0,
});

interface Cell {
  text: string;
  width: number;
  /** True if terminated by '\t' (a hard tab, never discarded). */
  htab: boolean;
}

/** Number of code points, which is what Go's utf8.RuneCount sees after UTF-8 encoding. */
export function runeWidth(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

export class TabWriter {
  private readonly minwidth: number;
  private readonly tabwidth: number;
  private readonly padding: number;
  private readonly padchar: string;
  private readonly flags: number;

  private lines: Cell[][] = [[]];
  private cell = ''; // text of the current, unterminated cell
  private widths: number[] = [];
  private maxwidths: number[] = [];
  private out: string[] = [];

  constructor(opts: TabWriterOptions) {
    if (opts.minwidth < 0 || opts.tabwidth < 0 || opts.padding < 0) {
      throw new Error('negative minwidth, tabwidth, or padding');
    }
    this.minwidth = opts.minwidth;
    this.tabwidth = opts.tabwidth;
    this.padding = opts.padding;
    this.padchar = opts.padchar;
    let flags = opts.flags ?? 0;
    // Tab padding enforces left alignment.
    if (opts.padchar === '\t') flags &= ~TabWriterFlags.AlignRight;
    this.flags = flags;
  }

  /** Buffers text; a line without tabs (or a '\f') lets everything so far be formatted. */
  write(s: string): void {
    let start = 0;
    for (let i = 0; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      // '\t' 9, '\n' 10, '\v' 11, '\f' 12
      if (ch < 9 || ch > 12) continue;
      const text = this.cell + s.slice(start, i);
      this.cell = '';
      start = i + 1;
      const line = this.lines[this.lines.length - 1];
      line.push({ text, width: runeWidth(text), htab: ch === 9 });
      if (ch === 10 || ch === 12) {
        this.lines.push([]);
        if (ch === 12 || line.length === 1) {
          // A line of one cell cannot affect later formatting, so Go flushes here.
          this.formatAll();
          if (ch === 12 && this.flags & TabWriterFlags.Debug) this.out.push('---\n');
        }
      }
    }
    if (start < s.length) this.cell += s.slice(start);
  }

  /** Formats whatever is buffered and returns all output produced since the last flush. */
  flush(): string {
    this.formatAll();
    const result = this.out.join('');
    this.out = [];
    return result;
  }

  rememberedWidths(): number[] {
    return [...this.maxwidths];
  }

  setRememberedWidths(widths: readonly number[] | null): this {
    this.maxwidths = widths ? [...widths] : [];
    return this;
  }

  private formatAll(): void {
    if (this.cell.length > 0) {
      const text = this.cell;
      this.cell = '';
      this.lines[this.lines.length - 1].push({ text, width: runeWidth(text), htab: false });
    }
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.widths = [];
  }

  // Go's format: find column blocks left to right, recursing for the columns to the right.
  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let current = line0; current < line1; current++) {
      if (column >= this.lines[current].length - 1) continue;
      // A cell exists in this column: print the lines before the block, then size the block.
      this.writeLines(line0, current);
      line0 = current;

      let width = this.minwidth;
      let discardable = true;
      for (; current < line1; current++) {
        const line = this.lines[current];
        if (column >= line.length - 1) break;
        const c = line[column];
        const w = c.width + this.padding;
        if (w > width) width = w;
        if (c.width > 0 || c.htab) discardable = false;
      }

      if (discardable && this.flags & TabWriterFlags.DiscardEmptyColumns) width = 0;
      if (this.flags & TabWriterFlags.RememberWidths) width = this.rememberWidth(width);

      this.widths.push(width);
      this.format(line0, current);
      this.widths.pop();
      line0 = current;
    }
    this.writeLines(line0, line1);
  }

  private rememberWidth(width: number): number {
    const max = this.maxwidths;
    const col = this.widths.length;
    if (max.length < col) max.push(...this.widths.slice(max.length));
    if (max.length === col) max.push(width);
    else if (max[col] > width) return max[col];
    else if (max[col] < width) max[col] = width;
    return width;
  }

  private writeLines(line0: number, line1: number): void {
    const debug = (this.flags & TabWriterFlags.Debug) !== 0;
    const alignRight = (this.flags & TabWriterFlags.AlignRight) !== 0;
    const out = this.out;
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      let useTabs = (this.flags & TabWriterFlags.TabIndent) !== 0;
      for (let j = 0; j < line.length; j++) {
        const c = line[j];
        if (j > 0 && debug) out.push('|');
        const hasWidth = j < this.widths.length;
        if (c.text.length === 0) {
          if (hasWidth) this.writePadding(c.width, this.widths[j], useTabs);
        } else {
          useTabs = false;
          if (!alignRight) {
            out.push(c.text);
            if (hasWidth) this.writePadding(c.width, this.widths[j], false);
          } else {
            if (hasWidth) this.writePadding(c.width, this.widths[j], false);
            out.push(c.text);
          }
        }
      }
      // The last buffered line has no newline of its own.
      if (i + 1 === this.lines.length) out.push(this.cell);
      else out.push('\n');
    }
  }

  private writePadding(textw: number, cellw: number, useTabs: boolean): void {
    if (this.padchar === '\t' || useTabs) {
      if (this.tabwidth === 0) return; // tabs have no width: no padding possible
      const rounded = Math.ceil(cellw / this.tabwidth) * this.tabwidth;
      const n = rounded - textw;
      if (n < 0) throw new Error('tabwriter: internal error');
      this.out.push('\t'.repeat(Math.ceil(n / this.tabwidth)));
      return;
    }
    if (cellw > textw) this.out.push(this.padchar.repeat(cellw - textw));
  }
}

/** Formats a whole text at once, as writing it to a new Go tabwriter and flushing. */
export function formatTabbed(text: string, opts: TabWriterOptions): string {
  const w = new TabWriter(opts);
  w.write(text);
  return w.flush();
}
