// The two key orders kubectl output uses. JSON (encoding/json) sorts map keys by their UTF-8 bytes;
// YAML (go-yaml v2's keyList.Less) sorts "naturally": runs of digits compare as numbers and letters
// come after other characters, so `b9` precedes `b10` and `a_b` precedes `ab`.

/** encoding/json's order: byte-wise on UTF-8, which is code point order. */
export function compareJsonKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      // UTF-16 puts surrogates (astral characters) below U+E000–U+FFFF; code point order does not.
      if (x >= 0xd800 && y >= 0xd800) {
        if (x < 0xe000) x += 0x10000;
        if (y < 0xe000) y += 0x10000;
      }
      return x < y ? -1 : 1;
    }
  }
  return a.length - b.length;
}

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

function isLetter(c: number): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER.test(String.fromCodePoint(c));
}

function isDigit(c: number): boolean {
  if (c < 128) return c >= 48 && c <= 57;
  return DIGIT.test(String.fromCodePoint(c));
}

function codePoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0) as number);
  return out;
}

/** Reads a digit run as go-yaml does (int64 arithmetic, wrapping like Go on absurdly long runs). */
function digitRun(r: number[], from: number, start: bigint): [bigint, number] {
  let n = start;
  let i = from;
  while (i < r.length && isDigit(r[i])) {
    n = BigInt.asIntN(64, n * 10n + BigInt(r[i] - 48));
    i++;
  }
  return [n, i];
}

/** go-yaml v2's keyList.Less for two string keys. */
export function goYamlKeyLess(a: string, b: string): boolean {
  const ar = codePoints(a);
  const br = codePoints(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let seed = 0n;
    if (ar[i] === 48 || br[i] === 48) {
      // A zero inside a number is a digit like any other; a leading zero is not.
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== 48) {
          seed = 1n;
          break;
        }
      }
    }
    const [an, ai] = digitRun(ar, i, seed);
    const [bn, bi] = digitRun(br, i, seed);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

const PLAIN_ASCII_KEY = /^[A-Za-z]*$/;

/** Sorts keys in go-yaml's order. */
export function sortYamlKeys(keys: string[]): string[] {
  // Letters-only ASCII keys (most Kubernetes field names) compare as plain strings.
  if (keys.every((k) => PLAIN_ASCII_KEY.test(k))) return keys.sort();
  return keys.sort((a, b) => (goYamlKeyLess(a, b) ? -1 : goYamlKeyLess(b, a) ? 1 : 0));
}
