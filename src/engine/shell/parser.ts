// Recursive-descent parser for the shell language (the POSIX grammar plus the bash forms tutorials use).
// It hands out one complete command at a time, as bash does, so that a script's earlier lines run
// before a syntax error further down is reported.

import type {
  AndOr, Assignment, CaseItem, Command, CondItem, CompoundCommand, FunctionDef, HereDoc, IfClause, List, Pipeline,
  Redirect, RedirectOp, SimpleCommand, Word,
} from './ast.ts';
import { Lexer, ParseError } from './lexer.ts';
import type { Operator, Token } from './lexer.ts';

export { ParseError } from './lexer.ts';

/** Words that end a compound list: seeing one where a command should start closes the list. */
const CLOSERS = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);
const REDIRECT_OPS = new Set<Operator>(['>', '>|', '>>', '<', '<>', '<<', '<<-', '<<<', '>&', '<&', '&>', '&>>']);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The text of a word that has no quoting and no expansion (only such words can be keywords). */
export function plainText(word: Word): string | undefined {
  if (word.parts.length !== 1) return word.parts.length === 0 ? '' : undefined;
  const part = word.parts[0]!;
  return part.kind === 'lit' ? part.value : undefined;
}

export class Parser {
  private readonly lexer: Lexer;
  private lookahead: Token | undefined;

  constructor(src: string) {
    this.lexer = new Lexer(src);
  }

  get warnings(): readonly string[] {
    return this.lexer.warnings;
  }

  /** Whether the input ended in a state a terminal should continue (open here-document, trailing `\`). */
  get endedEarly(): boolean {
    return this.lexer.unterminatedHeredoc || this.lexer.trailingBackslash;
  }

  /** The next complete command (one line's worth, with its here-documents), or undefined at the end. */
  next(): List | undefined {
    this.skipNewlines();
    if (this.peek().kind === 'eof') return undefined;
    const items: AndOr[] = [];
    for (;;) {
      const andOr = this.parseAndOr();
      items.push(andOr);
      const t = this.peek();
      if (t.kind === 'op' && (t.op === ';' || t.op === '&')) {
        this.advance();
        andOr.background = t.op === '&';
        const after = this.peek();
        if (after.kind === 'newline' || after.kind === 'eof') break;
        continue;
      }
      break;
    }
    const end = this.peek();
    if (end.kind === 'newline') this.advance();
    else if (end.kind !== 'eof') this.unexpected(end);
    return { items };
  }

  // ---- tokens ----

  private peek(): Token {
    this.lookahead ??= this.lexer.next();
    return this.lookahead;
  }

  private advance(): Token {
    const t = this.peek();
    this.lookahead = undefined;
    return t;
  }

  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.advance();
  }

  private isOp(t: Token, op: Operator): boolean {
    return t.kind === 'op' && t.op === op;
  }

  private isKeyword(t: Token, keyword: string): boolean {
    return t.kind === 'word' && plainText(t.word) === keyword;
  }

  private unexpected(t: Token): never {
    if (t.kind === 'eof') throw new ParseError('syntax error: unexpected end of file', t.line, true);
    const text = t.kind === 'newline' ? 'newline' : t.kind === 'op' ? t.op : t.kind === 'io_number' ? String(t.fd) : t.word.raw;
    throw new ParseError(`syntax error near unexpected token \`${text}'`, t.line, false);
  }

  private expectKeyword(keyword: string): void {
    const t = this.peek();
    if (!this.isKeyword(t, keyword)) this.unexpected(t);
    this.advance();
  }

  private expectOp(op: Operator): void {
    const t = this.peek();
    if (!this.isOp(t, op)) this.unexpected(t);
    this.advance();
  }

  private expectWord(): Word {
    const t = this.peek();
    if (t.kind !== 'word') this.unexpected(t);
    this.advance();
    return t.word;
  }

  // ---- lists and pipelines ----

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.op !== '&&' && t.op !== '||')) break;
      this.advance();
      this.skipNewlines();
      rest.push({ op: t.op, pipeline: this.parsePipeline() });
    }
    return { first, rest, background: false };
  }

  private parsePipeline(): Pipeline {
    let negate = false;
    while (this.isKeyword(this.peek(), '!')) {
      this.advance();
      negate = !negate;
    }
    const commands = [this.parseCommand()];
    const pipeStderr: boolean[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.op !== '|' && t.op !== '|&')) break;
      this.advance();
      pipeStderr.push(t.op === '|&');
      this.skipNewlines();
      commands.push(this.parseCommand());
    }
    return { negate, commands, pipeStderr };
  }

  /** Commands separated by `;`, `&` or newlines, up to a closing keyword, `)` or `;;`. */
  private parseCompoundList(): List {
    const items: AndOr[] = [];
    this.skipNewlines();
    while (!this.atListEnd()) {
      const andOr = this.parseAndOr();
      items.push(andOr);
      const t = this.peek();
      if (t.kind === 'op' && (t.op === ';' || t.op === '&')) {
        this.advance();
        andOr.background = t.op === '&';
        this.skipNewlines();
      } else if (t.kind === 'newline') this.skipNewlines();
      else break;
    }
    if (items.length === 0) this.unexpected(this.peek());
    return { items };
  }

  private atListEnd(): boolean {
    const t = this.peek();
    if (t.kind === 'eof') return true;
    if (t.kind === 'op') return t.op === ')' || t.op === ';;';
    return t.kind === 'word' && CLOSERS.has(plainText(t.word) ?? '');
  }

  // ---- commands ----

  private parseCommand(): Command {
    const t = this.peek();
    if (t.kind === 'word') {
      const text = plainText(t.word);
      switch (text) {
        case 'if': return this.withRedirects(this.parseIf());
        case 'while':
        case 'until': return this.withRedirects(this.parseWhile(text));
        case 'for': return this.withRedirects(this.parseFor());
        case 'case': return this.withRedirects(this.parseCase());
        case '{': return this.withRedirects(this.parseGroup());
        case 'function': return this.parseFunctionKeyword();
        case '[[': return this.withRedirects(this.parseCond());
      }
      if (text !== undefined && CLOSERS.has(text)) this.unexpected(t);
      return this.parseSimple();
    }
    if (this.isOp(t, '(')) {
      const expr = this.lexer.readDoubleParen(t.pos);
      if (expr !== undefined) {
        this.lookahead = undefined;
        return this.withRedirects({ kind: 'arith', expr, redirects: [] });
      }
      return this.withRedirects(this.parseSubshell());
    }
    if (t.kind === 'io_number' || (t.kind === 'op' && REDIRECT_OPS.has(t.op))) return this.parseSimple();
    return this.unexpected(t);
  }

  private withRedirects(command: CompoundCommand): CompoundCommand {
    for (;;) {
      const t = this.peek();
      if (t.kind === 'io_number' || (t.kind === 'op' && REDIRECT_OPS.has(t.op))) command.redirects.push(this.parseRedirect());
      else return command;
    }
  }

  private parseSimple(): Command {
    const line = this.peek().line;
    const cmd: SimpleCommand = { kind: 'simple', assignments: [], words: [], redirects: [], line };
    for (;;) {
      const t = this.peek();
      if (t.kind === 'io_number' || (t.kind === 'op' && REDIRECT_OPS.has(t.op))) {
        cmd.redirects.push(this.parseRedirect());
        continue;
      }
      if (t.kind !== 'word') break;
      if (cmd.words.length === 0) {
        const assignment = toAssignment(t.word);
        if (assignment) {
          this.advance();
          cmd.assignments.push(assignment);
          continue;
        }
      }
      this.advance();
      cmd.words.push(t.word);
      if (cmd.words.length === 1 && cmd.assignments.length === 0 && cmd.redirects.length === 0 && this.isOp(this.peek(), '(')) {
        const name = plainText(t.word);
        if (name === undefined) this.unexpected(this.peek());
        this.advance();
        this.expectOp(')');
        return this.parseFunctionBody(name);
      }
    }
    if (cmd.words.length === 0 && cmd.assignments.length === 0 && cmd.redirects.length === 0) this.unexpected(this.peek());
    return cmd;
  }

  private parseRedirect(): Redirect {
    let fd: number | undefined;
    const first = this.advance();
    let opToken = first;
    if (first.kind === 'io_number') {
      fd = first.fd;
      opToken = this.advance();
    }
    if (opToken.kind !== 'op' || !REDIRECT_OPS.has(opToken.op)) this.unexpected(opToken);
    const op = opToken.op as RedirectOp;
    const next = this.peek();
    // A missing target is reported against the end of the line, even at the end of the input.
    if (next.kind === 'eof') throw new ParseError("syntax error near unexpected token `newline'", next.line, false);
    const target = this.expectWord();
    const redirect: Redirect = { op, target };
    if (fd !== undefined) redirect.fd = fd;
    if (op === '<<' || op === '<<-') {
      const doc: HereDoc = { ...heredocDelimiter(target), body: { parts: [], raw: '' } };
      redirect.heredoc = doc;
      this.lexer.queueHeredoc(doc, op === '<<-', opToken.line);
    }
    return redirect;
  }

  // ---- compound commands ----

  private parseIf(): CompoundCommand {
    this.advance();
    const clauses: IfClause[] = [];
    const cond = this.parseCompoundList();
    this.expectKeyword('then');
    clauses.push({ cond, body: this.parseCompoundList() });
    let elseBody: List | undefined;
    for (;;) {
      const t = this.peek();
      if (this.isKeyword(t, 'elif')) {
        this.advance();
        const c = this.parseCompoundList();
        this.expectKeyword('then');
        clauses.push({ cond: c, body: this.parseCompoundList() });
      } else if (this.isKeyword(t, 'else')) {
        this.advance();
        elseBody = this.parseCompoundList();
        this.expectKeyword('fi');
        break;
      } else {
        this.expectKeyword('fi');
        break;
      }
    }
    return elseBody ? { kind: 'if', clauses, elseBody, redirects: [] } : { kind: 'if', clauses, redirects: [] };
  }

  private parseWhile(kind: 'while' | 'until'): CompoundCommand {
    this.advance();
    const cond = this.parseCompoundList();
    this.expectKeyword('do');
    const body = this.parseCompoundList();
    this.expectKeyword('done');
    return { kind, cond, body, redirects: [] };
  }

  private parseFor(): CompoundCommand {
    const forToken = this.advance();
    this.lookahead = undefined;
    const afterFor = this.peek();
    if (this.isOp(afterFor, '(')) {
      const text = this.lexer.readDoubleParen(afterFor.pos);
      if (text === undefined) this.unexpected(afterFor);
      this.lookahead = undefined;
      const parts = text.split(';');
      if (parts.length !== 3) throw new ParseError(`syntax error: arithmetic expression required`, forToken.line, false);
      const t = this.peek();
      if (this.isOp(t, ';')) this.advance();
      this.skipNewlines();
      const body = this.parseDoGroup();
      return { kind: 'arithfor', init: parts[0]!, cond: parts[1]!, step: parts[2]!, body, redirects: [] };
    }
    const nameWord = this.expectWord();
    const name = plainText(nameWord);
    if (name === undefined || !NAME.test(name)) throw new ParseError(`\`${nameWord.raw}': not a valid identifier`, forToken.line, false);
    this.skipNewlines();
    let items: Word[] | undefined;
    const t = this.peek();
    if (this.isKeyword(t, 'in')) {
      this.advance();
      items = [];
      for (let w = this.peek(); w.kind === 'word'; w = this.peek()) {
        this.advance();
        items.push(w.word);
      }
      const sep = this.peek();
      if (this.isOp(sep, ';') || sep.kind === 'newline') this.advance();
      else this.unexpected(sep);
    } else if (this.isOp(t, ';')) this.advance();
    this.skipNewlines();
    const body = this.parseDoGroup();
    return items ? { kind: 'for', name, items, body, redirects: [] } : { kind: 'for', name, body, redirects: [] };
  }

  private parseDoGroup(): List {
    const t = this.peek();
    if (this.isKeyword(t, '{')) {
      // bash also takes `for x in …; { …; }`
      this.advance();
      const body = this.parseCompoundList();
      this.expectKeyword('}');
      return body;
    }
    this.expectKeyword('do');
    const body = this.parseCompoundList();
    this.expectKeyword('done');
    return body;
  }

  private parseCase(): CompoundCommand {
    this.advance();
    const word = this.expectWord();
    this.skipNewlines();
    this.expectKeyword('in');
    this.skipNewlines();
    const items: CaseItem[] = [];
    while (!this.isKeyword(this.peek(), 'esac')) {
      if (this.isOp(this.peek(), '(')) this.advance();
      const patterns = [this.expectWord()];
      while (this.isOp(this.peek(), '|')) {
        this.advance();
        patterns.push(this.expectWord());
      }
      this.expectOp(')');
      this.skipNewlines();
      const t = this.peek();
      const body = this.isOp(t, ';;') || this.isKeyword(t, 'esac') ? undefined : this.parseCompoundList();
      items.push({ patterns, body });
      const end = this.peek();
      if (this.isOp(end, ';;')) {
        this.advance();
        this.skipNewlines();
      } else if (!this.isKeyword(end, 'esac')) this.unexpected(end);
    }
    this.advance();
    return { kind: 'case', word, items, redirects: [] };
  }

  /** `[[ … ]]`: inside, `&&`, `||`, parentheses, `<` and `>` are the expression's own operators. */
  private parseCond(): CompoundCommand {
    this.advance();
    const items: CondItem[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'word' && plainText(t.word) === ']]') {
        this.advance();
        break;
      }
      if (t.kind === 'newline' && items.length > 0) {
        this.advance();
        continue;
      }
      if (t.kind === 'word') items.push({ word: t.word });
      else if (t.kind === 'op' && (t.op === '&&' || t.op === '||' || t.op === '(' || t.op === ')' || t.op === '<' || t.op === '>')) items.push({ op: t.op });
      else if (t.kind === 'io_number') items.push({ word: { parts: [{ kind: 'lit', value: String(t.fd) }], raw: String(t.fd) } });
      else this.unexpected(t);
      this.advance();
    }
    if (items.length === 0) this.unexpected(this.peek());
    return { kind: 'cond', items, redirects: [] };
  }

  private parseGroup(): CompoundCommand {
    this.advance();
    const body = this.parseCompoundList();
    this.expectKeyword('}');
    return { kind: 'group', body, redirects: [] };
  }

  private parseSubshell(): CompoundCommand {
    this.advance();
    const body = this.parseCompoundList();
    this.expectOp(')');
    return { kind: 'subshell', body, redirects: [] };
  }

  private parseFunctionKeyword(): FunctionDef {
    this.advance();
    const nameWord = this.expectWord();
    const name = plainText(nameWord);
    if (name === undefined) return this.unexpected({ kind: 'word', word: nameWord, line: 0, pos: 0 });
    if (this.isOp(this.peek(), '(')) {
      this.advance();
      this.expectOp(')');
    }
    return this.parseFunctionBody(name);
  }

  private parseFunctionBody(name: string): FunctionDef {
    this.skipNewlines();
    const t = this.peek();
    const text = t.kind === 'word' ? plainText(t.word) : undefined;
    const isCompound = this.isOp(t, '(') || (text !== undefined && ['{', 'if', 'while', 'until', 'for', 'case'].includes(text));
    if (!isCompound) this.unexpected(t);
    const body = this.parseCommand() as CompoundCommand;
    return { kind: 'function', name, body };
  }
}

export function toAssignment(word: Word): Assignment | undefined {
  const first = word.parts[0];
  if (first?.kind !== 'lit') return undefined;
  const m = ASSIGNMENT.exec(first.value);
  if (!m) return undefined;
  const rest = first.value.slice(m[0].length);
  const parts = rest === '' ? word.parts.slice(1) : [{ kind: 'lit' as const, value: rest }, ...word.parts.slice(1)];
  return { name: m[1]!, append: m[2] === '+', value: { parts, raw: word.raw.slice(m[0].length) } };
}

/** The delimiter of `<<word`: quote removal without expansion; any quoting means a literal body. */
function heredocDelimiter(word: Word): { delimiter: string; quoted: boolean } {
  let delimiter = '';
  let quoted = false;
  const walk = (parts: Word['parts']): void => {
    for (const part of parts) {
      if (part.kind === 'lit') delimiter += part.value;
      else if (part.kind === 'quoted') {
        delimiter += part.value;
        quoted = true;
      } else if (part.kind === 'dq') {
        quoted = true;
        walk(part.parts);
      } else delimiter += word.raw; // an expansion in a delimiter is taken literally by bash
    }
  };
  walk(word.parts);
  return { delimiter, quoted };
}

/** Parses a whole script (used by tests and tools; the shell itself parses command by command). */
export function parseScript(src: string): List[] {
  const parser = new Parser(src);
  const lists: List[] = [];
  for (let list = parser.next(); list; list = parser.next()) lists.push(list);
  return lists;
}

/**
 * Whether `source` needs more lines before it can run: an open quote or here-document, a trailing
 * `|`, `&&`, `||` or `\`, or an unclosed `if`/`while`/`for`/`case`/`{`/`(`. A terminal shows its `> `
 * continuation prompt then. A plain syntax error is not incomplete: running it reports the error.
 */
export function isIncomplete(source: string): boolean {
  const parser = new Parser(source);
  try {
    while (parser.next());
  } catch (e) {
    if (e instanceof ParseError) return e.incomplete;
    throw e;
  }
  return parser.endedEarly;
}
