// xargs: builds command lines from standard input and has the shell run them
// (`kubectl get pods -o name | xargs kubectl delete`).

import { shellQuote } from '../quote.ts';
import type { Command, CommandRun } from '../types.ts';
import { tryParse } from './args.ts';

/** Splits xargs input into items: blanks and newlines separate, quotes and backslashes group. */
export function xargsItems(text: string): string[] | string {
  const items: string[] = [];
  let current = '';
  let inItem = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      const nl = text.indexOf('\n', i + 1);
      if (end < 0 || (nl >= 0 && nl < end)) return `unmatched ${c === "'" ? 'single' : 'double'} quote; by default quotes are special to xargs unless you use the -0 option`;
      current += text.slice(i + 1, end);
      inItem = true;
      i = end;
    } else if (c === '\\' && i + 1 < text.length) {
      current += text[++i];
      inItem = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (inItem) items.push(current);
      current = '';
      inItem = false;
    } else {
      current += c;
      inItem = true;
    }
  }
  if (inItem) items.push(current);
  return items;
}

export const xargs: Command = (ctx) => {
  const { io } = ctx;
  const parsed = tryParse(io, 'xargs', ctx.argv.slice(1).slice(0, firstCommandIndex(ctx.argv.slice(1))), { flags: 'rt0', values: 'nIL', long: { 'no-run-if-empty': 'r', 'max-args': 'n=', verbose: 't' } });
  if (typeof parsed === 'number') return parsed;
  const command = ctx.argv.slice(1).slice(firstCommandIndex(ctx.argv.slice(1)));
  const base = command.length > 0 ? command : ['echo'];
  const replace = parsed.value('I');
  const input = io.stdin;
  let lines: string[][];
  if (replace !== undefined) {
    lines = input.split('\n').map((l) => l.trim()).filter((l) => l !== '').map((l) => base.map((w) => w.split(replace).join(l)));
  } else {
    const items = parsed.has('0') ? input.split('\0').filter((s) => s !== '') : xargsItems(input);
    if (typeof items === 'string') {
      io.stderr(`xargs: ${items}\n`);
      return 1;
    }
    if (items.length === 0 && parsed.has('r')) return 0;
    const per = Number(parsed.value('n') ?? parsed.value('L') ?? 0);
    const groups: string[][] = [];
    if (per > 0) for (let i = 0; i < items.length; i += per) groups.push(items.slice(i, i + per));
    else groups.push(items);
    lines = groups.map((g) => [...base, ...g]);
  }
  return (function* (): CommandRun {
    let status = 0;
    for (const argv of lines) {
      if (parsed.has('t')) io.stderr(`${argv.join(' ')}\n`);
      const s = yield* ctx.runScript(['command', ...argv.map(shellQuote)].join(' '), { stdin: '', stdout: (c) => io.stdout(c), stderr: (c) => io.stderr(c) });
      if (s === 127) return 127;
      if (s !== 0) status = 123;
    }
    return status;
  })();
};

/** Where xargs's own options end and the command begins (options that take a value skip it). */
function firstCommandIndex(args: readonly string[]): number {
  let i = 0;
  while (i < args.length && args[i]!.startsWith('-') && args[i] !== '-') {
    if (args[i] === '--') return i + 1;
    if (/^-[nIL]$/.test(args[i]!)) i++;
    i++;
  }
  return i;
}
