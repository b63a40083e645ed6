import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import type { Headless } from '../terminal/headless.ts';
import { TerminalSession } from '../terminal/session.ts';
import { driveToEnd } from '../terminal/drive.ts';
import { objects, pod, sandbox, yaml } from './harness.ts';
import { parseRFC3339 } from '../util/time.ts';

// Kubernetes' own StatefulSet example (the StatefulSet basics tutorial): a headless service and
// three nginx pods, each with a 1Gi claim. The notes describe StatefulSets without a manifest.
const webYaml = ({ replicas = 3, image = 'nginx:1.25', extra = '' } = {}) => yaml`
  apiVersion: v1
  kind: Service
  metadata:
    name: nginx
    labels:
      app: nginx
  spec:
    ports:
    - port: 80
      name: web
    clusterIP: None
    selector:
      app: nginx
  ---
  apiVersion: apps/v1
  kind: StatefulSet
  metadata:
    name: web
  spec:
    selector:
      matchLabels:
        app: nginx
    serviceName: "nginx"
    replicas: ${replicas}${extra}
    template:
      metadata:
        labels:
          app: nginx
      spec:
        terminationGracePeriodSeconds: 10
        containers:
        - name: nginx
          image: ${image}
          ports:
          - containerPort: 80
            name: web
          volumeMounts:
          - name: www
            mountPath: /usr/share/nginx/html
    volumeClaimTemplates:
    - metadata:
        name: www
      spec:
        accessModes: [ "ReadWriteOnce" ]
        resources:
          requests:
            storage: 1Gi
`;

type PodLike = { metadata: { name: string; creationTimestamp: string; labels: Record<string, string>; deletionTimestamp?: string }; spec: Record<string, unknown>; status?: { phase?: string; conditions?: { type: string; status: string; lastTransitionTime: string }[] } };
const webPods = (h: Headless) => (objects(h, 'pods') as unknown as PodLike[]).filter((p) => p.metadata.labels?.app === 'nginx');
const names = (h: Headless) => webPods(h).map((p) => p.metadata.name);
const live = (h: Headless) => webPods(h).filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name);
const readyAt = (p: PodLike) => parseRFC3339(p.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True')?.lastTransitionTime);
const stsEvents = (h: Headless) =>
  h.run("kubectl get events --field-selector involvedObject.kind=StatefulSet -o jsonpath='{range .items[*]}{.reason}: {.message}{\"\\n\"}{end}'").stdout.trim().split('\n');

function apply(h: Headless, text: string): string {
  h.session.fs.writeFile('/root/web.yaml', text);
  return h.run('kubectl apply -f web.yaml').output;
}

describe('a StatefulSet', () => {
  it('starts web-0, web-1 and web-2 in order, each once the one before is Running and Ready', () => {
    const h = sandbox();
    expect(apply(h, webYaml())).toBe('service/nginx created\nstatefulset.apps/web created\n');
    expect(names(h)).toEqual(['web-0']);
    h.run('sleep 1s');
    expect(names(h)).toEqual(['web-0']);
    h.run('sleep 30s');
    expect(names(h)).toEqual(['web-0', 'web-1', 'web-2']);
    const [p0, p1, p2] = ['web-0', 'web-1', 'web-2'].map((n) => pod(h, n) as unknown as PodLike);
    expect(parseRFC3339(p1.metadata.creationTimestamp)).toBeGreaterThanOrEqual(readyAt(p0)!);
    expect(parseRFC3339(p2.metadata.creationTimestamp)).toBeGreaterThanOrEqual(readyAt(p1)!);
    expect(h.run('kubectl get sts').stdout).toBe('NAME   READY   AGE\nweb    3/3     31s\n');
    expect(stsEvents(h)).toEqual([
      'SuccessfulCreate: create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'SuccessfulCreate: create Pod web-0 in StatefulSet web successful',
      'SuccessfulCreate: create Claim www-web-1 Pod web-1 in StatefulSet web success',
      'SuccessfulCreate: create Pod web-1 in StatefulSet web successful',
      'SuccessfulCreate: create Claim www-web-2 Pod web-2 in StatefulSet web success',
      'SuccessfulCreate: create Pod web-2 in StatefulSet web successful',
    ]);
  });

  it('gives each pod a stable identity: name labels, hostname, the headless service as subdomain, its own claim', () => {
    const h = sandbox();
    apply(h, webYaml());
    h.run('sleep 30s');
    const p = pod(h, 'web-1') as unknown as PodLike;
    const rev = (objects(h, 'statefulsets.apps')[0].status as { updateRevision: string }).updateRevision;
    expect(rev).toMatch(/^web-[4-9bcdf]+$/);
    expect(p.metadata.labels).toEqual({ app: 'nginx', 'apps.kubernetes.io/pod-index': '1', 'controller-revision-hash': rev, 'statefulset.kubernetes.io/pod-name': 'web-1' });
    expect(p.spec.hostname).toBe('web-1');
    expect(p.spec.subdomain).toBe('nginx');
    expect((p.spec.volumes as { name: string; persistentVolumeClaim?: { claimName: string } }[])[0]).toEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } });
    const claim = h.cluster.store.get('persistentvolumeclaims', 'default', 'www-web-1')!;
    expect(claim.metadata.labels).toEqual({ app: 'nginx' });
    expect(claim.metadata.ownerReferences).toBeUndefined();
    expect(claim.status).toEqual({ phase: 'Pending' });
  });

  it('is listed and described as kubectl shows it', () => {
    const h = sandbox();
    apply(h, webYaml());
    h.run('sleep 30s');
    expect(h.run('kubectl get sts -o wide').stdout).toBe('NAME   READY   AGE   CONTAINERS   IMAGES\nweb    3/3     30s   nginx        nginx:1.25\n');
    const text = h.run('kubectl describe sts web').stdout;
    expect(text.slice(0, text.indexOf('Events:'))).toBe(
      [
        'Name:               web',
        'Namespace:          default',
        'CreationTimestamp:  Mon, 02 Jun 2025 08:05:00 +0000',
        'Selector:           app=nginx',
        'Labels:             <none>',
        'Annotations:        <none>',
        'Replicas:           3 desired | 3 total',
        'Update Strategy:    RollingUpdate',
        '  Partition:        0',
        'Pods Status:        3 Running / 0 Waiting / 0 Succeeded / 0 Failed',
        'Pod Template:',
        '  Labels:  app=nginx',
        '  Containers:',
        '   nginx:',
        '    Image:        nginx:1.25',
        '    Port:         80/TCP',
        '    Host Port:    0/TCP',
        '    Environment:  <none>',
        '    Mounts:',
        '      /usr/share/nginx/html from www (rw)',
        '  Volumes:         <none>',
        '  Node-Selectors:  <none>',
        '  Tolerations:     <none>',
        'Volume Claims:',
        '  Name:          www',
        '  StorageClass:  ',
        '  Labels:        <none>',
        '  Annotations:   <none>',
        '  Capacity:      1Gi',
        '  Access Modes:  [ReadWriteOnce]',
        '',
      ].join('\n'),
    );
    expect(text).toContain('  Normal  SuccessfulCreate  30s   statefulset-controller  create Pod web-0 in StatefulSet web successful\n');
  });

  it('scales down from the highest ordinal, one pod at a time, and keeps the claims', () => {
    const h = sandbox();
    apply(h, webYaml());
    h.run('sleep 30s');
    const before = stsEvents(h).length;
    expect(apply(h, webYaml({ replicas: 1 }))).toBe('service/nginx unchanged\nstatefulset.apps/web configured\n');
    // web-2 goes first; web-1 is left running until web-2 is gone.
    expect(live(h)).toEqual(['web-0', 'web-1']);
    expect(names(h)).toEqual(['web-0', 'web-1', 'web-2']);
    h.run('sleep 30s');
    expect(names(h)).toEqual(['web-0']);
    expect(stsEvents(h).slice(before)).toEqual(['SuccessfulDelete: delete Pod web-2 in StatefulSet web successful', 'SuccessfulDelete: delete Pod web-1 in StatefulSet web successful']);
    expect(h.run('kubectl get pvc -o name').stdout).toBe('persistentvolumeclaim/www-web-0\npersistentvolumeclaim/www-web-1\npersistentvolumeclaim/www-web-2\n');
    expect(h.run('kubectl get pvc www-web-2').stdout.split('\n')[1]).toMatch(/^www-web-2 {3}Pending {4}/);

    // Scaling up again reuses the claims: no new claim is made.
    apply(h, webYaml({ replicas: 3 }));
    h.run('sleep 30s');
    expect(names(h)).toEqual(['web-0', 'web-1', 'web-2']);
    expect(stsEvents(h).filter((e) => e.includes('Claim')).length).toBe(3);
  });

  it('leaves the claims behind when it is deleted (whenDeleted: Retain)', () => {
    const h = sandbox();
    apply(h, webYaml());
    h.run('sleep 30s');
    expect(h.run('kubectl delete sts web').stdout).toBe('statefulset.apps "web" deleted\n');
    h.run('sleep 30s');
    expect(names(h)).toEqual([]);
    expect(objects(h, 'persistentvolumeclaims').map((c) => c.metadata.name)).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
  });

  it('ties the claims to the set with whenDeleted: Delete', () => {
    const h = sandbox();
    apply(h, webYaml({ extra: '\n    persistentVolumeClaimRetentionPolicy:\n      whenDeleted: Delete' }));
    h.run('sleep 30s');
    const uid = objects(h, 'statefulsets.apps')[0].metadata.uid;
    expect(h.cluster.store.get('persistentvolumeclaims', 'default', 'www-web-0')!.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid }]);
    h.run('kubectl delete sts web && sleep 30s');
    expect(objects(h, 'persistentvolumeclaims')).toEqual([]);
  });

  it('deletes the claims of pods scaled away with whenScaled: Delete, and keeps the others', () => {
    const h = sandbox();
    const policy = '\n    persistentVolumeClaimRetentionPolicy:\n      whenScaled: Delete';
    apply(h, webYaml({ extra: policy }));
    h.run('sleep 30s');
    apply(h, webYaml({ replicas: 1, extra: policy }));
    h.run('sleep 30s');
    expect(names(h)).toEqual(['web-0']);
    expect(objects(h, 'persistentvolumeclaims').map((c) => c.metadata.name)).toEqual(['www-web-0']);
  });

  it('starts and stops every pod at once with podManagementPolicy: Parallel', () => {
    const h = sandbox();
    apply(h, webYaml({ extra: '\n    podManagementPolicy: Parallel' }));
    expect(names(h)).toEqual(['web-0', 'web-1', 'web-2']);
    h.run('sleep 30s');
    apply(h, webYaml({ replicas: 0, extra: '\n    podManagementPolicy: Parallel' }));
    expect(live(h)).toEqual([]);
  });

  it('rolls an update out from the highest ordinal down, and only above the partition', () => {
    const h = sandbox();
    apply(h, webYaml());
    h.run('sleep 30s');
    const partitioned = '\n    updateStrategy:\n      rollingUpdate:\n        partition: 2';
    apply(h, webYaml({ image: 'nginx:1.26', extra: partitioned }));
    h.run('sleep 30s');
    const image = (n: string) => ((pod(h, n)!.spec as { containers: { image: string }[] }).containers[0].image);
    expect(['web-0', 'web-1', 'web-2'].map(image)).toEqual(['nginx:1.25', 'nginx:1.25', 'nginx:1.26']);
    const st = objects(h, 'statefulsets.apps')[0].status as { currentRevision: string; updateRevision: string; currentReplicas: number; updatedReplicas: number };
    expect(st.currentRevision).not.toBe(st.updateRevision);
    expect([st.currentReplicas, st.updatedReplicas]).toEqual([2, 1]);

    const before = stsEvents(h).length;
    apply(h, webYaml({ image: 'nginx:1.26' }));
    h.run('sleep 60s');
    expect(['web-0', 'web-1', 'web-2'].map(image)).toEqual(['nginx:1.26', 'nginx:1.26', 'nginx:1.26']);
    // web-2 was replaced under the partition; now web-1, then web-0. The recreations fold into the
    // first creation events (the recorder's correlator counts repeats).
    expect(stsEvents(h).slice(before)).toEqual(['SuccessfulDelete: delete Pod web-1 in StatefulSet web successful', 'SuccessfulDelete: delete Pod web-0 in StatefulSet web successful']);
    const counts = h.run("kubectl get events --field-selector reason=SuccessfulCreate -o jsonpath='{range .items[*]}{.message}={.count}{\"\\n\"}{end}'").stdout;
    expect(counts).toContain('create Pod web-0 in StatefulSet web successful=2\n');
    expect(counts).toContain('create Pod web-1 in StatefulSet web successful=2\n');
    expect(counts).toContain('create Pod web-2 in StatefulSet web successful=2\n');
    const done = objects(h, 'statefulsets.apps')[0].status as { currentRevision: string; updateRevision: string; currentReplicas: number };
    expect(done.currentRevision).toBe(done.updateRevision);
    expect(done.currentReplicas).toBe(3);
    expect(objects(h, 'controllerrevisions.apps', 'default').map((r) => (r as unknown as { revision: number }).revision).sort()).toEqual([1, 2]);
  });

  it('reports a partitioned roll out, lists revisions and rolls back (kubectl rollout status, history, undo)', () => {
    const h = sandbox();
    apply(h, webYaml());
    // A RollingUpdate set always has a partition (0 by default): kubectl calls it a partitioned roll out.
    expect(h.run('kubectl rollout status sts/web').stdout).toBe(
      'Waiting for 3 pods to be ready...\nWaiting for 2 pods to be ready...\nWaiting for 1 pods to be ready...\npartitioned roll out complete: 3 new pods have been updated...\n',
    );
    apply(h, webYaml({ image: 'nginx:1.26' }));
    const status = h.run('kubectl rollout status statefulset/web').stdout.split('\n');
    expect(status[0]).toBe('Waiting for partitioned roll out to finish: 0 out of 3 new pods have been updated...');
    expect(status.at(-2)).toBe('partitioned roll out complete: 3 new pods have been updated...');
    expect(h.run('kubectl rollout history sts/web').stdout).toBe('statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect(h.run('kubectl rollout undo sts/web').stdout).toBe('statefulset.apps/web rolled back\n');
    h.run('kubectl rollout status sts/web');
    const image = (n: string) => ((pod(h, n)!.spec as { containers: { image: string }[] }).containers[0].image);
    expect(['web-0', 'web-1', 'web-2'].map(image)).toEqual(['nginx:1.25', 'nginx:1.25', 'nginx:1.25']);
    expect(h.run('kubectl rollout undo sts/web --to-revision=3').stdout).toBe('statefulset.apps/web skipped rollback (current template already matches revision 3)\n');
  });

  it('updates nothing with OnDelete until a pod is deleted', () => {
    const h = sandbox();
    const onDelete = '\n    updateStrategy:\n      type: OnDelete';
    apply(h, webYaml({ extra: onDelete }));
    h.run('sleep 30s');
    apply(h, webYaml({ image: 'nginx:1.26', extra: onDelete }));
    h.run('sleep 30s');
    const image = (n: string) => ((pod(h, n)!.spec as { containers: { image: string }[] }).containers[0].image);
    expect(['web-0', 'web-1', 'web-2'].map(image)).toEqual(['nginx:1.25', 'nginx:1.25', 'nginx:1.25']);
    h.run('kubectl delete pod web-1 && sleep 30s');
    expect(['web-0', 'web-1', 'web-2'].map(image)).toEqual(['nginx:1.25', 'nginx:1.26', 'nginx:1.25']);
  });

  it('continues byte for byte after a snapshot and restore, mid-start', () => {
    const a = new Cluster({ seed: 21 });
    runIn(a, `cat > web.yaml <<'EOF'\n${webYaml()}EOF\nkubectl apply -f web.yaml; sleep 4s`);
    const b = Cluster.restore(JSON.parse(JSON.stringify(a.snapshot())));
    const script = 'sleep 30s; kubectl get pods -o wide; kubectl get sts,pvc; kubectl get events -o name | wc -l';
    expect(runIn(b, script)).toBe(runIn(a, script));
    expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(a.snapshot()));
  });
});

function runIn(cluster: Cluster, script: string): string {
  const session = new TerminalSession(cluster, { interactive: false });
  let out = '';
  driveToEnd(cluster, session.run(script, { stdin: '', stdout: (s) => void (out += s), stderr: (s) => void (out += s) }));
  return out;
}
