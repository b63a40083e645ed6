// kubectl describe's PrefixWriter over a tabwriter (tabbedString): levels of two-space
// indentation, tab-separated cells aligned as Go's text/tabwriter aligns them.

import { TabWriter, describeWriterOptions } from '../../util/tabwriter.ts';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

export class PrefixWriter {
  private tw = new TabWriter(describeWriterOptions);
  private out = '';

  /**
   * `raw`: straight into a buffer with the tabs left in, as `kubectl rollout history --revision`
   * prints a pod template (describe.NewPrefixWriter over a bytes.Buffer, no tabwriter).
   */
  constructor(private readonly raw = false) {}

  /** Writes text at an indentation level (two spaces per level). */
  write(level: number, text: string): void {
    if (this.raw) this.out += '  '.repeat(level) + text;
    else this.tw.write('  '.repeat(level) + text);
  }

  /** Writes a line with no indentation (WriteLine: the cells are joined by spaces). */
  writeLine(...parts: string[]): void {
    if (this.raw) this.out += parts.join(' ') + '\n';
    else this.tw.write(parts.join(' ') + '\n');
  }

  /** Ends a block: what follows is aligned on its own (kubectl flushes before the events table). */
  flush(): void {
    if (!this.raw) this.out += this.tw.flush();
  }

  toString(): string {
    this.flush();
    return this.out;
  }
}

/** Builds describe text with a fresh writer. */
export function tabbed(fn: (w: PrefixWriter) => void): string {
  const w = new PrefixWriter();
  fn(w);
  return w.toString();
}
