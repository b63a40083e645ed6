import { describe, expect, it } from 'vitest';
import { errorString } from '../field.ts';
import { clone, type KubeObject } from '../object.ts';
import { coreDefaulters } from '../defaults/core.ts';
import { coreValidators } from './core.ts';

type Json = Record<string, unknown>;

const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const CONFIG_KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const QTY = (value: number, scale: number, s: string, format = 'DecimalSI') =>
  `resource.Quantity{i:resource.int64Amount{value:${value}, scale:${scale}}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"${s}", Format:"${format}"}`;

function create(resource: string, o: Json): string[] {
  const obj = clone(o) as unknown as KubeObject;
  coreDefaulters[resource]?.(obj);
  return coreValidators[resource].validate(obj).map(errorString);
}

function update(resource: string, next: Json, old: Json): string[] {
  const n = clone(next) as unknown as KubeObject;
  const o = clone(old) as unknown as KubeObject;
  coreDefaulters[resource]?.(n);
  coreDefaulters[resource]?.(o);
  const v = coreValidators[resource];
  return [...v.validate(n), ...(v.validateUpdate?.(n, o) ?? [])].map(errorString);
}

const meta = (name: string, namespace?: string): Json => (namespace ? { name, namespace } : { name });

describe('Namespace validation', () => {
  it.each([
    ['a namespace name is a DNS label', { metadata: meta('Dev_Team') }, [`metadata.name: Invalid value: "Dev_Team": ${LABEL_MSG}`]],
    ['a dotted name is not a label', { metadata: meta('dev.team') }, ['metadata.name: Invalid value: "dev.team": must not contain dots']],
    ['a namespace is not namespaced', { metadata: meta('dev', 'default') }, ['metadata.namespace: Forbidden: not allowed on this type']],
    [
      'spec finalizers are standard or qualified',
      { metadata: meta('dev'), spec: { finalizers: ['cleanup'] } },
      ['spec.finalizers: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified'],
    ],
    ['kube-system is a fine name', { metadata: meta('kube-system') }, []],
  ] as [string, Json, string[]][])('%s', (_name, o, expected) => {
    expect(create('namespaces', o)).toEqual(expected);
  });
});

describe('ConfigMap validation', () => {
  it.each([
    ['keys are config keys', { metadata: meta('cfg', 'default'), data: { 'bad key': 'x', 'good.key': 'y' } }, [`data[bad key]: Invalid value: "bad key": ${CONFIG_KEY_MSG}`]],
    [
      'a key may not be in data and binaryData at once',
      { metadata: meta('cfg', 'default'), data: { a: 'x' }, binaryData: { a: 'eA==' } },
      ['data[a]: Invalid value: "a": duplicate of key present in binaryData'],
    ],
    ['the whole map is at most 1 MiB', { metadata: meta('cfg', 'default'), data: { big: 'x'.repeat(1024 * 1024 + 1) } }, ['[]: Too long: must have at most 1048576 bytes']],
    ['the notes fly-config is valid', { metadata: meta('fly-config', 'default'), data: { FLY_NAME: 'fly', 'application.yaml': 'name: fly\n' } }, []],
  ] as [string, Json, string[]][])('%s', (_name, o, expected) => {
    expect(create('configmaps', o)).toEqual(expected);
  });

  it('an immutable ConfigMap keeps its data and stays immutable', () => {
    const old = { metadata: meta('cfg', 'default'), data: { a: 'x' }, immutable: true };
    expect(update('configmaps', { ...old, data: { a: 'y' } }, old)).toEqual(['data: Forbidden: field is immutable when `immutable` is set']);
    expect(update('configmaps', { ...old, immutable: false }, old)).toEqual(['immutable: Forbidden: field is immutable when `immutable` is set']);
  });

  it('a mutable ConfigMap may change', () => {
    const old = { metadata: meta('cfg', 'default'), data: { a: 'x' } };
    expect(update('configmaps', { ...old, data: { a: 'y' } }, old)).toEqual([]);
  });
});

describe('Secret validation', () => {
  it.each([
    ['keys are config keys', { metadata: meta('s', 'default'), data: { 'a/b': 'eA==' } }, [`data[a/b]: Invalid value: "a/b": ${CONFIG_KEY_MSG}`]],
    ['data decodes to at most 1 MiB', { metadata: meta('s', 'default'), data: { big: 'A'.repeat(1398104) } }, ['data: Too long: must have at most 1048576 bytes']],
    ['a docker config secret holds its key', { metadata: meta('s', 'default'), type: 'kubernetes.io/dockerconfigjson', data: {} }, ['data[.dockerconfigjson]: Required value']],
    [
      'a docker config secret holds JSON',
      { metadata: meta('s', 'default'), type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': 'bm90IGpzb24=' } },
      ["data[.dockerconfigjson]: Invalid value: \"<secret contents redacted>\": invalid character 'n' looking for beginning of value"],
    ],
    [
      'a TLS secret holds a certificate and a key',
      { metadata: meta('s', 'default'), type: 'kubernetes.io/tls', data: {} },
      ['data[tls.crt]: Required value', 'data[tls.key]: Required value'],
    ],
    [
      'a service account token names its account',
      { metadata: meta('s', 'default'), type: 'kubernetes.io/service-account-token' },
      ['metadata.annotations[kubernetes.io/service-account.name]: Required value'],
    ],
    [
      'the notes Harbor pull secret is valid',
      { metadata: meta('harbor-login', 'default'), type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': 'eyJhdXRocyI6e319' } },
      [],
    ],
  ] as [string, Json, string[]][])('%s', (_name, o, expected) => {
    expect(create('secrets', o)).toEqual(expected);
  });

  it('the type of a secret never changes', () => {
    const old = { metadata: meta('s', 'default'), data: { a: 'eA==' } };
    expect(update('secrets', { ...old, type: 'kubernetes.io/basic-auth', data: { username: 'eA==' } }, old)).toEqual([
      'type: Invalid value: "kubernetes.io/basic-auth": field is immutable',
    ]);
  });

  it('an immutable secret keeps its data', () => {
    const old = { metadata: meta('s', 'default'), data: { a: 'eA==' }, immutable: true };
    expect(update('secrets', { ...old, data: { a: 'eQ==' } }, old)).toEqual(['data: Forbidden: field is immutable when `immutable` is set']);
  });
});

describe('ReplicationController validation', () => {
  const rc = (spec: Json): Json => ({ apiVersion: 'v1', kind: 'ReplicationController', metadata: meta('nginx', 'default'), spec });
  const template = { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] } };

  it.each([
    ['the notes RC (selector defaulted from the template) is valid', rc({ replicas: 3, template }), []],
    [
      'a selector must match the template labels',
      rc({ selector: { app: 'web' }, template }),
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: `selector` does not match template `labels`'],
    ],
    ['a template is required', rc({ selector: { app: 'web' } }), ['spec.template: Required value']],
    ['without labels or selector there is no selector', rc({ template: { spec: template.spec } }), ['spec.selector: Required value']],
    [
      'pods of an RC always restart',
      rc({ template: { ...template, spec: { ...template.spec, restartPolicy: 'OnFailure' } } }),
      ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'],
    ],
    ['replicas are not negative', rc({ replicas: -1, template }), ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
  ] as [string, Json, string[]][])('%s', (_name, o, expected) => {
    expect(create('replicationcontrollers', o)).toEqual(expected);
  });
});

describe('PersistentVolume and PersistentVolumeClaim validation', () => {
  const pv = (spec: Json): Json => ({ metadata: meta('pv1'), spec });
  const pvc = (spec: Json): Json => ({ metadata: meta('data', 'default'), spec });

  it.each([
    ['a hostPath volume with capacity and a mode is valid', pv({ capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } }), []],
    [
      'access modes and capacity are required, and one source',
      pv({}),
      ['spec.accessModes: Required value', 'spec.capacity: Required value', 'spec.capacity: Unsupported value: core.ResourceList{}: supported values: "storage"', 'spec: Required value: must specify a volume type'],
    ],
    [
      'access modes are the four Kubernetes knows, and ReadWriteOncePod stands alone',
      pv({ capacity: { storage: '1Gi' }, accessModes: ['ReadWriteSome', 'ReadWriteOncePod', 'ReadOnlyMany'], hostPath: { path: '/data' } }),
      [
        'spec.accessModes: Unsupported value: "ReadWriteSome": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
        'spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes',
      ],
    ],
    [
      'a local volume needs node affinity',
      pv({ capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], local: { path: '/mnt/disk' } }),
      ['spec.nodeAffinity: Required value: Local volume requires node affinity'],
    ],
  ] as [string, Json, string[]][])('%s', (_name, o, expected) => {
    expect(create('persistentvolumes', o)).toEqual(expected);
  });

  it.each([
    ['a claim with a mode and a storage request is valid', pvc({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }), []],
    [
      'a claim needs an access mode and a storage request',
      pvc({}),
      ['spec.accessModes: Required value: at least 1 access mode is required', 'spec.resources[storage]: Required value'],
    ],
    ['the request is positive', pvc({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '0' } } }), ['spec.resources[storage]: Invalid value: "0": must be greater than zero']],
  ] as [string, Json, string[]][])('%s', (_name, o, expected) => {
    expect(create('persistentvolumeclaims', o)).toEqual(expected);
  });

  it('a claim spec is frozen after creation', () => {
    const old = pvc({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } });
    const next = pvc({ accessModes: ['ReadWriteMany'], resources: { requests: { storage: '1Gi' } } });
    const errs = update('persistentvolumeclaims', next, old);
    expect(errs).toHaveLength(1);
    expect(errs[0].split('\n')[0]).toBe('spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims');
  });

  it('a bound claim may grow, never shrink', () => {
    const bound = (storage: string) => ({ ...pvc({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage } }, volumeName: 'pv1' }), status: { phase: 'Bound' } });
    expect(update('persistentvolumeclaims', bound('2Gi'), bound('1Gi'))).toEqual([]);
    expect(update('persistentvolumeclaims', bound('1Gi'), bound('2Gi'))).toEqual(['spec.resources.requests.storage: Forbidden: field can not be less than previous value']);
  });

  it('the binder may set volumeName once', () => {
    const old = pvc({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } });
    expect(update('persistentvolumeclaims', { ...old, spec: { ...(old.spec as Json), volumeName: 'pv1' } }, old)).toEqual([]);
  });
});

describe('LimitRange and ResourceQuota validation', () => {
  it('min may not exceed max, shown as Go prints a Quantity', () => {
    const lr = { metadata: meta('limits', 'default'), spec: { limits: [{ type: 'Pod', min: { cpu: '500m' }, max: { cpu: '200m' } }] } };
    expect(create('limitranges', lr)).toEqual([`spec.limits[0].min[cpu]: Invalid value: ${QTY(500, -3, '500m')}: min value 500m is greater than max value 200m`]);
  });

  it('a Pod limit has no defaults', () => {
    const lr = { metadata: meta('limits', 'default'), spec: { limits: [{ type: 'Pod', default: { cpu: '1' } }] } };
    expect(create('limitranges', lr)).toEqual(["spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'"]);
  });

  it('the notes LimitRange for containers is valid', () => {
    const lr = { metadata: meta('mem-limit-range', 'default'), spec: { limits: [{ type: 'Container', default: { memory: '512Mi' }, defaultRequest: { memory: '256Mi' } }] } };
    expect(create('limitranges', lr)).toEqual([]);
  });

  it('limit types are standard or qualified', () => {
    const lr = { metadata: meta('limits', 'default'), spec: { limits: [{ type: 'Node', max: { cpu: '1' } }] } };
    expect(create('limitranges', lr)).toEqual(['spec.limits[0].type: Invalid value: "Node": must be a standard limit type or fully qualified']);
  });

  it('quota resources are standard, and counts are whole', () => {
    const rq = { metadata: meta('quota', 'default'), spec: { hard: { pods: '1.5', gpus: '1', 'requests.cpu': '1' } } };
    expect(create('resourcequotas', rq)).toEqual([
      `spec.hard[pods]: Invalid value: ${QTY(1500, -3, '1500m')}: must be an integer`,
      'spec.hard[gpus]: Invalid value: "gpus": must be a standard resource type or fully qualified',
      'spec.hard[gpus]: Invalid value: "gpus": must be a standard resource for quota',
    ]);
  });

  it('quota scopes may not change', () => {
    const old = { metadata: meta('quota', 'default'), spec: { hard: { pods: '10' }, scopes: ['BestEffort'] } };
    expect(update('resourcequotas', { ...old, spec: { hard: { pods: '10' } } }, old)).toEqual(['spec.scopes: Invalid value: []core.ResourceQuotaScope(nil): field is immutable']);
  });
});

describe('Node validation', () => {
  it('a node name is a DNS subdomain and node taints are reported under metadata, as Kubernetes does', () => {
    const node = { metadata: meta('node-1'), spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoRun' }, { key: 'a', effect: 'NoSchedule' }, { key: 'a', effect: 'NoSchedule' }] } };
    expect(create('nodes', node)).toEqual([
      'metadata.taints[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      'metadata.taints[2]: Duplicate value: core.Taint{Key:"a", Value:"", Effect:"NoSchedule", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair',
    ]);
  });

  it('a pod CIDR is a CIDR', () => {
    expect(create('nodes', { metadata: meta('node-1'), spec: { podCIDR: '10.244.1.0/33' } })).toEqual([
      'spec.podCIDRs[0]: Invalid value: "10.244.1.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    ]);
  });

  it('a pod CIDR may be set once, never changed', () => {
    const old = { metadata: meta('node-1'), spec: { podCIDR: '10.244.1.0/24' } };
    expect(update('nodes', { metadata: meta('node-1'), spec: { podCIDR: '10.244.2.0/24' } }, old)).toEqual([
      'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
    ]);
    expect(update('nodes', old, { metadata: meta('node-1') })).toEqual([]);
  });
});

describe('Endpoints, ServiceAccount, Event and PodTemplate validation', () => {
  it('endpoint subsets have addresses with valid IPs, and named ports when there are several', () => {
    const ep = {
      metadata: meta('web', 'default'),
      subsets: [{ addresses: [{ ip: '10.244.1.5' }, { ip: '127.0.0.1' }], ports: [{ port: 80 }, { port: 443 }] }, { ports: [{ port: 80 }] }],
    };
    expect(create('endpoints', ep)).toEqual([
      'subsets[0].addresses[1].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)',
      'subsets[0].ports[0].name: Required value',
      'subsets[0].ports[1].name: Required value',
      'subsets[1]: Required value: must specify `addresses` or `notReadyAddresses`',
    ]);
  });

  it('a service account name is a DNS subdomain', () => {
    expect(create('serviceaccounts', { metadata: meta('build-robot', 'default') })).toEqual([]);
  });

  it('an event lives in its object namespace', () => {
    const ev = { metadata: meta('web.1', 'default'), involvedObject: { kind: 'Pod', name: 'web', namespace: 'prod' }, reason: 'Started' };
    expect(create('events', ev)).toEqual(['involvedObject.namespace: Invalid value: "prod": does not match event.namespace']);
  });

  it('an event about a node lives in default', () => {
    expect(create('events', { metadata: meta('node-1.1', 'default'), involvedObject: { kind: 'Node', name: 'node-1' }, reason: 'NodeReady' })).toEqual([]);
  });

  it('a PodTemplate reports its template at "template"', () => {
    expect(create('podtemplates', { metadata: meta('t', 'default'), template: { spec: { containers: [] } } })).toEqual(['template.spec.containers: Required value']);
  });
});
