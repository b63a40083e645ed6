// The apiserver: the only way anything changes the cluster. Every client — kubectl, controllers,
// kubelets, the scheduler — writes through here, and every write goes through decoding checks,
// defaulting, admission, validation and optimistic concurrency before it reaches the store.

import type { KindInfo, KindRegistry } from '../api/kinds.ts';
import { groupResource } from '../api/kinds.ts';
import { clone, deepEqual, jsonDepth, MAX_OBJECT_DEPTH, type KubeObject } from '../api/object.ts';
import * as errors from '../api/errors.ts';
import { required, type FieldError } from '../api/field.ts';
import { generateName } from '../api/names.ts';
import type { Store } from '../store/store.ts';
import type { Sim } from '../sim/sim.ts';
import type { AdmissionPlugin, AdmissionRequest } from './admission/types.ts';
import type { StrategyContext, StrategyRegistry } from './strategy.ts';
import { formatRFC3339, NULL_TIME } from '../util/time.ts';
import type { Pod } from '../api/types.ts';
import { K } from '../api/wellknown.ts';

/** The apiserver's default request body limit (--max-request-bytes is 3 MiB for etcd's sake). */
export const MAX_REQUEST_BYTES = 3 * 1024 * 1024;

export interface WriteOptions {
  dryRun?: boolean;
  /**
   * The write comes from one of the cluster's own components, which only ever send well-formed
   * objects: the checks that guard against hostile input (size, depth, strict decoding) are skipped.
   */
  trusted?: boolean;
  /** Warnings the server sends back (kubectl prints them as `Warning: ...`). */
  warnings?: string[];
}

export type Subresource = 'status' | 'finalize';

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions extends WriteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: PropagationPolicy;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface DeleteResult {
  /** The object as it was deleted, or as it now is while its deletion is pending. */
  object: KubeObject;
  /** True when the object is gone; false while graceful deletion or finalizers hold it. */
  deleted: boolean;
}

export interface ObjectDecoder {
  /** Strict decoding: unknown fields and type mismatches, as the apiserver reports them. */
  check(obj: KubeObject, info: KindInfo): string | undefined;
}

export class ApiServer {
  private plugins: AdmissionPlugin[] = [];
  /** The store's name for each kind's objects ("pods", "deployments.apps"). */
  readonly resourceOf = groupResource;
  decoder: ObjectDecoder | undefined;

  constructor(
    readonly store: Store,
    readonly kinds: KindRegistry,
    readonly sim: Sim,
    readonly strategies: StrategyRegistry,
  ) {}

  addAdmission(p: AdmissionPlugin): void {
    this.plugins.push(p);
  }

  now(): number {
    return this.sim.now();
  }

  private ctx(info: KindInfo, opts?: WriteOptions): StrategyContext {
    return {
      now: this.sim.now(),
      random: this.sim.random,
      info,
      lookup: (resource, ns, name) => this.store.get(resource, ns, name),
      all: (resource) => this.store.each(resource),
      warn: (m) => opts?.warnings?.push(m),
    };
  }

  // ---- reads ----

  get(info: KindInfo, namespace: string | undefined, name: string): KubeObject {
    const obj = this.store.get(groupResource(info), info.namespaced ? namespace : undefined, name);
    if (!obj) throw errors.notFound(groupResource(info), name);
    return obj;
  }

  tryGet(info: KindInfo, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.store.get(groupResource(info), info.namespaced ? namespace : undefined, name);
  }

  list(info: KindInfo, namespace?: string): KubeObject[] {
    return this.store.list(groupResource(info), info.namespaced ? namespace : undefined);
  }

  // ---- writes ----

  create(info: KindInfo, input: KubeObject, opts: WriteOptions = {}): KubeObject {
    this.checkWritable(info, 'create');
    if (!opts.trusted) this.checkDepth(input, info);
    // A trusted component hands over a fresh object it will not touch again: no need to copy it.
    const obj = opts.trusted ? input : clone(input);
    const ctx = this.ctx(info, opts);
    if (!opts.trusted) {
      this.checkSize(obj);
      this.decode(obj, info);
    }
    const meta = obj.metadata ?? (obj.metadata = {});
    if (meta.resourceVersion) throw errors.badRequest('resourceVersion should not be set on objects to be created');
    if (!info.namespaced) delete meta.namespace;
    const resource = groupResource(info);
    const strategy = this.strategies.get(resource);

    strategy.defaults?.(obj, ctx);
    if (!meta.name && meta.generateName) meta.name = generateName(meta.generateName, this.sim.random);
    const name = meta.name ?? '';
    this.admit({ operation: 'CREATE', info, namespace: meta.namespace, name, object: obj, dryRun: !!opts.dryRun }, ctx);

    // BeforeCreate: server-owned metadata.
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    meta.uid = this.sim.random.uuid();
    meta.creationTimestamp = formatRFC3339(this.sim.now());
    if (info.generation) meta.generation = 1;
    else delete meta.generation;
    strategy.prepareForCreate?.(obj, ctx);

    const errs: FieldError[] = [];
    if (!name) errs.push(required('metadata.name', 'name or generateName is required'));
    errs.push(...(strategy.validate?.(obj, ctx) ?? []));
    if (errs.length) throw errors.invalid(qualifiedKind(info), name, errs);
    this.validateAdmission({ operation: 'CREATE', info, namespace: meta.namespace, name, object: obj, dryRun: !!opts.dryRun }, ctx);

    if (this.store.get(resource, meta.namespace, name)) throw errors.alreadyExists(resource, name);
    if (opts.dryRun) return obj;
    return this.store.put(resource, obj);
  }

  /**
   * A full update (PUT). `subresource: 'status'` writes only status; `'finalize'` writes only a
   * namespace's spec.finalizers (the namespaces/finalize subresource).
   */
  update(info: KindInfo, input: KubeObject, opts: WriteOptions & { subresource?: Subresource } = {}): KubeObject {
    this.checkWritable(info, 'update');
    const resource = groupResource(info);
    const ns = info.namespaced ? input.metadata?.namespace : undefined;
    const name = input.metadata?.name ?? '';
    const old = this.store.get(resource, ns, name);
    if (!old) throw errors.notFound(resource, name);
    const rv = input.metadata.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) {
      throw errors.conflict(resource, name, 'the object has been modified; please apply your changes to the latest version and try again');
    }
    if (!opts.trusted) this.checkDepth(input, info);
    const ctx = this.ctx(info, opts);
    const strategy = this.strategies.get(resource);

    if (opts.subresource === 'status') {
      // The status subresource changes status and nothing else. The rest of the stored object is
      // shared, not copied: stored objects are never mutated, so versions can share their parts.
      if (!opts.trusted) this.checkSize(input);
      const merged: KubeObject = { ...old, metadata: { ...old.metadata } };
      if (input.status === undefined) delete merged.status;
      else merged.status = clone(input.status);
      strategy.prepareForStatusUpdate?.(merged, old, ctx);
      return this.finishUpdate(info, merged, old, ctx, opts);
    }

    const obj = clone(input);
    if (!opts.trusted) {
      this.checkSize(obj);
      if (!opts.subresource) this.decode(obj, info);
    }
    if (!opts.subresource) strategy.defaults?.(obj, ctx);

    // Server-owned metadata survives every update.
    const meta = obj.metadata;
    const om = old.metadata;
    meta.uid = om.uid;
    meta.creationTimestamp = om.creationTimestamp;
    if (om.deletionTimestamp) {
      meta.deletionTimestamp = om.deletionTimestamp;
      meta.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds;
    } else {
      delete meta.deletionTimestamp;
      delete meta.deletionGracePeriodSeconds;
    }
    if (info.namespaced) meta.namespace = om.namespace;
    meta.generation = om.generation;
    if (!info.generation) delete meta.generation;

    if (opts.subresource === 'finalize') {
      const spec = { ...(old.spec as object), finalizers: (obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [] };
      return this.finishUpdate(info, { ...old, metadata: { ...old.metadata }, spec }, old, ctx, opts);
    }

    if (info.status) {
      if (old.status === undefined) delete obj.status;
      else obj.status = old.status; // shared: stored objects are never mutated
    }
    strategy.prepareForUpdate?.(obj, old, ctx);
    if (info.generation) {
      const changed = strategy.specChanged ? strategy.specChanged(obj, old) : !deepEqual(obj.spec, old.spec);
      if (changed) meta.generation = (om.generation ?? 0) + 1;
    }
    this.admit({ operation: 'UPDATE', info, namespace: meta.namespace, name, object: obj, oldObject: old, dryRun: !!opts.dryRun }, ctx);
    return this.finishUpdate(info, obj, old, ctx, opts);
  }

  private finishUpdate(info: KindInfo, obj: KubeObject, old: KubeObject, ctx: StrategyContext, opts: WriteOptions & { subresource?: string }): KubeObject {
    const resource = groupResource(info);
    const strategy = this.strategies.get(resource);
    const name = obj.metadata.name ?? '';
    // The status subresource validates status only (ValidateUpdateStatus); the spec is the stored one.
    if (opts.subresource !== 'status') {
      const errs = [...(strategy.validate?.(obj, ctx) ?? []), ...(strategy.validateUpdate?.(obj, old, ctx) ?? [])];
      if (errs.length) throw errors.invalid(qualifiedKind(info), name, errs);
    }
    this.validateAdmission({ operation: 'UPDATE', info, namespace: obj.metadata.namespace, name, object: obj, oldObject: old, subresource: opts.subresource, dryRun: !!opts.dryRun }, ctx);
    obj.metadata.resourceVersion = old.metadata.resourceVersion;
    // etcd skips a write that changes nothing: the resourceVersion stays, no watch event fires.
    if (deepEqual(obj, old)) return old;
    if (opts.dryRun) return obj;
    if (old.metadata.deletionTimestamp && this.readyToRemove(info, obj)) {
      return this.store.remove(resource, obj.metadata.namespace, name) ?? obj;
    }
    return this.store.put(resource, obj);
  }

  /** Reads, changes and writes an object, retrying on conflicts: what controllers do. */
  mutate(info: KindInfo, namespace: string | undefined, name: string, change: (obj: KubeObject) => void, opts: WriteOptions & { subresource?: Subresource } = {}): KubeObject {
    const obj = clone(this.get(info, namespace, name));
    change(obj);
    return this.update(info, obj, opts);
  }

  delete(info: KindInfo, namespace: string | undefined, name: string, opts: DeleteOptions = {}): DeleteResult {
    this.checkWritable(info, 'delete');
    const resource = groupResource(info);
    const ns = info.namespaced ? namespace : undefined;
    const old = this.store.get(resource, ns, name);
    if (!old) throw errors.notFound(resource, name);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== old.metadata.uid) {
      throw errors.conflict(resource, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
      throw errors.conflict(resource, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`);
    }
    const ctx = this.ctx(info, opts);
    this.validateAdmission({ operation: 'DELETE', info, namespace: ns, name, object: old, dryRun: !!opts.dryRun }, ctx);
    const strategy = this.strategies.get(resource);

    const obj = clone(old);
    const meta = obj.metadata;
    const finalizers = new Set(meta.finalizers ?? []);
    const policy = opts.propagationPolicy;
    if (policy === 'Foreground') {
      finalizers.add('foregroundDeletion');
      finalizers.delete('orphan');
    } else if (policy === 'Orphan') {
      finalizers.add('orphan');
      finalizers.delete('foregroundDeletion');
    } else if (policy === 'Background') {
      finalizers.delete('orphan');
      finalizers.delete('foregroundDeletion');
    }
    const hasFinalizers = finalizers.size > 0 || (strategy.extraFinalizers?.(obj).length ?? 0) > 0;
    const grace = strategy.gracePeriod?.(old, { gracePeriodSeconds: opts.gracePeriodSeconds }) ?? 0;

    if (meta.deletionTimestamp) {
      // Already being deleted: a shorter grace period may hurry it along; finalizer changes apply.
      let changed = false;
      if (grace < (meta.deletionGracePeriodSeconds ?? 0)) {
        meta.deletionGracePeriodSeconds = grace;
        meta.deletionTimestamp = formatRFC3339(this.sim.now() + grace * 1000);
        changed = true;
      }
      if (policy && !sameSet(finalizers, meta.finalizers ?? [])) {
        meta.finalizers = [...finalizers];
        changed = true;
      }
      if (grace === 0 && !hasFinalizers) return this.remove(info, obj, opts);
      if (!changed || opts.dryRun) return { object: old, deleted: false };
      return { object: this.store.put(resource, obj), deleted: false };
    }

    if (!hasFinalizers && grace === 0) return this.remove(info, obj, opts);

    meta.finalizers = finalizers.size ? [...finalizers] : undefined;
    if (!meta.finalizers) delete meta.finalizers;
    meta.deletionTimestamp = formatRFC3339(this.sim.now() + grace * 1000);
    meta.deletionGracePeriodSeconds = grace;
    if (!info.generation) delete meta.generation;
    else meta.generation = (meta.generation ?? 0) + 1;
    strategy.beginDelete?.(obj, ctx);
    if (opts.dryRun) return { object: obj, deleted: false };
    return { object: this.store.put(resource, obj), deleted: false };
  }

  private remove(info: KindInfo, obj: KubeObject, opts: WriteOptions): DeleteResult {
    if (opts.dryRun) return { object: obj, deleted: true };
    const removed = this.store.remove(groupResource(info), obj.metadata.namespace, obj.metadata.name ?? '');
    return { object: removed ?? obj, deleted: true };
  }

  /** An object being deleted goes once its finalizers are gone (and, for pods, the kubelet said so). */
  private readyToRemove(info: KindInfo, obj: KubeObject): boolean {
    const strategy = this.strategies.get(groupResource(info));
    if (obj.metadata.finalizers?.length) return false;
    if (strategy.extraFinalizers?.(obj).length) return false;
    // Pods with a grace period wait for the kubelet's final delete with grace 0.
    return !(info.resource === 'pods' && info.group === '' && (obj.metadata.deletionGracePeriodSeconds ?? 0) > 0);
  }

  /**
   * The pods/binding subresource: what the scheduler calls. Sets spec.nodeName (which no update may
   * change) and the PodScheduled condition.
   */
  bindPod(namespace: string, name: string, nodeName: string): KubeObject {
    const pod = this.get(K.Pod, namespace, name) as KubeObject & Pod;
    if (pod.spec?.nodeName) {
      throw errors.conflict('pods', name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
    }
    if (pod.metadata.deletionTimestamp) throw errors.conflict('pods', name, `pod ${name} is being deleted, cannot be assigned to a host`);
    // The new version shares everything it does not change with the old one (stored objects are
    // never mutated), which keeps memory flat in a cluster of many pods.
    const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: NULL_TIME, lastTransitionTime: formatRFC3339(this.sim.now()) });
    const bound = {
      ...pod,
      metadata: { ...pod.metadata },
      spec: { ...pod.spec!, nodeName },
      status: { ...pod.status, conditions },
    } as KubeObject & Pod;
    return this.store.put(groupResource(K.Pod), bound);
  }

  // ---- helpers ----

  private admit(req: AdmissionRequest, ctx: StrategyContext): void {
    for (const p of this.plugins) p.admit?.(req, ctx);
  }

  private validateAdmission(req: AdmissionRequest, ctx: StrategyContext): void {
    for (const p of this.plugins) p.validate?.(req, ctx);
  }

  private decode(obj: KubeObject, info: KindInfo): void {
    const msg = this.decoder?.check(obj, info);
    if (msg) throw errors.badRequest(msg);
  }

  private checkDepth(obj: KubeObject, info: KindInfo): void {
    if (jsonDepth(obj, MAX_OBJECT_DEPTH) > MAX_OBJECT_DEPTH) {
      throw errors.badRequest(`${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: the object is nested more than ${MAX_OBJECT_DEPTH} levels deep`);
    }
  }

  private checkSize(obj: KubeObject): void {
    // Cheap bound first: most objects are far below the limit.
    // Numbers beyond 2^53 arrive as bigint from the YAML reader; they count by their digits.
    const s = JSON.stringify(obj, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    if (s.length > MAX_REQUEST_BYTES) throw errors.tooLarge(MAX_REQUEST_BYTES);
  }

  private checkWritable(info: KindInfo, verb: string): void {
    if (!info.verbs.includes(verb)) throw errors.methodNotAllowed();
  }
}

export function qualifiedKind(info: KindInfo): string {
  return info.group ? `${info.kind}.${info.group}` : info.kind;
}

function sameSet(a: Set<string>, b: readonly string[]): boolean {
  return a.size === b.length && b.every((x) => a.has(x));
}
