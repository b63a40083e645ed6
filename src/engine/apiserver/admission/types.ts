// Admission: plugins that see every write after decoding and before validation and storage, as
// the apiserver's admission chain does (mutating plugins first, then validating ones).

import type { KindInfo } from '../../api/kinds.ts';
import type { KubeObject } from '../../api/object.ts';
import type { StrategyContext } from '../strategy.ts';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';

export interface AdmissionRequest {
  operation: Operation;
  info: KindInfo;
  namespace: string | undefined;
  name: string;
  /** The incoming object (mutable for mutating plugins); for DELETE the object being deleted. */
  object: KubeObject;
  oldObject?: KubeObject;
  /** Writes to a subresource (status, binding) skip most plugins, as in Kubernetes. */
  subresource?: string;
  dryRun: boolean;
}

export interface AdmissionPlugin {
  readonly name: string;
  /** Mutating admission: may change `req.object`, or throw an ApiError to refuse. */
  admit?(req: AdmissionRequest, ctx: StrategyContext): void;
  /** Validating admission: throw an ApiError to refuse. */
  validate?(req: AdmissionRequest, ctx: StrategyContext): void;
}
