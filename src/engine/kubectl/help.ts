// `kubectl --help` and `kubectl <command> --help`, laid out as kubectl lays them out.

import { FlagSet } from './flags.ts';
import type { KubectlCommand } from './types.ts';

const GROUPS = [
  'Basic Commands (Beginner)',
  'Basic Commands (Intermediate)',
  'Deploy Commands',
  'Cluster Management Commands',
  'Troubleshooting and Debugging Commands',
  'Advanced Commands',
  'Settings Commands',
  'Other Commands',
];

export function rootHelp(commands: readonly KubectlCommand[]): string {
  const lines = ['kubectl controls the Kubernetes cluster manager.', '', ' Find more information at: https://kubernetes.io/docs/reference/kubectl/', ''];
  for (const g of GROUPS) {
    const cmds = commands.filter((c) => (c.group ?? 'Other Commands') === g);
    if (!cmds.length) continue;
    lines.push(`${g}:`);
    for (const c of cmds) lines.push(`  ${c.name.padEnd(15)} ${c.short}`);
    lines.push('');
  }
  lines.push('Usage:', '  kubectl [flags] [options]', '');
  lines.push('Use "kubectl <command> --help" for more information about a given command.');
  lines.push('Use "kubectl options" for a list of global command-line options (applies to all commands).');
  return lines.join('\n') + '\n';
}

export function commandHelp(cmd: KubectlCommand, path: string): string {
  const lines: string[] = [];
  lines.push(cmd.long ?? cmd.short);
  lines.push('');
  if (cmd.examples) {
    lines.push('Examples:');
    lines.push(cmd.examples.replace(/^/gm, '  '));
    lines.push('');
  }
  if (cmd.subcommands?.length) {
    lines.push('Available Commands:');
    for (const s of cmd.subcommands) lines.push(`  ${s.name.padEnd(21)} ${s.short}`);
    lines.push('');
  }
  const own = cmd.flags ?? [];
  if (own.length) {
    lines.push('Options:');
    lines.push(new FlagSet(own).help());
  }
  lines.push('Usage:');
  lines.push(`  ${cmd.usage}`);
  lines.push('');
  if (cmd.subcommands?.length) lines.push(`Use "${path} <command> --help" for more information about a given command.`);
  lines.push('Use "kubectl options" for a list of global command-line options (applies to all commands).');
  return lines.join('\n') + '\n';
}
