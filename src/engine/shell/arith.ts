// Shell arithmetic, `$(( … ))` and `(( … ))`: C integer expressions over shell variables.

export class ArithError extends Error {}

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

type Node =
  | { t: 'num'; v: number }
  | { t: 'var'; name: string }
  | { t: 'unary'; op: string; e: Node }
  | { t: 'incdec'; op: '++' | '--'; prefix: boolean; name: string }
  | { t: 'bin'; op: string; l: Node; r: Node; at: string }
  | { t: 'assign'; op: string; name: string; e: Node }
  | { t: 'cond'; c: Node; a: Node; b: Node }
  | { t: 'comma'; l: Node; r: Node };

const BINARY: Record<string, number> = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6, '<': 7, '<=': 7, '>': 7, '>=': 7,
  '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10, '**': 11,
};
const ASSIGN_OPS = ['<<=', '>>=', '**=', '*=', '/=', '%=', '+=', '-=', '&=', '^=', '|=', '='];
const TOKEN = /\s*(0[xX][0-9a-fA-F]+|[0-9]+#[0-9a-zA-Z@_]+|[0-9]+|[A-Za-z_][A-Za-z0-9_]*|<<=|>>=|\*\*=|\*\*|\+\+|--|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&^|]=|[-+*/%<>=!~&^|?:(),])/y;

class ArithParser {
  /** Offset after the current token, where the current token starts, and where the previous one started. */
  private pos = 0;
  private tokStart = 0;
  private prevStart = 0;
  private tok: string | undefined;

  constructor(private readonly src: string) {
    this.read();
  }

  private read(): void {
    this.prevStart = this.tokStart;
    TOKEN.lastIndex = this.pos;
    const m = TOKEN.exec(this.src);
    if (m) {
      this.tok = m[1];
      this.pos = TOKEN.lastIndex;
      this.tokStart = this.pos - m[1]!.length;
    } else {
      this.tok = undefined;
      this.tokStart = this.pos + (this.src.slice(this.pos).length - this.src.slice(this.pos).trimStart().length);
      if (this.tokStart < this.src.length) throw this.error('syntax error: invalid arithmetic operator');
    }
  }

  /** bash shows the rest of the expression from the offending token (or, at the end, from the last one). */
  private error(message: string): ArithError {
    const token = this.tok === undefined && this.tokStart >= this.src.length ? this.src.slice(this.prevStart) : this.src.slice(this.tokStart);
    return new ArithError(`${message} (error token is "${token}")`);
  }

  private save(): [number, number, number, string | undefined] {
    return [this.pos, this.tokStart, this.prevStart, this.tok];
  }

  private restore([pos, tokStart, prevStart, tok]: [number, number, number, string | undefined]): void {
    this.pos = pos;
    this.tokStart = tokStart;
    this.prevStart = prevStart;
    this.tok = tok;
  }

  parse(): Node {
    if (this.tok === undefined) return { t: 'num', v: 0 };
    const node = this.comma();
    if (this.tok !== undefined) throw this.error('syntax error in expression');
    return node;
  }

  private comma(): Node {
    let node = this.assign();
    while (this.tok === ',') {
      this.read();
      node = { t: 'comma', l: node, r: this.assign() };
    }
    return node;
  }

  private assign(): Node {
    const saved = this.save();
    const tok = this.tok;
    if (tok !== undefined && /^[A-Za-z_]/.test(tok)) {
      this.read();
      const op = this.tok;
      if (op !== undefined && ASSIGN_OPS.includes(op)) {
        this.read();
        return { t: 'assign', op, name: tok, e: this.assign() };
      }
      this.restore(saved);
    }
    return this.conditional();
  }

  private conditional(): Node {
    const c = this.binary(1);
    if (this.tok !== '?') return c;
    this.read();
    const a = this.assign();
    if ((this.tok as string | undefined) !== ':') throw this.error("syntax error: `:' expected for conditional expression");
    this.read();
    return { t: 'cond', c, a, b: this.assign() };
  }

  private binary(minPrec: number): Node {
    let left = this.unary();
    for (;;) {
      const op = this.tok;
      const prec = op === undefined ? undefined : BINARY[op];
      if (op === undefined || prec === undefined || prec < minPrec) return left;
      this.read();
      const at = this.src.slice(this.tokStart);
      const right = op === '**' ? this.binary(prec) : this.binary(prec + 1);
      left = { t: 'bin', op, l: left, r: right, at };
    }
  }

  private unary(): Node {
    const tok = this.tok;
    if (tok === '++' || tok === '--') {
      this.read();
      const name = this.tok;
      if (name === undefined || !/^[A-Za-z_]/.test(name)) throw this.error('syntax error: operand expected');
      this.read();
      return { t: 'incdec', op: tok, prefix: true, name };
    }
    if (tok === '!' || tok === '~' || tok === '-' || tok === '+') {
      this.read();
      return { t: 'unary', op: tok, e: this.unary() };
    }
    return this.postfix();
  }

  private postfix(): Node {
    const tok = this.tok;
    if (tok === undefined) throw this.error('syntax error: operand expected');
    if (tok === '(') {
      this.read();
      const inner = this.comma();
      if (this.tok !== ')') throw this.error('syntax error: missing `)\'');
      this.read();
      return inner;
    }
    if (/^[A-Za-z_]/.test(tok)) {
      this.read();
      if (this.tok === '++' || this.tok === '--') {
        const op = this.tok;
        this.read();
        return { t: 'incdec', op, prefix: false, name: tok };
      }
      return { t: 'var', name: tok };
    }
    if (/^[0-9]/.test(tok)) {
      const v = parseNumber(tok);
      if (v === undefined) throw this.error('value too great for base');
      this.read();
      return { t: 'num', v };
    }
    throw this.error('syntax error: operand expected');
  }
}

function parseNumber(text: string): number | undefined {
  if (/^0[xX]/.test(text)) return parseInt(text.slice(2), 16);
  const based = /^([0-9]+)#(.+)$/.exec(text);
  if (based) {
    const base = Number(based[1]);
    if (base < 2 || base > 36) return undefined;
    const v = parseInt(based[2]!, base);
    return Number.isNaN(v) || v.toString(base) !== based[2]!.toLowerCase().replace(/^0+(?=.)/, '') ? undefined : v;
  }
  if (text.length > 1 && text.startsWith('0')) return /^[0-7]+$/.test(text) ? parseInt(text, 8) : undefined;
  return Number(text);
}

const MAX_DEPTH = 32;

function evaluate(node: Node, vars: ArithVars, depth: number): number {
  const valueOf = (name: string): number => {
    const raw = vars.get(name);
    if (raw === undefined || raw.trim() === '') return 0;
    if (/^\s*-?[0-9]+\s*$/.test(raw)) return Number(raw);
    if (depth >= MAX_DEPTH) throw new ArithError(`expression recursion level exceeded (error token is "${raw}")`);
    return evaluate(new ArithParser(raw).parse(), vars, depth + 1);
  };
  switch (node.t) {
    case 'num': return node.v;
    case 'var': return valueOf(node.name);
    case 'unary': {
      const v = evaluate(node.e, vars, depth);
      return node.op === '!' ? Number(v === 0) : node.op === '~' ? ~v : node.op === '-' ? -v : v;
    }
    case 'incdec': {
      const old = valueOf(node.name);
      const updated = node.op === '++' ? old + 1 : old - 1;
      vars.set(node.name, String(updated));
      return node.prefix ? updated : old;
    }
    case 'assign': {
      const right = evaluate(node.e, vars, depth);
      const v = node.op === '=' ? right : applyBinary(node.op.slice(0, -1), valueOf(node.name), right, String(right));
      vars.set(node.name, String(v));
      return v;
    }
    case 'cond': return evaluate(node.c, vars, depth) !== 0 ? evaluate(node.a, vars, depth) : evaluate(node.b, vars, depth);
    case 'comma':
      evaluate(node.l, vars, depth);
      return evaluate(node.r, vars, depth);
    case 'bin': {
      if (node.op === '&&') return Number(evaluate(node.l, vars, depth) !== 0 && evaluate(node.r, vars, depth) !== 0);
      if (node.op === '||') return Number(evaluate(node.l, vars, depth) !== 0 || evaluate(node.r, vars, depth) !== 0);
      return applyBinary(node.op, evaluate(node.l, vars, depth), evaluate(node.r, vars, depth), node.at);
    }
  }
}

function applyBinary(op: string, a: number, b: number, errorToken: string): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/':
    case '%':
      if (b === 0) throw new ArithError(`division by 0 (error token is "${errorToken}")`);
      return op === '/' ? Math.trunc(a / b) : a % b;
    case '**':
      if (b < 0) throw new ArithError(`exponent less than 0 (error token is "${errorToken}")`);
      return a ** b;
    case '<<': return a << b;
    case '>>': return a >> b;
    case '<': return Number(a < b);
    case '<=': return Number(a <= b);
    case '>': return Number(a > b);
    case '>=': return Number(a >= b);
    case '==': return Number(a === b);
    case '!=': return Number(a !== b);
    case '&': return a & b;
    case '^': return a ^ b;
    case '|': return a | b;
  }
  throw new ArithError(`syntax error: invalid arithmetic operator (error token is "${op}")`);
}

/** Evaluates an (already expanded) arithmetic expression; assignments write through `vars`. */
export function evaluateArithmetic(expr: string, vars: ArithVars): number {
  return evaluate(new ArithParser(expr).parse(), vars, 0);
}
