// The revisions in `kubectl rollout history` output (a REVISION column, newest last).

export function revisionsOf(text: string): { revisions: number[]; current: number } {
  const lines = text.split('\n');
  const header = lines.findIndex((l) => /^REVISION\s/.test(l));
  if (header < 0) return { revisions: [], current: 0 };
  const revisions: number[] = [];
  for (const l of lines.slice(header + 1)) {
    const m = /^(\d+)\s/.exec(l + ' ');
    if (m) revisions.push(Number(m[1]));
  }
  // kubectl lists them in order; the current one is the highest.
  return { revisions, current: revisions.length ? Math.max(...revisions) : 0 };
}
