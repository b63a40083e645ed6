// Names in the terminal's output that lead to the inspector: kubectl's TYPE/NAME form
// ("pod/web created", "deployment.apps/web") and node names. Pure: finds the spans in a line and
// resolves a span to a store key against the page's mirror of the cluster.

export interface ObjectLink {
  /** 0-based column where the link starts, and its length. */
  start: number;
  length: number;
  /** kubectl's type word ("pod", "deployment.apps", "node") and the name. */
  type: string;
  name: string;
}

const TYPE_NAME = /\b([a-z]+(?:\.[a-z0-9.-]+)?)\/([a-z0-9]([-a-z0-9.]*[a-z0-9])?)/g;
const NODE_NAME = /\bk8s-(?:master|node)\d+\b/g;

export function findObjectLinks(line: string): ObjectLink[] {
  const out: ObjectLink[] = [];
  for (const m of line.matchAll(TYPE_NAME)) {
    // Paths (/root/x, ./x.yaml) and URLs are not objects.
    const before = line[m.index - 1];
    if (before === '/' || before === '.' || before === ':') continue;
    out.push({ start: m.index, length: m[0].length, type: m[1], name: m[2] });
  }
  for (const m of line.matchAll(NODE_NAME)) {
    if (out.some((l) => m.index >= l.start && m.index < l.start + l.length)) continue;
    out.push({ start: m.index, length: m[0].length, type: 'node', name: m[0] });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The store key a link names: the resource by kubectl's singular or group-qualified word, any namespace (default first). */
export function resolveLink(link: ObjectLink, byResource: Readonly<Record<string, readonly string[]>>): string | undefined {
  const word = link.type;
  const candidates = Object.keys(byResource).filter((r) => {
    const [plural, ...group] = r.split('.');
    const g = group.join('.');
    const singular = plural.endsWith('ies') ? plural.slice(0, -3) + 'y' : plural.endsWith('sses') ? plural.slice(0, -2) : plural.replace(/s$/, '');
    return word === singular || word === plural || word === `${singular}.${g}` || word === r;
  });
  for (const r of candidates) {
    const keys = byResource[r] ?? [];
    const hit = keys.find((k) => k === `${r}/default/${link.name}`) ?? keys.find((k) => k.endsWith(`/${link.name}`) && k.split('/').length === 3 && k.split('/')[2] === link.name);
    if (hit) return hit;
  }
  return undefined;
}
