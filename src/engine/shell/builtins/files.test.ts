import { describe, expect, it } from 'vitest';
import { runToEnd, terminal, testShell } from '../harness.ts';
import type { TerminalAwareIO } from '../io.ts';
import { columns } from './files.ts';

type Case = [string, string, string, string?, number?];

function expectRun([, script, stdout, stderr = '', status = 0]: Case): void {
  expect(terminal(script)).toEqual({ stdout, stderr, status });
}

describe('ls', () => {
  it.each<Case>([
    ['lists a directory sorted, one per line when piped', 'mkdir d; touch d/b d/a d/.hidden; ls d', 'a\nb\n'],
    ['-a shows hidden entries and . and ..', 'mkdir d; touch d/b d/.h; ls -a d', '.\n..\n.h\nb\n'],
    ['-A shows hidden entries without . and ..', 'mkdir d; touch d/b d/.h; ls -A d', '.h\nb\n'],
    ['lists the working directory by default', 'mkdir -p /w/x; cd /w; touch y; ls', 'x\ny\n'],
    ['names a file operand as given', 'touch f; ls f ./f', './f\nf\n'],
    ['heads each directory when given several', 'mkdir a b; touch a/1 b/2; ls a b', 'a:\n1\n\nb:\n2\n'],
    ['-l shows a long listing', 'mkdir d; printf 12345 > d/f; mkdir d/sub; ls -l d', 'total 8\n-rw-r--r-- 1 root root    5 Jan  1 00:00 f\ndrwxr-xr-x 2 root root 4096 Jan  1 00:00 sub\n'],
    ['-d lists a directory itself', 'mkdir d; ls -d d', 'd\n'],
    ['-r reverses the order', 'touch a b c; ls -r', 'c\nb\na\n'],
    ['a missing operand', 'ls nofile', '', "ls: cannot access 'nofile': No such file or directory\n", 2],
    ['an unknown option', 'ls -z', '', "ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n", 2],
  ])('%s', (...c) => expectRun(c));

  it('lays names out in columns on a terminal', () => {
    const shell = testShell();
    runToEnd(shell, 'touch alpha beta gamma');
    let out = '';
    const io: TerminalAwareIO = { stdin: '', stdout: (c) => void (out += c), stderr: () => {}, stdoutIsTerminal: true };
    shell.run('ls', io).next();
    expect(out).toBe('alpha  beta  gamma\n');
  });

  it('fills columns top to bottom when a line is too narrow', () => {
    const names = Array.from({ length: 12 }, (_, i) => `file-number-${String(i).padStart(2, '0')}`);
    expect(columns(names)).toBe(
      'file-number-00  file-number-03  file-number-06  file-number-09\n' +
        'file-number-01  file-number-04  file-number-07  file-number-10\n' +
        'file-number-02  file-number-05  file-number-08  file-number-11\n',
    );
  });
});

describe('cat and tee', () => {
  it.each<Case>([
    ['prints files in order', 'echo a > x; echo b > y; cat x y', 'a\nb\n'],
    ['reads stdin with no operand or -', 'echo in | cat; echo in2 | cat - ', 'in\nin2\n'],
    ['-n numbers lines', 'printf "a\\n\\nb\\n" | cat -n', '     1\ta\n     2\t\n     3\tb\n'],
    ['-b numbers non-blank lines', 'printf "a\\n\\nb\\n" | cat -b', '     1\ta\n\n     2\tb\n'],
    ['-A shows tabs and line ends', 'printf "a\\tb\\n" | cat -A', 'a^Ib$\n'],
    ['a missing file, and carries on', 'echo ok > x; cat nofile x', 'ok\n', 'cat: nofile: No such file or directory\n', 1],
    ['a directory', 'mkdir d; cat d', '', 'cat: d: Is a directory\n', 1],
    ['tee copies stdin to files and stdout', 'echo hi | tee a b; cat a b', 'hi\nhi\nhi\n'],
    ['tee -a appends', 'echo 1 > a; echo 2 | tee -a a > /dev/null; cat a', '1\n2\n'],
    ['tee into a missing directory', 'echo x | tee nodir/f', 'x\n', 'tee: nodir/f: No such file or directory\n', 1],
  ])('%s', (...c) => expectRun(c));
});

describe('touch, mkdir, rm, rmdir', () => {
  it.each<Case>([
    ['touch creates empty files and keeps existing ones', 'echo keep > k; touch k n; cat k; wc -c < n', 'keep\n0\n'],
    ['touch in a missing directory', 'touch nodir/x', '', "touch: cannot touch 'nodir/x': No such file or directory\n", 1],
    ['touch without operands', 'touch', '', "touch: missing file operand\nTry 'touch --help' for more information.\n", 1],
    ['mkdir -p creates parents and accepts existing ones', 'mkdir -p a/b/c; mkdir -p a/b; ls a/b', 'c\n'],
    ['mkdir over an existing one', 'mkdir d; mkdir d', '', 'mkdir: cannot create directory ‘d’: File exists\n', 1],
    ['mkdir without its parent', 'mkdir a/b', '', 'mkdir: cannot create directory ‘a/b’: No such file or directory\n', 1],
    ['mkdir without operands', 'mkdir', '', "mkdir: missing operand\nTry 'mkdir --help' for more information.\n", 1],
    ['rm removes files', 'touch a b; rm a; ls', 'b\n'],
    ['rm -r removes trees', 'mkdir -p d/e; touch d/e/f; rm -r d; ls', ''],
    ['rm a missing file', 'rm nofile', '', "rm: cannot remove 'nofile': No such file or directory\n", 1],
    ['rm -f ignores missing files', 'rm -f nofile; echo $?', '0\n'],
    ['rm a directory without -r', 'mkdir d; rm d', '', "rm: cannot remove 'd': Is a directory\n", 1],
    ['rm -rf / refuses', 'rm -rf /', '', "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n", 1],
    ['rm without operands', 'rm', '', "rm: missing operand\nTry 'rm --help' for more information.\n", 1],
    ['rmdir a non-empty directory', 'mkdir -p d/e; rmdir d', '', "rmdir: failed to remove 'd': Directory not empty\n", 1],
    ['rmdir an empty directory', 'mkdir d; rmdir d; ls', ''],
  ])('%s', (...c) => expectRun(c));
});

describe('cp and mv', () => {
  it.each<Case>([
    ['cp copies a file', 'echo x > a; cp a b; cat b', 'x\n'],
    ['cp into a directory', 'echo x > a; mkdir d; cp a d; cat d/a', 'x\n'],
    ['cp -r copies a tree', 'mkdir -p s/t; echo x > s/t/f; cp -r s c; cat c/t/f', 'x\n'],
    ['cp a directory without -r', 'mkdir d; cp d e', '', "cp: -r not specified; omitting directory 'd'\n", 1],
    ['cp a missing file', 'cp nofile x', '', "cp: cannot stat 'nofile': No such file or directory\n", 1],
    ['cp without a destination', 'touch a; cp a', '', "cp: missing destination file operand after 'a'\nTry 'cp --help' for more information.\n", 1],
    ['cp several files to a non-directory', 'touch a b; cp a b c', '', "cp: target 'c' is not a directory\n", 1],
    ['mv renames', 'echo x > a; mv a b; ls; cat b', 'b\nx\n'],
    ['mv moves directories', 'mkdir -p x/y; echo z > x/y/z; mv x/y .; ls; cat y/z', 'x\ny\nz\n'],
    ['mv a missing file', 'mv nofile x', '', "mv: cannot stat 'nofile': No such file or directory\n", 1],
    ['mv a directory into itself', 'mkdir a; mv a a/b', '', "mv: cannot move 'a' to a subdirectory of itself, 'a/b'\n", 1],
  ])('%s', (...c) => expectRun(c));
});

describe('pwd, basename, dirname, env, printenv', () => {
  it.each<Case>([
    ['pwd prints the working directory', 'mkdir -p /a/b; cd /a/b; pwd', '/a/b\n'],
    ['basename strips the directory and a suffix', 'basename /a/b/c.txt .txt; basename a/; basename -s .y x.y z.y', 'c\na\nx\nz\n'],
    ['dirname keeps the directory', 'dirname /a/b/c; dirname a; dirname /', '/a/b\n.\n/\n'],
    ['env lists exported variables', 'export B=2; C=3; env | grep -E "^[BC]="', 'B=2\n'],
    ['env runs a command with extra variables', "env X=1 sh -c 'echo $X'", '1\n'],
    ['printenv prints values, failing on unset ones', 'export A=1; printenv A NOPE; echo $?', '1\n1\n'],
  ])('%s', (...c) => expectRun(c));
});
