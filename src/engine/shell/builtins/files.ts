// File commands over the VirtualFS: ls, cat, touch, mkdir, rm, rmdir, cp, mv, tee.
// Messages follow GNU coreutils in a UTF-8 locale ('name' for files, ‘name’ where coreutils uses quote()).

import { stdoutIsTerminal } from '../io.ts';
import { basename, dirname } from '../path.ts';
import { FsError } from '../types.ts';
import type { Command, CommandContext, VirtualFS } from '../types.ts';
import { tryParse, usage } from './args.ts';
import type { OptionSpec } from './args.ts';
import { linesWithEnds, readOperand } from './input.ts';

const errorText = (e: unknown): string => (e instanceof FsError ? e.message : e instanceof Error ? e.message : String(e));
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// ---- ls ----

interface Entry {
  name: string;
  path: string;
  type: 'file' | 'dir';
  size: number;
}

/** A fixed timestamp: the sandbox keeps no file times, and a stable column reads better than a fake clock. */
const LS_DATE = 'Jan  1 00:00';

function longLines(fs: VirtualFS, entries: Entry[]): string[] {
  const links = entries.map((e) => (e.type === 'dir' ? 2 + (fs.readDir(e.path) ?? []).filter((n) => fs.stat(`${e.path}/${n}`)?.type === 'dir').length : 1));
  const linkWidth = Math.max(1, ...links.map((n) => String(n).length));
  const sizeWidth = Math.max(1, ...entries.map((e) => String(e.size).length));
  return entries.map((e, i) => {
    const mode = e.type === 'dir' ? 'drwxr-xr-x' : '-rw-r--r--';
    return `${mode} ${String(links[i]).padStart(linkWidth)} root root ${String(e.size).padStart(sizeWidth)} ${LS_DATE} ${e.name}`;
  });
}

/** GNU ls's column layout for a terminal 80 characters wide: columns filled top to bottom. */
export function columns(names: string[], width = 80): string {
  if (names.length === 0) return '';
  for (let cols = names.length; cols > 1; cols--) {
    const rows = Math.ceil(names.length / cols);
    const usedCols = Math.ceil(names.length / rows);
    const widths: number[] = [];
    for (let c = 0; c < usedCols; c++) {
      const column = names.slice(c * rows, (c + 1) * rows);
      widths.push(Math.max(...column.map((n) => n.length)) + 2);
    }
    const total = widths.reduce((a, b) => a + b, 0) - 2;
    if (total > width) continue;
    const out: string[] = [];
    for (let r = 0; r < rows; r++) {
      let line = '';
      for (let c = 0; c < usedCols; c++) {
        const name = names[c * rows + r];
        if (name === undefined) continue;
        const last = c === usedCols - 1 || names[(c + 1) * rows + r] === undefined;
        line += last ? name : name.padEnd(widths[c]!);
      }
      out.push(line);
    }
    return `${out.join('\n')}\n`;
  }
  return `${names.join('\n')}\n`;
}

export const ls: Command = (ctx) => {
  const { io, fs } = ctx;
  const parsed = tryParse(io, 'ls', ctx.argv.slice(1), { flags: 'laA1dhrRtFS', long: { all: 'a', 'almost-all': 'A', directory: 'd', 'human-readable': 'h', reverse: 'r' } }, 2);
  if (typeof parsed === 'number') return parsed;
  const long = parsed.has('l');
  const all = parsed.has('a');
  const almostAll = parsed.has('A');
  const dirAsFile = parsed.has('d');
  const reverse = parsed.has('r');
  const onePerLine = parsed.has('1') || !stdoutIsTerminal(io);
  const operands = parsed.operands.length > 0 ? parsed.operands : ['.'];
  let status = 0;
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const operand of operands) {
    const path = fs.resolve(operand, ctx.cwd);
    const st = fs.stat(path);
    if (!st) {
      io.stderr(`ls: cannot access '${operand}': No such file or directory\n`);
      status = 2;
      continue;
    }
    const entry: Entry = { name: operand, path, type: st.type, size: st.size };
    (st.type === 'dir' && !dirAsFile ? dirs : files).push(entry);
  }
  const order = (list: Entry[]): Entry[] => {
    const sorted = [...list].sort((a, b) => byCodePoint(a.name, b.name));
    return reverse ? sorted.reverse() : sorted;
  };
  const print = (entries: Entry[]): void => {
    if (long) io.stdout(entries.length > 0 ? `${longLines(fs, entries).join('\n')}\n` : '');
    else if (onePerLine) io.stdout(entries.map((e) => `${e.name}\n`).join(''));
    else io.stdout(columns(entries.map((e) => e.name)));
  };
  const sortedFiles = order(files);
  if (sortedFiles.length > 0) print(sortedFiles);
  const sortedDirs = order(dirs);
  const headers = operands.length > 1;
  sortedDirs.forEach((dir, i) => {
    if (i > 0 || sortedFiles.length > 0) io.stdout('\n');
    if (headers) io.stdout(`${dir.name}:\n`);
    const names = (fs.readDir(dir.path) ?? []).filter((n) => all || almostAll || !n.startsWith('.'));
    const entries: Entry[] = names.map((name) => {
      const path = dir.path === '/' ? `/${name}` : `${dir.path}/${name}`;
      const st = fs.stat(path);
      return { name, path, type: st?.type ?? 'file', size: st?.size ?? 0 };
    });
    if (all) {
      entries.push({ name: '.', path: dir.path, type: 'dir', size: 4096 }, { name: '..', path: dirname(dir.path), type: 'dir', size: 4096 });
    }
    const sorted = order(entries);
    if (long) {
      const blocks = sorted.reduce((sum, e) => sum + (e.type === 'dir' ? 4 : Math.ceil(e.size / 4096) * 4), 0);
      io.stdout(`total ${blocks}\n`);
    }
    print(sorted);
  });
  return status;
};

// ---- cat, tee ----

export const cat: Command = (ctx) => {
  const { io } = ctx;
  const parsed = tryParse(io, 'cat', ctx.argv.slice(1), { flags: 'nbsAETeuvt', long: { number: 'n', 'number-nonblank': 'b', 'show-all': 'A', 'show-ends': 'E', 'show-tabs': 'T' } });
  if (typeof parsed === 'number') return parsed;
  const number = parsed.has('n') || parsed.has('b');
  const nonBlank = parsed.has('b');
  const showEnds = parsed.has('E') || parsed.has('A') || parsed.has('e');
  const showTabs = parsed.has('T') || parsed.has('A') || parsed.has('t');
  let lineNo = 0;
  let status = 0;
  for (const operand of parsed.operands.length > 0 ? parsed.operands : ['-']) {
    const input = readOperand(ctx, operand);
    if (!input.ok) {
      io.stderr(`cat: ${operand}: ${input.reason}\n`);
      status = 1;
      continue;
    }
    if (!number && !showEnds && !showTabs) {
      io.stdout(input.text);
      continue;
    }
    let out = '';
    for (let line of linesWithEnds(input.text)) {
      if (showTabs) line = line.replace(/\t/g, '^I');
      if (showEnds) line = line.replace(/\n$/, '$\n');
      if (!number || (nonBlank && (line === '\n' || line === '$\n'))) out += line;
      else out += `${String(++lineNo).padStart(6)}\t${line}`;
    }
    io.stdout(out);
  }
  return status;
};

export const tee: Command = (ctx) => {
  const { io, fs } = ctx;
  const parsed = tryParse(io, 'tee', ctx.argv.slice(1), { flags: 'ai', long: { append: 'a' } });
  if (typeof parsed === 'number') return parsed;
  const text = io.stdin;
  let status = 0;
  for (const operand of parsed.operands) {
    try {
      const path = fs.resolve(operand, ctx.cwd);
      if (parsed.has('a')) fs.appendFile(path, text);
      else fs.writeFile(path, text);
    } catch (e) {
      io.stderr(`tee: ${operand}: ${errorText(e)}\n`);
      status = 1;
    }
  }
  io.stdout(text);
  return status;
};

// ---- touch, mkdir, rm, rmdir ----

export const touch: Command = (ctx) => {
  const { io, fs } = ctx;
  const parsed = tryParse(io, 'touch', ctx.argv.slice(1), { flags: 'acmh', values: 'dtr' });
  if (typeof parsed === 'number') return parsed;
  if (parsed.operands.length === 0) return usage(io, 'touch', 'missing file operand');
  let status = 0;
  for (const operand of parsed.operands) {
    const path = fs.resolve(operand, ctx.cwd);
    if (fs.stat(path) || parsed.has('c')) continue;
    try {
      fs.writeFile(path, '');
    } catch (e) {
      io.stderr(`touch: cannot touch '${operand}': ${errorText(e)}\n`);
      status = 1;
    }
  }
  return status;
};

export const mkdir: Command = (ctx) => {
  const { io, fs } = ctx;
  const parsed = tryParse(io, 'mkdir', ctx.argv.slice(1), { flags: 'pv', values: 'm', long: { parents: 'p', verbose: 'v', mode: 'm=' } });
  if (typeof parsed === 'number') return parsed;
  if (parsed.operands.length === 0) return usage(io, 'mkdir', 'missing operand');
  let status = 0;
  for (const operand of parsed.operands) {
    try {
      fs.mkdir(fs.resolve(operand, ctx.cwd), parsed.has('p'));
      if (parsed.has('v')) io.stdout(`mkdir: created directory '${operand}'\n`);
    } catch (e) {
      io.stderr(`mkdir: cannot create directory ‘${operand}’: ${errorText(e)}\n`);
      status = 1;
    }
  }
  return status;
};

export const rm: Command = (ctx) => {
  const { io, fs } = ctx;
  const parsed = tryParse(io, 'rm', ctx.argv.slice(1), { flags: 'rRfidv', long: { recursive: 'r', force: 'f', dir: 'd', verbose: 'v', 'no-preserve-root': 'P' } });
  if (typeof parsed === 'number') return parsed;
  const recursive = parsed.has('r') || parsed.has('R');
  const force = parsed.has('f');
  if (parsed.operands.length === 0) return force ? 0 : usage(io, 'rm', 'missing operand');
  let status = 0;
  for (const operand of parsed.operands) {
    const path = fs.resolve(operand, ctx.cwd);
    const st = fs.stat(path);
    if (!st) {
      if (!force) {
        io.stderr(`rm: cannot remove '${operand}': No such file or directory\n`);
        status = 1;
      }
      continue;
    }
    if (st.type === 'dir') {
      if (recursive && path === '/' && !parsed.has('P')) {
        io.stderr(`rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n`);
        status = 1;
        continue;
      }
      if (!recursive && !parsed.has('d')) {
        io.stderr(`rm: cannot remove '${operand}': Is a directory\n`);
        status = 1;
        continue;
      }
    }
    try {
      fs.remove(path, recursive);
      if (parsed.has('v')) io.stdout(st.type === 'dir' ? `removed directory '${operand}'\n` : `removed '${operand}'\n`);
    } catch (e) {
      io.stderr(`rm: cannot remove '${operand}': ${errorText(e)}\n`);
      status = 1;
    }
  }
  return status;
};

export const rmdir: Command = (ctx) => {
  const { io, fs } = ctx;
  const parsed = tryParse(io, 'rmdir', ctx.argv.slice(1), { flags: 'pv' });
  if (typeof parsed === 'number') return parsed;
  if (parsed.operands.length === 0) return usage(io, 'rmdir', 'missing operand');
  let status = 0;
  for (const operand of parsed.operands) {
    const path = fs.resolve(operand, ctx.cwd);
    const st = fs.stat(path);
    const reason = !st ? 'No such file or directory' : st.type !== 'dir' ? 'Not a directory' : (fs.readDir(path) ?? []).length > 0 ? 'Directory not empty' : undefined;
    if (reason) {
      io.stderr(`rmdir: failed to remove '${operand}': ${reason}\n`);
      status = 1;
      continue;
    }
    fs.remove(path);
  }
  return status;
};

// ---- cp, mv ----

function copyTree(fs: VirtualFS, from: string, to: string): void {
  const st = fs.stat(from);
  if (st?.type === 'dir') {
    if (!fs.stat(to)) fs.mkdir(to);
    for (const name of fs.readDir(from) ?? []) copyTree(fs, `${from === '/' ? '' : from}/${name}`, `${to === '/' ? '' : to}/${name}`);
  } else fs.writeFile(to, fs.readFile(from) ?? '');
}

function transfer(ctx: CommandContext, tool: 'cp' | 'mv'): number {
  const { io, fs } = ctx;
  const spec: OptionSpec = tool === 'cp' ? { flags: 'rRafinpvT', long: { recursive: 'r', archive: 'a', force: 'f', verbose: 'v' } } : { flags: 'finvT', long: { force: 'f', verbose: 'v' } };
  const parsed = tryParse(io, tool, ctx.argv.slice(1), spec);
  if (typeof parsed === 'number') return parsed;
  const recursive = tool === 'mv' || parsed.has('r') || parsed.has('R') || parsed.has('a');
  const operands = parsed.operands;
  if (operands.length === 0) return usage(io, tool, 'missing file operand');
  if (operands.length === 1) return usage(io, tool, `missing destination file operand after '${operands[0]}'`);
  const target = operands.at(-1)!;
  const sources = operands.slice(0, -1);
  const targetPath = fs.resolve(target, ctx.cwd);
  const targetIsDir = fs.stat(targetPath)?.type === 'dir';
  if (sources.length > 1 && !targetIsDir) {
    io.stderr(`${tool}: target '${target}' is not a directory\n`);
    return 1;
  }
  let status = 0;
  for (const source of sources) {
    const from = fs.resolve(source, ctx.cwd);
    const st = fs.stat(from);
    if (!st) {
      io.stderr(`${tool}: cannot stat '${source}': No such file or directory\n`);
      status = 1;
      continue;
    }
    if (st.type === 'dir' && !recursive) {
      io.stderr(`cp: -r not specified; omitting directory '${source}'\n`);
      status = 1;
      continue;
    }
    const to = targetIsDir ? (targetPath === '/' ? `/${basename(from)}` : `${targetPath}/${basename(from)}`) : targetPath;
    const shown = targetIsDir ? `${target.replace(/\/$/, '')}/${basename(from)}` : target;
    if (to === from) {
      io.stderr(`${tool}: '${source}' and '${shown}' are the same file\n`);
      status = 1;
      continue;
    }
    if (st.type === 'dir' && (to + '/').startsWith(from + '/')) {
      io.stderr(tool === 'cp' ? `cp: cannot copy a directory, '${source}', into itself, '${shown}'\n` : `mv: cannot move '${source}' to a subdirectory of itself, '${shown}'\n`);
      status = 1;
      continue;
    }
    const existing = fs.stat(to);
    if (existing?.type === 'dir' && st.type !== 'dir') {
      io.stderr(`${tool}: cannot overwrite directory '${target}' with non-directory\n`);
      status = 1;
      continue;
    }
    try {
      if (existing && st.type === 'dir' && existing.type !== 'dir') throw new FsError('ENOTDIR', 'Not a directory');
      if (tool === 'mv' && existing?.type === 'dir') fs.remove(to, true);
      copyTree(fs, from, to);
      if (tool === 'mv') fs.remove(from, true);
      if (parsed.has('v')) io.stdout(tool === 'mv' ? `renamed '${source}' -> '${to}'\n` : `'${source}' -> '${to}'\n`);
    } catch (e) {
      io.stderr(`${tool}: cannot ${tool === 'cp' ? 'create regular file' : 'move'} '${target}': ${errorText(e)}\n`);
      status = 1;
    }
  }
  return status;
}

export const cp: Command = (ctx) => transfer(ctx, 'cp');
export const mv: Command = (ctx) => transfer(ctx, 'mv');
