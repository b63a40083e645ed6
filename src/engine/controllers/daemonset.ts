// The DaemonSet controller (pkg/controller/daemon). For each DaemonSet it works out which nodes
// should run its pod (node selector, node affinity, taints against the pod's tolerations plus the
// daemon tolerations), creates a pod for each such node that has none — with node affinity to that
// node, so the default scheduler binds it — and deletes pods from nodes that should no longer run
// one. Template changes roll out through ControllerRevisions: RollingUpdate replaces old pods within
// maxUnavailable (or surges new ones within maxSurge), OnDelete waits for someone to delete them.
// Besides its work queue (which the simulation snapshots) it keeps only the back-off of failed daemon
// pods per node; everything else is re-read.

import type { KindInfo } from '../api/kinds.ts';
import { KINDS, groupResource } from '../api/kinds.ts';
import { labelSelectorAsSelector, type Selector } from '../api/labels.ts';
import { clone, controllerRef, deepEqual, objectKey, type KubeObject } from '../api/object.ts';
import type * as core from 'kubernetes-types/core/v1';
import type { LabelSelector, Mutable, Node, Pod, PodSpec } from '../api/types.ts';
import { K, R } from '../api/wellknown.ts';
import { isApiError } from '../api/errors.ts';
import type { Component, WorkQueue } from '../sim/sim.ts';
import { parseRFC3339 } from '../util/time.ts';
import type { Controller, ControllerContext } from './context.ts';
import {
  allowsSurge,
  backoffExpired,
  backoffNext,
  BURST_REPLICAS,
  daemonPodTolerations,
  inBackoff,
  nodeNameAffinity,
  nodeShouldRunDaemonPod,
  planRollingUpdate,
  POD_TEMPLATE_GENERATION,
  rollingUpdateBudget,
  targetNodeName,
  TEMPLATE_GENERATION_ANNOTATION,
  type BackoffEntry,
  type NodePods,
  type RollingUpdateParams,
  type ShouldRun,
} from './daemonset-util.ts';
import {
  computeTemplateHash,
  CONTROLLER_REVISION_HASH,
  controllerRevisionName,
  maxRevision,
  revisionMatches,
  sortByRevision,
  templatePatch,
  type ControllerRevision,
} from './history.ts';
import { availableAt, claim, isPodAvailable, isPodReady, newControllerRef } from './ref-manager.ts';

const kind = (k: string) => KINDS.find((x) => x.kind === k && x.group === 'apps')!;
const DS: KindInfo = kind('DaemonSet');
const CR: KindInfo = kind('ControllerRevision');
const DS_RESOURCE = groupResource(DS);
const CR_RESOURCE = groupResource(CR);
const SOURCE = { component: 'daemonset-controller' };

export interface DaemonSetStatus {
  currentNumberScheduled: number;
  numberMisscheduled: number;
  desiredNumberScheduled: number;
  numberReady: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
  collisionCount?: number;
}

export type DaemonSetObj = KubeObject & {
  spec?: {
    selector?: LabelSelector;
    template?: PodTemplateSpec;
    updateStrategy?: { type?: string; rollingUpdate?: RollingUpdateParams };
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
  };
  status?: DaemonSetStatus;
};

type PodTemplateSpec = Mutable<core.PodTemplateSpec>;
type PodObj = KubeObject & Pod;
type NodeObj = KubeObject & Node;

/** podByCreationTimestampAndPhase: scheduled pods first, then oldest, then by name. */
function byCreationAndPhase(a: PodObj, b: PodObj): number {
  const sa = a.spec?.nodeName ? 0 : 1;
  const sb = b.spec?.nodeName ? 0 : 1;
  if (sa !== sb) return sa - sb;
  const ta = parseRFC3339(a.metadata.creationTimestamp) ?? 0;
  const tb = parseRFC3339(b.metadata.creationTimestamp) ?? 0;
  if (ta !== tb) return ta - tb;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}

export class DaemonSetController implements Controller, Component {
  readonly name = 'daemonset-controller';
  private queue: WorkQueue;
  /** failedPodsBackoff, by `<ds uid>/<generation>/<node>`. */
  private failedBackoff = new Map<string, BackoffEntry>();

  constructor(private readonly ctx: ControllerContext) {
    ctx.sim.register(this);
    this.queue = ctx.sim.queue(this.name, (key) => this.sync(key));
    ctx.store.watch(DS_RESOURCE, (e) => this.queue.add(objectKey(e.object)));
    ctx.store.watch(R.pods, (e) => this.onPod(e.object as PodObj, e.oldObject as PodObj | undefined, e.type === 'DELETED'));
    ctx.store.watch(R.nodes, (e) => {
      if (e.type === 'DELETED') return;
      if (e.type === 'MODIFIED' && !nodeChangedForDaemons(e.oldObject as NodeObj, e.object as NodeObj)) return;
      this.enqueueAll();
    });
    ctx.store.watch(CR_RESOURCE, (e) => {
      const ref = controllerRef(e.object);
      if (ref?.kind === 'DaemonSet') this.queue.add(`${e.object.metadata.namespace}/${ref.name}`);
    });
  }

  resync(): void {
    this.enqueueAll();
  }

  private enqueueAll(): void {
    // In key order, not the store's insertion order: a restored store inserts in key order, and the
    // queue's order decides the order of writes.
    for (const ds of this.ctx.store.list(DS_RESOURCE)) this.queue.add(objectKey(ds));
  }

  /** A pod's owner is synced; an orphan whose labels a DaemonSet selects may be adopted. */
  private onPod(pod: PodObj, old: PodObj | undefined, deleted: boolean): void {
    const ns = pod.metadata.namespace!;
    const ref = controllerRef(pod);
    const oldRef = old ? controllerRef(old) : undefined;
    if (oldRef?.kind === 'DaemonSet' && oldRef.uid !== ref?.uid) this.queue.add(`${ns}/${oldRef.name}`);
    if (ref) {
      if (ref.kind === 'DaemonSet') this.queue.add(`${ns}/${ref.name}`);
      return;
    }
    if (deleted) return;
    if (old && deepEqual(old.metadata.labels, pod.metadata.labels)) return;
    for (const ds of this.ctx.store.list(DS_RESOURCE, ns) as DaemonSetObj[]) {
      if (selectorOf(ds)?.matches(pod.metadata.labels)) this.queue.add(objectKey(ds));
    }
  }

  // ---- sync ----

  private sync(key: string): { requeueAfter: number } | void {
    const [ns, name] = key.split('/');
    const ds = this.ctx.store.get(DS_RESOURCE, ns, name) as DaemonSetObj | undefined;
    if (!ds) return;
    const selector = selectorOf(ds);
    if (!selector) return;
    if (selector.empty()) {
      this.ctx.events.event(ds, 'Warning', 'SelectingAll', 'This daemon set is selecting all pods. A non-empty selector is required.', SOURCE);
      return;
    }
    // A DaemonSet being deleted is left to the garbage collector.
    if (ds.metadata.deletionTimestamp) return;
    const nodes = (this.ctx.store.list(R.nodes) as NodeObj[]);
    const { current, old } = this.constructHistory(ds, selector);
    if (!current) return { requeueAfter: 1000 };
    const hash = current.metadata.labels?.[CONTROLLER_REVISION_HASH] ?? '';
    const latest = (this.ctx.store.get(DS_RESOURCE, ns, name) as DaemonSetObj | undefined) ?? ds;

    const retryAfter = this.manage(latest, selector, nodes, hash);
    if (latest.spec?.updateStrategy?.type === 'RollingUpdate') this.rollingUpdate(latest, selector, nodes, hash);
    this.cleanupHistory(latest, selector, old);
    const statusAfter = this.updateStatus(latest, selector, nodes, hash)?.requeueAfter;
    const after = [retryAfter, statusAfter].filter((x): x is number => x !== undefined);
    if (after.length) return { requeueAfter: Math.min(...after) };
  }

  /** The DaemonSet's pods (claimed: adopted and released as its selector says), by target node. */
  private nodesToDaemonPods(ds: DaemonSetObj, selector: Selector): Map<string, PodObj[]> {
    const pods = claim(this.ctx, K.Pod, ds, selector, this.ctx.store.list(R.pods, ds.metadata.namespace) as PodObj[]);
    const out = new Map<string, PodObj[]>();
    for (const p of pods) {
      const node = targetNodeName(p);
      if (!node) continue;
      const list = out.get(node);
      if (list) list.push(p);
      else out.set(node, [p]);
    }
    return out;
  }

  /** The template the controller checks nodes against: the DaemonSet's, with the daemon tolerations. */
  private daemonPodSpec(ds: DaemonSetObj): PodSpec {
    const spec = ds.spec?.template?.spec ?? { containers: [] };
    let out = specCache.get(spec);
    if (!out) specCache.set(spec, (out = { ...spec, tolerations: daemonPodTolerations(spec) }));
    return out;
  }

  /**
   * manage + podsShouldBeOnNode: create where a pod is missing, delete where one should not be.
   * Returns when to look again for a failed pod held back by its back-off.
   */
  private manage(ds: DaemonSetObj, selector: Selector, nodes: NodeObj[], hash: string): number | undefined {
    const now = this.ctx.sim.now();
    for (const [k, e] of this.failedBackoff) if (backoffExpired(e, now)) this.failedBackoff.delete(k);
    let retryAfter: number | undefined;
    const byNode = this.nodesToDaemonPods(ds, selector);
    const spec = this.daemonPodSpec(ds);
    const surge = allowsSurge(ds.spec?.updateStrategy?.type === 'RollingUpdate' ? ds.spec.updateStrategy.rollingUpdate : undefined);
    const create: string[] = [];
    const remove: PodObj[] = [];
    for (const node of nodes) {
      const nodeName = node.metadata.name!;
      const { shouldRun, shouldContinueRunning } = shouldRunOn(node, spec);
      const pods = byNode.get(nodeName) ?? [];
      if (shouldRun && !pods.length) {
        create.push(nodeName);
        continue;
      }
      if (!pods.length) continue;
      if (!shouldContinueRunning) {
        for (const p of pods) if (!p.metadata.deletionTimestamp) remove.push(p);
        continue;
      }
      const running: PodObj[] = [];
      for (const p of pods) {
        if (p.metadata.deletionTimestamp) continue;
        if (p.status?.phase === 'Failed') {
          // A pod the kubelet keeps rejecting would be made and failed in a hot loop: back off per node.
          const key = `${ds.metadata.uid}/${ds.metadata.generation ?? 0}/${nodeName}`;
          const entry = this.failedBackoff.get(key);
          if (inBackoff(entry, now)) {
            retryAfter = Math.min(retryAfter ?? Infinity, entry!.backoff);
            continue;
          }
          this.failedBackoff.set(key, backoffNext(entry, now));
          this.ctx.events.event(ds, 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${p.metadata.namespace}/${p.metadata.name} on node ${nodeName}, will try to kill it`, SOURCE);
          remove.push(p);
        } else if (p.status?.phase === 'Succeeded') {
          this.ctx.events.event(ds, 'Normal', 'SucceededDaemonPod', `Found succeeded daemon pod ${p.metadata.namespace}/${p.metadata.name} on node ${nodeName}, will try to delete it`, SOURCE);
          remove.push(p);
        } else running.push(p);
      }
      running.sort(byCreationAndPhase);
      if (!surge) {
        // More than one pod on a node: the oldest stays.
        remove.push(...running.slice(1));
        continue;
      }
      if (running.length === 0) {
        if (shouldRun) create.push(nodeName);
        continue;
      }
      if (running.length === 1) continue;
      // Surging: keep the oldest new pod and, while it is not yet available, the oldest old one.
      let oldestNew: PodObj | undefined;
      let oldestOld: PodObj | undefined;
      for (const p of running) {
        const isNew = p.metadata.labels?.[CONTROLLER_REVISION_HASH] === hash;
        if (isNew && !oldestNew) oldestNew = p;
        else if (!isNew && !oldestOld) oldestOld = p;
        else remove.push(p);
      }
      if (oldestNew && oldestOld && (!isPodReady(oldestOld) || isPodAvailable(oldestNew, ds.spec?.minReadySeconds ?? 0, this.ctx.sim.now()))) remove.push(oldestOld);
    }
    // Pods for nodes that do not exist and never got scheduled: the pod GC would never see them.
    const names = new Set(nodes.map((n) => n.metadata.name!));
    for (const [node, pods] of byNode) {
      if (names.has(node)) continue;
      for (const p of pods) if (!p.spec?.nodeName && !p.metadata.deletionTimestamp) remove.push(p);
    }
    this.syncNodes(ds, remove.map((p) => p.metadata.name!), create, hash);
    return retryAfter;
  }

  /** syncNodes: the deletions and creations, at most BurstReplicas of each per sync. */
  private syncNodes(ds: DaemonSetObj, podsToDelete: string[], nodesToCreate: string[], hash: string): void {
    const template = ds.spec?.template ?? {};
    const generation = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
    for (const nodeName of nodesToCreate.slice(0, BURST_REPLICAS)) {
      const labels: Record<string, string> = { ...template.metadata?.labels };
      if (generation !== undefined) labels[POD_TEMPLATE_GENERATION] = generation;
      if (hash) labels[CONTROLLER_REVISION_HASH] = hash;
      const spec = clone(template.spec ?? { containers: [] });
      spec.tolerations = daemonPodTolerations(spec);
      spec.affinity = nodeNameAffinity(spec.affinity, nodeName);
      const pod: PodObj = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          generateName: `${ds.metadata.name}-`,
          namespace: ds.metadata.namespace,
          labels,
          ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
          ...(template.metadata?.finalizers ? { finalizers: [...template.metadata.finalizers] } : {}),
          ownerReferences: [newControllerRef(ds)],
        },
        spec,
      };
      try {
        const created = this.ctx.api.create(K.Pod, pod);
        this.ctx.events.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, SOURCE);
      } catch (err) {
        this.ctx.events.event(ds, 'Warning', 'FailedCreate', `Error creating: ${errorText(err)}`, SOURCE);
        // A namespace being torn down refuses every create: stop trying (and say so once).
        if (isApiError(err) && /because it is being terminated/.test(errorText(err))) break;
      }
    }
    for (const name of podsToDelete.slice(0, BURST_REPLICAS)) {
      try {
        this.ctx.api.delete(K.Pod, ds.metadata.namespace, name);
        this.ctx.events.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`, SOURCE);
      } catch (err) {
        if (isApiError(err) && err.status.code === 404) continue;
        this.ctx.events.event(ds, 'Warning', 'FailedDelete', `Error deleting: ${errorText(err)}`, SOURCE);
      }
    }
  }

  /** rollingUpdate: replace old pods within the unavailability or surge budget. */
  private rollingUpdate(ds: DaemonSetObj, selector: Selector, nodes: NodeObj[], hash: string): void {
    const byNode = this.nodesToDaemonPods(ds, selector);
    const spec = this.daemonPodSpec(ds);
    const now = this.ctx.sim.now();
    const minReady = ds.spec?.minReadySeconds ?? 0;
    const generation = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
    const shouldRun = new Map<string, boolean>();
    let desired = 0;
    for (const node of nodes) {
      const run = shouldRunOn(node, spec).shouldRun;
      shouldRun.set(node.metadata.name!, run);
      if (run) {
        desired++;
        if (!byNode.has(node.metadata.name!)) byNode.set(node.metadata.name!, []);
      }
    }
    const { maxSurge, maxUnavailable } = rollingUpdateBudget(ds.spec?.updateStrategy?.rollingUpdate, desired);
    const view: NodePods[] = [...byNode.keys()].sort().map((node) => ({
      node,
      shouldRun: shouldRun.get(node) ?? false,
      pods: byNode.get(node)!.map((p) => ({
        name: p.metadata.name!,
        updated: isPodUpdated(p, hash, generation),
        available: isPodAvailable(p, minReady, now),
        deleting: !!p.metadata.deletionTimestamp,
      })),
    }));
    const plan = planRollingUpdate(view, maxSurge, maxUnavailable);
    if (plan.podsToDelete.length || plan.nodesToCreate.length) this.syncNodes(ds, plan.podsToDelete, plan.nodesToCreate, hash);
  }

  private updateStatus(ds: DaemonSetObj, selector: Selector, nodes: NodeObj[], hash: string): { requeueAfter: number } | void {
    const byNode = this.nodesToDaemonPods(ds, selector);
    const spec = this.daemonPodSpec(ds);
    const now = this.ctx.sim.now();
    const minReady = ds.spec?.minReadySeconds ?? 0;
    const generation = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let updated = 0;
    let available = 0;
    let wakeAt: number | undefined;
    for (const node of nodes) {
      const { shouldRun } = shouldRunOn(node, spec);
      const pods = byNode.get(node.metadata.name!) ?? [];
      if (!shouldRun) {
        if (pods.length) misscheduled++;
        continue;
      }
      desired++;
      if (!pods.length) continue;
      current++;
      const pod = [...pods].sort(byCreationAndPhase)[0];
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, now)) available++;
        else {
          const at = availableAt(pod, minReady, now);
          if (at !== undefined && (wakeAt === undefined || at < wakeAt)) wakeAt = at;
        }
      }
      if (isPodUpdated(pod, hash, generation)) updated++;
    }
    const s = ds.status;
    const next: DaemonSetStatus = {
      ...s,
      currentNumberScheduled: current,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired,
      numberReady: ready,
      observedGeneration: ds.metadata.generation,
      updatedNumberScheduled: updated,
      numberAvailable: available,
      numberUnavailable: desired - available,
    };
    // Zero counts are omitted, as the API's omitempty int32 fields are.
    for (const k of ['observedGeneration', 'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable'] as const) if (!next[k]) delete next[k];
    if (!deepEqual(next, s)) {
      try {
        this.ctx.api.update(DS, { ...ds, status: next }, { subresource: 'status', trusted: true });
      } catch {
        return { requeueAfter: 1000 };
      }
    }
    // The minReadySeconds resync: look again when a ready pod turns available.
    if (wakeAt !== undefined) return { requeueAfter: wakeAt - now };
  }

  // ---- history ----

  /** constructHistory: the revision that holds the current template (made if missing) and the old ones. */
  private constructHistory(ds: DaemonSetObj, selector: Selector): { current?: ControllerRevision; old: ControllerRevision[] } {
    const ns = ds.metadata.namespace!;
    const histories = claim(this.ctx, CR, ds, selector, this.ctx.store.list(CR_RESOURCE, ns) as ControllerRevision[]);
    const template = ds.spec?.template;
    const matching: ControllerRevision[] = [];
    const old: ControllerRevision[] = [];
    for (const h of histories) (revisionMatches(h, template) ? matching : old).push(h);
    const nextRevision = maxRevision(old) + 1;
    if (!matching.length) return { current: this.snapshotRevision(ds, nextRevision), old };
    // dedupCurHistories: keep the newest, move pods of the others onto its hash, delete them.
    sortByRevision(matching);
    let current = matching[matching.length - 1];
    for (const dup of matching.slice(0, -1)) {
      try {
        this.ctx.api.delete(CR, ns, dup.metadata.name!);
      } catch {
        // Gone already.
      }
    }
    if (current.revision < nextRevision) {
      try {
        current = this.ctx.api.update(CR, { ...clone(current), revision: nextRevision }, { trusted: true }) as ControllerRevision;
      } catch {
        return { old };
      }
    }
    return { current, old };
  }

  /** snapshot: a new ControllerRevision; a name taken by another template bumps status.collisionCount. */
  private snapshotRevision(ds: DaemonSetObj, revision: number): ControllerRevision | undefined {
    const template = ds.spec?.template;
    const hash = computeTemplateHash(template, ds.status?.collisionCount);
    const name = controllerRevisionName(ds.metadata.name!, hash);
    const rev: ControllerRevision = {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name,
        namespace: ds.metadata.namespace,
        labels: { ...template?.metadata?.labels, [CONTROLLER_REVISION_HASH]: hash },
        ...(ds.metadata.annotations ? { annotations: { ...ds.metadata.annotations } } : {}),
        ownerReferences: [newControllerRef(ds)],
      },
      data: templatePatch(template),
      revision,
    };
    try {
      return this.ctx.api.create(CR, rev) as ControllerRevision;
    } catch (err) {
      if (!isApiError(err) || err.status.code !== 409) return undefined;
      const existing = this.ctx.store.get(CR_RESOURCE, ds.metadata.namespace, name) as ControllerRevision | undefined;
      if (existing && revisionMatches(existing, template)) return existing;
      try {
        this.ctx.api.update(DS, { ...ds, status: { ...ds.status!, collisionCount: (ds.status?.collisionCount ?? 0) + 1 } }, { subresource: 'status', trusted: true });
      } catch {
        // Retried on the next sync.
      }
      return undefined;
    }
  }

  /** cleanupHistory: old revisions beyond revisionHistoryLimit go, oldest first, unless a pod still uses them. */
  private cleanupHistory(ds: DaemonSetObj, selector: Selector, old: ControllerRevision[]): void {
    let toKill = old.length - (ds.spec?.revisionHistoryLimit ?? 10);
    if (toKill <= 0) return;
    const live = new Set<string>();
    for (const pods of this.nodesToDaemonPods(ds, selector).values()) {
      for (const p of pods) {
        const h = p.metadata.labels?.[CONTROLLER_REVISION_HASH];
        if (h) live.add(h);
      }
    }
    for (const h of sortByRevision([...old])) {
      if (toKill <= 0) break;
      if (live.has(h.metadata.labels?.[CONTROLLER_REVISION_HASH] ?? '')) continue;
      try {
        this.ctx.api.delete(CR, h.metadata.namespace, h.metadata.name!);
      } catch {
        // Gone already.
      }
      toKill--;
    }
  }


  snapshot(): { failedBackoff: [string, BackoffEntry][] } {
    return { failedBackoff: [...this.failedBackoff].map(([k, e]) => [k, { ...e }]) };
  }

  restore(state: unknown): void {
    const s = state as { failedBackoff?: [string, BackoffEntry][] } | undefined;
    this.failedBackoff = new Map((s?.failedBackoff ?? []).map(([k, e]) => [k, { ...e }]));
  }
}

// Stored objects never change in place, so what is worked out from a template, or from a node and a
// template, holds for as long as those objects are the current ones: a sync asks it for every node.
const specCache = new WeakMap<object, PodSpec>();
const shouldRunCache = new WeakMap<object, WeakMap<object, ShouldRun>>();

function shouldRunOn(node: NodeObj, spec: PodSpec): ShouldRun {
  let bySpec = shouldRunCache.get(node);
  if (!bySpec) shouldRunCache.set(node, (bySpec = new WeakMap()));
  let r = bySpec.get(spec);
  if (!r) bySpec.set(spec, (r = nodeShouldRunDaemonPod(node, spec)));
  return r;
}

function selectorOf(ds: DaemonSetObj): Selector | undefined {
  try {
    return labelSelectorAsSelector(ds.spec?.selector);
  } catch {
    return undefined;
  }
}

/** IsPodUpdated: the pod carries the current revision's hash, or the current template generation. */
export function isPodUpdated(pod: Pod, hash: string, generation: string | undefined): boolean {
  const labels = pod.metadata?.labels ?? {};
  return (generation !== undefined && labels[POD_TEMPLATE_GENERATION] === generation) || (!!hash && labels[CONTROLLER_REVISION_HASH] === hash);
}

/** Node changes that can change where daemon pods belong: labels, taints, the rest of the spec, conditions. */
function nodeChangedForDaemons(old: NodeObj, cur: NodeObj): boolean {
  if (!deepEqual(old.metadata.labels, cur.metadata.labels) || !deepEqual(old.spec, cur.spec)) return true;
  const conds = (n: NodeObj) => (n.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`).join(',');
  return conds(old) !== conds(cur);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
