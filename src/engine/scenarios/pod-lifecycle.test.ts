import { describe, expect, it } from 'vitest';
import { pod, sandbox, yaml } from './harness.ts';

const podDemo = yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: pod-demo
    labels:
      app: myapp
  spec:
    containers:
    - name: myapp-1
      image: wangyanglinux/myapp:v1
    - name: busybox-1
      image: busybox
      command: ["/bin/sh", "-c", "sleep 3600"]
`;

const phase = (h: ReturnType<typeof sandbox>, name: string) => (pod(h, name)?.status as { phase?: string } | undefined)?.phase;

describe('a pod from YAML to Running', () => {
  it('is created Pending, shows ContainerCreating, then Running 2/2 with an IP from its node', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/pod.yaml', podDemo);
    expect(h.run('kubectl apply -f pod.yaml').stdout).toBe('pod/pod-demo created\n');
    expect(h.run('kubectl get pod pod-demo').stdout).toBe('NAME       READY   STATUS              RESTARTS   AGE\npod-demo   0/2     ContainerCreating   0          0s\n');
    h.run('sleep 10s');
    expect(phase(h, 'pod-demo')).toBe('Running');
    const wide = h.run('kubectl get pod pod-demo -o wide').stdout;
    expect(wide).toMatch(/^pod-demo {3}2\/2 {5}Running {3}0 {10}10s {3}10\.244\.(1|2)\.2 {3}k8s-node0(1|2) /m);
    const p = pod(h, 'pod-demo')!;
    const node = (p.spec as { nodeName: string }).nodeName;
    const cidr = (h.cluster.store.get('nodes', undefined, node)!.spec as { podCIDR: string }).podCIDR;
    expect((p.status as { podIP: string }).podIP.startsWith(cidr.slice(0, cidr.lastIndexOf('.')))).toBe(true);
  });

  it('records the scheduler and kubelet events in order', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/pod.yaml', podDemo);
    h.run('kubectl apply -f pod.yaml && sleep 10s');
    const reasons = h.run("kubectl get events --field-selector involvedObject.name=pod-demo -o jsonpath='{range .items[*]}{.reason} {end}'").stdout;
    expect(reasons).toBe('Scheduled Pulling Pulled Created Started Pulling Pulled Created Started ');
    const messages = h.run("kubectl get events --field-selector involvedObject.name=pod-demo -o jsonpath='{range .items[*]}{.message}{\"\\n\"}{end}'").stdout.split('\n');
    expect(messages[0]).toMatch(/^Successfully assigned default\/pod-demo to k8s-node0[12]$/);
    expect(messages[1]).toBe('Pulling image "wangyanglinux/myapp:v1"');
    expect(messages[2]).toMatch(/^Successfully pulled image "wangyanglinux\/myapp:v1" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.$/);
    expect(messages[3]).toBe('Created container myapp-1');
    expect(messages[4]).toBe('Started container myapp-1');
  });

  it('reports the containers in status sorted by name, with image IDs once running', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/pod.yaml', podDemo);
    h.run('kubectl apply -f pod.yaml && sleep 10s');
    const names = h.run("kubectl get pod pod-demo -o jsonpath='{.status.containerStatuses[*].name}'").stdout;
    expect(names).toBe('busybox-1 myapp-1');
    const images = h.run("kubectl get pod pod-demo -o jsonpath='{.status.containerStatuses[*].image}'").stdout;
    expect(images).toBe('docker.io/library/busybox:latest docker.io/wangyanglinux/myapp:v1');
  });

  it('uses an image already on the node without pulling it', () => {
    const h = sandbox();
    h.run('kubectl run a --image=nginx:1.25 && sleep 10s');
    // Put a second pod on the same node as the first by name.
    const node = (pod(h, 'a')!.spec as { nodeName: string }).nodeName;
    h.session.fs.writeFile('/root/b.yaml', yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: b2
      spec:
        nodeName: ${node}
        containers:
        - name: app
          image: nginx:1.25
    `);
    h.run('kubectl apply -f b.yaml && sleep 5s');
    const msgs = h.run("kubectl get events --field-selector involvedObject.name=b2 -o jsonpath='{range .items[*]}{.reason}: {.message}{\"\\n\"}{end}'").stdout;
    expect(msgs).toContain('Pulled: Container image "nginx:1.25" already present on machine\n');
    expect(msgs).not.toContain('Pulling');
  });

  it('fails to pull a tag that does not exist: ErrImagePull and ImagePullBackOff in turn', () => {
    const h = sandbox();
    h.run('kubectl run typo --image=nginx:1.91');
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      seen.add(h.run("kubectl get pod typo --no-headers -o custom-columns=S:.status.containerStatuses[0].state.waiting.reason").stdout.trim());
      h.run('sleep 1s');
    }
    expect([...seen].sort()).toEqual(['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff']);
    // Back-off doubles: 10 s, 20 s, 40 s … so in a minute there are only a few pull attempts.
    const pulls = h.run("kubectl get events --field-selector reason=Pulling -o jsonpath='{.items[0].count}'").stdout;
    expect(Number(pulls)).toBeGreaterThanOrEqual(3);
    expect(Number(pulls)).toBeLessThanOrEqual(4);
    const failed = h.run("kubectl get events --field-selector involvedObject.name=typo,reason=Failed -o jsonpath='{.items[0].message}'").stdout;
    expect(failed).toBe(
      'Failed to pull image "nginx:1.91": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.91": failed to resolve reference "docker.io/library/nginx:1.91": docker.io/library/nginx:1.91: not found',
    );
  });
});

describe('deleting a pod', () => {
  it('is graceful: Terminating first, then gone, and kubectl delete waits for it', () => {
    const h = sandbox();
    h.run('kubectl run web --image=nginx && sleep 10s');
    const before = h.cluster.now();
    const r = h.run('kubectl delete pod web');
    expect(r.stdout).toBe('pod "web" deleted\n');
    expect(pod(h, 'web')).toBeUndefined();
    // Less than the 30 s grace period: nginx stops promptly on SIGTERM.
    expect(h.cluster.now() - before).toBeLessThan(30_000);
    const killing = h.cluster.store.list('events', 'default').find((e) => (e as { reason?: string }).reason === 'Killing');
    expect((killing as { message?: string } | undefined)?.message).toBe('Stopping container web');
  });

  it('shows Terminating while the kubelet stops the containers', () => {
    const h = sandbox();
    h.run('kubectl run web --image=nginx && sleep 10s');
    h.run('kubectl delete pod web --wait=false');
    expect(h.run("kubectl get pod web").stdout).toMatch(/^web +1\/1 +Terminating +0 +10s$/m);
    h.run('sleep 5s');
    expect(h.run('kubectl get pod web').stderr).toBe('Error from server (NotFound): pods "web" not found\n');
  });

  it('removes a pod at once with --force --grace-period=0, with kubectl\'s warning', () => {
    const h = sandbox();
    h.run('kubectl run web --image=nginx && sleep 10s');
    const r = h.run('kubectl delete pod web --force --grace-period=0');
    expect(r.stderr).toBe('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
    expect(r.stdout).toBe('pod "web" deleted\n');
    expect(pod(h, 'web')).toBeUndefined();
  });

  it('deletes a pod that was never scheduled immediately', () => {
    const h = sandbox();
    h.run("kubectl run big --image=nginx --overrides='' 2>/dev/null; true");
    h.session.fs.writeFile('/root/big.yaml', yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: huge
      spec:
        containers:
        - name: app
          image: nginx
          resources:
            requests:
              cpu: "64"
    `);
    h.run('kubectl apply -f big.yaml && sleep 1s');
    const before = h.cluster.now();
    expect(h.run('kubectl delete pod huge').stdout).toBe('pod "huge" deleted\n');
    expect(h.cluster.now() - before).toBeLessThanOrEqual(200);
  });
});

describe('scheduling', () => {
  it('leaves a pod that fits nowhere Pending with the scheduler\'s reasons', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/big.yaml', yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: big
      spec:
        containers:
        - name: app
          image: nginx
          resources:
            requests:
              cpu: "3"
    `);
    h.run('kubectl apply -f big.yaml && sleep 2s');
    expect(h.run('kubectl get pod big').stdout).toBe('NAME   READY   STATUS    RESTARTS   AGE\nbig    0/1     Pending   0          2s\n');
    const msg =
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
    expect(h.run('kubectl get events --field-selector reason=FailedScheduling -o jsonpath={.items[0].message}').stdout).toBe(msg);
    expect(h.run("kubectl get pod big -o jsonpath='{.status.conditions[?(@.type==\"PodScheduled\")].reason}'").stdout).toBe('Unschedulable');
  });

  it('places a pod once a node gets the label its nodeSelector asks for', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/picky.yaml', yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: picky
      spec:
        nodeSelector:
          disktype: ssd
        containers:
        - name: app
          image: nginx
    `);
    h.run('kubectl apply -f picky.yaml && sleep 1s');
    expect(h.run('kubectl get events --field-selector reason=FailedScheduling -o jsonpath={.items[0].message}').stdout).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
    h.run('kubectl label node k8s-node02 disktype=ssd && sleep 10s');
    expect((pod(h, 'picky')!.spec as { nodeName?: string }).nodeName).toBe('k8s-node02');
    expect(phase(h, 'picky')).toBe('Running');
  });

  it('never puts an ordinary pod on the tainted control plane', () => {
    const h = sandbox();
    h.run('for i in 1 2 3 4 5 6; do kubectl run p$i --image=nginx; done; sleep 5s');
    const nodes = h.cluster.store.list('pods', 'default').map((p) => (p.spec as { nodeName: string }).nodeName);
    expect(nodes).toHaveLength(6);
    expect(nodes).not.toContain('k8s-master01');
  });

  it('schedules onto the control plane a pod that tolerates its taint and names it', () => {
    const h = sandbox();
    h.session.fs.writeFile('/root/cp.yaml', yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: cp
      spec:
        nodeSelector:
          node-role.kubernetes.io/control-plane: ""
        tolerations:
        - key: node-role.kubernetes.io/control-plane
          effect: NoSchedule
        containers:
        - name: app
          image: nginx
    `);
    h.run('kubectl apply -f cp.yaml && sleep 5s');
    expect((pod(h, 'cp')!.spec as { nodeName?: string }).nodeName).toBe('k8s-master01');
  });
});
