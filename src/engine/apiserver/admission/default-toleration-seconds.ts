// DefaultTolerationSeconds: every pod tolerates a not-ready or unreachable node for 300 seconds
// before it is evicted, unless it says otherwise.

import type { Pod, Toleration } from '../../api/types.ts';
import type { AdmissionPlugin } from './types.ts';

export const DEFAULT_TOLERATION_SECONDS = 300;
const KEYS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

/** One shared, frozen object per default toleration: every pod carries the same two. */
const DEFAULT_TOLERATIONS: Record<string, Toleration> = Object.fromEntries(
  KEYS.map((key) => [key, Object.freeze({ effect: 'NoExecute', key, operator: 'Exists', tolerationSeconds: DEFAULT_TOLERATION_SECONDS })]),
);

export const DefaultTolerationSeconds: AdmissionPlugin = {
  name: 'DefaultTolerationSeconds',
  admit(req) {
    if (req.operation !== 'CREATE' || req.info.resource !== 'pods' || req.info.group !== '' || req.subresource) return;
    const spec = (req.object as Pod).spec;
    if (!spec) return;
    const tolerations: Toleration[] = [...(spec.tolerations ?? [])];
    for (const key of KEYS) {
      const tolerated = tolerations.some(
        (t) => (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'),
      );
      if (!tolerated) tolerations.push(DEFAULT_TOLERATIONS[key]);
    }
    spec.tolerations = tolerations;
  },
};
