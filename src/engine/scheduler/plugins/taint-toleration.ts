// TaintToleration: a node's NoSchedule and NoExecute taints keep off pods that do not tolerate them;
// PreferNoSchedule taints only lower the score.

import type { Taint, Toleration } from '../../api/types.ts';
import type { FilterPlugin, ScorePlugin } from '../framework.ts';
import { normalizeToMax, unresolvable } from '../framework.ts';

/** Toleration.ToleratesTaint: effect (empty matches all), key (empty with Exists matches all), operator. */
export function tolerates(t: Toleration, taint: Pick<Taint, 'key' | 'effect' | 'value'>): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

export function untoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[], effects: readonly string[]): Taint | undefined {
  return taints.find((taint) => effects.includes(taint.effect) && !tolerations.some((t) => tolerates(t, taint)));
}

const FILTER_EFFECTS = ['NoSchedule', 'NoExecute'];

export const TaintTolerationFilter: FilterPlugin = {
  name: 'TaintToleration',
  static: true,
  filter(pod, node) {
    const taint = untoleratedTaint(node.taints, pod.tolerations, FILTER_EFFECTS);
    if (!taint) return undefined;
    return unresolvable(this.name, `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
  },
};

/** Fewer intolerable PreferNoSchedule taints score higher (normalised and reversed, as the plugin does). */
export const TaintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  static: true,
  weight: 3,
  score(pod, node) {
    let n = 0;
    for (const taint of node.taints) if (taint.effect === 'PreferNoSchedule' && !pod.tolerations.some((t) => tolerates(t, taint))) n++;
    return n;
  },
  normalize(scores) {
    normalizeToMax(scores, true);
  },
};
