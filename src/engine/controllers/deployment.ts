// The Deployment controller (pkg/controller/deployment): a Deployment owns ReplicaSets, one per pod
// template it has had. Each sync claims the sets, finds (or makes) the one for the current template,
// and moves pods from the old sets to the new one as the strategy allows — RollingUpdate within
// maxSurge and maxUnavailable, or Recreate — then reports progress in status and conditions.
// All the numbers come from deployment-util.ts.

import { labelSelectorAsSelector, type Selector } from '../api/labels.ts';
import { clone, controllerRef, deepEqual, objectKey, type KubeObject } from '../api/object.ts';
import { isApiError } from '../api/errors.ts';
import type { Pod } from '../api/types.ts';
import { K, R } from '../api/wellknown.ts';
import type { ReconcileResult, WorkQueue } from '../sim/sim.ts';
import type { WatchEvent } from '../store/store.ts';
import { parseRFC3339 } from '../util/time.ts';
import type { Controller, ControllerContext } from './context.ts';
import * as u from './deployment-util.ts';
import type { Deployment, DeploymentStatus, ReplicaSet } from './deployment-util.ts';

type DeploymentObj = KubeObject & Deployment;
type RSObj = KubeObject & ReplicaSet;

const COMPONENT = 'deployment-controller';
const RS_RESOURCE = 'replicasets.apps';
const D_RESOURCE = 'deployments.apps';

/** A sync's outcome: a retry with back-off on a failed write, or a look again later. */
class Retry extends Error {}

export class DeploymentController implements Controller {
  readonly name = COMPONENT;
  private queue: WorkQueue;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = ctx.sim.queue(COMPONENT, (key) => this.syncKey(key));
    ctx.store.watch(D_RESOURCE, (e) => {
      if (e.type !== 'DELETED') this.queue.add(objectKey(e.object));
    });
    ctx.store.watch(RS_RESOURCE, (e) => this.onReplicaSet(e));
    ctx.store.watch(R.pods, (e) => this.onPod(e));
  }

  resync(): void {
    for (const d of this.ctx.store.each(D_RESOURCE)) this.queue.add(objectKey(d));
  }

  private enqueueOwner(obj: KubeObject): void {
    const ref = controllerRef(obj);
    if (ref?.kind !== 'Deployment' || ref.apiVersion !== 'apps/v1') return;
    const d = this.ctx.store.get(D_RESOURCE, obj.metadata.namespace, ref.name);
    if (d?.metadata.uid === ref.uid) this.queue.add(objectKey(d));
  }

  /** addReplicaSet / updateReplicaSet / deleteReplicaSet: the owner, or for an orphan every deployment that selects it. */
  private onReplicaSet(e: WatchEvent): void {
    for (const rs of e.oldObject ? [e.oldObject, e.object] : [e.object]) {
      if (controllerRef(rs)) {
        this.enqueueOwner(rs);
        continue;
      }
      if (e.type === 'DELETED') continue;
      for (const d of this.ctx.store.list(D_RESOURCE, rs.metadata.namespace)) {
        if (selectorOf(d as DeploymentObj)?.matches(rs.metadata.labels ?? {})) this.queue.add(objectKey(d));
      }
    }
  }

  /** deletePod: a Recreate deployment waits for its old pods to be gone. */
  private onPod(e: WatchEvent): void {
    if (e.type !== 'DELETED') return;
    const ref = controllerRef(e.object);
    if (ref?.kind !== 'ReplicaSet') return;
    const rs = this.ctx.store.get(RS_RESOURCE, e.object.metadata.namespace, ref.name);
    if (!rs) return;
    const owner = controllerRef(rs);
    if (owner?.kind !== 'Deployment') return;
    const d = this.ctx.store.get(D_RESOURCE, rs.metadata.namespace, owner.name) as DeploymentObj | undefined;
    if (d?.spec.strategy?.type === 'Recreate') this.queue.add(objectKey(d));
  }

  private syncKey(key: string): ReconcileResult {
    const stored = this.ctx.store.getByKey(D_RESOURCE, key) as DeploymentObj | undefined;
    if (!stored) return undefined;
    try {
      return new Sync(this.ctx, clone(stored)).run();
    } catch (e) {
      if (e instanceof Retry || isApiError(e)) return { retry: true };
      throw e;
    }
  }
}

function selectorOf(d: Deployment): Selector | undefined {
  try {
    return labelSelectorAsSelector(d.spec.selector);
  } catch {
    return undefined;
  }
}

/** One sync of one Deployment (syncDeployment and what it calls). */
class Sync {
  private requeue: ReconcileResult = undefined;

  constructor(
    private readonly ctx: ControllerContext,
    private d: DeploymentObj,
  ) {}

  private now(): number {
    return this.ctx.sim.now();
  }

  run(): ReconcileResult {
    const d = this.d;
    const selector = selectorOf(d);
    if (!selector || selector.empty()) return undefined; // validation forbids both for apps/v1
    const rsList = this.claimReplicaSets(selector);
    if (d.metadata.deletionTimestamp) {
      this.syncStatusOnly(rsList);
      return undefined;
    }
    this.checkPausedConditions();
    if (this.d.spec.paused) {
      this.syncScale(rsList);
      return this.requeue;
    }
    const [newRS, oldRSs] = this.getAllReplicaSetsAndSyncRevision(rsList, false);
    if (u.isScalingEvent(this.d, [...oldRSs, newRS])) {
      this.syncScale(rsList);
      return this.requeue;
    }
    if (this.d.spec.strategy?.type === 'Recreate') this.rolloutRecreate(rsList, selector);
    else this.rolloutRolling(rsList);
    return this.requeue;
  }

  // ---- claiming ----

  /** ClaimReplicaSets: adopt matching orphans, release owned sets the selector no longer matches. */
  private claimReplicaSets(selector: Selector): RSObj[] {
    const d = this.d;
    const out: RSObj[] = [];
    for (const o of this.ctx.store.list(RS_RESOURCE, d.metadata.namespace)) {
      const rs = o as RSObj;
      const ref = controllerRef(rs);
      const matches = selector.matches(rs.metadata.labels ?? {});
      if (ref) {
        if (ref.uid !== d.metadata.uid) continue;
        if (matches) out.push(rs);
        else if (!d.metadata.deletionTimestamp) this.writeRS(rs, (c) => {
          c.metadata.ownerReferences = (c.metadata.ownerReferences ?? []).filter((r) => r.uid !== d.metadata.uid);
          if (!c.metadata.ownerReferences.length) delete c.metadata.ownerReferences;
        });
        continue;
      }
      if (!matches || d.metadata.deletionTimestamp || rs.metadata.deletionTimestamp) continue;
      const adopted = this.writeRS(rs, (c) => {
        c.metadata.ownerReferences = [...(c.metadata.ownerReferences ?? []), { apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name!, uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true }];
      });
      out.push(adopted);
    }
    return out;
  }

  private writeRS(rs: RSObj, change: (c: RSObj) => void): RSObj {
    const c = clone(rs);
    change(c);
    return this.ctx.api.update(K.ReplicaSet, c, { trusted: true }) as RSObj;
  }

  // ---- finding and making the new ReplicaSet ----

  private getAllReplicaSetsAndSyncRevision(rsList: RSObj[], create: boolean): [RSObj | undefined, RSObj[]] {
    const sorted = [...rsList].sort(u.byCreation);
    const existing = sorted.find((rs) => u.equalIgnoreHash(rs.spec.template, this.d.spec.template));
    const oldRSs = sorted.filter((rs) => rs !== existing);
    const newRS = this.getNewReplicaSet(existing, oldRSs, create);
    return [newRS, oldRSs];
  }

  private getNewReplicaSet(existing: RSObj | undefined, oldRSs: RSObj[], create: boolean): RSObj | undefined {
    const d = this.d;
    const newRevision = String(u.maxRevision(oldRSs) + 1);
    if (existing) {
      const copy = clone(existing);
      const annotationsUpdated = u.setNewReplicaSetAnnotations(d, copy, newRevision, true);
      const mrs = d.spec.minReadySeconds ?? 0;
      let rs = existing;
      if (annotationsUpdated || (copy.spec.minReadySeconds ?? 0) !== mrs) {
        copy.spec.minReadySeconds = mrs;
        if (!mrs) delete copy.spec.minReadySeconds;
        rs = this.ctx.api.update(K.ReplicaSet, copy, { trusted: true }) as RSObj;
      }
      let needsUpdate = this.setDeploymentRevision(rs.metadata.annotations?.[u.REVISION_ANNOTATION] ?? '');
      if (u.hasProgressDeadline(d) && !u.getCondition(d.status, 'Progressing')) {
        this.setCondition(u.newCondition('Progressing', 'True', u.REASON.FoundNewRS, `Found new replica set "${rs.metadata.name}"`, this.now()));
        needsUpdate = true;
      }
      if (needsUpdate) this.commit();
      return rs;
    }
    if (!create) return undefined;

    const hash = u.computeHash(d.spec.template, d.status?.collisionCount);
    const template = clone(d.spec.template ?? {});
    template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [u.POD_TEMPLATE_HASH_LABEL]: hash } };
    const selector = clone(d.spec.selector ?? {});
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [u.POD_TEMPLATE_HASH_LABEL]: hash };
    const name = `${d.metadata.name}-${hash}`;
    const rs: RSObj = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: d.metadata.namespace,
        labels: { ...template.metadata.labels },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name!, uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true }],
      },
      spec: { replicas: 0, ...(d.spec.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}), selector, template },
    };
    rs.spec.replicas = u.newRSNewReplicas(d, [...oldRSs, rs], rs);
    u.setNewReplicaSetAnnotations(d, rs, newRevision, false);
    let created: RSObj;
    try {
      created = this.ctx.api.create(K.ReplicaSet, rs, { trusted: true }) as RSObj;
    } catch (e) {
      if (isApiError(e) && e.reason === 'AlreadyExists') {
        const found = this.ctx.store.get(RS_RESOURCE, d.metadata.namespace, name) as RSObj | undefined;
        if (found && controllerRef(found)?.uid === d.metadata.uid && u.equalIgnoreHash(d.spec.template, found.spec.template)) return found;
        // A hash collision: count it, so the next hash differs.
        this.d.status = { ...(this.d.status ?? {}), collisionCount: (this.d.status?.collisionCount ?? 0) + 1 };
        this.commit();
        throw new Retry();
      }
      const msg = `Failed to create new replica set "${name}": ${e instanceof Error ? e.message : String(e)}`;
      if (u.hasProgressDeadline(d)) {
        this.setCondition(u.newCondition('Progressing', 'False', u.REASON.FailedRSCreate, msg, this.now()));
        this.commit();
      }
      this.ctx.events.event(d, 'Warning', u.REASON.FailedRSCreate, msg, { component: COMPONENT });
      throw new Retry();
    }
    const count = created.spec.replicas ?? 0;
    if (count > 0) this.ctx.events.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} from 0 to ${count}`, { component: COMPONENT });
    this.setDeploymentRevision(newRevision);
    if (u.hasProgressDeadline(d)) this.setCondition(u.newCondition('Progressing', 'True', u.REASON.NewRSCreated, `Created new replica set "${name}"`, this.now()));
    this.commit();
    return created;
  }

  private setDeploymentRevision(rev: string): boolean {
    const a = (this.d.metadata.annotations ??= {});
    if (a[u.REVISION_ANNOTATION] === rev) return false;
    a[u.REVISION_ANNOTATION] = rev;
    return true;
  }

  private setCondition(c: u.Condition): void {
    const s = (this.d.status ??= {});
    u.setCondition(s, c);
  }

  /**
   * Writes what the sync changed on the Deployment: its revision annotation (Kubernetes' status
   * update carries annotations; here that is an update of the object) and its status.
   */
  private commit(): void {
    const api = this.ctx.api;
    const stored = api.get(K.Deployment, this.d.metadata.namespace, this.d.metadata.name!) as DeploymentObj;
    let current = stored;
    if (!deepEqual(stored.metadata.annotations ?? {}, this.d.metadata.annotations ?? {})) {
      const c = clone(stored);
      c.metadata.annotations = { ...(this.d.metadata.annotations ?? {}) };
      current = api.update(K.Deployment, c, { trusted: true }) as DeploymentObj;
    }
    const status = u.omitZeros(this.d.status ?? {});
    if (!deepEqual(current.status ?? {}, status)) {
      current = api.update(K.Deployment, { ...current, status } as KubeObject, { subresource: 'status', trusted: true }) as DeploymentObj;
    }
    this.d = clone(current);
  }

  // ---- scaling ----

  /** scaleReplicaSetAndRecordEvent: nothing when the size is already right. */
  private scaleAndRecord(rs: RSObj, size: number): boolean {
    if ((rs.spec.replicas ?? 1) === size) return false;
    this.scaleReplicaSet(rs, size);
    return true;
  }

  /** scaleReplicaSet: the size and the desired/max annotations, and the ScalingReplicaSet event. */
  private scaleReplicaSet(rs: RSObj, size: number): RSObj {
    const old = rs.spec.replicas ?? 1;
    const copy = clone(rs);
    const annotations = u.setReplicasAnnotations(copy, this.d.spec.replicas ?? 1, (this.d.spec.replicas ?? 1) + u.maxSurge(this.d));
    if (old === size && !annotations) return rs;
    copy.spec.replicas = size;
    const updated = this.ctx.api.update(K.ReplicaSet, copy, { trusted: true }) as RSObj;
    if (old !== size) {
      this.ctx.events.event(this.d, 'Normal', 'ScalingReplicaSet', `Scaled ${old < size ? 'up' : 'down'} replica set ${rs.metadata.name} from ${old} to ${size}`, { component: COMPONENT });
    }
    return updated;
  }

  /** DeploymentController.scale: a resize without a template change. */
  private scale(newRS: RSObj | undefined, oldRSs: RSObj[]): void {
    const d = this.d;
    const replicas = d.spec.replicas ?? 1;
    const only = u.findActiveOrLatest(newRS, oldRSs);
    if (only) {
      if ((only.spec.replicas ?? 1) !== replicas) this.scaleAndRecord(only, replicas);
      return;
    }
    if (u.isSaturated(d, newRS)) {
      for (const old of u.activeReplicaSets(oldRSs)) this.scaleAndRecord(old, 0);
      return;
    }
    if (!u.isRollingUpdate(d)) return;
    for (const { rs, size } of u.proportionalSizes(d, u.activeReplicaSets([...oldRSs, newRS]))) this.scaleReplicaSet(rs as RSObj, size);
  }

  /** sync: scale and report, for paused deployments and resizes. */
  private syncScale(rsList: RSObj[]): void {
    const [newRS, oldRSs] = this.getAllReplicaSetsAndSyncRevision(rsList, false);
    this.scale(newRS, oldRSs);
    const fresh = this.reread(rsList);
    const [newRS2, oldRSs2] = [fresh.find((r) => r.metadata.uid === newRS?.metadata.uid), fresh.filter((r) => r.metadata.uid !== newRS?.metadata.uid)];
    if (this.d.spec.paused) this.cleanup(oldRSs2);
    this.syncDeploymentStatus([...oldRSs2, ...(newRS2 ? [newRS2] : [])], newRS2);
  }

  private syncStatusOnly(rsList: RSObj[]): void {
    const [newRS, oldRSs] = this.getAllReplicaSetsAndSyncRevision(rsList, false);
    this.syncDeploymentStatus([...oldRSs, ...(newRS ? [newRS] : [])], newRS);
  }

  private syncDeploymentStatus(allRSs: RSObj[], newRS: RSObj | undefined): void {
    const status = u.calculateStatus(this.d, allRSs, newRS, this.now());
    if (deepEqual(u.omitZeros(this.d.status ?? {}), u.omitZeros(status))) return;
    this.d.status = status;
    this.commit();
  }

  /** The claimed sets as they are now (after this sync's writes). */
  private reread(rsList: RSObj[]): RSObj[] {
    const out: RSObj[] = [];
    for (const rs of rsList) {
      const cur = this.ctx.store.get(RS_RESOURCE, rs.metadata.namespace, rs.metadata.name!) as RSObj | undefined;
      if (cur && cur.metadata.uid === rs.metadata.uid) out.push(cur);
    }
    const newOnes = this.ctx.store
      .list(RS_RESOURCE, this.d.metadata.namespace)
      .filter((rs) => controllerRef(rs)?.uid === this.d.metadata.uid && !out.some((o) => o.metadata.uid === rs.metadata.uid)) as RSObj[];
    return [...out, ...newOnes];
  }

  // ---- paused ----

  /** checkPausedConditions: Progressing Unknown with DeploymentPaused or DeploymentResumed. */
  private checkPausedConditions(): void {
    const d = this.d;
    if (!u.hasProgressDeadline(d)) return;
    const cond = u.getCondition(d.status, 'Progressing');
    if (cond?.reason === u.REASON.TimedOut) return;
    const pausedCond = cond?.reason === u.REASON.Paused;
    if (d.spec.paused && !pausedCond) this.setCondition(u.newCondition('Progressing', 'Unknown', u.REASON.Paused, 'Deployment is paused', this.now()));
    else if (!d.spec.paused && pausedCond) this.setCondition(u.newCondition('Progressing', 'Unknown', u.REASON.Resumed, 'Deployment is resumed', this.now()));
    else return;
    this.commit();
  }

  // ---- strategies ----

  private rolloutRolling(rsList: RSObj[]): void {
    const [newRS, oldRSs] = this.getAllReplicaSetsAndSyncRevision(rsList, true);
    let all = [...oldRSs, ...(newRS ? [newRS] : [])];
    // reconcileNewReplicaSet
    if (newRS) {
      const replicas = this.d.spec.replicas ?? 1;
      const cur = newRS.spec.replicas ?? 1;
      let target = cur;
      if (cur > replicas) target = replicas;
      else if (cur < replicas) target = u.newRSNewReplicas(this.d, all, newRS);
      if (target !== cur) {
        this.scaleAndRecord(newRS, target);
        all = this.reread(all);
        this.syncRolloutStatus(all, all.find((r) => r.metadata.uid === newRS.metadata.uid));
        return;
      }
    }
    if (this.reconcileOld(all, oldRSs, newRS)) {
      all = this.reread(all);
      this.syncRolloutStatus(all, all.find((r) => r.metadata.uid === newRS?.metadata.uid));
      return;
    }
    if (u.deploymentComplete(this.d, this.d.status ?? {})) this.cleanup(oldRSs);
    this.syncRolloutStatus(this.reread(all), newRS && this.reread([newRS])[0]);
  }

  /** reconcileOldReplicaSets: unhealthy old pods first, then healthy ones while availability allows. */
  private reconcileOld(all: RSObj[], oldRSs: RSObj[], newRS: RSObj | undefined): boolean {
    if (u.specReplicas(oldRSs) === 0) return false;
    const max = u.maxScaledDown(this.d, all, newRS);
    if (max <= 0) return false;
    let scaled = false;
    let olds = oldRSs;
    const cleaned = u.cleanupUnhealthy(olds, max);
    for (const { rs, size } of cleaned) if (this.scaleAndRecord(rs as RSObj, size)) scaled = true;
    if (scaled) {
      all = this.reread(all);
      olds = all.filter((r) => oldRSs.some((o) => o.metadata.uid === r.metadata.uid));
    }
    for (const { rs, size } of u.scaleDownOld(this.d, all, olds)) if (this.scaleAndRecord(rs as RSObj, size)) scaled = true;
    return scaled;
  }

  private rolloutRecreate(rsList: RSObj[], selector: Selector): void {
    let [newRS, oldRSs] = this.getAllReplicaSetsAndSyncRevision(rsList, false);
    let all = [...oldRSs, ...(newRS ? [newRS] : [])];
    let scaledDown = false;
    for (const rs of u.activeReplicaSets(oldRSs)) if (this.scaleAndRecord(rs, 0)) scaledDown = true;
    if (scaledDown) {
      all = this.reread(all);
      this.syncRolloutStatus(all, newRS);
      return;
    }
    if (this.oldPodsRunning(newRS, oldRSs, selector)) {
      this.syncRolloutStatus(all, newRS);
      return;
    }
    if (!newRS) {
      [newRS, oldRSs] = this.getAllReplicaSetsAndSyncRevision(this.reread(rsList), true);
      all = [...oldRSs, ...(newRS ? [newRS] : [])];
    }
    if (newRS && this.scaleAndRecord(newRS, this.d.spec.replicas ?? 1)) {
      all = this.reread(all);
      this.syncRolloutStatus(all, all.find((r) => r.metadata.uid === newRS!.metadata.uid));
      return;
    }
    if (u.deploymentComplete(this.d, this.d.status ?? {})) this.cleanup(oldRSs);
    this.syncRolloutStatus(this.reread(all), newRS);
  }

  /** oldPodsRunning: old sets still report pods, or some old pod has not finished (even while terminating). */
  private oldPodsRunning(newRS: RSObj | undefined, oldRSs: RSObj[], selector: Selector): boolean {
    if (u.actualReplicas(oldRSs) > 0) return true;
    const oldUids = new Set(oldRSs.map((r) => r.metadata.uid));
    for (const p of this.ctx.store.list(R.pods, this.d.metadata.namespace)) {
      if (!selector.matches(p.metadata.labels ?? {})) continue;
      const ref = controllerRef(p);
      if (!ref || !oldUids.has(ref.uid) || ref.uid === newRS?.metadata.uid) continue;
      const phase = (p as KubeObject & Pod).status?.phase;
      if (phase !== 'Failed' && phase !== 'Succeeded') return true;
    }
    return false;
  }

  /** cleanupDeployment: old, empty sets beyond revisionHistoryLimit go, lowest revision first. */
  private cleanup(oldRSs: RSObj[]): void {
    const limit = this.d.spec.revisionHistoryLimit;
    if (limit === undefined || limit === null) return;
    const alive = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
    const diff = alive.length - limit;
    if (diff <= 0) return;
    const sorted = [...alive].sort((a, b) => u.revision(a) - u.revision(b) || u.byCreation(a, b));
    for (let i = 0; i < diff; i++) {
      const rs = sorted[i];
      if ((rs.status?.replicas ?? 0) !== 0 || (rs.spec.replicas ?? 1) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      try {
        this.ctx.api.delete(K.ReplicaSet, rs.metadata.namespace, rs.metadata.name!, { preconditions: { uid: rs.metadata.uid } });
      } catch {
        // Gone already.
      }
    }
  }

  // ---- progress ----

  /** syncRolloutStatus: counts, Progressing (with the deadline) and ReplicaFailure conditions. */
  private syncRolloutStatus(all: RSObj[], newRS: RSObj | undefined): void {
    const d = this.d;
    const now = this.now();
    const status = u.calculateStatus(d, all, newRS, now);
    if (!u.hasProgressDeadline(d)) u.removeCondition(status, 'Progressing');
    const cur = u.getCondition(status, 'Progressing');
    const complete = (status.replicas ?? 0) === (status.updatedReplicas ?? 0) && cur?.reason === u.REASON.NewRSAvailable;
    if (u.hasProgressDeadline(d) && !complete) {
      const what = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
      if (u.deploymentComplete(d, status)) {
        const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has successfully progressed.` : 'Deployment has successfully progressed.';
        u.setCondition(status, u.newCondition('Progressing', 'True', u.REASON.NewRSAvailable, msg, now));
      } else if (u.deploymentProgressing(d, status)) {
        const c = u.newCondition('Progressing', 'True', u.REASON.RSUpdated, `${what} is progressing.`, now);
        if (cur?.status === 'True') c.lastTransitionTime = cur.lastTransitionTime;
        u.removeCondition(status, 'Progressing');
        u.setCondition(status, c);
      } else if (u.deploymentTimedOut(d, status, now)) {
        u.setCondition(status, u.newCondition('Progressing', 'False', u.REASON.TimedOut, `${what} has timed out progressing.`, now));
      }
    }
    const failure = [newRS, ...all].map((rs) => rs?.status?.conditions?.find((c) => c.type === 'ReplicaFailure')).find((c) => c);
    if (failure) {
      u.setCondition(status, { type: 'ReplicaFailure', status: failure.status, reason: failure.reason, message: failure.message, lastUpdateTime: failure.lastTransitionTime, lastTransitionTime: failure.lastTransitionTime });
    } else u.removeCondition(status, 'ReplicaFailure');

    if (deepEqual(u.omitZeros(d.status ?? {}), u.omitZeros(status))) {
      this.requeueStuck(status);
      return;
    }
    this.d.status = status;
    this.commit();
  }

  /** requeueStuckDeployment: look again just after the progress deadline would pass. */
  private requeueStuck(status: DeploymentStatus): void {
    const d = this.d;
    const cur = u.getCondition(status, 'Progressing');
    if (!u.hasProgressDeadline(d) || !cur) return;
    if (u.deploymentComplete(d, status) || cur.reason === u.REASON.TimedOut) return;
    const from = parseRFC3339(cur.lastUpdateTime) ?? this.now();
    const after = from + (d.spec.progressDeadlineSeconds ?? 0) * 1000 - this.now();
    this.requeue = after < 1000 ? { retry: true } : { requeueAfter: after + 1000 };
  }
}
