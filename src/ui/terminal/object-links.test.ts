import { describe, expect, it } from 'vitest';
import { findObjectLinks, resolveLink } from './object-links.ts';

describe('names in the terminal that open the inspector', () => {
  it.each([
    { name: 'kubectl’s TYPE/NAME is a link', line: 'pod/web created', want: [['pod', 'web']] },
    { name: 'a group-qualified type is a link', line: 'deployment.apps/nginx-deploy configured', want: [['deployment.apps', 'nginx-deploy']] },
    { name: 'a node name in a table is a link', line: 'web   1/1   Running   0   3s   10.244.2.2   k8s-node02', want: [['node', 'k8s-node02']] },
    { name: 'a file path is not a link', line: 'error parsing /root/pod.yaml: bad', want: [] },
    { name: 'a URL is not a link', line: 'https://192.168.31.10:6443/api', want: [] },
  ])('$name', ({ line, want }) => {
    expect(findObjectLinks(line).map((l) => [l.type, l.name])).toEqual(want);
  });

  const byResource = {
    pods: ['pods/default/web', 'pods/kube-system/coredns-1'],
    nodes: ['nodes//k8s-node02'],
    'deployments.apps': ['deployments.apps/dev/api'],
    'ingresses.networking.k8s.io': ['ingresses.networking.k8s.io/default/www'],
  };
  it.each([
    { name: 'a pod resolves in default first', type: 'pod', n: 'web', want: 'pods/default/web' },
    { name: 'a pod in another namespace resolves too', type: 'pod', n: 'coredns-1', want: 'pods/kube-system/coredns-1' },
    { name: 'a node resolves', type: 'node', n: 'k8s-node02', want: 'nodes//k8s-node02' },
    { name: 'a group-qualified deployment resolves', type: 'deployment.apps', n: 'api', want: 'deployments.apps/dev/api' },
    { name: 'an ingress resolves by its singular', type: 'ingress.networking.k8s.io', n: 'www', want: 'ingresses.networking.k8s.io/default/www' },
    { name: 'a name that is not there resolves to nothing', type: 'pod', n: 'gone', want: undefined },
  ])('$name', ({ type, n, want }) => {
    expect(resolveLink({ start: 0, length: 0, type, name: n }, byResource)).toBe(want);
  });
});
