// test and [ … ]: POSIX's rules by argument count, then bash's precedence (! > -a > -o) for longer forms.

import type { Command, CommandContext } from '../types.ts';
import { shellPrefix } from './args.ts';

/** A malformed expression: status 2 and a message. */
export class TestError extends Error {}

/** What the file and variable tests need (shared with `[[ … ]]`). */
export type TestContext = Pick<CommandContext, 'fs' | 'cwd' | 'env'>;

export const UNARY = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-z', '-n', '-L', '-h', '-b', '-c', '-p', '-S', '-t', '-v', '-a', '-g', '-u', '-k', '-O', '-G', '-N']);
export const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

export function integer(text: string): number {
  if (!/^\s*[-+]?[0-9]+\s*$/.test(text)) throw new TestError(`${text}: integer expression expected`);
  return Number(text);
}

export function unary(ctx: TestContext, op: string, arg: string): boolean {
  const st = () => ctx.fs.stat(ctx.fs.resolve(arg, ctx.cwd));
  switch (op) {
    case '-z': return arg === '';
    case '-n': return arg !== '';
    case '-e':
    case '-a':
    case '-r':
    case '-w': return arg !== '' && st() !== undefined;
    case '-x': return arg !== '' && st()?.type === 'dir';
    case '-f': return arg !== '' && st()?.type === 'file';
    case '-d': return arg !== '' && st()?.type === 'dir';
    case '-s': return arg !== '' && (st()?.size ?? 0) > 0;
    case '-v': return ctx.env.get(arg) !== undefined;
    case '-t': integer(arg); return false;
    default: return false; // links, devices, pipes, sockets, set-id bits: none in the sandbox
  }
}

export function binary(ctx: TestContext, left: string, op: string, right: string): boolean {
  switch (op) {
    case '=':
    case '==': return left === right;
    case '!=': return left !== right;
    case '<': return left < right;
    case '>': return left > right;
    case '-eq': return integer(left) === integer(right);
    case '-ne': return integer(left) !== integer(right);
    case '-lt': return integer(left) < integer(right);
    case '-le': return integer(left) <= integer(right);
    case '-gt': return integer(left) > integer(right);
    case '-ge': return integer(left) >= integer(right);
    case '-ef': {
      const a = ctx.fs.resolve(left, ctx.cwd);
      return ctx.fs.stat(a) !== undefined && a === ctx.fs.resolve(right, ctx.cwd);
    }
    default: return false; // -nt / -ot: the sandbox keeps no file times
  }
}

function evaluate(ctx: CommandContext, args: readonly string[]): boolean {
  // POSIX decides short expressions by their length alone.
  switch (args.length) {
    case 0: return false;
    case 1: return args[0] !== '';
    case 2:
      if (args[0] === '!') return args[1] === '';
      if (UNARY.has(args[0]!)) return unary(ctx, args[0]!, args[1]!);
      throw new TestError(`${args[0]}: unary operator expected`);
    case 3:
      if (BINARY.has(args[1]!)) return binary(ctx, args[0]!, args[1]!, args[2]!);
      if (args[1] === '-a') return args[0] !== '' && args[2] !== '';
      if (args[1] === '-o') return args[0] !== '' || args[2] !== '';
      if (args[0] === '!') return !evaluate(ctx, args.slice(1));
      if (args[0] === '(' && args[2] === ')') return args[1] !== '';
      throw new TestError(`${args[1]}: binary operator expected`);
    case 4:
      if (args[0] === '!') return !evaluate(ctx, args.slice(1));
      if (args[0] === '(' && args[3] === ')') return evaluate(ctx, args.slice(1, 3));
  }
  return new ExpressionParser(ctx, args).parse();
}

class ExpressionParser {
  private pos = 0;
  constructor(
    private readonly ctx: CommandContext,
    private readonly args: readonly string[],
  ) {}

  parse(): boolean {
    const value = this.or();
    if (this.pos < this.args.length) throw new TestError('too many arguments');
    return value;
  }

  private or(): boolean {
    let value = this.and();
    while (this.args[this.pos] === '-o') {
      this.pos++;
      const right = this.and();
      value = value || right;
    }
    return value;
  }

  private and(): boolean {
    let value = this.not();
    while (this.args[this.pos] === '-a') {
      this.pos++;
      const right = this.not();
      value = value && right;
    }
    return value;
  }

  private not(): boolean {
    if (this.args[this.pos] === '!') {
      this.pos++;
      return !this.not();
    }
    return this.primary();
  }

  private primary(): boolean {
    const a = this.args;
    const tok = a[this.pos];
    if (tok === undefined) throw new TestError('argument expected');
    if (tok === '(') {
      this.pos++;
      const value = this.or();
      if (a[this.pos] !== ')') throw new TestError("`)' expected");
      this.pos++;
      return value;
    }
    if (a[this.pos + 1] !== undefined && BINARY.has(a[this.pos + 1]!) && a[this.pos + 2] !== undefined) {
      this.pos += 3;
      return binary(this.ctx, tok, a[this.pos - 2]!, a[this.pos - 1]!);
    }
    if (UNARY.has(tok) && a[this.pos + 1] !== undefined) {
      this.pos += 2;
      return unary(this.ctx, tok, a[this.pos - 1]!);
    }
    this.pos++;
    return tok !== '';
  }
}

export const test: Command = (ctx) => {
  const name = ctx.argv[0]!;
  let args = ctx.argv.slice(1);
  if (name === '[') {
    if (args.at(-1) !== ']') {
      ctx.io.stderr(`${shellPrefix(ctx)}[: missing \`]'\n`);
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return evaluate(ctx, args) ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) {
      ctx.io.stderr(`${shellPrefix(ctx)}${name}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
};
