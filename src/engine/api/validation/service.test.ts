import { describe, expect, it } from 'vitest';
import { errorString } from '../field.ts';
import { clone, type KubeObject } from '../object.ts';
import { coreDefaulters } from '../defaults/core.ts';
import { coreValidators } from './core.ts';

type Json = Record<string, unknown>;
type Spec = Record<string, unknown> & { clusterIP?: string; clusterIPs?: string[]; type?: string };

const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** Defaults, then what the registry allocates, then validation: the apiserver's create path. */
function prepared(o: Json, ip = '10.96.0.20'): KubeObject {
  const obj = clone(o) as unknown as KubeObject;
  coreDefaulters.services(obj);
  const spec = obj.spec as Spec | undefined;
  if (spec && spec.type !== 'ExternalName') {
    const wanted = spec.clusterIP || ip;
    spec.clusterIP = wanted;
    spec.clusterIPs = [wanted];
  }
  return obj;
}

function create(o: Json): string[] {
  return coreValidators.services.validate(prepared(o)).map(errorString);
}

function svc(spec: Json, name = 'web'): Json {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec };
}

describe('service validation', () => {
  it('the notes NodePort service (port 11111, targetPort 8080, nodePort 30001) is valid', () => {
    expect(create(svc({ type: 'NodePort', ports: [{ port: 11111, targetPort: 8080, nodePort: 30001 }], selector: { tier: 'frontend' } }, 'tomcat-server'))).toEqual([]);
  });

  it('the notes services for the init-container example are valid', () => {
    expect(create(svc({ ports: [{ protocol: 'TCP', port: 80, targetPort: 9376 }] }, 'myservice'))).toEqual([]);
    expect(create(svc({ ports: [{ protocol: 'TCP', port: 80, targetPort: 9377 }] }, 'mydb'))).toEqual([]);
  });

  const cases: [string, Json, string[]][] = [
    ['a service name is a DNS-1035 label', svc({ ports: [{ port: 80 }] }, '1web'), [`metadata.name: Invalid value: "1web": ${DNS1035_MSG}`]],
    ['a service needs ports', svc({ selector: { app: 'web' } }), ['spec.ports: Required value']],
    [
      'ports are between 1 and 65535',
      svc({ ports: [{ port: 70000 }] }),
      [
        'spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
        'spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
      ],
    ],
    [
      'with several ports each needs a name',
      svc({ ports: [{ port: 80 }, { port: 443 }] }),
      ['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value'],
    ],
    [
      'port names are unique DNS labels',
      svc({ ports: [{ name: 'http', port: 80 }, { name: 'http', port: 81 }, { name: 'Web', port: 82 }] }),
      ['spec.ports[1].name: Duplicate value: "http"', `spec.ports[2].name: Invalid value: "Web": ${LABEL_MSG}`],
    ],
    [
      'protocols are TCP, UDP or SCTP',
      svc({ ports: [{ port: 80, protocol: 'HTTP' }] }),
      ['spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
    ],
    [
      'a named targetPort is an IANA service name',
      svc({ ports: [{ port: 80, targetPort: 'http_web' }] }),
      ['spec.ports[0].targetPort: Invalid value: "http_web": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
    ],
    [
      'a ClusterIP service may not ask for a node port',
      svc({ ports: [{ port: 80, nodePort: 30080 }] }),
      ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
    ],
    [
      'the type is one Kubernetes knows',
      svc({ type: 'Nodeport', ports: [{ port: 80 }] }),
      ['spec.type: Unsupported value: "Nodeport": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'],
    ],
    [
      'the selector holds labels',
      svc({ ports: [{ port: 80 }], selector: { app: 'my web' } }),
      [
        "spec.selector: Invalid value: \"my web\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      ],
    ],
    [
      'the same port twice is a duplicate',
      svc({ ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] }),
      [
        'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
      ],
    ],
    [
      'node ports are not shared by two ports',
      svc({ type: 'NodePort', ports: [{ name: 'a', port: 80, nodePort: 30001 }, { name: 'b', port: 81, nodePort: 30001 }] }),
      ['spec.ports[1].nodePort: Duplicate value: 30001'],
    ],
    [
      'session affinity is None or ClientIP',
      svc({ ports: [{ port: 80 }], sessionAffinity: 'Cookie' }),
      ['spec.sessionAffinity: Unsupported value: "Cookie": supported values: "ClientIP", "None"'],
    ],
    ['an ExternalName service needs its name', svc({ type: 'ExternalName' }), ['spec.externalName: Required value']],
    [
      'an external name is a DNS subdomain (a trailing dot is allowed)',
      svc({ type: 'ExternalName', externalName: 'My_DB.example.com.' }),
      [`spec.externalName: Invalid value: "My_DB.example.com": ${SUBDOMAIN_MSG}`],
    ],
    [
      'a NodePort service may not be headless',
      svc({ type: 'NodePort', clusterIP: 'None', ports: [{ port: 80 }] }),
      ["spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services"],
    ],
    [
      'externalTrafficPolicy is only for services reachable from outside',
      svc({ ports: [{ port: 80 }], externalTrafficPolicy: 'Local' }),
      ['spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services'],
    ],
    [
      'loadBalancerSourceRanges are only for load balancers',
      svc({ ports: [{ port: 80 }], loadBalancerSourceRanges: ['10.0.0.0/8'] }),
      ["spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'"],
    ],
  ];
  it.each(cases)('%s', (_name, s, expected) => {
    expect(create(s)).toEqual(expected);
  });

  it('a headless service needs no ports', () => {
    expect(create(svc({ clusterIP: 'None', selector: { app: 'db' } }))).toEqual([]);
  });

  it('a valid ExternalName service has no cluster IP', () => {
    expect(create(svc({ type: 'ExternalName', externalName: 'my.database.example.com' }))).toEqual([]);
  });

  it('clusterIP and clusterIPs must agree', () => {
    const obj = prepared(svc({ ports: [{ port: 80 }] }));
    (obj.spec as Spec).clusterIP = '10.96.0.21';
    expect(coreValidators.services.validate(obj).map(errorString)).toEqual(['spec.clusterIPs: Invalid value: []string{"10.96.0.20"}: first value must match `clusterIP`']);
  });
});

describe('service updates', () => {
  it('the cluster IP may not change once set', () => {
    const old = prepared(svc({ ports: [{ port: 80 }] }));
    const next = prepared(svc({ ports: [{ port: 80 }] }), '10.96.0.99');
    expect(coreValidators.services.validateUpdate!(next, old).map(errorString)).toEqual([
      'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.99"}: may not change once set',
    ]);
  });

  it('changing ports and selector is allowed', () => {
    const old = prepared(svc({ ports: [{ port: 80 }], selector: { app: 'a' } }));
    const next = prepared(svc({ ports: [{ port: 8080 }], selector: { app: 'b' } }));
    expect(coreValidators.services.validateUpdate!(next, old)).toEqual([]);
  });
});
