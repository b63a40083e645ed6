import { describe, expect, it } from 'vitest';
import { terminal } from '../harness.ts';

type Case = [string, string, string, string?, number?];

function expectRun([, script, stdout, stderr = '', status = 0]: Case): void {
  expect(terminal(script, 'line one\nline two\n')).toEqual({ stdout, stderr, status });
}

describe('shell builtins', () => {
  it.each<Case>([
    ['cd changes directory and sets PWD and OLDPWD', 'mkdir -p /a/b; cd /a; cd b; echo $PWD $OLDPWD; pwd', '/a/b /a\n/a/b\n'],
    ['cd with no operand goes home', 'mkdir -p /root; cd; pwd', '/root\n'],
    ['cd - goes back and prints where', 'mkdir /x; cd /x; cd /; cd -', '/x\n'],
    ['cd .. climbs', 'mkdir -p /a/b; cd /a/b/..; pwd', '/a\n'],
    ['cd to a missing directory', 'cd nodir', '', 'sh: cd: nodir: No such file or directory\n', 1],
    ['cd to a file', 'touch f; cd f', '', 'sh: cd: f: Not a directory\n', 1],
    ['cd with two operands', 'cd a b', '', 'sh: cd: too many arguments\n', 1],
    ['export marks variables for commands', 'export A=1; B=2; export B; C=3; printenv A B C', '1\n2\n', '', 1],
    ['export -p lists them as declare -x', 'export Q=\'a "b"\'; export -p | grep Q=', 'declare -x Q="a \\"b\\""\n'],
    ['export of a bad name', 'export 1a=2', '', "sh: export: `1a=2': not a valid identifier\n", 1],
    ['export NAME=$VAR keeps spaces', 'v="a  b"; export X=$v; echo "$X"', 'a  b\n'],
    ['unset removes variables', 'A=1; unset A; echo "[${A-gone}]"', '[gone]\n'],
    ['unset -f removes functions', 'f() { :; }; unset -f f; f', '', 'sh: f: command not found\n', 127],
    ['set lists variables', 'Z_VAR="x y"; set | grep Z_VAR', "Z_VAR='x y'\n"],
    ['set -- sets the positional parameters', 'set -- a "b c"; echo $# "$2"', '2 b c\n'],
    ['set -o lists options', 'set -e; set -o | grep errexit', 'errexit        \ton\n'],
    ['set with a bad option', 'set -q', '', 'sh: set: -q: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n', 2],
    ['shift drops parameters', 'set -- a b c; shift; echo "$@"; shift 5; echo $?', 'b c\n1\n'],
    ['local outside a function', 'local x=1', '', 'sh: local: can only be used in a function\n', 1],
    ['return outside a function', 'return', '', "sh: return: can only `return' from a function or sourced script\n", 2],
    ['break outside a loop is a no-op with a message', 'break; echo $?', '0\n', "sh: break: only meaningful in a `for', `while', or `until' loop\n"],
    ['exit with a word', 'exit abc', '', 'sh: exit: abc: numeric argument required\n', 2],
    ['read splits on IFS, the last name takes the rest', 'read a b; echo "[$a][$b]"', '[line][one]\n'],
    ['read with no names sets REPLY', 'read; echo "$REPLY"', 'line one\n'],
    ['read with IFS set for it alone', 'IFS=, read a b <<< "1,2,3"; echo "$a|$b"', '1|2,3\n'],
    ['read -r keeps backslashes', "read -r x <<< 'a\\b'; echo \"$x\"", 'a\\b\n'],
    ['read without -r removes them', "read x <<< 'a\\b'; echo \"$x\"", 'ab\n'],
    ['read fails at the end of input', 'read a < /dev/null; echo $?', '1\n'],
    ['type tells builtins, functions and commands apart', 'f() { :; }; type cd f grep', 'cd is a shell builtin\nf is a function\ngrep is /usr/bin/grep\n'],
    ['type of an unknown name', 'type nope', '', 'sh: type: nope: not found\n', 1],
    ['command -v prints what would run', 'command -v echo grep; command -v nope; echo $?', 'echo\n/usr/bin/grep\n1\n'],
    ['command skips functions', 'echo() { printf fn; }; command echo real', 'real\n'],
    ['let evaluates arithmetic', 'let x=3*4 "y = x - 12"; echo $x $? $y', '12 1 0\n'],
    ['exec runs a command and ends the shell', 'exec echo hi; echo never', 'hi\n'],
    ['source passes arguments', 'echo \'echo "$1"\' > s.sh; source s.sh arg', 'arg\n'],
    ['a missing source file', 'source nofile', '', 'sh: nofile: No such file or directory\n', 1],
    ['sh runs a script file with arguments', 'echo \'echo "$0:$1"\' > s.sh; sh s.sh x', 's.sh:x\n'],
    ['sh reads a script from stdin', 'echo "echo piped" | sh', 'piped\n'],
    ['an alias replaces the first word of later commands', "alias k='echo kubectl'\nk get pods -n dev", 'kubectl get pods -n dev\n'],
    ['an alias may use its own name', "alias ls='ls -1'\ntouch a; ls", 'a\n'],
    ['alias lists definitions quoted', 'alias k=kubectl e="echo hi"; alias', "alias e='echo hi'\nalias k='kubectl'\n"],
    ['unalias removes an alias', "alias e='echo x'; unalias e\ne", '', 'sh: e: command not found\n', 127],
    ['a child sh sees only exported variables', "A=1; export B=2; sh -c 'echo \"[$A][$B]\"'", '[][2]\n'],
  ])('%s', (...c) => expectRun(c));
});
