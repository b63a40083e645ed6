// --dry-run=none|client|server, as kubectl reads it.

import { KubectlError } from '../errors.ts';
import { str, type FlagSpec } from '../flags.ts';
import type { Invocation } from '../types.ts';

export type DryRun = 'none' | 'client' | 'server';

export const dryRunFlag: FlagSpec = {
  name: 'dry-run',
  type: 'string',
  default: 'none',
  noOptDefault: 'unchanged',
  usage: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
};

export function dryRunMode(inv: Invocation): DryRun {
  const v = str(inv.flags, 'dry-run');
  if (!inv.flags.changed.has('dry-run')) return 'none';
  if (v === 'unchanged' || v === 'true') {
    inv.err(`${klogPrefix('W', inv.env.cluster.now())} --dry-run is deprecated and can be replaced with --dry-run=client.\n`);
    return 'client';
  }
  if (v === 'false') return 'none';
  if (v === 'none' || v === 'client' || v === 'server') return v;
  throw new KubectlError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

/** The head of a klog line as kubectl writes warnings: W0602 08:05:00.000000    4242 dryrun.go:37] */
export function klogPrefix(level: 'W' | 'E' | 'I', now: number): string {
  const d = new Date(now);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const time = `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds() * 1000).padStart(6, '0')}`;
  return `${level}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${time}    4242 dryrun.go:37]`;
}

export function dryRunSuffix(d: DryRun): string {
  return d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '';
}
