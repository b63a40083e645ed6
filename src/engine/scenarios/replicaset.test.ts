import { describe, expect, it } from 'vitest';
import { objects, sandbox, yaml } from './harness.ts';
import type { Headless } from '../terminal/headless.ts';
import type { KubeObject } from '../api/object.ts';
import { Cluster } from '../cluster.ts';

const FRONTEND = yaml`
  apiVersion: apps/v1
  kind: ReplicaSet
  metadata:
    name: frontend
  spec:
    replicas: 3
    selector:
      matchLabels:
        tier: frontend
    template:
      metadata:
        labels:
          tier: frontend
      spec:
        containers:
        - name: myapp
          image: wangyanglinux/myapp:v1
          env:
          - name: GET_HOSTS_FROM
            value: dns
          ports:
          - containerPort: 80
`;

type Owned = KubeObject & { metadata: { ownerReferences?: { kind: string; name: string; controller?: boolean; blockOwnerDeletion?: boolean }[] } };

const podsOf = (h: Headless, owner: string) =>
  objects(h, 'pods', 'default').filter((p) => (p as Owned).metadata.ownerReferences?.some((r) => r.name === owner && r.controller));
const rsStatus = (h: Headless, name = 'frontend') => h.cluster.store.get('replicasets.apps', 'default', name)!.status as Record<string, unknown>;
const eventMessages = (h: Headless, reason: string) =>
  objects(h, 'events', 'default')
    .filter((e) => (e as { reason?: string }).reason === reason)
    .map((e) => (e as { message?: string }).message);

function withFrontend(): Headless {
  const h = sandbox();
  h.session.fs.writeFile('/root/rs.yaml', FRONTEND);
  expect(h.run('kubectl apply -f rs.yaml').output).toBe('replicaset.apps/frontend created\n');
  return h;
}

describe('the ReplicaSet controller', () => {
  it('creates three pods named frontend-xxxxx from Kubernetes\' alphabet, owned by the set', () => {
    const h = withFrontend();
    const pods = podsOf(h, 'frontend');
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^frontend-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.generateName).toBe('frontend-');
      expect((p as Owned).metadata.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'frontend', uid: h.cluster.store.get('replicasets.apps', 'default', 'frontend')!.metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
    }
    expect(eventMessages(h, 'SuccessfulCreate').sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata.name}`).sort());
    // Created at once; running and ready after the image pull.
    expect(rsStatus(h)).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
    h.run('sleep 30s');
    expect(rsStatus(h)).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    expect(h.run('kubectl get rs').stdout).toBe('NAME       DESIRED   CURRENT   READY   AGE\nfrontend   3         3         3       30s\n');
  });

  it('replaces a deleted pod', () => {
    const h = withFrontend();
    h.run('sleep 30s');
    const victim = podsOf(h, 'frontend')[0].metadata.name!;
    h.run(`kubectl delete pod ${victim}`);
    const names = podsOf(h, 'frontend').map((p) => p.metadata.name);
    expect(names).toHaveLength(3);
    expect(names).not.toContain(victim);
  });

  it('makes a new pod when one is relabelled, and leaves the relabelled one alone (N13)', () => {
    const h = withFrontend();
    h.run('sleep 30s');
    const relabelled = podsOf(h, 'frontend')[0].metadata.name!;
    expect(h.run(`kubectl label pod ${relabelled} tier=frontend1 --overwrite=true`).output).toBe(`pod/${relabelled} labeled\n`);
    expect(podsOf(h, 'frontend')).toHaveLength(3);
    expect(podsOf(h, 'frontend').map((p) => p.metadata.name)).not.toContain(relabelled);
    const loose = h.cluster.store.get('pods', 'default', relabelled) as Owned;
    expect(loose.metadata.ownerReferences).toBeUndefined();
    h.run('sleep 30s');
    expect(h.run('kubectl get pods -l tier --no-headers').stdout.trim().split('\n')).toHaveLength(4);
    // Labelled back, it is adopted again and the set deletes its surplus pod.
    h.run(`kubectl label pod ${relabelled} tier=frontend --overwrite`);
    expect(podsOf(h, 'frontend')).toHaveLength(4);
    h.run('sleep 1s');
    const active = podsOf(h, 'frontend').filter((p) => !p.metadata.deletionTimestamp);
    expect(active).toHaveLength(3);
    // The newest pod goes first (all ready, same node ranks): the one made to replace it.
    expect(active.map((p) => p.metadata.name)).toContain(relabelled);
    expect(eventMessages(h, 'SuccessfulDelete')).toHaveLength(1);
  });

  it('adopts a matching orphan pod instead of creating one', () => {
    const h = sandbox();
    h.run('kubectl run lonely --image=nginx --labels=tier=frontend');
    h.session.fs.writeFile('/root/rs.yaml', FRONTEND);
    h.run('kubectl apply -f rs.yaml');
    const pods = podsOf(h, 'frontend').map((p) => p.metadata.name);
    expect(pods).toHaveLength(3);
    expect(pods).toContain('lonely');
    // fullyLabeled counts pods with all the template's labels: lonely has them.
    expect(rsStatus(h).fullyLabeledReplicas).toBe(3);
  });

  it('scales down by deleting unscheduled and not-ready pods first', () => {
    const h = withFrontend();
    h.run('sleep 30s');
    h.run('kubectl cordon k8s-node01 k8s-node02');
    expect(h.run('kubectl scale rs frontend --replicas=5').stdout).toBe('replicaset.apps/frontend scaled\n');
    h.run('sleep 5s');
    const pending = podsOf(h, 'frontend').filter((p) => !(p.spec as { nodeName?: string }).nodeName).map((p) => p.metadata.name).sort();
    expect(pending).toHaveLength(2);
    h.run('kubectl scale rs/frontend --replicas=3');
    const deleted = eventMessages(h, 'SuccessfulDelete').map((m) => m!.slice('Deleted pod: '.length)).sort();
    expect(deleted).toEqual(pending);
  });

  it('deletes its pods with the set (cascading), or leaves them with --cascade=orphan', () => {
    const h = withFrontend();
    h.run('sleep 30s');
    h.run('kubectl delete rs frontend --cascade=orphan');
    expect(objects(h, 'pods', 'default')).toHaveLength(3);
    for (const p of objects(h, 'pods', 'default')) expect((p as Owned).metadata.ownerReferences).toBeUndefined();
    // A new set adopts the orphans.
    h.run('kubectl apply -f rs.yaml');
    expect(podsOf(h, 'frontend')).toHaveLength(3);
    expect(eventMessages(h, 'SuccessfulCreate')).toHaveLength(3);
    h.run('kubectl delete rs frontend');
    h.run('sleep 40s');
    expect(objects(h, 'pods', 'default')).toHaveLength(0);
  });

  it('counts pods available only after minReadySeconds', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/rs.yaml', FRONTEND.replace('replicas: 3', 'replicas: 2\n  minReadySeconds: 20'));
    h.run('kubectl apply -f rs.yaml');
    h.run('sleep 15s');
    expect(rsStatus(h).readyReplicas).toBe(2);
    expect(rsStatus(h).availableReplicas).toBeUndefined();
    h.run('sleep 30s');
    expect(rsStatus(h).availableReplicas).toBe(2);
  });

  it('reports ReplicaFailure when pods are refused, and clears it when they are not', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/rs.yaml', FRONTEND.replace('      containers:', '      serviceAccountName: missing\n      containers:'));
    h.run('kubectl apply -f rs.yaml');
    const cond = (rsStatus(h).conditions as { type: string; status: string; reason: string; message: string }[])[0];
    expect(cond).toMatchObject({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate' });
    expect(cond.message).toMatch(/serviceaccount "missing" not found/);
    const failed = eventMessages(h, 'FailedCreate');
    // Slow start: each sync's first batch of one failed, so no more were tried; syncs retry with back-off.
    expect(failed.length).toBeGreaterThan(0);
    expect(podsOf(h, 'frontend')).toHaveLength(0);
    expect(failed[0]).toMatch(/^Error creating: pods "frontend-[a-z0-9]{5}" is forbidden: error looking up service account default\/missing: serviceaccount "missing" not found$/);
    expect(h.run('kubectl describe rs frontend').stdout).toContain('Conditions:\n  Type             Status  Reason\n  ----             ------  ------\n  ReplicaFailure   True    FailedCreate\n');
    h.run('kubectl create serviceaccount missing');
    h.run('sleep 20s');
    expect(podsOf(h, 'frontend')).toHaveLength(3);
    expect(rsStatus(h).conditions).toBeUndefined();
  });

  it('keeps a ReplicationController\'s pods too', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/rc.yaml', yaml`
      apiVersion: v1
      kind: ReplicationController
      metadata:
        name: nginx
      spec:
        replicas: 2
        template:
          metadata:
            labels:
              app: nginx
          spec:
            containers:
            - name: nginx
              image: nginx
    `);
    h.run('kubectl apply -f rc.yaml');
    const pods = podsOf(h, 'nginx');
    expect(pods).toHaveLength(2);
    expect((pods[0] as Owned).metadata.ownerReferences![0]).toMatchObject({ kind: 'ReplicationController', name: 'nginx' });
    const ev = objects(h, 'events', 'default').find((e) => (e as { reason?: string }).reason === 'SuccessfulCreate') as { source?: { component: string } };
    expect(ev.source).toEqual({ component: 'replication-controller' });
    h.run('sleep 30s');
    expect(h.run('kubectl get rc').stdout).toBe('NAME    DESIRED   CURRENT   READY   AGE\nnginx   2         2         2       30s\n');
    const names = pods.map((p) => p.metadata.name).sort();
    expect(h.run('kubectl describe rc nginx').stdout).toBe(
      [
        'Name:         nginx',
        'Namespace:    default',
        'Selector:     app=nginx',
        'Labels:       app=nginx',
        'Annotations:  <none>',
        'Replicas:     2 current / 2 desired',
        'Pods Status:  2 Running / 0 Waiting / 0 Succeeded / 0 Failed',
        'Pod Template:',
        '  Labels:  app=nginx',
        '  Containers:',
        '   nginx:',
        '    Image:         nginx',
        '    Port:          <none>',
        '    Host Port:     <none>',
        '    Environment:   <none>',
        '    Mounts:        <none>',
        '  Volumes:         <none>',
        '  Node-Selectors:  <none>',
        '  Tolerations:     <none>',
        'Events:',
        '  Type    Reason            Age   From                    Message',
        '  ----    ------            ----  ----                    -------',
        ...names.map((n) => `  Normal  SuccessfulCreate  30s   replication-controller  Created pod: ${n}`),
        '',
      ].join('\n'),
    );
  });

  it('continues identically after a snapshot', () => {
    const h = withFrontend();
    h.run('sleep 3s');
    const copy = Cluster.restore(JSON.parse(JSON.stringify(h.cluster.snapshot())));
    for (const c of [h.cluster, copy]) {
      const podKind = c.kinds.kinds.find((k) => k.kind === 'Pod')!;
      for (const p of c.store.list('pods', 'default')) c.api.delete(podKind, 'default', p.metadata.name!);
      c.advance(60_000);
    }
    expect(JSON.stringify(copy.snapshot())).toBe(JSON.stringify(h.cluster.snapshot()));
  });
});
