import { describe, expect, it } from 'vitest';
import { terminal } from '../harness.ts';

/** Runs `[ … ]` (or test) and reports its status as bash would print `$?`. */
function status(expression: string, setup = ''): number {
  return terminal(`${setup}${expression}`).status;
}

describe('test and [', () => {
  it.each([
    ['-z on an empty string is true', '[ -z "" ]', 0],
    ['-z on text is false', '[ -z x ]', 1],
    ['-n on text is true', '[ -n x ]', 0],
    ['a lone word is true when not empty', '[ x ]', 0],
    ['a lone empty word is false', '[ "" ]', 1],
    ['no expression is false', '[ ]', 1],
    ['-n with no operand is a non-empty word, so true', '[ -n ]', 0],
    ['= compares strings', '[ a = a ]', 0],
    ['== compares strings', '[ a == b ]', 1],
    ['!= compares strings', '[ a != b ]', 0],
    ['-eq compares integers', '[ 10 -eq 10 ]', 0],
    ['-ne compares integers', '[ 1 -ne 1 ]', 1],
    ['-lt compares integers', '[ 2 -lt 10 ]', 0],
    ['-le compares integers', '[ 3 -le 3 ]', 0],
    ['-gt compares integers', '[ 2 -gt 10 ]', 1],
    ['-ge compares integers', '[ -1 -ge -2 ]', 0],
    ['! negates', '[ ! -e /nope ]', 0],
    ['-a needs both sides', '[ 5 -gt 3 -a 2 -lt 1 ]', 1],
    ['-o needs one side', '[ 5 -gt 3 -o 2 -lt 1 ]', 0],
    ['parentheses group', '[ \\( 1 -eq 1 -o 1 -eq 2 \\) -a 2 -eq 2 ]', 0],
    ['test is the same command', 'test 1 -eq 1', 0],
  ])('%s', (_name, expression, expected) => {
    expect(status(expression)).toBe(expected);
  });

  it.each([
    ['-e finds files and directories', '[ -e f ] && [ -e d ]', 0],
    ['-f finds only files', '[ -f f ] && ! [ -f d ]', 0],
    ['-d finds only directories', '[ -d d ] && ! [ -d f ]', 0],
    ['-s needs a non-empty file', '[ -s f ] && ! [ -s empty ]', 0],
    ['-e fails for a missing path', '[ -e nope ]', 1],
  ])('%s', (_name, expression, expected) => {
    expect(status(expression, 'echo x > f; touch empty; mkdir d; ')).toBe(expected);
  });

  it.each([
    ['a word where an integer belongs', '[ abc -eq 1 ]', 'sh: [: abc: integer expression expected\n'],
    ['a missing ]', '[ 1 -eq 1', "sh: [: missing `]'\n"],
    ['two words without an operator', '[ a b ]', 'sh: [: a: unary operator expected\n'],
    ['three words without an operator', 'test a b c', 'sh: test: b: binary operator expected\n'],
  ])('reports %s with status 2', (_name, script, stderr) => {
    expect(terminal(script)).toEqual({ stdout: '', stderr, status: 2 });
  });
});
