import type { FilterPlugin } from '../framework.ts';
import { unresolvable } from '../framework.ts';
import { tolerates } from './taint-toleration.ts';

const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

/** NodeUnschedulable: a cordoned node takes no new pods, unless the pod tolerates the unschedulable taint. */
export const NodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  static: true,
  filter(pod, node) {
    if (!node.node.spec?.unschedulable) return undefined;
    if (pod.tolerations.some((t) => tolerates(t, UNSCHEDULABLE_TAINT))) return undefined;
    return unresolvable(this.name, 'node(s) were unschedulable');
  },
};
