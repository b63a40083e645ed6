import { describe, expect, it } from 'vitest';
import { ArithError, evaluateArithmetic } from './arith.ts';

function evaluate(expr: string, vars: Record<string, string> = {}): number {
  return evaluateArithmetic(expr, { get: (n) => vars[n], set: (n, v) => void (vars[n] = v) });
}

describe('evaluateArithmetic', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['7 / 2', 3],
    ['-7 / 2', -3],
    ['-7 % 3', -1],
    ['2 ** 10', 1024],
    ['1 < 2', 1],
    ['2 <= 1', 0],
    ['3 == 3 && 1 != 2', 1],
    ['0 || 0', 0],
    ['!5', 0],
    ['~0', -1],
    ['1 << 4 | 1', 17],
    ['6 & 3 ^ 1', 3],
    ['1 ? 10 : 20', 10],
    ['0x1f + 010 + 2#101', 44],
    ['', 0],
    ['1, 2, 3', 3],
  ])('computes %s', (expr, value) => {
    expect(evaluate(expr)).toBe(value);
  });

  it('reads variables, treating unset ones as 0 and evaluating names recursively', () => {
    expect(evaluate('a + b + c', { a: '2', c: 'a' })).toBe(4);
  });

  it('assigns with = += ++ and --', () => {
    const vars: Record<string, string> = { i: '5' };
    expect(evaluate('i++', vars)).toBe(5);
    expect(evaluate('++i', vars)).toBe(7);
    expect(evaluate('i += 3', vars)).toBe(10);
    expect(evaluate('j = i * 2', vars)).toBe(20);
    expect(vars).toEqual({ i: '10', j: '20' });
  });

  it('only evaluates the taken side of && || and ?:', () => {
    const vars: Record<string, string> = {};
    evaluate('0 && (x = 1)', vars);
    evaluate('1 || (y = 1)', vars);
    evaluate('1 ? 0 : (z = 1)', vars);
    expect(vars).toEqual({});
  });

  it.each([
    ['1 / 0', 'division by 0 (error token is "0")'],
    ['1 +', 'syntax error: operand expected (error token is "+")'],
    ['1 2', 'syntax error in expression (error token is "2")'],
    ['2 * (3 + ) ', 'syntax error: operand expected (error token is ") ")'],
    ['08', 'value too great for base (error token is "08")'],
  ])('rejects %j as bash does', (expr, message) => {
    expect(() => evaluate(expr)).toThrow(new ArithError(message));
  });
});
