// Strict decoding: what the apiserver says about fields a kind does not have, or values of the
// wrong type (kubectl's default --validate=strict asks for this).

import { checkObject, formatDecodeError } from '../api/schema/strict.ts';
import type { ObjectDecoder } from './apiserver.ts';

export const strictDecoder: ObjectDecoder = {
  check(obj, info) {
    const result = checkObject(obj, obj.apiVersion, obj.kind);
    if (!result.unknownFields.length && !result.typeError) return undefined;
    return formatDecodeError(info.kind, obj.apiVersion, result);
  },
};
