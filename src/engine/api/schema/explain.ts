// `kubectl explain`, as kubectl 1.30 prints it: its OpenAPI v3 plaintext template
// (staging/src/k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl) run over our schema. Our
// definitions stand for the v3 components the apiserver serves (with enums, as a live 1.30 apiserver
// has OpenAPIEnums on); each function below is one of the template's sub-templates.

import { definition, definitionDocs, hasSchemaDocs, kindSchema, type Definition, type FieldType } from './index.ts';
import { wordWrap } from './wrap.ts';

export interface ExplainOptions {
  apiVersion: string;
  kind: string;
  /** The path after the resource: ['spec', 'containers'] for `kubectl explain pods.spec.containers`. */
  fieldPath: readonly string[];
  recursive: boolean;
}

/** kubectl's failure: `message` goes to stderr after `stdout` (the KIND/VERSION header is already printed). */
export class ExplainError extends Error {
  constructor(message: string, readonly stdout: string) {
    super(message);
    this.name = 'ExplainError';
  }
}

/**
 * The text `kubectl explain <resourcePath>` prints, e.g. explain('pods.spec.containers',
 * { apiVersion: 'v1', kind: 'Pod', fieldPath: ['spec', 'containers'], recursive: false }).
 * Throws ExplainError as kubectl fails (`error: field "foo" does not exist`).
 */
export function explain(_resourcePath: string, opts: ExplainOptions): string {
  if (!hasSchemaDocs()) throw new Error('explain needs the schema docs: import schema/docs.ts or call setSchemaDocs');
  const def = kindSchema(opts.apiVersion, opts.kind);
  if (!def) throw new ExplainError(`error: couldn't find resource for "${opts.apiVersion}, Kind=${opts.kind}"`, '');
  const slash = opts.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : opts.apiVersion.slice(0, slash);
  const version = opts.apiVersion.slice(slash + 1);
  const header = (group ? `GROUP:      ${group}\n` : '') + `KIND:       ${opts.kind}\nVERSION:    ${version}\n\n`;
  const body = outputDef(def, opts.fieldPath, opts.recursive);
  if (body === '') {
    throw new ExplainError(`error: field "${opts.fieldPath[opts.fieldPath.length - 1]}" does not exist`, header);
  }
  return header + body + '\n';
}

// A node of the v3 document: a definition (a component schema), or a field's schema inside one.
type Node = { def: Definition } | { field: FieldType; description?: string };

/** "output": follows the field path, then prints DESCRIPTION and FIELDS; '' when the path leads nowhere. */
function outputDef(def: Definition, path: readonly string[], recursive: boolean): string {
  return output({ def }, path, recursive);
}

function output(node: Node, path: readonly string[], recursive: boolean): string {
  if (path.length === 0) {
    const description = descriptionOf(node) || '<empty>';
    let out = 'DESCRIPTION:\n' + indent(4, wordWrap(description, 76)) + '\n';
    const fields = fieldList(node, 1, recursive, new Set());
    if (fields) out += 'FIELDS:\n' + fields;
    return out;
  }
  const resolved = resolve(node);
  if ('def' in resolved) {
    const field = resolved.def.fields[path[0]];
    if (field === undefined) return '';
    let out = '';
    if (path.length === 1) {
      out += `FIELD: ${path[0]} <${typeGuess(field)}>\n` + extractEnum(field, true, -1, 0) + '\n\n';
    }
    const sub: Node = { field, description: definitionDocs(resolved.def.name)?.fields?.[path[0]] };
    return out + output(sub, path.slice(1), recursive);
  }
  // Arrays and maps are walked through to their elements; the path names fields, never keys or indexes.
  if ('field' in resolved) {
    const t = resolved.field;
    if (t.type === 'array') return output({ field: t.items }, path, recursive);
    if (t.type === 'map') return output({ field: t.values }, path, recursive);
  }
  return '';
}

/** A field that refers to a definition stands for it; other nodes stand for themselves. */
function resolve(node: Node): Node {
  if ('field' in node && node.field.type === 'object') {
    const def = definition(node.field.ref);
    if (def) return { def };
  }
  return node;
}

/** "description": the node's own text, then that of the schema it refers to, each ending a line. */
function descriptionOf(node: Node): string {
  if ('def' in node) return line(definitionDocs(node.def.name)?.description);
  const t = node.field;
  let out = line(node.description);
  switch (t.type) {
    case 'object':
    case 'IntOrString':
    case 'Quantity':
    case 'any':
      out += line(definitionDocs(t.ref)?.description);
      break;
    case 'string':
      if (t.ref) out += line(definitionDocs(t.ref)?.description);
      break;
    case 'array':
      out += descriptionOf({ field: t.items });
      break;
    case 'map':
      out += descriptionOf({ field: t.values });
      break;
  }
  return out;
}

function line(s: string | undefined): string {
  return s ? s + '\n' : '';
}

/** "fieldList": a definition's fields sorted by name, each with its details (or one line when recursive). */
function fieldList(node: Node, level: number, recursive: boolean, history: ReadonlySet<string>): string {
  let target: Node = node;
  if ('field' in node) {
    const t = node.field;
    if (t.type === 'array') return fieldList({ field: t.items }, level, recursive, history);
    if (t.type === 'map') return fieldList({ field: t.values }, level, recursive, history);
    if (t.type !== 'object') return '';
    // A cycle (JSONSchemaProps inside JSONSchemaProps) ends the listing.
    if (history.has(t.ref)) return '';
    history = new Set([...history, t.ref]);
    target = resolve(node);
  }
  if (!('def' in target)) return '';
  const def = target.def;
  const docs = definitionDocs(def.name)?.fields;
  let out = '';
  for (const name of Object.keys(def.fields).sort(byteOrder)) {
    const field = def.fields[name];
    out += fieldDetail(name, field, def.required.includes(name), docs?.[name], recursive, level);
    if (recursive) out += fieldList({ field }, level + 1, recursive, history);
  }
  return out;
}

/** "fieldDetail": `  name\t<type> -required-`, the enum line, then the wrapped description. */
function fieldDetail(name: string, field: FieldType, required: boolean, description: string | undefined,
  short: boolean, level: number): string {
  const indentAmount = level * 2;
  let out = indent(indentAmount, name) + `\t<${typeGuess(field)}>` + (required ? ' -required-' : '');
  out += extractEnum(field, false, 4, indentAmount) + '\n';
  if (!short) out += indent(indentAmount + 2, wordWrap(description || '<no description>', 78 - indentAmount)) + '\n\n';
  return out;
}

/** "typeGuess": `string`, `[]Container`, `map[string]Quantity`, `IntOrString`, `PodSpec`... */
export function typeGuess(t: FieldType): string {
  switch (t.type) {
    case 'array': return `[]${typeGuess(t.items)}`;
    case 'map': return `map[string]${typeGuess(t.values)}`;
    case 'object':
    case 'any': return shortName(t.ref);
    case 'IntOrString':
    case 'Quantity': return t.type;
    // Time and MicroTime are components of type string: the template prints the type, not the name.
    default: return t.type;
  }
}

function shortName(ref: string): string {
  return ref.slice(ref.lastIndexOf('.') + 1) || 'Object';
}

/** "extractEnum": `ENUM:` lines for FIELD, or an `enum: a, b, c, d, ....` line under a field. */
function extractEnum(t: FieldType, long: boolean, limit: number, indentAmount: number): string {
  if (t.type !== 'string' || !t.enum || t.enum.length === 0) return '';
  let out = long ? 'ENUM:' : '\n' + ' '.repeat(indentAmount) + 'enum: ';
  for (let i = 0; i < t.enum.length; i++) {
    if (limit > -1 && i >= limit) {
      out += ', ....';
      break;
    }
    if (i > 0 && !long) out += ', ';
    else if (long) out += '\n    ';
    out += t.enum[i] === '' ? '""' : t.enum[i];
  }
  return out;
}

/** The template's indent: pad the first line and every line after a newline. */
function indent(amount: number, s: string): string {
  const pad = ' '.repeat(amount);
  return pad + s.replaceAll('\n', '\n' + pad);
}

/** Go's sort order for map keys in templates: by bytes (code units for these ASCII names). */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
