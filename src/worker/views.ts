// What the UI draws of each object: a small view computed in the worker, so the page never parses
// whole objects and a frame carries only what the graph and lists need.

import type { KubeObject } from '../engine/api/object.ts';
import type { Event, Node, Pod, Service } from '../engine/api/types.ts';
import { nodeRoles, nodeStatus, podRow } from '../engine/kubectl/printers/tables/core.ts';
import { hpaTargets } from '../engine/kubectl/printers/tables/workloads.ts';
import { parseRFC3339 } from '../engine/util/time.ts';
import type { ContainerView, EventView, ObjectView } from './protocol.ts';

/** The resources the UI mirrors (leases, endpoints and the like change often and are not drawn). */
export const VIEWED_RESOURCES: ReadonlySet<string> = new Set([
  'pods',
  'nodes',
  'namespaces',
  'services',
  'ingresses.networking.k8s.io',
  'deployments.apps',
  'replicasets.apps',
  'statefulsets.apps',
  'daemonsets.apps',
  'jobs.batch',
  'cronjobs.batch',
  'replicationcontrollers',
  'horizontalpodautoscalers.autoscaling',
  'persistentvolumeclaims',
  'horizontalpodautoscalers.autoscaling',
]);

export function viewKey(resource: string, obj: KubeObject): string {
  return `${resource}/${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
}

type Loose = Record<string, unknown>;
const rec = (v: unknown): Loose => (v && typeof v === 'object' ? (v as Loose) : {});
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const strMap = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(rec(v))) if (typeof x === 'string') out[k] = x;
  return out;
};

export function objectView(resource: string, obj: KubeObject, now: number, kubeletRunning: (node: string) => boolean): ObjectView {
  const m = obj.metadata;
  const v: ObjectView = {
    key: viewKey(resource, obj),
    kind: obj.kind ?? '',
    resource,
    namespace: m.namespace ?? '',
    name: m.name ?? '',
    uid: m.uid ?? '',
    labels: m.labels ?? {},
    owners: (m.ownerReferences ?? []).map((o) => o.uid),
    created: m.creationTimestamp ?? '',
    deleting: !!m.deletionTimestamp,
  };
  if (resource === 'pods') v.pod = podView(obj as unknown as Pod, now);
  else if (resource === 'nodes') v.node = nodeView(obj as unknown as Node, kubeletRunning);
  else if (resource === 'services') v.service = serviceView(obj as unknown as Service);
  else if (resource !== 'namespaces') v.workload = workloadView(resource, obj);
  return v;
}

function podView(pod: Pod, now: number): NonNullable<ObjectView['pod']> {
  const row = podRow(pod, now);
  const containers: ContainerView[] = [];
  const add = (names: { name: string }[] | undefined, statuses: NonNullable<Pod['status']>['containerStatuses'], init: boolean) => {
    for (const c of names ?? []) {
      const s = statuses?.find((x) => x.name === c.name);
      const st = s?.state;
      const state: ContainerView['state'] = st?.running ? 'running' : st?.terminated ? 'terminated' : st?.waiting ? 'waiting' : 'unknown';
      const reason = st?.waiting?.reason ?? st?.terminated?.reason ?? (st?.running ? 'Running' : '');
      containers.push({ name: c.name, state, reason, ready: !!s?.ready, restarts: s?.restartCount ?? 0, init });
    }
  };
  add(pod.spec?.initContainers, pod.status?.initContainerStatuses, true);
  add(pod.spec?.containers, pod.status?.containerStatuses, false);
  const readyCond = pod.status?.conditions?.find((c) => c.type === 'Ready');
  return {
    nodeName: pod.spec?.nodeName ?? '',
    status: row.status,
    ready: row.ready,
    restarts: row.restarts,
    phase: pod.status?.phase ?? '',
    ip: pod.status?.podIP ?? '',
    containers,
    isReady: readyCond?.status === 'True',
  };
}

function nodeView(node: Node, kubeletRunning: (node: string) => boolean): NonNullable<ObjectView['node']> {
  return {
    status: nodeStatus(node),
    roles: nodeRoles(node),
    ip: node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '',
    podCIDR: node.spec?.podCIDR ?? '',
    unschedulable: !!node.spec?.unschedulable,
    kubeletRunning: kubeletRunning(node.metadata?.name ?? ''),
    cpu: String(node.status?.allocatable?.cpu ?? ''),
    memory: String(node.status?.allocatable?.memory ?? ''),
  };
}

function serviceView(svc: Service): NonNullable<ObjectView['service']> {
  const ports = (svc.spec?.ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`));
  return {
    type: svc.spec?.type ?? 'ClusterIP',
    clusterIP: svc.spec?.clusterIP ?? '',
    ports: ports.join(',') || '<none>',
    selector: svc.spec?.selector ?? {},
  };
}

function workloadView(resource: string, obj: KubeObject): NonNullable<ObjectView['workload']> {
  const spec = rec((obj as unknown as Loose).spec);
  const status = rec((obj as unknown as Loose).status);
  const sel = rec(spec.selector);
  const selector = resource === 'replicationcontrollers' ? strMap(spec.selector) : strMap(sel.matchLabels);
  let ready = '';
  switch (resource) {
    case 'deployments.apps':
    case 'statefulsets.apps':
    case 'replicasets.apps':
    case 'replicationcontrollers':
      ready = `${num(status.readyReplicas)}/${num(spec.replicas)}`;
      break;
    case 'daemonsets.apps':
      ready = `${num(status.numberReady)}/${num(status.desiredNumberScheduled)}`;
      break;
    case 'jobs.batch':
      ready = `${num(status.succeeded)}/${typeof spec.completions === 'number' ? spec.completions : 1}`;
      break;
  }
  if (resource === 'horizontalpodautoscalers.autoscaling') return hpaView(obj, spec, status, selector);
  const revision = (obj.metadata.annotations ?? {})['deployment.kubernetes.io/revision'] ?? '';
  return { ready, selector, revision, ...(typeof spec.replicas === 'number' ? { replicas: spec.replicas } : {}) };
}

/** The resources an autoscaler's scaleTargetRef names, by kind. */
const SCALED: Record<string, string> = { Deployment: 'deployments.apps', ReplicaSet: 'replicasets.apps', StatefulSet: 'statefulsets.apps', ReplicationController: 'replicationcontrollers' };

function hpaView(obj: KubeObject, spec: Record<string, unknown>, status: Record<string, unknown>, selector: Record<string, string>): NonNullable<ObjectView['workload']> {
  const ref = rec(spec.scaleTargetRef);
  const resource = SCALED[String(ref.kind ?? '')];
  const targets = hpaTargets(spec.metrics as Parameters<typeof hpaTargets>[0], status.currentMetrics as Parameters<typeof hpaTargets>[1]);
  return {
    ready: '',
    selector,
    revision: '',
    ...(resource && typeof ref.name === 'string' ? { scales: `${resource}/${obj.metadata.namespace ?? ''}/${ref.name}` } : {}),
    detail: `${targets} · ${num(status.currentReplicas)} (${num(spec.minReplicas ?? 1)}–${num(spec.maxReplicas)})`,
  };
}

export function eventView(e: Event): EventView {
  const io = e.involvedObject ?? {};
  const when = parseRFC3339(e.lastTimestamp ?? undefined) ?? parseRFC3339((e as { eventTime?: string }).eventTime) ?? parseRFC3339(e.metadata?.creationTimestamp) ?? 0;
  return {
    uid: e.metadata?.uid ?? '',
    namespace: e.metadata?.namespace ?? '',
    type: e.type === 'Warning' ? 'Warning' : 'Normal',
    reason: e.reason ?? '',
    message: e.message ?? '',
    object: `${io.kind ?? ''}/${io.name ?? ''}`,
    objectKind: io.kind ?? '',
    count: e.count ?? 1,
    last: when,
    source: e.source?.component ?? e.reportingComponent ?? '',
  };
}
