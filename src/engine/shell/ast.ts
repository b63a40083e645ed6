// The syntax tree of a shell script, as the parser builds it and the interpreter walks it.

/** One piece of a word. Quoting decides what later expansion steps (splitting, globbing) may touch. */
export type WordPart =
  /** Unquoted literal text: globbing applies, splitting does not. */
  | { kind: 'lit'; value: string }
  /** Single-quoted, backslash-escaped or `$'…'` text, taken as is. */
  | { kind: 'quoted'; value: string }
  /** A double-quoted section: its expansions are neither split nor globbed. */
  | { kind: 'dq'; parts: WordPart[] }
  | ParamPart
  /** `$(…)` or backticks; the script is parsed when it runs. */
  | { kind: 'cmdsub'; script: string }
  /** `$((…))`; the text is expanded, then evaluated. */
  | { kind: 'arith'; expr: string }
  /** A `${…}` the shell cannot make sense of: an error when it is expanded, as in bash. */
  | { kind: 'badsubst'; text: string };

export type ParamOp =
  | '-' | ':-' | '=' | ':=' | '+' | ':+' | '?' | ':?'
  | '#' | '##' | '%' | '%%'
  | '/' | '//' | '/#' | '/%'
  | ':' | '^^' | ',,' | '^' | ',';

export interface ParamPart {
  kind: 'param';
  /** A variable name, a positional digit string, or one of `@ * # ? $ ! - 0`. */
  name: string;
  /** `${#name}` */
  length?: boolean;
  op?: ParamOp;
  arg?: WordPart[];
  /** The replacement of `${x/pattern/replacement}`. */
  replacement?: WordPart[];
}

export interface Word {
  parts: WordPart[];
  /** The source text, for keywords, messages and tracing. */
  raw: string;
}

export type RedirectOp = '>' | '>|' | '>>' | '<' | '<>' | '<<' | '<<-' | '<<<' | '>&' | '<&' | '&>' | '&>>';

export interface Redirect {
  /** The file descriptor written before the operator (`2>`), when one was. */
  fd?: number;
  op: RedirectOp;
  target: Word;
  /** For `<<` and `<<-`: filled in by the lexer once it has read the body lines. */
  heredoc?: HereDoc;
}

export interface HereDoc {
  delimiter: string;
  /** A quoted delimiter (`<<'EOF'`) means the body is taken literally. */
  quoted: boolean;
  body: Word;
}

export interface Assignment {
  name: string;
  /** `A+=x` */
  append: boolean;
  value: Word;
}

export interface SimpleCommand {
  kind: 'simple';
  assignments: Assignment[];
  words: Word[];
  redirects: Redirect[];
  line: number;
}

export interface IfClause {
  cond: List;
  body: List;
}

export type CompoundCommand =
  | { kind: 'group'; body: List; redirects: Redirect[] }
  | { kind: 'subshell'; body: List; redirects: Redirect[] }
  | { kind: 'if'; clauses: IfClause[]; elseBody?: List; redirects: Redirect[] }
  | { kind: 'while' | 'until'; cond: List; body: List; redirects: Redirect[] }
  | { kind: 'for'; name: string; items?: Word[]; body: List; redirects: Redirect[] }
  | { kind: 'case'; word: Word; items: CaseItem[]; redirects: Redirect[] }
  /** `(( expr ))` */
  | { kind: 'arith'; expr: string; redirects: Redirect[] }
  /** `[[ … ]]`: words and the operators bash reads inside it (`&&`, `||`, `(`, `)`, `<`, `>`). */
  | { kind: 'cond'; items: CondItem[]; redirects: Redirect[] }
  /** `for (( init; cond; step ))` */
  | { kind: 'arithfor'; init: string; cond: string; step: string; body: List; redirects: Redirect[] };

export type CondItem = { op: '&&' | '||' | '(' | ')' | '<' | '>' } | { word: Word };

export interface CaseItem {
  patterns: Word[];
  body: List | undefined;
}

export interface FunctionDef {
  kind: 'function';
  name: string;
  body: CompoundCommand;
}

export type Command = SimpleCommand | CompoundCommand | FunctionDef;

export interface Pipeline {
  negate: boolean;
  commands: Command[];
  /** `|&` after stage i sends that stage's stderr down the pipe too. */
  pipeStderr: boolean[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
  /** Ended with `&`. */
  background: boolean;
}

/** Commands run one after the other (separated by `;`, `&` or newlines). */
export interface List {
  items: AndOr[];
}
