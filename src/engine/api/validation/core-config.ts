// ConfigMap and Secret validation (ValidateConfigMap, ValidateConfigMapUpdate, ValidateSecret,
// ValidateSecretUpdate; Kubernetes 1.30): key names, the 1 MiB size limit, the rules of each
// Secret type, and what `immutable: true` freezes.

import type { ConfigMap, Secret } from 'kubernetes-types/core/v1';
import { FieldPath, forbidden, invalid, required, tooLong, type FieldError } from '../field.ts';
import { isConfigMapKey, utf8Length } from '../names.ts';
import { deepEqual, type KubeObject } from '../object.ts';
import { decodeBase64 } from '../../util/base64.ts';
import { FIELD_IMMUTABLE, validateObjectMeta, validateObjectMetaUpdate } from './meta.ts';

/** core.MaxSecretSize: also the ConfigMap limit. */
export const MAX_SECRET_SIZE = 1024 * 1024;
const DATA = FieldPath.root('data');
const BINARY_DATA = FieldPath.root('binaryData');
const IMMUTABLE_WHEN_SET = 'field is immutable when `immutable` is set';

/** The number of bytes a base64 string decodes to ([]byte in Go). */
export function base64Length(s: string): number {
  let n = s.length;
  while (n > 0 && s.charCodeAt(n - 1) === 61 /* = */) n--;
  return Math.floor((n * 3) / 4);
}

export function validateConfigMap(obj: KubeObject): FieldError[] {
  const cm = obj as unknown as ConfigMap;
  const errs = validateObjectMeta(cm.metadata, { namespaced: true });
  let total = 0;
  const data = cm.data ?? {};
  const binary = cm.binaryData ?? {};
  for (const key in data) {
    for (const msg of isConfigMapKey(key)) errs.push(invalid(DATA.key(key), key, msg));
    if (key in binary) errs.push(invalid(DATA.key(key), key, 'duplicate of key present in binaryData'));
    total += utf8Length(String(data[key] ?? ''));
  }
  for (const key in binary) {
    for (const msg of isConfigMapKey(key)) errs.push(invalid(BINARY_DATA.key(key), key, msg));
    total += base64Length(String(binary[key] ?? ''));
  }
  // Kubernetes names the whole object with an empty path, which prints as "[]".
  if (total > MAX_SECRET_SIZE) errs.push(tooLong('[]', MAX_SECRET_SIZE));
  return errs;
}

export function validateConfigMapUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  const cm = obj as unknown as ConfigMap;
  const old = oldObj as unknown as ConfigMap;
  const errs = validateObjectMetaUpdate(cm.metadata ?? {}, old.metadata ?? {});
  if (old.immutable) {
    if (!cm.immutable) errs.push(forbidden('immutable', IMMUTABLE_WHEN_SET));
    if (!deepEqual(cm.data ?? null, old.data ?? null)) errs.push(forbidden('data', IMMUTABLE_WHEN_SET));
    if (!deepEqual(cm.binaryData ?? null, old.binaryData ?? null)) errs.push(forbidden('binaryData', IMMUTABLE_WHEN_SET));
  }
  return errs;
}

const SA_NAME_ANNOTATION = 'kubernetes.io/service-account.name';

export function validateSecret(obj: KubeObject): FieldError[] {
  const secret = obj as unknown as Secret;
  const errs = validateObjectMeta(secret.metadata, { namespaced: true });
  const data = secret.data ?? {};
  let total = 0;
  for (const key in data) {
    for (const msg of isConfigMapKey(key)) errs.push(invalid(DATA.key(key), key, msg));
    total += base64Length(String(data[key] ?? ''));
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong(DATA, MAX_SECRET_SIZE));
  switch (secret.type ?? '') {
    case 'kubernetes.io/service-account-token':
      if (!secret.metadata?.annotations?.[SA_NAME_ANNOTATION]) {
        errs.push(required(FieldPath.root('metadata', 'annotations').key(SA_NAME_ANNOTATION)));
      }
      break;
    case 'kubernetes.io/dockercfg':
      dockerConfig(errs, data, '.dockercfg');
      break;
    case 'kubernetes.io/dockerconfigjson':
      dockerConfig(errs, data, '.dockerconfigjson');
      break;
    case 'kubernetes.io/basic-auth':
      if (!('username' in data) && !('password' in data)) {
        errs.push(required(DATA.key('username')));
        errs.push(required(DATA.key('password')));
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if (!data['ssh-privatekey']) errs.push(required(DATA.key('ssh-privatekey')));
      break;
    case 'kubernetes.io/tls':
      if (!('tls.crt' in data)) errs.push(required(DATA.key('tls.crt')));
      if (!('tls.key' in data)) errs.push(required(DATA.key('tls.key')));
      break;
  }
  return errs;
}

/** The docker config key must be there and hold JSON. */
function dockerConfig(errs: FieldError[], data: Record<string, string>, key: string): void {
  if (!(key in data)) {
    errs.push(required(DATA.key(key)));
    return;
  }
  const text = decodeBase64(String(data[key] ?? '')) ?? '';
  const err = jsonError(text);
  if (err) errs.push(invalid(DATA.key(key), '<secret contents redacted>', err));
}

/** encoding/json's message for text that is not a JSON object, roughly as Go words it. */
function jsonError(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return 'unexpected end of JSON input';
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    const c = trimmed[0];
    return c === '{' || c === '[' || c === '"' ? 'unexpected end of JSON input' : `invalid character '${c}' looking for beginning of value`;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    const t = Array.isArray(parsed) ? 'array' : typeof parsed === 'string' ? 'string' : typeof parsed === 'number' ? 'number' : 'bool';
    return `json: cannot unmarshal ${t} into Go value of type map[string]interface {}`;
  }
  return undefined;
}

export function validateSecretUpdate(obj: KubeObject, oldObj: KubeObject): FieldError[] {
  const secret = obj as unknown as Secret;
  const old = oldObj as unknown as Secret;
  const errs = validateObjectMetaUpdate(secret.metadata ?? {}, old.metadata ?? {});
  if ((secret.type ?? '') !== (old.type ?? '')) errs.push(invalid('type', secret.type ?? '', FIELD_IMMUTABLE));
  if (old.immutable) {
    if (!secret.immutable) errs.push(forbidden('immutable', IMMUTABLE_WHEN_SET));
    if (!deepEqual(secret.data ?? null, old.data ?? null)) errs.push(forbidden('data', IMMUTABLE_WHEN_SET));
  }
  return errs;
}
