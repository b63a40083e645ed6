// kubectl get --sort-by=<jsonpath> (k8s.io/kubectl/pkg/cmd/get/sorter.go).
//
// kubectl sorts with Go's sort.Sort, which is not stable: items that compare equal
// end up in the order pattern-defeating quicksort leaves them. The algorithm is
// ported below so that ties come out exactly as kubectl prints them.

import {
  GoFloat,
  JsonPathError,
  KubectlPrintError,
  findJsonPathResults,
  goQuote,
  goStringLess,
  goSyntax,
  goTypeName,
  goValueKind,
  parseJsonPath,
  relaxedJsonPath,
  type GoByte,
  type JsonPath,
} from './jsonpath.ts';

/**
 * "table": human-readable output (the server's Table rows, sorted by TableSorter).
 * "list": -o json/yaml/name/jsonpath/custom-columns (RuntimeSort over the list items).
 */
export type SortMode = 'table' | 'list';

export interface SortOptions {
  mode?: SortMode;
}

/**
 * A sort failure. `fatal` errors are the ones kubectl reports through klog.Exitf or
 * klog.Fatalf (a log line and exit status 1) rather than as "error: <message>".
 */
export class SortError extends KubectlPrintError {
  constructor(
    message: string,
    readonly fatal = false,
  ) {
    super(message);
    this.name = 'SortError';
  }
}

/** Returns the objects ordered as kubectl --sort-by orders them; throws SortError as kubectl fails. */
export function sortObjectsBy<T>(objects: readonly T[], expr: string, opts: SortOptions = {}): T[] {
  const items = [...objects];
  return (opts.mode ?? 'table') === 'table' ? sortTableRows(items, expr) : sortListItems(items, expr);
}

// SortingPrinter + NewTableSorter: only sorts when there is more than one row.
function sortTableRows<T>(rows: T[], expr: string): T[] {
  if (rows.length <= 1) return rows;
  let field: string;
  try {
    field = relaxedJsonPath(expr);
  } catch {
    field = expr; // kubectl falls back to the expression as written
  }
  let parsed: JsonPath;
  try {
    parsed = parseJsonPath(field);
  } catch (e) {
    throw e instanceof JsonPathError ? new SortError(`sorting error: ${e.message}`) : e;
  }
  const keys = rows.map((row) => {
    try {
      return firstValue(findJsonPathResults(parsed, row, { allowMissingKeys: true }));
    } catch (e) {
      if (!(e instanceof JsonPathError)) throw e;
      throw new SortError(`Failed to get values for [][]reflect.Value(nil) using ${field} (${goErrorSyntax(e.message)})`);
    }
  });
  if (keys.every((k) => k === MISSING)) {
    throw new SortError(`couldn't find any field with path ${goQuote(field)} in the list of objects`);
  }
  const order = rows.map((_, i) => i);
  goSort(
    rows.length,
    (i, j) => lessKeys(keys[order[i]], keys[order[j]], () => `Field ${field} in [][][]reflect.Value`),
    (i, j) => swap(order, i, j),
  );
  return order.map((i) => rows[i]);
}

// SortingPrinter.sortObj + SortObjects + RuntimeSort.
function sortListItems<T>(items: T[], expr: string): T[] {
  if (items.length === 0) return items;
  let field: string;
  try {
    field = relaxedJsonPath(expr);
  } catch (e) {
    throw e instanceof KubectlPrintError ? new SortError(e.message) : e;
  }
  let parsed: JsonPath;
  try {
    parsed = parseJsonPath(field);
  } catch (e) {
    throw e instanceof JsonPathError ? new SortError(e.message) : e;
  }
  const cache = new Map<number, unknown>();
  const keyOf = (index: number): unknown => {
    if (!cache.has(index)) cache.set(index, firstValue(findJsonPathResults(parsed, items[index], { allowMissingKeys: true })));
    return cache.get(index);
  };
  // The field must exist in at least one object; objects are read in order until one has it.
  let found = false;
  for (let i = 0; i < items.length && !found; i++) {
    try {
      found = keyOf(i) !== MISSING;
    } catch (e) {
      throw e instanceof JsonPathError ? new SortError(e.message) : e;
    }
  }
  if (!found) throw new SortError(`couldn't find any field with path ${goQuote(field)} in the list of objects`);

  const order = items.map((_, i) => i);
  const keyAt = (pos: number, which: 'i' | 'j'): unknown => {
    try {
      return keyOf(order[pos]);
    } catch (e) {
      if (!(e instanceof JsonPathError)) throw e;
      const obj = goUnstructuredSyntax(items[order[pos]]);
      throw new SortError(`Failed to get ${which} values for ${obj} using ${field} (${goErrorSyntax(e.message)})`, true);
    }
  };
  goSort(
    items.length,
    (i, j) => {
      const a = keyAt(i, 'i');
      const b = keyAt(j, 'j');
      return lessKeys(a, b, () => `Field ${field} in *unstructured.Unstructured`);
    },
    (i, j) => swap(order, i, j),
  );
  return order.map((i) => items[i]);
}

const MISSING: unique symbol = Symbol('missing');

function firstValue(results: unknown[][]): unknown {
  return results.length === 0 || results[0].length === 0 ? MISSING : results[0][0];
}

// RuntimeSort.Less / TableSorter.Less: a missing value sorts first (even against another missing one).
function lessKeys(a: unknown, b: unknown, where: () => string): boolean {
  if (a === MISSING) return true;
  if (b === MISSING) return false;
  try {
    return isLess(a, b);
  } catch (e) {
    if (!(e instanceof UnsortableError)) throw e;
    const kind = goValueKind(a) === 'uint8' ? 'uint8' : 'interface';
    throw new SortError(`${where()} is an unsortable type: ${kind}, err: ${e.message}`, true);
  }
}

class UnsortableError extends Error {}

// kubectl's isLess for values read from unstructured objects (reflect.Interface kind).
function isLess(a: unknown, b: unknown): boolean {
  const ka = goValueKind(a);
  const kb = goValueKind(b);
  if (ka === 'uint8') {
    // String bytes reach here as reflect.Uint8, compared with Uint().
    if (kb !== 'uint8') throw new UnsortableError('reflect: call of reflect.Value.Uint on interface Value');
    return (a as GoByte).value < (b as GoByte).value;
  }
  if (ka === 'nil' && kb === 'nil') return false;
  if (ka === 'nil') return true;
  if (kb === 'nil') return false;
  switch (ka) {
    case 'int':
    case 'float':
      if (kb === ka) return numeric(a) < numeric(b);
      break;
    case 'string':
      if (kb === 'string') {
        const qa = parseQuantity(a as string);
        const qb = qa === undefined ? undefined : parseQuantity(b as string);
        if (qa === undefined || qb === undefined) return goStringLess(a as string, b as string);
        return compareQuantities(qa, qb) < 0;
      }
      break;
    default:
      throw new UnsortableError(`unsortable type: ${goTypeName(a)}`);
  }
  throw new UnsortableError('unsortable interface: interface');
}

function numeric(v: unknown): number {
  return v instanceof GoFloat ? v.value : Number(v);
}

function swap(arr: number[], i: number, j: number): void {
  const t = arr[i];
  arr[i] = arr[j];
  arr[j] = t;
}

// Go's %#v of an error made by fmt.Errorf.
function goErrorSyntax(message: string): string {
  return `&errors.errorString{s:${goQuote(message)}}`;
}

function goUnstructuredSyntax(obj: unknown): string {
  return `&unstructured.Unstructured{Object:${goSyntax(obj)}}`;
}

// ---------------------------------------------------------------------------
// resource.Quantity, as far as comparing two of them needs

/** value = sign × digits × 10^exp, digits without leading or trailing zeros. */
interface Decimal {
  sign: -1 | 0 | 1;
  digits: string;
  exp: number;
}

const ZERO: Decimal = { sign: 0, digits: '', exp: 0 };
const INT64_MAX_DIGITS = '9223372036854775807';
const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/** resource.ParseQuantity reduced to its value; undefined where Go returns an error. */
export function parseQuantity(str: string): Decimal | undefined {
  if (str.length === 0) return undefined;
  if (str === '0') return ZERO;
  const parts = splitQuantity(str);
  if (!parts) return undefined;
  const { positive, num, denom, suffix } = parts;

  let base: 2 | 10;
  let exponent: number;
  if (suffix in DECIMAL_SUFFIXES) {
    base = 10;
    exponent = DECIMAL_SUFFIXES[suffix];
  } else if (suffix in BINARY_SUFFIXES) {
    base = 2;
    exponent = BINARY_SUFFIXES[suffix];
  } else if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    const parsed = BigInt(suffix.slice(1));
    if (parsed > (1n << 63n) - 1n || parsed < -(1n << 63n)) return undefined;
    base = 10;
    exponent = Number(BigInt.asIntN(32, parsed)); // Go keeps it in an int32
  } else {
    return undefined;
  }

  let mantissa = BigInt(num + denom);
  if (mantissa === 0n) return ZERO;
  let exp = -denom.length;
  if (base === 10) exp += exponent;
  else mantissa <<= BigInt(exponent);

  // Anything finer than a nano is rounded up, away from zero.
  if (exp < -9) {
    const k = -9 - exp;
    const text = mantissa.toString();
    if (k > text.length) {
      mantissa = 1n;
    } else {
      const p = 10n ** BigInt(k);
      mantissa = mantissa / p + (mantissa % p === 0n ? 0n : 1n);
    }
    exp = -9;
  }
  let value = normalize(positive ? 1 : -1, mantissa.toString(), exp);
  // Binary quantities are capped at the largest int64.
  const cap: Decimal = normalize(1, INT64_MAX_DIGITS, 0);
  if (base === 2 && compareQuantities({ ...value, sign: 1 }, cap) > 0) value = { ...cap, sign: value.sign };
  return value;
}

function normalize(sign: 1 | -1, digits: string, exp: number): Decimal {
  let end = digits.length;
  while (end > 1 && digits[end - 1] === '0') end--;
  return { sign, digits: digits.slice(0, end), exp: exp + (digits.length - end) };
}

/** Quantity.Cmp: -1, 0 or 1. */
export function compareQuantities(a: Decimal, b: Decimal): number {
  if (a.sign !== b.sign) return a.sign < b.sign ? -1 : 1;
  if (a.sign === 0) return 0;
  const magA = a.digits.length + a.exp;
  const magB = b.digits.length + b.exp;
  let cmp: number;
  if (magA !== magB) {
    cmp = magA < magB ? -1 : 1;
  } else {
    const n = Math.max(a.digits.length, b.digits.length);
    const da = a.digits.padEnd(n, '0');
    const db = b.digits.padEnd(n, '0');
    cmp = da < db ? -1 : da > db ? 1 : 0;
  }
  return a.sign * cmp;
}

const SUFFIX_CHARS = 'eEinumkKMGTP';

// parseQuantityString: sign, digits, fraction and the raw suffix; undefined on ErrFormatWrong.
function splitQuantity(str: string): { positive: boolean; num: string; denom: string; suffix: string } | undefined {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') {
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };

  let i = pos;
  while (i < end && isAsciiDigit(str[i])) i++;
  const num = str.slice(pos, i) || '0';
  if (i >= end) return { positive, num, denom: '', suffix: '' };
  pos = i;

  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isAsciiDigit(str[i])) i++;
    denom = str.slice(pos, i);
    if (i >= end) return { positive, num, denom, suffix: '' };
    pos = i;
  }

  const suffixStart = pos;
  i = pos;
  while (i < end && SUFFIX_CHARS.includes(str[i])) i++;
  if (i >= end) return { positive, num, denom, suffix: str.slice(suffixStart) };
  pos = i;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  for (i = pos; i < end; i++) if (!isAsciiDigit(str[i])) return undefined;
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

function isAsciiDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

// ---------------------------------------------------------------------------
// Go's sort.Sort (pdqsort, src/sort/zsortinterface.go)

type Less = (i: number, j: number) => boolean;
type Swap = (i: number, j: number) => void;

/** sort.Sort over indexes 0..n-1, making the same Less and Swap calls Go makes. */
export function goSort(n: number, less: Less, swap: Swap): void {
  if (n <= 1) return;
  pdqsort({ less, swap }, 0, n, bitLength(n));
}

interface Data {
  less: Less;
  swap: Swap;
}

const INCREASING = 1;
const DECREASING = 2;

function bitLength(n: number): number {
  return n === 0 ? 0 : 32 - Math.clz32(n);
}

function insertionSort(data: Data, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) {
    for (let j = i; j > a && data.less(j, j - 1); j--) data.swap(j, j - 1);
  }
}

function siftDown(data: Data, lo: number, hi: number, first: number): void {
  let root = lo;
  for (;;) {
    let child = 2 * root + 1;
    if (child >= hi) return;
    if (child + 1 < hi && data.less(first + child, first + child + 1)) child++;
    if (!data.less(first + root, first + child)) return;
    data.swap(first + root, first + child);
    root = child;
  }
}

function heapSort(data: Data, a: number, b: number): void {
  const first = a;
  const hi = b - a;
  for (let i = Math.trunc((hi - 1) / 2); i >= 0; i--) siftDown(data, i, hi, first);
  for (let i = hi - 1; i >= 0; i--) {
    data.swap(first, first + i);
    siftDown(data, 0, i, first);
  }
}

function pdqsort(data: Data, a: number, b: number, limit: number): void {
  const maxInsertion = 12;
  let wasBalanced = true;
  let wasPartitioned = true;
  for (;;) {
    const length = b - a;
    if (length <= maxInsertion) {
      insertionSort(data, a, b);
      return;
    }
    if (limit === 0) {
      heapSort(data, a, b);
      return;
    }
    if (!wasBalanced) {
      breakPatterns(data, a, b);
      limit--;
    }
    let [pivot, hint] = choosePivot(data, a, b);
    if (hint === DECREASING) {
      reverseRange(data, a, b);
      pivot = b - 1 - (pivot - a);
      hint = INCREASING;
    }
    if (wasBalanced && wasPartitioned && hint === INCREASING) {
      if (partialInsertionSort(data, a, b)) return;
    }
    if (a > 0 && !data.less(a - 1, pivot)) {
      a = partitionEqual(data, a, b, pivot);
      continue;
    }
    const [mid, alreadyPartitioned] = partition(data, a, b, pivot);
    wasPartitioned = alreadyPartitioned;
    const leftLen = mid - a;
    const rightLen = b - mid;
    const balanceThreshold = Math.trunc(length / 8);
    if (leftLen < rightLen) {
      wasBalanced = leftLen >= balanceThreshold;
      pdqsort(data, a, mid, limit);
      a = mid + 1;
    } else {
      wasBalanced = rightLen >= balanceThreshold;
      pdqsort(data, mid + 1, b, limit);
      b = mid;
    }
  }
}

function partition(data: Data, a: number, b: number, pivot: number): [number, boolean] {
  data.swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  while (i <= j && data.less(i, a)) i++;
  while (i <= j && !data.less(j, a)) j--;
  if (i > j) {
    data.swap(j, a);
    return [j, true];
  }
  data.swap(i, j);
  i++;
  j--;
  for (;;) {
    while (i <= j && data.less(i, a)) i++;
    while (i <= j && !data.less(j, a)) j--;
    if (i > j) break;
    data.swap(i, j);
    i++;
    j--;
  }
  data.swap(j, a);
  return [j, false];
}

function partitionEqual(data: Data, a: number, b: number, pivot: number): number {
  data.swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  for (;;) {
    while (i <= j && !data.less(a, i)) i++;
    while (i <= j && data.less(a, j)) j--;
    if (i > j) break;
    data.swap(i, j);
    i++;
    j--;
  }
  return i;
}

function partialInsertionSort(data: Data, a: number, b: number): boolean {
  const maxSteps = 5;
  const shortestShifting = 50;
  let i = a + 1;
  for (let step = 0; step < maxSteps; step++) {
    while (i < b && !data.less(i, i - 1)) i++;
    if (i === b) return true;
    if (b - a < shortestShifting) return false;
    data.swap(i, i - 1);
    if (i - a >= 2) {
      for (let j = i - 1; j >= 1; j--) {
        if (!data.less(j, j - 1)) break;
        data.swap(j, j - 1);
      }
    }
    if (b - i >= 2) {
      for (let j = i + 1; j < b; j++) {
        if (!data.less(j, j - 1)) break;
        data.swap(j, j - 1);
      }
    }
  }
  return false;
}

function breakPatterns(data: Data, a: number, b: number): void {
  const length = b - a;
  if (length < 8) return;
  let random = BigInt(length); // Go's xorshift, seeded with the length: deterministic
  const modulus = 2 ** bitLength(length);
  const mid = a + Math.trunc(length / 4) * 2;
  for (let idx = mid - 1; idx <= mid + 1; idx++) {
    random = BigInt.asUintN(64, random ^ (random << 13n));
    random ^= random >> 7n;
    random = BigInt.asUintN(64, random ^ (random << 17n));
    let other = Number(random & BigInt(modulus - 1));
    if (other >= length) other -= length;
    data.swap(idx, a + other);
  }
}

function choosePivot(data: Data, a: number, b: number): [number, number] {
  const shortestNinther = 50;
  const maxSwaps = 4 * 3;
  const l = b - a;
  const swaps = { n: 0 };
  let i = a + Math.trunc(l / 4) * 1;
  let j = a + Math.trunc(l / 4) * 2;
  let k = a + Math.trunc(l / 4) * 3;
  if (l >= 8) {
    if (l >= shortestNinther) {
      i = median(data, i - 1, i, i + 1, swaps);
      j = median(data, j - 1, j, j + 1, swaps);
      k = median(data, k - 1, k, k + 1, swaps);
    }
    j = median(data, i, j, k, swaps);
  }
  if (swaps.n === 0) return [j, INCREASING];
  if (swaps.n === maxSwaps) return [j, DECREASING];
  return [j, 0];
}

function median(data: Data, a: number, b: number, c: number, swaps: { n: number }): number {
  [a, b] = order2(data, a, b, swaps);
  b = order2(data, b, c, swaps)[0];
  return order2(data, a, b, swaps)[1];
}

function order2(data: Data, a: number, b: number, swaps: { n: number }): [number, number] {
  if (data.less(b, a)) {
    swaps.n++;
    return [b, a];
  }
  return [a, b];
}

function reverseRange(data: Data, a: number, b: number): void {
  for (let i = a, j = b - 1; i < j; i++, j--) data.swap(i, j);
}
