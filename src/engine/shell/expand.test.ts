import { describe, expect, it } from 'vitest';
import { terminal } from './harness.ts';
import { splitForRead } from './expand.ts';

/** Prints each field of the expanded words on its own line, in brackets, to show splitting exactly. */
function fields(setup: string, words: string): string {
  return terminal(`${setup || ':'}; printf '[%s]\\n' ${words}`).stdout;
}

describe('parameter expansion', () => {
  it.each([
    ['$VAR and ${VAR}', 'V=x', '$V ${V}y', '[x]\n[xy]\n'],
    ['${VAR:-default} for unset and empty', 'E=', '${U:-d1} ${E:-d2} ${E-d3}', '[d1]\n[d2]\n'],
    ['${VAR:=x} assigns', 'unset A', '${A:=set} $A', '[set]\n[set]\n'],
    ['${VAR:+alt} when set', 'S=1', '${S:+alt} ${U:+alt}', '[alt]\n'],
    ['${#VAR} is the length', 'V=héllo', '${#V}', '[5]\n'],
    ['# and ## remove a prefix', 'P=a/b/c', '${P#*/} ${P##*/}', '[b/c]\n[c]\n'],
    ['% and %% remove a suffix', 'F=x.tar.gz', '${F%.*} ${F%%.*}', '[x.tar]\n[x]\n'],
    ['/ and // replace', 'S=banana', '${S/an/AN} ${S//an/AN} ${S/#b/B} ${S/%a/A}', '[bANana]\n[bANANa]\n[Banana]\n[bananA]\n'],
    ['an escaped slash in a replacement pattern, quoted or not', 'P=/a/b', '${P//\\//_} "${P//\\//-}"', '[_a_b]\n[-a-b]\n'],
    ['substrings', 'S=kubernetes', '${S:0:4} ${S:4} ${S: -3}', '[kube]\n[rnetes]\n[tes]\n'],
    ['case changes', 'S=Pod', '${S^^} ${S,,}', '[POD]\n[pod]\n'],
    ['$? $# $0 $$', 'set -- a b; false', '$? $# $0 $$', '[1]\n[2]\n[sh]\n[1]\n'],
    ['positional parameters', 'set -- a b c d e f g h i j', '$1 $9 ${10}', '[a]\n[i]\n[j]\n'],
  ])('%s', (_name, setup, words, expected) => {
    expect(fields(setup, words)).toBe(expected);
  });
});

describe('field splitting', () => {
  it.each([
    ['an unquoted expansion splits on blanks', 'V="a  b"', '$V', '[a]\n[b]\n'],
    ['a quoted expansion stays whole', 'V="a  b"', '"$V"', '[a  b]\n'],
    ['an empty unquoted expansion disappears', 'E=', '$E x', '[x]\n'],
    ['an empty quoted expansion stays', 'E=', '"$E" x', '[]\n[x]\n'],
    ['"$@" keeps each parameter whole', 'set -- "a b" c', '"$@"', '[a b]\n[c]\n'],
    ['"$@" with no parameters is no field', 'set --', '"$@" x', '[x]\n'],
    ['"$*" joins with the first IFS character', 'set -- a b; IFS=,', '"$*"', '[a,b]\n'],
    ['IFS non-blank characters delimit each field', 'IFS=:; V="a::b"', '$V', '[a]\n[]\n[b]\n'],
    ['literal text next to an expansion joins the first and last field', 'V="1 2"', 'x$V"y"', '[x1]\n[2y]\n'],
    ['command substitution splits too', '', '$(echo "a b")', '[a]\n[b]\n'],
  ])('%s', (_name, setup, words, expected) => {
    expect(fields(setup, words)).toBe(expected);
  });
});

describe('other expansions', () => {
  it.each([
    ['arithmetic', 'i=4', '$((i * 2 + 1))', '[9]\n'],
    ['nested command substitution', '', '"$(echo "$(echo in)")"', '[in]\n'],
    ['backticks', '', '`echo tick`', '[tick]\n'],
    ['tilde to HOME', '', '~ ~/x "~"', '[/root]\n[/root/x]\n[~]\n'],
    ['tilde after = in an assignment', 'P=~/bin:~/x', '$P', '[/root/bin:/root/x]\n'],
    ['brace lists', '', 'a{b,c}d', '[abd]\n[acd]\n'],
    ['brace sequences', '', '{1..3} {a..c} {01..03} {5..1..2}', '[1]\n[2]\n[3]\n[a]\n[b]\n[c]\n[01]\n[02]\n[03]\n[5]\n[3]\n[1]\n'],
    ['quoted braces stay', '', '"{a,b}" {single}', '[{a,b}]\n[{single}]\n'],
    ['globs match files, sorted', 'touch b.txt a.txt c.log .h.txt', '*.txt ?.log', '[a.txt]\n[b.txt]\n[c.log]\n'],
    ['a glob with no match stays as written', '', '*.none', '[*.none]\n'],
    ['a quoted glob stays literal', 'touch a.txt', '"*.txt"', '[*.txt]\n'],
    ['brackets in globs', 'touch a1 b1 c1', '[ab]1 [!a]1', '[a1]\n[b1]\n[b1]\n[c1]\n'],
    ['globs in subdirectories', 'mkdir -p d/e; touch d/e/x.yaml d/y.yaml', 'd/*.yaml d/*/*.yaml', '[d/y.yaml]\n[d/e/x.yaml]\n'],
    ['a glob from an unquoted variable', 'touch a.txt; G="*.txt"', '$G "$G"', '[a.txt]\n[*.txt]\n'],
  ])('%s', (_name, setup, words, expected) => {
    expect(fields(setup, words)).toBe(expected);
  });
});

describe('splitForRead', () => {
  it.each([
    ['splits on blanks', 'a b  c', ' \t\n', 3, ['a', 'b', 'c']],
    ['gives the rest to the last name', 'a b  c ', ' \t\n', 2, ['a', 'b  c']],
    ['keeps empty fields between non-blank delimiters', 'a,,b', ',', 3, ['a', '', 'b']],
    ['trims leading blanks', '   x', ' ', 1, ['x']],
  ])('%s', (_name, text, ifs, max, expected) => {
    expect(splitForRead(text, ifs, max)).toEqual(expected);
  });
});
