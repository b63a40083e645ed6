// The values the YAML/JSON reader produces and the writers accept: what an unstructured Kubernetes
// object holds after kubectl's decoding (map[string]interface{} with int64 and float64 numbers).

/**
 * A JSON value. Integers are JS numbers, except int64 values beyond 2^53, which are bigint so that
 * they survive exactly; floats are numbers.
 */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | JsonObject;

export interface JsonObject {
  [key: string]: JsonValue;
}

/** Sets a key without tripping over `__proto__`, which a manifest may legitimately contain. */
export function setKey(obj: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
