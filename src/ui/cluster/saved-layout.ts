// Where the learner dragged the boxes, remembered in localStorage. What is read back is checked:
// anything that is not a map of finite positions is ignored.

const KEY = 'kube-sandbox:layout';
const MAX_ENTRIES = 5000;

export type Positions = Record<string, { x: number; y: number }>;

export function parsePositions(raw: string | null): Positions {
  if (!raw || raw.length > 1_000_000) return {};
  try {
    const data: unknown = JSON.parse(raw);
    if (!data || typeof data !== 'object' || Array.isArray(data)) return {};
    const out: Positions = {};
    for (const [k, v] of Object.entries(data).slice(0, MAX_ENTRIES)) {
      const p = v as { x?: unknown; y?: unknown };
      if (p && typeof p === 'object' && Number.isFinite(p.x) && Number.isFinite(p.y) && Math.abs(p.x as number) < 1e6 && Math.abs(p.y as number) < 1e6) out[k] = { x: p.x as number, y: p.y as number };
    }
    return out;
  } catch {
    return {};
  }
}

export function loadPositions(): Positions {
  try {
    return parsePositions(globalThis.localStorage?.getItem(KEY) ?? null);
  } catch {
    return {};
  }
}

export function savePositions(p: Positions): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(p));
  } catch {
    // not remembered
  }
}

export function clearPositions(): void {
  try {
    globalThis.localStorage?.removeItem(KEY);
  } catch {
    // nothing to clear
  }
}
