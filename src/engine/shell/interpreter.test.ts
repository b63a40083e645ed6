import { describe, expect, it } from 'vitest';
import { runToEnd, testShell } from './harness.ts';
import { MemoryFS, OverlayFS } from './vfs.ts';
import type { Command, CommandRun, ShellEffect } from './types.ts';

/** Runs a script in a fresh shell; returns what a terminal would show. */
function run(script: string, options: { stdin?: string; commands?: Record<string, Command>; fs?: MemoryFS } = {}) {
  const shell = testShell(options.commands ?? {}, options.fs ? { fs: options.fs } : {});
  return { ...runToEnd(shell, script, { stdin: options.stdin ?? '' }), shell };
}

/** A command that lets `ms` of simulated time pass, as `kubectl rollout status` would. */
const tick: Command = () =>
  (function* (): CommandRun {
    yield { type: 'sleep', ms: 1000 };
    return 0;
  })();

describe('running scripts', () => {
  it.each([
    ['lists run in order', 'echo a; echo b', 'a\nb\n'],
    ['&& runs the next command only after success', 'true && echo yes; false && echo no', 'yes\n'],
    ['|| runs the next command only after failure', 'false || echo fallback; true || echo no', 'fallback\n'],
    ['a pipeline feeds each stage into the next', 'printf "b\\na\\nb\\n" | sort | uniq -c', '      1 a\n      2 b\n'],
    ['$? is the status of the last pipeline', 'false; echo $?; true; echo $?', '1\n0\n'],
    ['$? of a pipeline is its last stage', 'false | true; echo $?; true | false; echo $?', '0\n1\n'],
    ['! negates a status', '! false; echo $?; ! true; echo $?', '0\n1\n'],
    ['pipefail reports the last failing stage', 'set -o pipefail; false | true; echo $?', '1\n'],
    ['an if chooses by status', 'if false; then echo a; elif true; then echo b; else echo c; fi', 'b\n'],
    ['a while loop runs while its condition succeeds', 'i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo $i; done', '1\n2\n3\n'],
    ['an until loop runs until its condition succeeds', 'i=0; until [ $i -ge 2 ]; do i=$((i+1)); done; echo $i', '2\n'],
    ['for iterates over expanded words', 'for x in a "b c" $(echo d e); do echo "<$x>"; done', '<a>\n<b c>\n<d>\n<e>\n'],
    ['for without in iterates over the positional parameters', 'set -- x y; for a; do echo $a; done', 'x\ny\n'],
    ['an arithmetic for counts', 'for ((i=0; i<3; i++)); do echo -n $i; done; echo', '012\n'],
    ['break and continue take a loop count', 'for i in a b; do for j in 1 2 3; do [ $j = 2 ] && continue 2; echo $i$j; done; done', 'a1\nb1\n'],
    ['case matches patterns in order', 'for f in a.yaml b.json c; do case $f in *.yaml|*.yml) echo y;; *.json) echo j;; *) echo other;; esac; done', 'y\nj\nother\n'],
    ['functions take arguments and return a status', 'f() { echo "$# $1"; return 3; }; f a b; echo $?', '2 a\n3\n'],
    ['local variables are scoped to the function', 'x=out; f() { local x=in; echo $x; }; f; echo $x', 'in\nout\n'],
    ['a function sees and sets globals', 'f() { g=set; }; f; echo $g', 'set\n'],
    ['a brace group runs in the current shell', 'x=1; { x=2; }; echo $x', '2\n'],
    ['a subshell keeps its changes to itself', 'x=1; (x=2; cd /tmp 2>/dev/null; exit 4); echo $? $x', '4 1\n'],
    ['pipeline stages run in subshells', 'x=1; echo 2 | read x; echo $x', '1\n'],
    ['a prefix assignment reaches only that command', 'A=1 sh -c \'echo $A\'; echo "[$A]"', '1\n[]\n'],
    ['a prefix assignment applies to a function call', 'f() { echo $V; }; V=9 f; echo "[$V]"', '9\n[]\n'],
    ['eval runs its arguments as a script', "eval 'x=5; echo $x'", '5\n'],
    ['sh -c runs a child shell with its own $0 and arguments', "sh -c 'echo $0 $1' me one", 'me one\n'],
    ['command substitution strips trailing newlines', 'x=$(printf "a\\n\\n"); echo "[$x]"', '[a]\n'],
    ['command substitution sets $? for an assignment', 'x=$(exit 3); echo $?', '3\n'],
    ['read reads a line from stdin into variables', 'read a b; echo "$b,$a"', 'two three,one\n'],
    ['while read consumes stdin line by line', 'while read l; do echo "<$l>"; done', '<one two three>\n<four>\n'],
    ['((…)) is true when the value is not zero', 'x=3; (( x > 2 )) && echo big; (( x - 3 )) || echo zero', 'big\nzero\n'],
    ['set -e stops at a failing command', 'set -e; echo a; false; echo b', 'a\n'],
    ['set -e spares conditions and && chains', 'set -e; if false; then :; fi; false || true; false && true; echo alive', 'alive\n'],
    ['exit ends the script with its status', 'echo a; exit 3; echo b', 'a\n'],
    ['a ./script runs a file from the sandbox', 'printf "echo from \\$0 \\$1\\n" > s.sh; ./s.sh arg', 'from ./s.sh arg\n'],
    ['source runs a file in the current shell', 'echo "V=sourced" > env.sh; . ./env.sh; echo $V', 'sourced\n'],
  ])('%s', (_name, script, expected) => {
    const r = run(script, { stdin: 'one two three\nfour\n' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expected);
  });

  it('returns the status of the last command', () => {
    expect(run('true; false').status).toBe(1);
    expect(run('exit 300').status).toBe(44);
    expect(run('echo a; exit 3').status).toBe(3);
  });

  it('marks the shell exited after a top-level exit, not after a subshell exit', () => {
    expect(run('(exit 1)').shell.exited).toBe(false);
    expect(run('exit 1').shell.exited).toBe(true);
  });

  it('keeps variables, functions and the directory between runs', () => {
    const shell = testShell();
    runToEnd(shell, 'export NS=dev; f() { echo fn; }; mkdir -p /w; cd /w');
    const r = runToEnd(shell, 'echo $NS; f; pwd');
    expect(r.stdout).toBe('dev\nfn\n/w\n');
    expect(shell.cwd).toBe('/w');
  });

  it('remembers $? from the previous run', () => {
    const shell = testShell();
    runToEnd(shell, 'false');
    expect(runToEnd(shell, 'echo $?').stdout).toBe('1\n');
  });

  it('traces commands with set -x', () => {
    expect(run('set -x; echo "a b" c').stderr).toBe("+ echo 'a b' c\n");
  });
});

describe('errors', () => {
  it.each([
    ['an unknown command', 'nosuch arg', 'sh: nosuch: command not found\n', 127],
    ['a missing input file', 'cat < nofile', 'sh: nofile: No such file or directory\n', 1],
    ['output to a directory', 'mkdir d; echo x > d', 'sh: d: Is a directory\n', 1],
    ['an ambiguous redirect', 'f="a b"; echo x > $f', 'sh: $f: ambiguous redirect\n', 1],
    ['a syntax error', 'echo a; fi', "sh: syntax error near unexpected token `fi'\n", 2],
    ['a syntax error on a later line, after the earlier lines ran', 'echo ran\nfi', "sh: line 2: syntax error near unexpected token `fi'\n", 2],
    ['a bad substitution, which abandons the script', 'echo ${x!}; echo never', 'sh: ${x!}: bad substitution\n', 1],
    ['division by zero', 'echo $((1/0)); echo never', 'sh: 1/0: division by 0 (error token is "0")\n', 1],
    ['an unset variable under set -u', 'set -u; echo $nope; echo never', 'sh: nope: unbound variable\n', 127],
    ['${x:?message}', 'echo ${x:?is required}', 'sh: x: is required\n', 127],
    ['an unterminated here-document, which still runs', 'cat <<EOF\nbody', "sh: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')\n", 0],
    ['background jobs, which the sandbox cannot run', 'sleep 1 &', 'sh: background jobs (&) are not supported in this sandbox; run the command in the foreground\n', 1],
    ['a runaway recursion', 'f() { f; }; f', 'sh: f: maximum function nesting level exceeded (200)\n', 1],
  ])('reports %s', (_name, script, stderr, status) => {
    const r = run(script);
    expect(r.stderr).toBe(stderr);
    expect(r.status).toBe(status);
  });

  it('prints the exception of a command that throws, with status 1', () => {
    const boom: Command = () => {
      throw new Error('kaboom');
    };
    const r = run('boom; echo $?', { commands: { boom } });
    expect(r.stderr).toBe('sh: boom: kaboom\n');
    expect(r.stdout).toBe('1\n');
  });

  it('prints the exception of a generator command that throws mid-way', () => {
    const late: Command = () =>
      (function* (): CommandRun {
        yield { type: 'sleep', ms: 10 };
        throw new Error('late failure');
      })();
    const r = run('late', { commands: { late } });
    expect(r.stderr).toBe('sh: late: late failure\n');
    expect(r.status).toBe(1);
  });

  it('uses its name in messages', () => {
    const shell = testShell({}, { name: 'bash' });
    expect(runToEnd(shell, 'nosuch').stderr).toBe('bash: nosuch: command not found\n');
  });
});

describe('redirections', () => {
  it.each([
    ['> creates and truncates a file', 'echo a > f; echo b > f; cat f', 'b\n'],
    ['>> appends', 'echo a > f; echo b >> f; cat f', 'a\nb\n'],
    ['2> sends errors to a file', 'cat nofile 2> err; cat err', 'cat: nofile: No such file or directory\n'],
    ['2>&1 joins errors to output', 'cat nofile 2>&1 | tr a-z A-Z', 'CAT: NOFILE: NO SUCH FILE OR DIRECTORY\n'],
    ['order matters: 2>&1 before > keeps errors on the terminal', 'cat nofile 2>&1 > f; echo "[$(cat f)]"', 'cat: nofile: No such file or directory\n[]\n'],
    ['&> sends both to a file', '{ echo out; echo err >&2; } &> f; cat f', 'out\nerr\n'],
    ['/dev/null discards', 'echo gone > /dev/null; cat nofile 2>/dev/null; echo $?', '1\n'],
    ['< reads a file', 'echo content > f; tr a-z A-Z < f', 'CONTENT\n'],
    ['a heredoc writes a manifest with cat >', 'cat > deploy.yaml <<EOF\nkind: Deployment\nname: $HOME\nEOF\ncat deploy.yaml', 'kind: Deployment\nname: /root\n'],
    ['a quoted heredoc is literal', "cat <<'EOF'\n$HOME `x`\nEOF", '$HOME `x`\n'],
    ['a heredoc with tabs stripped', 'cat <<-EOF\n\tindented\n\tEOF', 'indented\n'],
    ['two heredocs on one line', 'cat <<A; cat <<B\none\nA\ntwo\nB', 'one\ntwo\n'],
    ['a heredoc into a loop', 'while read x; do echo "[$x]"; done <<EOF\na\nb\nEOF', '[a]\n[b]\n'],
    ['a here-string', 'tr a-z A-Z <<< "hi there"', 'HI THERE\n'],
    ['redirecting a compound command', 'for i in 1 2; do echo $i; done > f; wc -l < f', '2\n'],
    ['|& pipes errors too', 'cat nofile |& wc -l', '1\n'],
  ])('%s', (_name, script, expected) => {
    const r = run(script);
    expect(r.stdout).toBe(expected);
  });

  it('writes files through the VirtualFS', () => {
    const fs = new MemoryFS();
    run('mkdir -p /work && cat > /work/x.yaml <<EOF\na: 1\nEOF', { fs });
    expect(fs.readFile('/work/x.yaml')).toBe('a: 1\n');
  });

  it('writes into the upper layer of an overlay and leaves the lower one alone', () => {
    const lower = new MemoryFS();
    lower.mkdir('/data');
    lower.writeFile('/data/in.yaml', 'from disk\n');
    const upper = new MemoryFS();
    const shell = testShell({}, { fs: new OverlayFS(upper, lower) });
    const r = runToEnd(shell, 'cat /data/in.yaml > /data/out.yaml; echo more >> /data/in.yaml; cat /data/in.yaml /data/out.yaml');
    expect(r.stdout).toBe('from disk\nmore\nfrom disk\n');
    expect(lower.readFile('/data/in.yaml')).toBe('from disk\n');
    expect(lower.stat('/data/out.yaml')).toBeUndefined();
    expect(upper.readFile('/data/out.yaml')).toBe('from disk\n');
  });
});

describe('effects and time', () => {
  it('passes every effect of a command through to the host', () => {
    const r = run('for i in 1 2 3; do tick; done', { commands: { tick } });
    expect(r.effects).toEqual([
      { type: 'sleep', ms: 1000 },
      { type: 'sleep', ms: 1000 },
      { type: 'sleep', ms: 1000 },
    ]);
    expect(r.status).toBe(0);
  });

  it('passes effects from inside command substitutions and pipelines', () => {
    const r = run('x=$(tick; echo done); tick | cat; echo $x', { commands: { tick } });
    expect(r.effects).toHaveLength(2);
    expect(r.stdout).toBe('done\n');
  });

  it('yields sleep effects for the sleep builtin', () => {
    expect(run('sleep 5s; sleep 0.5; sleep 1m30s').effects.map((e) => e.ms)).toEqual([5000, 500, 90000]);
  });

  it('stops a loop that never lets time pass, with a message and status 1', () => {
    const shell = testShell({}, { maxStepsWithoutTime: 500 });
    const r = runToEnd(shell, 'while true; do :; done; echo never');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('sh: stopped: 500 steps ran without any simulated time passing (an endless loop? put a sleep in it)\n');
  });

  it('stops endless recursion through command substitution too', () => {
    const shell = testShell({}, { maxStepsWithoutTime: 300 });
    expect(runToEnd(shell, 'until false; do x=$(echo y); done').status).toBe(1);
  });

  it('lets a loop that sleeps run for as long as the host allows', () => {
    const shell = testShell({}, { maxStepsWithoutTime: 50 });
    const r = runToEnd(shell, 'while true; do echo x > /dev/null; sleep 1; done', { maxEffects: 200 });
    expect(r.effects).toHaveLength(200);
    expect(r.stderr).toBe('');
  });

  it('closes the running command when the host interrupts, so its finally block runs', () => {
    const log: string[] = [];
    const watch: Command = () =>
      (function* (): CommandRun {
        try {
          for (;;) yield { type: 'sleep', ms: 1000 };
        } finally {
          log.push('watch closed');
        }
      })();
    const shell = testShell({ watch });
    let out = '';
    const gen = shell.run('echo before; watch; echo after', { stdin: '', stdout: (c) => void (out += c), stderr: () => {} });
    expect(gen.next().value).toEqual({ type: 'sleep', ms: 1000 });
    expect(gen.next().done).toBe(false);
    const end = gen.return(130);
    expect(end).toEqual({ done: true, value: 130 });
    expect(log).toEqual(['watch closed']);
    expect(out).toBe('before\n');
  });

  it('restores function scope when interrupted inside a function', () => {
    const shell = testShell({ tick });
    const gen = shell.run('x=global; f() { local x=inner; tick; }; f', { stdin: '', stdout: () => {}, stderr: () => {} });
    gen.next();
    gen.return(130);
    expect(runToEnd(shell, 'echo $x').stdout).toBe('global\n');
  });

  it('streams the output of a lone command as it is written', () => {
    const chunks: string[] = [];
    const effects: ShellEffect[] = [];
    const talk: Command = ({ io }) =>
      (function* (): CommandRun {
        io.stdout('first\n');
        yield { type: 'sleep', ms: 1 };
        io.stdout('second\n');
        return 0;
      })();
    const shell = testShell({ talk });
    const gen = shell.run('talk', { stdin: '', stdout: (c) => chunks.push(c), stderr: () => {} });
    const first = gen.next();
    effects.push(first.value as ShellEffect);
    expect(chunks).toEqual(['first\n']);
    gen.next();
    expect(chunks).toEqual(['first\n', 'second\n']);
  });

  it('gives nested scripts run through runScript the same shell', () => {
    const nested: Command = (ctx) => ctx.runScript('y=from-nested; echo $x', ctx.io);
    const r = run('x=outer; nested; echo $y', { commands: { nested } });
    expect(r.stdout).toBe('outer\nfrom-nested\n');
  });
});
