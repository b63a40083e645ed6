// POSIX path arithmetic shared by the file systems, the shell and the builtins.

/** Normalizes an absolute path: collapses `//`, resolves `.` and `..` (`..` at the root stays at the root). */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

/** The absolute form of `path` seen from the directory `cwd`. */
export function resolvePath(path: string, cwd: string): string {
  return normalizePath(path.startsWith('/') ? path : `${cwd}/${path}`);
}

/** Splits an absolute normalized path into its components (the root has none). */
export function pathParts(abs: string): string[] {
  return abs === '/' ? [] : abs.slice(1).split('/');
}

/** The directory part of a path, as `dirname` prints it. */
export function dirname(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path.startsWith('/') ? '/' : '.';
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0) return '.';
  const dir = trimmed.slice(0, slash).replace(/\/+$/, '');
  return dir === '' ? '/' : dir;
}

/** The last component of a path, as `basename` prints it. */
export function basename(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path.startsWith('/') ? '/' : '';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Size of a string in bytes once encoded as UTF-8 (what `wc -c` and `ls -l` count). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
