// Where in the editor's file kubectl's errors point: the line markers of the editor's Apply.
// kubectl names lines only for YAML syntax errors (plus the sandbox's hint with line:column); for a
// field error it names the field path, and the marker goes on the first line with that field's key.

export interface ErrorLine {
  line: number;
  column?: number;
  message: string;
}

export function errorLines(stderr: string, path: string, content = ''): ErrorLine[] {
  const out: ErrorLine[] = [];
  const lines = stderr.split('\n').filter((l) => l.trim());
  const hintPrefix = `hint: ${path}:`;
  for (const l of lines) {
    if (l.startsWith(hintPrefix)) {
      const m = /^(\d+):(\d+): (.*)$/.exec(l.slice(hintPrefix.length));
      if (m) out.push({ line: Number(m[1]), column: Number(m[2]), message: m[3] });
    }
  }
  if (out.length) {
    // The hint says where; the error line above it says what.
    const main = lines.find((l) => !l.startsWith('hint:'));
    if (main) out[0] = { ...out[0], message: `${main}\n${out[0].message}` };
    return out;
  }
  const docs = content ? documentStarts(content) : [1];
  for (const l of lines) {
    const yaml = /yaml: line (\d+): (.*)$/.exec(l);
    if (yaml) {
      // go-yaml counts lines within the document; a one-document file has no offset.
      const line = docs.length === 1 ? Number(yaml[1]) : Number(yaml[1]) + docs[0] - 1;
      out.push({ line, message: l });
      continue;
    }
    // A field path: `unknown field "spec.x"`, or a validation error's `spec.containers[0].image: …`.
    const field = /unknown field "([^"]+)"/.exec(l) ?? /(?:^|\s)((?:[a-zA-Z]+(?:\[\d+\])?\.)+[a-zA-Z]+)(?:\[\d+\])?: /.exec(l);
    const leaf = field?.[1].split('.').pop()?.replace(/\[\d+\]$/, '');
    const at = leaf && content ? keyLine(content, leaf) : undefined;
    if (l.startsWith('Error') || l.startsWith('error') || l.startsWith('The ')) out.push({ line: at ?? 1, message: l });
  }
  return out;
}

/** 1-based lines where each YAML document begins. */
function documentStarts(content: string): number[] {
  const starts = [1];
  content.split('\n').forEach((l, i) => {
    if (/^---(\s|$)/.test(l) && i > 0) starts.push(i + 2);
  });
  return starts;
}

function keyLine(content: string, key: string): number | undefined {
  const re = new RegExp(`^\\s*(?:-\\s+)?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`);
  const i = content.split('\n').findIndex((l) => re.test(l));
  return i < 0 ? undefined : i + 1;
}
