// kubectl describe for the other core kinds: namespaces, services, endpoints, config maps,
// secrets and service accounts.

import type { ConfigMap, Endpoints, Secret, ServiceAccount } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Namespace, Service, ServicePort } from '../../api/types.ts';
import type { KubeObject } from '../../api/object.ts';
import { R } from '../../api/wellknown.ts';
import { decodeBase64, utf8Bytes } from '../../util/base64.ts';
import { formatLabels } from '../printers/tables/common.ts';
import { describeEvents, eventsFor, printAnnotations, printLabels } from './common.ts';
import type { DescribeContext, Describer } from './types.ts';
import { LEVEL_0, LEVEL_1, LEVEL_2, tabbed, type PrefixWriter } from './writer.ts';

function header(w: PrefixWriter, obj: KubeObject, namespaced = true): void {
  w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
  if (namespaced) w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace}\n`);
  printLabels(w, 'Labels', obj.metadata.labels);
  printAnnotations(w, 'Annotations', obj.metadata.annotations);
}

function events(w: PrefixWriter, obj: KubeObject, ctx: DescribeContext): void {
  if (ctx.showEvents) describeEvents(w, eventsFor(ctx.store, obj), ctx.now);
}

export const namespaceDescriber: Describer = (obj, ctx) => {
  const ns = obj as unknown as Namespace;
  return tabbed((w) => {
    header(w, obj, false);
    w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
    const quotas = ctx.store.list('resourcequotas', obj.metadata.name);
    const limits = ctx.store.list('limitranges', obj.metadata.name);
    w.write(LEVEL_0, '\n');
    if (!quotas.length) w.write(LEVEL_0, 'No resource quota.\n');
    else for (const q of quotas) w.write(LEVEL_0, `Resource Quotas\n  Name:\t${q.metadata.name}\n`);
    w.write(LEVEL_0, '\n');
    if (!limits.length) w.write(LEVEL_0, 'No LimitRange resource.\n');
    else for (const l of limits) w.write(LEVEL_0, `Resource Limits\n  Name:\t${l.metadata.name}\n`);
  });
};

/** formatEndpointSlices: the ready endpoints for one service port, at most three shown. */
function endpointsFor(ctx: DescribeContext, svc: Service, port: ServicePort): string {
  const slices = ctx.store
    .list(R.endpointslices, svc.metadata!.namespace)
    .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc.metadata!.name) as unknown as EndpointSlice[];
  const list: string[] = [];
  let count = 0;
  for (const s of slices) {
    const p = (s.ports ?? []).find((x) => (x.name ?? '') === (port.name ?? ''));
    if (!p) continue;
    for (const e of s.endpoints ?? []) {
      if (e.conditions?.ready === false) continue;
      for (const a of e.addresses) {
        count++;
        if (list.length < 3) list.push(`${a}:${p.port}`);
      }
    }
  }
  if (!list.length) return '<none>';
  return count > 3 ? `${list.join(',')} + ${count - 3} more...` : list.join(',');
}

export const serviceDescriber: Describer = (obj, ctx) => {
  const svc = obj as unknown as Service;
  const spec = svc.spec ?? {};
  return tabbed((w) => {
    header(w, obj);
    w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
    w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`);
    if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
    w.write(LEVEL_0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
    w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
    w.write(LEVEL_0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`);
    if (spec.externalIPs?.length) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
    if (spec.loadBalancerIP) w.write(LEVEL_0, `IP:\t${spec.loadBalancerIP}\n`);
    const ingress = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter(Boolean);
    if (ingress.length) w.write(LEVEL_0, `LoadBalancer Ingress:\t${ingress.join(', ')}\n`);
    if (spec.type === 'ExternalName') w.write(LEVEL_0, `External Name:\t${spec.externalName ?? ''}\n`);
    for (const p of spec.ports ?? []) {
      const name = p.name || '<unset>';
      const proto = p.protocol ?? 'TCP';
      w.write(LEVEL_0, `Port:\t${name}\t${p.port}/${proto}\n`);
      w.write(LEVEL_0, `TargetPort:\t${String(p.targetPort ?? p.port)}/${proto}\n`);
      if (p.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${p.nodePort}/${proto}\n`);
      w.write(LEVEL_0, `Endpoints:\t${endpointsFor(ctx, svc, p)}\n`);
    }
    w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
    if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
    if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
    if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
    events(w, obj, ctx);
  });
};

export const endpointsDescriber: Describer = (obj, ctx) => {
  const ep = obj as unknown as Endpoints;
  return tabbed((w) => {
    header(w, obj);
    w.write(LEVEL_0, 'Subsets:\n');
    for (const s of ep.subsets ?? []) {
      w.write(LEVEL_1, `Addresses:\t${(s.addresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
      w.write(LEVEL_1, `NotReadyAddresses:\t${(s.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
      if (s.ports?.length) {
        w.write(LEVEL_1, 'Ports:\n    Name\tPort\tProtocol\n    ----\t----\t--------\n');
        for (const p of s.ports) w.write(LEVEL_2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? 'TCP'}\n`);
      }
      w.write(LEVEL_0, '\n');
    }
    events(w, obj, ctx);
  });
};

export const configMapDescriber: Describer = (obj, ctx) => {
  const cm = obj as unknown as ConfigMap;
  return tabbed((w) => {
    header(w, obj);
    w.write(LEVEL_0, '\nData\n====\n');
    for (const k of Object.keys(cm.data ?? {}).sort()) {
      w.write(LEVEL_0, `${k}:\n----\n`);
      w.write(LEVEL_0, `${cm.data![k]}\n`);
    }
    w.write(LEVEL_0, '\nBinaryData\n====\n');
    for (const k of Object.keys(cm.binaryData ?? {}).sort()) w.write(LEVEL_0, `${k}: ${decodedLength(cm.binaryData![k])} bytes\n`);
    w.write(LEVEL_0, '\n');
    events(w, obj, ctx);
  });
};

function decodedLength(b64: string): number {
  const text = decodeBase64(b64);
  return text === undefined ? 0 : utf8Bytes(text).length;
}

export const secretDescriber: Describer = (obj) => {
  const s = obj as unknown as Secret;
  return tabbed((w) => {
    header(w, obj);
    w.write(LEVEL_0, `\nType:\t${s.type ?? ''}\n`);
    w.write(LEVEL_0, '\nData\n====\n');
    for (const k of Object.keys(s.data ?? {}).sort()) {
      if (k === 'token' && s.type === 'kubernetes.io/service-account-token') w.write(LEVEL_0, `${k}:\t${decodeBase64(s.data![k]) ?? ''}\n`);
      else w.write(LEVEL_0, `${k}:\t${decodedLength(s.data![k])} bytes\n`);
    }
  });
};

export const serviceAccountDescriber: Describer = (obj, ctx) => {
  const sa = obj as unknown as ServiceAccount;
  return tabbed((w) => {
    header(w, obj);
    const list = (title: string, names: string[]) => {
      if (!names.length) {
        w.write(LEVEL_0, `${title}:\t<none>\n`);
        return;
      }
      names.forEach((n, i) => w.write(LEVEL_0, i === 0 ? `${title}:\t${n}\n` : `\t${n}\n`));
    };
    list('Image pull secrets', (sa.imagePullSecrets ?? []).map((s) => s.name ?? ''));
    list('Mountable secrets', (sa.secrets ?? []).map((s) => s.name ?? ''));
    list('Tokens', []);
    events(w, obj, ctx);
  });
};
