// The daemonset registry's strategy: a DaemonSet's template generation starts at 1 and goes up by one
// whenever its pod template changes. The apps/v1 API carries it in the
// deprecated.daemonset.template.generation annotation, which clients cannot move themselves; the
// controller labels pods with it (pod-template-generation).

import type { KubeObject } from '../../api/object.ts';
import { deepEqual } from '../../api/object.ts';
import type { Strategy } from '../strategy.ts';

const ANNOTATION = 'deprecated.daemonset.template.generation';

function generationOf(obj: KubeObject): number {
  const n = Number.parseInt(obj.metadata.annotations?.[ANNOTATION] ?? '', 10);
  return Number.isFinite(n) ? n : 0;
}

function setGeneration(obj: KubeObject, n: number): void {
  obj.metadata.annotations = { ...obj.metadata.annotations, [ANNOTATION]: String(n) };
}

export const daemonSetStrategy: Strategy = {
  prepareForCreate(obj) {
    delete obj.status;
    setGeneration(obj, Math.max(1, generationOf(obj)));
  },
  prepareForUpdate(obj, old) {
    const template = (o: KubeObject) => (o.spec as { template?: unknown } | undefined)?.template;
    const changed = !deepEqual(template(obj), template(old));
    setGeneration(obj, generationOf(old) + (changed ? 1 : 0));
  },
};
