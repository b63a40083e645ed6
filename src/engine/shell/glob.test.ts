import { describe, expect, it } from 'vitest';
import { expandGlob, hasGlobChars, matchPattern } from './glob.ts';
import { MemoryFS } from './vfs.ts';

describe('matchPattern', () => {
  it.each([
    ['*', 'anything', true],
    ['*.yaml', 'deploy.yaml', true],
    ['*.yaml', 'deploy.yml', false],
    ['?', 'a', true],
    ['?', 'ab', false],
    ['[abc]x', 'bx', true],
    ['[!abc]x', 'bx', false],
    ['[^abc]x', 'dx', true],
    ['[a-c]', 'b', true],
    ['[[:digit:]]*', '9lives', true],
    ['[]]', ']', true],
    ['\\*', '*', true],
    ['\\*', 'x', false],
    ['a[', 'a[', true],
    ['*/x', 'a/b/x', true],
  ])('%s against %s is %s', (pattern, text, expected) => {
    expect(matchPattern(pattern, text)).toBe(expected);
  });

  it.each([
    ['*', true],
    ['a?', true],
    ['[ab]', true],
    ['a[', false],
    ['\\*', false],
    ['plain', false],
  ])('hasGlobChars(%j) is %s', (pattern, expected) => {
    expect(hasGlobChars(pattern)).toBe(expected);
  });
});

describe('expandGlob', () => {
  const fs = new MemoryFS();
  fs.mkdir('/w/d/e', true);
  for (const f of ['/w/a.yaml', '/w/b.yaml', '/w/.hidden.yaml', '/w/d/c.yaml', '/w/d/e/f.yaml']) fs.writeFile(f, '');

  it.each([
    ['*.yaml', '/w', ['a.yaml', 'b.yaml']],
    ['.*.yaml', '/w', ['.hidden.yaml']],
    ['*/*.yaml', '/w', ['d/c.yaml']],
    ['d/*/*', '/w', ['d/e/f.yaml']],
    ['/w/?.yaml', '/', ['/w/a.yaml', '/w/b.yaml']],
    ['*/', '/w', ['d/']],
    ['../a*', '/w/d', ['../a.yaml']],
    ['*.json', '/w', []],
  ])('expands %s in %s', (pattern, cwd, expected) => {
    expect(expandGlob(pattern, fs, cwd)).toEqual(expected);
  });
});
