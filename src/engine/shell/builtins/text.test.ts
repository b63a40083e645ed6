import { describe, expect, it } from 'vitest';
import { terminal } from '../harness.ts';
import { base64Decode, base64Encode } from './base64.ts';

type Case = [string, string, string, string?, number?];

function expectRun([, script, stdout, stderr = '', status = 0]: Case): void {
  expect(terminal(script)).toEqual({ stdout, stderr, status });
}

const SIX = 'printf "1\\n2\\n3\\n4\\n5\\n6\\n"';

describe('head and tail', () => {
  it.each<Case>([
    ['head shows the first ten lines by default', 'seq 12 | head | wc -l', '10\n'],
    ['head -n N', `${SIX} | head -n 2`, '1\n2\n'],
    ['head -N', `${SIX} | head -3`, '1\n2\n3\n'],
    ['head -n -N leaves out the last N', `${SIX} | head -n -4`, '1\n2\n'],
    ['head -c N counts characters', 'echo hello | head -c 3', 'hel'],
    ['head heads several files', 'echo a > x; echo b > y; head x y', '==> x <==\na\n\n==> y <==\nb\n'],
    ['tail -n N', `${SIX} | tail -n 2`, '5\n6\n'],
    ['tail -N', `${SIX} | tail -1`, '6\n'],
    ['tail -n +N starts at line N', `${SIX} | tail -n +5`, '5\n6\n'],
    ['tail -c N', 'printf abc | tail -c 2', 'bc'],
    ['tail keeps a last line without newline', 'printf "a\\nb" | tail -1', 'b'],
    ['head of a missing file', 'head nofile', '', "head: cannot open 'nofile' for reading: No such file or directory\n", 1],
    ['tail of a missing file', 'tail nofile', '', "tail: cannot open 'nofile' for reading: No such file or directory\n", 1],
    ['a bad count', 'head -n x', '', 'head: invalid number of lines: ‘x’\n', 1],
  ])('%s', (...c) => expectRun(c));
});

describe('wc', () => {
  it.each<Case>([
    ['counts lines, words and bytes of stdin in 7-wide columns', 'echo hello world | wc', '      1       2      12\n'],
    ['prints a single count bare', 'echo hi | wc -l', '1\n'],
    ['names a file and sizes columns by the file', 'printf "a b\\nc\\n" > f; wc f; wc -l f', '2 3 6 f\n2 f\n'],
    ['adds a total for several files', 'printf "a b\\nc\\n" > f; printf "hello world foo\\n" > g; wc f g', ' 2  3  6 f\n 1  3 16 g\n 3  6 22 total\n'],
    ['-w counts words', 'echo "a  b   c" | wc -w', '3\n'],
    ['-c counts bytes of UTF-8', 'printf héllo | wc -c', '6\n'],
    ['-m counts characters', 'printf héllo | wc -m', '5\n'],
    ['reads redirected input without a name', 'printf "x\\n" > f; wc -l < f', '1\n'],
    ['a missing file', 'wc nofile', '', 'wc: nofile: No such file or directory\n', 1],
  ])('%s', (...c) => expectRun(c));
});

describe('sort and uniq', () => {
  it.each<Case>([
    ['sorts by code point, as in the C locale', 'printf "b\\na\\nB\\n_x\\n1\\n" | sort', '1\nB\n_x\na\nb\n'],
    ['-r reverses', 'printf "a\\nc\\nb\\n" | sort -r', 'c\nb\na\n'],
    ['-n sorts numerically', 'printf "10\\n9\\n100\\n" | sort -n', '9\n10\n100\n'],
    ['-u drops duplicates', 'printf "b\\na\\nb\\n" | sort -u', 'a\nb\n'],
    ['-nu drops numeric duplicates', 'printf "3\\n1\\n3\\n2\\n" | sort -nu', '1\n2\n3\n'],
    ['-k N sorts on a field to the end of the line', 'printf "b 2\\na 10\\nc 1\\n" | sort -k2', 'c 1\na 10\nb 2\n'],
    ['-k N -n sorts on a numeric field', 'printf "b 2\\na 10\\nc 1\\n" | sort -k2 -n', 'c 1\nb 2\na 10\n'],
    ['-t sets the field separator', 'printf "a:3\\nb:1\\nc:2\\n" | sort -t: -k2 -n', 'b:1\nc:2\na:3\n'],
    ['-h sorts human sizes', 'printf "1K\\n2M\\n3\\n" | sort -h', '3\n1K\n2M\n'],
    ['a missing file', 'sort nofile', '', 'sort: cannot read: nofile: No such file or directory\n', 2],
    ['a zero key', 'sort -k0 < /dev/null', '', 'sort: field number is zero: invalid field specification ‘0’\n', 2],
    ['uniq folds adjacent duplicates', 'printf "a\\na\\nb\\na\\n" | uniq', 'a\nb\na\n'],
    ['uniq -c counts them', 'printf "a\\na\\nb\\n" | uniq -c', '      2 a\n      1 b\n'],
    ['uniq -d keeps only repeated lines', 'printf "a\\na\\nb\\n" | uniq -d', 'a\n'],
    ['uniq -u keeps only unique lines', 'printf "a\\na\\nb\\n" | uniq -u', 'b\n'],
  ])('%s', (...c) => expectRun(c));
});

describe('cut and tr', () => {
  it.each<Case>([
    ['cut -d -f picks fields', 'echo a,b,c | cut -d, -f1,3', 'a,c\n'],
    ['cut -f N- picks to the end', 'echo a:b:c | cut -d: -f2-', 'b:c\n'],
    ['cut passes lines without the delimiter', 'printf "a:b\\nplain\\n" | cut -d: -f2', 'b\nplain\n'],
    ['cut -s drops lines without the delimiter', 'printf "a:b\\nplain\\n" | cut -d: -f2 -s', 'b\n'],
    ['cut splits on tabs by default', 'printf "a\\tb\\n" | cut -f2', 'b\n'],
    ['cut -c picks characters', 'echo abcdef | cut -c2-4,6', 'bcdf\n'],
    ['cut without a list', 'cut x', '', "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n", 1],
    ['cut from position zero', 'echo abc | cut -c 0', '', "cut: byte/character positions are numbered from 1\nTry 'cut --help' for more information.\n", 1],
    ['cut with a long delimiter', 'echo abc | cut -d ab -f 1', '', "cut: the delimiter must be a single character\nTry 'cut --help' for more information.\n", 1],
    ['tr maps ranges', 'echo hello | tr a-z A-Z', 'HELLO\n'],
    ['tr maps classes', "echo Hello | tr '[:lower:]' '[:upper:]'", 'HELLO\n'],
    ['tr -d deletes', 'echo hello | tr -d l', 'heo\n'],
    ['tr -s squeezes', "echo 'a  b   c' | tr -s ' '", 'a b c\n'],
    ['tr -c complements', "echo 'hello world' | tr -c 'a-z\\n' _", 'hello_world\n'],
    ['tr pads the second set with its last character', 'echo abcd | tr a-d xy', 'xyyy\n'],
    ['tr without operands', 'tr', '', "tr: missing operand\nTry 'tr --help' for more information.\n", 1],
  ])('%s', (...c) => expectRun(c));
});

describe('base64', () => {
  it.each<Case>([
    ['encodes', 'echo -n admin | base64', 'YWRtaW4=\n'],
    ['decodes', 'echo YWRtaW4= | base64 -d', 'admin'],
    ['wraps at 76 columns', 'printf "%080d" 0 | base64 | head -1 | wc -c', '77\n'],
    ['-w 0 does not wrap', 'printf "%080d" 0 | base64 -w 0 | wc -l', '0\n'],
    ['rejects garbage', 'echo "@@" | base64 -d', '', 'base64: invalid input\n', 1],
  ])('%s', (...c) => expectRun(c));

  it.each([['', ''], ['a', 'YQ=='], ['ab', 'YWI='], ['abc', 'YWJj'], ['héllo ✓', 'aMOpbGxvIOKckw==']])('round-trips %j through UTF-8', (text, encoded) => {
    expect(base64Encode(text)).toBe(encoded);
    expect(base64Decode(encoded)).toBe(text);
  });
});

describe('seq and xargs', () => {
  it.each<Case>([
    ['seq N counts from 1', 'seq 3', '1\n2\n3\n'],
    ['seq FIRST INCR LAST', 'seq 2 2 8', '2\n4\n6\n8\n'],
    ['seq counts down', 'seq 3 -1 1', '3\n2\n1\n'],
    ['seq keeps the decimals of its inputs', 'seq 1 0.5 2', '1.0\n1.5\n2.0\n'],
    ['seq -s joins', 'seq -s, 3', '1,2,3\n'],
    ['seq -w pads', 'seq -w 8 10', '08\n09\n10\n'],
    ['seq with an empty range prints nothing', 'seq 0', ''],
    ['seq of a non-number', 'seq x', '', "seq: invalid floating point argument: ‘x’\nTry 'seq --help' for more information.\n", 1],
    ['xargs appends stdin words to the command', 'printf "a b\\nc\\n" | xargs echo pre', 'pre a b c\n'],
    ['xargs -n splits into several runs', 'printf "a b c\\n" | xargs -n 2 echo', 'a b\nc\n'],
    ['xargs -I replaces a placeholder per line', 'printf "a\\nb\\n" | xargs -I{} echo "<{}>"', '<a>\n<b>\n'],
    ['xargs runs shell commands it is given', 'printf "x\\ny\\n" | xargs touch; ls', 'x\ny\n'],
  ])('%s', (...c) => expectRun(c));
});
