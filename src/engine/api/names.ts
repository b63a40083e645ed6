// Name and value rules of k8s.io/apimachinery/pkg/util/validation, api/validation and
// apis/meta/v1/validation (Kubernetes 1.30), with their messages character for character.
// The format checks are hand-written scanners rather than regular expressions: Go's RE2 is linear,
// a backtracking JS regex on a 100 KB annotation key is not. The regexes still appear in the
// messages because Kubernetes prints them.

import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';
import {
  FieldPath,
  forbidden,
  GoValue,
  invalid,
  required,
  tooLong,
  type FieldError,
} from './field.ts';

// ---------------------------------------------------------------------------------------------
// Message builders (validation.MaxLenError, RegexError, EmptyError, InclusiveRangeError)

export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** "msg (e.g. 'a',  or 'b', regex used for validation is 're')": the double space is Kubernetes'. */
export function regexError(msg: string, re: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${re}')`;
  let s = msg + ' (e.g. ';
  for (let i = 0; i < examples.length; i++) {
    if (i > 0) s += ' or ';
    s += `'${examples[i]}', `;
  }
  return s + `regex used for validation is '${re}')`;
}

export function emptyError(): string {
  return 'must be non-empty';
}

export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

/** len() of a Go string: its UTF-8 byte count, which is what every length limit counts. */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 2; // a pair: 2 UTF-16 units, 4 bytes
        i++;
        continue;
      }
      n += 2;
    } else n += 2;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Character classes and format scanners

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLower = (c: number) => c >= 97 && c <= 122;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isLowerAlnum = (c: number) => isLower(c) || isDigit(c);
const isAlnum = (c: number) => isLower(c) || isUpper(c) || isDigit(c);
const DASH = 45;
const DOT = 46;
const UNDERSCORE = 95;

/** [a-z0-9]([-a-z0-9]*[a-z0-9])? over s[start, end). */
function dns1123LabelFormat(s: string, start: number, end: number): boolean {
  if (end <= start) return false;
  if (!isLowerAlnum(s.charCodeAt(start)) || !isLowerAlnum(s.charCodeAt(end - 1))) return false;
  for (let i = start + 1; i < end - 1; i++) {
    const c = s.charCodeAt(i);
    if (!isLowerAlnum(c) && c !== DASH) return false;
  }
  return true;
}

/** label(\.label)* */
function dns1123SubdomainFormat(s: string): boolean {
  let start = 0;
  for (;;) {
    let end = s.indexOf('.', start);
    if (end < 0) end = s.length;
    if (!dns1123LabelFormat(s, start, end)) return false;
    if (end === s.length) return true;
    start = end + 1;
  }
}

/** [a-z]([-a-z0-9]*[a-z0-9])? */
function dns1035LabelFormat(s: string): boolean {
  return s.length > 0 && isLower(s.charCodeAt(0)) && dns1123LabelFormat(s, 0, s.length);
}

/** ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9] */
function qualifiedNameFormat(s: string): boolean {
  const n = s.length;
  if (n === 0 || !isAlnum(s.charCodeAt(0)) || !isAlnum(s.charCodeAt(n - 1))) return false;
  for (let i = 1; i < n - 1; i++) {
    const c = s.charCodeAt(i);
    if (!isAlnum(c) && c !== DASH && c !== UNDERSCORE && c !== DOT) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// util/validation

export const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
export const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
export const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
export const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
export const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
export const DNS1123_LABEL_MAX_LENGTH = 63;
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
export const DNS1035_LABEL_MAX_LENGTH = 63;
export const LABEL_VALUE_MAX_LENGTH = 63;
const QUALIFIED_NAME_MAX_LENGTH = 63;

const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1035_LABEL_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const QUALIFIED_NAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > DNS1123_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!dns1123LabelFormat(value, 0, value.length)) {
    // A valid subdomain that is not a label (length was checked already) has dots.
    if (dns1123SubdomainFormat(value)) errs.push('must not contain dots');
    else errs.push(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  }
  return errs;
}

export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!dns1123SubdomainFormat(value)) errs.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > DNS1035_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1035_LABEL_MAX_LENGTH));
  if (!dns1035LabelFormat(value)) errs.push(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  return errs;
}

/** A label key, annotation key or finalizer: an optional DNS subdomain prefix and '/', then a name. */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push('prefix part ' + emptyError());
    else for (const m of isDNS1123Subdomain(prefix)) errs.push('prefix part ' + m);
  } else {
    errs.push(
      'a qualified name ' +
        regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc') +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    );
    return errs;
  }
  if (name.length === 0) errs.push('name part ' + emptyError());
  else if (utf8Length(name) > QUALIFIED_NAME_MAX_LENGTH) errs.push('name part ' + maxLenError(QUALIFIED_NAME_MAX_LENGTH));
  if (!qualifiedNameFormat(name)) {
    errs.push('name part ' + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc'));
  }
  return errs;
}

export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > LABEL_VALUE_MAX_LENGTH) errs.push(maxLenError(LABEL_VALUE_MAX_LENGTH));
  if (value.length !== 0 && !qualifiedNameFormat(value)) {
    errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  }
  return errs;
}

export function isCIdentifier(value: string): string[] {
  let ok = value.length > 0;
  for (let i = 0; ok && i < value.length; i++) {
    const c = value.charCodeAt(i);
    ok = isLower(c) || isUpper(c) || c === UNDERSCORE || (i > 0 && isDigit(c));
  }
  if (ok) return [];
  return [
    regexError(
      "a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_'",
      '[A-Za-z_][A-Za-z0-9_]*',
      'my_name',
      'MY_NAME',
      'MyName',
    ),
  ];
}

function hasChDirPrefix(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
}

/** [-._a-zA-Z][-._a-zA-Z0-9]*, and not '.', '..' or '..x'. */
export function isEnvVarName(value: string): string[] {
  const errs: string[] = [];
  let ok = value.length > 0;
  for (let i = 0; ok && i < value.length; i++) {
    const c = value.charCodeAt(i);
    ok = isLower(c) || isUpper(c) || c === UNDERSCORE || c === DASH || c === DOT || (i > 0 && isDigit(c));
  }
  if (!ok) {
    errs.push(
      regexError(
        "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
        '[-._a-zA-Z][-._a-zA-Z0-9]*',
        'my.env-name',
        'MY_ENV.NAME',
        'MyEnvName1',
      ),
    );
  }
  errs.push(...hasChDirPrefix(value));
  return errs;
}

/** A ConfigMap or Secret data key: [-._a-zA-Z0-9]+, at most 253 characters. */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  let ok = value.length > 0;
  for (let i = 0; ok && i < value.length; i++) {
    const c = value.charCodeAt(i);
    ok = isAlnum(c) || c === UNDERSCORE || c === DASH || c === DOT;
  }
  if (!ok) {
    errs.push(
      regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", '[-._a-zA-Z0-9]+', 'key.name', 'KEY_NAME', 'key-name'),
    );
  }
  errs.push(...hasChDirPrefix(value));
  return errs;
}

/** An IANA_SVC_NAME: 1-15 of [-a-z0-9], at least one letter, no leading, trailing or double hyphen. */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (utf8Length(port) > 15) errs.push(maxLenError(15));
  let charset = port.length > 0;
  let letter = false;
  for (let i = 0; i < port.length; i++) {
    const c = port.charCodeAt(i);
    if (isLower(c)) letter = true;
    else if (!isDigit(c) && c !== DASH) charset = false;
  }
  if (!charset) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!letter) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port[0] === '-' || port[port.length - 1] === '-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

export function isValidPortNum(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

export function isInRange(value: number, min: number, max: number): string[] {
  return value >= min && value <= max ? [] : [inclusiveRangeError(min, max)];
}

// ---------------------------------------------------------------------------------------------
// IP addresses, parsed as k8s.io/utils/net's ParseIPSloppy does (Go 1.16's net.ParseIP, which
// accepts leading zeros in IPv4 octets: "010.0.0.1" is 10.0.0.1).

/** Decimal digits at s[i..]: [value, index after]; value is capped so callers can test > limit. */
function dtoi(s: string, i: number): [number, number] {
  let n = 0;
  let j = i;
  for (; j < s.length && isDigit(s.charCodeAt(j)); j++) {
    n = n * 10 + (s.charCodeAt(j) - 48);
    if (n >= 0xffffff) return [-1, j]; // Go's dtoi gives up at big = 0xFFFFFF
  }
  return j === i ? [-1, j] : [n, j];
}

function hexVal(c: number): number {
  if (isDigit(c)) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

function xtoi(s: string, i: number): [number, number] {
  let n = 0;
  let j = i;
  for (; j < s.length; j++) {
    const h = hexVal(s.charCodeAt(j));
    if (h < 0) break;
    n = n * 16 + h;
    if (n >= 0xffffff) return [-1, j];
  }
  return j === i ? [-1, j] : [n, j];
}

/** The 4 bytes of a dotted-quad that must fill s from i to the end, or null. */
function parseIPv4At(s: string, i: number): number[] | null {
  const out: number[] = [];
  for (let k = 0; k < 4; k++) {
    if (i >= s.length) return null;
    if (k > 0) {
      if (s.charCodeAt(i) !== DOT) return null;
      i++;
    }
    const [n, j] = dtoi(s, i);
    if (n < 0 || n > 0xff) return null;
    out.push(n);
    i = j;
  }
  return i === s.length ? out : null;
}

/** The 16 bytes of an IPv6 address (no zone), or null. */
function parseIPv6(s: string): number[] | null {
  const ip: number[] = new Array(16).fill(0);
  let ellipsis = -1;
  let p = 0;
  if (s.length >= 2 && s[0] === ':' && s[1] === ':') {
    ellipsis = 0;
    p = 2;
    if (p === s.length) return ip;
  }
  let i = 0;
  while (i < 16) {
    const [n, c] = xtoi(s, p);
    if (n < 0 || n > 0xffff) return null;
    if (c < s.length && s.charCodeAt(c) === DOT) {
      if (ellipsis < 0 && i !== 12) return null; // not the right place for an embedded IPv4
      if (i + 4 > 16) return null;
      const v4 = parseIPv4At(s, p);
      if (!v4) return null;
      for (let k = 0; k < 4; k++) ip[i + k] = v4[k];
      p = s.length;
      i += 4;
      break;
    }
    ip[i] = n >> 8;
    ip[i + 1] = n & 0xff;
    i += 2;
    p = c;
    if (p === s.length) break;
    if (s[p] !== ':' || p + 1 === s.length) return null;
    p++;
    if (s[p] === ':') {
      if (ellipsis >= 0) return null;
      ellipsis = i;
      p++;
      if (p === s.length) break;
    }
  }
  if (p !== s.length) return null;
  if (i < 16) {
    if (ellipsis < 0) return null;
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j];
    for (let j = ellipsis + n - 1; j >= ellipsis; j--) ip[j] = 0;
  } else if (ellipsis >= 0) {
    return null; // "::" must stand for at least one group of zeros
  }
  return ip;
}

/**
 * 4 for an IPv4 address, 6 for IPv6, null for neither. An IPv4-mapped IPv6 address
 * ("::ffff:1.2.3.4") counts as IPv4, as Go's To4() makes it.
 */
export function ipFamily(value: string): 4 | 6 | null {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === DOT) return parseIPv4At(value, 0) ? 4 : null;
    if (c === 58) {
      const ip = parseIPv6(value);
      if (!ip) return null;
      for (let k = 0; k < 10; k++) if (ip[k] !== 0) return 6;
      return ip[10] === 0xff && ip[11] === 0xff ? 4 : 6;
    }
  }
  return null;
}

export function isValidIP(value: string): string[] {
  return ipFamily(value) === null ? ['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'] : [];
}

/** ParseCIDRSloppy: an address, '/', and a decimal prefix length no larger than the address. */
export function isValidCIDR(value: string): string[] {
  const bad = ['must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'];
  const slash = value.indexOf('/');
  if (slash < 0) return bad;
  const addr = value.slice(0, slash);
  const mask = value.slice(slash + 1);
  let bits = 32;
  if (!parseIPv4At(addr, 0)) {
    bits = 128;
    if (!parseIPv6(addr)) return bad;
  }
  const [n, j] = dtoi(mask, 0);
  if (n < 0 || j !== mask.length || n > bits) return bad;
  return [];
}

// ---------------------------------------------------------------------------------------------
// Object names (api/validation/generic.go, path/name.go)

/** ValidateNameFunc: `prefix` is true for a generateName, to which 5 characters will be appended. */
export type NameValidator = (name: string, prefix: boolean) => string[];

/**
 * maskTrailingDash, bug for bug: "abc-" becomes "aba" (it drops the character before the dash too),
 * so a generateName ending in '-' validates.
 */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? name.slice(0, name.length - 2) + 'a' : name;
}

export const nameIsDNSSubdomain: NameValidator = (name, prefix) =>
  isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
export const nameIsDNSLabel: NameValidator = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);
export const nameIsDNS1035Label: NameValidator = (name, prefix) =>
  isDNS1035Label(prefix ? maskTrailingDash(name) : name);
export const validateNamespaceName: NameValidator = nameIsDNSLabel;

/** path.IsValidPathSegmentName: what RBAC roles and bindings require of their names. */
export function isValidPathSegmentName(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  return isValidPathSegmentPrefix(name);
}

export function isValidPathSegmentPrefix(name: string): string[] {
  const errs: string[] = [];
  if (name.includes('/')) errs.push("may not contain '/'");
  if (name.includes('%')) errs.push("may not contain '%'");
  return errs;
}

/** ValidateRBACName ignores `prefix`: a generateName of '.' is rejected like a name. */
export const validateRBACName: NameValidator = (name) => isValidPathSegmentName(name);

/**
 * The name rule of each kind, by group-resource ("pods", "statefulsets.apps"): a DNS subdomain
 * unless listed. Services are DNS-1035 labels, namespaces and (since 1.27) StatefulSets are
 * RFC 1123 labels, RBAC objects only need to be a path segment.
 */
const NAME_RULES: Readonly<Record<string, NameValidator>> = {
  namespaces: nameIsDNSLabel,
  services: nameIsDNS1035Label,
  'statefulsets.apps': nameIsDNSLabel,
  'roles.rbac.authorization.k8s.io': validateRBACName,
  'rolebindings.rbac.authorization.k8s.io': validateRBACName,
  'clusterroles.rbac.authorization.k8s.io': validateRBACName,
  'clusterrolebindings.rbac.authorization.k8s.io': validateRBACName,
};

export function nameValidatorFor(groupResource: string): NameValidator {
  return NAME_RULES[groupResource] ?? nameIsDNSSubdomain;
}

/** Invalid-value errors for a name, one per message: `metadata.name: Invalid value: "Pod_Demo": ...`. */
export function validateObjectName(
  name: string,
  nameFn: NameValidator = nameIsDNSSubdomain,
  path: FieldPath | string = FieldPath.root('metadata', 'name'),
): FieldError[] {
  return nameFn(name, false).map((msg) => invalid(path, name, msg));
}

/** names.SimpleNameGenerator: the base cut to 58 characters, then 5 random ones. */
export const MAX_GENERATED_NAME_LENGTH = 63 - 5;

export function generateName(base: string, random: { string(length: number): string }): string {
  const b = base.length > MAX_GENERATED_NAME_LENGTH ? base.slice(0, MAX_GENERATED_NAME_LENGTH) : base;
  return b + random.string(5);
}

/**
 * The warning workload kinds give when a name is a valid subdomain but not a DNS label (1.27+):
 * `pod` for Pods, `workload` for Deployments, ReplicaSets, ReplicationControllers, Jobs, CronJobs.
 */
export function dnsLabelNameWarning(name: string, kind: 'pod' | 'workload'): string | undefined {
  const msgs = isDNS1123Label(name);
  if (msgs.length === 0) return undefined;
  const used =
    kind === 'pod' ? "this is used in the Pod's hostname" : 'this is used in Pod names and hostnames';
  return `metadata.name: ${used}, which can result in surprising behavior; a DNS label is recommended: [${msgs.join(' ')}]`;
}

// ---------------------------------------------------------------------------------------------
// Labels, annotations, finalizers, owner references

/** ValidateLabels: each bad key or value reported against the labels path itself. */
export function validateLabels(
  labels: Readonly<Record<string, string>> | null | undefined,
  path: FieldPath | string,
): FieldError[] {
  const errs: FieldError[] = [];
  if (!labels) return errs;
  for (const k in labels) {
    for (const msg of isQualifiedName(k)) errs.push(invalid(path, k, msg));
    for (const msg of isValidLabelValue(labels[k])) errs.push(invalid(path, labels[k], msg));
  }
  return errs;
}

export const TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * (1 << 10);

/** Keys are qualified names compared in lower case; keys and values together at most 256 KiB. */
export function validateAnnotations(
  annotations: Readonly<Record<string, string>> | null | undefined,
  path: FieldPath | string,
): FieldError[] {
  const errs: FieldError[] = [];
  if (!annotations) return errs;
  let total = 0;
  for (const k in annotations) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, msg));
    total += utf8Length(k) + utf8Length(annotations[k]);
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) errs.push(tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT_BYTES));
  return errs;
}

/** The text of ValidateAnnotationsSize's error, which some callers print. */
export function annotationsSizeError(annotations: Readonly<Record<string, string>>): string | undefined {
  let total = 0;
  for (const k in annotations) total += utf8Length(k) + utf8Length(annotations[k]);
  return total > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES
    ? `annotations size ${total} is larger than limit ${TOTAL_ANNOTATION_SIZE_LIMIT_BYTES}`
    : undefined;
}

/** Go's %q for a string, for the %#v renderings below. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c >= 0x80 && c < 0xa0) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/** %#v of a []string; `nilIfEmpty` for a slice that Go holds as nil. */
export function goStringSlice(values: readonly string[] | null | undefined, nilIfEmpty = false): GoValue {
  if (!values || (values.length === 0 && nilIfEmpty)) return new GoValue('[]string(nil)');
  return new GoValue(`[]string{${values.map(goQuote).join(', ')}}`);
}

export const FINALIZER_ORPHAN_DEPENDENTS = 'orphan';
export const FINALIZER_DELETE_DEPENDENTS = 'foregroundDeletion';
export const FINALIZER_KUBERNETES = 'kubernetes';
const STANDARD_FINALIZERS = new Set([FINALIZER_KUBERNETES, FINALIZER_ORPHAN_DEPENDENTS, FINALIZER_DELETE_DEPENDENTS]);

/** apimachinery's ValidateFinalizers: qualified names, and not both orphan and foregroundDeletion. */
export function validateFinalizers(finalizers: readonly string[] | null | undefined, path: FieldPath | string): FieldError[] {
  const errs: FieldError[] = [];
  if (!finalizers) return errs;
  let orphan = false;
  let foreground = false;
  for (const f of finalizers) {
    for (const msg of isQualifiedName(f)) errs.push(invalid(path, f, msg));
    if (f === FINALIZER_ORPHAN_DEPENDENTS) orphan = true;
    if (f === FINALIZER_DELETE_DEPENDENTS) foreground = true;
  }
  if (orphan && foreground) {
    errs.push(
      invalid(
        path,
        goStringSlice(finalizers),
        `finalizer ${FINALIZER_ORPHAN_DEPENDENTS} and ${FINALIZER_DELETE_DEPENDENTS} cannot be both set`,
      ),
    );
  }
  return errs;
}

/** The built-in kinds' extra rule: a finalizer without '/' must be one of the standard three. */
export function validateKubeFinalizerName(name: string, path: FieldPath | string): FieldError[] {
  if (name.includes('/') || STANDARD_FINALIZERS.has(name)) return [];
  return [invalid(path, name, 'name is neither a standard finalizer name nor is it fully qualified')];
}

/** schema.ParseGroupVersion as FromAPIVersionAndKind uses it: a malformed apiVersion gives no version. */
function parseGroupVersion(apiVersion: string): { group: string; version: string } {
  if (apiVersion === '' || apiVersion === '/') return { group: '', version: '' };
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: apiVersion };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  return { group: '', version: '' };
}

function goBoolPtr(v: boolean | undefined): string {
  // Go prints the pointer's address; the simulator has none, so a fixed one stands in for it.
  return v === undefined ? '(*bool)(nil)' : '(*bool)(0xc000012345)';
}

/** %#v of a metav1.OwnerReference. */
export function goOwnerReference(ref: OwnerReference): string {
  return (
    `v1.OwnerReference{APIVersion:${goQuote(ref.apiVersion ?? '')}, Kind:${goQuote(ref.kind ?? '')}, ` +
    `Name:${goQuote(ref.name ?? '')}, UID:${goQuote(ref.uid ?? '')}, Controller:${goBoolPtr(ref.controller)}, ` +
    `BlockOwnerDeletion:${goBoolPtr(ref.blockOwnerDeletion)}}`
  );
}

function validateOwnerReference(ref: OwnerReference, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const gv = parseGroupVersion(ref.apiVersion ?? '');
  const kind = ref.kind ?? '';
  if (gv.version === '') errs.push(invalid(path.child('apiVersion'), ref.apiVersion ?? '', 'version must not be empty'));
  if (kind === '') errs.push(invalid(path.child('kind'), kind, 'kind must not be empty'));
  if (!ref.name) errs.push(invalid(path.child('name'), ref.name ?? '', 'name must not be empty'));
  if (!ref.uid) errs.push(invalid(path.child('uid'), ref.uid ?? '', 'uid must not be empty'));
  if (gv.group === '' && gv.version === 'v1' && kind === 'Event') {
    errs.push(invalid(path, new GoValue(goOwnerReference(ref)), '/v1, Kind=Event is disallowed from being an owner'));
  }
  return errs;
}

/** Each reference complete, no Event owners, at most one controller. */
export function validateOwnerReferences(
  refs: readonly OwnerReference[] | null | undefined,
  path: FieldPath = FieldPath.root('metadata', 'ownerReferences'),
): FieldError[] {
  const errs: FieldError[] = [];
  if (!refs) return errs;
  let firstController = '';
  for (const ref of refs) {
    errs.push(...validateOwnerReference(ref, path));
    if (ref.controller) {
      const current = `${ref.kind ?? ''}/${ref.name ?? ''}`;
      if (firstController !== '') {
        errs.push(
          invalid(
            path,
            new GoValue(`[]v1.OwnerReference{${refs.map(goOwnerReference).join(', ')}}`),
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        );
      } else {
        firstController = current;
      }
    }
  }
  return errs;
}

export interface ObjectMetaRules {
  /** Whether the kind is namespaced (metadata.namespace required) or cluster-scoped (forbidden). */
  namespaced: boolean;
  nameFn?: NameValidator;
  /** The built-in kinds' finalizer rule (core validation's wrapper); off for custom resources. */
  kubeFinalizers?: boolean;
}

/**
 * ValidateObjectMeta on create, after name generation, in the apiserver's order: generateName,
 * name, namespace, generation, labels, annotations, ownerReferences, finalizers.
 */
export function validateObjectMeta(
  meta: ObjectMeta,
  rules: ObjectMetaRules,
  path: FieldPath = FieldPath.root('metadata'),
): FieldError[] {
  const nameFn = rules.nameFn ?? nameIsDNSSubdomain;
  const errs: FieldError[] = [];
  if (meta.generateName) {
    for (const msg of nameFn(meta.generateName, true)) errs.push(invalid(path.child('generateName'), meta.generateName, msg));
  }
  if (!meta.name) errs.push(required(path.child('name'), 'name or generateName is required'));
  else for (const msg of nameFn(meta.name, false)) errs.push(invalid(path.child('name'), meta.name, msg));
  if (rules.namespaced) {
    if (!meta.namespace) errs.push(required(path.child('namespace')));
    else for (const msg of validateNamespaceName(meta.namespace, false)) errs.push(invalid(path.child('namespace'), meta.namespace, msg));
  } else if (meta.namespace) {
    errs.push(forbidden(path.child('namespace'), 'not allowed on this type'));
  }
  if (meta.generation !== undefined && meta.generation < 0) {
    errs.push(invalid(path.child('generation'), meta.generation, 'must be greater than or equal to 0'));
  }
  errs.push(...validateLabels(meta.labels, path.child('labels')));
  errs.push(...validateAnnotations(meta.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(meta.ownerReferences, path.child('ownerReferences')));
  errs.push(...validateFinalizers(meta.finalizers, path.child('finalizers')));
  if (rules.kubeFinalizers !== false && meta.finalizers) {
    meta.finalizers.forEach((f, i) => errs.push(...validateKubeFinalizerName(f, path.child('finalizers').index(i))));
  }
  return errs;
}
