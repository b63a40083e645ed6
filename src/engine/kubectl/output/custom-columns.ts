// kubectl -o custom-columns=HEADER:path,… and -o custom-columns-file=…
// (k8s.io/kubectl/pkg/cmd/get/customcolumn.go).

import { TabWriter, tableWriterOptions } from '../../util/tabwriter.ts';
import {
  JsonPathError,
  KubectlPrintError,
  findJsonPathResults,
  formatGoValue,
  parseJsonPath,
  relaxedJsonPath,
  type JsonPath,
} from './jsonpath.ts';

export interface CustomColumn {
  header: string;
  /** The relaxed JSONPath, e.g. "{.metadata.name}". */
  fieldSpec: string;
}

/** Thrown while rendering; `output` is what kubectl had already printed to stdout. */
export class CustomColumnsError extends KubectlPrintError {
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
    this.name = 'CustomColumnsError';
  }
}

/** Parses "NAME:.metadata.name,STATUS:.status.phase" (NewCustomColumnsPrinterFromSpec). */
export function parseCustomColumns(spec: string): CustomColumn[] {
  if (spec.length === 0) {
    throw new KubectlPrintError('custom-columns format specified but no custom columns given');
  }
  // A plain split: a path containing a comma cannot be written here, as in kubectl.
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) {
      throw new KubectlPrintError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    }
    return { header: part.slice(0, colon), fieldSpec: relaxedJsonPath(part.slice(colon + 1)) };
  });
}

// Go's unicode.IsSpace, which bufio.ScanWords splits on.
const GO_SPACES = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
const FORMAT_HINT = 'Expected format is one line of space separated headers, one line of space separated column specs.';

/**
 * Parses a custom-columns-file template: a line of headers and a line of paths,
 * whitespace separated (NewCustomColumnsPrinterFromTemplate). kubectl ignores
 * --no-headers for this form.
 */
export function parseCustomColumnsFile(text: string): CustomColumn[] {
  const lines = scanLines(text);
  if (lines.length < 1) throw new KubectlPrintError(`invalid template, missing header line. ${FORMAT_HINT}`);
  if (lines.length < 2) throw new KubectlPrintError(`invalid template, missing spec line. ${FORMAT_HINT}`);
  const headers = splitWords(lines[0]);
  const specs = splitWords(lines[1]);
  if (headers.length !== specs.length) {
    throw new KubectlPrintError(
      `number of headers (${headers.length}) and field specifications (${specs.length}) don't match`,
    );
  }
  return headers.map((header, i) => ({ header, fieldSpec: relaxedJsonPath(specs[i]) }));
}

// The first two lines as bufio.ScanLines yields them: '\n' separated, a trailing '\r' dropped.
function scanLines(text: string): string[] {
  if (text.length === 0) return [];
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop(); // a final newline does not start another line
  return parts.slice(0, 2).map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

function splitWords(line: string): string[] {
  return line.split(GO_SPACES).filter((w) => w.length > 0);
}

/** printers.EscapeTerminal: ESC becomes "^[" and CR becomes "\r", so cells cannot drive the terminal. */
export function escapeTerminal(s: string): string {
  if (!s.includes('\x1b') && !s.includes('\r')) return s;
  return s.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');
}

export interface RenderCustomColumnsOptions {
  noHeaders?: boolean;
}

/**
 * Prints objects as kubectl's CustomColumnsPrinter does for one list: a header row
 * (unless noHeaders), then one row per object, aligned by kubectl's table tabwriter.
 * A missing value prints "<none>"; several values are joined by ",".
 */
export function renderCustomColumns(
  columns: readonly CustomColumn[],
  objects: readonly unknown[],
  opts: RenderCustomColumnsOptions = {},
): string {
  const w = new TabWriter(tableWriterOptions);
  if (!opts.noHeaders) w.write(`${columns.map((c) => c.header).join('\t')}\n`);
  try {
    const parsed = columns.map((c) => parseJsonPath(c.fieldSpec));
    for (const obj of objects) w.write(`${renderRow(parsed, obj).join('\t')}\n`);
  } catch (e) {
    // kubectl's deferred Flush still prints what was written before the error.
    if (e instanceof JsonPathError) throw new CustomColumnsError(e.message, w.flush());
    throw e;
  }
  return w.flush();
}

function renderRow(parsed: readonly JsonPath[], obj: unknown): string[] {
  return parsed.map((path) => {
    const values = findJsonPathResults(path, obj, { allowMissingKeys: true });
    const cells: string[] = [];
    if (values.length === 0 || values[0].length === 0) cells.push('<none>');
    for (const group of values) for (const v of group) cells.push(escapeTerminal(formatGoValue(v)));
    return cells.join(',');
  });
}
