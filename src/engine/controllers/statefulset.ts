// The StatefulSet controller (pkg/controller/statefulset). Pods have stable names `<set>-<ordinal>`,
// a hostname and the governing service as subdomain, and one PersistentVolumeClaim per claim
// template that outlives them. With OrderedReady, pod N is made only once 0…N-1 are Running and
// Ready, and pods are removed from the highest ordinal down; Parallel makes and removes them all at
// once. A template change is recorded as a ControllerRevision; RollingUpdate replaces pods from the
// highest ordinal down to the partition, one at a time, OnDelete when someone deletes them.
// Its only state is its work queue, which the simulation snapshots; everything else is re-read.

import type * as core from 'kubernetes-types/core/v1';
import type { KindInfo } from '../api/kinds.ts';
import { KINDS, groupResource } from '../api/kinds.ts';
import { labelSelectorAsSelector, type Selector } from '../api/labels.ts';
import { clone, controllerRef, deepEqual, objectKey, type KubeObject } from '../api/object.ts';
import type { LabelSelector, Mutable, OwnerReference, Pod, PodSpec } from '../api/types.ts';
import { K, R } from '../api/wellknown.ts';
import { isApiError } from '../api/errors.ts';
import type { WorkQueue } from '../sim/sim.ts';
import type { Controller, ControllerContext } from './context.ts';
import {
  CONTROLLER_REVISION_HASH,
  controllerRevisionName,
  hashRevisionData,
  maxRevision,
  revisionDataJSON,
  sortByRevision,
  sortedJSON,
  templatePatch,
  templatePatchJSON,
  type ControllerRevision,
} from './history.ts';
import { availableAt, claim, isPodAvailable, isPodReady, newControllerRef } from './ref-manager.ts';
import {
  claimName,
  claimOwners,
  completeRollingUpdate,
  parentAndOrdinal,
  POD_INDEX_LABEL,
  POD_NAME_LABEL,
  podName,
  revisionForNewPod,
  rollingUpdateTarget,
  statusCounts,
  type ReplicaView,
} from './statefulset-util.ts';

const find = (kind: string, group: string) => KINDS.find((x) => x.kind === kind && x.group === group)!;
const STS: KindInfo = find('StatefulSet', 'apps');
const CR: KindInfo = find('ControllerRevision', 'apps');
const PVC: KindInfo = find('PersistentVolumeClaim', '');
const STS_RESOURCE = groupResource(STS);
const CR_RESOURCE = groupResource(CR);
const PVC_RESOURCE = groupResource(PVC);
const SOURCE = { component: 'statefulset-controller' };

type PodTemplateSpec = Mutable<core.PodTemplateSpec>;
type ClaimObj = KubeObject & Mutable<core.PersistentVolumeClaim>;
type PodObj = KubeObject & Pod;

export interface StatefulSetStatus {
  observedGeneration?: number;
  replicas: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount?: number;
  availableReplicas: number;
}

export type StatefulSetObj = KubeObject & {
  spec?: {
    replicas?: number;
    selector?: LabelSelector;
    template?: PodTemplateSpec;
    serviceName?: string;
    podManagementPolicy?: string;
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
    volumeClaimTemplates?: ClaimObj[];
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
    persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string };
    ordinals?: { start?: number };
  };
  status?: StatefulSetStatus;
};

const isCreated = (p: Pod) => !!p.status?.phase;
const isTerminating = (p: Pod) => !!p.metadata?.deletionTimestamp;
const isRunningAndReady = (p: Pod) => p.status?.phase === 'Running' && isPodReady(p);
const isHealthy = (p: Pod) => isRunningAndReady(p) && !isTerminating(p);
const podRevision = (p: Pod) => p.metadata?.labels?.[CONTROLLER_REVISION_HASH] ?? '';

export class StatefulSetController implements Controller {
  readonly name = 'statefulset-controller';
  private queue: WorkQueue;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.sim.queue(this.name, (key) => this.sync(key));
    ctx.store.watch(STS_RESOURCE, (e) => this.queue.add(objectKey(e.object)));
    ctx.store.watch(R.pods, (e) => this.onPod(e.object as PodObj, e.oldObject as PodObj | undefined, e.type === 'DELETED'));
    ctx.store.watch(CR_RESOURCE, (e) => {
      const ref = controllerRef(e.object);
      if (ref?.kind === 'StatefulSet') this.queue.add(`${e.object.metadata.namespace}/${ref.name}`);
    });
  }

  resync(): void {
    for (const s of this.ctx.store.list(STS_RESOURCE)) this.queue.add(objectKey(s));
  }

  private onPod(pod: PodObj, old: PodObj | undefined, deleted: boolean): void {
    const ns = pod.metadata.namespace!;
    const ref = controllerRef(pod);
    const oldRef = old ? controllerRef(old) : undefined;
    if (oldRef?.kind === 'StatefulSet' && oldRef.uid !== ref?.uid) this.queue.add(`${ns}/${oldRef.name}`);
    if (ref) {
      if (ref.kind === 'StatefulSet') this.queue.add(`${ns}/${ref.name}`);
      return;
    }
    if (deleted || (old && deepEqual(old.metadata.labels, pod.metadata.labels))) return;
    for (const s of this.ctx.store.list(STS_RESOURCE, ns) as StatefulSetObj[]) if (selectorOf(s)?.matches(pod.metadata.labels)) this.queue.add(objectKey(s));
  }

  private sync(key: string): { requeueAfter: number } | void {
    const [ns, name] = key.split('/');
    const set = this.ctx.store.get(STS_RESOURCE, ns, name) as StatefulSetObj | undefined;
    if (!set) return;
    const selector = selectorOf(set);
    if (!selector) return;
    const revisions = claim(this.ctx, CR, set, selector, this.ctx.store.list(CR_RESOURCE, ns) as ControllerRevision[]);
    const pods = claim(this.ctx, K.Pod, set, selector, this.ctx.store.list(R.pods, ns) as PodObj[], (p) => parentAndOrdinal(p.metadata.name!).parent === name);
    const revs = this.getRevisions(set, sortByRevision(revisions));
    if (!revs) return { requeueAfter: 1000 };
    const { current, update, collisionCount } = revs;
    const status = this.updateStatefulSet(set, current, update, collisionCount, pods);
    this.writeStatus(set, status);
    this.truncateHistory(set, current, update);
    const minReady = set.spec?.minReadySeconds ?? 0;
    if (minReady > 0 && status.availableReplicas !== (set.spec?.replicas ?? 1)) {
      // A pod turning available is no event: look again when the first ready one does.
      const now = this.ctx.sim.now();
      let at: number | undefined;
      for (const p of this.ctx.store.list(R.pods, ns) as PodObj[]) {
        if (controllerRef(p)?.uid !== set.metadata.uid) continue;
        const t = availableAt(p, minReady, now);
        if (t !== undefined && (at === undefined || t < at)) at = t;
      }
      return { requeueAfter: at !== undefined ? at - now : minReady * 1000 };
    }
  }

  // ---- revisions ----

  /** getStatefulSetRevisions: the current revision (from status) and the update revision (the template's). */
  private getRevisions(set: StatefulSetObj, revisions: ControllerRevision[]): { current: ControllerRevision; update: ControllerRevision; collisionCount: number } | undefined {
    let collisionCount = set.status?.collisionCount ?? 0;
    const data = templatePatch(set.spec?.template);
    const dataJSON = templatePatchJSON(set.spec?.template);
    const next = maxRevision(revisions) + 1;
    const equal = revisions.filter((r) => revisionDataJSON(r) === dataJSON);
    let update: ControllerRevision | undefined;
    if (equal.length && equal[equal.length - 1] === revisions[revisions.length - 1]) {
      update = revisions[revisions.length - 1];
    } else if (equal.length) {
      // Back to an earlier template: that revision becomes the newest again (a rollback).
      try {
        update = this.ctx.api.update(CR, { ...clone(equal[equal.length - 1]), revision: next }, { trusted: true }) as ControllerRevision;
      } catch {
        return undefined;
      }
    } else {
      const created = this.createRevision(set, data, next, collisionCount);
      if (!created) return undefined;
      update = created.revision;
      collisionCount = created.collisionCount;
    }
    const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
    return { current, update, collisionCount };
  }

  /** CreateControllerRevision: a name taken by different data means a hash collision; probe again. */
  private createRevision(set: StatefulSetObj, data: unknown, revision: number, collisionCount: number): { revision: ControllerRevision; collisionCount: number } | undefined {
    for (let probe = collisionCount; probe < collisionCount + 10; probe++) {
      const hash = hashRevisionData(data, probe);
      const name = controllerRevisionName(set.metadata.name!, hash);
      const rev: ControllerRevision = {
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: {
          name,
          namespace: set.metadata.namespace,
          labels: { ...set.spec?.template?.metadata?.labels, [CONTROLLER_REVISION_HASH]: hash },
          ...(set.metadata.annotations ? { annotations: { ...set.metadata.annotations } } : {}),
          ownerReferences: [newControllerRef(set)],
        },
        data,
        revision,
      };
      try {
        return { revision: this.ctx.api.create(CR, rev) as ControllerRevision, collisionCount: probe };
      } catch (err) {
        if (!isApiError(err) || err.status.code !== 409) return undefined;
        const existing = this.ctx.store.get(CR_RESOURCE, set.metadata.namespace, name) as ControllerRevision | undefined;
        if (existing && sortedJSON(existing.data) === sortedJSON(data)) return { revision: existing, collisionCount: probe };
      }
    }
    return undefined;
  }

  /** truncateHistory: revisions no pod uses beyond revisionHistoryLimit go, oldest first. */
  private truncateHistory(set: StatefulSetObj, current: ControllerRevision, update: ControllerRevision): void {
    const ns = set.metadata.namespace!;
    const live = new Set([current.metadata.name, update.metadata.name]);
    for (const p of this.ctx.store.list(R.pods, ns) as PodObj[]) if (controllerRef(p)?.uid === set.metadata.uid) live.add(podRevision(p));
    const owned = (this.ctx.store.list(CR_RESOURCE, ns) as ControllerRevision[]).filter((r) => controllerRef(r)?.uid === set.metadata.uid);
    const history = sortByRevision(owned).filter((r) => !live.has(r.metadata.name));
    const excess = history.length - (set.spec?.revisionHistoryLimit ?? 10);
    for (const r of history.slice(0, Math.max(0, excess))) {
      try {
        this.ctx.api.delete(CR, ns, r.metadata.name!);
      } catch {
        // Gone already.
      }
    }
  }

  // ---- pods ----

  /** updateStatefulSet: create, replace and remove pods as the policy allows, and count them. */
  private updateStatefulSet(set: StatefulSetObj, current: ControllerRevision, update: ControllerRevision, collisionCount: number, pods: PodObj[]): StatefulSetStatus {
    const spec = set.spec ?? {};
    const replicaCount = spec.replicas ?? 1;
    const start = spec.ordinals?.start ?? 0;
    const now = this.ctx.sim.now();
    const minReady = spec.minReadySeconds ?? 0;
    const monotonic = spec.podManagementPolicy !== 'Parallel';
    const counts = statusCounts(pods.map((p) => this.view(p, minReady, now)), current.metadata.name!, update.metadata.name!);
    const status: StatefulSetStatus = {
      observedGeneration: set.metadata.generation,
      replicas: counts.replicas,
      readyReplicas: counts.readyReplicas,
      currentReplicas: counts.currentReplicas,
      updatedReplicas: counts.updatedReplicas,
      currentRevision: current.metadata.name,
      updateRevision: update.metadata.name,
      collisionCount,
      availableReplicas: counts.availableReplicas,
    };
    if (set.metadata.deletionTimestamp) return status;

    const replicas: (PodObj | undefined)[] = new Array(replicaCount).fill(undefined);
    const condemned: PodObj[] = [];
    for (const p of pods) {
      const ord = parentAndOrdinal(p.metadata.name!).ordinal;
      if (ord >= start && ord < start + replicaCount) replicas[ord - start] = p;
      else if (ord >= 0) condemned.push(p);
    }
    condemned.sort((a, b) => parentAndOrdinal(b.metadata.name!).ordinal - parentAndOrdinal(a.metadata.name!).ordinal);
    // The first unhealthy pod: among the replicas in order, else among the condemned from the lowest.
    let firstUnhealthy: PodObj | undefined = replicas.find((p) => p && !isHealthy(p));
    if (!firstUnhealthy) for (let i = condemned.length - 1; i >= 0 && !firstUnhealthy; i--) if (!isHealthy(condemned[i])) firstUnhealthy = condemned[i];

    const choice = {
      strategy: spec.updateStrategy?.type,
      partition: spec.updateStrategy?.rollingUpdate?.partition,
      hasRollingUpdate: !!spec.updateStrategy?.rollingUpdate,
      currentReplicas: set.status?.currentReplicas ?? 0,
      startOrdinal: start,
    };
    for (let i = 0; i < replicaCount; i++) {
      const pod = replicas[i];
      if (!pod) {
        const ord = start + i;
        const useCurrent = revisionForNewPod(ord, choice) === 'current';
        const created = this.createPod(set, useCurrent ? current : update, ord);
        if (!created) return status;
        status.replicas++;
        const rev = (useCurrent ? current : update).metadata.name;
        if (rev === current.metadata.name) status.currentReplicas = (status.currentReplicas ?? 0) + 1;
        if (rev === update.metadata.name) status.updatedReplicas = (status.updatedReplicas ?? 0) + 1;
        if (monotonic) return status;
        continue;
      }
      const phase = pod.status?.phase;
      if (phase === 'Failed' || phase === 'Succeeded') {
        if (!isTerminating(pod)) {
          if (phase === 'Failed') this.ctx.events.event(set, 'Warning', 'RecreatingFailedPod', `StatefulSet ${set.metadata.namespace}/${set.metadata.name} is recreating failed Pod ${pod.metadata.name}`, SOURCE);
          else this.ctx.events.event(set, 'Normal', 'RecreatingTerminatedPod', `StatefulSet ${set.metadata.namespace}/${set.metadata.name} is recreating terminated Pod ${pod.metadata.name}`, SOURCE);
          this.deletePod(set, pod);
        }
        // The new pod comes on the sync after this one is gone.
        if (monotonic) return status;
        continue;
      }
      if (!isCreated(pod)) {
        if (monotonic) return status;
        continue;
      }
      if (phase === 'Pending') this.createClaims(set, pod, start + i);
      if (isTerminating(pod) && monotonic) return status;
      if (!isRunningAndReady(pod) && monotonic) return status;
      if (!isPodAvailable(pod, minReady, now) && monotonic) return status;
      this.fixIdentity(set, pod, start + i);
    }

    // Scale down: highest ordinal first, each after its predecessors are healthy (OrderedReady).
    for (const pod of condemned) {
      if (isTerminating(pod)) {
        if (monotonic) return status;
        continue;
      }
      if (monotonic && pod !== firstUnhealthy && (!isRunningAndReady(pod) || !isPodAvailable(pod, minReady, now))) return status;
      this.setClaimOwners(set, pod, parentAndOrdinal(pod.metadata.name!).ordinal, true);
      if (!this.deletePod(set, pod)) return status;
      if (monotonic) return status;
    }

    if (spec.updateStrategy?.type !== 'RollingUpdate') return status;
    const partition = spec.updateStrategy.rollingUpdate?.partition ?? 0;
    const views = replicas.map((p) => (p ? this.view(p, minReady, now) : { created: false, terminating: false, runningAndReady: false, available: false, revision: '' }));
    const target = rollingUpdateTarget(views, partition, update.metadata.name!);
    if (target !== undefined && replicas[target]) {
      if (this.deletePod(set, replicas[target]!)) status.currentReplicas = Math.max(0, (status.currentReplicas ?? 0) - 1);
    }
    return status;
  }

  private view(p: PodObj, minReady: number, now: number): ReplicaView {
    return { created: isCreated(p), terminating: isTerminating(p), runningAndReady: isRunningAndReady(p), available: isPodAvailable(p, minReady, now), revision: podRevision(p) };
  }

  /** newStatefulSetPod at a revision's template, with its identity and storage; claims first (CreateStatefulPod). */
  private createPod(set: StatefulSetObj, revision: ControllerRevision, ordinal: number): boolean {
    const template = revisionTemplate(revision) ?? set.spec?.template ?? {};
    const name = podName(set.metadata.name!, ordinal);
    const spec: PodSpec = clone(template.spec ?? { containers: [] });
    spec.hostname = name;
    if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName;
    spec.volumes = storageVolumes(set, ordinal, spec.volumes);
    const pod: PodObj = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        generateName: `${set.metadata.name}-`,
        namespace: set.metadata.namespace,
        labels: { ...template.metadata?.labels, [CONTROLLER_REVISION_HASH]: revision.metadata.name!, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) },
        ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
        ownerReferences: [newControllerRef(set)],
      },
      spec,
    };
    if (!this.createClaims(set, pod, ordinal)) return false;
    try {
      this.ctx.api.create(K.Pod, pod);
    } catch (err) {
      if (isApiError(err) && err.status.code === 409) return false;
      this.ctx.events.event(set, 'Warning', 'FailedCreate', `create Pod ${name} in StatefulSet ${set.metadata.name} failed error: ${errorText(err)}`, SOURCE);
      return false;
    }
    this.setClaimOwners(set, pod, ordinal, false);
    this.ctx.events.event(set, 'Normal', 'SuccessfulCreate', `create Pod ${name} in StatefulSet ${set.metadata.name} successful`, SOURCE);
    return true;
  }

  /** createPersistentVolumeClaims: each claim template's claim for this ordinal, if it is missing. */
  private createClaims(set: StatefulSetObj, pod: PodObj, ordinal: number): boolean {
    let ok = true;
    for (const t of set.spec?.volumeClaimTemplates ?? []) {
      const c = claimFor(set, t, ordinal);
      const existing = this.ctx.store.get(PVC_RESOURCE, c.metadata.namespace, c.metadata.name!);
      if (existing) {
        if (existing.metadata.deletionTimestamp) ok = false;
        continue;
      }
      try {
        this.ctx.api.create(PVC, c);
        this.ctx.events.event(set, 'Normal', 'SuccessfulCreate', `create Claim ${c.metadata.name} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`, SOURCE);
      } catch (err) {
        ok = false;
        const msg = `failed to create PVC ${c.metadata.name}: ${errorText(err)}`;
        this.ctx.events.event(set, 'Warning', 'FailedCreate', `create Claim ${c.metadata.name} for Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${msg}`, SOURCE);
      }
    }
    return ok;
  }

  /** UpdatePodClaimForRetentionPolicy: the claims' owner references as the retention policy says. */
  private setClaimOwners(set: StatefulSetObj, pod: PodObj, ordinal: number, scaledDown: boolean): void {
    const want = claimOwners(set.spec?.persistentVolumeClaimRetentionPolicy, scaledDown);
    for (const t of set.spec?.volumeClaimTemplates ?? []) {
      const n = claimName(t.metadata.name!, set.metadata.name!, ordinal);
      const c = this.ctx.store.get(PVC_RESOURCE, set.metadata.namespace, n);
      const podUid = (this.ctx.store.get(R.pods, set.metadata.namespace, pod.metadata.name!) ?? pod).metadata.uid;
      if (!c) continue;
      let refs: OwnerReference[] = [...(c.metadata.ownerReferences ?? [])];
      const toggle = (on: boolean, owner: { apiVersion: string; kind: string; name: string; uid?: string }) => {
        const has = refs.some((r) => r.uid === owner.uid);
        if (on && !has && owner.uid) refs.push({ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid });
        if (!on && has) refs = refs.filter((r) => r.uid !== owner.uid);
      };
      toggle(want.set, { apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata.name!, uid: set.metadata.uid });
      toggle(want.pod, { apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name!, uid: podUid });
      if (deepEqual(refs, c.metadata.ownerReferences ?? [])) continue;
      try {
        this.ctx.api.mutate(PVC, c.metadata.namespace, n, (o) => {
          if (refs.length) o.metadata.ownerReferences = refs;
          else delete o.metadata.ownerReferences;
        });
      } catch {
        // Tried again when the pod is next handled.
      }
    }
  }

  private deletePod(set: StatefulSetObj, pod: PodObj): boolean {
    try {
      this.ctx.api.delete(K.Pod, pod.metadata.namespace, pod.metadata.name!, { preconditions: { uid: pod.metadata.uid } });
      this.ctx.events.event(set, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`, SOURCE);
      return true;
    } catch (err) {
      if (isApiError(err) && err.status.code === 404) return true;
      this.ctx.events.event(set, 'Warning', 'FailedDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${errorText(err)}`, SOURCE);
      return false;
    }
  }

  /** identityMatches, else UpdateStatefulPod: the name and index labels put back. */
  private fixIdentity(set: StatefulSetObj, pod: PodObj, ordinal: number): void {
    const labels = pod.metadata.labels ?? {};
    if (labels[POD_NAME_LABEL] === pod.metadata.name && labels[POD_INDEX_LABEL] === String(ordinal)) return;
    try {
      this.ctx.api.mutate(K.Pod, pod.metadata.namespace, pod.metadata.name!, (o) => {
        o.metadata.labels = { ...o.metadata.labels, [POD_NAME_LABEL]: pod.metadata.name!, [POD_INDEX_LABEL]: String(ordinal) };
      });
      this.ctx.events.event(set, 'Normal', 'SuccessfulUpdate', `update Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`, SOURCE);
    } catch (err) {
      this.ctx.events.event(set, 'Warning', 'FailedUpdate', `update Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${errorText(err)}`, SOURCE);
    }
  }

  private writeStatus(set: StatefulSetObj, s: StatefulSetStatus): void {
    const done = completeRollingUpdate(
      set.spec?.updateStrategy?.type,
      { replicas: s.replicas, readyReplicas: s.readyReplicas ?? 0, availableReplicas: s.availableReplicas, currentReplicas: s.currentReplicas ?? 0, updatedReplicas: s.updatedReplicas ?? 0 },
      s.currentRevision ?? '',
      s.updateRevision ?? '',
    );
    const next: StatefulSetStatus = { ...s, currentRevision: done.currentRevision, currentReplicas: done.currentReplicas };
    // omitempty fields are left out at zero, as the API serialises them.
    for (const k of ['observedGeneration', 'readyReplicas', 'currentReplicas', 'updatedReplicas'] as const) if (!next[k]) delete next[k];
    const latest = (this.ctx.store.get(STS_RESOURCE, set.metadata.namespace, set.metadata.name!) as StatefulSetObj | undefined) ?? set;
    if (deepEqual(next, latest.status)) return;
    try {
      this.ctx.api.update(STS, { ...latest, status: next }, { subresource: 'status', trusted: true });
    } catch {
      // The next sync writes it.
    }
  }
}

function selectorOf(set: StatefulSetObj): Selector | undefined {
  try {
    return labelSelectorAsSelector(set.spec?.selector);
  } catch {
    return undefined;
  }
}

/** ApplyRevision: the template a revision recorded. */
function revisionTemplate(rev: ControllerRevision): PodTemplateSpec | undefined {
  const t = (rev.data as { spec?: { template?: PodTemplateSpec & { $patch?: string } } } | undefined)?.spec?.template;
  if (!t) return undefined;
  const copy = clone(t);
  delete copy.$patch;
  return copy;
}

/** getPersistentVolumeClaims: a template's claim for an ordinal, labelled with the set's matchLabels. */
function claimFor(set: StatefulSetObj, template: ClaimObj, ordinal: number): ClaimObj {
  const c = clone(template);
  const labels = { ...c.metadata?.labels, ...set.spec?.selector?.matchLabels };
  const out: ClaimObj = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: claimName(template.metadata.name!, set.metadata.name!, ordinal),
      namespace: set.metadata.namespace,
      ...(Object.keys(labels).length ? { labels } : {}),
      ...(c.metadata?.annotations ? { annotations: c.metadata.annotations } : {}),
    },
    spec: c.spec ?? {},
  };
  return out;
}

/** updateStorage: a PVC volume per claim template (replacing a template volume of the same name), then the rest. */
function storageVolumes(set: StatefulSetObj, ordinal: number, volumes: PodSpec['volumes']): PodSpec['volumes'] {
  const templates = set.spec?.volumeClaimTemplates ?? [];
  if (!templates.length) return volumes;
  const names = new Set(templates.map((t) => t.metadata.name!));
  const claims = templates.map((t) => ({ name: t.metadata.name!, persistentVolumeClaim: { claimName: claimName(t.metadata.name!, set.metadata.name!, ordinal) } }));
  return [...claims, ...(volumes ?? []).filter((v) => !names.has(v.name))];
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
