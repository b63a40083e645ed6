// Field selectors as k8s.io/apimachinery/pkg/fields parses and matches them (`kubectl get
// --field-selector`), and the field labels each resource supports: the apiserver's field label
// conversion functions decide which labels a list accepts (and word the error), the registry's
// GetAttrs decide the string each object offers for them. Kubernetes 1.30.
//
// What a learner sees for an unsupported label (kubectl's EnhanceListError wraps the server's text):
//   $ kubectl get pods --field-selector foo=bar
//   Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo

import type { Event as CoreEvent, Namespace, Node, Pod, ReplicationController, Secret, Service } from 'kubernetes-types/core/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import type { CertificateSigningRequest } from 'kubernetes-types/certificates/v1';
import type { Event as EventsEvent } from 'kubernetes-types/events/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { goQuote } from './names.ts';

export type FieldOperator = '=' | '==' | '!=';

export interface FieldRequirement {
  readonly field: string;
  /** '=' and '==' both come out of the parser as '=' (selection.Equals), as in Kubernetes. */
  readonly operator: '=' | '!=';
  readonly value: string;
}

export class FieldSelectorError extends Error {
  override name = 'FieldSelectorError';
}

/** EscapeValue: `\`, `,` and `=` in a value are written with a backslash. */
export function escapeValue(s: string): string {
  let out = '';
  for (const ch of s) out += ch === '\\' || ch === ',' || ch === '=' ? '\\' + ch : ch;
  return out;
}

const NEEDS_UNESCAPE = /[\\,=]/;

/** UnescapeValue, with its errors (a rune prints as its number: '=' is 61). */
export function unescapeValue(s: string): string {
  if (!NEEDS_UNESCAPE.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const ch of s) {
    if (inSlash) {
      if (ch !== '\\' && ch !== ',' && ch !== '=') {
        throw new FieldSelectorError(`invalid field selector: invalid escape sequence: \\${ch}`);
      }
      out += ch;
      inSlash = false;
    } else if (ch === '\\') {
      inSlash = true;
    } else if (ch === ',' || ch === '=') {
      throw new FieldSelectorError(`invalid field selector: unescaped character in value: ${ch.codePointAt(0)}`);
    } else {
      out += ch;
    }
  }
  if (inSlash) throw new FieldSelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

export class FieldSelector {
  private constructor(readonly requirements: readonly FieldRequirement[]) {}

  static readonly EVERYTHING = new FieldSelector([]);

  static of(requirements: readonly FieldRequirement[]): FieldSelector {
    return requirements.length ? new FieldSelector(requirements) : FieldSelector.EVERYTHING;
  }

  /** `get` returns the object's value for a field label; a missing one counts as "". */
  matches(get: (field: string) => string | undefined): boolean {
    for (const r of this.requirements) {
      const v = get(r.field) ?? '';
      if ((v === r.value) !== (r.operator === '=')) return false;
    }
    return true;
  }

  empty(): boolean {
    return this.requirements.length === 0;
  }

  /** RequiresExactMatch: the value `field=v` demands (the first such term). */
  requiresExactMatch(field: string): string | undefined {
    for (const r of this.requirements) if (r.field === field && r.operator === '=') return r.value;
    return undefined;
  }

  /**
   * Transform: rewrite every term; a term whose field and value both become "" is dropped.
   * `fn` throws to reject the selector.
   */
  transform(fn: (field: string, value: string) => [string, string]): FieldSelector {
    const out: FieldRequirement[] = [];
    for (const r of this.requirements) {
      const [field, value] = fn(r.field, r.value);
      if (field === '' && value === '') continue;
      out.push({ field, operator: r.operator, value });
    }
    return FieldSelector.of(out);
  }

  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator}${escapeValue(r.value)}`).join(',');
  }
}

/** splitTerms: commas end terms unless escaped; the backslash stays for unescapeValue. */
function splitTerms(s: string): string[] {
  if (s.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

/** The first operator in the term splits it; "!=" and "==" are tried before "=" at each position. */
function splitTerm(term: string): [string, FieldOperator, string] | undefined {
  for (let i = 0; i < term.length; i++) {
    if (term.startsWith('!=', i)) return [term.slice(0, i), '!=', term.slice(i + 2)];
    if (term.startsWith('==', i)) return [term.slice(0, i), '==', term.slice(i + 2)];
    if (term[i] === '=') return [term.slice(0, i), '=', term.slice(i + 1)];
  }
  return undefined;
}

/** Go's sort.Strings order: by UTF-8 bytes, which for JS strings is code-point order. */
function byteOrder(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(i) ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

/**
 * fields.ParseSelector. Terms are sorted, so `b=1,a=2` prints back as `a=2,b=1`. No whitespace is
 * trimmed: "status.phase = Running" selects the field "status.phase " (and finds nothing).
 */
export function parseFieldSelector(selector: string): FieldSelector {
  const parts = splitTerms(selector).sort(byteOrder);
  const reqs: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const t = splitTerm(part);
    if (!t) throw new FieldSelectorError(`invalid selector: '${selector}'; can't understand '${part}'`);
    const [field, op, rhs] = t;
    reqs.push({ field, operator: op === '!=' ? '!=' : '=', value: unescapeValue(rhs) });
  }
  // A single term `=` (field and value both empty) vanishes, as Transform drops it.
  return FieldSelector.of(reqs).transform((f, v) => [f, v]);
}

/** fields.SelectorFromSet. */
export function fieldSelectorFromSet(set: Readonly<Record<string, string>>): FieldSelector {
  return FieldSelector.of(Object.keys(set).map((field) => ({ field, operator: '=' as const, value: set[field] })));
}

// ---------------------------------------------------------------------------------------------
// Field labels per resource

/** The plain JSON of a stored object, as far as these accessors read it. */
export interface ObjectLike {
  metadata?: ObjectMeta;
  [key: string]: unknown;
}

type Getter = (obj: ObjectLike) => string;

interface FieldLabels {
  /** What the conversion function accepts, and the name it converts each label to. */
  readonly accepted: Readonly<Record<string, string>>;
  /** The conversion function's error for anything else. */
  readonly reject: (label: string) => string;
  /** GetAttrs: the fields an object offers. A label accepted but absent here matches as "". */
  readonly attrs: Readonly<Record<string, Getter>>;
}

const name: Getter = (o) => o.metadata?.name ?? '';
const namespace: Getter = (o) => o.metadata?.namespace ?? '';
const NAMESPACED_META = { 'metadata.name': name, 'metadata.namespace': namespace };
const CLUSTER_META = { 'metadata.name': name };
const itoa = (n: number | undefined) => String(Math.trunc(n ?? 0));

const same = (...labels: string[]): Record<string, string> => Object.fromEntries(labels.map((l) => [l, l]));
const notSupported = (label: string) => `field label not supported: ${label}`;

/** runtime.DefaultMetaV1FieldSelectorConversion: kinds without a conversion function. */
const DEFAULT_REJECT = (label: string) =>
  `${goQuote(label)} is not a known field selector: only "metadata.name", "metadata.namespace"`;

const pod = (o: ObjectLike) => o as unknown as Pod;
const node = (o: ObjectLike) => o as unknown as Node;

const POD_FIELDS: FieldLabels = {
  accepted: {
    ...same(
      'metadata.name',
      'metadata.namespace',
      'spec.nodeName',
      'spec.restartPolicy',
      'spec.schedulerName',
      'spec.serviceAccountName',
      'spec.hostNetwork',
      'status.phase',
      'status.podIP',
      'status.podIPs',
      'status.nominatedNodeName',
    ),
    // For old v1 clients that sent spec.host.
    'spec.host': 'spec.nodeName',
  },
  reject: notSupported,
  attrs: {
    ...NAMESPACED_META,
    'spec.nodeName': (o) => pod(o).spec?.nodeName ?? '',
    'spec.restartPolicy': (o) => pod(o).spec?.restartPolicy ?? '',
    'spec.schedulerName': (o) => pod(o).spec?.schedulerName ?? '',
    'spec.serviceAccountName': (o) => pod(o).spec?.serviceAccountName ?? '',
    'spec.hostNetwork': (o) => String(pod(o).spec?.hostNetwork === true),
    'status.phase': (o) => pod(o).status?.phase ?? '',
    // The first of status.podIPs; status.podIPs itself is accepted but never offered.
    'status.podIP': (o) => pod(o).status?.podIPs?.[0]?.ip ?? '',
    'status.nominatedNodeName': (o) => pod(o).status?.nominatedNodeName ?? '',
  },
};

/** core/v1 Events. */
const coreEvent = (o: ObjectLike) => o as unknown as CoreEvent;
const newEvent = (o: ObjectLike) => o as unknown as EventsEvent;
const EVENT_LABELS = same(
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.uid',
  'involvedObject.apiVersion',
  'involvedObject.resourceVersion',
  'involvedObject.fieldPath',
  'reason',
  'reportingComponent',
  'source',
  'type',
  'metadata.namespace',
  'metadata.name',
);

const EVENT_FIELDS: FieldLabels = {
  accepted: EVENT_LABELS,
  reject: notSupported,
  attrs: {
    ...NAMESPACED_META,
    'involvedObject.kind': (o) => coreEvent(o).involvedObject?.kind ?? '',
    'involvedObject.namespace': (o) => coreEvent(o).involvedObject?.namespace ?? '',
    'involvedObject.name': (o) => coreEvent(o).involvedObject?.name ?? '',
    'involvedObject.uid': (o) => coreEvent(o).involvedObject?.uid ?? '',
    'involvedObject.apiVersion': (o) => coreEvent(o).involvedObject?.apiVersion ?? '',
    'involvedObject.resourceVersion': (o) => coreEvent(o).involvedObject?.resourceVersion ?? '',
    'involvedObject.fieldPath': (o) => coreEvent(o).involvedObject?.fieldPath ?? '',
    reason: (o) => coreEvent(o).reason ?? '',
    reportingComponent: (o) => coreEvent(o).reportingComponent ?? '',
    // Falls back to the reporting controller when source.component is empty.
    source: (o) => coreEvent(o).source?.component || coreEvent(o).reportingComponent || '',
    type: (o) => coreEvent(o).type ?? '',
  },
};

/** events.k8s.io/v1 takes its own spellings and converts them to the core/v1 labels. */
const EVENTS_V1_FIELDS: FieldLabels = {
  accepted: {
    reason: 'reason',
    'regarding.kind': 'involvedObject.kind',
    'regarding.namespace': 'involvedObject.namespace',
    'regarding.name': 'involvedObject.name',
    'regarding.uid': 'involvedObject.uid',
    'regarding.apiVersion': 'involvedObject.apiVersion',
    'regarding.resourceVersion': 'involvedObject.resourceVersion',
    'regarding.fieldPath': 'involvedObject.fieldPath',
    reportingController: 'reportingComponent',
    source: 'source',
    type: 'type',
    'metadata.namespace': 'metadata.namespace',
    'metadata.name': 'metadata.name',
  },
  reject: notSupported,
  attrs: {
    ...NAMESPACED_META,
    'involvedObject.kind': (o) => newEvent(o).regarding?.kind ?? '',
    'involvedObject.namespace': (o) => newEvent(o).regarding?.namespace ?? '',
    'involvedObject.name': (o) => newEvent(o).regarding?.name ?? '',
    'involvedObject.uid': (o) => newEvent(o).regarding?.uid ?? '',
    'involvedObject.apiVersion': (o) => newEvent(o).regarding?.apiVersion ?? '',
    'involvedObject.resourceVersion': (o) => newEvent(o).regarding?.resourceVersion ?? '',
    'involvedObject.fieldPath': (o) => newEvent(o).regarding?.fieldPath ?? '',
    reason: (o) => newEvent(o).reason ?? '',
    reportingComponent: (o) => newEvent(o).reportingController ?? '',
    source: (o) => newEvent(o).deprecatedSource?.component || newEvent(o).reportingController || '',
    type: (o) => newEvent(o).type ?? '',
  },
};

/** By group-resource, as kinds.ts's groupResource() writes it. */
const FIELD_LABELS: Readonly<Record<string, FieldLabels>> = {
  pods: POD_FIELDS,
  nodes: {
    accepted: same('metadata.name', 'spec.unschedulable'),
    reject: notSupported,
    attrs: { ...CLUSTER_META, 'spec.unschedulable': (o) => String(node(o).spec?.unschedulable === true) },
  },
  replicationcontrollers: {
    accepted: same('metadata.name', 'metadata.namespace', 'status.replicas'),
    reject: notSupported,
    attrs: { ...NAMESPACED_META, 'status.replicas': (o) => itoa((o as unknown as ReplicationController).status?.replicas) },
  },
  events: EVENT_FIELDS,
  'events.events.k8s.io': EVENTS_V1_FIELDS,
  namespaces: {
    accepted: same('status.phase', 'metadata.name'),
    reject: notSupported,
    attrs: { ...CLUSTER_META, 'status.phase': (o) => (o as unknown as Namespace).status?.phase ?? '' },
  },
  secrets: {
    accepted: same('type', 'metadata.namespace', 'metadata.name'),
    reject: notSupported,
    attrs: { ...NAMESPACED_META, type: (o) => (o as unknown as Secret).type ?? '' },
  },
  services: {
    accepted: same('metadata.namespace', 'metadata.name', 'spec.clusterIP', 'spec.type'),
    reject: notSupported,
    attrs: {
      ...NAMESPACED_META,
      'spec.clusterIP': (o) => (o as unknown as Service).spec?.clusterIP ?? '',
      'spec.type': (o) => (o as unknown as Service).spec?.type ?? '',
    },
  },
  'jobs.batch': {
    accepted: same('metadata.name', 'metadata.namespace', 'status.successful'),
    reject: (label) => `field label ${goQuote(label)} not supported for Job`,
    attrs: { ...NAMESPACED_META, 'status.successful': (o) => itoa((o as unknown as Job).status?.succeeded) },
  },
  'certificatesigningrequests.certificates.k8s.io': {
    accepted: same('metadata.name', 'spec.signerName'),
    reject: notSupported,
    attrs: { ...CLUSTER_META, 'spec.signerName': (o) => (o as unknown as CertificateSigningRequest).spec?.signerName ?? '' },
  },
};

const DEFAULT_ACCEPTED = same('metadata.name', 'metadata.namespace');

function labelsFor(groupResource: string, namespaced: boolean): FieldLabels {
  return (
    FIELD_LABELS[groupResource] ?? {
      accepted: DEFAULT_ACCEPTED,
      reject: DEFAULT_REJECT,
      attrs: namespaced ? NAMESPACED_META : CLUSTER_META,
    }
  );
}

/** The field labels a list of this resource accepts. */
export function supportedFieldLabels(groupResource: string): readonly string[] {
  return Object.keys(labelsFor(groupResource, true).accepted);
}

/**
 * The string an object offers for a field label (after conversion: events.k8s.io's
 * regarding.name is matched as involvedObject.name) when a selector is matched: "" for a missing
 * nodeName, "true"/"false" for spec.hostNetwork and spec.unschedulable, "0" for a Job without
 * status.succeeded. A label the resource does not offer is "" too (fields.Set.Get).
 */
export function fieldValue(groupResource: string, obj: ObjectLike, field: string, namespaced = true): string {
  const attrs = labelsFor(groupResource, namespaced).attrs;
  return Object.hasOwn(attrs, field) ? attrs[field](obj) : '';
}

/** A matcher for FieldSelector.matches over one object. */
export function fieldGetter(groupResource: string, obj: ObjectLike, namespaced = true): (field: string) => string {
  const attrs = labelsFor(groupResource, namespaced).attrs;
  return (field) => (Object.hasOwn(attrs, field) ? attrs[field](obj) : '');
}

/**
 * What the apiserver does with a list's field selector before it matches anything: each label
 * goes through the kind's conversion function (spec.host becomes spec.nodeName); the first label
 * it rejects fails the request with 400 BadRequest and the text thrown here.
 */
export function convertFieldSelector(groupResource: string, selector: FieldSelector): FieldSelector {
  const spec = labelsFor(groupResource, true);
  return selector.transform((field, value) => {
    if (!Object.hasOwn(spec.accepted, field)) throw new FieldSelectorError(spec.reject(field));
    return [spec.accepted[field], value];
  });
}

/** The server's error text for a field selector string on a resource, or undefined if it is accepted. */
export function fieldSelectorError(groupResource: string, selector: string): string | undefined {
  try {
    convertFieldSelector(groupResource, parseFieldSelector(selector));
    return undefined;
  } catch (e) {
    if (e instanceof FieldSelectorError) return e.message;
    throw e;
  }
}

/**
 * kubectl's EnhanceListError for a 400 or 404 from a list: `Unable to list "/v1, Resource=pods": ...`
 * without selectors, otherwise `Unable to find "<gvr>" that match label selector "<l>", field
 * selector "<f>": ...`. The caller prefixes `Error from server (BadRequest): `.
 */
export function enhanceListErrorMessage(
  gvr: { group: string; version: string; resource: string },
  labelSelector: string,
  fieldSelector: string,
  message: string,
): string {
  const subject = goQuote(`${gvr.group}/${gvr.version}, Resource=${gvr.resource}`);
  if (labelSelector === '' && fieldSelector === '') return `Unable to list ${subject}: ${message}`;
  return `Unable to find ${subject} that match label selector ${goQuote(labelSelector)}, field selector ${goQuote(fieldSelector)}: ${message}`;
}
