// The `sandbox` command: what a real cluster has no command for — the simulation's own controls and
// the faults the UI's buttons cause — so that scripts and lessons can do everything the UI does.

import type { Cluster } from '../cluster.ts';
import type { Command, CommandContext, CommandRun } from '../shell/types.ts';
import { formatRFC3339 } from '../util/time.ts';
import { parseGoDuration } from '../util/duration.ts';
import { splitKey } from '../api/object.ts';
import { formatMilli, milliValue } from '../api/quantity.ts';

interface Sub {
  usage: string;
  help: string;
  /** Further usage lines of the same subcommand, with their help. */
  more?: [string, string][];
  run(cluster: Cluster, args: string[], ctx: CommandContext): number | CommandRun;
}

const out = (ctx: CommandContext, s: string) => ctx.io.stdout(s);
const err = (ctx: CommandContext, s: string) => ctx.io.stderr(s);

function parseDuration(s: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  try {
    return parseGoDuration(s);
  } catch {
    return undefined;
  }
}

const SUBCOMMANDS: Record<string, Sub> = {
  help: {
    usage: 'sandbox help',
    help: 'List the sandbox commands.',
    run: (_c, _a, ctx) => {
      out(ctx, sandboxHelp());
      return 0;
    },
  },
  time: {
    usage: 'sandbox time',
    help: "Print the cluster's simulated time.",
    run: (c, _a, ctx) => {
      out(ctx, formatRFC3339(c.now()) + '\n');
      return 0;
    },
  },
  advance: {
    usage: 'sandbox advance DURATION',
    help: 'Let simulated time pass (like sleep): 30s, 5m, 1h.',
    run: function* (_c, args, ctx) {
      const ms = args[0] ? parseDuration(args[0]) : undefined;
      if (ms === undefined || ms < 0) {
        err(ctx, 'sandbox advance: give a duration such as 30s, 5m or 1h\n');
        return 2;
      }
      yield { type: 'sleep', ms };
      return 0;
    },
  },
  node: {
    usage: 'sandbox node add [NAME]',
    help: 'Add a worker node: its kubelet registers it and it joins the cluster.',
    more: [
      ['sandbox node stop NAME', "Stop the node's kubelet (systemctl stop kubelet): its containers keep running, but no heartbeats reach the control plane, so after 40s the node is NotReady."],
      ['sandbox node start NAME', 'Start the kubelet again: it registers the node if its Node object is gone and reports Ready.'],
      ['sandbox node delete NAME', 'The machine goes away for good: its kubelet and containers stop and its Node object is deleted.'],
    ],
    run: (c, args, ctx) => {
      const [verb, name] = args;
      switch (verb) {
        case 'add': {
          const next = c.nextWorker();
          const nodeName = name ?? next.name;
          if (c.kubelets.has(nodeName)) {
            err(ctx, `sandbox node add: a node called ${nodeName} already exists\n`);
            return 1;
          }
          c.addNode({ name: nodeName, ip: next.ip, controlPlane: false });
          out(ctx, `node ${nodeName} (${next.ip}) is booting; it registers with the apiserver in a moment\n`);
          return 0;
        }
        case 'stop':
        case 'start':
        case 'delete': {
          if (!name) {
            err(ctx, `usage: sandbox node ${verb} NAME\n`);
            return 2;
          }
          const k = c.kubelets.get(name);
          if (!k) {
            err(ctx, `sandbox node ${verb}: there is no machine called ${name}\n`);
            return 1;
          }
          if (verb === 'stop') {
            if (!c.stopKubelet(name)) out(ctx, `the kubelet on ${name} is already stopped\n`);
            else out(ctx, `kubelet on ${name} stopped; its containers keep running\n`);
          } else if (verb === 'start') {
            if (!c.startKubelet(name)) out(ctx, `the kubelet on ${name} is already running\n`);
            else out(ctx, `kubelet on ${name} started\n`);
          } else {
            c.removeNode(name);
            out(ctx, `machine ${name} removed; its Node object is deleted\n`);
          }
          return 0;
        }
        default:
          err(ctx, `sandbox node: unknown action "${verb ?? ''}" (try: sandbox node add, stop, start or delete)\n`);
          return 2;
      }
    },
  },
  why: {
    usage: 'sandbox why pod NAME [-n NAMESPACE]',
    help: "Show the scheduler's last decision for a pod: which nodes passed, which filter rejected the others.",
    run: (c, args, ctx) => {
      const nsIdx = args.indexOf('-n');
      const ns = nsIdx >= 0 ? args[nsIdx + 1] : 'default';
      const rest = args.filter((_, i) => i !== nsIdx && i !== nsIdx + 1);
      const name = rest[0] === 'pod' || rest[0] === 'po' || rest[0] === 'pods' ? rest[1] : rest[0]?.replace(/^pods?\//, '');
      if (!name) {
        err(ctx, 'usage: sandbox why pod NAME [-n NAMESPACE]\n');
        return 2;
      }
      const d = c.scheduler.diagnosis(`${ns}/${name}`);
      if (!d) {
        const pod = c.store.get('pods', ns, name);
        const node = (pod?.spec as { nodeName?: string } | undefined)?.nodeName;
        if (node) out(ctx, `Pod ${ns}/${name} is on ${node}.\n`);
        else out(ctx, `The scheduler has not tried to place ${ns}/${name}${pod ? ' yet' : ': there is no such pod'}.\n`);
        return node ? 0 : 1;
      }
      out(ctx, `Last scheduling attempt for ${splitKey(d.pod).namespace}/${splitKey(d.pod).name} at ${formatRFC3339(d.at)}:\n`);
      for (const n of d.nodes) if (n.reasons.length) out(ctx, `  ${n.node}: rejected by ${n.plugin}: ${n.reasons.join(', ')}\n`);
      if (d.message) out(ctx, `  => ${d.message}\n`);
      return 0;
    },
  },
  load: {
    usage: 'sandbox load KIND/NAME CPU [-n NAMESPACE]',
    help: "Put CPU demand (such as 500m, or 0 to stop) on a Deployment's or Service's ready pods, spread evenly; the pods' usage follows within a minute.",
    more: [['sandbox load', 'List the loads set.']],
    run: (c, args, ctx) => runLoad(c, args, ctx),
  },
  diagnostics: {
    usage: 'sandbox diagnostics',
    help: 'Show problems the simulation noticed in itself (controllers that keep waking each other, errors).',
    run: (c, _a, ctx) => {
      if (!c.sim.diagnostics.length) out(ctx, 'No problems noticed.\n');
      for (const d of c.sim.diagnostics) out(ctx, `${formatRFC3339(d.at)} ${d.source}: ${d.message}\n`);
      return 0;
    },
  },
};

const LOAD_KINDS: Record<string, string> = {
  deployment: 'deployments.apps', deployments: 'deployments.apps', deploy: 'deployments.apps',
  replicaset: 'replicasets.apps', replicasets: 'replicasets.apps', rs: 'replicasets.apps',
  statefulset: 'statefulsets.apps', statefulsets: 'statefulsets.apps', sts: 'statefulsets.apps',
  replicationcontroller: 'replicationcontrollers', replicationcontrollers: 'replicationcontrollers', rc: 'replicationcontrollers',
  service: 'services', services: 'services', svc: 'services',
};

function runLoad(c: Cluster, args: string[], ctx: CommandContext): number {
  const nsIdx = args.findIndex((a) => a === '-n' || a === '--namespace');
  const ns = nsIdx >= 0 ? args[nsIdx + 1] : 'default';
  const rest = args.filter((_, i) => nsIdx < 0 || (i !== nsIdx && i !== nsIdx + 1));
  if (!rest.length) {
    const loads = c.usage.listLoads();
    if (!loads.length) out(ctx, 'No loads set.\n');
    for (const l of loads) out(ctx, `${l.target.resource}/${l.target.name} -n ${l.target.namespace}: ${formatMilli(l.millicores)}\n`);
    return 0;
  }
  const [ref, amount] = rest;
  const [kind, name] = ref.split('/');
  const resource = LOAD_KINDS[kind?.toLowerCase() ?? ''];
  if (!resource || !name || amount === undefined) {
    err(ctx, 'usage: sandbox load KIND/NAME CPU [-n NAMESPACE]  (KIND: deployment, replicaset, statefulset, rc or service; CPU such as 500m, 1 or 0)\n');
    return 2;
  }
  let milli: number;
  try {
    milli = milliValue(amount);
  } catch {
    err(ctx, `sandbox load: "${amount}" is not a CPU quantity (try 500m or 1)\n`);
    return 2;
  }
  if (!c.store.get(resource, ns, name)) {
    err(ctx, `sandbox load: ${kind}/${name} not found in namespace ${ns}\n`);
    return 1;
  }
  c.usage.setLoad({ resource, namespace: ns, name }, milli);
  out(ctx, milli > 0 ? `load on ${kind}/${name} set to ${formatMilli(milli)} of CPU, spread over its ready pods\n` : `load on ${kind}/${name} removed\n`);
  return 0;
}

export function sandboxHelp(): string {
  const lines = ['The sandbox command controls the simulation itself: what a real cluster has no command for.', '', 'Commands:'];
  const rows = Object.values(SUBCOMMANDS).flatMap((s): [string, string][] => [[s.usage, s.help], ...(s.more ?? [])]);
  const width = Math.max(...rows.map(([u]) => u.length));
  for (const [usage, help] of rows) lines.push(`  ${usage.padEnd(width)}   ${help}`);
  return lines.join('\n') + '\n';
}

export function sandboxCommand(cluster: Cluster): Command {
  return (ctx) => {
    const [sub, ...args] = ctx.argv.slice(1);
    const s = SUBCOMMANDS[sub ?? 'help'];
    if (!s) {
      ctx.io.stderr(`sandbox: unknown command "${sub}"\n\n${sandboxHelp()}`);
      return 2;
    }
    return s.run(cluster, args, ctx);
  };
}
