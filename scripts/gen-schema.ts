// Builds the engine's Kubernetes 1.30 schema, offline, into src/engine/api/schema/:
//
//   structure.json      kinds table + per definition: Go type, fields (types, Go types, int widths,
//                       enums), required fields — what decoding, explain and defaulting need.
//   docs.json           descriptions per definition and per field (loaded separately in the browser).
//   editor-schema.json  a draft-07 JSON schema for monaco-yaml, with descriptions for hover.
//
//   npm run gen:schema
//
// Sources. kubernetes-types (1.30, generated from the apiserver's OpenAPI v2) read through
// ts-json-schema-generator gives the fields, required lists and descriptions. What OpenAPI v2 and the
// TypeScript types lose — Go field types (int32 vs int64, named types such as v1.PullPolicy that appear
// in decoding errors) and enums with their "Possible enum values" text (a real 1.30 apiserver serves
// them in OpenAPI v3; the published spec files are generated with OpenAPIEnums=false) — comes from
// go-facts.json, committed beside the outputs and refreshed from the Go sources with:
//
//   npm run gen:schema -- --refresh-go-facts <dir>
//
// where <dir> holds k8s.io/api@v0.30.0, k8s.io/apimachinery@v0.30.0 and
// k8s.io/apiextensions-apiserver@v0.30.0 as in a Go module cache ($GOPATH/pkg/mod).

import { readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'src/engine/api/schema');
const TYPES = join(ROOT, 'node_modules/kubernetes-types');
const GO_FACTS = join(OUT, 'go-facts.json');
const K8S_VERSION = 'v0.30.0';

// ---------------------------------------------------------------------------------------------
// The kinds we serve: [apiVersion, kind, kubernetes-types module].

const KINDS: ReadonlyArray<readonly [string, string]> = [
  ...['Pod', 'Service', 'Namespace', 'Node', 'ConfigMap', 'Secret', 'ServiceAccount', 'Endpoints', 'Event',
    'PersistentVolume', 'PersistentVolumeClaim', 'ReplicationController', 'LimitRange', 'ResourceQuota',
    'Binding', 'ComponentStatus', 'PodTemplate'].map((k) => ['v1', k] as const),
  ...['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ControllerRevision'].map((k) => ['apps/v1', k] as const),
  ['batch/v1', 'Job'], ['batch/v1', 'CronJob'],
  ['autoscaling/v1', 'HorizontalPodAutoscaler'], ['autoscaling/v2', 'HorizontalPodAutoscaler'],
  ['networking.k8s.io/v1', 'Ingress'], ['networking.k8s.io/v1', 'IngressClass'], ['networking.k8s.io/v1', 'NetworkPolicy'],
  ['discovery.k8s.io/v1', 'EndpointSlice'],
  ['policy/v1', 'PodDisruptionBudget'],
  ...['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'].map((k) => ['rbac.authorization.k8s.io/v1', k] as const),
  ['storage.k8s.io/v1', 'StorageClass'], ['storage.k8s.io/v1', 'CSIDriver'],
  ['coordination.k8s.io/v1', 'Lease'],
  ['events.k8s.io/v1', 'Event'],
  ['scheduling.k8s.io/v1', 'PriorityClass'],
  ['node.k8s.io/v1', 'RuntimeClass'],
  ['certificates.k8s.io/v1', 'CertificateSigningRequest'],
  ['admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration'],
  ['admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration'],
  ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'],
  // apiregistration.k8s.io/v1 APIService: kubernetes-types 1.30 has no apiregistration module.
];

/** kubernetes-types module (path under the package, no .d.ts) for an apiVersion. */
function moduleOfApiVersion(apiVersion: string): string {
  if (apiVersion === 'v1') return 'core/v1';
  const [group, version] = apiVersion.split('/');
  if (group === 'apiextensions.k8s.io') return `apiextensions/${version}`;
  return `${group.replace(/\.k8s\.io$/, '').replace(/\.authorization$/, '')}/${version}`;
}

/** Go import path of a kubernetes-types module. */
function goPackageOfModule(mod: string): string {
  switch (mod) {
    case 'meta/v1': return 'k8s.io/apimachinery/pkg/apis/meta/v1';
    case 'api/resource': return 'k8s.io/apimachinery/pkg/api/resource';
    case 'runtime': return 'k8s.io/apimachinery/pkg/runtime';
    case 'util/intstr': return 'k8s.io/apimachinery/pkg/util/intstr';
    case 'version': return 'k8s.io/apimachinery/pkg/version';
    case 'apiextensions/v1': return 'k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1';
    default: return `k8s.io/api/${mod}`;
  }
}

/** OpenAPI definition name prefix of a Go package: k8s.io/api/core/v1 → io.k8s.api.core.v1. */
function openapiPrefix(goPkg: string): string {
  return 'io.k8s.' + goPkg.slice('k8s.io/'.length).replace(/\//g, '.');
}

// ---------------------------------------------------------------------------------------------
// Go facts: a small reader for the Go API packages (their declarations are regular enough).

/** A Go field type, resolved: what encoding/json decodes into, and how reflect prints it. */
export type GoType =
  | { k: 'string' | 'bool' | 'int' | 'float' | 'bytes' | 'Quantity' | 'IntOrString' | 'Time' | 'MicroTime' | 'any'; go: string; enum?: string }
  | { k: 'struct'; go: string; ref: string }
  | { k: 'slice' | 'map'; go: string; elem: GoType };

interface GoFacts {
  source: string;
  /** definition name → json field name → Go type (embedded inline structs flattened). */
  structs: Record<string, Record<string, GoType>>;
  /** enum type (qualified Go name) → values and the "Possible enum values" lines, as kube-openapi writes them. */
  enums: Record<string, { values: string[]; lines: string[] }>;
  /** "definition.field" → description, for the fields kubernetes-types 1.30 lost (dashed names, some inline ones). */
  docs: Record<string, string>;
}

const GO_PACKAGES = [
  'k8s.io/apimachinery/pkg/apis/meta/v1', 'k8s.io/apimachinery/pkg/api/resource', 'k8s.io/apimachinery/pkg/runtime',
  'k8s.io/apimachinery/pkg/util/intstr', 'k8s.io/apimachinery/pkg/types',
  'k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1',
  ...['core/v1', 'apps/v1', 'batch/v1', 'autoscaling/v1', 'autoscaling/v2', 'networking/v1', 'discovery/v1', 'policy/v1',
    'rbac/v1', 'storage/v1', 'coordination/v1', 'events/v1', 'scheduling/v1', 'node/v1', 'certificates/v1',
    'admissionregistration/v1'].map((p) => `k8s.io/api/${p}`),
];

/** Types whose UnmarshalJSON decides what they accept. */
const SPECIAL_GO_TYPES: Record<string, 'Quantity' | 'IntOrString' | 'Time' | 'MicroTime' | 'any'> = {
  'k8s.io/apimachinery/pkg/api/resource.Quantity': 'Quantity',
  'k8s.io/apimachinery/pkg/util/intstr.IntOrString': 'IntOrString',
  'k8s.io/apimachinery/pkg/apis/meta/v1.Time': 'Time',
  'k8s.io/apimachinery/pkg/apis/meta/v1.MicroTime': 'MicroTime',
  'k8s.io/apimachinery/pkg/runtime.RawExtension': 'any',
  'k8s.io/apimachinery/pkg/apis/meta/v1.FieldsV1': 'any',
  // These unmarshal with the non-strict decoder: nothing inside them is reported as unknown.
  'k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1.JSON': 'any',
  'k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1.JSONSchemaPropsOrArray': 'any',
  'k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1.JSONSchemaPropsOrBool': 'any',
  'k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1.JSONSchemaPropsOrStringArray': 'any',
};

interface GoField { json: string; type: string; inline: boolean; doc: string[] }
interface GoPackage {
  path: string;
  name: string;
  imports: Map<string, string>; // alias → import path
  types: Map<string, { expr: string; comments: string[]; fields?: GoField[] }>;
  consts: Array<{ name: string; type: string; value: string; ref?: string; comments: string[] }>;
}

function readGoPackage(modRoot: string, pkgPath: string): GoPackage {
  const m = /^(k8s\.io\/[^/]+)\/?(.*)$/.exec(pkgPath);
  if (!m) throw new Error(`not a k8s.io package: ${pkgPath}`);
  const dir = join(modRoot, `${m[1]}@${K8S_VERSION}`, m[2]);
  const pkg: GoPackage = { path: pkgPath, name: '', imports: new Map(), types: new Map(), consts: [] };
  const files = readdirSync(dir).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go') && !f.startsWith('zz_generated')
    && f !== 'generated.pb.go' && !f.includes('swagger_doc'));
  for (const f of files) readGoFile(readFileSync(join(dir, f), 'utf8'), pkg);
  return pkg;
}

function readGoFile(src: string, pkg: GoPackage): void {
  const lines = src.split('\n');
  let comments: string[] = [];
  let mode: 'top' | 'import' | 'const' | 'struct' | 'skip' = 'top';
  let struct: GoField[] = [];
  let depth = 0;
  let block = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (block || line.startsWith('/*')) {
      block = !line.includes('*/');
      continue;
    }
    const c = /^\/\/ ?(.*)$/.exec(line);
    if (c) { comments.push(c[1]); continue; }
    const doc = comments;
    comments = [];
    if (line === '') continue;
    if (mode === 'skip') {
      depth += count(line, '{') - count(line, '}');
      if (depth <= 0) mode = 'top';
      continue;
    }
    if (mode === 'import') {
      if (line === ')') { mode = 'top'; continue; }
      addImport(pkg, line);
      continue;
    }
    if (mode === 'const') {
      if (line === ')') { mode = 'top'; continue; }
      addConst(pkg, line, doc);
      continue;
    }
    if (mode === 'struct') {
      if (line === '}') {
        mode = 'top';
        continue;
      }
      const f = /^([A-Z]\w*)\s+([^\s`]+)\s*`([^`]*)`/.exec(line) ?? /^([A-Z]\w*)\s+([^\s`]+)\s*(?:\/\/.*)?$/.exec(line);
      const e = /^(\*?[\w.]+)\s*(?:`([^`]*)`)?\s*(?:\/\/.*)?$/.exec(line);
      if (f) {
        const tag = /json:"([^"]*)"/.exec(f[3] ?? '')?.[1];
        const name = tag === undefined ? f[1] : tag.split(',')[0];
        if (name === '-') continue;
        struct.push({ json: name || f[1], type: f[2], inline: tag !== undefined && tag.split(',').includes('inline'), doc });
      } else if (e) {
        const tag = /json:"([^"]*)"/.exec(e[2] ?? '')?.[1] ?? '';
        struct.push({ json: tag.split(',')[0], type: e[1], inline: tag.split(',').includes('inline') || tag === '', doc });
      } else if (/^[A-Z]/.test(line)) {
        throw new Error(`cannot read struct field in ${pkg.path}: ${line}`);
      } // unexported fields are not part of the JSON
      continue;
    }
    let m: RegExpExecArray | null;
    if ((m = /^package (\w+)/.exec(line))) pkg.name = m[1];
    else if (line === 'import (') mode = 'import';
    else if ((m = /^import (.*)$/.exec(line))) addImport(pkg, m[1]);
    else if (line === 'const (') mode = 'const';
    else if ((m = /^const (.*)$/.exec(line))) addConst(pkg, m[1], doc);
    else if ((m = /^type (\w+) struct ?\{\s*\}$/.exec(line))) pkg.types.set(m[1], { expr: 'struct', comments: doc, fields: [] });
    else if ((m = /^type (\w+) struct ?\{$/.exec(line))) {
      struct = [];
      pkg.types.set(m[1], { expr: 'struct', comments: doc, fields: struct });
      mode = 'struct';
    } else if ((m = /^type (\w+) (?:= )?(.+?)\s*(?:\/\/.*)?$/.exec(line))) {
      if (m[2].endsWith('{')) { depth = 1; mode = 'skip'; continue; } // interfaces
      pkg.types.set(m[1], { expr: m[2], comments: doc });
    } else if (/\{\s*$/.test(line)) {
      depth = count(line, '{') - count(line, '}');
      if (depth > 0) mode = 'skip';
    }
  }
}

function count(s: string, ch: string): number {
  // Braces inside strings and runes would confuse the count; skip quoted text.
  let n = 0;
  let q = '';
  for (let i = 0; i < s.length; i++) {
    const x = s[i];
    if (q) { if (x === '\\') i++; else if (x === q) q = ''; continue; }
    if (x === '"' || x === '`' || x === "'") q = x;
    else if (x === '/' && s[i + 1] === '/') break;
    else if (x === ch) n++;
  }
  return n;
}

function addImport(pkg: GoPackage, line: string): void {
  const m = /^(?:(\w+)\s+)?"([^"]+)"/.exec(line);
  if (!m) return;
  pkg.imports.set(m[1] ?? m[2].split('/').pop()!, m[2]);
}

function addConst(pkg: GoPackage, line: string, doc: string[]): void {
  // `Name Type = "v"`, `Name = Type("v")` and `Name = Type(otherpkg.Const)`.
  const m = /^(\w+)\s+([\w.]+)\s*=\s*"((?:[^"\\]|\\.)*)"/.exec(line)
    ?? /^(\w+)\s*=\s*([\w.]+)\("((?:[^"\\]|\\.)*)"\)/.exec(line);
  if (m) {
    pkg.consts.push({ name: m[1], type: m[2], value: JSON.parse(`"${m[3]}"`) as string, comments: doc });
    return;
  }
  const r = /^(\w+)\s*=\s*([\w.]+)\(([\w.]+)\)/.exec(line);
  if (r) pkg.consts.push({ name: r[1], type: r[2], value: '', ref: r[3], comments: doc });
}

function refreshGoFacts(modRoot: string): GoFacts {
  const pkgs = new Map(GO_PACKAGES.map((p) => [p, readGoPackage(modRoot, p)]));
  const qualify = (pkg: GoPackage, name: string): [GoPackage, string] => {
    const dot = name.indexOf('.');
    if (dot < 0) return [pkg, name];
    const path = pkg.imports.get(name.slice(0, dot));
    const target = path && pkgs.get(path);
    if (!target) throw new Error(`unknown package for ${name} in ${pkg.path}`);
    return [target, name.slice(dot + 1)];
  };

  // Enums: string types marked +enum, with every typed string constant of that type (kube-openapi's rules).
  const enums: GoFacts['enums'] = {};
  const enumValues = new Map<string, Array<{ name: string; value: string; comment: string }>>();
  for (const pkg of pkgs.values()) {
    for (const [name, t] of pkg.types) {
      if (t.expr === 'string' && t.comments.some((c) => /^\+enum\b/.test(c.trim()))) enumValues.set(`${pkg.path}.${name}`, []);
    }
  }
  for (const pkg of pkgs.values()) {
    for (const c of pkg.consts) {
      if (c.ref !== undefined) {
        const [rp, rn] = qualify(pkg, c.ref);
        const target = rp.consts.find((x) => x.name === rn && x.ref === undefined);
        if (!target) throw new Error(`cannot resolve constant ${c.ref} in ${pkg.path}`);
        c.value = target.value;
        delete c.ref;
      }
      const [tp, tn] = qualify(pkg, c.type);
      const list = enumValues.get(`${tp.path}.${tn}`);
      if (!list) continue;
      const value = { name: c.name, value: c.value, comment: c.comments.join(' ') };
      const i = list.findIndex((v) => v.value === c.value);
      if (i < 0) list.push(value);
      else if (list[i].comment.length < value.comment.length
        || (list[i].comment.length === value.comment.length && list[i].comment > value.comment)) list[i] = value;
    }
  }
  const goQuote = (s: string) => JSON.stringify(s); // the values are plain ASCII: %q and JSON agree
  for (const [name, values] of enumValues) {
    if (values.length === 0) continue;
    const lines = values.map((v) => {
      let comment = v.comment.trim();
      if (comment.startsWith(v.name)) comment = comment.slice(v.name.length);
      comment = comment.trim().replace(/\s+/g, ' ');
      return ` - \`${goQuote(v.value)}\` ${comment}`.replace(/ +$/, '');
    }).sort(byteOrder);
    enums[name] = { values: values.map((v) => goQuote(v.value)).sort(byteOrder).map((q) => JSON.parse(q) as string), lines };
  }

  const resolve = (pkg: GoPackage, expr: string): GoType => {
    if (expr.startsWith('*')) return resolve(pkg, expr.slice(1));
    if (expr === '[]byte') return { k: 'bytes', go: '[]uint8' };
    if (expr.startsWith('[]')) {
      const elem = resolve(pkg, expr.slice(2));
      return { k: 'slice', go: `[]${elem.go}`, elem };
    }
    const mm = /^map\[([^\]]+)\](.+)$/.exec(expr);
    if (mm) {
      const key = resolve(pkg, mm[1]);
      const elem = resolve(pkg, mm[2]);
      return { k: 'map', go: `map[${key.go}]${elem.go}`, elem };
    }
    if (expr === 'string') return { k: 'string', go: 'string' };
    if (expr === 'bool') return { k: 'bool', go: 'bool' };
    if (/^u?int(8|16|32|64)?$/.test(expr)) return { k: 'int', go: expr };
    if (/^float(32|64)$/.test(expr)) return { k: 'float', go: expr };
    const [tp, tn] = qualify(pkg, expr);
    const qualified = `${tp.path}.${tn}`;
    const goName = `${tp.name}.${tn}`;
    const special = SPECIAL_GO_TYPES[qualified];
    if (special) return { k: special, go: goName };
    const t = tp.types.get(tn);
    if (!t) throw new Error(`unknown Go type ${qualified}`);
    if (t.expr === 'struct') return { k: 'struct', go: goName, ref: `${openapiPrefix(tp.path)}.${tn}` };
    const under = resolve(tp, t.expr);
    // A named type keeps its own name in reflect's String(); its values keep the underlying shape.
    const named = { ...under, go: goName } as GoType;
    if (named.k === 'string' && enums[qualified]) named.enum = qualified;
    return named;
  };

  const structs: GoFacts['structs'] = {};
  const fieldDocs = new Map<string, string[]>();
  const fieldsOf = (pkg: GoPackage, name: string, def: string): Record<string, GoType> => {
    const t = pkg.types.get(name);
    if (!t?.fields) throw new Error(`${pkg.path}.${name} is not a struct`);
    const out: Record<string, GoType> = {};
    for (const f of t.fields) {
      if (f.inline) {
        const [ep, en] = qualify(pkg, f.type.replace(/^\*/, ''));
        Object.assign(out, fieldsOf(ep, en, def));
      } else {
        out[f.json] = resolve(pkg, f.type);
        fieldDocs.set(`${def}.${f.json}`, f.doc);
      }
    }
    return out;
  };
  for (const pkg of pkgs.values()) {
    for (const [name, t] of pkg.types) {
      if (!t.fields || SPECIAL_GO_TYPES[`${pkg.path}.${name}`]) continue;
      const def = `${openapiPrefix(pkg.path)}.${name}`;
      try {
        structs[def] = fieldsOf(pkg, name, def);
      } catch (e) {
        // Internal helper structs may refer to packages we do not read; no kind reaches them.
        if (!/unknown (package|Go type)|is not a struct/.test(String(e))) throw e;
      }
    }
  }
  // Descriptions only for the fields kubernetes-types lacks; the rest come from there.
  const ts = readKubernetesTypes();
  const docs: GoFacts['docs'] = {};
  for (const [def, fields] of Object.entries(structs)) {
    const props = ts.get(def)?.properties;
    if (!props) continue;
    for (const name of Object.keys(fields)) {
      const d = openapiDescription(fieldDocs.get(`${def}.${name}`) ?? []);
      if (!(name in props) && d) docs[`${def}.${name}`] = d;
    }
  }
  return { source: GO_PACKAGES.map((p) => `${p}@${K8S_VERSION}`).join(' '), structs, enums, docs };
}

/** kube-openapi's generateDescription: Go doc comment lines → the OpenAPI description. */
function openapiDescription(commentLines: string[]): string {
  let buf = '';
  const delPrevChar = () => { buf = buf.slice(0, -1); };
  for (const raw of commentLines) {
    if (raw === '---') break;
    const line = raw.replace(/ +$/, '');
    const leading = line.replace(/^ +/, '');
    if (line.length === 0) {
      delPrevChar();
      buf += '\n\n';
    } else if (leading.startsWith('TODO') || leading.startsWith('+')) {
      continue;
    } else if (line.startsWith(' ') || line.startsWith('\t')) {
      delPrevChar();
      buf += '\n' + line + '\n';
    } else {
      buf += line + ' ';
    }
  }
  return buf.replace(/^\n+/, '').replace(/\n+$/, '').replace(/\\"/g, '"').replace(/^ +| +$/g, '');
}

/** Go's sort.Strings order: bytewise, which for these ASCII strings is code-unit order. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}


// ---------------------------------------------------------------------------------------------
// kubernetes-types through ts-json-schema-generator: fields, required lists, descriptions.

interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  $ref?: string;
  anyOf?: JsonSchema[];
  [k: string]: unknown;
}

const MODULES = ['meta/v1', 'api/resource', 'runtime', ...new Set(KINDS.map(([v]) => moduleOfApiVersion(v)))];

/** Every definition of the modules we read, by OpenAPI name. */
function readKubernetesTypes(): Map<string, JsonSchema> {
  const out = new Map<string, JsonSchema>();
  for (const mod of MODULES) {
    const path = join(TYPES, `${mod}.d.ts`);
    if (!existsSync(path)) throw new Error(`kubernetes-types has no ${mod}`);
    const declared = [...readFileSync(path, 'utf8').matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]);
    const schema = createGenerator({ path, type: '*', skipTypeCheck: true, expose: 'export', jsDoc: 'extended', topRef: true })
      .createSchema('*') as { definitions?: Record<string, JsonSchema> };
    const prefix = openapiPrefix(goPackageOfModule(mod));
    const jsDocs = readJsDocs(readFileSync(path, 'utf8'));
    for (const name of declared) {
      const def = schema.definitions?.[name];
      if (!def) continue;
      // TypeScript's JSDoc reader folds indented continuation lines into the previous line; the raw
      // comments keep the OpenAPI text as it was.
      const d = jsDocs.get(name);
      if (d?.description !== undefined) def.description = d.description;
      for (const [field, text] of d?.fields ?? []) {
        const prop = def.properties?.[field];
        if (prop) prop.description = text;
      }
      out.set(`${prefix}.${name}`, def);
    }
  }
  return out;
}

/** The JSDoc text of each declaration and of each interface member, as written. */
function readJsDocs(src: string): Map<string, { description?: string; fields: Map<string, string> }> {
  const out = new Map<string, { description?: string; fields: Map<string, string> }>();
  let current: { description?: string; fields: Map<string, string> } | undefined;
  let pending: string | undefined;
  const re = /\/\*\*([\s\S]*?)\*\/|^export (?:interface|type) (\w+)|^ {4}(?:"([^"]+)"|(\w+))\??:|^\}/gm;
  for (const m of src.matchAll(re)) {
    if (m[1] !== undefined) {
      const body = m[1];
      pending = body.includes('\n')
        ? body.split('\n').slice(1, -1).map((l) => l.replace(/^\s*\* ?/, '')).join('\n')
        : body.replace(/^ /, '').replace(/ $/, '');
      continue;
    }
    if (m[2] !== undefined) {
      current = { description: pending, fields: new Map() };
      out.set(m[2], current);
    } else if ((m[3] ?? m[4]) !== undefined && current && pending !== undefined) {
      current.fields.set(m[3] ?? m[4], pending);
    }
    pending = undefined;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The engine's schema.

/** The OpenAPI v3 description of IntOrString; kubernetes-types inlines the type and drops it. */
const INT_OR_STRING_DOC = 'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.';
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';

/** Definitions behind the special Go types, by Go name (explain and hover show their docs). */
const SPECIAL_DEFS: Record<string, string> = {
  'resource.Quantity': 'io.k8s.apimachinery.pkg.api.resource.Quantity',
  'intstr.IntOrString': INT_OR_STRING,
  'v1.Time': 'io.k8s.apimachinery.pkg.apis.meta.v1.Time',
  'v1.MicroTime': 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime',
  'runtime.RawExtension': 'io.k8s.apimachinery.pkg.runtime.RawExtension',
  'v1.FieldsV1': 'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1',
  'v1.JSON': 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON',
  'v1.JSONSchemaPropsOrArray': 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray',
  'v1.JSONSchemaPropsOrBool': 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool',
  'v1.JSONSchemaPropsOrStringArray': 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray',
};

/** A field type as stored in structure.json; `go` is omitted where index.ts can derive it. */
type FieldType =
  | { type: 'string'; go?: string; enum?: string[]; format?: 'byte' | 'date-time'; ref?: string }
  | { type: 'integer'; format: string; go?: string }
  | { type: 'number'; format: string; go?: string }
  | { type: 'boolean'; go?: string }
  | { type: 'object'; ref: string }
  | { type: 'array'; items: FieldType; go?: string }
  | { type: 'map'; values: FieldType; go?: string }
  | { type: 'IntOrString' | 'Quantity'; ref: string }
  | { type: 'any'; ref: string; go: string };

interface StructureDef { go: string; required?: string[]; fields: Record<string, FieldType> }
interface Structure { version: string; kinds: Record<string, string>; definitions: Record<string, StructureDef> }
interface DocsDef { description?: string; fields?: Record<string, string> }

function defaultGo(t: FieldType): string | undefined {
  switch (t.type) {
    case 'string': return t.format === 'byte' ? '[]uint8' : 'string';
    case 'integer': return t.format;
    case 'number': return t.format === 'float' ? 'float32' : 'float64';
    case 'boolean': return 'bool';
    case 'array': return `[]${goOf(t.items)}`;
    case 'map': return `map[string]${goOf(t.values)}`;
    default: return undefined;
  }
}

function goOf(t: FieldType): string {
  if ('go' in t && t.go) return t.go;
  if (t.type === 'object') return goNameOfDef(t.ref);
  if (t.type === 'IntOrString') return 'intstr.IntOrString';
  if (t.type === 'Quantity') return 'resource.Quantity';
  return defaultGo(t) ?? '';
}

/** reflect's String() for a definition: io.k8s.api.core.v1.PodSpec → v1.PodSpec. */
function goNameOfDef(ref: string): string {
  const parts = ref.split('.');
  return `${parts[parts.length - 2]}.${parts[parts.length - 1]}`;
}

function fieldType(g: GoType, facts: GoFacts): FieldType {
  const withGo = <T extends FieldType>(t: T): T => {
    if (g.go !== defaultGo(t)) (t as { go?: string }).go = g.go;
    return t;
  };
  switch (g.k) {
    case 'string': {
      const e = enumOf(g, facts);
      return withGo(e ? { type: 'string', enum: e.values } : { type: 'string' });
    }
    case 'bytes': return withGo({ type: 'string', format: 'byte' });
    case 'bool': return withGo({ type: 'boolean' });
    case 'int': {
      const bits = /\d+$/.exec(g.go)?.[0] ?? '64';
      return { type: 'integer', format: `int${bits}`, ...(g.go !== `int${bits}` ? { go: g.go } : {}) };
    }
    case 'float': return withGo({ type: 'number', format: g.go === 'float32' ? 'float' : 'double' });
    case 'struct': return { type: 'object', ref: g.ref };
    case 'slice': return withGo({ type: 'array', items: fieldType(g.elem, facts) });
    case 'map': return withGo({ type: 'map', values: fieldType(g.elem, facts) });
    case 'Quantity':
    case 'IntOrString': return { type: g.k, ref: SPECIAL_DEFS[g.go] };
    case 'Time':
    case 'MicroTime': return { type: 'string', format: 'date-time', go: g.go, ref: SPECIAL_DEFS[g.go] };
    case 'any': return { type: 'any', ref: SPECIAL_DEFS[g.go], go: g.go };
  }
}

function enumOf(g: GoType, facts: GoFacts): GoFacts['enums'][string] | undefined {
  return 'enum' in g && g.enum ? facts.enums[g.enum] : undefined;
}

/** kube-openapi appends the enum's values to the field's description as a new paragraph. */
function withEnumDoc(description: string | undefined, lines: string[]): string {
  const head = 'Possible enum values:\n' + lines.join('\n');
  return description ? `${description}\n\n${head}` : head;
}

function build(facts: GoFacts, ts: Map<string, JsonSchema>) {
  const structure: Structure = { version: 'v1.30.0', kinds: {}, definitions: {} };
  const docs: Record<string, DocsDef> = {};
  const warnings: string[] = [];
  const queue: string[] = [];
  const seen = new Set<string>();
  const want = (ref: string) => { if (!seen.has(ref)) { seen.add(ref); queue.push(ref); } };

  for (const [apiVersion, kind] of KINDS) {
    const ref = `${openapiPrefix(goPackageOfModule(moduleOfApiVersion(apiVersion)))}.${kind}`;
    structure.kinds[`${apiVersion}/${kind}`] = ref;
    want(ref);
  }
  const walkRefs = (t: FieldType) => {
    if ('ref' in t && t.ref) want(t.ref);
    if (t.type === 'array') walkRefs(t.items);
    if (t.type === 'map') walkRefs(t.values);
  };
  while (queue.length > 0) {
    const ref = queue.shift()!;
    const tsDef = ts.get(ref);
    if (Object.values(SPECIAL_DEFS).includes(ref)) {
      docs[ref] = { description: ref === INT_OR_STRING ? INT_OR_STRING_DOC : tsDef?.description };
      continue;
    }
    const goFields = facts.structs[ref];
    if (!goFields) throw new Error(`no Go facts for ${ref}`);
    if (!tsDef) throw new Error(`kubernetes-types has no ${ref}`);
    const def: StructureDef = { go: goNameOfDef(ref), fields: {} };
    const doc: DocsDef = { description: tsDef.description, fields: {} };
    const tsProps = tsDef.properties ?? {};
    for (const [name, g] of Object.entries(goFields)) {
      if (!(name in tsProps) && !facts.docs[`${ref}.${name}`]) warnings.push(`${ref}.${name}: in Go, not in kubernetes-types`);
      const t = fieldType(g, facts);
      const e = enumOf(g, facts);
      def.fields[name] = t;
      const base = tsProps[name]?.description ?? facts.docs[`${ref}.${name}`];
      const d = e ? withEnumDoc(base, e.lines) : base;
      if (d) doc.fields![name] = d;
      walkRefs(t);
    }
    for (const name of Object.keys(tsProps)) {
      if (!(name in goFields)) warnings.push(`${ref}.${name}: in kubernetes-types, not in Go`);
    }
    if (tsDef.required?.length) def.required = [...tsDef.required].sort(byteOrder);
    structure.definitions[ref] = def;
    docs[ref] = doc;
  }
  return { structure, docs, warnings };
}

// ---------------------------------------------------------------------------------------------
// The editor's JSON schema (draft-07, for monaco-yaml): the same definitions, descriptions for hover,
// unknown fields flagged as the apiserver's strict decoding does. null is allowed wherever Go's decoder
// accepts it, which is everywhere (`creationTimestamp: null` from `kubectl create --dry-run -o yaml`).

/** The apiserver's own rule for quantities (resource.ErrFormatWrong). */
const QUANTITY_PATTERN = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';

function editorType(t: FieldType): JsonSchema {
  switch (t.type) {
    case 'string':
      return {
        type: ['string', 'null'],
        ...(t.enum ? { enum: [...t.enum, null] } : {}),
        ...(t.format === 'date-time' ? { format: 'date-time' } : {}),
      };
    case 'integer': return { type: ['integer', 'null'], format: t.format };
    case 'number': return { type: ['number', 'null'] };
    case 'boolean': return { type: ['boolean', 'null'] };
    case 'object': return { $ref: `#/definitions/${t.ref}` };
    case 'array': return { type: ['array', 'null'], items: editorType(t.items) };
    case 'map': return { type: ['object', 'null'], additionalProperties: editorType(t.values) };
    case 'IntOrString': return { type: ['integer', 'string', 'null'], format: 'int-or-string' };
    // Quantity accepts numbers as well as strings (`cpu: 1`).
    case 'Quantity': return { type: ['string', 'number', 'null'], pattern: QUANTITY_PATTERN };
    case 'any': return {};
  }
}

function buildEditorSchema(structure: Structure, docs: Record<string, DocsDef>): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  for (const [ref, def] of Object.entries(structure.definitions)) {
    const properties: Record<string, JsonSchema> = {};
    for (const name of Object.keys(def.fields).sort(byteOrder)) {
      const d = docs[ref]?.fields?.[name];
      properties[name] = { ...(d ? { description: d } : {}), ...editorType(def.fields[name]) };
    }
    definitions[ref] = {
      ...(docs[ref]?.description ? { description: docs[ref].description } : {}),
      type: ['object', 'null'],
      properties,
      ...(def.required ? { required: def.required } : {}),
      additionalProperties: false,
    };
  }
  const byKind = new Map<string, Array<[string, string]>>();
  for (const [key, ref] of Object.entries(structure.kinds)) {
    const kind = key.slice(key.lastIndexOf('/') + 1);
    const apiVersion = key.slice(0, key.lastIndexOf('/'));
    byKind.set(kind, [...(byKind.get(kind) ?? []), [apiVersion, ref]]);
  }
  const allOf: JsonSchema[] = [];
  for (const [kind, versions] of byKind) {
    const apiVersion = { enum: versions.map(([v]) => v) };
    const then: JsonSchema = versions.length === 1
      ? { $ref: `#/definitions/${versions[0][1]}`, properties: { apiVersion } }
      : {
        properties: { apiVersion },
        allOf: versions.map(([v, ref]) => ({
          if: { properties: { apiVersion: { const: v } }, required: ['apiVersion'] },
          then: { $ref: `#/definitions/${ref}` },
        })),
      };
    allOf.push({ if: { properties: { kind: { const: kind } }, required: ['kind'] }, then });
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'kube-sandbox://schema/kubernetes-1.30.json',
    title: 'Kubernetes 1.30 object',
    type: 'object',
    required: ['apiVersion', 'kind'],
    properties: {
      apiVersion: { type: 'string', description: docs['io.k8s.api.core.v1.Pod']?.fields?.apiVersion },
      kind: { type: 'string', description: docs['io.k8s.api.core.v1.Pod']?.fields?.kind },
    },
    allOf,
    definitions,
  };
}

// ---------------------------------------------------------------------------------------------

function main(): void {
  const args = process.argv.slice(2);
  const refresh = args.indexOf('--refresh-go-facts');
  if (refresh >= 0) {
    const dir = args[refresh + 1];
    if (!dir) throw new Error('--refresh-go-facts needs the directory that holds k8s.io/api@v0.30.0 and friends');
    writeFileSync(GO_FACTS, JSON.stringify(refreshGoFacts(dir)) + '\n');
    console.log(`wrote ${GO_FACTS}`);
  }
  const facts = JSON.parse(readFileSync(GO_FACTS, 'utf8')) as GoFacts;
  const { structure, docs, warnings } = build(facts, readKubernetesTypes());
  for (const w of warnings) console.warn(`warning: ${w}`);
  writeFileSync(join(OUT, 'structure.json'), JSON.stringify(structure) + '\n');
  writeFileSync(join(OUT, 'docs.json'), JSON.stringify(docs) + '\n');
  writeFileSync(join(OUT, 'editor-schema.json'), JSON.stringify(buildEditorSchema(structure, docs)) + '\n');
  console.log(`${Object.keys(structure.kinds).length} kinds, ${Object.keys(structure.definitions).length} definitions`);
}

main();
