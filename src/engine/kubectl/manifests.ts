// Reading the objects `-f` names, as kubectl's resource builder does: files, folders (with -R,
// recursively), `-` for stdin, JSON or multi-document YAML, and `kind: List` expanded. A file with a
// syntax error contributes nothing; other files still do.

import { FsError, type VirtualFS } from '../shell/types.ts';
import { parseManifests } from '../yaml/parse.ts';
import { jsonDepth, MAX_OBJECT_DEPTH, type KubeObject } from '../api/object.ts';
import type { KindInfo, KindRegistry } from '../api/kinds.ts';
import { KubectlError } from './errors.ts';

export interface ManifestItem {
  obj: KubeObject;
  /** The file as kubectl names it in messages ("pod.yaml", "STDIN"). */
  source: string;
  line: number;
}

export interface ManifestRead {
  items: ManifestItem[];
  /** Errors to report after processing what could be read. */
  errors: string[];
}

const EXTENSIONS = ['.json', '.yaml', '.yml'];

export function readManifestArgs(fs: VirtualFS, cwd: string, paths: readonly string[], recursive: boolean, stdin: string): ManifestRead {
  const items: ManifestItem[] = [];
  const errors: string[] = [];
  for (const p of paths) {
    if (/^https?:\/\//i.test(p)) {
      throw new KubectlError(`unable to read URL "${p}": the sandbox has no network access to the internet. Copy the manifest into the editor (or into a file with cat > file.yaml <<EOF) and apply that instead.`);
    }
    if (p === '-') {
      readText(stdin, 'STDIN', items, errors);
      continue;
    }
    const abs = fs.resolve(p, cwd);
    const st = fs.stat(abs);
    if (!st) throw new KubectlError(`the path "${p}" does not exist`);
    if (st.type === 'dir') {
      for (const f of listManifestFiles(fs, abs, recursive)) readFile(fs, f, displayPath(p, abs, f), items, errors);
      continue;
    }
    readFile(fs, abs, p, items, errors);
  }
  return { items, errors };
}

function displayPath(arg: string, absDir: string, file: string): string {
  const rel = file.slice(absDir.length).replace(/^\//, '');
  return arg.endsWith('/') ? arg + rel : `${arg}/${rel}`;
}

function listManifestFiles(fs: VirtualFS, dir: string, recursive: boolean): string[] {
  const out: string[] = [];
  for (const name of (fs.readDir(dir) ?? []).sort()) {
    const path = dir === '/' ? `/${name}` : `${dir}/${name}`;
    const st = fs.stat(path);
    if (st?.type === 'dir') {
      if (recursive) out.push(...listManifestFiles(fs, path, recursive));
    } else if (EXTENSIONS.some((e) => name.endsWith(e))) out.push(path);
  }
  return out;
}

function readFile(fs: VirtualFS, abs: string, display: string, items: ManifestItem[], errors: string[]): void {
  let text: string | undefined;
  try {
    text = fs.readFile(abs);
  } catch (e) {
    errors.push(e instanceof FsError ? `error: ${e.message}` : `error: unable to read ${display}`);
    return;
  }
  if (text === undefined) {
    errors.push(`error: the path "${display}" does not exist`);
    return;
  }
  readText(text, display, items, errors);
}

function readText(text: string, source: string, items: ManifestItem[], errors: string[]): void {
  const r = parseManifests(text, source);
  if (r.error) {
    // kubectl's own words, then where exactly and what it means (kubectl gives only a line).
    errors.push(`error: ${r.error.message}\nhint: ${source}:${r.error.line}:${r.error.column}: ${r.error.hint}`);
    return;
  }
  const fileItems: ManifestItem[] = [];
  for (const doc of r.documents) {
    const v = doc.value;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      errors.push(`error: error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`);
      return;
    }
    if (jsonDepth(v, MAX_OBJECT_DEPTH) > MAX_OBJECT_DEPTH) {
      errors.push(`error: error parsing ${source}: the document starting on line ${doc.line} is nested more than ${MAX_OBJECT_DEPTH} levels deep; no Kubernetes object is`);
      return;
    }
    const obj = v as unknown as KubeObject;
    const missing: string[] = [];
    if (!obj.apiVersion) missing.push('apiVersion not set');
    if (!obj.kind) missing.push('kind not set');
    if (missing.length) {
      errors.push(`error: error validating "${source}": error validating data: [${missing.join(', ')}]; if you choose to ignore these errors, turn validation off with --validate=false`);
      return;
    }
    if (obj.kind === 'List' && Array.isArray(obj.items)) {
      for (const it of obj.items as KubeObject[]) fileItems.push({ obj: it, source, line: doc.line });
      continue;
    }
    obj.metadata ??= {};
    fileItems.push({ obj, source, line: doc.line });
  }
  items.push(...fileItems);
}

/** kubectl's RESTMapper error for a kind it cannot find, plus the sandbox's hint for removed versions. */
export function mappingError(kinds: KindRegistry, item: ManifestItem, namespace: string): string {
  const { obj } = item;
  const name = obj.metadata?.name ?? '';
  let msg = `error: resource mapping not found for name: "${name}" namespace: "${namespace}" from "${item.source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`;
  const removed = kinds.removed(obj.apiVersion, obj.kind);
  const current = kinds.currentVersionOf(obj.kind);
  if (removed && current) {
    msg += `\nhint: ${obj.apiVersion} ${obj.kind} was removed in Kubernetes ${removed.removedIn}; use "apiVersion: ${current}" instead (check the manifest against \`kubectl explain ${obj.kind.toLowerCase()}\`, newer versions may require fields such as spec.selector)`;
  } else if (current && current !== obj.apiVersion) {
    msg += `\nhint: ${obj.kind} is served as "apiVersion: ${current}"`;
  }
  return msg;
}

/** The namespace an object from a file goes to, or the error kubectl gives for a conflict. */
export function namespaceFor(info: KindInfo, item: ManifestItem, ns: string, explicit: boolean): string {
  if (!info.namespaced) return '';
  const own = item.obj.metadata?.namespace;
  if (own && explicit && own !== ns) {
    throw new KubectlError(`the namespace from the provided object "${own}" does not match the namespace "${ns}". You must pass '--namespace=${own}' to perform this operation.`);
  }
  return own || ns;
}

export interface FileObject {
  info: KindInfo;
  namespace: string;
  item: ManifestItem;
}

/** The objects `-f` names, each with its kind and namespace; problems go to `errors`. */
export function fileObjects(
  kinds: KindRegistry,
  read: ManifestRead,
  namespace: string,
  namespaceExplicit: boolean,
): { objects: FileObject[]; errors: string[] } {
  const objects: FileObject[] = [];
  const errors = [...read.errors];
  for (const item of read.items) {
    const info = kinds.forObject(item.obj.apiVersion, item.obj.kind);
    if (!info) {
      errors.push(mappingError(kinds, item, item.obj.metadata?.namespace ?? (namespaceExplicit ? namespace : '')));
      continue;
    }
    objects.push({ info, namespace: namespaceFor(info, item, namespace, namespaceExplicit), item });
  }
  return { objects, errors };
}
