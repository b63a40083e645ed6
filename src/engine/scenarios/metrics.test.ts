import { describe, expect, it } from 'vitest';
import { sandbox } from './harness.ts';

describe('metrics-server and kubectl top', () => {
  it('kubectl top node prints usage and percentages of allocatable, with the trailing cell kubectl leaves', () => {
    const h = sandbox();
    expect(h.run('kubectl top node').stdout).toBe(
      'NAME           CPU(cores)   CPU%   MEMORY(bytes)   MEMORY%   \n' +
        'k8s-master01   127m         6%     912Mi           22%       \n' +
        'k8s-node01     39m          1%     549Mi           13%       \n' +
        'k8s-node02     42m          2%     559Mi           13%       \n',
    );
  });

  it('kubectl top pod sorts by memory, filters by label across namespaces, and splits containers', () => {
    const h = sandbox();
    expect(h.run('kubectl top pod').output).toBe('No resources found in default namespace.\n');
    expect(h.run('kubectl top pod -n kube-system --sort-by=memory').stdout).toBe(
      'NAME                                   CPU(cores)   MEMORY(bytes)   \n' +
        'kube-apiserver-k8s-master01            47m          239Mi           \n' +
        'kube-controller-manager-k8s-master01   15m          45Mi            \n' +
        'etcd-k8s-master01                      21m          38Mi            \n' +
        'kube-scheduler-k8s-master01            4m           18Mi            \n' +
        'metrics-server-6b6565b6fd-sjkm7        3m           17Mi            \n' +
        'kube-proxy-rd7lq                       1m           14Mi            \n' +
        'kube-proxy-x7pcq                       2m           14Mi            \n' +
        'kube-proxy-v2zp9                       1m           13Mi            \n' +
        'coredns-7947d6fc6c-lhh57               3m           12Mi            \n' +
        'coredns-7947d6fc6c-zm4vk               2m           12Mi            \n',
    );
    h.run('kubectl run web --image=nginx && sleep 5');
    // Two scrapes must see a container before its CPU rate exists.
    expect(h.run('kubectl top pod').output).toBe('error: metrics not available yet\n');
    h.run('sleep 30');
    expect(h.run('kubectl top pod web --containers').stdout).toBe('POD   NAME   CPU(cores)   MEMORY(bytes)   \nweb   web    2m           2Mi             \n');
    expect(h.run('kubectl top pod -A -l k8s-app=kube-dns').stdout).toBe(
      'NAMESPACE     NAME                       CPU(cores)   MEMORY(bytes)   \n' +
        'kube-system   coredns-7947d6fc6c-lhh57   3m           11Mi            \n' +
        'kube-system   coredns-7947d6fc6c-zm4vk   3m           11Mi            \n',
    );
    expect(h.run('kubectl top pod x').output).toBe('Error from server (NotFound): podmetrics.metrics.k8s.io "default/x" not found\n');
  });

  it('a node whose kubelet is stopped has <unknown> usage', () => {
    const h = sandbox();
    h.run('sandbox node stop k8s-node02 && sleep 30');
    const lines = h.run('kubectl top node').stdout.split('\n');
    expect(lines[0]).toBe('NAME           CPU(cores)   CPU%        MEMORY(bytes)   MEMORY%     ');
    expect(lines[3]).toBe('k8s-node02     <unknown>    <unknown>   <unknown>       <unknown>   ');
  });

  it('without a ready metrics-server pod the Metrics API is not available', () => {
    const h = sandbox();
    h.run('kubectl scale deployment metrics-server -n kube-system --replicas=0 && sleep 40');
    expect(h.run('kubectl top node').output).toBe('error: Metrics API not available\n');
    expect(h.run('kubectl top pod -A').output).toBe('error: Metrics API not available\n');
    // A new metrics-server starts empty: nothing until two scrapes have seen the pods.
    h.run('kubectl scale deployment metrics-server -n kube-system --replicas=1');
    expect(h.cluster.advance(60_000, () => h.cluster.metrics.available())).toBe(true);
    expect(h.run('kubectl top node').output).toBe('error: metrics not available yet\n');
    h.run('sleep 30');
    expect(h.run('kubectl top node --no-headers').stdout.split('\n')).toHaveLength(4);
  });

  it('a load set with sandbox load ramps up within a minute and is capped at the CPU limit', () => {
    const h = sandbox();
    h.run('kubectl create deployment web --image=nginx --replicas=2 && kubectl set resources deployment web --limits=cpu=300m && sleep 40');
    expect(h.run('sandbox load deployment/web 1').stdout).toBe('load on deployment/web set to 1 of CPU, spread over its ready pods\n');
    const cpu = () => h.cluster.metrics.podMetrics('default').map((p) => Math.ceil(p.containers[0].cpuNano / 1e6));
    h.run('sleep 15');
    for (const c of cpu()) expect(c).toBeGreaterThan(50);
    h.run('sleep 60');
    expect(cpu()).toEqual([300, 300]);
    expect(h.run('sandbox load').stdout).toBe('deployments.apps/web -n default: 1\n');
    h.run('sandbox load deployment/web 0 && sleep 2m');
    for (const c of cpu()) expect(c).toBeLessThan(5);
  });
});
