// The shape of a kubectl command and what it is given when it runs.

import type { Cluster } from '../cluster.ts';
import type { CommandContext, CommandResult } from '../shell/types.ts';
import type { KubeConfig } from './config.ts';
import type { FlagSpec, ParsedFlags } from './flags.ts';

/** What kubectl lives in: the cluster it talks to and its kubeconfig. */
export interface KubectlEnv {
  cluster: Cluster;
  config: KubeConfig;
  /** A terminal a person types into (watches run until Ctrl+C), not a script (watches time out). */
  interactive: boolean;
}

export interface Invocation {
  env: KubectlEnv;
  shell: CommandContext;
  flags: ParsedFlags;
  args: string[];
  /** The namespace to use (from -n or the kubeconfig context). */
  namespace: string;
  /** -n/--namespace was given. */
  namespaceExplicit: boolean;
  /** "kubectl get", for messages. */
  path: string;
  out(s: string): void;
  err(s: string): void;
}

export interface KubectlCommand {
  name: string;
  aliases?: string[];
  /** One line for `kubectl --help`. */
  short: string;
  /** The paragraph at the top of `--help`. */
  long?: string;
  examples?: string;
  /** "kubectl get [(-o|--output=)json|yaml|...] ..." */
  usage: string;
  flags?: FlagSpec[];
  subcommands?: KubectlCommand[];
  /** Group heading in `kubectl --help`. */
  group?: string;
  run?(inv: Invocation): CommandResult;
}
