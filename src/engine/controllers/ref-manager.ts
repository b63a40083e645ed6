// What workload controllers share about the objects they own (pkg/controller/controller_ref_manager.go
// and controller_utils.go): the controller reference they stamp on what they create, adopting orphans
// their selector matches and releasing what it no longer matches, and pod readiness.

import type { OwnerReference, Pod } from '../api/types.ts';
import type { KindInfo } from '../api/kinds.ts';
import { controllerRef, type KubeObject } from '../api/object.ts';
import type { Selector } from '../api/labels.ts';
import { parseRFC3339 } from '../util/time.ts';
import type { ControllerContext } from './context.ts';

/** metav1.NewControllerRef. */
export function newControllerRef(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/**
 * ClaimObjects: of the candidates (already filtered to the owner's namespace), those the owner
 * controls and its selector still matches are kept; orphans it matches are adopted (unless the
 * owner is being deleted); those it controls that no longer match are released.
 */
export function claim<T extends KubeObject>(
  ctx: ControllerContext,
  info: KindInfo,
  owner: KubeObject,
  selector: Selector,
  candidates: Iterable<T>,
  /** A further condition to match (the StatefulSet's: the pod's name is one of its ordinals). */
  filter?: (obj: T) => boolean,
): T[] {
  const claimed: T[] = [];
  const uid = owner.metadata.uid;
  for (const obj of candidates) {
    const ref = controllerRef(obj);
    const matches = selector.matches(obj.metadata.labels) && (!filter || filter(obj));
    if (ref) {
      if (ref.uid !== uid) continue;
      if (matches) {
        claimed.push(obj);
        continue;
      }
      // Released: the owner reference goes, the object lives on (ReleasePod).
      if (obj.metadata.deletionTimestamp) continue;
      tryPatchOwners(ctx, info, obj, (refs) => refs.filter((r) => r.uid !== uid));
      continue;
    }
    if (!matches || obj.metadata.deletionTimestamp || owner.metadata.deletionTimestamp) continue;
    // Adopted (AdoptPod): the owner becomes its controller.
    const adopted = tryPatchOwners(ctx, info, obj, (refs) => [...refs, newControllerRef(owner)]);
    if (adopted) claimed.push(adopted as T);
  }
  return claimed;
}

function tryPatchOwners(ctx: ControllerContext, info: KindInfo, obj: KubeObject, change: (refs: OwnerReference[]) => OwnerReference[]): KubeObject | undefined {
  try {
    return ctx.api.mutate(info, obj.metadata.namespace, obj.metadata.name!, (o) => {
      const refs = change(o.metadata.ownerReferences ?? []);
      if (refs.length) o.metadata.ownerReferences = refs;
      else delete o.metadata.ownerReferences;
    });
  } catch {
    return undefined;
  }
}

/** podutil.IsPodReady: the Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** podutil.IsPodAvailable: ready for at least minReadySeconds (strictly before now, as Kubernetes compares). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  const c = pod.status?.conditions?.find((x) => x.type === 'Ready');
  if (c?.status !== 'True') return false;
  if (!minReadySeconds) return true;
  const t = parseRFC3339(c.lastTransitionTime);
  return t !== undefined && t + minReadySeconds * 1000 < now;
}

/** When a ready pod becomes available, for a requeue; undefined when it is not ready or already is. */
export function availableAt(pod: Pod, minReadySeconds: number, now: number): number | undefined {
  const c = pod.status?.conditions?.find((x) => x.type === 'Ready');
  if (c?.status !== 'True' || !minReadySeconds) return undefined;
  const t = parseRFC3339(c.lastTransitionTime);
  if (t === undefined) return undefined;
  const at = t + minReadySeconds * 1000 + 1;
  return at > now ? at : undefined;
}

/** IsPodActive: not finished and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  return pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed' && !pod.metadata?.deletionTimestamp;
}
