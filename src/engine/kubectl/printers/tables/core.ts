// Tables of the core group's kinds, as pkg/printers/internalversion/printers.go builds them.

import type { ConfigMap, Endpoints, Secret, ServiceAccount } from 'kubernetes-types/core/v1';
import type { Event, Namespace, Node, Pod, Service } from '../../../api/types.ts';
import type { KubeObject } from '../../../api/object.ts';
import type { TablePrinter } from '../types.ts';
import { age, formatLabels, objAge } from './common.ts';
import { translateTimestampSince } from '../../../util/duration.ts';
import { parseRFC3339 } from '../../../util/time.ts';

const isRestartableInit = (c: { restartPolicy?: string } | undefined) => c?.restartPolicy === 'Always';

/** The STATUS, READY and RESTARTS columns of `kubectl get pods` (printPod). */
export function podRow(pod: Pod, now: number): { ready: string; status: string; restarts: string } {
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  let restarts = 0;
  let sidecarRestarts = 0;
  let total = spec.containers.length;
  let ready = 0;
  let lastRestart = 0;
  let lastSidecarRestart = 0;
  let reason: string = status.reason || status.phase || '';
  if (status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';
  const inits = new Map((spec.initContainers ?? []).map((c) => [c.name, c]));
  for (const c of spec.initContainers ?? []) if (isRestartableInit(c)) total++;

  const finished = (t: { finishedAt?: string } | undefined) => parseRFC3339(t?.finishedAt) ?? 0;
  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    restarts += c.restartCount;
    const lt = c.lastState?.terminated;
    if (lt && finished(lt) > lastRestart) lastRestart = finished(lt);
    if (isRestartableInit(inits.get(c.name))) {
      sidecarRestarts += c.restartCount;
      if (lt && finished(lt) > lastSidecarRestart) lastSidecarRestart = finished(lt);
    }
    const term = c.state?.terminated;
    const wait = c.state?.waiting;
    if (term && term.exitCode === 0) continue;
    if (isRestartableInit(inits.get(c.name)) && c.started) {
      if (c.ready) ready++;
      continue;
    }
    if (term) {
      reason = term.reason ? 'Init:' + term.reason : term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
    } else if (wait?.reason && wait.reason !== 'PodInitializing') {
      reason = 'Init:' + wait.reason;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    }
    initializing = true;
    break;
  }

  const initializedTrue = status.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initializedTrue) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const cs = status.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i];
      restarts += c.restartCount;
      const lt = c.lastState?.terminated;
      if (lt && finished(lt) > lastRestart) lastRestart = finished(lt);
      const wait = c.state?.waiting;
      const term = c.state?.terminated;
      if (wait?.reason) reason = wait.reason;
      else if (term?.reason) reason = term.reason;
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${term.exitCode}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }

  const phase = status.phase;
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  if (pod.metadata?.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && !terminal) reason = 'Terminating';

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestart) restartsStr = `${restarts} (${translateTimestampSince(lastRestart, now)} ago)`;
  return { ready: `${ready}/${total}`, status: reason, restarts: restartsStr };
}

export const podTable: TablePrinter = {
  columns: [
    { name: 'NAME' },
    { name: 'READY' },
    { name: 'STATUS' },
    { name: 'RESTARTS' },
    { name: 'AGE' },
    { name: 'IP', wide: true },
    { name: 'NODE', wide: true },
    { name: 'NOMINATED NODE', wide: true },
    { name: 'READINESS GATES', wide: true },
  ],
  row(obj, ctx) {
    const pod = obj as unknown as Pod;
    const r = podRow(pod, ctx.now);
    let gates = '<none>';
    const rg = pod.spec?.readinessGates ?? [];
    if (rg.length) {
      const trueCount = rg.filter((g) => pod.status?.conditions?.find((c) => c.type === g.conditionType)?.status === 'True').length;
      gates = `${trueCount}/${rg.length}`;
    }
    return [
      obj.metadata.name!,
      r.ready,
      r.status,
      r.restarts,
      objAge(obj, ctx),
      pod.status?.podIPs?.[0]?.ip || '<none>',
      pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      gates,
    ];
  },
};

/** The roles a node's labels give it (node-role.kubernetes.io/<role>, kubernetes.io/role). */
export function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

/** The STATUS column of `kubectl get nodes`. */
export function nodeStatus(node: Node): string {
  const statuses: string[] = [];
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  // printNode: Ready when the condition is True, NotReady when it is False or Unknown, Unknown without one.
  if (!ready) statuses.push('Unknown');
  else statuses.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (node.spec?.unschedulable) statuses.push('SchedulingDisabled');
  return statuses.join(',');
}

export const nodeTable: TablePrinter = {
  columns: [
    { name: 'NAME' },
    { name: 'STATUS' },
    { name: 'ROLES' },
    { name: 'AGE' },
    { name: 'VERSION' },
    { name: 'INTERNAL-IP', wide: true },
    { name: 'EXTERNAL-IP', wide: true },
    { name: 'OS-IMAGE', wide: true },
    { name: 'KERNEL-VERSION', wide: true },
    { name: 'CONTAINER-RUNTIME', wide: true },
  ],
  row(obj, ctx) {
    const node = obj as unknown as Node;
    const addr = (t: string) => node.status?.addresses?.find((a) => a.type === t)?.address || '<none>';
    const info = node.status?.nodeInfo;
    return [
      obj.metadata.name!,
      nodeStatus(node),
      nodeRoles(node),
      objAge(obj, ctx),
      info?.kubeletVersion ?? '',
      addr('InternalIP'),
      addr('ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    ];
  },
};

export const namespaceTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'STATUS' }, { name: 'AGE' }],
  row(obj, ctx) {
    return [obj.metadata.name!, (obj as unknown as Namespace).status?.phase ?? '', objAge(obj, ctx)];
  },
};

/** The PORT(S) column: 80/TCP, 80:30001/TCP, joined by commas. */
export function servicePorts(svc: Service): string {
  const ports = svc.spec?.ports ?? [];
  if (!ports.length) return '<none>';
  return ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

/** The EXTERNAL-IP column (getServiceExternalIP). */
export function serviceExternalIP(svc: Service, wide: boolean): string {
  const spec = svc.spec ?? {};
  const external = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'NodePort':
    case 'ClusterIP':
    case undefined:
      return external.length ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter(Boolean);
      const all = [...lb, ...external];
      if (!all.length) return '<pending>';
      const s = all.join(',');
      return !wide && s.length > 16 ? s.slice(0, 13) + '...' : s;
    }
    case 'ExternalName':
      return spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

export const serviceTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'TYPE' }, { name: 'CLUSTER-IP' }, { name: 'EXTERNAL-IP' }, { name: 'PORT(S)' }, { name: 'AGE' }, { name: 'SELECTOR', wide: true }],
  row(obj, ctx) {
    const svc = obj as unknown as Service;
    const clusterIP = svc.spec?.clusterIPs?.length ? svc.spec.clusterIPs[0] : svc.spec?.clusterIP || '<none>';
    return [
      obj.metadata.name!,
      svc.spec?.type ?? 'ClusterIP',
      clusterIP,
      serviceExternalIP(svc, false),
      servicePorts(svc),
      objAge(obj, ctx),
      formatLabels(svc.spec?.selector),
    ];
  },
};

/** The ENDPOINTS column: at most three ip:port pairs, then "+ N more...". */
export function formatEndpoints(ep: Endpoints): string {
  const max = 3;
  const list: string[] = [];
  let count = 0;
  let more = false;
  for (const ss of ep.subsets ?? []) {
    const ports = ss.ports?.length ? ss.ports : [undefined];
    for (const port of ports) {
      for (const a of ss.addresses ?? []) {
        if (list.length < max) list.push(port ? `${a.ip}:${port.port}` : a.ip);
        else more = true;
        count++;
      }
    }
  }
  let s = list.join(',');
  if (more) s += ` + ${count - max} more...`;
  return s || '<none>';
}

export const endpointsTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'ENDPOINTS' }, { name: 'AGE' }],
  row(obj, ctx) {
    return [obj.metadata.name!, formatEndpoints(obj as unknown as Endpoints), objAge(obj, ctx)];
  },
};

export const configMapTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'DATA' }, { name: 'AGE' }],
  row(obj, ctx) {
    const cm = obj as unknown as ConfigMap;
    return [obj.metadata.name!, String(Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length), objAge(obj, ctx)];
  },
};

export const secretTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'TYPE' }, { name: 'DATA' }, { name: 'AGE' }],
  row(obj, ctx) {
    const s = obj as unknown as Secret;
    return [obj.metadata.name!, s.type ?? '', String(Object.keys(s.data ?? {}).length), objAge(obj, ctx)];
  },
};

export const serviceAccountTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'SECRETS' }, { name: 'AGE' }],
  row(obj, ctx) {
    return [obj.metadata.name!, String((obj as unknown as ServiceAccount).secrets?.length ?? 0), objAge(obj, ctx)];
  },
};

function eventObject(e: Event): string {
  return `${(e.involvedObject.kind ?? '').toLowerCase()}/${e.involvedObject.name ?? ''}`;
}

export const eventTable: TablePrinter = {
  columns: [
    { name: 'LAST SEEN' },
    { name: 'TYPE' },
    { name: 'REASON' },
    { name: 'OBJECT' },
    { name: 'SUBOBJECT', wide: true },
    { name: 'SOURCE', wide: true },
    { name: 'MESSAGE' },
    { name: 'FIRST SEEN', wide: true },
    { name: 'COUNT', wide: true },
    { name: 'NAME', wide: true },
  ],
  row(obj, ctx) {
    const e = obj as unknown as Event;
    const first = e.firstTimestamp ?? e.eventTime ?? obj.metadata.creationTimestamp;
    const last = e.lastTimestamp ?? e.eventTime ?? first;
    const src = e.source?.component ? (e.source.host ? `${e.source.component}, ${e.source.host}` : e.source.component) : e.reportingComponent ?? '';
    return [
      age(last, ctx),
      e.type ?? '',
      e.reason ?? '',
      eventObject(e),
      e.involvedObject.fieldPath ?? '',
      src,
      (e.message ?? '').trim(),
      age(first, ctx),
      String(e.count ?? 1),
      obj.metadata.name!,
    ];
  },
};

/** Kinds with no table of their own: the apiserver's default table (name and creation time). */
export const defaultTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'CREATED AT' }],
  row(obj: KubeObject) {
    return [obj.metadata.name!, obj.metadata.creationTimestamp ?? ''];
  },
};

export const leaseTable: TablePrinter = {
  columns: [{ name: 'NAME' }, { name: 'HOLDER' }, { name: 'AGE' }],
  row(obj, ctx) {
    return [obj.metadata.name!, ((obj.spec as { holderIdentity?: string } | undefined)?.holderIdentity) ?? '', objAge(obj, ctx)];
  },
};
