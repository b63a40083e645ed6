import { describe, expect, it } from 'vitest';
import type { Command, SimpleCommand, Word, WordPart } from './ast.ts';
import { isIncomplete, parseScript, ParseError } from './parser.ts';

/** A compact picture of a word: quoting shown as in the source. */
function show(word: Word): string {
  const part = (p: WordPart): string => {
    switch (p.kind) {
      case 'lit': return p.value;
      case 'quoted': return `'${p.value}'`;
      case 'dq': return `"${p.parts.map(part).join('')}"`;
      case 'param': return `\${${p.length ? '#' : ''}${p.name}${p.op ?? ''}${p.arg ? p.arg.map(part).join('') : ''}}`;
      case 'cmdsub': return `$(${p.script})`;
      case 'arith': return `$((${p.expr}))`;
      case 'badsubst': return `!bad(${p.text})`;
    }
  };
  return word.parts.map(part).join('');
}

function only(source: string): Command {
  const lists = parseScript(source);
  expect(lists).toHaveLength(1);
  expect(lists[0]!.items).toHaveLength(1);
  const pipeline = lists[0]!.items[0]!.first;
  expect(pipeline.commands).toHaveLength(1);
  return pipeline.commands[0]!;
}

function simple(source: string): SimpleCommand {
  const cmd = only(source);
  if (cmd.kind !== 'simple') throw new Error(`expected a simple command, got ${cmd.kind}`);
  return cmd;
}

describe('words', () => {
  it.each([
    ['plain words split on blanks', 'echo a  b', ['echo', 'a', 'b']],
    ['single quotes keep everything literal', `echo 'a $b "c"'`, ['echo', `'a $b "c"'`]],
    ['double quotes keep expansions inside', 'echo "a $b"', ['echo', '"\'a \'${b}"']],
    ['escapes in double quotes leave only the escaped character', 'echo "\\"\\$\\\\x\\y"', ['echo', `"'"''$''\\''x\\y'"`]],
    ['a backslash quotes the next character', 'echo a\\ b', ['echo', "a' 'b"]],
    ['a backslash-newline joins lines', 'echo ab\\\ncd', ['echo', 'abcd']],
    ['parameter forms', 'echo $A ${B} ${C:-d} ${#E} $1 $? $@', ['echo', '${A}', '${B}', '${C:-d}', '${#E}', '${1}', '${?}', '${@}']],
    ['command substitution, nested', 'echo $(echo $(date))', ['echo', '$(echo $(date))']],
    ['backticks', 'echo `echo hi`', ['echo', '$(echo hi)']],
    ['arithmetic', 'echo $((1 + (2*3)))', ['echo', '$((1 + (2*3)))']],
    ['$( ( … ) ) is a subshell, not arithmetic', 'echo $( (echo a); echo b )', ['echo', '$( (echo a); echo b )']],
    ['a case inside $( … ) does not end it early', 'echo $(case x in x) echo y;; esac)', ['echo', '$(case x in x) echo y;; esac)']],
    ['$\'…\' decodes C escapes', "echo $'a\\tb'", ['echo', "'a\tb'"]],
    ['a comment ends the line', 'echo a # b c', ['echo', 'a']],
    ['a # inside a word is not a comment', 'echo a#b', ['echo', 'a#b']],
    ['a lone $ is a character', 'echo $ a$', ['echo', '$', 'a$']],
    ['a malformed ${…} is a bad substitution at run time', 'echo ${x!}', ['echo', '!bad(${x!})']],
  ])('%s', (_name, source, expected) => {
    expect(simple(source).words.map(show)).toEqual(expected);
  });
});

describe('simple commands', () => {
  it('takes leading NAME=value words as assignments', () => {
    const cmd = simple('A=1 B="x y" cmd C=3');
    expect(cmd.assignments.map((a) => `${a.name}=${show(a.value)}`)).toEqual(['A=1', 'B="\'x y\'"']);
    expect(cmd.words.map(show)).toEqual(['cmd', 'C=3']);
  });

  it('reads A+=x as an appending assignment', () => {
    expect(simple('A+=x').assignments[0]).toMatchObject({ name: 'A', append: true });
  });

  it.each([
    ['>', 'echo a > f', { op: '>' }],
    ['>>', 'echo a >> f', { op: '>>' }],
    ['<', 'cat < f', { op: '<' }],
    ['2>', 'cmd 2> err', { op: '>', fd: 2 }],
    ['2>>', 'cmd 2>> err', { op: '>>', fd: 2 }],
    ['2>&1', 'cmd 2>&1', { op: '>&', fd: 2 }],
    ['>&2', 'cmd >&2', { op: '>&' }],
    ['&>', 'cmd &> all', { op: '&>' }],
    ['N>/dev/null', 'cmd 3>/dev/null', { op: '>', fd: 3 }],
    ['<<<', 'cat <<< word', { op: '<<<' }],
  ])('parses the %s redirection', (_name, source, expected) => {
    expect(simple(source).redirects[0]).toMatchObject(expected);
  });
});

describe('here-documents', () => {
  it('reads the body after the line and expands it when the delimiter is bare', () => {
    const cmd = simple('cat <<EOF\nhello $NAME\nEOF\n');
    const doc = cmd.redirects[0]!.heredoc!;
    expect(doc).toMatchObject({ delimiter: 'EOF', quoted: false });
    expect(show(doc.body)).toBe("'hello '${NAME}'\n'");
  });

  it.each([
    ["<<'EOF'", "cat <<'EOF'\n$x\nEOF"],
    ['<<"EOF"', 'cat <<"EOF"\n$x\nEOF'],
    ['<<\\EOF', 'cat <<\\EOF\n$x\nEOF'],
  ])('takes the body literally with %s', (_name, source) => {
    const doc = simple(source).redirects[0]!.heredoc!;
    expect(doc.quoted).toBe(true);
    expect(doc.body.raw).toBe('$x\n');
  });

  it('strips leading tabs with <<-', () => {
    const doc = simple('cat <<-EOF\n\t\tindented\n\tEOF\n').redirects[0]!.heredoc!;
    expect(doc.body.raw).toBe('indented\n');
  });

  it('reads several here-documents on one line in order', () => {
    const lists = parseScript('cat <<A; cat <<B\none\nA\ntwo\nB\necho after');
    const bodies = lists[0]!.items.map((i) => (i.first.commands[0] as SimpleCommand).redirects[0]!.heredoc!.body.raw);
    expect(bodies).toEqual(['one\n', 'two\n']);
    expect(lists).toHaveLength(2);
  });

  it('reads a here-document inside a loop body', () => {
    const cmd = only('for i in 1; do\ncat <<EOF\nbody\nEOF\ndone');
    expect(cmd.kind).toBe('for');
  });
});

describe('compound commands', () => {
  it.each([
    ['if/elif/else', 'if a; then b; elif c; then d; else e; fi', 'if'],
    ['while', 'while true; do :; done', 'while'],
    ['until', 'until false; do :; done', 'until'],
    ['for … in', 'for x in a b; do echo $x; done', 'for'],
    ['for without in', 'for x; do echo $x; done', 'for'],
    ['for over newlines', 'for x in a b\ndo\n echo $x\ndone', 'for'],
    ['arithmetic for', 'for ((i=0; i<3; i++)); do echo $i; done', 'arithfor'],
    ['case', 'case $x in a|b) echo ab;; (c) echo c;; *) ;; esac', 'case'],
    ['a brace group', '{ echo a; echo b; }', 'group'],
    ['a subshell', '(cd /tmp; ls)', 'subshell'],
    ['an arithmetic command', '(( x > 1 ))', 'arith'],
    ['a conditional command', '[[ $x == a* && -f $y ]]', 'cond'],
    ['a function', 'f() { echo hi; }', 'function'],
    ['a function with the keyword', 'function f { echo hi; }', 'function'],
  ])('parses %s', (_name, source, kind) => {
    expect(only(source).kind).toBe(kind);
  });

  it('keeps the patterns and bodies of case items', () => {
    const cmd = only('case $x in a|b) echo ab;; *) echo other;; esac');
    if (cmd.kind !== 'case') throw new Error('not a case');
    expect(cmd.items.map((i) => i.patterns.map(show))).toEqual([['a', 'b'], ['*']]);
  });

  it('parses pipelines, negation and and-or lists', () => {
    const [list] = parseScript('! a | b && c || d');
    const item = list!.items[0]!;
    expect(item.first.negate).toBe(true);
    expect(item.first.commands).toHaveLength(2);
    expect(item.rest.map((r) => r.op)).toEqual(['&&', '||']);
  });

  it('lets a pipeline continue on the next line after |', () => {
    const [list] = parseScript('echo a |\n  grep a');
    expect(list!.items[0]!.first.commands).toHaveLength(2);
  });
});

describe('syntax errors', () => {
  it.each([
    ['a stray fi', 'fi', "syntax error near unexpected token `fi'"],
    ['a then without if', 'echo a; then', "syntax error near unexpected token `then'"],
    ['a leading pipe', '| grep a', "syntax error near unexpected token `|'"],
    ['a redirection without a target', 'echo >', "syntax error near unexpected token `newline'"],
    ['an empty then', 'if true; then fi', "syntax error near unexpected token `fi'"],
    ['a stray )', ')', "syntax error near unexpected token `)'"],
    ['a double ;', 'echo a; ;', "syntax error near unexpected token `;'"],
    ['an unclosed if', 'if true; then echo', 'syntax error: unexpected end of file'],
    ['a trailing &&', 'echo a &&', 'syntax error: unexpected end of file'],
    ['an open double quote', 'echo "abc', "unexpected EOF while looking for matching `\"'"],
    ['an open single quote', "echo 'abc", "unexpected EOF while looking for matching `''"],
    ['an open command substitution', 'echo $(ls', "unexpected EOF while looking for matching `)'"],
  ])('reports %s as bash does', (_name, source, message) => {
    expect(() => parseScript(source)).toThrow(message);
  });

  it('gives the line of the error', () => {
    try {
      parseScript('echo a\necho b\nfi');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ParseError);
      expect((e as ParseError).line).toBe(3);
    }
  });
});

describe('isIncomplete', () => {
  it.each([
    ['an open double quote', 'echo "abc', true],
    ['an open single quote', "echo 'abc", true],
    ['an open here-document', 'cat <<EOF\nline', true],
    ['a here-document not yet started', 'cat <<EOF', true],
    ['a trailing pipe', 'kubectl get pods |', true],
    ['a trailing &&', 'make &&', true],
    ['a trailing ||', 'make ||', true],
    ['a trailing backslash', 'echo a \\', true],
    ['an unclosed if', 'if true; then', true],
    ['an unclosed while', 'while true; do', true],
    ['an unclosed for', 'for i in 1 2', true],
    ['an unclosed case', 'case x in', true],
    ['an unclosed brace group', '{ echo a', true],
    ['an unclosed subshell', '(echo a', true],
    ['an unclosed command substitution', 'echo $(date', true],
    ['an unclosed function body', 'f() {', true],
    ['an unclosed [[', '[[ $x == a &&', true],
    ['a complete command', 'kubectl get pods -o wide | grep Running | wc -l', false],
    ['a closed here-document', 'cat <<EOF\nx\nEOF', false],
    ['a complete loop', 'for i in 1 2 3; do echo $i; done', false],
    ['a plain syntax error (running it reports the error)', 'fi', false],
    ['an empty line', '', false],
    ['a comment with a quote in it', "echo hi # don't", false],
  ])('says %s is %s', (_name, source, expected) => {
    expect(isIncomplete(source)).toBe(expected);
  });
});
