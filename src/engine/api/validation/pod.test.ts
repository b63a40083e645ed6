import { describe, expect, it } from 'vitest';
import { errorString, FieldPath } from '../field.ts';
import { clone, type KubeObject } from '../object.ts';
import { coreDefaulters } from '../defaults/core.ts';
import { coreValidators } from './core.ts';
import { validatePodTemplateSpec } from './pod.ts';

type Json = Record<string, unknown>;

const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const ENV_MSG =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";
const PORT_RANGE = 'must be between 1 and 65535, inclusive';

/** Defaults then validates, as the apiserver does on create. */
function create(o: Json): string[] {
  const obj = clone(o) as unknown as KubeObject;
  coreDefaulters.pods(obj);
  return coreValidators.pods.validate(obj).map(errorString);
}

function update(next: Json, old: Json): string[] {
  const n = clone(next) as unknown as KubeObject;
  const o = clone(old) as unknown as KubeObject;
  coreDefaulters.pods(n);
  coreDefaulters.pods(o);
  const v = coreValidators.pods;
  return [...v.validate(n), ...(v.validateUpdate?.(n, o) ?? [])].map(errorString);
}

function pod(spec: Json, metadata: Json = {}): Json {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', ...metadata }, spec };
}

const web = (extra: Json = {}): Json => ({ name: 'web', image: 'nginx:1.25', ...extra });

describe('the notes pods are valid', () => {
  it.each([
    [
      'a two-container pod (myapp and busybox sleeping)',
      pod({
        containers: [
          { name: 'myapp-1', image: 'hub.harry.com/library/myapp:v1' },
          { name: 'busybox-1', image: 'busybox:latest', command: ['/bin/sh', '-c', 'sleep 3600'] },
        ],
      }, { name: 'pod-demo', labels: { app: 'myapp' } }),
    ],
    [
      'a pod with two busybox init containers',
      pod({
        containers: [{ name: 'myapp-container', image: 'busybox', command: ['sh', '-c', 'echo The app is running! && sleep 3600'] }],
        initContainers: [
          { name: 'init-myservice', image: 'busybox', command: ['sh', '-c', 'until nslookup myservice; do echo waiting for myservice; sleep 2; done;'] },
          { name: 'init-mydb', image: 'busybox', command: ['sh', '-c', 'until nslookup mydb; do echo waiting for mydb; sleep 2; done;'] },
        ],
      }, { name: 'myapp-pod', labels: { app: 'myapp' } }),
    ],
    [
      'an httpGet readiness probe',
      pod({
        containers: [
          { name: 'readiness-httpget-container', image: 'wangyanglinux/myapp:v1', imagePullPolicy: 'IfNotPresent', readinessProbe: { httpGet: { port: 80, path: '/index1.html' }, initialDelaySeconds: 1, periodSeconds: 3 } },
        ],
      }),
    ],
    [
      'an exec liveness probe',
      pod({
        containers: [
          {
            name: 'liveness-exec-container',
            image: 'busybox',
            imagePullPolicy: 'IfNotPresent',
            command: ['/bin/sh', '-c', 'touch /tmp/live ; sleep 60; rm -rf /tmp/live; sleep 3600'],
            livenessProbe: { exec: { command: ['test', '-e', '/tmp/live'] }, initialDelaySeconds: 1, periodSeconds: 3 },
          },
        ],
      }),
    ],
    [
      'an httpGet liveness probe on a named port, with a readiness probe beside it',
      pod({
        containers: [
          {
            name: 'liveness-httpget-container',
            image: 'wangyanglinux/myapp:v1',
            ports: [{ name: 'http', containerPort: 80 }],
            livenessProbe: { httpGet: { port: 'http', path: '/index.html' }, initialDelaySeconds: 1, periodSeconds: 3, timeoutSeconds: 10 },
            readinessProbe: { httpGet: { port: 80, path: '/index1.html' }, initialDelaySeconds: 1, periodSeconds: 3 },
          },
        ],
      }),
    ],
    ['a tcpSocket liveness probe', pod({ containers: [{ name: 'nginx', image: 'hub.harry.com/library/myapp:v1', livenessProbe: { initialDelaySeconds: 5, timeoutSeconds: 1, tcpSocket: { port: 80 } } }] })],
    [
      'postStart and preStop exec hooks',
      pod({
        containers: [
          {
            name: 'lifecycle-demo-container',
            image: 'nginx',
            lifecycle: {
              postStart: { exec: { command: ['/bin/sh', '-c', 'echo Hello from the postStart handler >/usr/share/message'] } },
              preStop: { exec: { command: ['/bin/sh', '-c', 'echo Hello from the poststop handler >/usr/share/message'] } },
            },
          },
        ],
      }),
    ],
    [
      'a pod mounting a configMap and a secret, with env from both',
      pod({
        containers: [
          web({
            env: [
              { name: 'FLY_NAME', valueFrom: { configMapKeyRef: { name: 'fly-config', key: 'name' } } },
              { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } },
              { name: 'MY_POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
            ],
            envFrom: [{ configMapRef: { name: 'fly-config' } }],
            volumeMounts: [
              { name: 'config', mountPath: '/config' },
              { name: 'creds', mountPath: '/etc/creds', readOnly: true },
            ],
            resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
          }),
        ],
        volumes: [
          { name: 'config', configMap: { name: 'fly-config' } },
          { name: 'creds', secret: { secretName: 'creds' } },
        ],
      }),
    ],
  ])('%s', (_name, p) => {
    expect(create(p)).toEqual([]);
  });
});

describe('pod spec validation', () => {
  const cases: [string, Json, string[]][] = [
    ['a pod needs containers', pod({ containers: [] }), ['spec.containers: Required value']],
    ['a container name is a DNS label', pod({ containers: [web({ name: 'Web_1' })] }), [`spec.containers[0].name: Invalid value: "Web_1": ${LABEL_MSG}`]],
    ['a container needs a name', pod({ containers: [web({ name: '' })] }), ['spec.containers[0].name: Required value']],
    ['container names are unique', pod({ containers: [web(), web({ image: 'busybox' })] }), ['spec.containers[1].name: Duplicate value: "web"']],
    ['a container needs an image', pod({ containers: [web({ image: '' })] }), ['spec.containers[0].image: Required value']],
    [
      'an init container may not share a name with a container',
      pod({ containers: [web()], initContainers: [web({ image: 'busybox' })] }),
      ['spec.initContainers[0].name: Duplicate value: "web"'],
    ],
    [
      'ports are in range and use known protocols',
      pod({ containers: [web({ ports: [{ containerPort: 70000 }, { containerPort: 80, protocol: 'HTTP' }, { containerPort: 81, hostPort: -1 }] })] }),
      [
        `spec.containers[0].ports[0].containerPort: Invalid value: 70000: ${PORT_RANGE}`,
        'spec.containers[0].ports[1].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
        `spec.containers[0].ports[2].hostPort: Invalid value: -1: ${PORT_RANGE}`,
      ],
    ],
    ['a container port is required', pod({ containers: [web({ ports: [{ name: 'http' }] })] }), ['spec.containers[0].ports[0].containerPort: Required value']],
    [
      'port names are IANA service names and unique',
      pod({ containers: [web({ ports: [{ name: 'HTTP_1', containerPort: 80 }, { name: 'web', containerPort: 81 }, { name: 'web', containerPort: 82 }] })] }),
      [
        'spec.containers[0].ports[0].name: Invalid value: "HTTP_1": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        'spec.containers[0].ports[0].name: Invalid value: "HTTP_1": must contain at least one letter (a-z)',
        'spec.containers[0].ports[2].name: Duplicate value: "web"',
      ],
    ],
    [
      'two containers may not take the same host port',
      pod({ containers: [web({ ports: [{ containerPort: 80, hostPort: 8080 }] }), web({ name: 'web2', ports: [{ containerPort: 81, hostPort: 8080 }] })] }),
      ['spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"'],
    ],
    ['env names are C-like', pod({ containers: [web({ env: [{ name: '1BAD', value: 'x' }] })] }), [`spec.containers[0].env[0].name: Invalid value: "1BAD": ${ENV_MSG}`]],
    ['an env var needs a name', pod({ containers: [web({ env: [{ value: 'x' }] })] }), ['spec.containers[0].env[0].name: Required value']],
    [
      'valueFrom takes one source and no value',
      pod({
        containers: [
          web({
            env: [
              { name: 'A', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' }, configMapKeyRef: { name: 'c', key: 'k' } } },
              { name: 'C', valueFrom: {} },
            ],
          }),
        ],
      }),
      [
        'spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
        'spec.containers[0].env[1].valueFrom: Invalid value: "": may not have more than one field specified at a time',
        'spec.containers[0].env[2].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
      ],
    ],
    [
      'a fieldRef names a field the downward API exposes',
      pod({
        containers: [
          web({
            env: [
              { name: 'A', valueFrom: { fieldRef: { fieldPath: 'spec.restartPolicy' } } },
              { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.foo' } } },
            ],
          }),
        ],
      }),
      [
        'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "spec.restartPolicy": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
        'spec.containers[0].env[1].valueFrom.fieldRef.fieldPath: Invalid value: "metadata.foo": error converting fieldPath: field label not supported: metadata.foo',
      ],
    ],
    [
      'a configMapKeyRef needs a key',
      pod({ containers: [web({ env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg' } } }] })] }),
      ['spec.containers[0].env[0].valueFrom.configMapKeyRef.key: Required value'],
    ],
    [
      'volume names are unique DNS labels',
      pod({ containers: [web()], volumes: [{ name: 'data', emptyDir: {} }, { name: 'data', emptyDir: {} }, { name: 'Data', emptyDir: {} }] }),
      ['spec.volumes[1].name: Duplicate value: "data"', `spec.volumes[2].name: Invalid value: "Data": ${LABEL_MSG}`],
    ],
    [
      'a volume has exactly one source',
      pod({ containers: [web()], volumes: [{ name: 'data', emptyDir: {}, hostPath: { path: '/data' } }] }),
      ['spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type'],
    ],
    [
      'volume sources name what they use',
      pod({
        containers: [web()],
        volumes: [
          { name: 'a', configMap: {} },
          { name: 'b', secret: { defaultMode: 1000 } },
          { name: 'c', persistentVolumeClaim: {} },
          { name: 'd', hostPath: { path: '/data', type: 'Dir' } },
        ],
      }),
      [
        'spec.volumes[0].configMap.name: Required value',
        'spec.volumes[1].secret.secretName: Required value',
        'spec.volumes[1].secret.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive',
        'spec.volumes[2].persistentVolumeClaim.claimName: Required value',
        'spec.volumes[3].hostPath.type: Unsupported value: "Dir": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"',
      ],
    ],
    [
      'a volume mount refers to one of the pod volumes',
      pod({ containers: [web({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })] }),
      ['spec.containers[0].volumeMounts[0].name: Not found: "data"'],
    ],
    [
      'mount paths are required and unique',
      pod({
        containers: [web({ volumeMounts: [{ name: 'v', mountPath: '/data' }, { name: 'v', mountPath: '/data' }, { name: 'v' }] })],
        volumes: [{ name: 'v', emptyDir: {} }],
      }),
      ['spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique', 'spec.containers[0].volumeMounts[2].mountPath: Required value'],
    ],
    [
      'a subPath stays inside the volume',
      pod({ containers: [web({ volumeMounts: [{ name: 'v', mountPath: '/data', subPath: '../etc' }] })], volumes: [{ name: 'v', emptyDir: {} }] }),
      ['spec.containers[0].volumeMounts.subPath: Invalid value: "../etc": must not contain \'..\''],
    ],
    [
      'a probe has exactly one handler',
      pod({ containers: [web({ livenessProbe: { exec: { command: ['true'] }, tcpSocket: { port: 80 } }, readinessProbe: { periodSeconds: 5 } })] }),
      [
        'spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type',
        'spec.containers[0].readinessProbe: Required value: must specify a handler type',
      ],
    ],
    [
      'a liveness or startup probe succeeds once, and no probe field is negative',
      pod({
        containers: [
          web({
            livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2, periodSeconds: -1 },
            startupProbe: { tcpSocket: { port: 80 }, successThreshold: 3, failureThreshold: -5 },
          }),
        ],
      }),
      [
        'spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0',
        'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
        'spec.containers[0].startupProbe.failureThreshold: Invalid value: -5: must be greater than or equal to 0',
        'spec.containers[0].startupProbe.successThreshold: Invalid value: 3: must be 1',
      ],
    ],
    [
      'probe ports are numbers in range or port names',
      pod({ containers: [web({ livenessProbe: { httpGet: { port: 0 } }, readinessProbe: { httpGet: { port: '80', scheme: 'FTP' } } })] }),
      [
        `spec.containers[0].livenessProbe.httpGet.port: Invalid value: 0: ${PORT_RANGE}`,
        'spec.containers[0].readinessProbe.httpGet.port: Invalid value: "80": must contain at least one letter (a-z)',
        'spec.containers[0].readinessProbe.httpGet.scheme: Unsupported value: "FTP": supported values: "HTTP", "HTTPS"',
      ],
    ],
    [
      'an exec probe needs a command',
      pod({ containers: [web({ livenessProbe: { exec: {} } })] }),
      ['spec.containers[0].livenessProbe.exec.command: Required value'],
    ],
    [
      'init containers run to completion: no probes or hooks',
      pod({
        containers: [web()],
        initContainers: [{ name: 'init', image: 'busybox', readinessProbe: { exec: { command: ['true'] } }, lifecycle: { postStart: { exec: { command: ['true'] } } } }],
      }),
      [
        'spec.initContainers[0].lifecycle: Forbidden: may not be set for init containers without restartPolicy=Always',
        'spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
      ],
    ],
    [
      'requests may not exceed limits',
      pod({ containers: [web({ resources: { limits: { cpu: '200m' }, requests: { cpu: 0.5 } } })] }),
      ['spec.containers[0].resources.requests: Invalid value: "500m": must be less than or equal to cpu limit of 200m'],
    ],
    [
      'quantities are never negative (and a negative limit is copied to the request)',
      pod({ containers: [web({ resources: { limits: { memory: '-1Mi' } } })] }),
      [
        'spec.containers[0].resources.limits[memory]: Invalid value: "-1Mi": must be greater than or equal to 0',
        'spec.containers[0].resources.requests[memory]: Invalid value: "-1Mi": must be greater than or equal to 0',
      ],
    ],
    [
      'resource names are standard container resources or fully qualified',
      pod({ containers: [web({ resources: { requests: { gpu: '1' } } })] }),
      [
        'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
        'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers',
      ],
    ],
    [
      'an extended resource must be limited, and its request equal its limit',
      pod({ containers: [web({ resources: { requests: { 'nvidia.com/gpu': '1' } } }), web({ name: 'b', resources: { limits: { 'example.com/dongle': '2' }, requests: { 'example.com/dongle': '1' } } })] }),
      [
        'spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources',
        'spec.containers[1].resources.requests: Invalid value: "1": must be equal to example.com/dongle limit of 2',
      ],
    ],
    [
      'restart and DNS policies and pull policies are known values',
      pod({ containers: [web({ imagePullPolicy: 'Sometimes' })], restartPolicy: 'Sometimes', dnsPolicy: 'Google' }),
      [
        'spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
        'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
        'spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
      ],
    ],
    [
      'dnsPolicy None needs a dnsConfig',
      pod({ containers: [web()], dnsPolicy: 'None' }),
      ['spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None'],
    ],
    [
      'hostname and subdomain are DNS labels',
      pod({ containers: [web()], hostname: 'Web', subdomain: 'a.b' }),
      [`spec.hostname: Invalid value: "Web": ${LABEL_MSG}`, 'spec.subdomain: Invalid value: "a.b": must not contain dots'],
    ],
    ['nodeSelector holds labels', pod({ containers: [web()], nodeSelector: { disk: 'fast ssd' } }), [`spec.nodeSelector: Invalid value: "fast ssd": ${LABEL_VALUE_MSG}`]],
    ['nodeName is a DNS subdomain', pod({ containers: [web()], nodeName: 'Node_1' }), [`spec.nodeName: Invalid value: "Node_1": ${SUBDOMAIN_MSG}`]],
    [
      'tolerations follow the operator, effect and tolerationSeconds rules',
      pod({
        containers: [web()],
        tolerations: [
          { key: 'dedicated', operator: 'Exists', value: 'gpu', effect: 'NoSchedule' },
          { operator: 'Equal', value: 'x' },
          { key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule', tolerationSeconds: 60 },
          { key: 'k', operator: 'Maybe', effect: 'Sometimes' },
        ],
      }),
      [
        "spec.tolerations[0].operator: Invalid value: \"gpu\": value must be empty when `operator` is 'Exists'",
        'spec.tolerations[1].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"',
        "spec.tolerations[2].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set",
        'spec.tolerations[3].operator: Unsupported value: "Maybe": supported values: "Equal", "Exists"',
        'spec.tolerations[3].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      ],
    ],
    [
      'node affinity has terms with known operators, and weights 1-100',
      pod({
        containers: [web()],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'Is', values: ['ssd'] }, { key: 'zone', operator: 'In' }] }] },
            preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: { matchExpressions: [{ key: 'a', operator: 'Exists' }] } }],
          },
          podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } } }] },
        },
      }),
      [
        'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: "Is": not a valid selector operator',
        "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[1].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
        'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
        'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty',
        "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: \"\": name part must be non-empty",
        "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      ],
    ],
    [
      'an empty node selector has no terms',
      pod({ containers: [web()], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } }),
      ['spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term'],
    ],
    [
      'activeDeadlineSeconds is positive',
      pod({ containers: [web()], activeDeadlineSeconds: 0 }),
      ['spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive'],
    ],
    [
      'a negative grace period is accepted (Kubernetes only warns, and treats it as 1)',
      pod({ containers: [web()], terminationGracePeriodSeconds: -5 }),
      [],
    ],
    [
      'image names may not carry spaces',
      pod({ containers: [web({ image: ' nginx' })] }),
      ['spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace'],
    ],
  ];
  it.each(cases)('%s', (_name, p, expected) => {
    expect(create(p)).toEqual(expected);
  });
});

describe('pod metadata validation', () => {
  it.each([
    ['a pod name is a DNS subdomain', pod({ containers: [web()] }, { name: 'Pod_Demo' }), [`metadata.name: Invalid value: "Pod_Demo": ${SUBDOMAIN_MSG}`]],
    ['a pod lives in a namespace', pod({ containers: [web()] }, { namespace: undefined }), ['metadata.namespace: Required value']],
    [
      'label values are checked',
      pod({ containers: [web()] }, { labels: { app: 'my app' } }),
      [`metadata.labels: Invalid value: "my app": ${LABEL_VALUE_MSG}`],
    ],
    [
      'a finalizer without a domain must be a standard one',
      pod({ containers: [web()] }, { finalizers: ['cleanup'] }),
      ['metadata.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified'],
    ],
  ] as [string, Json, string[]][])('%s', (_name, p, expected) => {
    expect(create(p)).toEqual(expected);
  });
});

describe('pod template validation', () => {
  it('reports template labels at "template.labels", as Kubernetes does', () => {
    const errs = validatePodTemplateSpec(
      { metadata: { labels: { app: 'a b' } }, spec: { containers: [{ name: 'c', image: 'x', imagePullPolicy: 'Always', terminationMessagePolicy: 'File' }], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30 } },
      FieldPath.root('spec', 'template'),
    );
    expect(errs.map(errorString)).toEqual([`spec.template.labels: Invalid value: "a b": ${LABEL_VALUE_MSG}`]);
  });

  it('an absent template lacks only its containers', () => {
    expect(validatePodTemplateSpec(undefined, FieldPath.root('spec', 'template')).map(errorString)).toEqual(['spec.template.spec.containers: Required value']);
  });

  it('a template may hold a host-network port left to defaulting', () => {
    const errs = validatePodTemplateSpec(
      { spec: { hostNetwork: true, containers: [{ name: 'c', image: 'x', imagePullPolicy: 'Always', terminationMessagePolicy: 'File', ports: [{ containerPort: 80, protocol: 'TCP' }] }], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30 } },
      FieldPath.root('spec', 'template'),
    );
    expect(errs).toEqual([]);
  });
});

describe('pod updates', () => {
  const base = pod({ containers: [web({ ports: [{ containerPort: 80 }] }), { name: 'sidecar', image: 'busybox', command: ['sleep', '3600'] }], tolerations: [{ key: 'a', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }] });
  const with_ = (f: (p: { spec: Json & { containers: Json[]; tolerations: Json[] }; metadata: Json }) => void): Json => {
    const p = clone(base) as { spec: Json & { containers: Json[]; tolerations: Json[] }; metadata: Json };
    f(p);
    return p as unknown as Json;
  };

  it('may change images, labels, tolerationSeconds and add tolerations', () => {
    const next = with_((p) => {
      p.spec.containers[0].image = 'nginx:1.26';
      p.metadata.labels = { app: 'web' };
      p.spec.tolerations = [{ key: 'a', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }, { key: 'b', operator: 'Exists' }];
    });
    expect(update(next, base)).toEqual([]);
  });

  it('may not change anything else: the real message, then a diff', () => {
    const next = with_((p) => {
      p.spec.containers[0].ports = [{ containerPort: 8080 }];
    });
    expect(update(next, base)).toEqual([
      'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n' +
        '  core.PodSpec{\n' +
        '  \tContainers: []core.Container{\n' +
        '  \t\t{\n' +
        '  \t\t\t... // 2 identical fields\n' +
        '  \t\t\tPorts: []core.ContainerPort{\n' +
        '  \t\t\t\t{\n' +
        '- \t\t\t\t\tContainerPort: 80,\n' +
        '+ \t\t\t\t\tContainerPort: 8080,\n' +
        '  \t\t\t\t\t... // 1 identical field\n' +
        '  \t\t\t\t},\n' +
        '  \t\t\t},\n' +
        '  \t\t\t... // 4 identical fields\n' +
        '  \t\t},\n' +
        '  \t\t... // 1 identical element\n' +
        '  \t},\n' +
        '  \t... // 7 identical fields\n' +
        '  }\n',
    ]);
  });

  it('may not add or remove containers', () => {
    const next = with_((p) => {
      p.spec.containers.pop();
    });
    expect(update(next, base)).toEqual(['spec.containers: Forbidden: pod updates may not add or remove containers']);
  });

  it('may shorten activeDeadlineSeconds but not lengthen or remove it', () => {
    const old = with_((p) => {
      p.spec.activeDeadlineSeconds = 100;
    });
    const shorter = with_((p) => {
      p.spec.activeDeadlineSeconds = 50;
    });
    const longer = with_((p) => {
      p.spec.activeDeadlineSeconds = 200;
    });
    expect(update(shorter, old)).toEqual([]);
    expect(update(longer, old)).toEqual(['spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value']);
    expect(update(base, old)).toEqual(['spec.activeDeadlineSeconds: Invalid value: "null": must not update from a positive integer to nil value']);
  });

  it('may not remove or change an existing toleration', () => {
    const next = with_((p) => {
      p.spec.tolerations = [{ key: 'a', operator: 'Exists', effect: 'NoSchedule' }];
    });
    const errs = update(next, base);
    expect(errs[0]).toBe('spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds');
    expect(errs).toHaveLength(1);
  });

  it('may raise a negative grace period to 1', () => {
    const old = with_((p) => {
      p.spec.terminationGracePeriodSeconds = -1;
    });
    const next = with_((p) => {
      p.spec.terminationGracePeriodSeconds = 1;
    });
    expect(update(next, old)).toEqual([]);
  });

  it('may not add finalizers while the pod is being deleted', () => {
    const old = with_((p) => {
      p.metadata.deletionTimestamp = '2024-01-01T00:00:00Z';
    });
    const next = with_((p) => {
      p.metadata.deletionTimestamp = '2024-01-01T00:00:00Z';
      p.metadata.finalizers = ['example.com/keep'];
    });
    expect(update(next, old)).toEqual([
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/keep"}',
    ]);
  });
});
