// Shell patterns: `*`, `?` and `[…]`, used by pathname expansion, `case` and `${x#pattern}`.
// A backslash makes the next character literal; the expander escapes quoted text that way.

import type { VirtualFS } from './types.ts';

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~', word: 'A-Za-z0-9_',
};

const escapeRegExp = (c: string): string => c.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

/** Backslash-escapes the characters a pattern treats specially, so `text` matches only itself. */
export function escapeGlob(text: string): string {
  return text.replace(/[\\*?[\]]/g, '\\$&');
}

/** Removes pattern escapes: the literal text an unmatched pattern stands for. */
export function unescapeGlob(pattern: string): string {
  return pattern.replace(/\\(.)/gs, '$1');
}

/** Whether a pattern has an unescaped `*`, `?` or a complete `[…]`. */
export function hasGlobChars(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?') return true;
    else if (c === '[' && bracketEnd(pattern, i) > 0) return true;
  }
  return false;
}

/** Index of the `]` closing the bracket expression opened at `open`, or -1. */
function bracketEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === '!' || pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      if (close > 0) {
        i = close + 1;
        continue;
      }
    }
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']') return i;
  }
  return -1;
}

function bracketToRegExp(body: string): string {
  let negate = false;
  let i = 0;
  if (body[0] === '!' || body[0] === '^') {
    negate = true;
    i = 1;
  }
  let out = '';
  for (; i < body.length; i++) {
    const c = body[i]!;
    if (c === '[' && body[i + 1] === ':') {
      const close = body.indexOf(':]', i + 2);
      const cls = CLASSES[body.slice(i + 2, close)];
      if (close > 0 && cls !== undefined) {
        out += cls;
        i = close + 1;
        continue;
      }
    }
    if (c === '\\' && i + 1 < body.length) {
      out += escapeRegExp(body[++i]!);
    } else if (c === '-' && out !== '' && i + 1 < body.length) {
      out += '-';
    } else out += escapeRegExp(c);
  }
  return `[${negate ? '^' : ''}${out}]`;
}

/** The RegExp source of a pattern; in a path segment, `*` and `?` do not cross `/`. */
export function patternSource(pattern: string, pathSegment = false): string {
  const any = pathSegment ? '[^/]' : '[\\s\\S]';
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) out += escapeRegExp(pattern[++i]!);
    else if (c === '*') out += `${any}*`;
    else if (c === '?') out += any;
    else if (c === '[') {
      const end = bracketEnd(pattern, i);
      if (end < 0) out += '\\[';
      else {
        out += bracketToRegExp(pattern.slice(i + 1, end));
        i = end;
      }
    } else out += escapeRegExp(c);
  }
  return out;
}

const cache = new Map<string, RegExp>();

/** Whether the whole of `text` matches `pattern` (as `case` and `[[ == ]]` match). */
export function matchPattern(pattern: string, text: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    if (cache.size > 500) cache.clear();
    re = new RegExp(`^${patternSource(pattern)}$`, 'u');
    cache.set(pattern, re);
  }
  return re.test(text);
}

/**
 * Pathname expansion: the paths that match `pattern`, sorted, spelled as the pattern spells them
 * (relative patterns give relative paths). Hidden entries need a literal leading dot.
 */
export function expandGlob(pattern: string, fs: VirtualFS, cwd: string): string[] {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s, i, all) => s !== '' || i === all.length - 1);
  const dirOnly = pattern.endsWith('/');
  if (dirOnly) segments.pop();
  let bases = [absolute ? '/' : ''];
  const join = (base: string, name: string): string => (base === '' ? name : base.endsWith('/') ? base + name : `${base}/${name}`);
  const statOf = (p: string) => fs.stat(fs.resolve(p === '' ? '.' : p, cwd));
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (!hasGlobChars(segment)) {
      bases = bases.map((b) => join(b, unescapeGlob(segment)));
      return;
    }
    const re = new RegExp(`^${patternSource(segment, true)}$`, 'u');
    const showHidden = segment.startsWith('.') || segment.startsWith('\\.');
    const next: string[] = [];
    for (const base of bases) {
      for (const name of fs.readDir(fs.resolve(base === '' ? '.' : base, cwd)) ?? []) {
        if (name.startsWith('.') && !showHidden) continue;
        if (!re.test(name)) continue;
        const path = join(base, name);
        if (!last && statOf(path)?.type !== 'dir') continue;
        next.push(path);
      }
    }
    bases = next;
  });
  const found = bases.filter((p) => {
    const st = statOf(p);
    return st !== undefined && (!dirOnly || st.type === 'dir');
  });
  return found.map((p) => (dirOnly ? `${p}/` : p)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
