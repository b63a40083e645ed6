import type { FilterPlugin } from '../framework.ts';
import { unresolvable } from '../framework.ts';

/** NodeName: a pod that names a node fits only there. */
export const NodeName: FilterPlugin = {
  name: 'NodeName',
  static: true,
  filter(pod, node) {
    const want = pod.pod.spec?.nodeName;
    if (want && want !== node.name) return unresolvable(this.name, "node(s) didn't match the requested node name");
    return undefined;
  },
};
