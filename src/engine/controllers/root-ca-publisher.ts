// The root CA publisher: every namespace gets the "kube-root-ca.crt" ConfigMap holding the cluster's
// CA bundle, which service account token volumes mount (pkg/controller/certificates/rootcacertpublisher).

import { K, R } from '../api/wellknown.ts';
import type { WorkQueue } from '../sim/sim.ts';
import type { Controller, ControllerContext } from './context.ts';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

export class RootCAPublisher implements Controller {
  readonly name = 'root-ca-cert-publisher';
  private queue: WorkQueue;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly caBundle: string,
  ) {
    this.queue = ctx.sim.queue(this.name, (ns) => this.sync(ns));
    ctx.store.watch(R.namespaces, (e) => {
      if (e.type === 'ADDED') this.queue.add(e.object.metadata.name!);
    });
    ctx.store.watch(R.configmaps, (e) => {
      if (e.object.metadata.name === ROOT_CA_CONFIGMAP && e.type !== 'ADDED') this.queue.add(e.object.metadata.namespace!);
    });
  }

  resync(): void {
    for (const ns of this.ctx.store.each(R.namespaces)) this.queue.add(ns.metadata.name!);
  }

  private sync(namespace: string): void {
    const { store, api } = this.ctx;
    const ns = store.get(R.namespaces, undefined, namespace);
    if (!ns || ns.metadata.deletionTimestamp) return;
    const cm = store.get(R.configmaps, namespace, ROOT_CA_CONFIGMAP);
    const data = { 'ca.crt': this.caBundle };
    if (!cm) {
      api.create(K.ConfigMap, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: ROOT_CA_CONFIGMAP, namespace, annotations: { 'kubernetes.io/description': DESCRIPTION } },
        data,
      });
    } else if ((cm.data as Record<string, string> | undefined)?.['ca.crt'] !== this.caBundle) {
      api.update(K.ConfigMap, { ...cm, data });
    }
  }
}

/** A PEM-looking CA certificate made from the seed (the sandbox has no real TLS). */
export function fakeCertificate(randomBase64: (n: number) => string): string {
  const body = randomBase64(1016);
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += 64) lines.push(body.slice(i, i + 64));
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
