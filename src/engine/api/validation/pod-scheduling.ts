// Where a pod may run: tolerations, node taints, node selectors and (anti-)affinity, as core
// validation checks them (ValidateTolerations, validateNodeTaints, ValidateNodeSelector,
// validateAffinity, validateTopologySpreadConstraints; Kubernetes 1.30).

import type {
  Affinity,
  NodeSelector,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  PodAffinityTerm,
  Taint,
  Toleration,
  TopologySpreadConstraint,
  WeightedPodAffinityTerm,
} from 'kubernetes-types/core/v1';
import { duplicate, forbidden, invalid, notSupported, required, type FieldError, type FieldPath } from '../field.ts';
import { isQualifiedName, isValidLabelValue, nameIsDNSSubdomain, validateNamespaceName } from '../names.ts';
import { validateLabelSelector } from '../labels.ts';
import { goTaint } from './go-values.ts';
import { pushAll } from './meta.ts';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** ValidateLabelName: a qualified name. */
function labelName(errs: FieldError[], name: string, path: FieldPath): void {
  for (const msg of isQualifiedName(name)) errs.push(invalid(path, name, msg));
}

function taintEffect(errs: FieldError[], effect: string, allowEmpty: boolean, path: FieldPath): void {
  if (!allowEmpty && effect === '') {
    errs.push(required(path));
    return;
  }
  if (!TAINT_EFFECTS.includes(effect)) errs.push(notSupported(path, effect, TAINT_EFFECTS));
}

/** ValidateTolerations. */
export function validateTolerations(errs: FieldError[], tolerations: readonly Toleration[] | undefined, path: FieldPath): void {
  if (!tolerations) return;
  for (let i = 0; i < tolerations.length; i++) {
    const t = tolerations[i] ?? {};
    const at = (field: string) => path.index(i).child(field);
    const key = t.key ?? '';
    const op = t.operator ?? '';
    const effect = t.effect ?? '';
    const value = t.value ?? '';
    if (key) for (const msg of isQualifiedName(key)) errs.push(invalid(at('key'), key, msg));
    if (!key && op !== 'Exists') {
      errs.push(invalid(at('operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds != null && effect !== 'NoExecute') {
      errs.push(invalid(at('effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (op === 'Equal' || op === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length) errs.push(invalid(at('operator'), value, msgs.join(';')));
    } else if (op === 'Exists') {
      if (value) errs.push(invalid(at('operator'), value, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(at('operator'), op, ['Equal', 'Exists']));
    }
    if (effect && !TAINT_EFFECTS.includes(effect)) errs.push(notSupported(at('effect'), effect, TAINT_EFFECTS));
  }
}

/** validateNodeTaints: unique by key and effect. */
export function validateTaints(errs: FieldError[], taints: readonly Taint[] | undefined, path: FieldPath): void {
  if (!taints) return;
  const seen = new Set<string>();
  for (let i = 0; i < taints.length; i++) {
    const t = taints[i] ?? {};
    const idx = path.index(i);
    labelName(errs, t.key ?? '', idx.child('key'));
    const msgs = isValidLabelValue(t.value ?? '');
    if (msgs.length) errs.push(invalid(idx.child('value'), t.value ?? '', msgs.join(';')));
    taintEffect(errs, t.effect ?? '', false, idx.child('effect'));
    const k = `${t.effect ?? ''}\u0000${t.key ?? ''}`;
    if (seen.has(k)) {
      const e = duplicate(idx, goTaint(t));
      e.detail = 'taints must be unique by key and effect pair';
      errs.push(e);
      continue;
    }
    seen.add(k);
  }
}

/** ValidateNodeSelectorRequirement. */
function nodeSelectorRequirement(errs: FieldError[], rq: Partial<NodeSelectorRequirement>, checkValues: boolean, path: FieldPath): void {
  const values = rq.values ?? [];
  switch (rq.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errs.push(required(path.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalid(path.child('operator'), rq.operator ?? '', 'not a valid selector operator'));
  }
  labelName(errs, rq.key ?? '', path.child('key'));
  if (checkValues) {
    for (let i = 0; i < values.length; i++) {
      for (const msg of isValidLabelValue(values[i])) errs.push(invalid(path.child('values').index(i), values[i], msg));
    }
  }
}

/** ValidateNodeFieldSelectorRequirement: only metadata.name, with one value. */
function nodeFieldRequirement(errs: FieldError[], rq: Partial<NodeSelectorRequirement>, path: FieldPath): void {
  const values = rq.values ?? [];
  if (rq.operator === 'In' || rq.operator === 'NotIn') {
    if (values.length !== 1) {
      errs.push(required(path.child('values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    }
  } else {
    errs.push(invalid(path.child('operator'), rq.operator ?? '', 'not a valid selector operator'));
  }
  if (rq.key !== 'metadata.name') {
    errs.push(invalid(path.child('key'), rq.key ?? '', 'not a valid field selector key'));
    return;
  }
  for (let i = 0; i < values.length; i++) {
    for (const msg of nameIsDNSSubdomain(values[i], false)) errs.push(invalid(path.child('values').index(i), values[i], msg));
  }
}

function nodeSelectorTerm(errs: FieldError[], term: NodeSelectorTerm, checkValues: boolean, path: FieldPath): void {
  const exprs = term.matchExpressions ?? [];
  for (let j = 0; j < exprs.length; j++) nodeSelectorRequirement(errs, exprs[j] ?? {}, checkValues, path.child('matchExpressions').index(j));
  const fields = term.matchFields ?? [];
  for (let j = 0; j < fields.length; j++) nodeFieldRequirement(errs, fields[j] ?? {}, path.child('matchFields').index(j));
}

/** ValidateNodeSelector: at least one term. */
export function validateNodeSelector(errs: FieldError[], ns: NodeSelector, path: FieldPath): void {
  const terms = ns.nodeSelectorTerms ?? [];
  const tp = path.child('nodeSelectorTerms');
  if (terms.length === 0) {
    errs.push(required(tp, 'must have at least one node selector term'));
    return;
  }
  for (let i = 0; i < terms.length; i++) nodeSelectorTerm(errs, terms[i] ?? {}, true, tp.index(i));
}

function weight(errs: FieldError[], w: number | undefined, path: FieldPath): void {
  if (w == null || w <= 0 || w > 100) errs.push(invalid(path, w ?? 0, 'must be in the range 1-100'));
}

function podAffinityTerm(errs: FieldError[], term: Partial<PodAffinityTerm>, path: FieldPath): void {
  if (term.labelSelector) pushAll(errs, validateLabelSelector(term.labelSelector, path.child('labelSelector')));
  if (term.namespaceSelector) pushAll(errs, validateLabelSelector(term.namespaceSelector, path.child('namespaceSelector')));
  for (const name of term.namespaces ?? []) {
    for (const msg of validateNamespaceName(name, false)) errs.push(invalid(path.child('namespace'), name, msg));
  }
  const keysWithoutSelector = (keys: readonly string[] | undefined, field: string) => {
    if (!keys || keys.length === 0) return;
    if (!term.labelSelector) {
      errs.push(forbidden(path.child(field), 'must not be specified when labelSelector is not set'));
      return;
    }
    for (let i = 0; i < keys.length; i++) labelName(errs, keys[i], path.child(field).index(i));
  };
  keysWithoutSelector(term.matchLabelKeys, 'matchLabelKeys');
  keysWithoutSelector(term.mismatchLabelKeys, 'mismatchLabelKeys');
  if (!term.topologyKey) errs.push(required(path.child('topologyKey'), 'can not be empty'));
  labelName(errs, term.topologyKey ?? '', path.child('topologyKey'));
}

function podAffinityTerms(errs: FieldError[], terms: readonly PodAffinityTerm[] | undefined, path: FieldPath): void {
  if (!terms) return;
  for (let i = 0; i < terms.length; i++) podAffinityTerm(errs, terms[i] ?? {}, path.index(i));
}

function weightedTerms(errs: FieldError[], terms: readonly WeightedPodAffinityTerm[] | undefined, path: FieldPath): void {
  if (!terms) return;
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i] ?? ({} as WeightedPodAffinityTerm);
    weight(errs, t.weight, path.index(i).child('weight'));
    podAffinityTerm(errs, t.podAffinityTerm ?? {}, path.index(i).child('podAffinityTerm'));
  }
}

/** validateAffinity. */
export function validateAffinity(errs: FieldError[], a: Affinity | undefined, path: FieldPath): void {
  if (!a) return;
  const na = a.nodeAffinity;
  if (na) {
    const p = path.child('nodeAffinity');
    const req = na.requiredDuringSchedulingIgnoredDuringExecution;
    if (req) validateNodeSelector(errs, req, p.child('requiredDuringSchedulingIgnoredDuringExecution'));
    const pref = na.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    const pp = p.child('preferredDuringSchedulingIgnoredDuringExecution');
    for (let i = 0; i < pref.length; i++) {
      weight(errs, pref[i]?.weight, pp.index(i).child('weight'));
      // Preferred terms may name label values no node has yet: values are not checked.
      nodeSelectorTerm(errs, pref[i]?.preference ?? {}, false, pp.index(i).child('preference'));
    }
  }
  for (const [field, aff] of [['podAffinity', a.podAffinity], ['podAntiAffinity', a.podAntiAffinity]] as const) {
    if (!aff) continue;
    const p = path.child(field);
    podAffinityTerms(errs, aff.requiredDuringSchedulingIgnoredDuringExecution, p.child('requiredDuringSchedulingIgnoredDuringExecution'));
    weightedTerms(errs, aff.preferredDuringSchedulingIgnoredDuringExecution, p.child('preferredDuringSchedulingIgnoredDuringExecution'));
  }
}

/** validateTopologySpreadConstraints. */
export function validateTopologySpread(errs: FieldError[], cs: readonly TopologySpreadConstraint[] | undefined, path: FieldPath): void {
  if (!cs) return;
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i] ?? ({} as TopologySpreadConstraint);
    const p = path.index(i);
    if (!(c.maxSkew > 0)) errs.push(invalid(p.child('maxSkew'), c.maxSkew ?? 0, 'must be greater than zero'));
    if (!c.topologyKey) errs.push(required(p.child('topologyKey'), 'can not be empty'));
    if (c.whenUnsatisfiable !== 'DoNotSchedule' && c.whenUnsatisfiable !== 'ScheduleAnyway') {
      errs.push(notSupported(p.child('whenUnsatisfiable'), c.whenUnsatisfiable ?? '', ['DoNotSchedule', 'ScheduleAnyway']));
    }
    for (let j = i + 1; j < cs.length; j++) {
      if (cs[j]?.topologyKey === c.topologyKey && cs[j]?.whenUnsatisfiable === c.whenUnsatisfiable) {
        errs.push(duplicate(p.child('{topologyKey, whenUnsatisfiable}'), `{${c.topologyKey ?? ''}, ${c.whenUnsatisfiable ?? ''}}`));
        break;
      }
    }
    if (c.minDomains != null) {
      if (c.minDomains <= 0) errs.push(invalid(p.child('minDomains'), c.minDomains, 'must be greater than zero'));
      if (c.whenUnsatisfiable !== 'DoNotSchedule') {
        errs.push(invalid(p.child('minDomains'), c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable ?? ''}`));
      }
    }
    for (const f of ['nodeAffinityPolicy', 'nodeTaintsPolicy'] as const) {
      const v = c[f];
      if (v != null && v !== 'Honor' && v !== 'Ignore') errs.push(notSupported(p.child(f), v, ['Honor', 'Ignore']));
    }
    if (c.labelSelector) pushAll(errs, validateLabelSelector(c.labelSelector, p.child('labelSelector')));
  }
}
