// NodeAffinity: nodeSelector and requiredDuringSchedulingIgnoredDuringExecution node affinity must
// both match the node's labels; preferred terms add to the score.

import type { NodeSelectorRequirement, NodeSelectorTerm } from '../../api/types.ts';
import type { FilterPlugin, NodeInfo, ScorePlugin } from '../framework.ts';
import { normalizeToMax, unresolvable } from '../framework.ts';

function matchRequirement(r: NodeSelectorRequirement, labels: Record<string, string>, fields: Record<string, string>, isField: boolean): boolean {
  const src = isField ? fields : labels;
  const has = Object.prototype.hasOwnProperty.call(src, r.key);
  const v = src[r.key];
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return has && values.includes(v);
    case 'NotIn':
      return !has || !values.includes(v);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || values.length !== 1) return false;
      const a = Number.parseInt(v, 10);
      const b = Number.parseInt(values[0], 10);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

export function matchNodeSelectorTerm(term: NodeSelectorTerm, node: NodeInfo): boolean {
  return termMatchesNode(term, (node.node.metadata?.labels ?? {}) as Record<string, string>, node.name);
}

/** A node selector term against a node's labels and name (its one field); the DaemonSet controller uses it too. */
export function termMatchesNode(term: NodeSelectorTerm, labels: Record<string, string>, name: string): boolean {
  const fields = { 'metadata.name': name };
  const exprs = term.matchExpressions ?? [];
  const fieldExprs = term.matchFields ?? [];
  if (!exprs.length && !fieldExprs.length) return false;
  return exprs.every((r) => matchRequirement(r, labels, fields, false)) && fieldExprs.every((r) => matchRequirement(r, labels, fields, true));
}

export const NodeAffinityFilter: FilterPlugin = {
  name: 'NodeAffinity',
  static: true,
  filter(pod, node) {
    const spec = pod.pod.spec;
    const labels = (node.node.metadata?.labels ?? {}) as Record<string, string>;
    const sel = spec?.nodeSelector;
    if (sel) for (const k in sel) if (labels[k] !== sel[k]) return unresolvable(this.name, "node(s) didn't match Pod's node affinity/selector");
    const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (required && !required.nodeSelectorTerms.some((t) => matchNodeSelectorTerm(t, node))) {
      return unresolvable(this.name, "node(s) didn't match Pod's node affinity/selector");
    }
    return undefined;
  },
};

export const NodeAffinityScore: ScorePlugin = {
  name: 'NodeAffinity',
  static: true,
  weight: 2,
  score(pod, node) {
    const prefs = pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    if (!prefs?.length) return 0;
    return prefs.reduce((s, p) => s + (matchNodeSelectorTerm(p.preference, node) ? p.weight : 0), 0);
  },
  normalize(scores) {
    normalizeToMax(scores, false);
  },
};
