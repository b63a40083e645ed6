import { describe, expect, it } from 'vitest';
import {
  convertFieldSelector,
  enhanceListErrorMessage,
  escapeValue,
  FieldSelectorError,
  fieldGetter,
  fieldSelectorError,
  fieldSelectorFromSet,
  fieldValue,
  parseFieldSelector,
  supportedFieldLabels,
  unescapeValue,
  type ObjectLike,
} from './fields.ts';

describe('parseFieldSelector (fields/selector_test.go)', () => {
  const good: [string, string][] = [
    ['x=a,y=b,z=c', 'x=a,y=b,z=c'],
    ['', ''],
    ['x!=a,y=b', 'x!=a,y=b'],
    ['x=a||y\\=b', 'x=a||y\\=b'],
    ['x=a\\=\\=b', 'x=a\\=\\=b'],
    ['x==y', 'x=y'],
    ['b=1,a=2', 'a=2,b=1'],
    ['x=a,a=x', 'a=x,x=a'],
    ['a=b,', 'a=b'],
    [',a=b', 'a=b'],
    ['=', ''],
    ['a=b,=', 'a=b'],
    ['x=,y=z', 'x=,y=z'],
    ['k=\\,,k2=v2', 'k2=v2,k=\\,'], // sorted by bytes: '2' < '='
    ['k=\\\\,k2=v2', 'k2=v2,k=\\\\'],
    ['함=수,목=록', '목=록,함=수'],
    ['status.phase = Running', 'status.phase = Running'],
  ];
  it.each(good)('parses %j and prints it as %j', (input, want) => {
    expect(parseFieldSelector(input).toString()).toBe(want);
  });

  const bad: [string, string][] = [
    ['x=a||y=b', 'invalid field selector: unescaped character in value: 61'],
    ['x==a==b', 'invalid field selector: unescaped character in value: 61'],
    ['x=a,b', "invalid selector: 'x=a,b'; can't understand 'b'"],
    ['x in (a)', "invalid selector: 'x in (a)'; can't understand 'x in (a)'"],
    ['x in (a,b,c)', "invalid selector: 'x in (a,b,c)'; can't understand 'b'"],
    ['x', "invalid selector: 'x'; can't understand 'x'"],
    ['x=a\\b', 'invalid field selector: invalid escape sequence: \\b'],
    ['x=a\\', 'invalid field selector: invalid escape sequence: \\'],
    ['x=a,y=b,c', "invalid selector: 'x=a,y=b,c'; can't understand 'c'"],
  ];
  it.each(bad)('rejects %j with %j', (input, message) => {
    expect(() => parseFieldSelector(input)).toThrow(FieldSelectorError);
    expect(() => parseFieldSelector(input)).toThrow(message);
  });

  it('splits a term at its first operator, trying != and == before =', () => {
    expect(parseFieldSelector('a!=b\\=c').requirements).toEqual([{ field: 'a', operator: '!=', value: 'b=c' }]);
    expect(() => parseFieldSelector('a=!=b')).toThrow('unescaped character in value: 61'); // splits at the first '='
    expect(() => parseFieldSelector('a!=b=c')).toThrow('unescaped character in value: 61');
    expect(parseFieldSelector('a==b').requirements).toEqual([{ field: 'a', operator: '=', value: 'b' }]);
    expect(parseFieldSelector('a!=\\=').requirements).toEqual([{ field: 'a', operator: '!=', value: '=' }]);
    expect(parseFieldSelector(' a = b ').requirements).toEqual([{ field: ' a ', operator: '=', value: ' b ' }]);
  });

  it('escapes and unescapes values (TestEscapeValue)', () => {
    const pairs: [string, string][] = [
      ['', ''],
      ['a', 'a'],
      ['=', '\\='],
      [',', '\\,'],
      ['\\', '\\\\'],
      ['\\=\\,\\', '\\\\\\=\\\\\\,\\\\'],
    ];
    for (const [raw, escaped] of pairs) {
      expect(escapeValue(raw)).toBe(escaped);
      expect(unescapeValue(escaped)).toBe(raw);
    }
    for (const invalid of ['\\', '\\\\\\', '\\a']) expect(() => unescapeValue(invalid)).toThrow('invalid escape sequence');
  });
});

describe('matching', () => {
  const set: Record<string, string> = { foo: 'bar', baz: 'blah', complex: '=value\\,\\' };
  const get = (f: string) => set[f];
  const cases: [string, boolean][] = [
    ['', true],
    ['foo=bar', true],
    ['baz=blah', true],
    ['foo=bar,baz=blah', true],
    ['foo=bar,baz=blah,complex=\\=value\\\\\\,\\\\', true],
    ['foo=blah', false],
    ['baz=bar', false],
    ['foo=bar,foobar=bar,baz=blah', false],
    ['foobar=', true],
    ['foobar!=', false],
    ['foo!=bar', false],
    ['foo!=x', true],
  ];
  it.each(cases)('matches %j: %s', (selector, want) => {
    expect(parseFieldSelector(selector).matches(get)).toBe(want);
  });

  it('builds a selector from a set and reports the exact match it needs', () => {
    const s = fieldSelectorFromSet({ 'metadata.name': 'web' });
    expect(s.toString()).toBe('metadata.name=web');
    expect(s.requiresExactMatch('metadata.name')).toBe('web');
    expect(parseFieldSelector('a!=b').requiresExactMatch('a')).toBeUndefined();
    expect(parseFieldSelector('test=').requiresExactMatch('test')).toBe('');
  });

  it('transforms terms and drops those that become empty (TestTransform)', () => {
    const s = parseFieldSelector('a=b,c=d,e=f');
    expect(s.transform((f, v) => (f === 'c' ? ['', ''] : [f, v])).toString()).toBe('a=b,e=f');
    expect(s.transform((f, v) => (f === 'a' ? ['x', 'y'] : [f, v])).toString()).toBe('x=y,c=d,e=f');
    expect(parseFieldSelector('a=b').transform(() => ['', '']).empty()).toBe(true);
  });
});

describe('field labels per resource', () => {
  it('lists what each resource accepts', () => {
    expect(supportedFieldLabels('pods')).toEqual([
      'metadata.name',
      'metadata.namespace',
      'spec.nodeName',
      'spec.restartPolicy',
      'spec.schedulerName',
      'spec.serviceAccountName',
      'spec.hostNetwork',
      'status.phase',
      'status.podIP',
      'status.podIPs',
      'status.nominatedNodeName',
      'spec.host',
    ]);
    expect(supportedFieldLabels('nodes')).toEqual(['metadata.name', 'spec.unschedulable']);
    expect(supportedFieldLabels('deployments.apps')).toEqual(['metadata.name', 'metadata.namespace']);
    expect(supportedFieldLabels('certificatesigningrequests.certificates.k8s.io')).toEqual(['metadata.name', 'spec.signerName']);
  });

  const errors: [string, string, string | undefined][] = [
    ['pods', 'foo=bar', 'field label not supported: foo'],
    ['pods', 'status.phase=Running,spec.nodeName=node-1', undefined],
    ['pods', 'spec.host=node-1', undefined],
    ['pods', 'metadata.labels=x', 'field label not supported: metadata.labels'],
    ['nodes', 'metadata.namespace=default', 'field label not supported: metadata.namespace'],
    ['nodes', 'spec.unschedulable=true', undefined],
    ['namespaces', 'status.phase=Active', undefined],
    ['namespaces', 'metadata.namespace=x', 'field label not supported: metadata.namespace'],
    ['events', 'involvedObject.name=web,type=Warning', undefined],
    ['events', 'regarding.name=web', 'field label not supported: regarding.name'],
    ['events.events.k8s.io', 'regarding.name=web', undefined],
    ['events.events.k8s.io', 'involvedObject.name=web', 'field label not supported: involvedObject.name'],
    ['secrets', 'type=Opaque', undefined],
    ['services', 'spec.type=NodePort', undefined],
    ['replicationcontrollers', 'status.replicas=1', undefined],
    ['jobs.batch', 'status.successful=1', undefined],
    ['jobs.batch', 'status.active=1', 'field label "status.active" not supported for Job'],
    ['replicasets.apps', 'status.replicas=1', '"status.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"'],
    ['deployments.apps', 'metadata.name=web', undefined],
    ['configmaps', 'data=x', '"data" is not a known field selector: only "metadata.name", "metadata.namespace"'],
    ['pods', 'b=1,a=2', 'field label not supported: a'], // terms are sorted before conversion
    ['pods', 'nonsense', "invalid selector: 'nonsense'; can't understand 'nonsense'"],
  ];
  it.each(errors)('on %s, %j gives %j', (resource, selector, want) => {
    expect(fieldSelectorError(resource, selector)).toBe(want);
  });

  it('rewrites the legacy spec.host to spec.nodeName', () => {
    expect(convertFieldSelector('pods', parseFieldSelector('spec.host=node-1')).toString()).toBe('spec.nodeName=node-1');
  });

  it('gives the full kubectl error line for an unsupported label', () => {
    const line =
      'Error from server (BadRequest): ' +
      enhanceListErrorMessage({ group: '', version: 'v1', resource: 'pods' }, '', 'foo=bar', fieldSelectorError('pods', 'foo=bar') ?? '');
    expect(line).toBe(
      'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo',
    );
    expect(enhanceListErrorMessage({ group: 'apps', version: 'v1', resource: 'deployments' }, '', '', 'x')).toBe(
      'Unable to list "apps/v1, Resource=deployments": x',
    );
  });
});

describe('fieldValue, as the registry GetAttrs offer them', () => {
  const pod = {
    metadata: { name: 'web', namespace: 'default' },
    spec: { containers: [], restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'default' },
    status: { phase: 'Pending', podIPs: [{ ip: '10.0.0.5' }, { ip: 'fd00::5' }], podIP: 'ignored' },
  };
  const cases: [string, ObjectLike, string, string][] = [
    ['pods', pod, 'metadata.name', 'web'],
    ['pods', pod, 'metadata.namespace', 'default'],
    ['pods', pod, 'spec.nodeName', ''],
    ['pods', pod, 'spec.hostNetwork', 'false'],
    ['pods', { spec: { hostNetwork: true } }, 'spec.hostNetwork', 'true'],
    ['pods', pod, 'spec.restartPolicy', 'Always'],
    ['pods', pod, 'status.phase', 'Pending'],
    ['pods', pod, 'status.podIP', '10.0.0.5'],
    ['pods', pod, 'status.podIPs', ''],
    ['pods', pod, 'status.nominatedNodeName', ''],
    ['nodes', { metadata: { name: 'n1' } }, 'spec.unschedulable', 'false'],
    ['nodes', { metadata: { name: 'n1' }, spec: { unschedulable: true } }, 'spec.unschedulable', 'true'],
    ['nodes', { metadata: { name: 'n1' } }, 'metadata.namespace', ''],
    ['jobs.batch', {}, 'status.successful', '0'],
    ['jobs.batch', { status: { succeeded: 3 } }, 'status.successful', '3'],
    ['replicationcontrollers', { status: { replicas: 2 } }, 'status.replicas', '2'],
    ['namespaces', { status: { phase: 'Terminating' } }, 'status.phase', 'Terminating'],
    ['secrets', { type: 'kubernetes.io/tls' }, 'type', 'kubernetes.io/tls'],
    ['services', { spec: { type: 'ClusterIP', clusterIP: '10.96.0.1' } }, 'spec.clusterIP', '10.96.0.1'],
    ['events', { source: { component: 'kubelet' } }, 'source', 'kubelet'],
    ['events', { reportingComponent: 'scheduler' }, 'source', 'scheduler'],
    ['events', { involvedObject: { kind: 'Pod', name: 'web' } }, 'involvedObject.kind', 'Pod'],
    ['events.events.k8s.io', { regarding: { name: 'web' } }, 'involvedObject.name', 'web'],
    ['events.events.k8s.io', { reportingController: 'kubelet' }, 'source', 'kubelet'],
    ['certificatesigningrequests.certificates.k8s.io', { spec: { signerName: 'kubernetes.io/kubelet-serving' } }, 'spec.signerName', 'kubernetes.io/kubelet-serving'],
    ['deployments.apps', { metadata: { name: 'd', namespace: 'ns' } }, 'metadata.namespace', 'ns'],
  ];
  it.each(cases)('on %s, gives %j the value of %s: %j', (resource, obj, field, want) => {
    expect(fieldValue(resource, obj, field)).toBe(want);
  });

  it('matches a converted selector against an object', () => {
    const sel = convertFieldSelector('pods', parseFieldSelector('status.phase=Pending,spec.host='));
    expect(sel.matches(fieldGetter('pods', pod))).toBe(true);
    const byIP = convertFieldSelector('pods', parseFieldSelector('status.podIPs=10.0.0.5'));
    expect(byIP.matches(fieldGetter('pods', pod))).toBe(false);
  });
});
