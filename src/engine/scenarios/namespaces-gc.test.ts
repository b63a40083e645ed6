import { describe, expect, it } from 'vitest';
import { sandbox, yaml } from './harness.ts';

describe('deleting a namespace', () => {
  it('turns it Terminating, deletes what it holds, then removes it', () => {
    const h = sandbox();
    h.run('kubectl create namespace dev && kubectl run a --image=nginx -n dev && kubectl create configmap cfg --from-literal=k=v -n dev && sleep 10s');
    expect(h.run('kubectl delete namespace dev --wait=false').stdout).toBe('namespace "dev" deleted\n');
    expect(h.run('kubectl get ns dev').stdout).toBe('NAME   STATUS        AGE\ndev    Terminating   10s\n');
    expect(h.run('kubectl run b --image=nginx -n dev').stderr).toBe(
      'Error from server (Forbidden): pods "b" is forbidden: unable to create new content in namespace dev because it is being terminated\n',
    );
    h.run('sleep 10s');
    expect(h.run('kubectl get ns dev').stderr).toBe('Error from server (NotFound): namespaces "dev" not found\n');
    expect(h.cluster.store.list('pods', 'dev')).toEqual([]);
    expect(h.cluster.store.list('configmaps', 'dev')).toEqual([]);
  });

  it('waits for the namespace to go when kubectl delete is left to wait', () => {
    const h = sandbox();
    h.run('kubectl create namespace dev && kubectl run a --image=nginx -n dev && sleep 10s');
    const r = h.run('kubectl delete ns dev');
    expect(r.status).toBe(0);
    expect(h.cluster.store.get('namespaces', undefined, 'dev')).toBeUndefined();
  });

  it('refuses to delete the system namespaces', () => {
    const h = sandbox();
    expect(h.run('kubectl delete ns default').stderr).toBe('Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted\n');
    expect(h.run('kubectl delete ns kube-system').stderr).toBe('Error from server (Forbidden): namespaces "kube-system" is forbidden: this namespace may not be deleted\n');
  });

  it('refuses objects in a namespace that does not exist', () => {
    const h = sandbox();
    expect(h.run('kubectl run a --image=nginx -n nope').stderr).toBe('Error from server (NotFound): namespaces "nope" not found\n');
  });
});

describe('the garbage collector', () => {
  // A ConfigMap owns other ConfigMaps here: the garbage collector does not care what kinds they are.
  const setup = (policy: string) => {
    const h = sandbox();
    h.run('kubectl create configmap owner');
    const uid = h.cluster.store.get('configmaps', 'default', 'owner')!.metadata.uid!;
    h.session.fs.writeFile(
      '/root/deps.yaml',
      ['a', 'b']
        .map(
          (n) => yaml`
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: dep-${n}
              ownerReferences:
              - apiVersion: v1
                kind: ConfigMap
                name: owner
                uid: ${uid}
                blockOwnerDeletion: true
          `,
        )
        .join('---\n'),
    );
    h.run('kubectl apply -f deps.yaml');
    const r = h.run(`kubectl delete configmap owner --cascade=${policy}`);
    return { h, r };
  };
  const names = (h: ReturnType<typeof sandbox>) => h.cluster.store.list('configmaps', 'default').map((c) => c.metadata.name);

  it('deletes dependents after their owner with background propagation', () => {
    const { h, r } = setup('background');
    expect(r.stdout).toBe('configmap "owner" deleted\n');
    h.run('sleep 1s');
    expect(names(h)).toEqual(['kube-root-ca.crt']);
  });

  it('deletes dependents before their owner with foreground propagation', () => {
    const { h } = setup('foreground');
    expect(names(h)).toEqual(['kube-root-ca.crt']);
  });

  it('leaves dependents without an owner reference with orphan propagation', () => {
    const { h } = setup('orphan');
    expect(names(h)).toEqual(['dep-a', 'dep-b', 'kube-root-ca.crt']);
    expect(h.cluster.store.get('configmaps', 'default', 'dep-a')!.metadata.ownerReferences).toBeUndefined();
  });

  it('collects an object whose owner never existed', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/orphan.yaml', yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: lost
        ownerReferences:
        - apiVersion: v1
          kind: ConfigMap
          name: ghost
          uid: 00000000-0000-0000-0000-000000000000
    `);
    h.run('kubectl apply -f orphan.yaml && sleep 1s');
    expect(h.cluster.store.get('configmaps', 'default', 'lost')).toBeUndefined();
  });
});

describe('the kubernetes Service', () => {
  it('is recreated by the apiserver after delete svc --all', () => {
    const h = sandbox();
    expect(h.run('kubectl delete svc --all').stdout).toBe('service "kubernetes" deleted\n');
    expect(h.cluster.store.get('services', 'default', 'kubernetes')).toBeUndefined();
    h.run('sleep 10s');
    expect(h.run('kubectl get svc').stdout).toMatch(/^kubernetes +ClusterIP +10\.96\.0\.1 +<none> +443\/TCP +\d+s$/m);
  });
});
