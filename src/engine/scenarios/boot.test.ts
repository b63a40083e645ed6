import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { sandbox } from './harness.ts';

describe('a fresh cluster', () => {
  it('lists one tainted control plane and two workers, all Ready, five minutes old', () => {
    const h = sandbox();
    expect(h.run('kubectl get nodes').stdout).toBe(
      [
        'NAME           STATUS   ROLES           AGE   VERSION',
        'k8s-master01   Ready    control-plane   5m    v1.30.14',
        'k8s-node01     Ready    <none>          5m    v1.30.14',
        'k8s-node02     Ready    <none>          5m    v1.30.14',
        '',
      ].join('\n'),
    );
    const master = h.cluster.store.get('nodes', undefined, 'k8s-master01')!;
    expect((master.spec as { taints: unknown[] }).taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
  });

  it('shows node addresses and system info with -o wide', () => {
    const h = sandbox();
    expect(h.run('kubectl get node k8s-node01 -o wide').stdout).toBe(
      [
        'NAME         STATUS   ROLES    AGE   VERSION    INTERNAL-IP     EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION       CONTAINER-RUNTIME',
        'k8s-node01   Ready    <none>   5m    v1.30.14   192.168.31.11   <none>        Ubuntu 22.04.5 LTS   5.15.0-143-generic   containerd://1.7.27',
        '',
      ].join('\n'),
    );
  });

  it('runs the control plane as static pods with mirror pods in kube-system, beside the add-ons', () => {
    const h = sandbox();
    expect(h.run('kubectl get pods -n kube-system').stdout).toBe(
      [
        'NAME                                   READY   STATUS    RESTARTS   AGE',
        'coredns-7947d6fc6c-lhh57               1/1     Running   0          5m',
        'coredns-7947d6fc6c-zm4vk               1/1     Running   0          5m',
        'etcd-k8s-master01                      1/1     Running   0          5m',
        'kube-apiserver-k8s-master01            1/1     Running   0          5m',
        'kube-controller-manager-k8s-master01   1/1     Running   0          5m',
        'kube-proxy-rd7lq                       1/1     Running   0          5m',
        'kube-proxy-v2zp9                       1/1     Running   0          5m',
        'kube-proxy-x7pcq                       1/1     Running   0          5m',
        'kube-scheduler-k8s-master01            1/1     Running   0          5m',
        'metrics-server-6b6565b6fd-sjkm7        1/1     Running   0          5m',
        '',
      ].join('\n'),
    );
    const etcd = h.cluster.store.get('pods', 'kube-system', 'etcd-k8s-master01')!;
    expect(etcd.metadata.annotations?.['kubernetes.io/config.source']).toBe('file');
    expect(etcd.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Node', name: 'k8s-master01', controller: true });
    expect((etcd.spec as { priority: number }).priority).toBe(2000001000);
  });

  it("has the four system namespaces and flannel's, their default service accounts and root CA config maps", () => {
    const h = sandbox();
    expect(h.run('kubectl get ns').stdout).toBe(
      ['NAME              STATUS   AGE', 'default           Active   5m', 'kube-flannel      Active   5m', 'kube-node-lease   Active   5m', 'kube-public       Active   5m', 'kube-system       Active   5m', ''].join('\n'),
    );
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'kube-flannel']) {
      expect(h.cluster.store.get('serviceaccounts', ns, 'default')).toBeDefined();
      expect(h.cluster.store.get('configmaps', ns, 'kube-root-ca.crt')).toBeDefined();
    }
  });

  it('serves the kubernetes Service at 10.96.0.1 backed by the apiserver endpoint', () => {
    const h = sandbox();
    expect(h.run('kubectl get svc,ep').stdout).toBe(
      [
        'NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE',
        'service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   5m',
        '',
        'NAME                   ENDPOINTS            AGE',
        'endpoints/kubernetes   192.168.31.10:6443   5m',
        '',
      ].join('\n'),
    );
  });

  it('runs kube-proxy and flannel as DaemonSets, CoreDNS and metrics-server as Deployments, as a kubeadm lab does', () => {
    const h = sandbox();
    expect(h.run('kubectl get ds -A').stdout).toBe(
      [
        'NAMESPACE      NAME              DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE',
        'kube-flannel   kube-flannel-ds   3         3         3       3            3           <none>                   5m',
        'kube-system    kube-proxy        3         3         3       3            3           kubernetes.io/os=linux   5m',
        '',
      ].join('\n'),
    );
    expect(h.run('kubectl get deploy -n kube-system').stdout).toBe(
      ['NAME             READY   UP-TO-DATE   AVAILABLE   AGE', 'coredns          2/2     2            2           5m', 'metrics-server   1/1     1            1           5m', ''].join('\n'),
    );
    expect(h.run('kubectl get svc -n kube-system').stdout).toBe(
      [
        'NAME             TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)                  AGE',
        'kube-dns         ClusterIP   10.96.0.10     <none>        53/UDP,53/TCP,9153/TCP   5m',
        'metrics-server   ClusterIP   10.96.225.99   <none>        443/TCP                  5m',
        '',
      ].join('\n'),
    );
    // CoreDNS came up while the control plane was the only node (it tolerates the control-plane
    // taint); kube-proxy and flannel use the host's network.
    expect(h.run('kubectl get pods -A -o wide --field-selector spec.nodeName=k8s-master01 -o custom-columns=NAME:.metadata.name,IP:.status.podIP').stdout).toBe(
      [
        'NAME                                   IP',
        'kube-flannel-ds-bgncf                  192.168.31.10',
        'coredns-7947d6fc6c-lhh57               10.244.0.3',
        'coredns-7947d6fc6c-zm4vk               10.244.0.2',
        'etcd-k8s-master01                      192.168.31.10',
        'kube-apiserver-k8s-master01            192.168.31.10',
        'kube-controller-manager-k8s-master01   192.168.31.10',
        'kube-proxy-v2zp9                       192.168.31.10',
        'kube-scheduler-k8s-master01            192.168.31.10',
        '',
      ].join('\n'),
    );
  });

  it('gives each node a /24 pod CIDR and renews a lease per node', () => {
    const h = sandbox();
    const cidrs = h.cluster.store.list('nodes').map((n) => (n.spec as { podCIDR: string }).podCIDR);
    expect(cidrs).toEqual(['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24']);
    expect(h.run('kubectl get leases -n kube-node-lease').stdout).toBe(
      ['NAME           HOLDER         AGE', 'k8s-master01   k8s-master01   5m', 'k8s-node01     k8s-node01     5m', 'k8s-node02     k8s-node02     5m', ''].join('\n'),
    );
  });

  it('takes another worker count', () => {
    const h = sandbox({ workers: 4 });
    expect(h.cluster.store.list('nodes').map((n) => n.metadata.name)).toEqual(['k8s-master01', 'k8s-node01', 'k8s-node02', 'k8s-node03', 'k8s-node04']);
  });

  it('is the same cluster, byte for byte, for the same seed, and a different one for another seed', () => {
    const a = JSON.stringify(new Cluster({ seed: 42 }).snapshot());
    const b = JSON.stringify(new Cluster({ seed: 42 }).snapshot());
    const c = JSON.stringify(new Cluster({ seed: 43 }).snapshot());
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});
