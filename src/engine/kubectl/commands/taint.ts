// kubectl taint (k8s.io/kubectl/pkg/cmd/taint): add `key=value:Effect`, remove `key:Effect-` or
// every taint with a key, `key-`, on one or more nodes.

import type { Node, Taint } from '../../api/types.ts';
import { K, R } from '../../api/wellknown.ts';
import type { KubeObject } from '../../api/object.ts';
import { isQualifiedName, isValidLabelValue } from '../../api/names.ts';
import { parseSelector } from '../../api/labels.ts';
import { formatError, KubectlError, UsageError } from '../errors.ts';
import { bool, str } from '../flags.ts';
import type { Invocation, KubectlCommand } from '../types.ts';
import { dryRunFlag, dryRunMode, dryRunSuffix } from './dry-run.ts';

type NodeObj = KubeObject & Node;

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** Taint.ToString. */
export function taintToString(t: Pick<Taint, 'key' | 'value' | 'effect'>): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

function validateTaintPart(spec: string, key: string, value: string): void {
  const errs = [...isQualifiedName(key), ...isValidLabelValue(value)];
  if (errs.length) throw new KubectlError(`invalid taint spec: ${spec}, ${errs.join('; ')}`);
}

/** ParseTaints: the taints to add and to remove. */
export function parseTaints(specs: readonly string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  const seen = new Set<string>();
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const body = spec.slice(0, -1);
      const [key, effect] = body.split(':');
      if (effect !== undefined && effect !== '' && !EFFECTS.includes(effect)) throw new KubectlError(`invalid taint effect: ${effect}, unsupported taint effect`);
      remove.push(effect ? { key, effect } : ({ key } as Taint));
      continue;
    }
    const parts = spec.split(':');
    if (parts.length !== 2) throw new KubectlError(`invalid taint spec: ${spec}`);
    const [kv, effect] = parts;
    if (!EFFECTS.includes(effect)) throw new KubectlError(`invalid taint effect: ${effect}, unsupported taint effect`);
    const i = kv.indexOf('=');
    const key = i < 0 ? kv : kv.slice(0, i);
    const value = i < 0 ? '' : kv.slice(i + 1);
    validateTaintPart(spec, key, value);
    const id = `${key}:${effect}`;
    if (seen.has(id)) throw new KubectlError(`duplicated taints with the same key and effect: ${JSON.stringify({ key, value, effect })}`);
    seen.add(id);
    add.push(value ? { key, value, effect } : { key, effect });
  }
  for (const r of remove) {
    if (add.some((a) => a.key === r.key && (!r.effect || a.effect === r.effect))) throw new KubectlError('can not both modify and remove the following taint(s) in the same command: ' + taintToString(r));
  }
  return { add, remove };
}

const match = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;

/** reorganizeTaints: the new list (added ones first) and what kind of change it was. */
export function reorganizeTaints(old: readonly Taint[], overwrite: boolean, add: readonly Taint[], remove: readonly Taint[]): { op: string; taints: Taint[]; errors: string[] } {
  const taints: Taint[] = [...add];
  for (const o of old) if (!taints.some((t) => match(t, o))) taints.push(o);
  const added = old.length !== taints.length;
  const errors: string[] = [];
  let deleted = false;
  for (const r of remove) {
    const before = taints.length;
    const kept = taints.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
    deleted = kept.length !== before;
    taints.splice(0, taints.length, ...kept);
    if (!deleted) errors.push(`taint "${taintToString(r)}" not found`);
  }
  const op = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { op, taints, errors };
}

function run(inv: Invocation): number {
  const f = inv.flags;
  const args = [...inv.args];
  const { api, store } = inv.env.cluster;
  // TYPE NAME... or TYPE/NAME..., then the taint specs.
  const isSpec = (a: string) => a.includes(':') || a.endsWith('-') || a.includes('=');
  const first = args.findIndex(isSpec);
  const resources = first < 0 ? args : args.slice(0, first);
  const specs = first < 0 ? [] : args.slice(first);
  if (!resources.length) throw new UsageError('You must provide one or more resources by argument or filename.', inv.path);
  if (!specs.length) throw new UsageError('at least one taint update is required', inv.path);
  const { add, remove } = parseTaints(specs);
  const names: string[] = [];
  const [type, ...rest] = resources;
  const slash = type.indexOf('/');
  const kind = slash < 0 ? type : type.slice(0, slash);
  if (!['nodes', 'node', 'no'].includes(kind)) throw new KubectlError(`invalid resource type ${kind}, only node types are supported`);
  if (slash >= 0) names.push(type.slice(slash + 1), ...rest.map((r) => r.replace(/^(nodes?|no)\//, '')));
  else names.push(...rest);
  const selector = str(f, 'selector');
  let nodes: NodeObj[];
  if (bool(f, 'all') || selector) {
    const sel = parseSelector(selector);
    nodes = (store.list(R.nodes) as NodeObj[]).filter((n) => sel.matches(n.metadata.labels));
  } else {
    if (!names.length) throw new UsageError('You must provide one or more resources by argument or filename.', inv.path);
    nodes = names.map((n) => api.get(K.Node, undefined, n) as NodeObj);
  }
  const dryRun = dryRunMode(inv);
  const overwrite = bool(f, 'overwrite');
  let failed = false;
  for (const node of nodes) {
    const name = node.metadata.name!;
    try {
      const old = node.spec?.taints ?? [];
      if (!overwrite) {
        const exists = add.filter((a) => old.some((o) => match(o, a))).map((a) => a.key);
        if (exists.length) throw new KubectlError(`node ${name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`);
      }
      const r = reorganizeTaints(old, overwrite, add, remove);
      if (r.errors.length) throw new KubectlError(r.errors.length === 1 ? r.errors[0] : `[${r.errors.join(', ')}]`);
      if (dryRun !== 'client') {
        api.mutate(
          K.Node,
          undefined,
          name,
          (o) => {
            const n = o as NodeObj;
            n.spec = { ...n.spec };
            if (r.taints.length) n.spec.taints = r.taints;
            else delete n.spec.taints;
          },
          { dryRun: dryRun === 'server' },
        );
      }
      inv.out(`node/${name} ${r.op}${dryRunSuffix(dryRun)}\n`);
    } catch (e) {
      inv.err(formatError(e) + '\n');
      failed = true;
    }
  }
  return failed ? 1 : 0;
}

export const taintCommand: KubectlCommand = {
  name: 'taint',
  group: 'Cluster Management Commands',
  short: 'Update the taints on one or more nodes',
  long: `Update the taints on one or more nodes.

  *  A taint consists of a key, value, and effect. As an argument here, it is expressed as key=value:effect.
  *  The key must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 253 characters.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  The value is optional. If given, it must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters.
  *  The effect must be NoSchedule, PreferNoSchedule or NoExecute.
  *  Currently taint can only apply to node.`,
  examples: `# Update node 'foo' with a taint with key 'dedicated' and value 'special-user' and effect 'NoSchedule'
# If a taint with that key and effect already exists, its value is replaced as specified
kubectl taint nodes foo dedicated=special-user:NoSchedule

# Remove from node 'foo' the taint with key 'dedicated' and effect 'NoSchedule' if one exists
kubectl taint nodes foo dedicated:NoSchedule-

# Remove from node 'foo' all the taints with key 'dedicated'
kubectl taint nodes foo dedicated-

# Add a taint with key 'dedicated' on nodes having label myLabel=X
kubectl taint node -l myLabel=X  dedicated=foo:PreferNoSchedule

# Add to node 'foo' a taint with key 'bar' and no value
kubectl taint nodes foo bar:NoSchedule`,
  usage: 'kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]',
  flags: [
    { name: 'all', type: 'bool', default: false, usage: 'Select all nodes in the cluster' },
    dryRunFlag,
    { name: 'overwrite', type: 'bool', default: false, usage: 'If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.' },
    { name: 'selector', short: 'l', type: 'string', default: '', usage: 'Selector (label query) to filter on, supports \'=\', \'==\', and \'!=\'.(e.g. -l key1=value1,key2=value2)' },
  ],
  run,
};
