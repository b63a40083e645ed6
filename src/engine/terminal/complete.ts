// Tab completion for the terminal, as bash with kubectl's completion script gives it: command names,
// kubectl's subcommands, resource types, object names, flags and their values, the sandbox's
// subcommands, and file paths. Pure: it reads the session and the cluster, and changes nothing.

import type { KindInfo } from '../api/kinds.ts';
import { groupResource } from '../api/kinds.ts';
import { defaultNamespace } from '../kubectl/config.ts';
import { KUBECTL_COMMANDS } from '../kubectl/commands/index.ts';
import type { FlagSpec } from '../kubectl/flags.ts';
import { GLOBAL_FLAGS } from '../kubectl/global-flags.ts';
import type { KubectlCommand } from '../kubectl/types.ts';
import { sandboxHelp } from '../sandbox/command.ts';
import { HOME, type TerminalSession } from './session.ts';

export interface Completion {
  /** Index in the line where the word being completed begins: the UI replaces line[start, cursor). */
  start: number;
  /** Whole replacements for that word, sorted and unique. A directory ends with `/`. */
  candidates: string[];
}

const HELP_FLAG: FlagSpec = { name: 'help', short: 'h', type: 'bool', usage: 'help for this command' };

/** Output formats kubectl accepts after -o, when a flag's usage does not list them. */
const OUTPUT_FORMATS = ['json', 'yaml', 'wide', 'name', 'custom-columns=', 'custom-columns-file=', 'go-template=', 'go-template-file=', 'jsonpath=', 'jsonpath-file=', 'jsonpath-as-json=', 'template=', 'templatefile='];

/** kubectl commands whose first argument is a resource type (then names, or TYPE/NAME). */
const TYPE_COMMANDS = new Set([
  'get', 'describe', 'delete', 'edit', 'label', 'annotate', 'explain', 'wait', 'patch', 'scale', 'autoscale', 'expose',
  'history', 'status', 'restart', 'undo', 'pause', 'resume', 'set-last-applied', 'view-last-applied', 'image', 'env', 'resources', 'selector', 'subject', 'serviceaccount',
]);
/** kubectl commands whose first argument is a pod (or TYPE/NAME). */
const POD_COMMANDS = new Set(['logs', 'exec', 'attach', 'port-forward', 'debug']);
/** kubectl commands whose first argument is a node. */
const NODE_COMMANDS = new Set(['cordon', 'uncordon', 'drain']);
/** kubectl config subcommands whose first argument is a context. */
const CONTEXT_COMMANDS = new Set(['use-context', 'use', 'set-context', 'delete-context', 'rename-context']);
/** Shell commands that take only directories. */
const DIR_COMMANDS = new Set(['cd', 'rmdir', 'pushd']);

interface Word {
  /** The word's value with quotes and escapes removed. */
  value: string;
  /** Where the completion replaces from (after an opening quote). */
  start: number;
  /** Inside an open quote: candidates go in unescaped. */
  quoted: boolean;
  /** The word has quoting we cannot reproduce (a quote in its middle): no completion. */
  opaque: boolean;
}

interface Scan {
  /** The words of the command being typed, before the current one. */
  words: string[];
  current: Word;
  /** The current word is the target of a redirection. */
  redirect: boolean;
}

const NONE = (cursor: number): Completion => ({ start: cursor, candidates: [] });

export function complete(session: TerminalSession, line: string, cursor: number): Completion {
  cursor = Math.max(0, Math.min(cursor, line.length));
  const scan = scanLine(line.slice(0, cursor));
  if (!scan || scan.current.opaque) return NONE(cursor);
  const ctx = new Context(session, scan);
  const r = ctx.run();
  const escape = !scan.current.quoted && !r.raw;
  const candidates = [...new Set(r.candidates.filter((c) => c.startsWith(r.prefix)).map((c) => (escape ? escapeWord(c) : c)))].sort(compare);
  return { start: r.start, candidates };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Backslash-escapes what the shell would split or expand in a candidate. */
function escapeWord(s: string): string {
  return s.replace(/([\s'"\\$`|&;()<>*?![\]{}#])/g, '\\$1');
}

/** Splits the text before the cursor into the current command's words and the word at the cursor. */
function scanLine(text: string): Scan | undefined {
  let words: string[] = [];
  let redirect = false;
  let nextIsRedirect = false;
  let value = '';
  let wordStart = -1;
  let quote: '' | "'" | '"' = '';
  let quotedAt = -1;
  let opaque = false;
  const endWord = () => {
    if (wordStart >= 0) {
      words.push(value);
      redirect = nextIsRedirect;
      if (redirect) words.pop(); // a redirection's target is not an argument
      nextIsRedirect = false;
    }
    value = '';
    wordStart = -1;
    quotedAt = -1;
    opaque = false;
  };
  const newCommand = () => {
    endWord();
    words = [];
    nextIsRedirect = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) {
        quote = '';
        continue;
      }
      if (quote === '"' && c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) {
        value += text[++i];
        continue;
      }
      value += c;
      continue;
    }
    if (c === '\\') {
      if (wordStart < 0) wordStart = i;
      if (i + 1 < text.length) value += text[++i];
      continue;
    }
    if (c === "'" || c === '"') {
      if (wordStart < 0) wordStart = i;
      else opaque = true;
      if (quotedAt >= 0) opaque = true;
      quote = c;
      quotedAt = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n') {
      endWord();
      continue;
    }
    if (c === '|' || c === ';' || c === '&' || c === '(' || c === ')' || c === '`' || c === '{' || c === '}') {
      if (c === '(' && value.endsWith('$')) value = value.slice(0, -1);
      newCommand();
      continue;
    }
    if (c === '<' || c === '>') {
      // `2>` and `&>`: the digit before is part of the operator, not a word.
      if (/^\d+$/.test(value)) {
        value = '';
        wordStart = -1;
      }
      endWord();
      nextIsRedirect = true;
      continue;
    }
    if (wordStart < 0) wordStart = i;
    value += c;
  }
  // A `<<EOF` heredoc word or an open command substitution: completion goes on as typed.
  const currentRedirect = nextIsRedirect;
  if (wordStart < 0) {
    return { words, current: { value: '', start: text.length, quoted: false, opaque: false }, redirect: currentRedirect };
  }
  const quoted = quote !== '';
  // Replace from after the opening quote when the word is just `"abc` or `'abc`; otherwise the whole word.
  const start = quoted && quotedAt === wordStart ? wordStart + 1 : wordStart;
  if (quoted && quotedAt !== wordStart) opaque = true;
  if (!quoted && quotedAt >= 0) opaque = true;
  return { words, current: { value, start, quoted, opaque }, redirect: currentRedirect };
}

interface Result {
  start: number;
  /** Only candidates starting with this are kept. */
  prefix: string;
  candidates: string[];
  /** Candidates go in as they are (variables: `$HOME` must stay an expansion). */
  raw?: boolean;
}

class Context {
  private readonly cur: Word;

  constructor(
    private readonly session: TerminalSession,
    private readonly scan: Scan,
  ) {
    this.cur = scan.current;
  }

  private result(candidates: string[], prefix = this.cur.value, start = this.cur.start): Result {
    return { start, prefix, candidates };
  }

  run(): Result {
    const { words, redirect } = this.scan;
    const cur = this.cur.value;
    if (redirect) return this.result(this.paths(cur, false));
    if (cur.startsWith('$') && !cur.includes('/')) return { ...this.result(this.variables()), raw: true };
    // Skip leading assignments: `FOO=bar kubectl …`.
    let i = 0;
    while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i])) i++;
    const argv = words.slice(i);
    if (!argv.length) {
      if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(cur)) return this.result([]);
      if (cur.includes('/')) return this.result(this.paths(cur, false));
      return this.result(this.commandNames());
    }
    let cmd = argv[0];
    const alias = this.session.shell.aliases.get(cmd);
    let rest = argv.slice(1);
    if (alias) {
      const [first, ...more] = alias.trim().split(/\s+/);
      cmd = first ?? cmd;
      rest = [...more, ...rest];
    }
    cmd = cmd.slice(cmd.lastIndexOf('/') + 1);
    if (cmd === 'kubectl') return this.kubectl(rest);
    if (cmd === 'sandbox') return this.sandbox(rest);
    if (cmd === 'help' || cmd === 'type' || cmd === 'which' || cmd === 'command') return this.result(this.commandNames());
    return this.result(this.paths(cur, DIR_COMMANDS.has(cmd)));
  }

  // ---- the shell ----

  private commandNames(): string[] {
    return [...this.session.shell.commandNames(), ...this.session.shell.aliases.keys()];
  }

  private variables(): string[] {
    const env = this.session.shell.env.exported();
    const brace = this.cur.value.startsWith('${');
    return Object.keys(env).map((k) => (brace ? `\${${k}}` : `$${k}`));
  }

  /** Entries of the directory the word names, as `dir/name` (directories with a trailing `/`). */
  private paths(word: string, dirsOnly: boolean): string[] {
    const { fs, cwd } = this.session.shell;
    const slash = word.lastIndexOf('/');
    const dirPart = slash < 0 ? '' : word.slice(0, slash + 1);
    const base = word.slice(slash + 1);
    let dir = dirPart || '.';
    if (dir === '~/' || dir.startsWith('~/')) dir = HOME + dir.slice(1);
    else if (word === '~') return [`~/`];
    const abs = fs.resolve(dir, cwd);
    const names = fs.readDir(abs);
    if (!names) return [];
    const out: string[] = [];
    for (const name of names) {
      if (!name.startsWith(base)) continue;
      if (name.startsWith('.') && !base.startsWith('.')) continue;
      const isDir = fs.stat(abs === '/' ? `/${name}` : `${abs}/${name}`)?.type === 'dir';
      if (dirsOnly && !isDir) continue;
      out.push(dirPart + name + (isDir ? '/' : ''));
    }
    return out;
  }

  // ---- the sandbox command ----

  private sandbox(args: string[]): Result {
    const usages = sandboxHelp()
      .split('\n')
      .map((l) => /^\s+sandbox\s+(\S.*?)\s{2,}/.exec(l)?.[1] ?? /^\s+sandbox\s+(\S.*)$/.exec(l)?.[1])
      .filter((u): u is string => !!u)
      .map((u) => u.split(/\s+/));
    const pos = args.length;
    const out: string[] = [];
    for (const usage of usages) {
      if (pos >= usage.length) continue;
      if (!args.every((a, k) => !isLiteral(usage[k]) || usage[k] === a)) continue;
      const word = usage[pos];
      if (isLiteral(word)) out.push(word);
      else if (/^\[?NAME\]?$/.test(word) && pos > 0) {
        const info = this.session.cluster.kinds.resolve(args[pos - 1]);
        if (info && usage[pos - 1] === args[pos - 1]) out.push(...this.objectNames([info], this.namespaceOf(args)));
      } else if (/NAMESPACE/.test(word) && args[pos - 1] === '-n') out.push(...this.namespaces());
    }
    if (args[pos - 1] === '-n' || args[pos - 1] === '--namespace') return this.result(this.namespaces());
    return this.result(out);
  }

  // ---- kubectl ----

  private kubectl(args: string[]): Result {
    const cur = this.cur.value;
    // Walk to the deepest subcommand, as kubectl does, collecting positional arguments and flags.
    let cmd: KubectlCommand | undefined;
    let choices = KUBECTL_COMMANDS;
    const positional: string[] = [];
    const given = new Map<string, string>();
    let pendingFlag: FlagSpec | undefined;
    let afterDash = false;
    for (const a of args) {
      if (pendingFlag) {
        given.set(pendingFlag.name, a);
        pendingFlag = undefined;
        continue;
      }
      if (afterDash) {
        positional.push(a);
        continue;
      }
      if (a === '--') {
        afterDash = true;
        continue;
      }
      if (a.startsWith('-') && a.length > 1) {
        const { spec, value } = this.flagToken(cmd, a);
        if (spec) {
          if (value !== undefined) given.set(spec.name, value);
          else if (spec.type === 'bool' || spec.noOptDefault !== undefined) given.set(spec.name, 'true');
          else pendingFlag = spec;
        }
        continue;
      }
      if (!positional.length) {
        const found = choices.find((c) => c.name === a || c.aliases?.includes(a));
        if (found) {
          cmd = found;
          choices = found.subcommands ?? [];
          continue;
        }
      }
      positional.push(a);
    }
    const flags = this.flagsOf(cmd);
    const namespace = given.get('namespace') || defaultNamespace(this.session.config);
    const all = given.has('all-namespaces');

    // A flag's value: `-n <TAB>`, `--namespace=<TAB>`, `-o=<TAB>`.
    if (pendingFlag) return this.result(this.flagValues(pendingFlag, cur));
    if (cur.startsWith('-') && !afterDash) {
      const eq = cur.indexOf('=');
      if (eq > 0) {
        const { spec } = this.flagToken(cmd, cur.slice(0, eq));
        if (!spec) return this.result([]);
        const value = cur.slice(eq + 1);
        return this.result(this.flagValues(spec, value), value, this.cur.start + eq + 1);
      }
      const out: string[] = [];
      for (const f of flags) {
        if (f.hidden) continue;
        out.push(`--${f.name}`);
        if (f.short && cur.length <= 2) out.push(`-${f.short}`);
      }
      return this.result(out);
    }

    if (!cmd) return this.result(KUBECTL_COMMANDS.map((c) => c.name));
    if (cmd.subcommands?.length && !positional.length) {
      return this.result(cmd.subcommands.map((c) => c.name));
    }
    const name = cmd.name;
    const scope = { namespace, all };
    if (name === 'help') return this.result(KUBECTL_COMMANDS.map((c) => c.name));
    if (CONTEXT_COMMANDS.has(name)) return positional.length ? this.result([]) : this.result(this.session.config.contexts.map((c) => c.name));
    if (POD_COMMANDS.has(name)) {
      if (positional.length) return this.result([]);
      if (cur.includes('/')) return this.typeSlashName(cur, scope, 'get');
      return this.result(this.objectNames([this.kind('pods')], scope));
    }
    if (NODE_COMMANDS.has(name)) return positional.length ? this.result([]) : this.result(this.objectNames([this.kind('nodes')], scope));
    if (name === 'taint') {
      if (!positional.length) return this.typesOrSlash(cur, scope, 'patch');
      if (positional.length === 1 && !positional[0].includes('/')) return this.result(this.objectNames(this.resolveTypes(positional[0]), scope));
      return this.result([]);
    }
    if (TYPE_COMMANDS.has(name)) {
      const verb = name === 'explain' ? '' : name === 'delete' ? 'delete' : name === 'get' || name === 'describe' || name === 'wait' ? 'get' : 'patch';
      if (name === 'explain') return positional.length ? this.result([]) : this.types(cur, '', false);
      if (!positional.length) return this.typesOrSlash(cur, scope, verb, name === 'get' || name === 'describe' || name === 'delete');
      if (positional[0].includes('/') || cur.includes('/')) return this.typeSlashName(cur, scope, verb);
      if (name === 'label' || name === 'annotate') {
        // After the names come KEY=VALUE pairs; keep offering names while nothing has `=`.
        if (positional.some((p) => p.includes('=')) || cur.includes('=')) return this.result([]);
      }
      const kinds = this.resolveTypes(positional[0]);
      const taken = new Set(positional.slice(1));
      return this.result(this.objectNames(kinds, scope).filter((n) => !taken.has(n)));
    }
    return this.result([]);
  }

  private flagsOf(cmd: KubectlCommand | undefined): FlagSpec[] {
    return [...(cmd?.flags ?? []), ...GLOBAL_FLAGS, HELP_FLAG];
  }

  /** The spec a flag token names, and its value when given in the same token. */
  private flagToken(cmd: KubectlCommand | undefined, token: string): { spec?: FlagSpec; value?: string } {
    const flags = this.flagsOf(cmd);
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      const name = eq < 0 ? token.slice(2) : token.slice(2, eq);
      return { spec: flags.find((f) => f.name === name), value: eq < 0 ? undefined : token.slice(eq + 1) };
    }
    // Shorthands: a grouped run of booleans, the last one possibly taking a value (-it, -ndev, -n=dev).
    for (let j = 1; j < token.length; j++) {
      const spec = flags.find((f) => f.short === token[j]);
      if (!spec) return {};
      if (spec.type === 'bool') continue;
      const rest = token.slice(j + 1);
      return { spec, value: rest ? (rest.startsWith('=') ? rest.slice(1) : rest) : undefined };
    }
    return { spec: flags.find((f) => f.short === token[token.length - 1]), value: 'true' };
  }

  private flagValues(spec: FlagSpec, value: string): string[] {
    switch (spec.name) {
      case 'namespace':
        return this.namespaces();
      case 'filename':
      case 'kubeconfig':
      case 'from-file':
      case 'from-env-file':
        return this.paths(value, false);
      case 'context':
        return this.session.config.contexts.map((c) => c.name);
      case 'cluster':
        return this.session.config.clusters.map((c) => c.name);
      case 'user':
        return this.session.config.users.map((u) => u.name);
      case 'output': {
        const listed = /One of: \(([^)]*)\)/.exec(spec.usage)?.[1];
        if (!listed) return OUTPUT_FORMATS;
        return listed.split(/,\s*/).map((f) => {
          const known = OUTPUT_FORMATS.find((o) => o === f || o === f + '=');
          return known ?? f;
        });
      }
      default: {
        if (spec.type === 'bool') return ['true', 'false'];
        const oneOf = /(?:Must be one of|One of):?\s*([^.]*)/.exec(spec.usage)?.[1];
        if (oneOf && spec.name !== 'output') {
          return oneOf
            .replace(/\(or [^)]*\)/g, '')
            .split(/[,\s]+/)
            .map((s) => s.replace(/[^\w-]/g, ''))
            .filter((s) => /^[a-z][\w-]*$/i.test(s) && s !== 'or');
        }
        return [];
      }
    }
  }

  // ---- the cluster ----

  private kind(name: string): KindInfo {
    return this.session.cluster.kinds.resolve(name)!;
  }

  /** `pods`, `pods,svc`, `all`: the kinds a type argument names (unknown ones dropped). */
  private resolveTypes(arg: string): KindInfo[] {
    const out: KindInfo[] = [];
    for (const t of arg.split(',')) {
      const kinds = t === 'all' ? this.session.cluster.kinds.category('all') : [this.session.cluster.kinds.resolve(t)];
      for (const k of kinds) if (k && !out.includes(k)) out.push(k);
    }
    return out;
  }

  private namespaceOf(args: string[]): { namespace: string; all: boolean } {
    let namespace = defaultNamespace(this.session.config);
    for (let i = 0; i < args.length; i++) {
      if ((args[i] === '-n' || args[i] === '--namespace') && i + 1 < args.length) namespace = args[i + 1];
      else if (args[i].startsWith('--namespace=')) namespace = args[i].slice(12);
    }
    return { namespace, all: false };
  }

  private namespaces(): string[] {
    return this.session.cluster.store.list(groupResource(this.kind('namespaces'))).flatMap((o) => (o.metadata.name ? [o.metadata.name] : []));
  }

  private objectNames(kinds: KindInfo[], scope: { namespace: string; all: boolean }): string[] {
    const out: string[] = [];
    for (const info of kinds) {
      const ns = info.namespaced && !scope.all ? scope.namespace : undefined;
      for (const o of this.session.cluster.store.list(groupResource(info), ns)) if (o.metadata.name) out.push(o.metadata.name);
    }
    return out;
  }

  /** Resource types as kubectl accepts them; a comma list completes its last item. */
  private types(cur: string, verb: string, withAll: boolean): Result {
    const comma = cur.lastIndexOf(',');
    const head = cur.slice(0, comma + 1);
    const item = cur.slice(comma + 1);
    const out: string[] = [];
    if (withAll) out.push('all');
    for (const info of this.session.cluster.kinds.kinds) {
      if (verb && !info.verbs.includes(verb)) continue;
      if (item.includes('.')) {
        if (info.group) out.push(`${info.resource}.${info.group}`);
        continue;
      }
      out.push(info.resource);
      // Singular and short names only once the learner has started typing: a bare <TAB> lists plurals.
      if (item) out.push(info.singular, ...info.shortNames);
    }
    return this.result(out.map((t) => head + t));
  }

  private typesOrSlash(cur: string, scope: { namespace: string; all: boolean }, verb: string, withAll = false): Result {
    return cur.includes('/') ? this.typeSlashName(cur, scope, verb) : this.types(cur, verb, withAll);
  }

  /** `pod/we<TAB>` → `pod/web-…`; a type without a slash yet completes as a type. */
  private typeSlashName(cur: string, scope: { namespace: string; all: boolean }, verb: string): Result {
    const slash = cur.indexOf('/');
    if (slash < 0) return this.types(cur, verb, false);
    const type = cur.slice(0, slash);
    const info = this.session.cluster.kinds.resolve(type);
    if (!info) return this.result([]);
    return this.result(this.objectNames([info], scope).map((n) => `${type}/${n}`));
  }
}

/** A literal word in a usage line (`node`, `add`), not a placeholder (`NAME`, `[NAME]`, `-n`). */
function isLiteral(word: string | undefined): boolean {
  return !!word && /^[a-z][a-z-]*$/.test(word);
}
