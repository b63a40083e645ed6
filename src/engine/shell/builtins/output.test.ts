import { describe, expect, it } from 'vitest';
import { terminal } from '../harness.ts';

describe('echo', () => {
  it.each([
    ['joins its arguments with spaces', 'echo a "b  c" d', 'a b  c d\n'],
    ['prints an empty line with no arguments', 'echo', '\n'],
    ['-n leaves out the newline', 'echo -n hi', 'hi'],
    ['-e interprets escapes', "echo -e 'a\\tb\\nc'", 'a\tb\nc\n'],
    ['without -e prints backslashes as they are', "echo 'a\\nb'", 'a\\nb\n'],
    ['-e \\c stops the output', "echo -e 'stop\\cnever'", 'stop'],
    ['-e reads octal and hex escapes', "echo -e '\\0101\\x42'", 'AB\n'],
    ['combined options', "echo -ne 'x\\n'", 'x\n'],
    ['a word that is not an option is printed', 'echo -x -- -n', '-x -- -n\n'],
  ])('%s', (_name, script, stdout) => {
    expect(terminal(script)).toEqual({ stdout, stderr: '', status: 0 });
  });
});

describe('printf', () => {
  it.each([
    ['%s and %d', "printf '%s is %d\\n' x 42", 'x is 42\n'],
    ['reuses the format for extra arguments', "printf '%s=%s\\n' a 1 b 2 c", 'a=1\nb=2\nc=\n'],
    ['widths, precision and flags', "printf '%5s|%-5s|%.2s|%05d|%+d|%x|%X|%o|%#x\\n' ab cd efgh 42 5 255 255 8 255", '   ab|cd   |ef|00042|+5|ff|FF|10|0xff\n'],
    ['floats round half to even like C', "printf '%.1f %.2f %e\\n' 2.25 3.14159 12345.678", '2.2 3.14 1.234568e+04\n'],
    ['%c takes the first character', "printf '%c%c\\n' hello world", 'hw\n'],
    ['%b interprets escapes in the argument', "printf '%b\\n' 'a\\tb'", 'a\tb\n'],
    ['%% prints a percent sign', "printf '100%%\\n'", '100%\n'],
    ['missing arguments are empty or zero', "printf '[%s][%d]\\n'", '[][0]\n'],
    ['a character constant is its code', 'printf \'%d\\n\' "\'A"', '65\n'],
    ['no trailing newline unless asked', 'printf abc', 'abc'],
  ])('%s', (_name, script, stdout) => {
    expect(terminal(script)).toEqual({ stdout, stderr: '', status: 0 });
  });

  it('complains about a number it cannot read, and still prints', () => {
    expect(terminal("printf '%d\\n' abc")).toEqual({ stdout: '0\n', stderr: 'sh: printf: abc: invalid number\n', status: 1 });
  });

  it('prints its usage without a format', () => {
    expect(terminal('printf')).toEqual({ stdout: '', stderr: 'printf: usage: printf [-v var] format [arguments]\n', status: 2 });
  });
});
