// The namespace registry's strategy: a namespace is Active with the "kubernetes" finalizer; deleting
// it turns it Terminating until the namespace controller has emptied it and removed the finalizer.

import type { Namespace } from '../../api/types.ts';
import type { Strategy } from '../strategy.ts';

export const namespaceStrategy: Strategy = {
  prepareForCreate(obj) {
    const ns = obj as unknown as Namespace;
    ns.spec = { finalizers: ['kubernetes'] };
    ns.status = { phase: 'Active' };
  },
  prepareForUpdate(obj, old) {
    // spec.finalizers change only through the finalize subresource.
    (obj as unknown as Namespace).spec = (old as unknown as Namespace).spec;
  },
  specChanged: () => false,
  extraFinalizers(obj) {
    return (obj as unknown as Namespace).spec?.finalizers ?? [];
  },
  beginDelete(obj) {
    (obj as unknown as Namespace).status = { ...(obj as unknown as Namespace).status, phase: 'Terminating' };
  },
};
