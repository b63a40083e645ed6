// Bad values as Go prints them with %#v in validation errors: maps, label selectors,
// IntOrStrings, Quantities, pointers, structs. The apiserver shows these verbatim
// (`Invalid value: map[string]string{"app":"nginx"}`), so learners see the same text here.

import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { GoValue } from '../field.ts';
import { goQuote } from '../names.ts';
import { parseQuantity, QuantityError } from '../quantity.ts';

/** A Kubernetes IntOrString as it arrives in JSON. */
export type IntOrString = number | string;

/** %#v of a map[string]string: keys sorted, as fmt sorts them. */
export function goStringMap(m: Readonly<Record<string, string>> | null | undefined): GoValue {
  return new GoValue(goStringMapText(m));
}

function goStringMapText(m: Readonly<Record<string, string>> | null | undefined): string {
  if (m == null) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  let s = 'map[string]string{';
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) s += ', ';
    s += `${goQuote(keys[i])}:${goQuote(String(m[keys[i]]))}`;
  }
  return s + '}';
}

/** %#v of a []T of a named string type: `[]networking.PolicyType{"Ingress"}`. */
export function goNamedStringSlice(type: string, values: readonly string[] | null | undefined): GoValue {
  if (values == null) return new GoValue(`[]${type}(nil)`);
  return new GoValue(`[]${type}{${values.map((v) => goQuote(String(v))).join(', ')}}`);
}

/** A pointer inside a %#v struct: nil, or an address (Go prints one; a fixed one stands in). */
export function goPtr(type: string, set: boolean): string {
  return set ? `(*${type})(0xc000012345)` : `(*${type})(nil)`;
}

/** %#v of an intstr.IntOrString; an absent one is the zero value, the int 0. */
export function goIntOrString(v: IntOrString | null | undefined): GoValue {
  if (typeof v === 'string') return new GoValue(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`);
  return new GoValue(`intstr.IntOrString{Type:0, IntVal:${typeof v === 'number' ? v : 0}, StrVal:""}`);
}

/** %#v of a (dereferenced) *metav1.LabelSelector. */
export function goLabelSelector(ls: LabelSelector | null | undefined): GoValue {
  const exprs = ls?.matchExpressions;
  let e = '[]v1.LabelSelectorRequirement(nil)';
  if (exprs) {
    e = `[]v1.LabelSelectorRequirement{${exprs
      .map((r) => {
        const values = r.values ? `[]string{${r.values.map((x) => goQuote(String(x))).join(', ')}}` : '[]string(nil)';
        return `v1.LabelSelectorRequirement{Key:${goQuote(r.key ?? '')}, Operator:${goQuote(r.operator ?? '')}, Values:${values}}`;
      })
      .join(', ')}}`;
  }
  return new GoValue(`v1.LabelSelector{MatchLabels:${goStringMapText(ls?.matchLabels)}, MatchExpressions:${e}}`);
}

/** The text of %#v of a resource.Quantity: its int64 amount and scale, and its cached string. */
export function goQuantityText(v: unknown): string {
  const text = String(v);
  try {
    const q = parseQuantity(text);
    return (
      `resource.Quantity{i:resource.int64Amount{value:${q.unscaled}, scale:${q.scale}}, ` +
      `d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:${goQuote(text)}, Format:${goQuote(q.format)}}`
    );
  } catch (e) {
    if (e instanceof QuantityError) return goQuote(text);
    throw e;
  }
}

export function goQuantity(v: unknown): GoValue {
  return new GoValue(goQuantityText(v));
}

/**
 * An approximation of %#v for a struct given as JSON: exported field names, values in Go syntax.
 * Exact output would need every Go type's field order; the shape is what a reader needs.
 */
export function goStructApprox(type: string, v: unknown): GoValue {
  return new GoValue(type + structBody(v));
}

function structBody(v: unknown): string {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return `{${goAny(v)}}`;
  const parts: string[] = [];
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (x === undefined) continue;
    parts.push(`${k.charAt(0).toUpperCase()}${k.slice(1)}:${goAny(x)}`);
  }
  return `{${parts.join(', ')}}`;
}

function goAny(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `{${v.map(goAny).join(', ')}}`;
  return structBody(v);
}

/** The (protocol, port) key the duplicate-port check prints: a core.ServicePort with only those set. */
export function goServicePortKey(protocol: string, port: number): GoValue {
  return new GoValue(
    `core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${port}, ` +
      `TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`,
  );
}

/** %#v of a core.Taint (timeAdded is set by the node controller; manifests leave it nil). */
export function goTaint(t: { key?: string; value?: string; effect?: string; timeAdded?: string }): GoValue {
  return new GoValue(
    `core.Taint{Key:${goQuote(t.key ?? '')}, Value:${goQuote(t.value ?? '')}, Effect:${goQuote(t.effect ?? '')}, ` +
      `TimeAdded:${goPtr('v1.Time', !!t.timeAdded)}}`,
  );
}

/** A nil pointer as field.Error prints it: the quoted string "null". */
export const GO_NIL = 'null';
