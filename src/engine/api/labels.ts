// Label selectors as k8s.io/apimachinery/pkg/labels parses and matches them (`kubectl get -l`,
// Service.spec.selector), and the metav1.LabelSelector helpers (Deployment.spec.selector):
// LabelSelectorAsSelector, FormatLabelSelector, ValidateLabelSelector. Kubernetes 1.30.

import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1';
import { FieldPath, forbidden, invalid, notSupported, required, errorString, aggregateMessage, type FieldError } from './field.ts';
import { goStringSlice, isQualifiedName, isValidLabelValue, validateLabels } from './names.ts';

/** selection.Operator: the strings Kubernetes uses for them. */
export type SelectorOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'gt' | 'lt' | 'exists' | '!';

export interface Requirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  /** As given: sorted and de-duplicated when parsed from a string, as written from a LabelSelector. */
  readonly values: readonly string[];
}

export type Labels = Readonly<Record<string, string>> | null | undefined;

export class SelectorError extends Error {
  override name = 'SelectorError';
}

const BINARY_OPERATORS: readonly SelectorOperator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const VALID_OPERATORS: readonly SelectorOperator[] = [...BINARY_OPERATORS, 'exists', '!'];

const hasOwn = Object.prototype.hasOwnProperty;

const DECIMAL_INTEGER = /^[+-]?[0-9]+$/;

/** strconv.ParseInt(s, 10, 64) for the gt/lt operators; undefined when it would fail. */
function parseInt64(s: string): bigint | undefined {
  if (!DECIMAL_INTEGER.test(s)) return undefined;
  const v = BigInt(s);
  return v > 9223372036854775807n || v < -9223372036854775808n ? undefined : v;
}

function requirementMatches(r: Requirement, labels: Labels): boolean {
  const has = labels != null && hasOwn.call(labels, r.key);
  switch (r.operator) {
    case '=':
    case '==':
    case 'in':
      return has && r.values.includes((labels as Record<string, string>)[r.key]);
    case '!=':
    case 'notin':
      return !has || !r.values.includes((labels as Record<string, string>)[r.key]);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || r.values.length !== 1) return false;
      const lv = parseInt64((labels as Record<string, string>)[r.key]);
      const rv = parseInt64(r.values[0]);
      if (lv === undefined || rv === undefined) return false;
      return r.operator === 'gt' ? lv > rv : lv < rv;
    }
  }
}

function sortedValues(values: readonly string[]): readonly string[] {
  for (let i = 1; i < values.length; i++) if (values[i - 1] > values[i]) return [...values].sort();
  return values;
}

/** Requirement.String(): `!key`, `key`, `key=v`, `key in (a,b)`, values sorted on output only. */
export function requirementString(r: Requirement): string {
  let s = r.operator === '!' ? '!' + r.key : r.key;
  switch (r.operator) {
    case 'exists':
    case '!':
      return s;
    case '=':
    case '==':
    case '!=':
      s += r.operator;
      break;
    case 'in':
    case 'notin':
      s += ` ${r.operator} (`;
      break;
    case 'gt':
      s += '>';
      break;
    case 'lt':
      s += '<';
      break;
  }
  s += r.values.length === 1 ? r.values[0] : sortedValues(r.values).join(',');
  if (r.operator === 'in' || r.operator === 'notin') s += ')';
  return s;
}

export class Selector {
  private constructor(
    /** Sorted by key (stable, as Kubernetes' small-slice sort is). */
    readonly requirements: readonly Requirement[],
    /** labels.Nothing(): what a nil metav1.LabelSelector means. */
    readonly matchesNothing: boolean,
  ) {}

  static readonly EVERYTHING = new Selector([], false);
  static readonly NOTHING = new Selector([], true);

  /** Builds a selector from requirements already validated (or deliberately not). */
  static of(requirements: readonly Requirement[]): Selector {
    if (requirements.length === 0) return Selector.EVERYTHING;
    return new Selector(sortByKey(requirements), false);
  }

  matches(labels: Labels): boolean {
    if (this.matchesNothing) return false;
    const reqs = this.requirements;
    for (let i = 0; i < reqs.length; i++) if (!requirementMatches(reqs[i], labels)) return false;
    return true;
  }

  /** Does not restrict the selection (Everything); Nothing is not empty. */
  empty(): boolean {
    return !this.matchesNothing && this.requirements.length === 0;
  }

  /** RequiresExactMatch: the value a `key=v`, `key==v` or `key in (v)` requirement demands. */
  requiresExactMatch(key: string): string | undefined {
    for (const r of this.requirements) {
      if (r.key !== key) continue;
      if ((r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1) return r.values[0];
      return undefined;
    }
    return undefined;
  }

  /** Add: a new selector with more requirements, re-sorted by key. */
  add(...reqs: Requirement[]): Selector {
    if (this.matchesNothing) return this;
    return new Selector(sortByKey([...this.requirements, ...reqs]), false);
  }

  toString(): string {
    return this.requirements.map(requirementString).join(',');
  }
}

function sortByKey(reqs: readonly Requirement[]): readonly Requirement[] {
  for (let i = 1; i < reqs.length; i++) {
    if (reqs[i - 1].key > reqs[i].key) return [...reqs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
  return reqs;
}

// ---------------------------------------------------------------------------------------------
// NewRequirement

function keyError(key: string, path: FieldPath | string): FieldError | undefined {
  const msgs = isQualifiedName(key);
  return msgs.length ? invalid(path, key, msgs.join('; ')) : undefined;
}

/**
 * labels.NewRequirement: validates key, operator and values; the error is the aggregate of
 * field errors under `path` ("key", "values[0][app]"...). `nilValues` marks values that Go holds
 * as a nil slice, which %#v prints as []string(nil).
 */
export function newRequirement(
  key: string,
  operator: string,
  values: readonly string[],
  path?: FieldPath,
  nilValues = false,
): Requirement {
  const errs: FieldError[] = [];
  const child = (name: string) => (path ? path.child(name) : FieldPath.root(name));
  const ke = keyError(key, child('key'));
  if (ke) errs.push(ke);
  const valuePath = child('values');
  const badValues = () => goStringSlice(values, nilValues);
  switch (operator) {
    case 'in':
    case 'notin':
      if (values.length === 0) errs.push(invalid(valuePath, badValues(), "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) errs.push(invalid(valuePath, badValues(), 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) errs.push(invalid(valuePath, badValues(), 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) errs.push(invalid(valuePath, badValues(), "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (parseInt64(v) === undefined) {
          errs.push(invalid(valuePath.index(i), v, "for 'Gt', 'Lt' operators, the value must be an integer"));
        }
      });
      break;
    default:
      errs.push(notSupported(child('operator'), operator, VALID_OPERATORS));
  }
  values.forEach((v, i) => {
    const msgs = isValidLabelValue(v);
    if (msgs.length) errs.push(invalid(valuePath.index(i).key(key), v, msgs.join('; ')));
  });
  if (errs.length) throw new SelectorError(aggregateMessage(errs));
  return { key, operator: operator as SelectorOperator, values };
}

// ---------------------------------------------------------------------------------------------
// The lexer and parser of labels.Parse

const Tok = {
  Error: 0,
  End: 1,
  ClosedPar: 2,
  Comma: 3,
  DoesNotExist: 4,
  DoubleEquals: 5,
  Equals: 6,
  GreaterThan: 7,
  Identifier: 8,
  In: 9,
  LessThan: 10,
  NotEquals: 11,
  NotIn: 12,
  OpenPar: 13,
} as const;
type Tok = (typeof Tok)[keyof typeof Tok];

const STRING_TO_TOKEN: ReadonlyMap<string, Tok> = new Map<string, Tok>([
  [')', Tok.ClosedPar],
  [',', Tok.Comma],
  ['!', Tok.DoesNotExist],
  ['==', Tok.DoubleEquals],
  ['=', Tok.Equals],
  ['>', Tok.GreaterThan],
  ['in', Tok.In],
  ['<', Tok.LessThan],
  ['!=', Tok.NotEquals],
  ['notin', Tok.NotIn],
  ['(', Tok.OpenPar],
]);

// Go reads bytes and treats byte 0 as the end of input; so do we (a NUL char ends the string).
const isWhitespace = (c: number) => c === 32 || c === 9 || c === 13 || c === 10;
const isSpecial = (c: number) => c === 61 || c === 33 || c === 40 || c === 41 || c === 44 || c === 62 || c === 60;

interface Item {
  tok: Tok;
  lit: string;
}

function lex(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  const read = () => (pos < s.length ? s.charCodeAt(pos++) : (pos++, 0));
  for (;;) {
    let ch = read();
    while (isWhitespace(ch)) ch = read();
    pos--; // unread
    if (ch === 0) {
      items.push({ tok: Tok.End, lit: '' });
      return items;
    }
    if (isSpecial(ch)) {
      // The longest run of special characters that is still a token: "!=" not "!" "=".
      let buffer = '';
      let last: Item | undefined;
      for (;;) {
        const c = read();
        if (c === 0) break;
        if (!isSpecial(c)) {
          pos--;
          break;
        }
        buffer += String.fromCharCode(c);
        const t = STRING_TO_TOKEN.get(buffer);
        if (t !== undefined) last = { tok: t, lit: buffer };
        else if (last) {
          pos--;
          break;
        }
      }
      items.push(last ?? { tok: Tok.Error, lit: `error expected: keyword found '${buffer}'` });
    } else {
      const start = pos;
      let end: number;
      for (;;) {
        const c = read();
        if (c === 0) {
          end = pos - 1; // the end of the string, or the NUL that stands for it
          break;
        }
        if (isSpecial(c) || isWhitespace(c)) {
          end = --pos;
          break;
        }
      }
      const lit = s.slice(start, end);
      items.push({ tok: STRING_TO_TOKEN.get(lit) ?? Tok.Identifier, lit });
    }
  }
}

const Ctx = { KeyAndOperator: 0, Values: 1 } as const;
type Ctx = (typeof Ctx)[keyof typeof Ctx];

class Parser {
  private position = 0;
  constructor(
    private readonly items: Item[],
    private readonly path: FieldPath | undefined,
  ) {}

  /** In a values context the keywords `in` and `notin` are plain identifiers ("x in (in)"). */
  private lookahead(ctx: Ctx): Item {
    const it = this.items[this.position];
    if (ctx === Ctx.Values && (it.tok === Tok.In || it.tok === Tok.NotIn)) return { tok: Tok.Identifier, lit: it.lit };
    return it;
  }

  private consume(ctx: Ctx): Item {
    const it = this.lookahead(ctx);
    this.position++;
    return it;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead(Ctx.Values);
      if (tok === Tok.Identifier || tok === Tok.DoesNotExist) {
        let r: Requirement;
        try {
          r = this.parseRequirement();
        } catch (e) {
          if (e instanceof SelectorError) throw new SelectorError(`unable to parse requirement: ${e.message}`);
          throw e;
        }
        reqs.push(r);
        const t = this.consume(Ctx.Values);
        if (t.tok === Tok.End) return reqs;
        if (t.tok === Tok.Comma) {
          const t2 = this.lookahead(Ctx.Values);
          if (t2.tok !== Tok.Identifier && t2.tok !== Tok.DoesNotExist) {
            throw new SelectorError(`found '${t2.lit}', expected: identifier after ','`);
          }
        } else {
          throw new SelectorError(`found '${t.lit}', expected: ',' or 'end of string'`);
        }
      } else if (tok === Tok.End) {
        return reqs;
      } else {
        throw new SelectorError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): Requirement {
    const { key, operator } = this.parseKeyAndInferOperator();
    if (operator === 'exists' || operator === '!') return newRequirement(key, operator, [], this.path);
    const op = this.parseOperator();
    const values = op === 'in' || op === 'notin' ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, op, [...values].sort(), this.path);
  }

  private parseKeyAndInferOperator(): { key: string; operator: SelectorOperator | '' } {
    let operator: SelectorOperator | '' = '';
    let it = this.consume(Ctx.Values);
    if (it.tok === Tok.DoesNotExist) {
      operator = '!';
      it = this.consume(Ctx.Values);
    }
    if (it.tok !== Tok.Identifier) throw new SelectorError(`found '${it.lit}', expected: identifier`);
    // A nil path prints as "<nil>" here: `<nil>: Invalid value: "a/b/c": ...`.
    const ke = keyError(it.lit, this.path ?? '<nil>');
    if (ke) throw new SelectorError(errorString(ke));
    const next = this.lookahead(Ctx.Values).tok;
    if ((next === Tok.End || next === Tok.Comma) && operator !== '!') operator = 'exists';
    return { key: it.lit, operator };
  }

  private parseOperator(): SelectorOperator {
    const { tok, lit } = this.consume(Ctx.KeyAndOperator);
    switch (tok) {
      case Tok.In:
        return 'in';
      case Tok.Equals:
        return '=';
      case Tok.DoubleEquals:
        return '==';
      case Tok.GreaterThan:
        return 'gt';
      case Tok.LessThan:
        return 'lt';
      case Tok.NotIn:
        return 'notin';
      case Tok.NotEquals:
        return '!=';
      default:
        throw new SelectorError(`found '${lit}', expected: ${BINARY_OPERATORS.join(', ')}`);
    }
  }

  private parseValues(): Set<string> {
    const open = this.consume(Ctx.Values);
    if (open.tok !== Tok.OpenPar) throw new SelectorError(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.lookahead(Ctx.Values);
    if (tok === Tok.Identifier || tok === Tok.Comma) {
      const s = this.parseIdentifiersList();
      // Kubernetes reports the token that followed '(', not the one it found.
      if (this.consume(Ctx.Values).tok !== Tok.ClosedPar) throw new SelectorError(`found '${lit}', expected: ')'`);
      return s;
    }
    if (tok === Tok.ClosedPar) {
      this.consume(Ctx.Values);
      return new Set(['']);
    }
    throw new SelectorError(`found '${lit}', expected: ',', ')' or identifier`);
  }

  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.consume(Ctx.Values);
      if (tok === Tok.Identifier) {
        s.add(lit);
        const t2 = this.lookahead(Ctx.Values);
        if (t2.tok === Tok.Comma) continue;
        if (t2.tok === Tok.ClosedPar) return s;
        throw new SelectorError(`found '${t2.lit}', expected: ',' or ')'`);
      } else if (tok === Tok.Comma) {
        if (s.size === 0) s.add(''); // "(,"
        const t2 = this.lookahead(Ctx.Values).tok;
        if (t2 === Tok.ClosedPar) {
          s.add(''); // ",)"
          return s;
        }
        if (t2 === Tok.Comma) {
          // 1.30 consumes the second comma here (fixed in 1.35), so "(a,,)" is an error.
          this.consume(Ctx.Values);
          s.add('');
        }
      } else {
        throw new SelectorError(`found '${lit}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): Set<string> {
    const t = this.lookahead(Ctx.Values).tok;
    if (t === Tok.End || t === Tok.Comma) return new Set(['']);
    const { tok, lit } = this.consume(Ctx.Values);
    if (tok === Tok.Identifier) return new Set([lit]);
    throw new SelectorError(`found '${lit}', expected: identifier`);
  }
}

/**
 * labels.Parse: "" selects everything; errors carry Kubernetes' text, such as
 * `unable to parse requirement: values[0][app]: Invalid value: "a b": ...`.
 */
export function parseSelector(selector: string, path?: FieldPath): Selector {
  const reqs = new Parser(lex(selector), path).parse();
  return Selector.of(reqs);
}

/** Parse without throwing: the selector, or the error text. */
export function tryParseSelector(selector: string): { selector: Selector } | { error: string } {
  try {
    return { selector: parseSelector(selector) };
  } catch (e) {
    if (e instanceof SelectorError) return { error: e.message };
    throw e;
  }
}

/** SelectorFromSet: `key=value` for each label, unvalidated; an empty or missing set selects everything. */
export function selectorFromSet(labels: Labels): Selector {
  if (!labels) return Selector.EVERYTHING;
  const reqs: Requirement[] = [];
  for (const k in labels) reqs.push({ key: k, operator: '=', values: [labels[k]] });
  return Selector.of(reqs);
}

/** ValidatedSelectorFromSet: as selectorFromSet, but keys and values are checked. */
export function validatedSelectorFromSet(labels: Labels): Selector {
  if (!labels) return Selector.EVERYTHING;
  const reqs: Requirement[] = [];
  for (const k in labels) reqs.push(newRequirement(k, '=', [labels[k]]));
  return Selector.of(reqs);
}

// ---------------------------------------------------------------------------------------------
// metav1.LabelSelector

const LS_OPERATORS: Readonly<Record<string, SelectorOperator>> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

/**
 * LabelSelectorAsSelector: null selects nothing, {} everything. Throws SelectorError with
 * NewRequirement's aggregate, or `"Foo" is not a valid label selector operator`.
 */
export function labelSelectorAsSelector(ls: LabelSelector | null | undefined): Selector {
  if (ls == null) return Selector.NOTHING;
  const matchLabels = ls.matchLabels ?? {};
  const exprs: readonly LabelSelectorRequirement[] = ls.matchExpressions ?? [];
  const reqs: Requirement[] = [];
  for (const k in matchLabels) reqs.push(newRequirement(k, '=', [matchLabels[k]]));
  for (const e of exprs) {
    const op = hasOwn.call(LS_OPERATORS, e.operator) ? LS_OPERATORS[e.operator] : undefined;
    if (op === undefined) throw new SelectorError(`${JSON.stringify(e.operator)} is not a valid label selector operator`);
    const values = e.values ?? [];
    reqs.push(newRequirement(e.key, op, [...values], undefined, values.length === 0));
  }
  return Selector.of(reqs);
}

/** FormatLabelSelector, as kubectl describe prints selectors: `app=nginx`, `<none>`, `<error>`. */
export function formatLabelSelector(ls: LabelSelector | null | undefined): string {
  let s: string;
  try {
    s = labelSelectorAsSelector(ls).toString();
  } catch (e) {
    if (e instanceof SelectorError) return '<error>';
    throw e;
  }
  return s === '' ? '<none>' : s;
}

/** ValidateLabelSelector (without AllowInvalidLabelValueInSelector). */
export function validateLabelSelector(ls: LabelSelector | null | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (ls == null) return errs;
  errs.push(...validateLabels(ls.matchLabels, path.child('matchLabels')));
  (ls.matchExpressions ?? []).forEach((expr, i) => {
    errs.push(...validateLabelSelectorRequirement(expr, path.child('matchExpressions').index(i)));
  });
  return errs;
}

export function validateLabelSelectorRequirement(sr: LabelSelectorRequirement, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const values = sr.values ?? [];
  switch (sr.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) {
        errs.push(forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      }
      break;
    default:
      errs.push(invalid(path.child('operator'), sr.operator, 'not a valid selector operator'));
  }
  for (const msg of isQualifiedName(sr.key)) errs.push(invalid(path.child('key'), sr.key, msg));
  values.forEach((v, i) => {
    for (const msg of isValidLabelValue(v)) errs.push(invalid(path.child('values').index(i), v, msg));
  });
  return errs;
}
