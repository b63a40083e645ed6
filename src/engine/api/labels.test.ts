import { describe, expect, it } from 'vitest';
import { errorString, FieldPath } from './field.ts';
import {
  formatLabelSelector,
  labelSelectorAsSelector,
  newRequirement,
  parseSelector,
  Selector,
  SelectorError,
  selectorFromSet,
  tryParseSelector,
  validatedSelectorFromSet,
  validateLabelSelector,
} from './labels.ts';

const QUALIFIED_NAME_REGEX =
  "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('parseSelector accepts what labels.Parse accepts (selector_test.go)', () => {
  // [input, String() of the parsed selector]
  const cases: [string, string][] = [
    ['x=a,y=b,z=c', 'x=a,y=b,z=c'],
    ['', ''],
    ['x!=a,y=b', 'x!=a,y=b'],
    ['x=', 'x='],
    ['x= ', 'x='],
    ['x=,z= ', 'x=,z='],
    ['x= ,z= ', 'x=,z='],
    ['!x', '!x'],
    ['x>1', 'x>1'],
    ['x>1,z<5', 'x>1,z<5'],
    ['x==a', 'x==a'],
    ['x=a,a=x', 'a=x,x=a'],
    ['a=x,x=a', 'a=x,x=a'],
    ['\rx', 'x'],
    ['this-is-a-dns.domain.com/key-with-dash', 'this-is-a-dns.domain.com/key-with-dash'],
    ['this-is-another-dns.domain.com/key-with-dash in (so,what)', 'this-is-another-dns.domain.com/key-with-dash in (so,what)'],
    ['0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)', '0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)'],
    ['foo  in\t (abc)', 'foo in (abc)'],
    ['x notin\n (abc)', 'x notin (abc)'],
    ['x  notin\t\t\t(abc,def)', 'x notin (abc,def)'],
    ['x in (abc,)', 'x in (,abc)'],
    ['x in ()', 'x in ()'],
    ['x notin (abc,,def),bar,z in (),w', 'bar,w,x notin (,abc,def),z in ()'],
    ['x,y in (a)', 'x,y in (a)'],
    ['x notin ( )', 'x notin ()'],
    ['x notin (, a)', 'x notin (,a)'],
    ['a ', 'a'],
    ['a in (x,y,notin, z,in)', 'a in (in,notin,x,y,z)'],
    ['x in (b,a,b)', 'x in (a,b)'],
    ['in', 'in'],
    ['notin=in', 'notin=in'],
    ['environment in (production, qa),tier notin (frontend,backend),partition', 'environment in (production,qa),partition,tier notin (backend,frontend)'],
  ];
  it.each(cases)('parses %j and prints it as %j', (input, want) => {
    expect(parseSelector(input).toString()).toBe(want);
  });

  it('selects everything with the empty selector', () => {
    const s = parseSelector('');
    expect(s.empty()).toBe(true);
    expect(s.matches({ x: 'y' })).toBe(true);
    expect(s.matches(undefined)).toBe(true);
  });
});

describe('parseSelector rejects what labels.Parse rejects, with its messages', () => {
  const cases: [string, string][] = [
    ['x=a||y=b', `unable to parse requirement: values[0][x]: Invalid value: "a||y": ${LABEL_VALUE_MSG}`],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['x<a', `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['x,,y', "found ',', expected: identifier after ','"],
    [',x,y', "found ',', expected: !, identifier, or 'end of string'"],
    ['x nott in (y)', "unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt"],
    ['a in (xyz),', "found '', expected: identifier after ','"],
    ['a in (xyz)b notin ()', "found 'b', expected: ',' or 'end of string'"],
    ['a in (xyz abc)', "unable to parse requirement: found 'abc', expected: ',' or ')'"],
    ['a notin(', "unable to parse requirement: found '', expected: ',', ')' or identifier"],
    ['a (', "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
    ['(', "found '(', expected: !, identifier, or 'end of string'"],
    ['x in', "unable to parse requirement: found '' expected: '('"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['x=(', "unable to parse requirement: found '(', expected: identifier"],
    ['x=a b', "found 'b', expected: ',' or 'end of string'"],
    ['x in (a,,)', "unable to parse requirement: found ')', expected: ',', or identifier"],
    ['x in (a b)', "unable to parse requirement: found 'b', expected: ',' or ')'"],
    [
      'a/b/c',
      'unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name must consist of alphanumeric ' +
        `characters, '-', '_' or '.', and must start and end with an alphanumeric character ${QUALIFIED_NAME_REGEX} ` +
        "with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ],
    ['x=a@b', `unable to parse requirement: values[0][x]: Invalid value: "a@b": ${LABEL_VALUE_MSG}`],
    [
      'app=' + 'a'.repeat(64),
      `unable to parse requirement: values[0][app]: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`,
    ],
    [
      'x>1a',
      `unable to parse requirement: values[0]: Invalid value: "1a": for 'Gt', 'Lt' operators, the value must be an integer`,
    ],
  ];
  it.each(cases)('rejects %j', (input, message) => {
    expect(() => parseSelector(input)).toThrow(SelectorError);
    expect(tryParseSelector(input)).toEqual({ error: message });
  });

  it('names the field path it is given instead of <nil>', () => {
    expect(() => parseSelector('-a', FieldPath.root('spec', 'selector'))).toThrow(
      'unable to parse requirement: spec.selector: Invalid value: "-a": name part must consist of',
    );
  });
});

describe('matching (selector_test.go)', () => {
  const cases: [string, Record<string, string>, boolean][] = [
    ['', { x: 'y' }, true],
    ['x=y', { x: 'y' }, true],
    ['x=y,z=w', { x: 'y', z: 'w' }, true],
    ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
    ['notin=in', { notin: 'in' }, true],
    ['x', { x: 'z' }, true],
    ['!x', { y: 'z' }, true],
    ['x>1', { x: '2' }, true],
    ['x<1', { x: '0' }, true],
    ['x=z', {}, false],
    ['x=y', { x: 'z' }, false],
    ['x=y,z=w', { x: 'w', z: 'w' }, false],
    ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
    ['x', { y: 'z' }, false],
    ['!x', { x: 'z' }, false],
    ['x>1', { x: '0' }, false],
    ['x<1', { x: '2' }, false],
    ['x>1', { x: 'v2' }, false],
    ['x>1', {}, false],
    ['x notin (a)', {}, true],
    ['x!=a', {}, true],
    ['x in ()', { x: '' }, true],
    ['x in ()', { y: 'baz' }, false],
    ['foo=bar,baz=blah', { foo: 'bar', baz: 'blah' }, true],
    ['foo=bar,foobar=bar,baz=blah', { foo: 'bar', baz: 'blah' }, false],
    ['constructor', {}, false],
  ];
  it.each(cases)('matches %j against %j: %s', (selector, labels, want) => {
    expect(parseSelector(selector).matches(labels)).toBe(want);
  });

  it('treats missing labels as an empty set', () => {
    expect(parseSelector('x!=a').matches(undefined)).toBe(true);
    expect(parseSelector('x=a').matches(null)).toBe(false);
  });
});

describe('requirements, for indexes', () => {
  it('exposes the equality requirements sorted by key', () => {
    const s = parseSelector('tier=web,app in (nginx)');
    expect(s.requirements).toEqual([
      { key: 'app', operator: 'in', values: ['nginx'] },
      { key: 'tier', operator: '=', values: ['web'] },
    ]);
    expect(s.requiresExactMatch('app')).toBe('nginx');
    expect(s.requiresExactMatch('tier')).toBe('web');
    expect(s.requiresExactMatch('none')).toBeUndefined();
    expect(parseSelector('app!=x').requiresExactMatch('app')).toBeUndefined();
  });

  it('adds requirements and sorts them again', () => {
    const s = parseSelector('b=1').add(newRequirement('a', 'exists', []));
    expect(s.toString()).toBe('a,b=1');
  });

  const ctor: [string, string, string[], string | undefined][] = [
    ['x1', 'in', [], `values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty`],
    ['x5', '=', ['bar', 'foo'], `values: Invalid value: []string{"bar", "foo"}: exact-match compatibility requires one single value`],
    ['x8', 'exists', ['foo'], `values: Invalid value: []string{"foo"}: values set must be empty for exists and does not exist`],
    ['x13', 'gt', [], `values: Invalid value: []string{}: for 'Gt', 'Lt' operators, exactly one value is required`],
    ['x14', 'gt', ['bar'], `values[0]: Invalid value: "bar": for 'Gt', 'Lt' operators, the value must be an integer`],
    [
      'x18',
      'unsupportedOp',
      [],
      'operator: Unsupported value: "unsupportedOp": supported values: "in", "notin", "=", "==", "!=", "gt", "lt", "exists", "!"',
    ],
    ['x17', '=', ['a b'], `values[0][x17]: Invalid value: "a b": ${LABEL_VALUE_MSG}`],
    ['x3', 'in', ['foo'], undefined],
    ['x11', 'gt', ['1'], undefined],
  ];
  it.each(ctor)('constructs %s %s %j with error %j', (key, op, values, message) => {
    if (message === undefined) expect(() => newRequirement(key, op, values)).not.toThrow();
    else expect(() => newRequirement(key, op, values)).toThrow(message);
  });

  it('aggregates several errors in brackets', () => {
    expect(() => newRequirement('a/b/c', 'in', [])).toThrow(/^\[key: Invalid value: "a\/b\/c": .*, values: Invalid value: \[\]string\{\}: /);
  });
});

describe('selectorFromSet', () => {
  it('selects exactly the set, sorted by key', () => {
    const s = selectorFromSet({ tier: 'web', app: 'nginx' });
    expect(s.toString()).toBe('app=nginx,tier=web');
    expect(s.matches({ app: 'nginx', tier: 'web', extra: 'x' })).toBe(true);
    expect(s.matches({ app: 'nginx' })).toBe(false);
  });

  it('selects everything for an empty or missing set', () => {
    expect(selectorFromSet({}).empty()).toBe(true);
    expect(selectorFromSet(undefined).matches({ a: 'b' })).toBe(true);
  });

  it('does not validate, unlike validatedSelectorFromSet', () => {
    expect(selectorFromSet({ foo: '=blah' }).matches({ foo: 'bar' })).toBe(false);
    expect(() => validatedSelectorFromSet({ foo: '=blah' })).toThrow('values[0][foo]: Invalid value: "=blah"');
  });
});

describe('metav1.LabelSelector', () => {
  it('selects nothing for a null selector and everything for an empty one', () => {
    expect(labelSelectorAsSelector(null).matches({ a: 'b' })).toBe(false);
    expect(labelSelectorAsSelector(null).empty()).toBe(false);
    expect(labelSelectorAsSelector(undefined)).toBe(Selector.NOTHING);
    expect(labelSelectorAsSelector({}).matches({ a: 'b' })).toBe(true);
    expect(labelSelectorAsSelector({ matchLabels: {}, matchExpressions: [] }).empty()).toBe(true);
  });

  it('converts matchLabels and matchExpressions and matches like the parsed string', () => {
    const s = labelSelectorAsSelector({
      matchLabels: { app: 'nginx' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['frontend', 'backend'] },
        { key: 'env', operator: 'NotIn', values: ['dev'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'team', operator: 'Exists' },
      ],
    });
    expect(s.toString()).toBe('app=nginx,!canary,env notin (dev),team,tier in (backend,frontend)');
    expect(s.matches({ app: 'nginx', tier: 'backend', team: 'a' })).toBe(true);
    expect(s.matches({ app: 'nginx', tier: 'backend', team: 'a', canary: 'y' })).toBe(false);
    expect(s.matches({ app: 'nginx', tier: 'backend', team: 'a', env: 'dev' })).toBe(false);
  });

  it('reports an unknown operator and bad requirements as Kubernetes does', () => {
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Foo' }] })).toThrow(
      '"Foo" is not a valid label selector operator',
    );
    expect(() => labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'In' }] })).toThrow(
      "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    );
  });

  it.each([
    [{ matchLabels: { app: 'nginx' } }, 'app=nginx'],
    [{ matchLabels: { app: 'nginx', tier: 'web' } }, 'app=nginx,tier=web'],
    [null, '<none>'],
    [{}, '<none>'],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: ['b', 'a', 'a'] }] }, 'a in (a,a,b)'],
    [{ matchExpressions: [{ key: 'a', operator: 'Bogus' }] }, '<error>'],
  ])('formats %j as %s for kubectl describe', (ls, want) => {
    expect(formatLabelSelector(ls)).toBe(want);
  });

  it('validates a selector with ValidateLabelSelector’s paths and messages', () => {
    const errs = validateLabelSelector(
      {
        matchLabels: { 'a b': 'c', ok: 'bad value' },
        matchExpressions: [
          { key: 'a', operator: 'In' },
          { key: 'b', operator: 'Exists', values: ['x'] },
          { key: 'c', operator: 'Bad' },
          { key: '-d', operator: 'NotIn', values: ['-'] },
        ],
      },
      FieldPath.root('spec', 'selector'),
    ).map(errorString);
    expect(errs).toEqual([
      `spec.selector.matchLabels: Invalid value: "a b": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character ${QUALIFIED_NAME_REGEX}`,
      `spec.selector.matchLabels: Invalid value: "bad value": ${LABEL_VALUE_MSG}`,
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      'spec.selector.matchExpressions[2].operator: Invalid value: "Bad": not a valid selector operator',
      `spec.selector.matchExpressions[3].key: Invalid value: "-d": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character ${QUALIFIED_NAME_REGEX}`,
      `spec.selector.matchExpressions[3].values[0]: Invalid value: "-": ${LABEL_VALUE_MSG}`,
    ]);
    expect(validateLabelSelector(null, FieldPath.root('spec', 'selector'))).toEqual([]);
  });
});
