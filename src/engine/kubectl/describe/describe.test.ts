import { describe, expect, it } from 'vitest';
import { describeProbe } from './pod.ts';
import { smartLabel } from './generic.ts';
import { sandbox } from '../../scenarios/harness.ts';

describe('probe lines', () => {
  it.each([
    [{ httpGet: { path: '/index1.html', port: 80, scheme: 'HTTP' }, initialDelaySeconds: 1, timeoutSeconds: 1, periodSeconds: 3, successThreshold: 1, failureThreshold: 3 }, 'http-get http://:80/index1.html delay=1s timeout=1s period=3s #success=1 #failure=3'],
    [{ exec: { command: ['test', '-e', '/tmp/live'] }, initialDelaySeconds: 1, timeoutSeconds: 1, periodSeconds: 3, successThreshold: 1, failureThreshold: 3 }, 'exec [test -e /tmp/live] delay=1s timeout=1s period=3s #success=1 #failure=3'],
    [{ tcpSocket: { port: 80 }, initialDelaySeconds: 5, timeoutSeconds: 1, periodSeconds: 3, successThreshold: 1, failureThreshold: 3 }, 'tcp-socket :80 delay=5s timeout=1s period=3s #success=1 #failure=3'],
    [{ httpGet: { host: '192.168.31.10', path: '/livez', port: 6443, scheme: 'HTTPS' }, initialDelaySeconds: 10, timeoutSeconds: 15, periodSeconds: 10, successThreshold: 1, failureThreshold: 8 }, 'http-get https://192.168.31.10:6443/livez delay=10s timeout=15s period=10s #success=1 #failure=8'],
  ])('describes %j as kubectl does', (probe, text) => {
    expect(describeProbe(probe)).toBe(text);
  });
});

describe('field labels of the generic describer', () => {
  it.each([
    ['apiVersion', 'API Version'],
    ['creationTimestamp', 'Creation Timestamp'],
    ['uid', 'UID'],
    ['preemptionPolicy', 'Preemption Policy'],
    ['podCIDR', 'Pod CIDR'],
    ['kubernetes.io/os', 'kubernetes.io/os'],
  ])('%s → %s', (field, label) => {
    expect(smartLabel(field)).toBe(label);
  });
});

describe('kubectl describe', () => {
  it('describes the kubernetes Service with its endpoint', () => {
    const h = sandbox();
    expect(h.run('kubectl describe svc kubernetes').stdout).toBe(
      [
        'Name:                     kubernetes',
        'Namespace:                default',
        'Labels:                   component=apiserver',
        '                          provider=kubernetes',
        'Annotations:              <none>',
        'Selector:                 <none>',
        'Type:                     ClusterIP',
        'IP Family Policy:         SingleStack',
        'IP Families:              IPv4',
        'IP:                       10.96.0.1',
        'IPs:                      10.96.0.1',
        'Port:                     https  443/TCP',
        'TargetPort:               6443/TCP',
        'Endpoints:                192.168.31.10:6443',
        'Session Affinity:         None',
        'Internal Traffic Policy:  Cluster',
        'Events:                   <none>',
        '',
      ].join('\n'),
    );
  });

  it('describes a namespace and a config map', () => {
    const h = sandbox();
    expect(h.run('kubectl describe ns default').stdout).toBe(
      'Name:         default\nLabels:       kubernetes.io/metadata.name=default\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n',
    );
    h.run('kubectl create configmap cfg --from-literal=a=1');
    expect(h.run('kubectl describe cm cfg').stdout).toBe(
      'Name:         cfg\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\na:\n----\n1\n\nBinaryData\n====\n\nEvents:  <none>\n',
    );
  });

  it('describes a running pod: containers, conditions, the token volume, tolerations and events', () => {
    const h = sandbox();
    h.run('kubectl run web --image=nginx && sleep 10s');
    const out = h.run('kubectl describe pod web').stdout;
    expect(out).toMatch(/^Name: {13}web\nNamespace: {8}default\nPriority: {9}0\nService Account: {2}default\nNode: {13}k8s-node0\d\/192\.168\.31\.1\d\n/);
    expect(out).toContain('\nStatus:           Running\n');
    expect(out).toContain('    State:          Running\n');
    expect(out).toContain('    Ready:          True\n    Restart Count:  0\n    Environment:    <none>\n    Mounts:\n      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-');
    expect(out).toContain('Conditions:\n  Type                        Status\n  PodReadyToStartContainers   True \n  Initialized                 True \n  Ready                       True \n  ContainersReady             True \n  PodScheduled                True \n');
    expect(out).toContain('    Type:                    Projected (a volume that contains injected data from multiple sources)\n    TokenExpirationSeconds:  3607\n    ConfigMapName:           kube-root-ca.crt\n    ConfigMapOptional:       <nil>\n    DownwardAPI:             true\n');
    expect(out).toContain('Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n');
    expect(out).toMatch(/Events:\n {2}Type +Reason +Age +From +Message\n {2}---- +------ +---- +---- +-------\n {2}Normal +Scheduled +10s +default-scheduler +Successfully assigned default\/web to k8s-node0\d\n {2}Normal +Pulling +/);
  });

  it('describes a node with its conditions, capacity and the pods it runs', () => {
    const h = sandbox();
    const out = h.run('kubectl describe node k8s-master01').stdout;
    expect(out).toContain('Roles:              control-plane\n');
    expect(out).toContain('Taints:             node-role.kubernetes.io/control-plane:NoSchedule\n');
    expect(out).toContain('  Ready            True    ');
    // The control plane's four static pods, CoreDNS's two, kube-proxy and flannel.
    expect(out).toContain('Non-terminated Pods:          (8 in total)\n');
    expect(out).toContain('  kube-system                 kube-apiserver-k8s-master01             250m (12%)    0 (0%)      0 (0%)           0 (0%)         5m\n');
    expect(out).toContain('  cpu                950m (47%)  0 (0%)\n  memory             290Mi (7%)  340Mi (8%)\n');
  });

  it('describes names by prefix when none matches exactly', () => {
    const h = sandbox();
    const out = h.run('kubectl describe pods -n kube-system kube-').stdout;
    // kube-apiserver, kube-controller-manager, kube-scheduler and the three kube-proxy pods.
    expect(out.match(/^Name: /gm)).toHaveLength(6);
    expect(h.run('kubectl describe pod nope').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });
});
