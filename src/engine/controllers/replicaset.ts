// The ReplicaSet controller (pkg/controller/replicaset), which also serves ReplicationControllers
// as Kubernetes' replication manager does: one reconcile, two kinds. For each set it claims the
// active pods its selector matches (adopting orphans, releasing pods whose labels no longer match),
// creates or deletes pods until their number is spec.replicas, and reports the counts in status.

import type { KindInfo } from '../api/kinds.ts';
import { KINDS, groupResource } from '../api/kinds.ts';
import { labelSelectorAsSelector, selectorFromSet, type Selector } from '../api/labels.ts';
import { clone, controllerRef, deepEqual, objectKey, type KubeObject } from '../api/object.ts';
import type { LabelSelector, OwnerReference, Pod, PodSpec } from '../api/types.ts';
import { isApiError } from '../api/errors.ts';
import { K, R } from '../api/wellknown.ts';
import type { WorkQueue } from '../sim/sim.ts';
import type { WatchEvent } from '../store/store.ts';
import { formatRFC3339 } from '../util/time.ts';
import type { Controller, ControllerContext } from './context.ts';
import { BURST_REPLICAS, isPodActive, isPodAvailable, isPodReady, podsToDelete, SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from './replicaset-util.ts';

export type ReplicaSetLike = KubeObject & {
  spec?: {
    replicas?: number;
    minReadySeconds?: number;
    selector?: LabelSelector | Record<string, string>;
    template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[] }; spec?: PodSpec };
  };
  status?: ReplicaSetStatus;
};

export interface ReplicaSetCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface ReplicaSetStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: ReplicaSetCondition[];
}

type PodObj = KubeObject & Pod;

const POD_CONTROLLER_INDEX = 'controller-uid';
const POD_ORPHAN_INDEX = 'orphans';

const byKey = (a: KubeObject, b: KubeObject) => (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0);

/** What differs between the two kinds the controller serves. */
interface Flavor {
  info: KindInfo;
  apiVersion: string;
  /** The event source and queue name, as the controller-manager names them. */
  component: string;
  selector(rs: ReplicaSetLike): Selector;
}

const RC = KINDS.find((k) => k.kind === 'ReplicationController' && k.group === '')!;

export const REPLICA_SET: Flavor = {
  info: K.ReplicaSet,
  apiVersion: 'apps/v1',
  component: 'replicaset-controller',
  selector: (rs) => labelSelectorAsSelector(rs.spec?.selector as LabelSelector | undefined),
};

export const REPLICATION_CONTROLLER: Flavor = {
  info: RC,
  apiVersion: 'v1',
  component: 'replication-controller',
  // An RC's selector is a plain map; an empty one would select everything, which validation forbids.
  selector: (rc) => selectorFromSet((rc.spec?.selector as Record<string, string> | undefined) ?? {}),
};

export class ReplicaSetController implements Controller {
  readonly name: string;
  private readonly resource: string;
  private queue: WorkQueue;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly flavor: Flavor = REPLICA_SET,
  ) {
    this.name = flavor.component;
    this.resource = groupResource(flavor.info);
    this.queue = ctx.sim.queue(this.name, (key) => this.sync(key));
    // The pods each controller owns, and each namespace's orphans: a sync looks at those only,
    // not at every pod (the informer indexes of the real controller-manager serve the same end).
    ctx.store.addIndex(R.pods, POD_CONTROLLER_INDEX, (o) => {
      const ref = controllerRef(o);
      return ref ? [ref.uid] : [];
    });
    ctx.store.addIndex(R.pods, POD_ORPHAN_INDEX, (o) => (controllerRef(o) ? [] : [o.metadata.namespace ?? '']));
    ctx.store.watch(this.resource, (e) => {
      if (e.type !== 'DELETED') this.queue.add(objectKey(e.object));
    });
    ctx.store.watch(R.pods, (e) => this.onPod(e));
  }

  resync(): void {
    for (const rs of this.ctx.store.each(this.resource)) this.queue.add(objectKey(rs));
  }

  /** A pod changed: wake its controller, or, for an orphan, every set that could adopt it. */
  private onPod(e: WatchEvent): void {
    const pod = e.object as PodObj;
    const old = e.oldObject as PodObj | undefined;
    const ns = pod.metadata.namespace;
    for (const p of old ? [old, pod] : [pod]) {
      const ref = controllerRef(p);
      if (ref) {
        if (ref.kind === this.flavor.info.kind && ref.apiVersion === this.flavor.apiVersion) {
          const rs = this.ctx.store.get(this.resource, ns, ref.name);
          if (rs?.metadata.uid === ref.uid) this.queue.add(objectKey(rs));
        }
        continue;
      }
      if (e.type === 'DELETED') continue;
      for (const rs of this.ctx.store.list(this.resource, ns)) {
        try {
          if (this.flavor.selector(rs as ReplicaSetLike).matches(p.metadata.labels ?? {})) this.queue.add(objectKey(rs));
        } catch {
          // A set with an unparsable selector selects nothing.
        }
      }
    }
  }

  private sync(key: string) {
    const { store } = this.ctx;
    const rs = store.getByKey(this.resource, key) as ReplicaSetLike | undefined;
    if (!rs) return;
    let selector: Selector;
    try {
      selector = this.flavor.selector(rs);
    } catch {
      return; // Invalid selectors are rejected by validation; nothing to do with one.
    }
    const ns = rs.metadata.namespace;
    // The candidates: pods this set controls and the namespace's orphans.
    const owned = store.byIndex(R.pods, POD_CONTROLLER_INDEX, rs.metadata.uid!);
    const orphans = store.byIndex(R.pods, POD_ORPHAN_INDEX, ns ?? '');
    const active = [...owned, ...orphans].filter((p) => p.metadata.namespace === ns && isPodActive(p as PodObj)) as PodObj[];
    const pods = this.claimPods(rs, selector, active);
    let manageErr: string | undefined;
    if (!rs.metadata.deletionTimestamp) manageErr = this.manageReplicas(rs, pods);
    const now = this.ctx.sim.now();
    const status = calculateStatus(rs, pods, manageErr, now);
    const updated = this.updateStatus(rs, status);
    // A failed create or delete is retried with back-off, as a sync returning an error is.
    if (manageErr) return { retry: true as const };
    const replicas = updated.spec?.replicas ?? 1;
    const mrs = updated.spec?.minReadySeconds ?? 0;
    // Ready pods become available minReadySeconds later: look again then.
    if (mrs > 0 && updated.status?.readyReplicas === replicas && updated.status?.availableReplicas !== replicas) {
      return { requeueAfter: mrs * 1000 };
    }
    return undefined;
  }

  /** ClaimPods (PodControllerRefManager): adopt matching orphans, release owned pods that stopped matching. */
  private claimPods(rs: ReplicaSetLike, selector: Selector, pods: PodObj[]): PodObj[] {
    const claimed: PodObj[] = [];
    const uid = rs.metadata.uid!;
    const deleting = !!rs.metadata.deletionTimestamp;
    const toRelease: PodObj[] = [];
    const toAdopt: PodObj[] = [];
    for (const pod of pods) {
      const ref = controllerRef(pod);
      const matches = selector.matches(pod.metadata.labels ?? {});
      if (ref) {
        if (ref.uid !== uid) continue;
        if (matches) claimed.push(pod);
        else if (!deleting) toRelease.push(pod);
        continue;
      }
      if (deleting || !matches || pod.metadata.deletionTimestamp) continue;
      toAdopt.push(pod);
    }
    // Writes go in name order, so that their order never depends on how the index was built.
    for (const pod of toRelease.sort(byKey)) this.release(pod, uid);
    for (const pod of toAdopt.sort(byKey)) {
      const adopted = this.adopt(rs, pod);
      if (adopted) claimed.push(adopted);
    }
    return claimed;
  }

  private ownerRef(rs: ReplicaSetLike): OwnerReference {
    return { apiVersion: this.flavor.apiVersion, kind: this.flavor.info.kind, name: rs.metadata.name!, uid: rs.metadata.uid!, controller: true, blockOwnerDeletion: true };
  }

  private adopt(rs: ReplicaSetLike, pod: PodObj): PodObj | undefined {
    try {
      return this.ctx.api.mutate(K.Pod, pod.metadata.namespace, pod.metadata.name!, (p) => {
        if (controllerRef(p)) throw new Error('already owned');
        p.metadata.ownerReferences = [...(p.metadata.ownerReferences ?? []), this.ownerRef(rs)];
      }) as PodObj;
    } catch {
      return undefined; // Gone, or someone else adopted it first.
    }
  }

  private release(pod: PodObj, uid: string): void {
    try {
      this.ctx.api.mutate(K.Pod, pod.metadata.namespace, pod.metadata.name!, (p) => {
        const refs = (p.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
        if (refs.length) p.metadata.ownerReferences = refs;
        else delete p.metadata.ownerReferences;
      });
    } catch {
      // Gone meanwhile: nothing to release.
    }
  }

  /** manageReplicas: create or delete pods (at most BurstReplicas) so their number is spec.replicas. */
  private manageReplicas(rs: ReplicaSetLike, pods: PodObj[]): string | undefined {
    const want = rs.spec?.replicas ?? 1;
    const diff = pods.length - want;
    if (diff < 0) {
      const n = Math.min(-diff, BURST_REPLICAS);
      const { error } = slowStartBatch(n, SLOW_START_INITIAL_BATCH_SIZE, () => this.createPod(rs));
      return error as string | undefined;
    }
    if (diff > 0) {
      const n = Math.min(diff, BURST_REPLICAS);
      // Name order first: pods the ranking cannot tell apart go in the same order every time.
      const doomed = podsToDelete([...pods].sort(byKey), this.relatedPods(rs), n, this.ctx.sim.now());
      let first: string | undefined;
      for (const p of doomed) first ??= this.deletePod(rs, p);
      return first;
    }
    return undefined;
  }

  /** getIndirectlyRelatedPods: the pods of every set with the same controller (a Deployment's sets). */
  private relatedPods(rs: ReplicaSetLike): PodObj[] {
    const owner = controllerRef(rs);
    if (!owner) return [];
    const out: PodObj[] = [];
    const seen = new Set<string>();
    for (const other of this.ctx.store.list(this.resource, rs.metadata.namespace)) {
      if (controllerRef(other)?.uid !== owner.uid) continue;
      let sel: Selector;
      try {
        sel = this.flavor.selector(other as ReplicaSetLike);
      } catch {
        continue;
      }
      for (const p of this.ctx.store.list(R.pods, rs.metadata.namespace)) {
        if (seen.has(p.metadata.uid!) || !sel.matches(p.metadata.labels ?? {})) continue;
        seen.add(p.metadata.uid!);
        out.push(p as PodObj);
      }
    }
    return out;
  }

  /** GetPodFromTemplate and CreatePods: a pod named `<set>-` plus five random characters. */
  private createPod(rs: ReplicaSetLike): string | undefined {
    const t = rs.spec?.template ?? {};
    const meta = t.metadata ?? {};
    const pod: PodObj = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: `${rs.metadata.name}-`,
        namespace: rs.metadata.namespace,
        ...(meta.labels ? { labels: { ...meta.labels } } : {}),
        ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
        ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
        ownerReferences: [this.ownerRef(rs)],
      },
      spec: clone(t.spec ?? { containers: [] }),
    };
    try {
      const created = this.ctx.api.create(K.Pod, pod, { trusted: true });
      this.ctx.events.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, { component: this.flavor.component });
      return undefined;
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      // Pods refused because the namespace is terminating are not a failure of the set.
      if (isApiError(e) && msg.includes('because it is being terminated')) return undefined;
      this.ctx.events.event(rs, 'Warning', 'FailedCreate', `Error creating: ${msg}`, { component: this.flavor.component });
      return msg;
    }
  }

  private deletePod(rs: ReplicaSetLike, pod: PodObj): string | undefined {
    try {
      this.ctx.api.delete(K.Pod, pod.metadata.namespace, pod.metadata.name!, { preconditions: { uid: pod.metadata.uid } });
      this.ctx.events.event(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, { component: this.flavor.component });
      return undefined;
    } catch (e) {
      if (isApiError(e) && e.reason === 'NotFound') return undefined;
      const msg = e instanceof Error ? e.message : String(e);
      this.ctx.events.event(rs, 'Warning', 'FailedDelete', `Error deleting: ${msg}`, { component: this.flavor.component });
      return msg;
    }
  }

  /** updateReplicaSetStatus: writes status only when it changed, stamping observedGeneration. */
  private updateStatus(rs: ReplicaSetLike, status: ReplicaSetStatus): ReplicaSetLike {
    const cur = rs.status ?? { replicas: 0 };
    const same =
      cur.replicas === status.replicas &&
      (cur.fullyLabeledReplicas ?? 0) === (status.fullyLabeledReplicas ?? 0) &&
      (cur.readyReplicas ?? 0) === (status.readyReplicas ?? 0) &&
      (cur.availableReplicas ?? 0) === (status.availableReplicas ?? 0) &&
      cur.observedGeneration === rs.metadata.generation &&
      deepEqual(cur.conditions ?? [], status.conditions ?? []);
    if (same) return rs;
    const next = { ...rs, status: { ...status, observedGeneration: rs.metadata.generation } } as ReplicaSetLike;
    try {
      return this.ctx.api.update(this.flavor.info, next, { subresource: 'status', trusted: true }) as ReplicaSetLike;
    } catch {
      return rs; // Changed meanwhile: its watch event brings it back.
    }
  }
}

/** calculateStatus: counts over the claimed pods, and the ReplicaFailure condition. */
export function calculateStatus(rs: ReplicaSetLike, pods: readonly PodObj[], manageErr: string | undefined, now: number): ReplicaSetStatus {
  const templateLabels = selectorFromSet(rs.spec?.template?.metadata?.labels ?? {});
  const mrs = rs.spec?.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const p of pods) {
    if (templateLabels.matches(p.metadata.labels ?? {})) fullyLabeled++;
    if (isPodReady(p)) ready++;
    if (isPodAvailable(p, mrs, now)) available++;
  }
  const status: ReplicaSetStatus = { ...clone(rs.status ?? { replicas: 0 }) };
  let conditions = status.conditions ?? [];
  const failure = conditions.find((c) => c.type === 'ReplicaFailure');
  if (manageErr !== undefined && !failure) {
    const diff = pods.length - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : 'FailedDelete';
    conditions = [...conditions, { type: 'ReplicaFailure', status: 'True', lastTransitionTime: formatRFC3339(now), reason, message: manageErr }];
  } else if (manageErr === undefined && failure) {
    conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
  }
  if (conditions.length) status.conditions = conditions;
  else delete status.conditions;
  status.replicas = pods.length;
  // The counts other than replicas are omitempty: a zero is absent, as the apiserver stores it.
  const counts = { fullyLabeledReplicas: fullyLabeled, readyReplicas: ready, availableReplicas: available };
  for (const [k, v] of Object.entries(counts) as [keyof typeof counts, number][]) {
    if (v) status[k] = v;
    else delete status[k];
  }
  return status;
}
