import { describe, expect, it } from 'vitest';
import { errorString } from '../field.ts';
import { clone, type KubeObject } from '../object.ts';
import { isDNS1035Label, isDNS1123Subdomain, isQualifiedName } from '../names.ts';
import { otherDefaulters } from '../defaults/other.ts';
import { otherValidators } from './other.ts';

type Json = Record<string, unknown>;

function create(resource: string, o: Json): string[] {
  const obj = clone(o) as unknown as KubeObject;
  otherDefaulters[resource]?.(obj);
  return otherValidators[resource].validate(obj).map(errorString);
}

function update(resource: string, next: Json, old: Json): string[] {
  const n = clone(next) as unknown as KubeObject;
  const o = clone(old) as unknown as KubeObject;
  otherDefaulters[resource]?.(n);
  otherDefaulters[resource]?.(o);
  const v = otherValidators[resource];
  return [...v.validate(n), ...(v.validateUpdate?.(n, o) ?? [])].map(errorString);
}

class Replace {
  constructor(readonly value: unknown) {}
}
const replace = (value: unknown) => new Replace(value);

/** A copy of `base` with `patch` merged in (objects merged, arrays and scalars replaced, undefined deletes). */
function patched(base: Json, patch: Json): Json {
  const out = clone(base);
  const merge = (t: Json, p: Json) => {
    for (const k in p) {
      const v = p[k];
      if (v === undefined) delete t[k];
      else if (v instanceof Replace) t[k] = clone(v.value);
      else if (v && typeof v === 'object' && !Array.isArray(v) && t[k] && typeof t[k] === 'object') merge(t[k] as Json, v as Json);
      else t[k] = clone(v);
    }
  };
  merge(out, patch);
  return out;
}

type Case = [string, Json, string[]];

function table(resource: string, base: Json, cases: Case[]): void {
  it('the example is valid', () => {
    expect(create(resource, base)).toEqual([]);
  });
  it.each(cases)('%s', (_name, patch, expected) => {
    expect(create(resource, patched(base, patch))).toEqual(expected);
  });
}

describe('HorizontalPodAutoscaler validation', () => {
  const hpa: Json = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 90 } } }],
    },
  };
  const supported = 'supported values: "ContainerResource", "External", "Object", "Pods", "Resource"';
  table('horizontalpodautoscalers.autoscaling', hpa, [
    [
      'minReplicas must be at least 1 (scale to zero is alpha)',
      { spec: { minReplicas: 0 } },
      [
        'spec.minReplicas: Invalid value: 0: must be greater than or equal to 1',
        'spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas',
      ],
    ],
    [
      'maxReplicas must be positive and at least minReplicas',
      { spec: { maxReplicas: 0 } },
      ['spec.maxReplicas: Invalid value: 0: must be greater than 0', 'spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`'],
    ],
    ['maxReplicas below minReplicas is rejected', { spec: { minReplicas: 5, maxReplicas: 2 } }, ['spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`']],
    [
      'the scale target needs a kind and a name',
      { spec: { scaleTargetRef: replace({}) } },
      ['spec.scaleTargetRef.kind: Required value', 'spec.scaleTargetRef.name: Required value'],
    ],
    ["the target's name is a path segment", { spec: { scaleTargetRef: { name: 'a/b' } } }, ["spec.scaleTargetRef.name: Invalid value: \"a/b\": may not contain '/'"]],
    [
      'an unknown metric type is reported (twice, as Kubernetes does)',
      { spec: { metrics: [{ type: 'Foo', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] } },
      [`spec.metrics[0].type: Unsupported value: "Foo": ${supported}`, `spec.metrics[0].type: Unsupported value: "Foo": ${supported}`],
    ],
    [
      'a Resource metric needs its resource source',
      { spec: { metrics: [{ type: 'Resource' }] } },
      ['spec.metrics[0].resource: Required value: must populate information for the given metric source'],
    ],
    [
      'a metric may fill only the source its type names',
      { spec: { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } }, pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1' } } }] } },
      ['spec.metrics[0].pods: Forbidden: must populate the given metric source only'],
    ],
    [
      'a utilization and a raw value may not both be targets',
      { spec: { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50, averageValue: '500m' } } }] } },
      ['spec.metrics[0].resource.target.averageValue: Forbidden: may not set both a target raw value and a target utilization'],
    ],
    [
      'a utilization of 0% is rejected',
      { spec: { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 0 } } }] } },
      ['spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0'],
    ],
    [
      'an unknown target type is rejected',
      { spec: { metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Bogus', averageUtilization: 50 } } }] } },
      ['spec.metrics[0].resource.target.type: Invalid value: "Bogus": must be either Utilization, Value, or AverageValue'],
    ],
    [
      'a negative average value is printed as the Quantity Go holds',
      { spec: { metrics: [{ type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '-1' } } }] } },
      [
        'spec.metrics[0].pods.target.averageValue: Invalid value: resource.Quantity{i:resource.int64Amount{value:-1, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"-1", Format:"DecimalSI"}: must be positive',
      ],
    ],
    [
      'a scaling rule needs at least one policy',
      { spec: { behavior: { scaleUp: { policies: [] } } } },
      ['spec.behavior.scaleUp.policies: Required value: must specify at least one Policy'],
    ],
    [
      'a policy period may not exceed 30 minutes',
      { spec: { behavior: { scaleDown: { policies: [{ type: 'Pods', value: 1, periodSeconds: 2000 }] } } } },
      ['spec.behavior.scaleDown.policies[0].periodSeconds: Invalid value: 2000: must be less than or equal to 1800'],
    ],
    [
      'an unknown select policy is rejected',
      { spec: { behavior: { scaleDown: { selectPolicy: 'Avg' } } } },
      ['spec.behavior.scaleDown.selectPolicy: Unsupported value: "Avg": supported values: "Disabled", "Max", "Min"'],
    ],
  ]);
});

describe('Ingress validation', () => {
  const ing: Json = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'hello', namespace: 'default' },
    spec: {
      ingressClassName: 'nginx',
      rules: [
        {
          host: 'hello.example.com',
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'hellok8s-svc', port: { number: 4567 } } } }] },
        },
      ],
    },
  };
  const path0 = (p: Json) => ({ spec: { rules: [{ host: 'hello.example.com', http: { paths: [p] } }] } });
  const svc = { service: { name: 'hellok8s-svc', port: { number: 4567 } } };
  const wildcardMsg =
    "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  table('ingresses.networking.k8s.io', ing, [
    [
      'an Ingress needs rules or a default backend',
      { spec: replace({}) },
      ['spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified'],
    ],
    [
      'a path must say how it matches: pathType has no default',
      path0({ path: '/', backend: svc }),
      ['spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified'],
    ],
    [
      'an unknown pathType is rejected',
      path0({ path: '/', pathType: 'Regex', backend: svc }),
      ['spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"'],
    ],
    ['a Prefix path must be absolute', path0({ path: 'api', pathType: 'Prefix', backend: svc }), ['spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path']],
    ['a Prefix path may not contain //', path0({ path: '/a//b', pathType: 'Prefix', backend: svc }), ["spec.rules[0].http.paths[0].path: Invalid value: \"/a//b\": must not contain '//'"]],
    ['an ImplementationSpecific path may be empty', path0({ pathType: 'ImplementationSpecific', backend: svc }), []],
    ['a bare * is not a wildcard host', { spec: { rules: [{ host: '*' }] } }, [`spec.rules[0].host: Invalid value: "*": ${wildcardMsg}`]],
    ['a wildcard subdomain is a valid host', { spec: { rules: [{ host: '*.example.com' }] } }, []],
    ['a host may not be an IP address', { spec: { rules: [{ host: '10.0.0.1' }] } }, ['spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address']],
    [
      'a service backend needs a port',
      path0({ path: '/', pathType: 'Prefix', backend: { service: { name: 'hellok8s-svc' } } }),
      ['spec.rules[0].http.paths[0].backend: Required value: port name or number is required'],
    ],
    [
      'a service port is a name or a number, not both',
      path0({ path: '/', pathType: 'Prefix', backend: { service: { name: 'hellok8s-svc', port: { name: 'http', number: 80 } } } }),
      ['spec.rules[0].http.paths[0].backend: Invalid value: "": cannot set both port name & port number'],
    ],
    [
      'a service name is a DNS-1035 label',
      path0({ path: '/', pathType: 'Prefix', backend: { service: { name: 'Hello_Svc', port: { number: 80 } } } }),
      isDNS1035Label('Hello_Svc').map((m) => `spec.rules[0].http.paths[0].backend.service.name: Invalid value: "Hello_Svc": ${m}`),
    ],
    [
      'a path needs a backend',
      path0({ path: '/', pathType: 'Prefix' }),
      ['spec.rules[0].http.paths[0].backend: Invalid value: "": resource or service backend is required'],
    ],
    [
      'the old class annotation must agree with ingressClassName',
      { metadata: { annotations: { 'kubernetes.io/ingress.class': 'traefik' } } },
      ['annotations.kubernetes.io/ingress.class: Invalid value: "traefik": must match `ingressClassName` when both are specified'],
    ],
    [
      'a TLS secret name is a DNS subdomain',
      { spec: { tls: [{ hosts: ['hello.example.com'], secretName: 'My_Secret' }] } },
      isDNS1123Subdomain('My_Secret').map((m) => `spec.tls[0].secretName: Invalid value: "My_Secret": ${m}`),
    ],
  ]);
});

describe('IngressClass validation', () => {
  const ic: Json = { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } };
  table('ingressclasses.networking.k8s.io', ic, [
    ['a controller is required', { spec: { controller: '' } }, ['spec.controller: Required value']],
    ['a controller is a domain-prefixed path', { spec: { controller: 'nginx' } }, ['spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")']],
    [
      'namespaced parameters need a namespace',
      { spec: { parameters: { kind: 'IngressParameters', name: 'p', scope: 'Namespace' } } },
      ["spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'"],
    ],
    [
      'cluster parameters may not have a namespace',
      { spec: { parameters: { kind: 'IngressParameters', name: 'p', namespace: 'default' } } },
      ["spec.parameters.namespace: Forbidden: `parameters.scope` is set to 'Cluster'"],
    ],
  ]);
  it('the controller may not change', () => {
    expect(update('ingressclasses.networking.k8s.io', patched(ic, { spec: { controller: 'example.com/other' } }), ic)).toEqual([
      'spec.controller: Invalid value: "example.com/other": field is immutable',
    ]);
  });
});

describe('NetworkPolicy validation', () => {
  const np: Json = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'allow-web', namespace: 'default' },
    spec: { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }], ports: [{ port: 80 }] }] },
  };
  const from = (peer: Json) => ({ spec: { ingress: [{ from: [peer] }] } });
  table('networkpolicies.networking.k8s.io', np, [
    ['a port number must be a real port', { spec: { ingress: [{ ports: [{ port: 70000 }] }] } }, ['spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive']],
    [
      'an end port must not be below the port',
      { spec: { ingress: [{ ports: [{ port: 8080, endPort: 80 }] }] } },
      ['spec.ingress[0].ports[0].endPort: Invalid value: 8080: must be greater than or equal to `port`'],
    ],
    [
      'an unknown protocol is rejected',
      { spec: { ingress: [{ ports: [{ port: 80, protocol: 'ICMP' }] }] } },
      ['spec.ingress[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"'],
    ],
    ['an empty peer is rejected', from({}), ['spec.ingress[0].from[0]: Required value: must specify a peer']],
    [
      'an ipBlock stands alone',
      from({ ipBlock: { cidr: '10.0.0.0/16' }, podSelector: {} }),
      ['spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer'],
    ],
    ['a cidr needs a prefix length', from({ ipBlock: { cidr: '10.0.0.0' } }), ['spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.0": not a valid CIDR']],
    [
      'an exception must lie inside the block',
      from({ ipBlock: { cidr: '10.0.0.0/16', except: ['10.1.0.0/24'] } }),
      ['spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "10.1.0.0/24": must be a strict subset of `cidr`'],
    ],
    [
      'an exception as large as the block is not a strict subset',
      from({ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.0.0/16'] } }),
      ['spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "10.0.0.0/16": must be a strict subset of `cidr`'],
    ],
    ['an exception inside the block is fine', from({ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.1.0/24'] } }), []],
    ['IPv6 blocks work the same way', from({ ipBlock: { cidr: 'fd00::/64', except: ['fd00::/80'] } }), []],
    [
      'at most two policy types',
      { spec: { policyTypes: ['Ingress', 'Egress', 'Ingress'] } },
      ['spec.policyTypes: Invalid value: []networking.PolicyType{"Ingress", "Egress", "Ingress"}: may not specify more than two policyTypes'],
    ],
    ['an unknown policy type is rejected', { spec: { policyTypes: ['Sideways'] } }, ['spec.policyTypes[0]: Unsupported value: "Sideways": supported values: "Ingress", "Egress"']],
  ]);
});

describe('PodDisruptionBudget validation', () => {
  const pdb: Json = {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web-pdb', namespace: 'default' },
    spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } },
  };
  table('poddisruptionbudgets.policy', pdb, [
    [
      'minAvailable and maxUnavailable are exclusive',
      { spec: { maxUnavailable: 1 } },
      [
        'spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc000012345), Selector:(*v1.LabelSelector)(0xc000012345), MaxUnavailable:(*intstr.IntOrString)(0xc000012345), UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}: minAvailable and maxUnavailable cannot be both set',
      ],
    ],
    ['a percentage above 100% is rejected', { spec: { minAvailable: '120%' } }, ['spec.minAvailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%']],
    ['a negative budget is rejected', { spec: { minAvailable: -1 } }, ['spec.minAvailable: Invalid value: -1: must be greater than or equal to 0']],
    [
      'an unknown eviction policy is rejected',
      { spec: { unhealthyPodEvictionPolicy: 'Never' } },
      ['spec.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"'],
    ],
  ]);
});

describe('PriorityClass validation', () => {
  const pc: Json = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high-priority' }, value: 1000000 };
  table('priorityclasses.scheduling.k8s.io', pc, [
    [
      "names starting with system- are Kubernetes' own",
      { metadata: { name: 'system-custom' } },
      ["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-custom is not a known system priority class"],
    ],
    [
      'a built-in class must keep its value',
      { metadata: { name: 'system-node-critical' } },
      [
        "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-node-critical PriorityClass must be 2000001000",
      ],
    ],
    ['the built-in class as shipped is valid', { metadata: { name: 'system-cluster-critical' }, value: 2000000000 }, []],
    ['user classes are capped at one billion', { value: 2000000000 }, ['value: Forbidden: maximum allowed value of a user defined priority is 1000000000']],
    [
      'an unknown preemption policy is rejected',
      { preemptionPolicy: 'Sometimes' },
      ['preemptionPolicy: Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never"'],
    ],
  ]);
  it('the value and the preemption policy are fixed', () => {
    expect(update('priorityclasses.scheduling.k8s.io', patched(pc, { value: 5, preemptionPolicy: 'Never' }), pc)).toEqual([
      'value: Forbidden: may not be changed in an update.',
      'preemptionPolicy: Invalid value: "Never": field is immutable',
    ]);
  });
});

describe('StorageClass validation', () => {
  const sc: Json = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard' }, provisioner: 'rancher.io/local-path', parameters: { type: 'ssd' } };
  table('storageclasses.storage.k8s.io', sc, [
    ['a provisioner is required', { provisioner: undefined }, ['provisioner: Required value']],
    [
      'a provisioner is a qualified name (compared in lower case)',
      { provisioner: 'Example.com/My Provisioner' },
      isQualifiedName('example.com/my provisioner').map((m) => `provisioner: Invalid value: "example.com/my provisioner": ${m}`),
    ],
    ['an unknown reclaim policy is rejected', { reclaimPolicy: 'Recycle' }, ['reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"']],
    [
      'an unknown binding mode is rejected',
      { volumeBindingMode: 'Later' },
      ['volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"'],
    ],
  ]);
  it('parameters, provisioner, reclaim policy and binding mode are fixed', () => {
    const next = patched(sc, { provisioner: 'example.com/x', parameters: { type: 'hdd' }, reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer' });
    expect(update('storageclasses.storage.k8s.io', next, sc)).toEqual([
      'parameters: Forbidden: updates to parameters are forbidden.',
      'provisioner: Forbidden: updates to provisioner are forbidden.',
      'reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.',
      'volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable',
    ]);
  });
  it('volume expansion may be switched on later', () => {
    expect(update('storageclasses.storage.k8s.io', patched(sc, { allowVolumeExpansion: true }), sc)).toEqual([]);
  });
});

describe('RBAC validation', () => {
  const role: Json = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'pod-reader', namespace: 'default' },
    rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'watch', 'list'] }],
  };
  describe('Role', () => {
    table('roles.rbac.authorization.k8s.io', role, [
      ['a rule needs verbs', { rules: [{ apiGroups: [''], resources: ['pods'] }] }, ['rules[0].verbs: Required value: verbs must contain at least one value']],
      [
        'a resource rule needs groups and resources',
        { rules: [{ verbs: ['get'] }] },
        ['rules[0].apiGroups: Required value: resource rules must supply at least one api group', 'rules[0].resources: Required value: resource rules must supply at least one resource'],
      ],
      [
        'a namespaced role cannot grant non-resource URLs',
        { rules: [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }] },
        ['rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs'],
      ],
    ]);
  });
  describe('ClusterRole', () => {
    const cr: Json = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'health' }, rules: [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }] };
    table('clusterroles.rbac.authorization.k8s.io', cr, [
      [
        'a rule cannot mix resources and URLs',
        { rules: [{ nonResourceURLs: ['/healthz'], resources: ['pods'], verbs: ['get'] }] },
        ['rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: rules cannot apply to both regular resources and non-resource URLs'],
      ],
      [
        'an aggregation rule needs selectors',
        { aggregationRule: {} },
        ['aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil'],
      ],
    ]);
  });
  const binding: Json = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'read-pods', namespace: 'default' },
    subjects: [{ kind: 'User', name: 'jane' }],
    roleRef: { kind: 'Role', name: 'pod-reader' },
  };
  describe('RoleBinding', () => {
    table('rolebindings.rbac.authorization.k8s.io', binding, [
      ['a binding refers to a Role or a ClusterRole', { roleRef: { kind: 'Pod' } }, ['roleRef.kind: Unsupported value: "Pod": supported values: "Role", "ClusterRole"']],
      ['a role in another group is not RBAC\'s', { roleRef: { apiGroup: 'example.com' } }, ['roleRef.apiGroup: Unsupported value: "example.com": supported values: "rbac.authorization.k8s.io"']],
      ['the role needs a name', { roleRef: { name: '' } }, ['roleRef.name: Required value']],
      [
        'an unknown subject kind is rejected',
        { subjects: [{ kind: 'Robot', name: 'r2' }] },
        ['subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"'],
      ],
      [
        "a user is RBAC's",
        { subjects: [{ kind: 'User', name: 'jane', apiGroup: 'v1' }] },
        ['subjects[0].apiGroup: Unsupported value: "v1": supported values: "rbac.authorization.k8s.io"'],
      ],
      ['a subject needs a name', { subjects: [{ kind: 'Group' }] }, ['subjects[0].name: Required value']],
    ]);
    it('the roleRef may not change', () => {
      expect(update('rolebindings.rbac.authorization.k8s.io', patched(binding, { roleRef: { name: 'pod-writer' } }), binding)).toEqual([
        'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"pod-writer"}: cannot change roleRef',
      ]);
    });
    it('subjects may change', () => {
      expect(update('rolebindings.rbac.authorization.k8s.io', patched(binding, { subjects: [{ kind: 'User', name: 'joe' }] }), binding)).toEqual([]);
    });
  });
  describe('ClusterRoleBinding', () => {
    const crb: Json = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'read-all' },
      subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'default' }],
      roleRef: { kind: 'ClusterRole', name: 'view' },
    };
    table('clusterrolebindings.rbac.authorization.k8s.io', crb, [
      ['a cluster binding refers to a ClusterRole only', { roleRef: { kind: 'Role' } }, ['roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"']],
      ['a service account needs its namespace', { subjects: [{ kind: 'ServiceAccount', name: 'default' }] }, ['subjects[0].namespace: Required value']],
    ]);
  });
});

describe('Lease validation', () => {
  const lease: Json = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'node-1', namespace: 'kube-node-lease' }, spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40 } };
  table('leases.coordination.k8s.io', lease, [
    ['a lease lasts a positive time', { spec: { leaseDurationSeconds: 0 } }, ['spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0']],
    ['transitions are not negative', { spec: { leaseTransitions: -1 } }, ['spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0']],
  ]);
});

describe('EndpointSlice validation', () => {
  const slice: Json = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'web-abc12', namespace: 'default' },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: true }, nodeName: 'node-1' }],
    ports: [{ name: 'http', port: 80 }],
  };
  table('endpointslices.discovery.k8s.io', slice, [
    ['an address type is required', { addressType: undefined }, ['addressType: Required value']],
    ['the old IP type is no longer accepted', { addressType: 'IP' }, ['addressType: Unsupported value: "IP": supported values: "FQDN", "IPv4", "IPv6"']],
    ['an endpoint needs an address', { endpoints: [{ conditions: { ready: true } }] }, ['endpoints[0].addresses: Required value: must contain at least 1 address']],
    [
      'a loopback address cannot be an endpoint',
      { endpoints: [{ addresses: ['127.0.0.1'] }] },
      ['endpoints[0].addresses[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)'],
    ],
    ['an IPv6 address in an IPv4 slice is rejected', { endpoints: [{ addresses: ['fd00::1'] }] }, ['endpoints[0].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address']],
    [
      'an FQDN needs two labels',
      { addressType: 'FQDN', endpoints: [{ addresses: ['localhost'] }] },
      ['endpoints[0].addresses[0]: Invalid value: "localhost": should be a domain with at least two segments separated by dots'],
    ],
    ['an unknown protocol is rejected', { ports: [{ port: 80, protocol: 'ICMP' }] }, ['ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"']],
    ['two unnamed ports collide', { ports: [{ port: 80 }, { port: 81 }] }, ['ports[1].name: Duplicate value: ""']],
  ]);
  it('the address type is fixed', () => {
    expect(update('endpointslices.discovery.k8s.io', patched(slice, { addressType: 'IPv6', endpoints: [] }), slice)).toEqual([
      'addressType: Invalid value: "IPv6": field is immutable',
    ]);
  });
});

describe('events.k8s.io Event validation', () => {
  const ev: Json = {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: { name: 'web-0.17a', namespace: 'default' },
    eventTime: '2024-04-17T10:00:00.000000Z',
    reportingController: 'kubelet',
    reportingInstance: 'node-1',
    action: 'Pulling',
    reason: 'Pulling',
    type: 'Normal',
    regarding: { kind: 'Pod', namespace: 'default', name: 'web-0' },
    note: 'Pulling image "nginx"',
  };
  table('events.events.k8s.io', ev, [
    [
      'a new-style event says who reported what',
      { reportingController: undefined, reportingInstance: undefined, action: undefined, reason: undefined, type: undefined },
      [
        'reportingController: Required value',
        ...isQualifiedName('').map((m) => `reportingController: Invalid value: "": ${m}`),
        'reportingInstance: Required value',
        'action: Required value',
        'reason: Required value',
        'type: Invalid value: "": has invalid value: ',
      ],
    ],
    ['an event needs its time', { eventTime: undefined }, ['eventTime: Required value']],
    ['the deprecated count must stay unset', { deprecatedCount: 3 }, ['count: Invalid value: "": needs to be unset']],
    [
      'a series has at least two occurrences',
      { series: { count: 1, lastObservedTime: '2024-04-17T10:00:01.000000Z' } },
      ['series.count: Invalid value: "": should be at least 2'],
    ],
    ['a note is at most 1024 characters', { note: 'x'.repeat(1025) }, ['message: Invalid value: "": can have at most 1024 characters']],
  ]);
  it('what an event says is fixed; its series may grow', () => {
    expect(update('events.events.k8s.io', patched(ev, { note: 'changed' }), ev)).toEqual(['message: Invalid value: "changed": field is immutable']);
    expect(update('events.events.k8s.io', patched(ev, { series: { count: 2, lastObservedTime: '2024-04-17T10:05:00.000000Z' } }), ev)).toEqual([]);
  });
});
