// The deprecated --record flag: the command line is kept in the kubernetes.io/change-cause
// annotation, written as kubectl writes it: "kubectl" + the arguments + each flag as --name=value.

import type { KubeObject } from '../api/object.ts';
import type { Invocation } from './types.ts';

export const CHANGE_CAUSE = 'kubernetes.io/change-cause';

export function changeCause(inv: Invocation): string {
  const words = inv.path.split(' ').slice(1);
  const args = [...words, ...inv.args];
  const flags = inv.flags.ordered.map((f) => ` --${f.name}=${f.raw}`).join('');
  return `kubectl${args.length ? ' ' + args.join(' ') : ''}${flags}`;
}

/** Sets the change-cause when --record is on (and, as kubectl does, keeps an existing one updated). */
export function recordChangeCause(inv: Invocation, obj: KubeObject): void {
  const record = inv.flags.values.get('record');
  const has = obj.metadata.annotations?.[CHANGE_CAUSE] !== undefined;
  if (record === true || (!inv.flags.changed.has('record') && has)) {
    obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [CHANGE_CAUSE]: changeCause(inv) };
  }
}
