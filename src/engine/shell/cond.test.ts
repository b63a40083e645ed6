import { describe, expect, it } from 'vitest';
import { terminal } from './harness.ts';

describe('[[ … ]]', () => {
  it.each([
    ['== compares without splitting', 'x="a b"; [[ $x == "a b" ]]', 0],
    ['== matches an unquoted pattern', 'x=abc; [[ $x == a* ]]', 0],
    ['a quoted pattern is literal', 'x=abc; [[ $x == "a*" ]]', 1],
    ['!= negates a pattern match', '[[ abc != a?d ]]', 0],
    ['=~ matches an extended regular expression', '[[ abc =~ ^a.c$ ]]', 0],
    ['quoted text in =~ is literal', '[[ abc =~ "a.c" ]]', 1],
    ['integer operators evaluate arithmetic', 'v=2; [[ v+1 -eq 3 ]]', 0],
    ['&& and || combine', '[[ -z "" && -n x ]] && [[ -z x || 1 -lt 2 ]]', 0],
    ['parentheses group', '[[ ( 1 -eq 2 || 1 -eq 1 ) && b > a ]]', 0],
    ['< compares strings', '[[ b < a ]]', 1],
    ['file tests', 'touch f; mkdir d; [[ -f f && -d d && ! -e nope ]]', 0],
    ['an empty word is false', 'e=; [[ $e ]]', 1],
    ['the expression may span lines after &&', '[[ 1 -eq 1 &&\n 2 -eq 2 ]]', 0],
  ])('%s', (_name, script, status) => {
    expect(terminal(script)).toEqual({ stdout: '', stderr: '', status });
  });

  it('does not evaluate the side that && does not need', () => {
    expect(terminal('[[ 1 -eq 2 && $(echo ran >&2) ]]; echo $?')).toEqual({ stdout: '1\n', stderr: '', status: 0 });
  });

  it('reports a malformed expression with status 2', () => {
    expect(terminal('[[ ( a ]]')).toEqual({ stdout: '', stderr: "sh: expected `)'\n", status: 2 });
  });
});
