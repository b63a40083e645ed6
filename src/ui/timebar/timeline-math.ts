// Where things sit on the rewind strip: pure arithmetic, tested on its own.

import type { Mark } from '../../worker/protocol.ts';

/** A mark's (or a moment's) place on the strip, 0…1; a strip with no length puts everything at its end. */
export function position(at: number, start: number, end: number): number {
  if (end <= start) return 1;
  return Math.min(1, Math.max(0, (at - start) / (end - start)));
}

export interface MarkGroup {
  /** Where the group is drawn, 0…1 (its first mark's place). */
  x: number;
  /** The moment a click on it rewinds to: just before its first mark. */
  at: number;
  commands: number;
  warnings: number;
  /** What its tooltip lists (the first few). */
  texts: string[];
}

/**
 * Marks closer together than `minGap` of the strip's width are drawn as one, so a busy minute stays
 * readable; a group counts its commands and warnings.
 */
export function groupMarks(marks: readonly Mark[], start: number, end: number, minGap: number, maxTexts = 6): MarkGroup[] {
  const groups: MarkGroup[] = [];
  for (const m of marks) {
    if (m.at < start || m.at > end) continue;
    const x = position(m.at, start, end);
    const last = groups.at(-1);
    if (last && x - last.x < minGap) {
      if (m.kind === 'command') last.commands++;
      else last.warnings++;
      if (last.texts.length < maxTexts) last.texts.push(m.text);
      continue;
    }
    groups.push({ x, at: m.at, commands: m.kind === 'command' ? 1 : 0, warnings: m.kind === 'warning' ? 1 : 0, texts: [m.text] });
  }
  return groups;
}

/** The moment a slider value (0…steps) stands for, in whole simulated seconds from the start. */
export function momentAt(value: number, steps: number, start: number, end: number): number {
  if (steps <= 0 || end <= start) return end;
  const t = start + ((end - start) * value) / steps;
  return Math.min(end, Math.round(t));
}
