import { describe, expect, it } from 'vitest';
import { FlagError, FlagSet } from './flags.ts';

const fs = new FlagSet([
  { name: 'namespace', short: 'n', type: 'string', default: '', usage: '' },
  { name: 'all-namespaces', short: 'A', type: 'bool', default: false, usage: '' },
  { name: 'stdin', short: 'i', type: 'bool', default: false, usage: '' },
  { name: 'tty', short: 't', type: 'bool', default: false, usage: '' },
  { name: 'replicas', type: 'int', default: 0, usage: '' },
  { name: 'filename', short: 'f', type: 'stringSlice', default: [], usage: '' },
  { name: 'env', type: 'stringArray', default: [], usage: '' },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged', usage: '' },
]);

describe('kubectl flag parsing (pflag)', () => {
  it.each<[string, string[], Record<string, unknown>, string[]]>([
    ['a long flag with a separate value', ['--namespace', 'dev', 'pods'], { namespace: 'dev' }, ['pods']],
    ['a long flag with =', ['--namespace=dev'], { namespace: 'dev' }, []],
    ['a shorthand with a separate value', ['-n', 'dev'], { namespace: 'dev' }, []],
    ['a shorthand glued to its value', ['-ndev'], { namespace: 'dev' }, []],
    ['a shorthand with =', ['-n=dev'], { namespace: 'dev' }, []],
    ['grouped boolean shorthands', ['-it'], { stdin: true, tty: true }, []],
    ['a boolean set false explicitly', ['--all-namespaces=false', '-A=false'], { 'all-namespaces': false }, []],
    ['integers', ['--replicas=3'], { replicas: 3 }, []],
    ['comma lists accumulating over repeats', ['-f', 'a.yaml,b.yaml', '-f', 'c.yaml'], { filename: ['a.yaml', 'b.yaml', 'c.yaml'] }, []],
    ['string arrays keeping commas', ['--env', 'A=1,2', '--env=B=3'], { env: ['A=1,2', 'B=3'] }, []],
    ['a value-less --dry-run (NoOptDefVal)', ['--dry-run', 'pods'], { 'dry-run': 'unchanged' }, ['pods']],
    ['arguments after --', ['pod', '--', 'sh', '-c', 'ls'], {}, ['pod', 'sh', '-c', 'ls']],
  ])('reads %s', (_name, argv, values, args) => {
    const p = fs.parse(argv);
    for (const [k, v] of Object.entries(values)) expect(p.values.get(k)).toEqual(v);
    expect(p.args).toEqual(args);
  });

  it.each<[string, string[], string]>([
    ['an unknown long flag', ['--bogus'], 'unknown flag: --bogus'],
    ['an unknown shorthand', ['-z'], "unknown shorthand flag: 'z' in -z"],
    ['an unknown shorthand inside a group', ['-iz'], "unknown shorthand flag: 'z' in -iz"],
    ['a long flag missing its value', ['--namespace'], 'flag needs an argument: --namespace'],
    ['a shorthand missing its value', ['-n'], "flag needs an argument: 'n' in -n"],
    ['a bad boolean', ['--stdin=maybe'], 'invalid argument "maybe" for "stdin" flag: strconv.ParseBool: parsing "maybe": invalid syntax'],
    ['a bad integer', ['--replicas=three'], 'invalid argument "three" for "replicas" flag: strconv.ParseInt: parsing "three": invalid syntax'],
  ])('refuses %s with cobra\'s message', (_name, argv, message) => {
    expect(() => fs.parse(argv)).toThrow(new FlagError(message));
  });

  it('remembers the flags in the order typed, with their raw values', () => {
    expect(fs.parse(['-f', 'x.yaml', '--dry-run=client']).ordered).toEqual([
      { name: 'filename', raw: 'x.yaml' },
      { name: 'dry-run', raw: 'client' },
    ]);
  });
});
