import { describe, expect, it } from 'vitest';
import { pod, sandbox, yaml } from './harness.ts';
import type { Headless } from '../terminal/headless.ts';
import { Cluster } from '../cluster.ts';

type Cond = { type: string; status: string; reason?: string; message?: string };
type Taint = { key: string; effect: string; value?: string; timeAdded?: string };

const nodeOf = (h: Headless, name: string) => h.cluster.store.get('nodes', undefined, name) as unknown as {
  spec: { taints?: Taint[]; unschedulable?: boolean };
  status: { conditions: Cond[] };
};
const taints = (h: Headless, node: string) => (nodeOf(h, node).spec.taints ?? []).map((t) => `${t.key}:${t.effect}`);
const podReady = (h: Headless, name: string) => (pod(h, name)?.status as { conditions?: Cond[] }).conditions?.find((c) => c.type === 'Ready')?.status;

/**
 * A pod on a given node owned by a ReplicaSet. The ReplicaSet only stands there as the owner (the
 * garbage collector would delete a pod whose owner is missing): it is being deleted, held by a
 * finalizer, so the ReplicaSet controller neither deletes the pod nor makes new ones.
 */
function ownedPod(h: Headless, name: string, node: string, extra = ''): string {
  if (!h.cluster.store.get('replicasets.apps', 'default', 'app-rs')) {
    h.session.fs.writeFile('/root/rs.yaml', yaml`
      apiVersion: apps/v1
      kind: ReplicaSet
      metadata:
        name: app-rs
        finalizers:
        - sandbox.example/hold
      spec:
        replicas: 0
        selector:
          matchLabels:
            app: app
        template:
          metadata:
            labels:
              app: app
          spec:
            containers:
            - name: app
              image: nginx
    `);
    h.run('kubectl apply -f rs.yaml && kubectl delete rs app-rs --wait=false');
  }
  const uid = h.cluster.store.get('replicasets.apps', 'default', 'app-rs')!.metadata.uid;
  return yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: ${name}
      labels:
        app: app
      ownerReferences:
      - apiVersion: apps/v1
        kind: ReplicaSet
        name: app-rs
        uid: ${uid}
        controller: true
    spec:
      nodeName: ${node}
      containers:
      - name: app
        image: nginx${extra}
  `;
}

describe('kubectl cordon and uncordon', () => {
  it('marks the node unschedulable, says so once, and the controller adds the unschedulable taint', () => {
    const h = sandbox();
    expect(h.run('kubectl cordon k8s-node01').output).toBe('node/k8s-node01 cordoned\n');
    expect(h.run('kubectl cordon k8s-node01').output).toBe('node/k8s-node01 already cordoned\n');
    expect(h.run('kubectl get nodes k8s-node01').stdout).toMatch(/^k8s-node01 {3}Ready,SchedulingDisabled {3}<none> /m);
    expect(taints(h, 'k8s-node01')).toEqual(['node.kubernetes.io/unschedulable:NoSchedule']);
    expect(h.run('kubectl uncordon k8s-node01').output).toBe('node/k8s-node01 uncordoned\n');
    expect(h.run('kubectl uncordon k8s-node01').output).toBe('node/k8s-node01 already uncordoned\n');
    expect(taints(h, 'k8s-node01')).toEqual([]);
    expect(h.run('kubectl cordon k8s-node01 --dry-run=client').output).toBe('node/k8s-node01 cordoned (dry run)\n');
    expect(nodeOf(h, 'k8s-node01').spec.unschedulable).toBeUndefined();
  });

  it('keeps new pods off a cordoned node', () => {
    const h = sandbox();
    h.run('kubectl cordon k8s-node01 && kubectl cordon k8s-node02');
    h.run('kubectl run web --image=nginx && sleep 5s');
    expect((pod(h, 'web')!.spec as { nodeName?: string }).nodeName).toBeUndefined();
    h.run('kubectl uncordon k8s-node02 && sleep 10s');
    expect((pod(h, 'web')!.spec as { nodeName?: string }).nodeName).toBe('k8s-node02');
  });

  it('reports a missing node and a missing argument as kubectl does', () => {
    const h = sandbox();
    const r = h.run('kubectl cordon x');
    expect(r.stderr).toBe('Error from server (NotFound): nodes "x" not found\n');
    expect(r.status).toBe(1);
    expect(h.run('kubectl uncordon').stderr).toBe("error: USAGE: uncordon NODE [flags]\nSee 'kubectl uncordon -h' for help and examples\n");
  });
});

describe('kubectl drain', () => {
  it('refuses pods that declare no controller, after cordoning, with the pending node listed', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/web.yaml', yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: solo
      spec:
        nodeName: k8s-node01
        containers:
        - name: app
          image: nginx
    `);
    h.run('kubectl apply -f web.yaml && sleep 5s');
    const r = h.run('kubectl drain k8s-node01 --ignore-daemonsets');
    expect(r.status).toBe(1);
    expect(r.output).toBe(
      'node/k8s-node01 cordoned\n' +
        'error: unable to drain node "k8s-node01" due to error: cannot delete Pods that declare no controller (use --force to override): default/solo, continuing command...\n' +
        'There are pending nodes to be drained:\n k8s-node01\n' +
        'cannot delete Pods that declare no controller (use --force to override): default/solo\n',
    );
    expect(nodeOf(h, 'k8s-node01').spec.unschedulable).toBe(true);
  });

  it('refuses the DaemonSet-managed pods every node runs without --ignore-daemonsets', () => {
    const h = sandbox();
    const r = h.run('kubectl drain k8s-node01');
    expect(r.status).toBe(1);
    expect(r.output).toBe(
      'node/k8s-node01 cordoned\n' +
        'error: unable to drain node "k8s-node01" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-flannel/kube-flannel-ds-87jv5, kube-system/kube-proxy-x7pcq, continuing command...\n' +
        'There are pending nodes to be drained:\n k8s-node01\n' +
        'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-flannel/kube-flannel-ds-87jv5, kube-system/kube-proxy-x7pcq\n',
    );
  });

  it('evicts managed pods, waits until they are gone, and says the node is drained', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/a.yaml', ownedPod(h, 'app-1', 'k8s-node01'));
    h.run('kubectl apply -f a.yaml && sleep 10s');
    const start = h.cluster.now();
    const r = h.run('kubectl drain k8s-node01 --ignore-daemonsets');
    expect(r.output).toBe('node/k8s-node01 cordoned\nWarning: ignoring DaemonSet-managed Pods: kube-flannel/kube-flannel-ds-87jv5, kube-system/kube-proxy-x7pcq\nevicting pod default/app-1\npod/app-1 evicted\nnode/k8s-node01 drained\n');
    expect(r.status).toBe(0);
    expect(h.cluster.now()).toBeGreaterThan(start);
    expect(pod(h, 'app-1')).toBeUndefined();
  });

  it('forces unmanaged pods with a warning, and deletes with --disable-eviction', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/s.yaml', yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: solo
      spec:
        nodeName: k8s-node01
        containers:
        - name: app
          image: nginx
    `);
    h.run('kubectl apply -f s.yaml && sleep 10s');
    expect(h.run('kubectl drain k8s-node01 --ignore-daemonsets --force --dry-run=client').output).toBe(
      'node/k8s-node01 cordoned (dry run)\nWarning: deleting Pods that declare no controller: default/solo; ignoring DaemonSet-managed Pods: kube-flannel/kube-flannel-ds-87jv5, kube-system/kube-proxy-x7pcq\nevicting pod default/solo (dry run)\nnode/k8s-node01 drained (dry run)\n',
    );
    expect(pod(h, 'solo')).toBeDefined();
    expect(h.run('kubectl drain k8s-node01 --ignore-daemonsets --force --disable-eviction --grace-period=1').output).toBe(
      'node/k8s-node01 cordoned\nWarning: deleting Pods that declare no controller: default/solo; ignoring DaemonSet-managed Pods: kube-flannel/kube-flannel-ds-87jv5, kube-system/kube-proxy-x7pcq\npod/solo deleted\nnode/k8s-node01 drained\n',
    );
  });

  it('refuses emptyDir pods without --delete-emptydir-data, then evicts them with it', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/e.yaml', ownedPod(h, 'cache-1', 'k8s-node01') + '  volumes:\n  - name: tmp\n    emptyDir: {}\n');
    h.run('kubectl apply -f e.yaml && sleep 10s');
    expect(h.run('kubectl drain k8s-node01 --ignore-daemonsets').stderr).toContain(
      'due to error: cannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache-1, continuing command...\n',
    );
    expect(h.run('kubectl drain k8s-node01 --ignore-daemonsets --delete-emptydir-data').output).toBe(
      'node/k8s-node01 already cordoned\nWarning: ignoring DaemonSet-managed Pods: kube-flannel/kube-flannel-ds-87jv5, kube-system/kube-proxy-x7pcq\nevicting pod default/cache-1\npod/cache-1 evicted\nnode/k8s-node01 drained\n',
    );
  });

  it('skips mirror pods, and gives up after --timeout on a pod that cannot finish', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/a.yaml', ownedPod(h, 'app-1', 'k8s-node01'));
    h.run('kubectl apply -f a.yaml && sleep 10s');
    // The kubelet is gone: the evicted pod stays Terminating.
    h.run('sandbox node stop k8s-node01');
    const r = h.run('kubectl drain k8s-node01 --ignore-daemonsets --timeout=10s');
    expect(r.status).toBe(1);
    expect(r.output).toBe(
      'node/k8s-node01 cordoned\n' +
        'Warning: ignoring DaemonSet-managed Pods: kube-flannel/kube-flannel-ds-87jv5, kube-system/kube-proxy-x7pcq\n' +
        'evicting pod default/app-1\n' +
        'There are pending pods in node "k8s-node01" when an error occurred: error when waiting for pod "app-1" terminating: global timeout reached: 10s\n' +
        'pod/app-1\n' +
        'error: unable to drain node "k8s-node01" due to error: error when waiting for pod "app-1" terminating: global timeout reached: 10s, continuing command...\n' +
        'There are pending nodes to be drained:\n k8s-node01\n' +
        'error when waiting for pod "app-1" terminating: global timeout reached: 10s\n',
    );
    const conds = (pod(h, 'app-1')!.status as { conditions: Cond[] }).conditions;
    expect(conds.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' });
    const master = h.run('kubectl drain k8s-master01 --ignore-daemonsets --delete-emptydir-data --dry-run=client');
    // The static pods' mirrors are skipped without a word; CoreDNS would be evicted.
    expect(master.output).toBe(
      'node/k8s-master01 cordoned (dry run)\n' +
        'Warning: ignoring DaemonSet-managed Pods: kube-flannel/kube-flannel-ds-bgncf, kube-system/kube-proxy-v2zp9\n' +
        'evicting pod kube-system/coredns-7947d6fc6c-lhh57 (dry run)\n' +
        'evicting pod kube-system/coredns-7947d6fc6c-zm4vk (dry run)\n' +
        'node/k8s-master01 drained (dry run)\n',
    );
  });
});

describe('kubectl taint', () => {
  it('adds and removes taints with kubectl messages', () => {
    const h = sandbox();
    expect(h.run('kubectl taint nodes k8s-node01 dedicated=gpu:NoSchedule').output).toBe('node/k8s-node01 tainted\n');
    expect(h.run('kubectl taint nodes k8s-node01 dedicated=gpu:NoSchedule').stderr).toBe(
      'error: node k8s-node01 already has dedicated taint(s) with same effect(s) and --overwrite is false\n',
    );
    expect(h.run('kubectl taint nodes k8s-node01 dedicated=cpu:NoSchedule --overwrite').output).toBe('node/k8s-node01 modified\n');
    expect(nodeOf(h, 'k8s-node01').spec.taints).toEqual([{ key: 'dedicated', value: 'cpu', effect: 'NoSchedule' }]);
    expect(h.run('kubectl taint nodes k8s-node01 dedicated:NoSchedule-').output).toBe('node/k8s-node01 untainted\n');
    expect(h.run('kubectl taint nodes k8s-node01 dedicated:NoSchedule-').stderr).toBe('error: taint "dedicated:NoSchedule" not found\n');
    expect(h.run('kubectl taint node/k8s-node01 a:Sometimes').stderr).toBe('error: invalid taint effect: Sometimes, unsupported taint effect\n');
  });

  it('a NoExecute taint evicts the pods that do not tolerate it, at once', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/a.yaml', ownedPod(h, 'app-1', 'k8s-node01'));
    h.run('kubectl apply -f a.yaml && sleep 10s');
    h.run('kubectl taint nodes k8s-node01 maintenance=now:NoExecute');
    expect(pod(h, 'app-1')?.metadata.deletionTimestamp).toBeDefined();
    const ev = h.run("kubectl get events --field-selector reason=TaintManagerEviction -o jsonpath='{.items[*].message}'").stdout;
    expect(ev).toBe('Marking for deletion Pod default/app-1');
    h.run('sleep 5s');
    expect(pod(h, 'app-1')).toBeUndefined();
  });
});

describe('a node whose kubelet stops', () => {
  it('goes NotReady after the grace period, is tainted, its pods are marked not ready and evicted after 300s; back when the kubelet starts', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/a.yaml', ownedPod(h, 'app-1', 'k8s-node01'));
    h.run('kubectl apply -f a.yaml && sleep 10s');
    expect(podReady(h, 'app-1')).toBe('True');
    expect(h.run('sandbox node stop k8s-node01').output).toBe('kubelet on k8s-node01 stopped; its containers keep running\n');
    h.run('sleep 35s');
    expect(h.run('kubectl get node k8s-node01').stdout).toMatch(/^k8s-node01 +Ready /m);
    h.run('sleep 25s');
    expect(h.run('kubectl get node k8s-node01').stdout).toMatch(/^k8s-node01 +NotReady /m);
    const ready = nodeOf(h, 'k8s-node01').status.conditions.find((c) => c.type === 'Ready')!;
    expect(ready).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    for (const t of ['MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      expect(nodeOf(h, 'k8s-node01').status.conditions.find((c) => c.type === t)!.status).toBe('Unknown');
    }
    expect(taints(h, 'k8s-node01')).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    expect(nodeOf(h, 'k8s-node01').spec.taints!.every((t) => t.timeAdded)).toBe(true);
    expect(podReady(h, 'app-1')).toBe('False');
    // kubectl still shows the containers as the kubelet last reported them.
    expect(h.run('kubectl get pod app-1').stdout).toMatch(/^app-1 +1\/1 +Running /m);
    const nodeEvents = h.run("kubectl get events --field-selector involvedObject.name=k8s-node01,reason=NodeNotReady -o jsonpath='{.items[*].message}'").stdout;
    expect(nodeEvents).toBe('Node k8s-node01 status is now: NodeNotReady');
    const podEvents = h.run("kubectl get events --field-selector involvedObject.name=app-1,reason=NodeNotReady -o jsonpath='{.items[*].type} {.items[*].message}'").stdout;
    expect(podEvents).toBe('Warning Node is not ready');

    // The default toleration: 300 s after the NoExecute taint.
    h.run('sleep 240s');
    expect(pod(h, 'app-1')?.metadata.deletionTimestamp).toBeUndefined();
    h.run('sleep 70s');
    expect(h.run('kubectl get pod app-1').stdout).toMatch(/^app-1 +1\/1 +Terminating /m);
    const marked = h.run("kubectl get events --field-selector reason=TaintManagerEviction -o jsonpath='{.items[*].message}'").stdout;
    expect(marked).toBe('Marking for deletion Pod default/app-1');
    // Nobody is there to finish the graceful deletion.
    h.run('sleep 120s');
    expect(pod(h, 'app-1')).toBeDefined();

    expect(h.run('sandbox node start k8s-node01').output).toBe('kubelet on k8s-node01 started\n');
    h.run('sleep 10s');
    expect(h.run('kubectl get node k8s-node01').stdout).toMatch(/^k8s-node01 +Ready /m);
    expect(taints(h, 'k8s-node01')).toEqual([]);
    // Back, the kubelet finishes the deletion it was asked for.
    expect(pod(h, 'app-1')).toBeUndefined();
  });

  it('cancels a pending eviction when the node comes back in time', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/a.yaml', ownedPod(h, 'app-1', 'k8s-node01'));
    h.run('kubectl apply -f a.yaml && sleep 10s && sandbox node stop k8s-node01 && sleep 90s');
    expect(taints(h, 'k8s-node01')).toContain('node.kubernetes.io/unreachable:NoExecute');
    h.run('sandbox node start k8s-node01 && sleep 10s');
    expect(podReady(h, 'app-1')).toBe('True');
    const ev = h.run("kubectl get events --field-selector reason=TaintManagerEviction -o jsonpath='{.items[*].message}'").stdout;
    expect(ev).toBe('Cancelling deletion of Pod default/app-1');
    h.run('sleep 400s');
    expect(pod(h, 'app-1')?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('does not evict anything when every node is down (full disruption)', () => {
    const h = sandbox();
    h.run('sandbox node stop k8s-master01 && sandbox node stop k8s-node01 && sandbox node stop k8s-node02 && sleep 90s');
    for (const n of ['k8s-master01', 'k8s-node01', 'k8s-node02']) expect(taints(h, n)).not.toContain('node.kubernetes.io/unreachable:NoExecute');
  });
});

describe('a node that goes away', () => {
  it('kubectl delete node: a running kubelet does not register again until it restarts; its pods are collected', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/a.yaml', ownedPod(h, 'app-1', 'k8s-node01'));
    h.run('kubectl apply -f a.yaml && sleep 10s');
    expect(h.run('kubectl delete node k8s-node01').output).toBe('node "k8s-node01" deleted\n');
    h.run('sleep 30s');
    expect(h.cluster.store.get('nodes', undefined, 'k8s-node01')).toBeUndefined();
    h.run('sleep 60s');
    expect(pod(h, 'app-1')).toBeUndefined();
    h.run('sandbox node stop k8s-node01 && sandbox node start k8s-node01');
    expect(h.run('kubectl get node k8s-node01').stdout).toMatch(/^k8s-node01 +Ready /m);
  });

  it('sandbox node delete removes the machine and its Node', () => {
    const h = sandbox();
    expect(h.run('sandbox node delete k8s-node02').output).toBe("machine k8s-node02 removed; its Node object is deleted\n");
    h.run('sleep 20s');
    expect(h.run('kubectl get nodes -o name').stdout).toBe('node/k8s-master01\nnode/k8s-node01\n');
    expect(h.run('sandbox node start k8s-node02').stderr).toBe('sandbox node start: there is no machine called k8s-node02\n');
    const ev = h.run("kubectl get events --field-selector reason=RemovingNode -o jsonpath='{.items[*].message}'").stdout;
    expect(ev).toBe('Removing Node k8s-node02 from Controller');
  });
});

describe('node faults survive snapshot and restore', () => {
  it('a restored cluster goes on with the same timers (NotReady, taints, eviction)', () => {
    const a = new Cluster({ seed: 2 });
    a.stopKubelet('k8s-node01');
    a.advance(30_000);
    const b = Cluster.restore(JSON.parse(JSON.stringify(a.snapshot())));
    a.advance(400_000);
    b.advance(400_000);
    expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(a.snapshot()));
    const node = b.store.get('nodes', undefined, 'k8s-node01') as unknown as { spec: { taints: Taint[] } };
    expect(node.spec.taints.map((t) => t.key + ':' + t.effect)).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
  });
});
