// Reading a manifest file the way `kubectl apply -f FILE` does (cli-runtime's StreamVisitor over
// apimachinery's YAMLOrJSONDecoder): a file whose first non-space character is '{' is a JSON
// stream; anything else is split into documents at lines starting with "---", and each document
// goes through sigs.k8s.io/yaml (go-yaml v2, then JSON). Documents that decode to null are skipped.
// Errors carry kubectl's exact text, our own precise line and column, and a plain-English hint.

import { decodeYaml } from './decode.ts';
import { YamlSyntaxError } from './errors.ts';
import { jsonHint, yamlHint } from './hints.ts';
import { decodeJsonStream, utf8Length } from './jsondecode.ts';
import type { JsonValue } from './types.ts';

export interface ManifestDocument {
  value: JsonValue;
  /** 1-based line in the file where the document's content starts. */
  line: number;
  /** 0-based position among the documents kubectl decoded, empty ones included. */
  index: number;
}

export interface ManifestError {
  /** What kubectl prints after `error: `, e.g. `error parsing pod.yaml: error converting YAML to JSON: yaml: line 7: …`. */
  message: string;
  /** The decoder's own part, e.g. `yaml: line 7: found character that cannot start any token`. */
  reason: string;
  /** Where the problem really is: 1-based line and column in the whole file. */
  line: number;
  column: number;
  /** The same thing in plain English, for the UI. */
  hint: string;
}

export interface ManifestWarning {
  line: number;
  column: number;
  message: string;
}

export interface ParseResult {
  /** The documents decoded before any error, in order, empty ones left out. */
  documents: ManifestDocument[];
  error?: ManifestError;
  /** Things kubectl accepts silently but a learner should know (a key given twice). */
  warnings: ManifestWarning[];
}

/** Parses a manifest file; `source` is the file name as kubectl shows it (`pod.yaml`, `STDIN`). */
export function parseManifests(text: string, source: string): ParseResult {
  return looksLikeJson(text) ? parseJsonStream(text, source) : parseYamlStream(text, source);
}

/**
 * One YAML (or JSON) text read as sigs.k8s.io/yaml.YAMLToJSON reads it, for inputs that are not
 * manifest files (a `kubectl patch -p` body, say). Only the first document counts; an empty text
 * gives null. Throws an Error whose message is go-yaml's (`yaml: line 2: …`).
 */
export function parseYamlValue(text: string): JsonValue {
  try {
    return decodeYaml(text).value ?? null;
  } catch (e) {
    if (e instanceof YamlSyntaxError) throw new Error(e.goMessage(), { cause: e });
    throw e;
  }
}

// --- JSON ---

const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

/** GuessJSONStream: the first non-space character within the first 4096 bytes is '{'. */
function looksLikeJson(text: string): boolean {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes < 4096; i++) {
    const ch = text[i];
    if (!GO_SPACE.test(ch)) return ch === '{';
    bytes += utf8Length(text, i, i + 1);
  }
  return false;
}

function parseJsonStream(text: string, source: string): ParseResult {
  const result: ParseResult = { documents: [], warnings: [] };
  const lines = new LineIndex(text);
  const { values, error } = decodeJsonStream(text);
  // The values before a bad one were read and handed on, as the Decoder does.
  values.forEach((v, index) => {
    if (v.value !== null) result.documents.push({ value: v.value, line: lines.locate(v.start).line, index });
  });
  if (error) {
    const { line, column } = lines.locate(error.at);
    const reason =
      error.offset === undefined || error.unmarshal ? error.problem : `json: offset ${error.offset}: ${error.problem}`;
    result.error = {
      message: error.unmarshal ? `unable to decode "${source}": ${reason}` : `error parsing ${source}: ${reason}`,
      reason,
      line,
      column,
      hint: jsonHint(error.problem, line, column),
    };
  }
  return result;
}

// --- YAML ---

interface Chunk {
  text: string;
  /** 1-based file line of the chunk's first line. */
  firstLine: number;
}

/** The problem with a "---" line, if it is not a clean separator (YAMLReader.Read). */
function separatorProblem(line: string): string | undefined {
  const trimmed = goTrimSpace(line.slice(3));
  if (trimmed.length > 0 && trimmed[0] !== '#') return `invalid Yaml document separator: ${trimmed}`;
  return undefined;
}

function goTrimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && GO_SPACE.test(s[a])) a++;
  while (b > a && GO_SPACE.test(s[b - 1])) b--;
  return s.slice(a, b);
}

function parseYamlStream(text: string, source: string): ParseResult {
  const result: ParseResult = { documents: [], warnings: [] };
  let index = 0;
  for (const item of splitDocuments(text)) {
    if ('problem' in item) {
      result.error = {
        message: `error parsing ${source}: ${item.problem}`,
        reason: item.problem,
        line: item.line,
        column: 4,
        hint: yamlHint({
          problem: item.problem,
          line: item.line,
          column: 4,
          contextLine: undefined,
          contextColumn: undefined,
          char: '',
          atIndent: false,
        }),
      };
      return result;
    }
    const error = decodeChunk(item, source, index, result);
    if (error) {
      result.error = error;
      return result;
    }
    index++;
  }
  return result;
}

/**
 * YAMLReader + LineReader: documents split at lines starting with "---", every line ending in
 * "\n" (a CRLF read as LF, a last line without a break given one).
 */
function* splitDocuments(text: string): Generator<Chunk | { problem: string; line: number }> {
  const crlf = text.includes('\r\n');
  let chunkStart = 0;
  let firstLine = 1;
  let lineNo = 0;
  let at = 0;
  const chunk = (end: number): Chunk | undefined => {
    if (end <= chunkStart) return undefined;
    let body = text.slice(chunkStart, end);
    if (!body.endsWith('\n')) body += '\n';
    return { text: crlf ? body.replaceAll('\r\n', '\n') : body, firstLine };
  };
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    lineNo++;
    if (text.startsWith('---', at)) {
      const line = text.slice(at, end > at && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
      const problem = separatorProblem(line);
      if (problem !== undefined) {
        yield { problem, line: lineNo };
        return;
      }
      const done = chunk(at);
      if (done) yield done;
      chunkStart = end + 1;
      firstLine = lineNo + 1;
    }
    at = end + 1;
  }
  const done = chunk(text.length);
  if (done) yield done;
}

function decodeChunk(chunk: Chunk, source: string, index: number, result: ParseResult): ManifestError | undefined {
  const invalid = firstInvalidChar(chunk.text);
  try {
    const decoded = decodeYaml(chunk.text);
    if (invalid) return readerError(chunk, source, invalid);
    for (const d of decoded.duplicates) {
      result.warnings.push({
        line: chunk.firstLine + d.at.line,
        column: d.at.column + 1,
        message: `the key "${d.key}" appears more than once in the same mapping; kubectl keeps the last value`,
      });
    }
    if (decoded.value !== undefined) {
      result.documents.push({ value: decoded.value, line: chunk.firstLine + decoded.line, index });
    }
    return undefined;
  } catch (e) {
    if (!(e instanceof YamlSyntaxError)) throw e;
    // go-yaml reads its input a little ahead, so a bad character fails first unless the syntax
    // error comes before it.
    const pos = e.problemAt?.pos ?? chunk.text.length;
    if (invalid && invalid.pos <= pos) return readerError(chunk, source, invalid);
    return yamlError(e, chunk, source);
  }
}

function yamlError(e: YamlSyntaxError, chunk: Chunk, source: string): ManifestError {
  const reason = e.goMessage();
  const at = e.problemAt ?? e.contextAt;
  const lines = chunk.text.split('\n');
  const docLine = at?.line ?? 0;
  const lineText = lines[docLine] ?? '';
  const column = at ? at.column + 1 : 1;
  const charIndex = at ? at.pos - lineStart(chunk.text, docLine) : 0;
  return {
    message: `error parsing ${source}: error converting YAML to JSON: ${reason}`,
    reason,
    line: chunk.firstLine + docLine,
    column,
    hint: yamlHint({
      problem: e.problem,
      line: chunk.firstLine + docLine,
      column,
      contextLine: e.contextAt ? chunk.firstLine + e.contextAt.line : undefined,
      contextColumn: e.contextAt ? e.contextAt.column + 1 : undefined,
      char: lineText.charAt(charIndex),
      atIndent: /^[ \t]*$/.test(lineText.slice(0, charIndex)),
    }),
  };
}

function lineStart(text: string, line: number): number {
  let at = 0;
  for (let i = 0; i < line; i++) at = text.indexOf('\n', at) + 1;
  return at;
}

interface InvalidChar {
  pos: number;
  problem: string;
}

// What go-yaml's reader accepts: tab, LF, CR, printable ASCII, NEL, and the rest of Unicode
// except surrogates, U+FFFE and U+FFFF.
const DISALLOWED = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\ud800-\udfff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function firstInvalidChar(text: string): InvalidChar | undefined {
  const m = DISALLOWED.exec(text);
  if (!m) return undefined;
  const c = m[0].charCodeAt(0);
  const surrogate = c >= 0xd800 && c <= 0xdfff;
  return { pos: m.index, problem: surrogate ? 'invalid Unicode character' : 'control characters are not allowed' };
}

function readerError(chunk: Chunk, source: string, invalid: InvalidChar): ManifestError {
  const before = chunk.text.slice(0, invalid.pos);
  const docLine = before.split('\n').length - 1;
  const column = invalid.pos - (before.lastIndexOf('\n') + 1) + 1;
  const reason = `yaml: ${invalid.problem}`;
  return {
    message: `error parsing ${source}: error converting YAML to JSON: ${reason}`,
    reason,
    line: chunk.firstLine + docLine,
    column,
    hint: yamlHint({
      problem: invalid.problem,
      line: chunk.firstLine + docLine,
      column,
      contextLine: undefined,
      contextColumn: undefined,
      char: chunk.text.charAt(invalid.pos),
      atIndent: false,
    }),
  };
}

/** Maps string indexes to 1-based lines and columns. */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  locate(pos: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: pos - this.starts[lo] + 1 };
  }
}
