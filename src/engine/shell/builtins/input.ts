// Reading a command's inputs: file operands through the VirtualFS, `-` and no operand as stdin.

import type { CommandContext } from '../types.ts';

export type InputResult = { ok: true; text: string } | { ok: false; reason: 'No such file or directory' | 'Is a directory' };

/** The text of an operand; `-` is standard input. */
export function readOperand(ctx: CommandContext, operand: string): InputResult {
  if (operand === '-') return { ok: true, text: ctx.io.stdin };
  const abs = ctx.fs.resolve(operand, ctx.cwd);
  const st = ctx.fs.stat(abs);
  if (!st) return { ok: false, reason: 'No such file or directory' };
  if (st.type === 'dir') return { ok: false, reason: 'Is a directory' };
  return { ok: true, text: ctx.fs.readFile(abs) ?? '' };
}

/** Splits text into lines, each keeping its newline (the last one may lack it). */
export function linesWithEnds(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      if (start < text.length) lines.push(text.slice(start));
      return lines;
    }
    lines.push(text.slice(start, nl + 1));
    start = nl + 1;
  }
}

/** Splits text into lines without their newlines (a final newline does not make an empty line). */
export function lines(text: string): string[] {
  if (text === '') return [];
  const out = text.split('\n');
  if (text.endsWith('\n')) out.pop();
  return out;
}

/** Joins lines back, each ended by a newline. */
export function unlines(items: readonly string[]): string {
  return items.length === 0 ? '' : `${items.join('\n')}\n`;
}
