import { describe, expect, it } from 'vitest';
import { objects, sandbox, yaml } from './harness.ts';
import type { Headless } from '../terminal/headless.ts';
import type { KubeObject } from '../api/object.ts';
import { Cluster } from '../cluster.ts';

const NGINX = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: nginx-deployment
  spec:
    replicas: 4
    selector:
      matchLabels:
        app: nginx
    template:
      metadata:
        labels:
          app: nginx
      spec:
        containers:
        - name: nginx
          image: nginx:1.14
          ports:
          - containerPort: 80
`;

type RS = KubeObject & { spec: { replicas: number; template: { metadata: { labels: Record<string, string>; annotations?: Record<string, string> }; spec: { containers: { image: string }[] } } }; status?: { replicas?: number; availableReplicas?: number } };
type Dep = KubeObject & { spec: { replicas: number }; status: { availableReplicas?: number; updatedReplicas?: number; replicas?: number; conditions?: { type: string; status: string; reason: string; message: string }[] } };

const D = 'nginx-deployment';
const dep = (h: Headless, name = D) => h.cluster.store.get('deployments.apps', 'default', name) as Dep;
const replicaSets = (h: Headless) => objects(h, 'replicasets.apps', 'default') as RS[];
/** Each set's image and size, oldest first. */
const sets = (h: Headless) =>
  [...replicaSets(h)]
    .sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? -1 : a.metadata.creationTimestamp! > b.metadata.creationTimestamp! ? 1 : 0))
    .map((rs) => `${rs.spec.template.spec.containers[0].image}=${rs.spec.replicas}`);
const scalingEvents = (h: Headless) =>
  objects(h, 'events', 'default')
    .filter((e) => (e as { reason?: string }).reason === 'ScalingReplicaSet')
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => (e as { message?: string }).message!);
const cond = (h: Headless, type: string, name = D) => dep(h, name).status.conditions?.find((c) => c.type === type);
const controllerName = (o: KubeObject) => {
  const r = o.metadata.ownerReferences?.find((x) => x.controller);
  return r ? `${r.kind}/${r.name}` : undefined;
};
const hashOf = (rs: RS) => rs.metadata.labels!['pod-template-hash'];

function withDeployment(text = NGINX, settle = '30s'): Headless {
  const h = sandbox();
  h.session.fs.writeFile('/root/d.yaml', text);
  expect(h.run('kubectl apply -f d.yaml').output).toBe(`deployment.apps/${D} created\n`);
  h.run(`sleep ${settle}`);
  return h;
}

describe('a new Deployment', () => {
  it('makes one ReplicaSet named after its pod-template-hash, with the revision and size annotations', () => {
    const h = withDeployment();
    const [rs] = replicaSets(h);
    const hash = hashOf(rs);
    expect(hash).toMatch(/^[456789bcdf]{6,10}$/);
    expect(rs.metadata.name).toBe(`${D}-${hash}`);
    expect(rs.spec.template.metadata.labels).toEqual({ app: 'nginx', 'pod-template-hash': hash });
    expect((rs.spec as unknown as { selector: unknown }).selector).toEqual({ matchLabels: { app: 'nginx', 'pod-template-hash': hash } });
    expect(rs.metadata.annotations).toEqual({ 'deployment.kubernetes.io/desired-replicas': '4', 'deployment.kubernetes.io/max-replicas': '5', 'deployment.kubernetes.io/revision': '1' });
    expect(rs.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: D, uid: dep(h).metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(dep(h).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(scalingEvents(h)).toEqual([`Scaled up replica set ${rs.metadata.name} from 0 to 4`]);
    expect(cond(h, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    expect(cond(h, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${rs.metadata.name}" has successfully progressed.` });
    expect(h.run('kubectl get deploy').stdout).toBe(`NAME               READY   UP-TO-DATE   AVAILABLE   AGE\n${D}   4/4     4            4           30s\n`);
    const pods = objects(h, 'pods', 'default');
    expect(pods).toHaveLength(4);
    for (const p of pods) expect(p.metadata.name).toMatch(new RegExp(`^${D}-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
  });

  it('rollout status waits and prints each step until the rollout is done', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/d.yaml', NGINX);
    const r = h.run('kubectl apply -f d.yaml && kubectl rollout status deployment/nginx-deployment');
    expect(r.stdout).toBe(
      `deployment.apps/${D} created\n` +
        `Waiting for deployment "${D}" rollout to finish: 0 of 4 updated replicas are available...\n` +
        `Waiting for deployment "${D}" rollout to finish: 1 of 4 updated replicas are available...\n` +
        `Waiting for deployment "${D}" rollout to finish: 2 of 4 updated replicas are available...\n` +
        `Waiting for deployment "${D}" rollout to finish: 3 of 4 updated replicas are available...\n` +
        `deployment "${D}" successfully rolled out\n`,
    );
    expect(h.run(`kubectl rollout status deploy ${D}`).stdout).toBe(`deployment "${D}" successfully rolled out\n`);
  });
});

describe('a rolling update (maxSurge 25%, maxUnavailable 25% of 4)', () => {
  it('never has more than 5 pods wanted or fewer than 3 available, and moves one or two pods at a time', () => {
    const h = withDeployment();
    expect(h.run(`kubectl set image deployment/${D} nginx=nginx:1.15`).output).toBe(`deployment.apps/${D} image updated\n`);
    // At once: one surge pod, one old pod gone, and with the old set smaller, a second new pod.
    expect(sets(h)).toEqual(['nginx:1.14=3', 'nginx:1.15=2']);
    const [oldRS, newRS] = [...replicaSets(h)].sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? -1 : 1));
    expect(newRS.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(cond(h, 'Progressing')).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${newRS.metadata.name}" is progressing.` });
    for (let i = 0; i < 100 && sets(h).join() !== 'nginx:1.14=0,nginx:1.15=4'; i++) {
      h.run('sleep 0.2');
      const wanted = replicaSets(h).reduce((n, rs) => n + rs.spec.replicas, 0);
      expect(wanted).toBeLessThanOrEqual(5);
      expect(dep(h).status.availableReplicas ?? 0).toBeGreaterThanOrEqual(3);
    }
    expect(sets(h)).toEqual(['nginx:1.14=0', 'nginx:1.15=4']);
    const o = oldRS.metadata.name;
    const n = newRS.metadata.name;
    expect(scalingEvents(h)).toEqual([
      `Scaled up replica set ${o} from 0 to 4`,
      `Scaled up replica set ${n} from 0 to 1`,
      `Scaled down replica set ${o} from 4 to 3`,
      `Scaled up replica set ${n} from 1 to 2`,
      `Scaled down replica set ${o} from 3 to 2`,
      `Scaled up replica set ${n} from 2 to 3`,
      `Scaled down replica set ${o} from 2 to 1`,
      `Scaled up replica set ${n} from 3 to 4`,
      `Scaled down replica set ${o} from 1 to 0`,
    ]);
    h.run('sleep 5s');
    expect(cond(h, 'Progressing')).toMatchObject({ reason: 'NewReplicaSetAvailable' });
    expect(h.run('kubectl get rs').stdout).toMatch(new RegExp(`^NAME +DESIRED +CURRENT +READY +AGE\n${o} +0 +0 +0 +\\d+s\n${n} +4 +4 +4 +\\d+s\n$`));
  });

  it('rollout status during the update reports updated, pending termination and available replicas', () => {
    const h = withDeployment();
    const out = h.run(`kubectl set image deployment/${D} nginx=nginx:1.15 && kubectl rollout status deployment/${D}`).stdout;
    const lines = [...new Set(out.trim().split('\n'))];
    expect(lines).toEqual([
      `deployment.apps/${D} image updated`,
      `Waiting for deployment "${D}" rollout to finish: 2 out of 4 new replicas have been updated...`,
      `Waiting for deployment "${D}" rollout to finish: 3 out of 4 new replicas have been updated...`,
      `Waiting for deployment "${D}" rollout to finish: 1 old replicas are pending termination...`,
      `Waiting for deployment "${D}" rollout to finish: 3 of 4 updated replicas are available...`,
      `deployment "${D}" successfully rolled out`,
    ]);
  });
});

describe('rollout history and undo (N14)', () => {
  it('keeps a revision per template, with the change-cause, and rolls back by copying an old template', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/d.yaml', NGINX);
    const created = h.run('kubectl create -f d.yaml --record');
    expect(created.stderr).toBe('Flag --record has been deprecated, --record will be removed in the future\n');
    h.run('sleep 30s');
    const set = h.run(`kubectl set image deployment/${D} nginx=wangyanglinux/myapp:v2`);
    expect(set.stdout).toBe(`deployment.apps/${D} image updated\n`);
    h.run(`kubectl rollout status deployment/${D}`);
    expect(h.run(`kubectl rollout history deployment/${D}`).stdout).toBe(
      `deployment.apps/${D} \nREVISION  CHANGE-CAUSE\n1         kubectl create --filename=d.yaml --record=true\n2         kubectl set image deployment/${D} nginx=wangyanglinux/myapp:v2\n\n`,
    );
    const first = replicaSets(h).find((rs) => rs.spec.template.spec.containers[0].image === 'nginx:1.14')!;
    expect(h.run(`kubectl rollout history deployment/${D} --revision=1`).stdout).toBe(
      `deployment.apps/${D} with revision #1\nPod Template:\n  Labels:\tapp=nginx\n\tpod-template-hash=${hashOf(first)}\n  Annotations:\tkubernetes.io/change-cause: kubectl create --filename=d.yaml --record=true\n  Containers:\n   nginx:\n    Image:\tnginx:1.14\n    Port:\t80/TCP\n    Host Port:\t0/TCP\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n\n`,
    );
    expect(h.run(`kubectl rollout history deployment/${D} --revision=7`).stderr).toBe('error: unable to find the specified revision\n');

    expect(h.run(`kubectl rollout undo deployment/${D}`).stdout).toBe(`deployment.apps/${D} rolled back\n`);
    h.run(`kubectl rollout status deployment/${D}`);
    // The first set is the new one again, as revision 3; no third set was made.
    expect(replicaSets(h)).toHaveLength(2);
    expect(sets(h)).toEqual(['nginx:1.14=4', 'wangyanglinux/myapp:v2=0']);
    expect(h.run(`kubectl rollout history deployment/${D}`).stdout).toBe(
      `deployment.apps/${D} \nREVISION  CHANGE-CAUSE\n2         kubectl set image deployment/${D} nginx=wangyanglinux/myapp:v2\n3         kubectl create --filename=d.yaml --record=true\n\n`,
    );
    const back = replicaSets(h).find((rs) => rs.metadata.uid === first.metadata.uid)!;
    expect(back.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(dep(h).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');

    expect(h.run(`kubectl rollout undo deployment/${D} --to-revision=3`).stdout).toBe(`deployment.apps/${D} skipped rollback (current template already matches revision 3)\n`);
    expect(h.run(`kubectl rollout undo deployment/${D} --to-revision=1`).stderr).toBe('error: unable to find specified revision 1 in history\n');
    expect(h.run(`kubectl rollout undo deployment/${D} --to-revision=2`).stdout).toBe(`deployment.apps/${D} rolled back\n`);
    h.run(`kubectl rollout status deployment/${D}`);
    expect(sets(h)).toEqual(['nginx:1.14=0', 'wangyanglinux/myapp:v2=4']);
  });
});

describe('a typo in the image (nginx:1.91)', () => {
  it('stalls the rollout with old pods serving, times out after progressDeadlineSeconds, and undo saves it', () => {
    const h = withDeployment();
    h.run(`kubectl set image deployment/${D} nginx=nginx:1.91`);
    h.run('sleep 60s');
    expect(sets(h)).toEqual(['nginx:1.14=3', 'nginx:1.91=2']);
    expect(dep(h).status.availableReplicas).toBe(3);
    const pulls = objects(h, 'pods', 'default').filter((p) => ((p.status as { containerStatuses?: { state?: { waiting?: { reason?: string } } }[] }).containerStatuses?.[0]?.state?.waiting?.reason ?? '').match(/ErrImagePull|ImagePullBackOff/));
    expect(pulls).toHaveLength(2);
    expect(h.run(`kubectl rollout status deployment/${D} --timeout=10s`).output).toBe(
      `Waiting for deployment "${D}" rollout to finish: 2 out of 4 new replicas have been updated...\nerror: timed out waiting for the condition\n`,
    );
    expect(cond(h, 'Progressing')).toMatchObject({ status: 'True', reason: 'ReplicaSetUpdated' });
    // 600 s after the last progress, the deployment is marked as having failed to progress.
    h.run('sleep 540s');
    const newName = replicaSets(h).find((rs) => rs.spec.template.spec.containers[0].image === 'nginx:1.91')!.metadata.name;
    expect(cond(h, 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${newName}" has timed out progressing.` });
    const r = h.run(`kubectl rollout status deployment/${D}`);
    expect(r.stderr).toBe(`error: deployment "${D}" exceeded its progress deadline\n`);
    expect(r.status).toBe(1);
    expect(h.run(`kubectl rollout undo deployment/${D}`).stdout).toBe(`deployment.apps/${D} rolled back\n`);
    h.run(`kubectl rollout status deployment/${D}`);
    expect(sets(h)).toEqual(['nginx:1.14=4', 'nginx:1.91=0']);
    expect(cond(h, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
  });
});

describe('pause and resume', () => {
  it('holds template changes while paused and rolls them out on resume', () => {
    const h = withDeployment();
    expect(h.run(`kubectl rollout pause deployment/${D}`).stdout).toBe(`deployment.apps/${D} paused\n`);
    expect(h.run(`kubectl rollout pause deployment/${D}`).stderr).toBe(`error: deployments.apps "${D}" is already paused\n`);
    expect(cond(h, 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    h.run(`kubectl set image deployment/${D} nginx=nginx:1.15 && kubectl set resources deployment/${D} --limits=cpu=200m,memory=512Mi`);
    h.run('sleep 10s');
    expect(sets(h)).toEqual(['nginx:1.14=4']);
    expect(h.run(`kubectl rollout status deployment/${D} --watch=false`).stdout).toBe(`Waiting for deployment "${D}" rollout to finish: 0 out of 4 new replicas have been updated...\n`);
    expect(h.run(`kubectl rollout undo deployment/${D}`).stderr).toBe("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n");
    // Scaling works while paused.
    expect(h.run(`kubectl scale deployment ${D} --replicas=5`).stdout).toBe(`deployment.apps/${D} scaled\n`);
    h.run('sleep 10s');
    expect(sets(h)).toEqual(['nginx:1.14=5']);
    expect(h.run(`kubectl rollout resume deployment/${D}`).stdout).toBe(`deployment.apps/${D} resumed\n`);
    expect(h.run(`kubectl rollout resume deployment/${D}`).stderr).toBe(`error: deployments.apps "${D}" is not paused\n`);
    h.run(`kubectl rollout status deployment/${D}`);
    expect(sets(h)).toEqual(['nginx:1.14=0', 'nginx:1.15=5']);
    const [, newRS] = [...replicaSets(h)].sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? -1 : 1));
    expect((newRS.spec.template.spec.containers[0] as { resources?: unknown }).resources).toEqual({ limits: { cpu: '200m', memory: '512Mi' } });
  });
});

describe('kubectl scale', () => {
  it('scales a deployment, checks --current-replicas, and scales several objects', () => {
    const h = withDeployment();
    expect(h.run(`kubectl scale deployment ${D} --replicas 10`).stdout).toBe(`deployment.apps/${D} scaled\n`);
    h.run('sleep 1s');
    expect(sets(h)).toEqual(['nginx:1.14=10']);
    expect(h.run(`kubectl scale deployment/${D} --current-replicas=3 --replicas=2`).stderr).toBe('error: Expected replicas to be 3, was 10\n');
    expect(h.run(`kubectl scale deployment/${D}`).stderr).toBe('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n');
    expect(h.run(`kubectl scale deployment/${D} --replicas=3 --dry-run=client`).stdout).toBe(`deployment.apps/${D} scaled (dry run)\n`);
    expect(dep(h).spec.replicas).toBe(10);
    h.session.fs.writeFile('/root/rc.yaml', yaml`
      apiVersion: v1
      kind: ReplicationController
      metadata:
        name: rc1
      spec:
        replicas: 1
        template:
          metadata:
            labels:
              app: rc1
          spec:
            containers:
            - name: c
              image: nginx
    `);
    h.run('kubectl apply -f rc.yaml');
    expect(h.run(`kubectl scale --replicas=2 rc/rc1 deployment/${D}`).stdout).toBe(`replicationcontroller/rc1 scaled\ndeployment.apps/${D} scaled\n`);
    expect(h.run('kubectl scale pod nothing --replicas=2').stderr).toBe('Error from server (NotFound): pods "nothing" not found\n');
  });

  it('spreads a resize mid-rollout over the old and new sets in proportion', () => {
    const h = withDeployment(NGINX.replace('replicas: 4', 'replicas: 10'));
    h.run(`kubectl set image deployment/${D} nginx=nginx:1.91`);
    h.run('sleep 30s');
    // 10 with 3 surge and 2 unavailable: 8 old, 5 new (stuck pulling).
    expect(sets(h)).toEqual(['nginx:1.14=8', 'nginx:1.91=5']);
    h.run(`kubectl scale deployment ${D} --replicas=30`);
    // 38 allowed (30 and a surge of 8): 25 more, each set growing to its share of 38 — 8×38/13 ≈ 23, 5×38/13 ≈ 15.
    expect(sets(h)).toEqual(['nginx:1.14=23', 'nginx:1.91=15']);
    expect(scalingEvents(h).slice(-2)).toEqual([expect.stringMatching(/^Scaled up replica set nginx-deployment-\w+ from 8 to 23$/), expect.stringMatching(/^Scaled up replica set nginx-deployment-\w+ from 5 to 15$/)]);
  });
});

describe('other strategies and settings', () => {
  it('Recreate: every old pod goes before any new one is made', () => {
    const h = withDeployment(NGINX.replace('  template:', '  strategy:\n    type: Recreate\n  template:'));
    h.run(`kubectl set image deployment/${D} nginx=nginx:1.15`);
    expect(sets(h)).toEqual(['nginx:1.14=0']);
    let sawBoth = false;
    for (let i = 0; i < 100 && sets(h).join() !== 'nginx:1.14=0,nginx:1.15=4'; i++) {
      const pods = objects(h, 'pods', 'default');
      const images = new Set(pods.map((p) => (p.spec as { containers: { image: string }[] }).containers[0].image));
      if (images.size > 1) sawBoth = true;
      h.run('sleep 0.5');
    }
    expect(sawBoth).toBe(false);
    expect(sets(h)).toEqual(['nginx:1.14=0', 'nginx:1.15=4']);
  });

  it('keeps only revisionHistoryLimit old ReplicaSets', () => {
    const h = withDeployment(NGINX.replace('  template:', '  revisionHistoryLimit: 1\n  template:'));
    for (const v of ['1.15', '1.16', '1.17']) {
      h.run(`kubectl set image deployment/${D} nginx=nginx:${v} && kubectl rollout status deployment/${D}`);
    }
    h.run('sleep 5s');
    expect(sets(h)).toEqual(['nginx:1.16=0', 'nginx:1.17=4']);
  });

  it('rollout restart rolls every pod through the strategy (N28)', () => {
    const h = withDeployment();
    const before = objects(h, 'pods', 'default').map((p) => p.metadata.name);
    expect(h.run(`kubectl rollout restart deployment/${D}`).stdout).toBe(`deployment.apps/${D} restarted\n`);
    h.run(`kubectl rollout status deployment/${D}`);
    h.run('sleep 40s');
    const after = objects(h, 'pods', 'default').map((p) => p.metadata.name);
    expect(after).toHaveLength(4);
    for (const p of after) expect(before).not.toContain(p);
    const newest = replicaSets(h).find((rs) => rs.spec.replicas === 4)!;
    expect(newest.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt']).toMatch(/^2025-06-02T08:05:\d\dZ$/);
  });

  it('rollout restart refuses a paused deployment and kinds without a rollout, and restarts DaemonSets too', () => {
    const h = withDeployment();
    h.run(`kubectl rollout pause deployment/${D}`);
    expect(h.run(`kubectl rollout restart deployment/${D}`).stderr).toBe(`error: deployments.apps "${D}" can't restart paused deployment (run rollout resume first)\n`);
    h.run('kubectl run solo --image=nginx');
    expect(h.run('kubectl rollout restart pod/solo').stderr).toBe('error: pods "solo" restarting is not supported\n');
    expect(h.run('kubectl rollout pause pod/solo').stderr).toBe('error: pods "solo" pausing is not supported\n');
    h.session.fs.writeFile('/root/ds.yaml', yaml`
      apiVersion: apps/v1
      kind: DaemonSet
      metadata:
        name: agent
      spec:
        selector:
          matchLabels:
            app: agent
        template:
          metadata:
            labels:
              app: agent
          spec:
            containers:
            - name: agent
              image: busybox
              command: ["sleep", "3600"]
    `);
    h.run('kubectl apply -f ds.yaml');
    expect(h.run('kubectl rollout restart ds/agent').stdout).toBe('daemonset.apps/agent restarted\n');
    const ds = h.cluster.store.get('daemonsets.apps', 'default', 'agent') as RS;
    expect(ds.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt']).toMatch(/^2025-06-02T08:05:\d\dZ$/);
  });

  it('a rollover: a new template mid-rollout scales the intermediate set down too', () => {
    const h = withDeployment();
    h.run(`kubectl set image deployment/${D} nginx=nginx:1.91`);
    h.run('sleep 20s');
    h.run(`kubectl set image deployment/${D} nginx=nginx:1.15 && kubectl rollout status deployment/${D}`);
    h.run('sleep 5s');
    expect(sets(h)).toEqual(['nginx:1.14=0', 'nginx:1.91=0', 'nginx:1.15=4']);
  });

  it('deletes its ReplicaSets and pods with it', () => {
    const h = withDeployment();
    expect(h.run(`kubectl delete deployment ${D}`).stdout).toBe(`deployment.apps "${D}" deleted\n`);
    h.run('sleep 40s');
    expect(replicaSets(h)).toHaveLength(0);
    expect(objects(h, 'pods', 'default')).toHaveLength(0);
  });

  it('deletes in the foreground: pods, then ReplicaSets, then the Deployment', () => {
    const h = withDeployment();
    const r = h.run(`kubectl delete deployment ${D} --cascade=foreground --wait=false`);
    expect(r.stdout).toBe(`deployment.apps "${D}" deleted\n`);
    // The deployment waits, with its finalizer, for its dependents.
    expect(dep(h).metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(replicaSets(h)[0].metadata.deletionTimestamp).toBeDefined();
    h.run('sleep 40s');
    expect(objects(h, 'pods', 'default')).toHaveLength(0);
    expect(replicaSets(h)).toHaveLength(0);
    expect(dep(h)).toBeUndefined();
  });

  it('orphans its ReplicaSets with --cascade=orphan, and a new Deployment adopts them', () => {
    const h = withDeployment();
    const rsName = replicaSets(h)[0].metadata.name;
    const pods = objects(h, 'pods', 'default').map((p) => p.metadata.name).sort();
    h.run(`kubectl delete deployment ${D} --cascade=orphan`);
    h.run('sleep 5s');
    expect(replicaSets(h).map((rs) => [rs.metadata.name, rs.metadata.ownerReferences])).toEqual([[rsName, undefined]]);
    expect(objects(h, 'pods', 'default').map((p) => p.metadata.name).sort()).toEqual(pods);
    h.run('kubectl apply -f d.yaml');
    h.run('sleep 5s');
    expect(replicaSets(h).map((rs) => rs.metadata.name)).toEqual([rsName]);
    expect(controllerName(replicaSets(h)[0])).toBe(`Deployment/${D}`);
    expect(objects(h, 'pods', 'default').map((p) => p.metadata.name).sort()).toEqual(pods);
  });

  it('counts a hash collision and names the new set from the next hash', () => {
    const h = withDeployment();
    const taken = replicaSets(h)[0].metadata.name!;
    // Orphan the set and change its template under the same name: the name the template hashes to is taken.
    h.run(`kubectl delete deployment ${D} --cascade=orphan`);
    h.run(`kubectl set image rs/${taken} nginx=nginx:1.15`);
    h.run('kubectl apply -f d.yaml');
    h.run('sleep 40s');
    expect((dep(h).status as { collisionCount?: number }).collisionCount).toBe(1);
    const names = replicaSets(h).map((rs) => rs.metadata.name);
    expect(names).toHaveLength(2);
    expect(names).toContain(taken);
    const fresh = replicaSets(h).find((rs) => rs.metadata.name !== taken)!;
    expect(fresh.spec.template.spec.containers[0].image).toBe('nginx:1.14');
    expect(fresh.spec.replicas).toBe(4);
    expect(replicaSets(h).find((rs) => rs.metadata.name === taken)!.spec.replicas).toBe(0);
  });

  it('continues identically after a snapshot taken mid-rollout', () => {
    const h = withDeployment();
    h.run(`kubectl set image deployment/${D} nginx=nginx:1.15`);
    h.run('sleep 1s');
    const copy = Cluster.restore(JSON.parse(JSON.stringify(h.cluster.snapshot())));
    h.cluster.advance(120_000);
    copy.advance(120_000);
    expect(JSON.stringify(copy.snapshot())).toBe(JSON.stringify(h.cluster.snapshot()));
  });

  it('mirrors a ReplicaSet\'s ReplicaFailure condition while pods are refused', () => {
    const h = withDeployment(NGINX.replace('      containers:', '      serviceAccountName: robot\n      containers:'), '1s');
    expect(cond(h, 'ReplicaFailure')).toMatchObject({ status: 'True', reason: 'FailedCreate' });
    expect(cond(h, 'ReplicaFailure')!.message).toMatch(/serviceaccount "robot" not found/);
    h.run('kubectl create serviceaccount robot');
    h.run('sleep 60s');
    expect(cond(h, 'ReplicaFailure')).toBeUndefined();
    expect(dep(h).status).toMatchObject({ replicas: 4, availableReplicas: 4 });
  });

  it('counts pods available only minReadySeconds after they are ready', () => {
    const h = withDeployment(NGINX.replace('  template:', '  minReadySeconds: 20\n  template:'), '15s');
    expect((dep(h).status as { readyReplicas?: number }).readyReplicas).toBe(4);
    expect(dep(h).status.availableReplicas).toBeUndefined();
    expect(cond(h, 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
    h.run('sleep 15s');
    expect(dep(h).status.availableReplicas).toBe(4);
    expect(cond(h, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable' });
    expect(replicaSets(h)[0].spec).toMatchObject({ minReadySeconds: 20 });
  });
});

describe('kubectl set', () => {
  it('sets images, environment variables and resources, with kubectl\'s messages', () => {
    const h = withDeployment(NGINX, '1s');
    expect(h.run(`kubectl set image deploy/${D} nginx=nginx:1.14`).output).toBe('');
    expect(h.run(`kubectl set image deploy/${D} web=nginx:1.15`).stderr).toBe('error: unable to find container named "web"\n');
    expect(h.run(`kubectl set image deploy/${D} '*=nginx:1.15' --dry-run=client`).stdout).toBe(`deployment.apps/${D} image updated (dry run)\n`);
    expect(h.run(`kubectl set env deployment/${D} STORAGE_DIR=/local MODE=test`).stdout).toBe(`deployment.apps/${D} env updated\n`);
    expect(h.run(`kubectl set env deployment/${D} --list`).stdout).toBe(`# apps/v1, Resource=deployments ${D}, container nginx\nSTORAGE_DIR=/local\nMODE=test\n`);
    expect(h.run(`kubectl set env deployment/${D} MODE-`).stdout).toBe(`deployment.apps/${D} env updated\n`);
    expect(h.run(`kubectl set resources deployment ${D} -c=nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m`).stdout).toBe(`deployment.apps/${D} resource requirements updated\n`);
    const c = (dep(h).spec as unknown as { template: { spec: { containers: { env?: unknown; resources?: unknown }[] } } }).template.spec.containers[0];
    expect(c.env).toEqual([{ name: 'STORAGE_DIR', value: '/local' }]);
    expect(c.resources).toEqual({ limits: { cpu: '200m', memory: '512Mi' }, requests: { cpu: '100m' } });
    // Each change is a new template: the first revision and three more.
    h.run('sleep 60s');
    expect(replicaSets(h).map((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision']).sort()).toEqual(['1', '2', '3', '4']);
  });
});

describe('kubectl create deployment', () => {
  it('writes what the real generator writes', () => {
    const h = sandbox();
    expect(h.run('kubectl create deployment web --image=nginx --dry-run=client -o yaml').stdout).toBe(yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        creationTimestamp: null
        labels:
          app: web
        name: web
      spec:
        replicas: 1
        selector:
          matchLabels:
            app: web
        strategy: {}
        template:
          metadata:
            creationTimestamp: null
            labels:
              app: web
          spec:
            containers:
            - image: nginx
              name: nginx
              resources: {}
      status: {}
    `);
    const r = h.run('kubectl create deployment web --image=wangyanglinux/myapp:v1 --replicas=3 --port=80 --dry-run=client -o yaml');
    expect(r.stdout).toContain('      containers:\n      - image: wangyanglinux/myapp:v1\n        name: myapp\n        ports:\n        - containerPort: 80\n        resources: {}\n');
    expect(r.stdout).toContain('  replicas: 3\n');
    expect(h.run('kubectl create deployment web').stderr).toBe('error: required flag(s) "image" not set\n');
    expect(h.run('kubectl create deployment web --image=nginx --replicas=2').stdout).toBe('deployment.apps/web created\n');
    h.run('sleep 30s');
    expect(h.run('kubectl get deploy web').stdout).toBe('NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    2/2     2            2           30s\n');
  });
});

describe('kubectl describe', () => {
  it('describes a deployment mid-rollout with its old and new ReplicaSets, and a ReplicaSet with its owner', () => {
    const h = withDeployment();
    h.run(`kubectl set image deployment/${D} nginx=nginx:1.91`);
    h.run('sleep 10s');
    const [oldRS, newRS] = [...replicaSets(h)].sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? -1 : 1));
    const o = oldRS.metadata.name;
    const n = newRS.metadata.name;
    expect(h.run(`kubectl describe deployment ${D}`).stdout).toBe(
      [
        `Name:                   ${D}`,
        'Namespace:              default',
        'CreationTimestamp:      Mon, 02 Jun 2025 08:05:00 +0000',
        'Labels:                 <none>',
        'Annotations:            deployment.kubernetes.io/revision: 2',
        'Selector:               app=nginx',
        'Replicas:               4 desired | 2 updated | 5 total | 3 available | 2 unavailable',
        'StrategyType:           RollingUpdate',
        'MinReadySeconds:        0',
        'RollingUpdateStrategy:  25% max unavailable, 25% max surge',
        'Pod Template:',
        '  Labels:  app=nginx',
        '  Containers:',
        '   nginx:',
        '    Image:         nginx:1.91',
        '    Port:          80/TCP',
        '    Host Port:     0/TCP',
        '    Environment:   <none>',
        '    Mounts:        <none>',
        '  Volumes:         <none>',
        '  Node-Selectors:  <none>',
        '  Tolerations:     <none>',
        'Conditions:',
        '  Type           Status  Reason',
        '  ----           ------  ------',
        '  Available      True    MinimumReplicasAvailable',
        '  Progressing    True    ReplicaSetUpdated',
        `OldReplicaSets:  ${o} (3/3 replicas created)`,
        `NewReplicaSet:   ${n} (2/2 replicas created)`,
        'Events:',
        '  Type    Reason             Age   From                   Message',
        '  ----    ------             ----  ----                   -------',
        `  Normal  ScalingReplicaSet  40s   deployment-controller  Scaled up replica set ${o} from 0 to 4`,
        `  Normal  ScalingReplicaSet  10s   deployment-controller  Scaled up replica set ${n} from 0 to 1`,
        `  Normal  ScalingReplicaSet  10s   deployment-controller  Scaled down replica set ${o} from 4 to 3`,
        `  Normal  ScalingReplicaSet  10s   deployment-controller  Scaled up replica set ${n} from 1 to 2`,
        '',
      ].join('\n'),
    );
    const rs = h.run(`kubectl describe rs ${n}`).stdout;
    expect(rs).toContain(`Controlled By:  Deployment/${D}\nReplicas:       2 current / 2 desired\nPods Status:    0 Running / 2 Waiting / 0 Succeeded / 0 Failed\n`);
    expect(rs).toContain(`Annotations:    deployment.kubernetes.io/desired-replicas: 4\n                deployment.kubernetes.io/max-replicas: 5\n                deployment.kubernetes.io/revision: 2\n`);
  });
});

describe('the notes\' nginx-deployment walk-through (N14)', () => {
  it('create --record, scale 10, set image, undo, set image 1.9.1, a typo that stalls, history, undo --to-revision, pause', () => {
    const h = sandbox();
    // The note's extensions/v1beta1 manifest, corrected to apps/v1 (which requires a selector).
    h.session.fs.writeFile('/root/dep-rs.yml', yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: nginx-deployment
      spec:
        replicas: 3
        selector:
          matchLabels:
            app: nginx
        template:
          metadata:
            labels:
              app: nginx
          spec:
            containers:
            - name: nginx
              image: nginx:1.7.9
              ports:
              - containerPort: 80
    `);
    expect(h.run('kubectl create -f dep-rs.yml --record').output).toBe('Flag --record has been deprecated, --record will be removed in the future\ndeployment.apps/nginx-deployment created\n');
    h.run('sleep 30s');
    expect(h.run('kubectl scale deployment nginx-deployment --replicas 10').output).toBe('deployment.apps/nginx-deployment scaled\n');
    h.run('sleep 30s');
    expect(h.run('kubectl get pods --no-headers').stdout.trim().split('\n')).toHaveLength(10);
    expect(h.run('kubectl set image deployment/nginx-deployment nginx=wangyanglinux/myapp:v2').output).toBe('deployment.apps/nginx-deployment image updated\n');
    expect(h.run('kubectl rollout status deployment/nginx-deployment').stdout).toMatch(/deployment "nginx-deployment" successfully rolled out\n$/);
    expect(sets(h)).toEqual(['nginx:1.7.9=0', 'wangyanglinux/myapp:v2=10']);
    expect(h.run('kubectl rollout undo deployment/nginx-deployment').output).toBe('deployment.apps/nginx-deployment rolled back\n');
    h.run('kubectl rollout status deployment/nginx-deployment');
    expect(sets(h)).toEqual(['nginx:1.7.9=10', 'wangyanglinux/myapp:v2=0']);
    h.run('kubectl set image deployment/nginx-deployment nginx=nginx:1.9.1');
    expect(h.run('kubectl rollout status deployment/nginx-deployment').stdout).toMatch(/deployment "nginx-deployment" successfully rolled out\n$/);
    expect(sets(h)).toEqual(['nginx:1.7.9=0', 'wangyanglinux/myapp:v2=0', 'nginx:1.9.1=10']);
    // The typo: the new pods cannot pull, 8 of the old ones keep serving, and rollout status gives up at the deadline.
    h.run('kubectl set image deployment/nginx-deployment nginx=nginx:1.91');
    const status = h.run('kubectl rollout status deployments nginx-deployment');
    expect(status.stderr).toBe('error: deployment "nginx-deployment" exceeded its progress deadline\n');
    expect(status.status).toBe(1);
    expect(sets(h)).toEqual(['nginx:1.7.9=0', 'wangyanglinux/myapp:v2=0', 'nginx:1.9.1=8', 'nginx:1.91=5']);
    expect(dep(h).status.availableReplicas).toBe(8);
    // Revision 1 came back as 3 with its set's change-cause: the last recorded command while it was
    // current was the scale (an existing change-cause is updated by every later command).
    expect(h.run('kubectl rollout history deployment/nginx-deployment').stdout).toBe(
      'deployment.apps/nginx-deployment \n' +
        'REVISION  CHANGE-CAUSE\n' +
        '2         kubectl set image deployment/nginx-deployment nginx=wangyanglinux/myapp:v2\n' +
        '3         kubectl scale deployment nginx-deployment --replicas=10\n' +
        '4         kubectl set image deployment/nginx-deployment nginx=nginx:1.9.1\n' +
        '5         kubectl set image deployment/nginx-deployment nginx=nginx:1.91\n\n',
    );
    expect(h.run('kubectl rollout undo deployment/nginx-deployment --to-revision=2').output).toBe('deployment.apps/nginx-deployment rolled back\n');
    expect(h.run('kubectl rollout pause deployment/nginx-deployment').output).toBe('deployment.apps/nginx-deployment paused\n');
    h.run('sleep 60s');
    // Paused mid-rollout: the sets stay as they were left.
    const frozen = sets(h);
    h.run('sleep 60s');
    expect(sets(h)).toEqual(frozen);
    h.run('kubectl rollout resume deployment/nginx-deployment && kubectl rollout status deployment/nginx-deployment');
    expect(sets(h)).toEqual(['nginx:1.7.9=0', 'wangyanglinux/myapp:v2=10', 'nginx:1.9.1=0', 'nginx:1.91=0']);
  });
});

