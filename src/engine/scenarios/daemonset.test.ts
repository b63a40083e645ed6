import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import type { Headless } from '../terminal/headless.ts';
import { TerminalSession } from '../terminal/session.ts';
import { driveToEnd } from '../terminal/drive.ts';
import { K } from '../api/wellknown.ts';
import { objects, pod, sandbox, yaml } from './harness.ts';

// The notes' deamonset-example (001), with a tag the registry has: wangyanglinux/myapp has no
// `latest`, so the notes' untagged image would sit in ImagePullBackOff.
const dsYaml = (image = 'wangyanglinux/myapp:v1', extra = '') => yaml`
  apiVersion: apps/v1
  kind: DaemonSet
  metadata:
    name: deamonset-example
    labels:
      app: daemonset
  spec:
    selector:
      matchLabels:
        name: deamonset-example${extra}
    template:
      metadata:
        labels:
          name: deamonset-example
      spec:
        containers:
        - name: daemonset-example
          image: ${image}
`;

type PodLike = { metadata: { name: string; labels?: Record<string, string>; deletionTimestamp?: string }; spec: { nodeName?: string }; status?: { phase?: string } };
const dsPods = (h: Headless) => (objects(h, 'pods') as unknown as PodLike[]).filter((p) => p.metadata.labels?.name === 'deamonset-example');
const nodesOf = (h: Headless) => dsPods(h).map((p) => p.spec.nodeName).sort();

function apply(h: Headless, text: string): string {
  h.session.fs.writeFile('/root/ds.yaml', text);
  return h.run('kubectl apply -f ds.yaml').output;
}

describe('a DaemonSet', () => {
  it('runs one pod on each worker and none on the tainted control plane', () => {
    const h = sandbox();
    expect(apply(h, dsYaml())).toBe('daemonset.apps/deamonset-example created\n');
    h.run('sleep 20s');
    expect(h.run('kubectl get ds').stdout).toBe(
      [
        'NAME                DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE',
        'deamonset-example   2         2         2       2            2           <none>          20s',
        '',
      ].join('\n'),
    );
    expect(nodesOf(h)).toEqual(['k8s-node01', 'k8s-node02']);
    expect(h.run('kubectl get ds -o wide').stdout).toBe(
      [
        'NAME                DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE   CONTAINERS          IMAGES                   SELECTOR',
        'deamonset-example   2         2         2       2            2           <none>          20s   daemonset-example   wangyanglinux/myapp:v1   name=deamonset-example',
        '',
      ].join('\n'),
    );
    const wide = h.run('kubectl get pods -o wide').stdout.split('\n');
    expect(wide[0]).toBe('NAME                      READY   STATUS    RESTARTS   AGE   IP           NODE         NOMINATED NODE   READINESS GATES');
    expect(wide.slice(1, 3).map((l) => l.replace(/^deamonset-example-[a-z0-9]{5} /, 'POD '))).toEqual([
      // metrics-server holds k8s-node02's first pod address.
      expect.stringMatching(/^POD {3}1\/1 {5}Running {3}0 {10}20s {3}10\.244\.(1\.2 {3}k8s-node01|2\.3 {3}k8s-node02) {3}<none> {11}<none>$/),
      expect.stringMatching(/^POD {3}1\/1 {5}Running {3}0 {10}20s {3}10\.244\.(1\.2 {3}k8s-node01|2\.3 {3}k8s-node02) {3}<none> {11}<none>$/),
    ]);
  });

  it('makes its pods as the controller does: generated names, hash and generation labels, node affinity, daemon tolerations', () => {
    const h = sandbox();
    apply(h, dsYaml());
    h.run('sleep 5s');
    const [pod] = objects(h, 'pods').filter((p) => p.metadata.labels?.name === 'deamonset-example');
    const rev = objects(h, 'controllerrevisions.apps', 'default')[0] as unknown as { metadata: { name: string; labels: Record<string, string> }; revision: number };
    const hash = rev.metadata.labels['controller-revision-hash'];
    expect(rev.metadata.name).toBe(`deamonset-example-${hash}`);
    expect(rev.revision).toBe(1);
    expect(pod.metadata.name).toMatch(/^deamonset-example-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.metadata.labels).toEqual({ name: 'deamonset-example', 'controller-revision-hash': hash, 'pod-template-generation': '1' });
    expect(pod.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'DaemonSet', name: 'deamonset-example', controller: true, blockOwnerDeletion: true })]);
    const spec = pod.spec as { nodeName: string; affinity: unknown; tolerations: { key?: string; effect?: string }[] };
    expect(spec.affinity).toEqual({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [spec.nodeName] }] }] } } });
    expect(spec.tolerations.map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    // The scheduler, not the controller, binds it.
    const reasons = h.run(`kubectl get events --field-selector involvedObject.name=${pod.metadata.name} -o jsonpath='{.items[0].reason} {.items[0].source.component}'`).stdout;
    expect(reasons).toBe('Scheduled default-scheduler');
    const ds = objects(h, 'daemonsets.apps')[0];
    expect(ds.metadata.annotations).toEqual(expect.objectContaining({ 'deprecated.daemonset.template.generation': '1' }));
  });

  it('is described as kubectl describes it', () => {
    const h = sandbox();
    apply(h, dsYaml());
    h.run('sleep 20s');
    const names = dsPods(h).map((p) => p.metadata.name);
    const text = h.run('kubectl describe ds deamonset-example').stdout;
    const events = text.slice(text.indexOf('Events:'));
    expect(text.slice(0, text.indexOf('Events:'))).toBe(
      [
        'Name:           deamonset-example',
        'Namespace:      default',
        'Selector:       name=deamonset-example',
        'Node-Selector:  <none>',
        'Labels:         app=daemonset',
        'Annotations:    deprecated.daemonset.template.generation: 1',
        'Desired Number of Nodes Scheduled: 2',
        'Current Number of Nodes Scheduled: 2',
        'Number of Nodes Scheduled with Up-to-date Pods: 2',
        'Number of Nodes Scheduled with Available Pods: 2',
        'Number of Nodes Misscheduled: 0',
        'Pods Status:  2 Running / 0 Waiting / 0 Succeeded / 0 Failed',
        'Pod Template:',
        '  Labels:  name=deamonset-example',
        '  Containers:',
        '   daemonset-example:',
        '    Image:         wangyanglinux/myapp:v1',
        '    Port:          <none>',
        '    Host Port:     <none>',
        '    Environment:   <none>',
        '    Mounts:        <none>',
        '  Volumes:         <none>',
        '  Node-Selectors:  <none>',
        '  Tolerations:     <none>',
        '',
      ].join('\n'),
    );
    expect(events.split('\n').slice(0, 3)).toEqual(['Events:', '  Type    Reason            Age   From                  Message', '  ----    ------            ----  ----                  -------']);
    expect(events).toContain(`  Normal  SuccessfulCreate  20s   daemonset-controller  Created pod: ${names[0]}\n`);
    expect(events).toContain(`  Normal  SuccessfulCreate  20s   daemonset-controller  Created pod: ${names[1]}\n`);
  });

  it('gives a node that joins a pod of its own, and lets the pod of a node that is removed go', () => {
    const h = sandbox();
    apply(h, dsYaml());
    h.run('sleep 20s');
    h.cluster.addNode({ ...h.cluster.nextWorker(), controlPlane: false });
    h.run('sleep 20s');
    expect(nodesOf(h)).toEqual(['k8s-node01', 'k8s-node02', 'k8s-node03']);
    expect(h.run('kubectl get ds').stdout.split('\n')[1]).toBe('deamonset-example   3         3         3       3            3           <none>          40s');

    h.cluster.removeNode('k8s-node02');
    // The pod bound to the vanished node is the pod garbage collector's, after its 40 s quarantine.
    h.run('sleep 10s');
    expect(nodesOf(h)).toEqual(['k8s-node01', 'k8s-node02', 'k8s-node03']);
    h.run('sleep 60s');
    expect(nodesOf(h)).toEqual(['k8s-node01', 'k8s-node03']);
    expect(h.run('kubectl get ds').stdout.split('\n')[1]).toBe('deamonset-example   2         2         2       2            2           <none>          110s');
  });

  it('runs on the control plane too when it tolerates the control-plane taint', () => {
    const h = sandbox();
    const tolerating = dsYaml().replace(
      '      containers:\n',
      '      tolerations:\n      - key: node-role.kubernetes.io/control-plane\n        operator: Exists\n        effect: NoSchedule\n      containers:\n',
    );
    apply(h, tolerating);
    h.run('sleep 20s');
    expect(nodesOf(h)).toEqual(['k8s-master01', 'k8s-node01', 'k8s-node02']);
  });

  it('follows a node selector as node labels change', () => {
    const h = sandbox();
    apply(h, dsYaml().replace('      containers:\n', '      nodeSelector:\n        disk: ssd\n      containers:\n'));
    h.run('sleep 10s');
    expect(nodesOf(h)).toEqual([]);
    expect(h.run('kubectl get ds').stdout.split('\n')[1]).toBe('deamonset-example   0         0         0       0            0           disk=ssd        10s');
    h.run('kubectl label node k8s-node02 disk=ssd && sleep 10s');
    expect(nodesOf(h)).toEqual(['k8s-node02']);
    h.run('kubectl label node k8s-node02 disk- && sleep 1s');
    expect(dsPods(h).every((p) => p.metadata.deletionTimestamp)).toBe(true);
    h.run('sleep 40s');
    expect(nodesOf(h)).toEqual([]);
  });

  it('rolls a new template out one node at a time (RollingUpdate, maxUnavailable 1)', () => {
    const h = sandbox();
    apply(h, dsYaml());
    h.run('sleep 20s');
    const before = dsPods(h).map((p) => p.metadata.name);
    expect(apply(h, dsYaml('wangyanglinux/myapp:v2'))).toBe('daemonset.apps/deamonset-example configured\n');
    // One old pod is terminating; the other keeps serving until the new pod on the first node is available.
    const terminating = dsPods(h).filter((p) => p.metadata.deletionTimestamp);
    expect(terminating.length).toBe(1);
    expect(dsPods(h).length).toBe(2);
    h.run('sleep 60s');
    const after = dsPods(h);
    expect(after.length).toBe(2);
    expect(after.some((p) => before.includes(p.metadata.name))).toBe(false);
    const revs = (objects(h, 'controllerrevisions.apps', 'default') as unknown as { revision: number; metadata: { labels: Record<string, string> } }[]).sort((a, b) => a.revision - b.revision);
    expect(revs.map((r) => r.revision)).toEqual([1, 2]);
    expect(after.every((p) => p.metadata.labels?.['controller-revision-hash'] === revs[1].metadata.labels['controller-revision-hash'])).toBe(true);
    expect(after.every((p) => p.metadata.labels?.['pod-template-generation'] === '2')).toBe(true);
    expect(h.run('kubectl get ds').stdout.split('\n')[1]).toBe('deamonset-example   2         2         2       2            2           <none>          80s');
    const events = h.run("kubectl get events --field-selector involvedObject.kind=DaemonSet -o jsonpath='{range .items[*]}{.reason} {end}'").stdout;
    expect(events).toBe('SuccessfulCreate SuccessfulCreate SuccessfulDelete SuccessfulCreate SuccessfulDelete SuccessfulCreate ');
    expect(h.run('kubectl get controllerrevisions').stdout.split('\n')[0]).toBe('NAME                           CONTROLLER                         REVISION   AGE');
  });

  it('reports its rollout, lists its revisions and rolls back to one (kubectl rollout status, history, undo)', () => {
    const h = sandbox();
    apply(h, dsYaml());
    expect(h.run('kubectl rollout status ds/deamonset-example').stdout).toBe(
      [
        'Waiting for daemon set "deamonset-example" rollout to finish: 0 of 2 updated pods are available...',
        'Waiting for daemon set "deamonset-example" rollout to finish: 1 of 2 updated pods are available...',
        'daemon set "deamonset-example" successfully rolled out',
        '',
      ].join('\n'),
    );
    apply(h, dsYaml('wangyanglinux/myapp:v2'));
    const status = h.run('kubectl rollout status daemonset/deamonset-example').stdout.split('\n');
    expect(status[0]).toBe('Waiting for daemon set "deamonset-example" rollout to finish: 0 out of 2 new pods have been updated...');
    expect(status.at(-2)).toBe('daemon set "deamonset-example" successfully rolled out');
    expect(h.run('kubectl rollout history ds/deamonset-example').stdout).toBe('daemonset.apps/deamonset-example \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect(h.run('kubectl rollout history ds/deamonset-example --revision=1').stdout).toContain('    Image:\twangyanglinux/myapp:v1\n');
    expect(h.run('kubectl rollout undo ds/deamonset-example').stdout).toBe('daemonset.apps/deamonset-example rolled back\n');
    h.run('kubectl rollout status ds/deamonset-example');
    const images = dsPods(h).filter((p) => !p.metadata.deletionTimestamp).map((p) => (p.spec as unknown as { containers: { image: string }[] }).containers[0].image);
    expect(images).toEqual(['wangyanglinux/myapp:v1', 'wangyanglinux/myapp:v1']);
    // The old revision comes back as the newest, as the controller renumbers it.
    const revs = (objects(h, 'controllerrevisions.apps', 'default') as unknown as { revision: number }[]).map((r) => r.revision).sort();
    expect(revs).toEqual([2, 3]);
    expect(h.run('kubectl rollout undo ds/deamonset-example --to-revision=3').stdout).toBe('daemonset.apps/deamonset-example skipped rollback (current template already matches revision 3)\n');
    expect(h.run('kubectl rollout undo ds/deamonset-example --to-revision=9').stderr).toBe('error: unable to find specified revision 9 in history\n');
  });

  it('has no rollout to follow with OnDelete', () => {
    const h = sandbox();
    apply(h, dsYaml().replace('  template:\n', '  updateStrategy:\n    type: OnDelete\n  template:\n'));
    expect(h.run('kubectl rollout status ds/deamonset-example').stderr).toBe('error: rollout status is only available for RollingUpdate strategy type\n');
  });

  it('leaves old pods alone with OnDelete until they are deleted', () => {
    const h = sandbox();
    const onDelete = (image: string) => dsYaml(image).replace('  template:\n', '  updateStrategy:\n    type: OnDelete\n  template:\n');
    apply(h, onDelete('wangyanglinux/myapp:v1'));
    h.run('sleep 20s');
    apply(h, onDelete('wangyanglinux/myapp:v2'));
    h.run('sleep 30s');
    expect(h.run('kubectl get ds').stdout.split('\n')[1]).toBe('deamonset-example   2         2         2       0            2           <none>          50s');
    const victim = dsPods(h).find((p) => p.spec.nodeName === 'k8s-node01')!.metadata.name;
    h.run(`kubectl delete pod ${victim} && sleep 20s`);
    expect(h.run('kubectl get ds').stdout.split('\n')[1]).toMatch(/^deamonset-example {3}2 {9}2 {9}2 {7}1 {12}2 {11}<none> {10}7\ds$/);
    const images = dsPods(h).map((p) => `${p.spec.nodeName} ${(p.spec as unknown as { containers: { image: string }[] }).containers[0].image}`).sort();
    expect(images).toEqual(['k8s-node01 wangyanglinux/myapp:v2', 'k8s-node02 wangyanglinux/myapp:v1']);
  });

  it('replaces a failed daemon pod, backing off per node when they keep failing', () => {
    const h = sandbox();
    apply(h, dsYaml());
    h.run('sleep 20s');
    // With the kubelet stopped nothing rewrites the status, so the pod stays as the test sets it.
    h.cluster.stopKubelet('k8s-node01');
    const onNode01 = () => dsPods(h).find((p) => p.spec.nodeName === 'k8s-node01' && !p.metadata.deletionTimestamp);
    const fail = (name: string) => h.cluster.api.mutate(K.Pod, 'default', name, (o) => void ((o.status as { phase: string }).phase = 'Failed'), { subresource: 'status', trusted: true });
    const first = onNode01()!.metadata.name;
    fail(first);
    h.run('sleep 0.1s');
    // A finished pod is deleted at once (no grace period), and a new one takes its place.
    expect(pod(h, first)).toBeUndefined();
    const warnings = () => h.run("kubectl get events --field-selector reason=FailedDaemonPod -o jsonpath='{range .items[*]}{.type} {.message}{\"\\n\"}{end}'").stdout;
    expect(warnings()).toBe(`Warning Found failed daemon pod default/${first} on node k8s-node01, will try to kill it\n`);
    // The new pod fails too, within a second of the first: it is left alone for the back-off.
    const second = onNode01()!.metadata.name;
    expect(second).not.toBe(first);
    fail(second);
    h.run('sleep 0.5s');
    expect(pod(h, second)).toBeDefined();
    h.run('sleep 1s');
    expect(pod(h, second)).toBeUndefined();
    expect(warnings().split('\n').length).toBe(3);
  });

  it('takes its pods with it when deleted', () => {
    const h = sandbox();
    apply(h, dsYaml());
    h.run('sleep 20s');
    expect(h.run('kubectl delete ds deamonset-example').stdout).toBe('daemonset.apps "deamonset-example" deleted\n');
    h.run('sleep 40s');
    expect(dsPods(h)).toEqual([]);
    expect(objects(h, 'controllerrevisions.apps', 'default')).toEqual([]);
  });

  it('continues byte for byte after a snapshot and restore, mid-rollout', () => {
    const a = new Cluster({ seed: 11 });
    runIn(a, `cat > ds.yaml <<'EOF'\n${dsYaml()}EOF\nkubectl apply -f ds.yaml; sleep 20s`);
    runIn(a, `cat > ds.yaml <<'EOF'\n${dsYaml('wangyanglinux/myapp:v2')}EOF\nkubectl apply -f ds.yaml; sleep 1s`);
    const b = Cluster.restore(JSON.parse(JSON.stringify(a.snapshot())));
    const script = 'sleep 30s; kubectl get pods -o wide; kubectl get ds; kubectl get controllerrevisions';
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
