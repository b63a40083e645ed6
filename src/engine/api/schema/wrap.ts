// Word wrapping exactly as kubectl's explain does it (github.com/mitchellh/go-wordwrap v1.0.1,
// WrapString): breaks only at white space, counts runes, keeps existing newlines, and lets a word
// longer than the limit overflow.

const NBSP = 0xa0;

/** Go's unicode.IsSpace. */
function isSpace(cp: number): boolean {
  return (cp >= 0x09 && cp <= 0x0d) || cp === 0x20 || cp === 0x85 || cp === 0xa0 || cp === 0x1680
    || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x2028 || cp === 0x2029 || cp === 0x202f || cp === 0x205f || cp === 0x3000;
}

export function wordWrap(s: string, lim: number): string {
  let out = '';
  let current = 0;
  let word = '';
  let wordLen = 0;
  let space = '';
  let spaceLen = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n') {
      // Pending spaces are kept only if they fit; the line then ends.
      if (word === '') {
        if (current + spaceLen <= lim) out += space;
      } else {
        out += space + word;
        word = '';
        wordLen = 0;
      }
      space = '';
      spaceLen = 0;
      out += ch;
      current = 0;
    } else if (isSpace(cp) && cp !== NBSP) {
      if (space === '' || word !== '') {
        current += spaceLen + wordLen;
        out += space + word;
        space = '';
        spaceLen = 0;
        word = '';
        wordLen = 0;
      }
      space += ch;
      spaceLen++;
    } else {
      word += ch;
      wordLen++;
      if (current + wordLen + spaceLen > lim && wordLen < lim) {
        out += '\n';
        current = 0;
        space = '';
        spaceLen = 0;
      }
    }
  }
  if (word === '') {
    if (current + spaceLen <= lim) out += space;
  } else {
    out += space + word;
  }
  return out;
}
