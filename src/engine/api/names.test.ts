import { describe, expect, it } from 'vitest';
import { aggregateMessage, errorString, FieldPath } from './field.ts';
import {
  dnsLabelNameWarning,
  generateName,
  goQuote,
  ipFamily,
  isCIdentifier,
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isEnvVarName,
  isQualifiedName,
  isValidCIDR,
  isValidIP,
  isValidLabelValue,
  isValidPathSegmentName,
  isValidPortName,
  isValidPortNum,
  nameIsDNSLabel,
  nameIsDNSSubdomain,
  nameValidatorFor,
  utf8Length,
  validateAnnotations,
  validateFinalizers,
  validateLabels,
  validateObjectMeta,
  validateObjectName,
  validateOwnerReferences,
  TOTAL_ANNOTATION_SIZE_LIMIT_BYTES,
} from './names.ts';

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const NAME_PART_MSG =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

/** Runs a validator over good and bad values, as validation_test.go does. */
function table(fn: (v: string) => string[], good: string[], bad: string[]) {
  it.each(good)('accepts %j', (v) => expect(fn(v)).toEqual([]));
  it.each(bad)('rejects %j', (v) => expect(fn(v).length).toBeGreaterThan(0));
}

describe('isDNS1123Label (validation_test.go)', () => {
  table(
    isDNS1123Label,
    ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '012', '1a', '1-a', '1--a--b--2', 'a'.repeat(63)],
    ['', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A', '-', 'a-', '-a', '1-', '-1', '_', 'a_', '_a', 'a_b', '1_', '_1', '1_2', '.', 'a.', '.a', 'a.b', '1.', '.1', '1.2', ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2', 'a'.repeat(64)],
  );
  it('explains what is wrong in Kubernetes words', () => {
    expect(isDNS1123Label('My_Name')).toEqual([LABEL_MSG]);
    expect(isDNS1123Label('a.b')).toEqual(['must not contain dots']);
    expect(isDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
    expect(isDNS1123Label('A'.repeat(64))).toEqual(['must be no more than 63 characters', LABEL_MSG]);
  });
});

describe('isDNS1123Subdomain (validation_test.go)', () => {
  table(
    isDNS1123Subdomain,
    ['a', 'ab', 'a--1--2--b', '0', '1--a--b--2', 'a.a', 'a-1.a', 'a.1', '0.a', '1-a.1', 'a.b.c.d.e', 'aa.bb.cc.dd.ee', '1.2.3.4.5', '11.22.33.44.55', 'a'.repeat(253)],
    ['', 'A', 'aBc', '-', 'a-', '-a', '_', 'a_b', '.', 'a.', '.a', 'a..b', '1.', '.1', '1..2', ' ', 'a b', 'A.a', 'aB.a', 'ab.A', '0.A', 'a.B.c.d.e', 'a@b', 'a,b', 'a;b', 'a:b', 'a%b', 'a?b', 'a$b', 'a'.repeat(254)],
  );
  it('gives the message a learner sees for Pod_Demo', () => {
    expect(isDNS1123Subdomain('Pod_Demo')).toEqual([SUBDOMAIN_MSG]);
    expect(isDNS1123Subdomain('a'.repeat(254))).toEqual(['must be no more than 253 characters']);
  });
});

describe('isDNS1035Label (validation_test.go)', () => {
  table(
    isDNS1035Label,
    ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', 'a'.repeat(63)],
    ['0', '01', '012', '1a', '1-a', '1--a--b--2', '', 'A', 'aBc', '-', 'a-', '-a', '_', 'a_b', '.', 'a.b', ' ', 'a b', 'a'.repeat(64)],
  );
  it('words its error as Kubernetes does', () => {
    expect(isDNS1035Label('1web')).toEqual([DNS1035_MSG]);
  });
});

describe('isCIdentifier, isEnvVarName, isConfigMapKey', () => {
  describe('isCIdentifier', () => {
    table(
      isCIdentifier,
      ['a', 'ab', 'abc', 'a1', '_a', 'a_', 'a_b', 'a_1', 'a__1__2__b', '__abc_123', 'A', 'AB', 'AbC', 'A1', '_A', 'A_', 'A_B', 'A_1', 'A__1__2__B', '__123_ABC'],
      ['', '1', '123', '1a', '-', 'a-', '-a', '1-', '-1', '1_', '1_2', '.', 'a.', '.a', 'a.b', '1.', '.1', '1.2', ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2', '#a#'],
    );
  });
  describe('isEnvVarName', () => {
    table(isEnvVarName, ['A', 'ABC', 'AbC123', '_123', 'a.b', 'a-b', '-a', '.a', 'a..b'], ['', '1A', 'a b', 'a=b', '.', '..', '..a']);
    it('reports both the format and the chdir prefix', () => {
      expect(isEnvVarName('..')).toEqual(["must not be '..'"]);
      expect(isEnvVarName('1a')).toEqual([
        "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')",
      ]);
    });
  });
  describe('isConfigMapKey', () => {
    table(isConfigMapKey, ['a', 'good', 'good-good', 'still.good', 'this.is.also.good', '.so.is.this', 'THIS_IS_GOOD', 'so_is_this_17'], ['.', '..', '..bad', 'b*d', 'bad!&bad']);
  });
});

describe('ports', () => {
  describe('isValidPortName', () => {
    table(
      isValidPortName,
      ['telnet', 're-mail-ck', 'pop3', 'a', 'a-1', '1-a', 'a-1-b-2-c', '1-a-2-b-3'],
      ['longerthan15characters', '', 'a'.repeat(16), '12345', '1-2-3-4', '-begin', 'end-', 'two--hyphens', 'whois++'],
    );
    it('lists every rule a name breaks', () => {
      expect(isValidPortName('-HTTP--')).toEqual([
        'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        'must contain at least one letter (a-z)',
        'must not contain consecutive hyphens',
        'must not begin or end with a hyphen',
      ]);
      expect(isValidPortName('a'.repeat(16))).toEqual(['must be no more than 15 characters']);
    });
  });
  it.each([1, 2, 1000, 16384, 32768, 65535])('accepts port %d', (p) => expect(isValidPortNum(p)).toEqual([]));
  it.each([0, -1, 65536, 100000])('rejects port %d', (p) => expect(isValidPortNum(p)).toEqual(['must be between 1 and 65535, inclusive']));
});

describe('isQualifiedName and isValidLabelValue', () => {
  describe('isQualifiedName', () => {
    table(
      isQualifiedName,
      ['simple', 'now-with-dashes', '1-starts-with-num', '1234', 'simple/simple', 'now-with-dashes/simple', 'now.with.dots/simple', '1-num.2-num/3-num', '1234/5678', '1.2.3.4/5678', 'Uppercase_Is_OK_123', 'example.com/Uppercase_Is_OK_123', 'requests.storage-foo', 'a'.repeat(63), 'a'.repeat(253) + '/' + 'b'.repeat(63)],
      ['nospecialchars%^=@', 'cantendwithadash-', '-cantstartwithadash-', 'only/one/slash', 'Example.com/abc', 'example_com/abc', 'example.com/', '/simple', 'a'.repeat(64), 'a'.repeat(254) + '/abc'],
    );
    it('prefixes the part that is wrong', () => {
      expect(isQualifiedName('/simple')).toEqual(['prefix part must be non-empty']);
      expect(isQualifiedName('example.com/')).toEqual(['name part must be non-empty', NAME_PART_MSG]);
      expect(isQualifiedName('Example.com/abc')).toEqual(['prefix part ' + SUBDOMAIN_MSG]);
      expect(isQualifiedName('a'.repeat(64))).toEqual(['name part must be no more than 63 characters']);
    });
  });
  describe('isValidLabelValue', () => {
    table(
      isValidLabelValue,
      ['simple', 'now-with-dashes', '1-starts-with-num', 'end-with-num-1', '1234', 'a'.repeat(63), ''],
      ['nospecialchars%^=@', 'Tama-nui-te-rā.is.Māori.sun', '\\backslashes\\are\\bad', '-starts-with-dash', 'ends-with-dash-', '.starts.with.dot', 'ends.with.dot.', 'a'.repeat(64)],
    );
  });
  it('counts length in UTF-8 bytes, as Go does', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('rā')).toBe(3);
    expect(utf8Length('수')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
    expect(isValidLabelValue('ā'.repeat(32))[0]).toBe('must be no more than 63 characters');
  });
});

describe('IP addresses and CIDRs, parsed sloppily as Kubernetes 1.30 does', () => {
  const ips: [string, 4 | 6 | null][] = [
    ['1.2.3.4', 4],
    ['0.0.0.0', 4],
    ['255.255.255.255', 4],
    ['1234::abcd', 6],
    ['::', 6],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 6],
    ['0:0:0:0:0:0:0:0', 6],
    ['0001:002:03:4::', 6],
    ['1234::ABCD', 6],
    ['1.1.1.01', 4],
    ['::ffff:1.1.1.1', 4],
    ['::1.2.3.4', 6],
    ['', null],
    ['aaaaaaa', null],
    ['myhost.mydomain', null],
    ['1.2.3.0/24', null],
    ['1.2.3.400', null],
    ['-1.0.0.0', null],
    ['2001:db8::10005', null],
    ['1.2.3.4:80', null],
    ['[2001:db8::1]', null],
    ['[2001:db8::1]:80', null],
    ['example.com:80', null],
    ['1234::abcd%eth0', null],
    ['169.254.0.0%eth0', null],
    ['1:2:3:4:5:6:7:8:9', null],
    ['1::2::3', null],
    ['1:2:3:4:5:6:7::8', null],
  ];
  it.each(ips)('reads %j as family %s', (ip, family) => {
    expect(ipFamily(ip)).toBe(family);
    expect(isValidIP(ip)).toEqual(family ? [] : ['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']);
  });

  const cidrs: [string, boolean][] = [
    ['1.0.0.0/8', true],
    ['0.0.0.0/0', true],
    ['1.1.1.1/32', true],
    ['2001:4860:4860::/48', true],
    ['::/0', true],
    ['::1/128', true],
    ['2a00:79e0:2:0::/64', true],
    ['2001:DB8::/64', true],
    ['1.1.01.0/24', true],
    ['::ffff:1.1.1.0/24', true],
    ['::ffff:1.1.1.0/120', true],
    ['1.2.3.4/24', true],
    ['2001:db8::1/64', true],
    ['192.168.0.0/016', true],
    ['', false],
    ['aaaaaaa', false],
    ['1.2.3.4', false],
    ['192.168.0.1/healthz', false],
    ['192.168.0.1/0/99', false],
    ['192.168.0.0/-16', false],
    ['192.168.0.0/+16', false],
    ['10.0.0.0/33', false],
  ];
  it.each(cidrs)('judges the CIDR %j valid: %s', (cidr, ok) => {
    expect(isValidCIDR(cidr)).toEqual(ok ? [] : ['must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)']);
  });
});

describe('object names', () => {
  it('gives the full field error for an invalid pod name', () => {
    expect(validateObjectName('Pod_Demo').map(errorString)).toEqual([`metadata.name: Invalid value: "Pod_Demo": ${SUBDOMAIN_MSG}`]);
  });

  it('uses each kind’s rule', () => {
    expect(validateObjectName('my.svc', nameValidatorFor('services')).map(errorString)).toEqual([
      `metadata.name: Invalid value: "my.svc": ${DNS1035_MSG}`,
    ]);
    expect(validateObjectName('kube.system', nameValidatorFor('namespaces')).map(errorString)).toEqual([
      'metadata.name: Invalid value: "kube.system": must not contain dots',
    ]);
    expect(validateObjectName('web.v1', nameValidatorFor('statefulsets.apps'))).toHaveLength(1);
    expect(validateObjectName('web.v1', nameValidatorFor('deployments.apps'))).toEqual([]);
    expect(validateObjectName('system:controller:x', nameValidatorFor('clusterroles.rbac.authorization.k8s.io'))).toEqual([]);
    expect(isValidPathSegmentName('..')).toEqual(["may not be '..'"]);
    expect(isValidPathSegmentName('a/b%c')).toEqual(["may not contain '/'", "may not contain '%'"]);
  });

  it('lets a generateName end with a dash, masking it as Kubernetes does', () => {
    expect(nameIsDNSSubdomain('web-', true)).toEqual([]);
    expect(nameIsDNSLabel('web-', true)).toEqual([]);
    expect(nameIsDNSSubdomain('web-', false)).toEqual([SUBDOMAIN_MSG]);
    // maskTrailingDash drops the character before the dash too: "a.-" becomes "aa", which passes.
    expect(nameIsDNSLabel('a.-', true)).toEqual([]);
  });

  it('appends five random characters to a generateName cut to 58', () => {
    const rand = { string: (n: number) => 'x'.repeat(n) };
    expect(generateName('web-', rand)).toBe('web-xxxxx');
    expect(generateName('a'.repeat(70), rand)).toBe('a'.repeat(58) + 'xxxxx');
  });

  it('warns when a workload name is not a DNS label', () => {
    expect(dnsLabelNameWarning('web', 'pod')).toBeUndefined();
    expect(dnsLabelNameWarning('web.v1', 'workload')).toBe(
      'metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]',
    );
    expect(dnsLabelNameWarning('web.v1', 'pod')).toBe(
      "metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]",
    );
  });
});

describe('labels, annotations, finalizers, owner references', () => {
  const path = FieldPath.root('metadata', 'labels');

  it('reports bad label keys and values against the labels path', () => {
    expect(validateLabels({ 'app.kubernetes.io/name': 'web', version: '' }, path)).toEqual([]);
    expect(validateLabels({ 'bad key': 'v', ok: '-bad-' }, path).map(errorString)).toEqual([
      `metadata.labels: Invalid value: "bad key": ${NAME_PART_MSG}`,
      `metadata.labels: Invalid value: "-bad-": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ]);
  });

  it('accepts annotation keys in any case and limits their total size (objectmeta_test.go)', () => {
    const ap = FieldPath.root('metadata', 'annotations');
    const good: Record<string, string>[] = [
      { simple: 'bar' },
      { 'now.with.dots/simple': 'bar' },
      { UpperCase123: 'bar' },
      { a: 'b'.repeat(TOTAL_ANNOTATION_SIZE_LIMIT_BYTES - 1) },
      { a: 'b'.repeat(TOTAL_ANNOTATION_SIZE_LIMIT_BYTES / 2 - 1), c: 'd'.repeat(TOTAL_ANNOTATION_SIZE_LIMIT_BYTES / 2 - 1) },
    ];
    for (const a of good) expect(validateAnnotations(a, ap)).toEqual([]);
    expect(validateAnnotations({ 'nospecialchars^=@': 'bar' }, ap)[0].detail).toContain('name part must consist of');
    expect(validateAnnotations({ 'only/one/slash': 'bar' }, ap)[0].detail).toContain('a qualified name must consist of');
    expect(validateAnnotations({ ['a'.repeat(254)]: 'bar' }, ap).map((e) => e.detail)).toEqual(['name part must be no more than 63 characters']);
    const big = validateAnnotations({ a: 'b'.repeat(TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) }, ap);
    expect(big).toHaveLength(1);
    expect(big[0].type).toBe('Too long');
    expect(big[0].field).toBe('metadata.annotations');
  });

  it('rejects conflicting and malformed finalizers', () => {
    const fp = FieldPath.root('metadata', 'finalizers');
    expect(validateFinalizers(['orphan', 'foregroundDeletion'], fp).map(errorString)).toEqual([
      'metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set',
    ]);
    expect(validateFinalizers(['example.com/cleanup', 'kubernetes'], fp)).toEqual([]);
    expect(validateFinalizers(['bad finalizer'], fp)).toHaveLength(1);
  });

  it('validates owner references (objectmeta_test.go)', () => {
    const ref = (kind: string, uid: string, controller?: boolean) => ({ apiVersion: 'customresourceVersion', kind, name: 'name', uid, controller });
    expect(validateOwnerReferences([ref('k', '1', false), ref('k', '2', true), ref('k', '3', false), ref('k', '4')])).toEqual([]);
    const two = validateOwnerReferences([ref('k1', '1', false), ref('k2', '2', true), ref('k3', '3', true)]);
    expect(two).toHaveLength(1);
    expect(two[0].detail).toBe('Only one reference can have Controller set to true. Found "true" in references for k2/name and k3/name');
    const event = validateOwnerReferences([{ apiVersion: 'v1', kind: 'Event', name: 'e', uid: '1' }]).map(errorString);
    expect(event).toEqual([
      'metadata.ownerReferences: Invalid value: v1.OwnerReference{APIVersion:"v1", Kind:"Event", Name:"e", UID:"1", Controller:(*bool)(nil), BlockOwnerDeletion:(*bool)(nil)}: /v1, Kind=Event is disallowed from being an owner',
    ]);
    expect(validateOwnerReferences([{ apiVersion: 'a/b/c', kind: '', name: '', uid: '' }]).map(errorString)).toEqual([
      'metadata.ownerReferences.apiVersion: Invalid value: "a/b/c": version must not be empty',
      'metadata.ownerReferences.kind: Invalid value: "": kind must not be empty',
      'metadata.ownerReferences.name: Invalid value: "": name must not be empty',
      'metadata.ownerReferences.uid: Invalid value: "": uid must not be empty',
    ]);
  });
});

describe('validateObjectMeta', () => {
  it('accepts a plain namespaced object', () => {
    expect(validateObjectMeta({ name: 'web', namespace: 'default' }, { namespaced: true })).toEqual([]);
  });

  it('reports name, namespace, generation, labels and finalizers in the apiserver order', () => {
    const errs = validateObjectMeta(
      { generateName: 'Web_', namespace: 'foo.bar', generation: -1, labels: { a: '-' }, finalizers: ['custom'] },
      { namespaced: true },
    ).map(errorString);
    expect(errs).toEqual([
      `metadata.generateName: Invalid value: "Web_": ${SUBDOMAIN_MSG}`,
      'metadata.name: Required value: name or generateName is required',
      'metadata.namespace: Invalid value: "foo.bar": must not contain dots',
      'metadata.generation: Invalid value: -1: must be greater than or equal to 0',
      expect.stringContaining('metadata.labels: Invalid value: "-": a valid label must be'),
      'metadata.finalizers[0]: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });

  it('requires a namespace on namespaced kinds and forbids it on cluster-scoped ones', () => {
    expect(validateObjectMeta({ name: 'web' }, { namespaced: true }).map(errorString)).toEqual(['metadata.namespace: Required value']);
    expect(validateObjectMeta({ name: 'n1', namespace: 'x' }, { namespaced: false }).map(errorString)).toEqual([
      'metadata.namespace: Forbidden: not allowed on this type',
    ]);
  });

  it('prints the aggregate the way kubectl shows a rejected pod', () => {
    const errs = validateObjectMeta({ name: 'Pod_Demo', namespace: 'default' }, { namespaced: true });
    expect(`The Pod "Pod_Demo" is invalid: ${aggregateMessage(errs)}`).toBe(
      `The Pod "Pod_Demo" is invalid: metadata.name: Invalid value: "Pod_Demo": ${SUBDOMAIN_MSG}`,
    );
  });
});

describe('goQuote', () => {
  it.each([
    ['abc', '"abc"'],
    ['a"b', '"a\\"b"'],
    ['a\\b', '"a\\\\b"'],
    ['tab\there', '"tab\\there"'],
    ['\x00', '"\\x00"'],
    ['rā', '"rā"'],
  ])('quotes %j as Go’s %%q does: %s', (s, want) => {
    expect(goQuote(s)).toBe(want);
  });
});
