// `[[ … ]]`: bash's conditional command. Unlike `[`, words are not split or globbed, `==` matches a
// pattern, `=~` a regular expression, integer operators evaluate arithmetic, and && || short-circuit.

import type { CondItem, Word } from './ast.ts';
import { BINARY, TestError, UNARY, binary, unary } from './builtins/test.ts';
import type { TestContext } from './builtins/test.ts';
import { RegexError, translateRegex } from './builtins/grep.ts';
import { arithmetic, expandPattern, expandRegex, expandString } from './expand.ts';
import type { Expansion, ExpansionHost } from './expand.ts';
import { matchPattern } from './glob.ts';
import { plainText } from './parser.ts';

export { TestError as CondError };

const INTEGER_OPS = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

class CondEvaluator {
  private pos = 0;

  constructor(
    private readonly items: readonly CondItem[],
    private readonly host: ExpansionHost,
    private readonly ctx: TestContext,
  ) {}

  *evaluate(): Expansion<boolean> {
    const value = yield* this.or(false);
    if (this.pos < this.items.length) throw new TestError('syntax error in conditional expression');
    return value;
  }

  private isOp(op: string): boolean {
    const item = this.items[this.pos];
    return item !== undefined && 'op' in item && item.op === op;
  }

  /** The operator a word stands for when unquoted (`!`, `-f`, `==`), else undefined. */
  private wordAt(offset: number): { word: Word; text: string | undefined } | undefined {
    const item = this.items[this.pos + offset];
    if (!item) return undefined;
    if ('op' in item) return item.op === '<' || item.op === '>' ? { word: { parts: [], raw: item.op }, text: item.op } : undefined;
    return { word: item.word, text: plainText(item.word) };
  }

  /** `skip` parses without evaluating: the side && and || do not need. */
  private *or(skip: boolean): Expansion<boolean> {
    let value = yield* this.and(skip);
    while (this.isOp('||')) {
      this.pos++;
      const right = yield* this.and(skip || value);
      value = value || right;
    }
    return value;
  }

  private *and(skip: boolean): Expansion<boolean> {
    let value = yield* this.not(skip);
    while (this.isOp('&&')) {
      this.pos++;
      const right = yield* this.not(skip || !value);
      value = value && right;
    }
    return value;
  }

  private *not(skip: boolean): Expansion<boolean> {
    if (this.wordAt(0)?.text === '!') {
      this.pos++;
      return !(yield* this.not(skip));
    }
    return yield* this.primary(skip);
  }

  private *primary(skip: boolean): Expansion<boolean> {
    if (this.isOp('(')) {
      this.pos++;
      const value = yield* this.or(skip);
      if (!this.isOp(')')) throw new TestError("expected `)'");
      this.pos++;
      return value;
    }
    const first = this.wordAt(0);
    if (!first) throw new TestError('unexpected end of conditional expression');
    const second = this.wordAt(1);
    const third = this.wordAt(2);
    const op = second?.text;
    if (third && op !== undefined && (BINARY.has(op) || op === '=~')) {
      this.pos += 3;
      if (skip) return false;
      return yield* this.compare(first.word, op, third.word);
    }
    if (first.text !== undefined && UNARY.has(first.text) && second) {
      this.pos += 2;
      return skip ? false : unary(this.ctx, first.text, yield* expandString(second.word, this.host));
    }
    this.pos++;
    return skip ? false : (yield* expandString(first.word, this.host)) !== '';
  }

  private *compare(leftWord: Word, op: string, rightWord: Word): Expansion<boolean> {
    const left = leftWord.raw === '<' || leftWord.raw === '>' ? leftWord.raw : yield* expandString(leftWord, this.host);
    switch (op) {
      case '=':
      case '==':
        return matchPattern(yield* expandPattern(rightWord, this.host), left);
      case '!=':
        return !matchPattern(yield* expandPattern(rightWord, this.host), left);
      case '=~': {
        try {
          return new RegExp(translateRegex(yield* expandRegex(rightWord, this.host), true)).test(left);
        } catch (e) {
          if (e instanceof RegexError || e instanceof SyntaxError) return false;
          throw e;
        }
      }
    }
    const right = yield* expandString(rightWord, this.host);
    if (INTEGER_OPS.has(op)) {
      // Inside [[ ]], integer operands are arithmetic expressions.
      const a = yield* arithmetic(left, this.host);
      const b = yield* arithmetic(right, this.host);
      return binary(this.ctx, String(a), op, String(b));
    }
    return binary(this.ctx, left, op, right);
  }
}

/** Evaluates `[[ … ]]`; throws CondError (status 2) when the expression is malformed. */
export function evaluateCond(items: readonly CondItem[], host: ExpansionHost, ctx: TestContext): Expansion<boolean> {
  return new CondEvaluator(items, host, ctx).evaluate();
}
