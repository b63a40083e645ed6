// ServiceAccount admission: a pod runs as a service account ("default" unless it names one), which
// must exist, and gets its API credentials as the projected kube-api-access volume in every container.

import type { Container, Pod, ServiceAccount, Volume } from '../../api/types.ts';
import * as errors from '../../api/errors.ts';
import { isMirrorPod } from '../../api/pod-helpers.ts';
import { R } from '../../api/wellknown.ts';
import { deepFreeze } from '../../api/object.ts';
import type { AdmissionPlugin } from './types.ts';

export const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The same projection for every pod: shared and frozen (stored objects are never mutated). */
const TOKEN_PROJECTION = deepFreeze({
  defaultMode: 420,
  sources: [
    { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
    { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
    { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
  ],
});

export const ServiceAccountAdmission: AdmissionPlugin = {
  name: 'ServiceAccount',
  admit(req, ctx) {
    if (req.operation !== 'CREATE' || req.info.resource !== 'pods' || req.info.group !== '' || req.subresource) return;
    const pod = req.object as Pod;
    if (isMirrorPod(pod)) return;
    const spec = pod.spec;
    if (!spec) return;
    const saName = spec.serviceAccountName || 'default';
    spec.serviceAccountName = saName;
    spec.serviceAccount = saName;
    const ns = req.namespace ?? 'default';
    const sa = ctx.lookup(R.serviceaccounts, ns, saName) as ServiceAccount | undefined;
    if (!sa) {
      throw errors.forbidden('pods', req.name, `error looking up service account ${ns}/${saName}: serviceaccount "${saName}" not found`);
    }
    const automount = spec.automountServiceAccountToken ?? sa.automountServiceAccountToken ?? true;
    if (!automount) return;
    if ((spec.volumes ?? []).some((v) => v.name.startsWith('kube-api-access-'))) return;
    const name = `kube-api-access-${ctx.random.string(5)}`;
    const volume: Volume = { name, projected: TOKEN_PROJECTION };
    spec.volumes = [...(spec.volumes ?? []), volume];
    const addMount = (c: Container) => {
      if ((c.volumeMounts ?? []).some((m) => m.mountPath === TOKEN_MOUNT_PATH)) return;
      c.volumeMounts = [...(c.volumeMounts ?? []), { mountPath: TOKEN_MOUNT_PATH, name, readOnly: true }];
    };
    for (const c of spec.initContainers ?? []) addMount(c);
    for (const c of spec.containers ?? []) addMount(c);
  },
};
