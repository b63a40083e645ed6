// The pod registry's strategy: status starts Pending with the QoS class; deletion is graceful for a
// pod on a node (its terminationGracePeriodSeconds, 30 by default) and immediate otherwise.

import type { Pod } from '../../api/types.ts';
import { qosClass } from '../../api/pod-helpers.ts';
import type { Strategy } from '../strategy.ts';

export const DEFAULT_TERMINATION_GRACE_SECONDS = 30;

export const podStrategy: Strategy = {
  prepareForCreate(obj) {
    const pod = obj as unknown as Pod;
    pod.status = { phase: 'Pending', qosClass: qosClass(pod) };
  },
  prepareForStatusUpdate(obj, old) {
    // The QoS class never changes after creation.
    const pod = obj as unknown as Pod;
    const q = (old as unknown as Pod).status?.qosClass;
    if (q && pod.status) pod.status.qosClass = q;
  },
  gracePeriod(obj, opts) {
    const pod = obj as unknown as Pod;
    if (!pod.spec?.nodeName) return 0;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return 0;
    const grace = opts.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? DEFAULT_TERMINATION_GRACE_SECONDS;
    return Math.max(0, grace);
  },
};
