// sleep (the one builtin that lets simulated time pass) and seq.

import type { Command, CommandRun } from '../types.ts';
import { usage } from './args.ts';

const UNIT_MS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const NUMBER = '(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)';
const SINGLE = new RegExp(`^(${NUMBER})([smhd]?)$`);
/** `1m30s`: GNU sleep wants `sleep 1m 30s`, but learners write durations as Kubernetes does. */
const COMPOUND = new RegExp(`^(?:${NUMBER}[smhd])+$`);

/** Milliseconds of one `sleep` operand, or undefined when GNU sleep would reject it. */
export function parseDuration(text: string): number | undefined {
  if (/^inf(inity)?$/i.test(text)) return Infinity;
  const single = SINGLE.exec(text);
  if (single) return Number(single[1]) * UNIT_MS[single[2]!]!;
  if (!COMPOUND.test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(new RegExp(`(${NUMBER})([smhd])`, 'g'))) total += Number(m[1]) * UNIT_MS[m[2]!]!;
  return total;
}

export const sleep: Command = ({ argv, io }) => {
  const operands = argv.slice(1).filter((a) => a !== '--');
  if (operands.length === 0) return usage(io, 'sleep', 'missing operand');
  let total = 0;
  let bad = false;
  for (const operand of operands) {
    const ms = parseDuration(operand);
    if (ms === undefined) {
      io.stderr(`sleep: invalid time interval ‘${operand}’\n`);
      bad = true;
    } else total += ms;
  }
  if (bad) {
    io.stderr("Try 'sleep --help' for more information.\n");
    return 1;
  }
  return (function* (): CommandRun {
    yield { type: 'sleep', ms: Math.round(total) };
    return 0;
  })();
};

/** seq stops here rather than fill the tab's memory. */
export const SEQ_MAX_LINES = 1_000_000;

export const seq: Command = ({ argv, io }) => {
  const args = argv.slice(1);
  let separator = '\n';
  let equalWidth = false;
  const numbers: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-s') separator = args[++i] ?? '\n';
    else if (arg.startsWith('-s')) separator = arg.slice(2);
    else if (arg === '-w') equalWidth = true;
    else numbers.push(arg);
  }
  if (numbers.length === 0) return usage(io, 'seq', 'missing operand');
  if (numbers.length > 3) return usage(io, 'seq', `extra operand ‘${numbers[3]}’`);
  for (const n of numbers) {
    if (!/^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/.test(n)) return usage(io, 'seq', `invalid floating point argument: ‘${n}’`);
  }
  const [first, step, last] = numbers.length === 1 ? ['1', '1', numbers[0]!] : numbers.length === 2 ? [numbers[0]!, '1', numbers[1]!] : (numbers as [string, string, string]);
  const decimals = Math.max(...[first, step].map((n) => (n.includes('.') ? n.length - n.indexOf('.') - 1 : 0)));
  const a = Number(first);
  const s = Number(step);
  const b = Number(last);
  if (s === 0) return usage(io, 'seq', `invalid Zero increment value: ‘${step}’`);
  const items: string[] = [];
  for (let k = 0; ; k++) {
    const v = a + k * s;
    if (s > 0 ? v > b + 1e-12 : v < b - 1e-12) break;
    if (items.length >= SEQ_MAX_LINES) {
      io.stderr(`seq: output stopped after ${SEQ_MAX_LINES} lines in this sandbox\n`);
      break;
    }
    items.push(v.toFixed(decimals));
  }
  if (equalWidth) {
    const width = Math.max(...items.map((x) => x.replace('-', '').length));
    for (let i = 0; i < items.length; i++) {
      const x = items[i]!;
      items[i] = x.startsWith('-') ? `-${x.slice(1).padStart(width, '0')}` : x.padStart(width, '0');
    }
  }
  if (items.length > 0) io.stdout(items.join(separator) + '\n');
  return 0;
};
