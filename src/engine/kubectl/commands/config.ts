// kubectl config: read and change the kubeconfig (contexts and their default namespace).

import { TabWriter, tableWriterOptions } from '../../util/tabwriter.ts';
import { toYaml } from '../../yaml/emit.ts';
import { currentContext } from '../config.ts';
import { KubectlError, UsageError } from '../errors.ts';
import { bool, str } from '../flags.ts';
import type { KubectlCommand } from '../types.ts';

const currentContextCmd: KubectlCommand = {
  name: 'current-context',
  short: 'Display the current-context',
  long: 'Display the current-context.',
  examples: '# Display the current-context\nkubectl config current-context',
  usage: 'kubectl config current-context [options]',
  run(inv) {
    const c = inv.env.config.currentContext;
    if (!c) throw new KubectlError('current-context is not set');
    inv.out(c + '\n');
    return 0;
  },
};

const getContexts: KubectlCommand = {
  name: 'get-contexts',
  short: 'Describe one or many contexts',
  long: 'Display one or many contexts from the kubeconfig file.',
  examples: '# List all the contexts in your kubeconfig file\nkubectl config get-contexts\n\n# Describe one context in your kubeconfig file\nkubectl config get-contexts my-context',
  usage: 'kubectl config get-contexts [(-o|--output=)name)] [options]',
  flags: [
    { name: 'no-headers', type: 'bool', default: false, usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output format. One of: (name).' },
  ],
  run(inv) {
    const cfg = inv.env.config;
    let ctxs = cfg.contexts;
    if (inv.args.length) {
      const missing = inv.args.filter((a) => !ctxs.some((c) => c.name === a));
      if (missing.length) throw new KubectlError(`context ${missing[0]} not found`);
      ctxs = ctxs.filter((c) => inv.args.includes(c.name));
    }
    if (str(inv.flags, 'output') === 'name') {
      for (const c of ctxs) inv.out(c.name + '\n');
      return 0;
    }
    const w = new TabWriter(tableWriterOptions);
    if (!bool(inv.flags, 'no-headers')) w.write('CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n');
    for (const c of ctxs) w.write(`${c.name === cfg.currentContext ? '*' : ''}\t${c.name}\t${c.cluster}\t${c.user}\t${c.namespace ?? ''}\n`);
    inv.out(w.flush());
    return 0;
  },
};

const useContext: KubectlCommand = {
  name: 'use-context',
  aliases: ['use'],
  short: 'Set the current-context in a kubeconfig file',
  long: 'Set the current-context in a kubeconfig file.',
  examples: '# Use the context for the minikube cluster\nkubectl config use-context minikube',
  usage: 'kubectl config use-context CONTEXT_NAME [options]',
  run(inv) {
    if (inv.args.length !== 1) throw new UsageError('Unexpected args: ' + JSON.stringify(inv.args), inv.path);
    const name = inv.args[0];
    if (!inv.env.config.contexts.some((c) => c.name === name)) throw new KubectlError(`no context exists with the name: "${name}"`);
    inv.env.config.currentContext = name;
    inv.out(`Switched to context "${name}".\n`);
    return 0;
  },
};

const setContext: KubectlCommand = {
  name: 'set-context',
  short: 'Set a context entry in kubeconfig',
  long: 'Set a context entry in kubeconfig.\n\n Specifying a name that already exists will merge new fields on top of existing values for those fields.',
  examples: '# Set the user field on the gce context entry without touching other values\nkubectl config set-context gce --user=cluster-admin\n\n# Set the namespace of the current context\nkubectl config set-context --current --namespace=dev',
  usage: 'kubectl config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]',
  flags: [{ name: 'current', type: 'bool', default: false, usage: 'Modify the current context' }],
  run(inv) {
    const cfg = inv.env.config;
    let name: string;
    if (bool(inv.flags, 'current')) {
      if (inv.args.length) throw new KubectlError('you cannot specify both a context name and --current');
      name = cfg.currentContext;
    } else {
      if (inv.args.length !== 1) throw new UsageError('Unexpected args: ' + JSON.stringify(inv.args), inv.path);
      name = inv.args[0];
    }
    let ctx = cfg.contexts.find((c) => c.name === name);
    const exists = !!ctx;
    if (!ctx) cfg.contexts.push((ctx = { name, cluster: '', user: '' }));
    const f = inv.flags;
    if (f.changed.has('namespace')) ctx.namespace = str(f, 'namespace') || undefined;
    if (f.changed.has('cluster')) ctx.cluster = str(f, 'cluster');
    if (f.changed.has('user')) ctx.user = str(f, 'user');
    inv.out(`Context "${name}" ${exists ? 'modified' : 'created'}.\n`);
    return 0;
  },
};

const view: KubectlCommand = {
  name: 'view',
  short: 'Display merged kubeconfig settings or a specified kubeconfig file',
  long: 'Display merged kubeconfig settings or a specified kubeconfig file.',
  examples: '# Show merged kubeconfig settings\nkubectl config view',
  usage: 'kubectl config view [flags] [options]',
  flags: [
    { name: 'minify', type: 'bool', default: false, usage: 'Remove all information not used by current-context from the output' },
    { name: 'raw', type: 'bool', default: false, usage: 'Display raw byte data and sensitive data' },
    { name: 'output', short: 'o', type: 'string', default: 'yaml', usage: 'Output format.' },
  ],
  run(inv) {
    const cfg = inv.env.config;
    const cur = currentContext(cfg);
    const minify = bool(inv.flags, 'minify');
    const ctxs = minify && cur ? [cur] : cfg.contexts;
    const secret = bool(inv.flags, 'raw') ? 'LS0tLS1CRUdJTi... (the sandbox has no real credentials)' : 'DATA+OMITTED';
    inv.out(
      toYaml({
        apiVersion: 'v1',
        clusters: cfg.clusters.map((c) => ({ cluster: { 'certificate-authority-data': secret, server: c.server }, name: c.name })),
        contexts: ctxs.map((c) => ({ context: { cluster: c.cluster, user: c.user, ...(c.namespace ? { namespace: c.namespace } : {}) }, name: c.name })),
        'current-context': cfg.currentContext,
        kind: 'Config',
        preferences: {},
        users: cfg.users.map((u) => ({ name: u.name, user: { 'client-certificate-data': bool(inv.flags, 'raw') ? secret : 'DATA+OMITTED', 'client-key-data': bool(inv.flags, 'raw') ? secret : 'DATA+OMITTED' } })),
      }),
    );
    return 0;
  },
};

export const configCommand: KubectlCommand = {
  name: 'config',
  short: 'Modify kubeconfig files',
  long: `Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".`,
  usage: 'kubectl config SUBCOMMAND [options]',
  subcommands: [currentContextCmd, getContexts, setContext, useContext, view],
};
