// resource.ParseQuantity's verdict on a quantity string (k8s.io/apimachinery/pkg/api/resource, 1.30),
// for decoding errors only: the error text, or undefined when the string parses.

const SPLIT_RE = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${SPLIT_RE}'`;
export const ERR_SUFFIX = "unable to parse quantity's suffix";

const SUFFIXES = new Set(['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'n', 'u', 'm', 'k', 'M', 'G', 'T', 'P', 'E']);

export function parseQuantityError(str: string): string | undefined {
  if (str.length === 0) return ERR_FORMAT_WRONG;
  if (str === '0') return undefined;
  const suffix = splitSuffix(str);
  if (suffix === undefined) return ERR_FORMAT_WRONG;
  if (SUFFIXES.has(suffix)) return undefined;
  // A decimal exponent: e or E and a base-10 int64.
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))
    && Math.abs(Number(suffix.slice(1))) < 2 ** 63) return undefined;
  return ERR_SUFFIX;
}

/** parseQuantityString: sign, digits, optional .digits, then the suffix; undefined for ErrFormatWrong. */
function splitSuffix(str: string): string | undefined {
  let pos = 0;
  const end = str.length;
  const digit = (c: string) => c >= '0' && c <= '9';
  if (str[0] === '-' || str[0] === '+') pos++;
  while (pos < end && digit(str[pos])) pos++;
  if (pos >= end) return '';
  if (str[pos] === '.') {
    pos++;
    while (pos < end && digit(str[pos])) pos++;
    if (pos >= end) return '';
  }
  const start = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos])) pos++;
  if (pos >= end) return str.slice(start);
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (pos < end && digit(str[pos])) pos++;
  return pos >= end ? str.slice(start) : undefined;
}
