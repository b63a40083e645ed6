// Tables of networking, storage, policy, RBAC and scheduling kinds (printers.go).

import type { KubeObject } from '../../../api/object.ts';
import { formatLabelSelector } from '../../../api/labels.ts';
import type { LabelSelector } from '../../../api/types.ts';
import type { TablePrinter } from '../types.ts';
import { objAge } from './common.ts';

const spec = <T>(o: KubeObject) => (o.spec ?? {}) as T;

export const ingressTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'CLASS' }, { name: 'HOSTS' }, { name: 'ADDRESS' }, { name: 'PORTS' }, { name: 'AGE' }],
  row(o, ctx) {
    const s = spec<{ ingressClassName?: string; rules?: { host?: string }[]; tls?: unknown[] }>(o);
    const hosts = (s.rules ?? []).map((r) => r.host).filter(Boolean);
    const lb = ((o.status as { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } } | undefined)?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '');
    return [o.metadata.name!, s.ingressClassName ?? '<none>', hosts.length ? hosts.join(',') : '*', lb.join(','), s.tls?.length ? '80, 443' : '80', objAge(o, ctx)];
  },
};

export const ingressClassTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'CONTROLLER' }, { name: 'PARAMETERS' }, { name: 'AGE' }],
  row(o, ctx) {
    const s = spec<{ controller?: string; parameters?: { kind: string; name: string; apiGroup?: string } }>(o);
    const p = s.parameters ? `${s.parameters.kind}.${s.parameters.apiGroup ?? ''}/${s.parameters.name}` : '<none>';
    return [o.metadata.name!, s.controller ?? '', p, objAge(o, ctx)];
  },
};

export const networkPolicyTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'POD-SELECTOR' }, { name: 'AGE' }],
  row(o, ctx) {
    return [o.metadata.name!, formatLabelSelector(spec<{ podSelector?: LabelSelector }>(o).podSelector ?? {}), objAge(o, ctx)];
  },
};

/** Access modes as kubectl abbreviates them: RWO, ROX, RWX, RWOP. */
function accessModes(modes: string[] | undefined): string {
  const short: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };
  return (modes ?? []).map((m) => short[m] ?? m).join(',');
}

export const persistentVolumeTable: TablePrinter = {
  columns: [
    { name: 'NAME' },
    { name: 'CAPACITY' },
    { name: 'ACCESS MODES' },
    { name: 'RECLAIM POLICY' },
    { name: 'STATUS' },
    { name: 'CLAIM' },
    { name: 'STORAGECLASS' },
    { name: 'VOLUMEATTRIBUTESCLASS' },
    { name: 'REASON' },
    { name: 'AGE' },
    { name: 'VOLUMEMODE', wide: true },
  ],
  row(o, ctx) {
    const s = spec<{ capacity?: { storage?: string }; accessModes?: string[]; persistentVolumeReclaimPolicy?: string; claimRef?: { namespace?: string; name?: string }; storageClassName?: string; volumeAttributesClassName?: string; volumeMode?: string }>(o);
    const st = (o.status ?? {}) as { phase?: string; reason?: string };
    const claim = s.claimRef ? `${s.claimRef.namespace}/${s.claimRef.name}` : '';
    return [o.metadata.name!, String(s.capacity?.storage ?? ''), accessModes(s.accessModes), s.persistentVolumeReclaimPolicy ?? '', st.phase ?? '', claim, s.storageClassName ?? '', s.volumeAttributesClassName || '<unset>', st.reason ?? '', objAge(o, ctx), s.volumeMode ?? '<unset>'];
  },
};

export const persistentVolumeClaimTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'STATUS' }, { name: 'VOLUME' }, { name: 'CAPACITY' }, { name: 'ACCESS MODES' }, { name: 'STORAGECLASS' }, { name: 'VOLUMEATTRIBUTESCLASS' }, { name: 'AGE' }, { name: 'VOLUMEMODE', wide: true }],
  row(o, ctx) {
    const s = spec<{ volumeName?: string; storageClassName?: string; volumeAttributesClassName?: string; volumeMode?: string }>(o);
    const st = (o.status ?? {}) as { phase?: string; capacity?: { storage?: string }; accessModes?: string[] };
    const bound = st.phase === 'Bound';
    return [o.metadata.name!, st.phase ?? '', s.volumeName ?? '', bound ? String(st.capacity?.storage ?? '') : '', bound ? accessModes(st.accessModes) : '', s.storageClassName ?? '', s.volumeAttributesClassName || '<unset>', objAge(o, ctx), s.volumeMode ?? '<unset>'];
  },
};

export const storageClassTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'PROVISIONER' }, { name: 'RECLAIMPOLICY' }, { name: 'VOLUMEBINDINGMODE' }, { name: 'ALLOWVOLUMEEXPANSION' }, { name: 'AGE' }],
  row(o, ctx) {
    const s = o as unknown as { provisioner?: string; reclaimPolicy?: string; volumeBindingMode?: string; allowVolumeExpansion?: boolean };
    const isDefault = o.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true';
    return [o.metadata.name! + (isDefault ? ' (default)' : ''), s.provisioner ?? '', s.reclaimPolicy ?? 'Delete', s.volumeBindingMode ?? 'Immediate', String(!!s.allowVolumeExpansion), objAge(o, ctx)];
  },
};

export const priorityClassTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'VALUE' }, { name: 'GLOBAL-DEFAULT' }, { name: 'AGE' }],
  row(o, ctx) {
    const p = o as unknown as { value?: number; globalDefault?: boolean };
    return [o.metadata.name!, String(p.value ?? 0), String(!!p.globalDefault), objAge(o, ctx)];
  },
};

export const podDisruptionBudgetTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'MIN AVAILABLE' }, { name: 'MAX UNAVAILABLE' }, { name: 'ALLOWED DISRUPTIONS' }, { name: 'AGE' }],
  row(o, ctx) {
    const s = spec<{ minAvailable?: number | string; maxUnavailable?: number | string }>(o);
    const allowed = (o.status as { disruptionsAllowed?: number } | undefined)?.disruptionsAllowed ?? 0;
    return [o.metadata.name!, s.minAvailable === undefined ? 'N/A' : String(s.minAvailable), s.maxUnavailable === undefined ? 'N/A' : String(s.maxUnavailable), String(allowed), objAge(o, ctx)];
  },
};

interface Binding {
  roleRef?: { kind: string; name: string };
  subjects?: { kind: string; name: string; namespace?: string }[];
}

function subjects(b: Binding, kind: string): string {
  return (b.subjects ?? [])
    .filter((s) => s.kind === kind)
    .map((s) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name))
    .join(', ');
}

export const roleBindingTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'ROLE' }, { name: 'AGE' }, { name: 'USERS', wide: true }, { name: 'GROUPS', wide: true }, { name: 'SERVICEACCOUNTS', wide: true }],
  row(o, ctx) {
    const b = o as unknown as Binding;
    return [o.metadata.name!, b.roleRef ? `${b.roleRef.kind}/${b.roleRef.name}` : '', objAge(o, ctx), subjects(b, 'User'), subjects(b, 'Group'), subjects(b, 'ServiceAccount')];
  },
};

export const resourceQuotaTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'AGE' }, { name: 'REQUEST' }, { name: 'LIMIT' }],
  row(o, ctx) {
    const st = (o.status ?? {}) as { hard?: Record<string, string>; used?: Record<string, string> };
    const req: string[] = [];
    const lim: string[] = [];
    for (const k of Object.keys(st.hard ?? {}).sort()) {
      const text = `${k}: ${st.used?.[k] ?? '0'}/${st.hard![k]}`;
      if (k.startsWith('limits.')) lim.push(text);
      else req.push(text);
    }
    return [o.metadata.name!, objAge(o, ctx), req.join(', '), lim.join(', ')];
  },
};

export const endpointSliceTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'ADDRESSTYPE' }, { name: 'PORTS' }, { name: 'ENDPOINTS' }, { name: 'AGE' }],
  row(o, ctx) {
    const s = o as unknown as { addressType?: string; ports?: { port?: number }[]; endpoints?: { addresses: string[] }[] };
    const ports = (s.ports ?? []).map((p) => (p.port === undefined ? '<unset>' : String(p.port)));
    const addrs = (s.endpoints ?? []).flatMap((e) => e.addresses);
    const shown = addrs.slice(0, 3).join(',');
    return [o.metadata.name!, s.addressType ?? '', ports.length ? ports.join(',') : '<unset>', addrs.length > 3 ? `${shown} + ${addrs.length - 3} more...` : shown || '<unset>', objAge(o, ctx)];
  },
};

export const runtimeClassTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'HANDLER' }, { name: 'AGE' }],
  row(o, ctx) {
    return [o.metadata.name!, String((o as { handler?: string }).handler ?? ''), objAge(o, ctx)];
  },
};
