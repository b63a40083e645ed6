// What every kind's strategy does unless it says otherwise: a kind with a status subresource starts
// with an empty status (clients cannot create objects with a status of their choosing).

import type { KindInfo } from '../../api/kinds.ts';
import type { Strategy } from '../strategy.ts';

export function genericStrategy(info: KindInfo): Strategy {
  if (!info.status) return {};
  return {
    prepareForCreate(obj) {
      delete obj.status;
    },
  };
}
