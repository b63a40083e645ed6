// Where the graph puts things: node boxes in a grid of columns that grow with their pods, pods in a
// grid inside their node so they never overlap, services and workloads in columns beside them.
// Pure arithmetic, table-tested.

export const POD_W = 150;
export const POD_H = 52;
export const POD_GAP = 8;
export const NODE_PAD = 10;
export const NODE_HEADER = 58;
export const PODS_PER_ROW = 2;
export const NODE_W = NODE_PAD * 2 + PODS_PER_ROW * POD_W + (PODS_PER_ROW - 1) * POD_GAP;
export const BOX_GAP = 40;
export const SIDE_W = 200;
export const SIDE_H = 64;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A node box's height for `pods` pods (an empty node still shows one row of room). */
export function nodeHeight(pods: number): number {
  const rows = Math.max(1, Math.ceil(pods / PODS_PER_ROW));
  return NODE_HEADER + NODE_PAD + rows * POD_H + (rows - 1) * POD_GAP;
}

/** A pod's place inside its node box, by its index there. */
export function podOffset(index: number): { x: number; y: number } {
  const col = index % PODS_PER_ROW;
  const row = Math.floor(index / PODS_PER_ROW);
  return { x: NODE_PAD + col * (POD_W + POD_GAP), y: NODE_HEADER + row * (POD_H + POD_GAP) };
}

/** The extra height of the control-plane node's row of component chips. */
export const CONTROL_PLANE_CHIPS_H = 48;

/** Node boxes of these heights left to right, top to bottom, `columns` wide; each row as tall as its tallest box. */
export function layoutNodes(heights: readonly number[], columns: number, origin = { x: 0, y: 0 }): Box[] {
  const cols = Math.max(1, columns);
  const boxes: Box[] = [];
  let y = origin.y;
  for (let start = 0; start < heights.length; start += cols) {
    const row = heights.slice(start, start + cols);
    const h = Math.max(...row);
    row.forEach((height, i) => boxes.push({ x: origin.x + i * (NODE_W + BOX_GAP), y, width: NODE_W, height }));
    y += h + BOX_GAP;
  }
  return boxes;
}

/** How many columns of node boxes suit `n` nodes: a roughly square block, at most 8 wide. */
export function columnsFor(n: number): number {
  return Math.min(8, Math.max(1, Math.ceil(Math.sqrt(n))));
}

/** A column of equal boxes (services, workloads) starting at `x`. */
export function layoutColumn(n: number, x: number, y = 0): Box[] {
  return Array.from({ length: n }, (_, i) => ({ x, y: y + i * (SIDE_H + 16), width: SIDE_W, height: SIDE_H }));
}

/** Does a label selector (matchLabels / spec.selector) select these labels? An empty one selects nothing. */
export function selects(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(selector);
  return keys.length > 0 && keys.every((k) => labels[k] === selector[k]);
}

/** The namespace part of a store key ("pods/default/web" → "default"). */
export function keyNamespace(key: string): string {
  const a = key.indexOf('/');
  const b = key.indexOf('/', a + 1);
  return key.slice(a + 1, b);
}
