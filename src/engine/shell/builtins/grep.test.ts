import { describe, expect, it } from 'vitest';
import { terminal } from '../harness.ts';
import { translateRegex } from './grep.ts';

type Case = [string, string, string, string?, number?];

function expectRun([, script, stdout, stderr = '', status = 0]: Case): void {
  expect(terminal(script)).toEqual({ stdout, stderr, status });
}

const PODS = 'printf "NAME READY STATUS\\nweb-1 1/1 Running\\nweb-2 0/1 Pending\\ndb-1 1/1 Running\\n"';

describe('grep', () => {
  it.each<Case>([
    ['prints matching lines', `${PODS} | grep Running`, 'web-1 1/1 Running\ndb-1 1/1 Running\n'],
    ['exits 1 when nothing matches', `${PODS} | grep Failed`, '', '', 1],
    ['-c counts matches', `${PODS} | grep -c Running`, '2\n'],
    ['-c prints 0 and exits 1 when nothing matches', `${PODS} | grep -c Failed`, '0\n', '', 1],
    ['-v inverts', `${PODS} | grep -v Running`, 'NAME READY STATUS\nweb-2 0/1 Pending\n'],
    ['-i ignores case', `${PODS} | grep -i pending`, 'web-2 0/1 Pending\n'],
    ['-n numbers lines', `${PODS} | grep -n db`, '4:db-1 1/1 Running\n'],
    ['-o prints only the matches', 'echo a1b22c333 | grep -oE "[0-9]+"', '1\n22\n333\n'],
    ['-w matches whole words', 'printf "word\\nwords\\n" | grep -w word', 'word\n'],
    ['-x matches whole lines', 'printf "ab\\nabc\\n" | grep -x ab', 'ab\n'],
    ['-q is silent and exits 0 on a match', `${PODS} | grep -q web && echo found`, 'found\n'],
    ['-e takes several patterns', `${PODS} | grep -e web-1 -e db`, 'web-1 1/1 Running\ndb-1 1/1 Running\n'],
    ['-F matches fixed strings', 'printf "a.b\\naxb\\n" | grep -F a.b', 'a.b\n'],
    ['a BRE dot matches any character', 'printf "a.b\\naxb\\n" | grep a.b', 'a.b\naxb\n'],
    ['in a BRE, + ? | ( ) { } are literal', 'printf "a+\\naa\\n(x)\\n" | grep -e "a+" -e "(x)"', 'a+\n(x)\n'],
    ['in a BRE, \\+ \\| \\{ \\} are operators', 'printf "aa\\nb\\nc\\n" | grep -e "a\\{2\\}" -e "b\\|q"', 'aa\nb\n'],
    ['in an ERE, + ? | ( ) { } are operators', 'printf "aaa\\nab\\nx\\n" | grep -E "a{2,}|^(ab)?$"', 'aaa\nab\n'],
    ['-E with anchors and classes', 'echo "Running 1/1" | grep -E "^Run(ning)?[[:space:]]+[0-9]/[0-9]$"', 'Running 1/1\n'],
    ['-A shows lines after', 'printf "a\\nb\\nc\\nd\\n" | grep -A1 b', 'b\nc\n'],
    ['-B and -n mark context lines with -', 'printf "a\\nb\\nc\\nd\\n" | grep -B1 -n c', '2-b\n3:c\n'],
    ['-C separates distant groups with --', 'printf "a\\nb\\nc\\nd\\ne\\nf\\n" | grep -C0 -e b -e e', 'b\n--\ne\n'],
    ['names files when given several', 'echo b > f1; printf "b\\nc\\n" > f2; grep b f1 f2', 'f1:b\nf2:b\n'],
    ['-c counts per file', 'echo b > f1; printf "x\\n" > f2; grep -c b f1 f2', 'f1:1\nf2:0\n'],
    ['-l lists matching files', 'echo b > f1; echo c > f2; grep -l c f1 f2', 'f2\n'],
    ['-h hides file names', 'echo b > f1; echo b > f2; grep -h b f1 f2', 'b\nb\n'],
    ['a missing file exits 2 even after a match', 'echo b > f; grep b f nofile', 'f:b\n', 'grep: nofile: No such file or directory\n', 2],
    ['an unmatched parenthesis in an ERE', 'echo x | grep -E "(x"', '', 'grep: Unmatched ( or \\(\n', 2],
    ['no pattern', 'grep', '', "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", 2],
    ['--color is accepted', 'echo x | grep --color=auto x', 'x\n'],
    ['egrep is grep -E', 'echo aa | egrep "a+"', 'aa\n'],
  ])('%s', (...c) => expectRun(c));
});

describe('translateRegex', () => {
  it.each([
    ['a BRE interval', 'a\\{2,3\\}', false, 'a{2,3}'],
    ['a BRE group and alternation', '\\(a\\|b\\)', false, '(a|b)'],
    ['a literal plus in a BRE', 'a+', false, 'a\\+'],
    ['a leading star is literal', '*a', false, '\\*a'],
    ['a caret inside a BRE is literal', 'a^b', false, 'a\\^b'],
    ['a dollar inside a BRE is literal', 'a$b', false, 'a\\$b'],
    ['POSIX classes in brackets', '[[:digit:]x]', true, '[0-9x]'],
    ['a backslash in brackets is literal', '[\\n]', true, '[\\\\n]'],
    ['word boundaries', '\\<w\\>', true, '\\b(?=\\w)w\\b(?<=\\w)'],
    ['an ERE brace that is no interval is literal', 'x{', true, 'x\\{'],
  ])('translates %s', (_name, pattern, extended, expected) => {
    expect(translateRegex(pattern, extended)).toBe(expected);
  });
});
