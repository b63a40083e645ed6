import { test } from 'vitest';
import { runToEnd, testShell } from '/work/main/src/engine/shell/harness.ts';
test('smoke', () => {
  const sh = testShell();
  const scripts = [
    'echo hello world',
    'echo "a  b" c | wc -w',
    'export NS=dev; echo ns=$NS ${NS:-x} ${#NS}',
    'for i in 1 2 3; do echo $i; sleep 5s; done',
    'cat > /tmp.yaml <<EOF\napiVersion: v1\nkind: $NS\nEOF\ncat /tmp.yaml',
    'x=$(echo hi | tr a-z A-Z); echo "[$x]"',
    'echo $((1+2*3)) $((10/3)) $((7%3))',
    'if [ 1 -lt 2 ]; then echo yes; else echo no; fi',
    'case abc in a*) echo A;; *) echo other;; esac',
    'f() { echo "args: $# $1 $2"; return 3; }; f x y; echo $?',
    'nocmd foo',
    'cat nofile; echo $?',
    'ls /',
    'printf "%s-%05d|%x\\n" a 42 255',
    'seq 3 | sort -r | head -2',
    'i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i',
    'echo a > f.txt; echo b >> f.txt; cat f.txt | grep -c .',
    'echo `echo nested $(echo deep)`',
    'set -- a "b c"; for x in "$@"; do echo "<$x>"; done',
    'echo ~ ~/x "~"',
    'while true; do :; done',
    'fi',
    'echo "unterminated',
    'sleep 1m30s; sleep x',
    'printf "a\\nb\\na\\n" | sort | uniq -c',
    'echo one two | { read a b; echo "$b $a"; }',
  ];
  for (const s of scripts) {
    const r = runToEnd(sh, s);
    console.log(JSON.stringify(s), '=>', r.status, JSON.stringify(r.stdout), JSON.stringify(r.stderr), r.effects.map(e => e.ms).join(','));
  }
});
