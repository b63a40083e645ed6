// kubectl apply's three-way merge (client-side apply): compare the configuration last applied (the
// annotation), the new configuration, and the live object. Fields the new configuration sets win;
// fields it dropped since the last apply are removed; fields nobody configured (defaults, status,
// what controllers set) stay. Lists of named things merge by their merge key, as the strategic merge
// patch does for built-in kinds; other lists are replaced whole.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** patchMergeKey of the built-in types' lists, by field name. */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  imagePullSecrets: 'name',
  env: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  hostAliases: 'ip',
  ownerReferences: 'uid',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
  schedulingGates: 'name',
  conditions: 'type',
};

/** Lists of strings merged as sets (patchStrategy merge on a primitive list). */
const MERGE_PRIMITIVE_LISTS = new Set(['finalizers']);

function mergeKeyFor(field: string, items: readonly Json[]): string | undefined {
  if (field === 'ports') {
    // Container ports merge by containerPort, Service ports by port.
    const first = items.find(isObj);
    if (!first) return undefined;
    if ('containerPort' in first) return 'containerPort';
    if ('port' in first && ('targetPort' in first || 'nodePort' in first || 'protocol' in first || 'name' in first)) return 'port';
    return undefined;
  }
  return MERGE_KEYS[field];
}

/** The merged object, or `current` itself (same reference) when nothing would change. */
export function threeWayMerge(original: Json | undefined, modified: Json, current: Json): Json {
  return mergeValue('', original, modified, current);
}

function mergeValue(field: string, original: Json | undefined, modified: Json, current: Json | undefined): Json {
  if (isObj(modified) && isObj(current)) return mergeObject(isObj(original) ? original : undefined, modified, current);
  if (Array.isArray(modified) && Array.isArray(current)) {
    const key = mergeKeyFor(field, [...modified, ...current]);
    if (key) return mergeKeyedList(key, Array.isArray(original) ? original : undefined, modified, current);
    if (MERGE_PRIMITIVE_LISTS.has(field)) return mergePrimitiveList(Array.isArray(original) ? original : undefined, modified, current);
  }
  return modified;
}

function mergeObject(original: Obj | undefined, modified: Obj, current: Obj): Obj {
  const out: Obj = { ...current };
  for (const k of Object.keys(modified)) {
    const v = modified[k];
    if (v === null) {
      delete out[k];
      continue;
    }
    out[k] = mergeValue(k, original?.[k], v, current[k]);
  }
  if (original) for (const k of Object.keys(original)) if (!(k in modified)) delete out[k];
  return out;
}

function mergeKeyedList(key: string, original: Json[] | undefined, modified: Json[], current: Json[]): Json[] {
  const id = (x: Json) => (isObj(x) ? JSON.stringify(x[key] ?? null) : JSON.stringify(x));
  const cur = new Map(current.map((x) => [id(x), x]));
  const orig = new Map((original ?? []).map((x) => [id(x), x]));
  const mod = new Set(modified.map(id));
  const out: Json[] = [];
  for (const m of modified) out.push(mergeValue('', orig.get(id(m)), m, cur.get(id(m))));
  // Items someone else added (not in the last applied configuration) stay, after the configured ones.
  for (const c of current) {
    const k = id(c);
    if (!mod.has(k) && !orig.has(k)) out.push(c);
  }
  return out;
}

function mergePrimitiveList(original: Json[] | undefined, modified: Json[], current: Json[]): Json[] {
  const removed = new Set((original ?? []).filter((x) => !modified.includes(x)).map((x) => JSON.stringify(x)));
  const out = current.filter((x) => !removed.has(JSON.stringify(x)));
  for (const m of modified) if (!out.some((x) => JSON.stringify(x) === JSON.stringify(m))) out.push(m);
  return out;
}
