// The describer for each resource; kinds without their own get the generic one.

import type { Describer } from './types.ts';
import { genericDescriber } from './generic.ts';

const DESCRIBERS: Record<string, Describer> = {};

export function describerFor(groupResource: string): Describer {
  return DESCRIBERS[groupResource] ?? genericDescriber;
}
