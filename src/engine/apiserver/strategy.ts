// What the apiserver's registry knows about each kind: how to default, prepare, validate and
// gracefully delete it (k8s.io/apiserver's RESTCreateStrategy / RESTUpdateStrategy / RESTDeleteStrategy).

import type { FieldError } from '../api/field.ts';
import type { KindInfo } from '../api/kinds.ts';
import type { KubeObject } from '../api/object.ts';
import type { Random } from '../sim/random.ts';

export interface StrategyContext {
  now: number;
  random: Random;
  info: KindInfo;
  /** Read access to other objects (for admission that looks things up). */
  lookup(resource: string, namespace: string | undefined, name: string): KubeObject | undefined;
  /** Every object of a resource, in no particular order. */
  all(resource: string): Iterable<KubeObject>;
  warn(message: string): void;
}

export interface DeleteContext {
  gracePeriodSeconds?: number;
}

export interface Strategy {
  /** Defaulting, as the apiserver applies it when it decodes a request (SetDefaults_*). */
  defaults?(obj: KubeObject, ctx: StrategyContext): void;
  /** PrepareForCreate: reset status, compute derived fields. */
  prepareForCreate?(obj: KubeObject, ctx: StrategyContext): void;
  /** PrepareForUpdate of the main resource: keep the old status when the kind has a status subresource. */
  prepareForUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  /** PrepareForUpdate of the status subresource: keep the old spec. */
  prepareForStatusUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  validate?(obj: KubeObject, ctx: StrategyContext): FieldError[];
  validateUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): FieldError[];
  /** Whether a spec change bumps metadata.generation (default: `spec` differs). */
  specChanged?(obj: KubeObject, old: KubeObject): boolean;
  /** Seconds of graceful deletion; 0 (or undefined) deletes at once. */
  gracePeriod?(obj: KubeObject, opts: DeleteContext): number | undefined;
  /** Finalizers beyond metadata.finalizers that hold deletion (a namespace's spec.finalizers). */
  extraFinalizers?(obj: KubeObject): readonly string[];
  /** Called when deletion starts (a namespace turns Terminating). */
  beginDelete?(obj: KubeObject, ctx: StrategyContext): void;
}

export class StrategyRegistry {
  private byResource = new Map<string, Strategy>();

  set(groupResource: string, s: Strategy): void {
    this.byResource.set(groupResource, s);
  }

  get(groupResource: string): Strategy {
    return this.byResource.get(groupResource) ?? {};
  }
}
