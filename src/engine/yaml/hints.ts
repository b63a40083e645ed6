// Plain-English explanations shown beside kubectl's own (often cryptic) parse errors. They name the
// real line and say what to change; kubectl's message is kept verbatim elsewhere.

/** What a hint may refer to: the problem line, the context line (both 1-based, in the file). */
export interface HintSite {
  problem: string;
  line: number;
  contextLine: number | undefined;
  /** 1-based columns of the problem and of the context. */
  column: number;
  contextColumn: number | undefined;
  /** The character at the problem position, if any. */
  char: string;
  /** Whether everything before the problem position on its line is indentation. */
  atIndent: boolean;
}

function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

export function yamlHint(site: HintSite): string {
  const { problem, line } = site;
  const ctx = site.contextLine ?? line;
  if (problem === 'found character that cannot start any token') {
    if (site.char === '\t') {
      return site.atIndent
        ? `YAML indentation must use spaces; line ${line} starts with a tab`
        : `line ${line} has a tab where a value should start; use spaces`;
    }
    if (site.char === '@' || site.char === '`') {
      return `a value on line ${line} starts with '${site.char}', which YAML reserves; put the value in quotes`;
    }
    if (site.char === '%') return `a value on line ${line} starts with '%'; put the value in quotes`;
    return `line ${line} has a character that cannot start a YAML value; put the value in quotes`;
  }
  if (problem === 'mapping values are not allowed in this context') {
    return `line ${line} has a ':' where no new key can start: check that the line is indented like the keys around it, or quote a value that contains ': '`;
  }
  if (problem === 'did not find expected key') {
    if (site.char === '-') {
      return `the '- ' item on line ${line} is not indented like the list items before it, or follows a key that already has a value`;
    }
    const keys = site.contextColumn === undefined ? '' : ` (column ${site.contextColumn})`;
    return `line ${line} starts at column ${site.column}, which does not line up with the keys of the mapping that begins on line ${ctx}${keys} or of the blocks inside it: check its indentation`;
  }
  if (problem === "did not find expected '-' indicator") {
    return `line ${line} breaks the list that begins on line ${ctx}: every item starts with '- ' at the same indentation`;
  }
  if (problem === "could not find expected ':'") {
    return `line ${ctx} looks like a key but has no ':' after it (or a value continues on a line that is not indented enough)`;
  }
  if (problem === 'block sequence entries are not allowed in this context') {
    return `the '- ' item on line ${line} cannot follow a value on the same key; put the list on the lines below the key`;
  }
  if (problem === 'mapping keys are not allowed in this context') {
    return `the '?' on line ${line} cannot start a key here; check the indentation`;
  }
  if (problem === 'found unexpected end of stream') {
    return `the quoted string that starts on line ${ctx} is never closed`;
  }
  if (problem === 'found unexpected document indicator') {
    return `the quoted string that starts on line ${ctx} runs into a '---' line; close the quote`;
  }
  if (problem === 'found unknown escape character' || problem === 'did not find expected hexdecimal number') {
    return `the double-quoted string on line ${ctx} has an unknown escape after '\\'; use single quotes, or write '\\\\'`;
  }
  if (problem === 'did not find expected node content') return `a value is missing on line ${line}`;
  if (problem === "did not find expected ',' or ']'") {
    return `the list opened with '[' on line ${ctx} is not closed with ']', or its items are not separated by commas`;
  }
  if (problem === "did not find expected ',' or '}'") {
    return `the mapping opened with '{' on line ${ctx} is not closed with '}', or its entries are not separated by commas`;
  }
  if (problem.startsWith('found a tab character')) {
    return `line ${line} is indented with a tab; YAML indentation must use spaces`;
  }
  if (problem.startsWith('exceeded max depth')) return 'the document nests more than 10000 levels deep';
  if (problem === 'document contains excessive aliasing') {
    return 'the aliases (*name) in this document expand to far more data than it holds; kubectl refuses such "billion laughs" documents';
  }
  const unknownAnchor = /^unknown anchor '(.*)' referenced$/.exec(problem);
  if (unknownAnchor) {
    return `*${unknownAnchor[1]} on line ${line} refers to an anchor &${unknownAnchor[1]} that is not defined before it`;
  }
  const selfAnchor = /^anchor '(.*)' value contains itself$/.exec(problem);
  if (selfAnchor) return `*${selfAnchor[1]} on line ${line} is used inside the value it names`;
  if (problem.startsWith('map merge requires')) {
    return `the '<<' merge key on line ${line} needs a mapping, an alias to one, or a list of them`;
  }
  if (problem === 'control characters are not allowed') {
    return `line ${line} contains an invisible control character (${codePoint(site.char)}); delete it`;
  }
  if (problem === 'invalid Unicode character') return `line ${line} contains an invalid Unicode character; delete it`;
  if (problem.startsWith('invalid Yaml document separator')) {
    return `line ${line} starts with '---', which separates documents and must stand alone on its line (a comment may follow)`;
  }
  if (problem.startsWith('json: unsupported value')) {
    return `line ${line} has .inf or .nan, which cannot be sent as JSON; quote the value if it is meant as text`;
  }
  if (problem.startsWith('unsupported map key of type: %!s(<nil>)')) return `a key on line ${line} is empty (null)`;
  if (problem.startsWith('unsupported map key')) return `a key on line ${line} is a number too large for kubectl`;
  if (problem.startsWith('invalid map key')) return `a key on line ${line} is a list or a mapping; keys must be plain values`;
  if (problem.startsWith('cannot decode')) return `the value on line ${line} does not match its !!tag`;
  if (problem.startsWith('!!binary')) return `the !!binary value on line ${line} is not valid base64`;
  if (problem === 'found undefined tag handle') return `the tag on line ${line} uses a handle no %TAG directive defines`;
  return `YAML syntax error on line ${line}`;
}

export function jsonHint(problem: string, line: number, column: number): string {
  const where = `line ${line}, column ${column}`;
  if (problem === 'unexpected EOF') return 'the JSON ends before every { and [ is closed';
  if (problem.endsWith('looking for beginning of object key string')) {
    return `a key is expected at ${where}: keys are double-quoted strings, and JSON allows no comma before '}'`;
  }
  if (problem.endsWith('after object key:value pair')) return `a ',' or '}' is missing at ${where}`;
  if (problem.endsWith('after array element')) return `a ',' or ']' is missing at ${where}`;
  if (problem.endsWith('after object key')) return `a ':' is missing after the key at ${where}`;
  if (problem.endsWith('in string literal')) {
    return `a string at ${where} contains a raw control character or line break; write it as \\n or \\t`;
  }
  if (problem.startsWith('json: cannot unmarshal number')) return `the number at ${where} is too large`;
  return `the JSON is malformed at ${where}`;
}
