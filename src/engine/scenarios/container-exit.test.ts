// Containers whose command ends: Completed and Error, restartPolicy, and the kubelet's crash
// back-off (10 s doubling, CrashLoopBackOff between restarts).

import { describe, expect, it } from 'vitest';
import { pod, sandbox, yaml } from './harness.ts';

type H = ReturnType<typeof sandbox>;

function podWith(name: string, restartPolicy: string, command: string): string {
  return yaml`
    apiVersion: v1
    kind: Pod
    metadata:
      name: ${name}
    spec:
      restartPolicy: ${restartPolicy}
      containers:
      - name: c
        image: busybox:1.36
        command: ["sh", "-c", "${command}"]
  `;
}

function apply(h: H, text: string): void {
  h.session.fs.writeFile('/root/p.yaml', text);
  h.run('kubectl apply -f p.yaml');
}

interface CS {
  restartCount: number;
  state: { waiting?: { reason: string; message?: string }; terminated?: { exitCode: number; reason: string; startedAt: string; finishedAt: string }; running?: object };
  lastState: { terminated?: { exitCode: number; finishedAt: string } };
}
const status = (h: H, name: string) => pod(h, name)!.status as { phase: string; containerStatuses: CS[]; conditions: { type: string; status: string; reason?: string }[] };

describe('a container that exits', () => {
  it('with restartPolicy Never and code 0: Completed, phase Succeeded, not ready because completed', () => {
    const h = sandbox();
    apply(h, podWith('once', 'Never', 'echo hello; sleep 5'));
    h.run('sleep 20s');
    const st = status(h, 'once');
    expect(st.phase).toBe('Succeeded');
    const t = st.containerStatuses[0].state.terminated!;
    expect(t.exitCode).toBe(0);
    expect(t.reason).toBe('Completed');
    expect((Date.parse(t.finishedAt) - Date.parse(t.startedAt)) / 1000).toBe(5);
    expect(st.conditions.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(h.run('kubectl get pod once').stdout).toBe('NAME   READY   STATUS      RESTARTS   AGE\nonce   0/1     Completed   0          20s\n');
  });

  it('with restartPolicy Never and code 1: Error, phase Failed', () => {
    const h = sandbox();
    apply(h, podWith('bad', 'Never', 'exit 1'));
    h.run('sleep 20s');
    expect(status(h, 'bad').phase).toBe('Failed');
    expect(h.run('kubectl get pod bad').stdout).toBe('NAME   READY   STATUS   RESTARTS   AGE\nbad    0/1     Error    0          20s\n');
  });

  it('with OnFailure and code 0 is not restarted', () => {
    const h = sandbox();
    apply(h, podWith('ok', 'OnFailure', 'sleep 1'));
    h.run('sleep 30s');
    expect(status(h, 'ok').phase).toBe('Succeeded');
    expect(status(h, 'ok').containerStatuses[0].restartCount).toBe(0);
  });

  it('with Always and a failing command: restarted at once, then after 10 s and 20 s of CrashLoopBackOff', () => {
    const h = sandbox();
    apply(h, podWith('crash', 'Always', 'exit 1'));
    const finishes = new Set<string>();
    for (let i = 0; i < 60; i++) {
      h.run('sleep 1s');
      const t = status(h, 'crash').containerStatuses[0].lastState.terminated;
      if (t) finishes.add(t.finishedAt);
    }
    const cs = status(h, 'crash').containerStatuses[0];
    expect(cs.restartCount).toBe(3);
    // Exits at 08:05:01 (restarted one relist later), 08:05:03 (then 10 s of back-off),
    // 08:05:13 (then 20 s), 08:05:33 (now 40 s).
    expect([...finishes]).toEqual(['2025-06-02T08:05:01Z', '2025-06-02T08:05:03Z', '2025-06-02T08:05:13Z', '2025-06-02T08:05:33Z']);
    expect(status(h, 'crash').phase).toBe('Running');
    expect(cs.state.waiting?.reason).toBe('CrashLoopBackOff');
    expect(cs.state.waiting?.message).toBe(`back-off 40s restarting failed container=c pod=crash_default(${pod(h, 'crash')!.metadata.uid})`);
    expect(h.run('kubectl get pod crash').stdout).toBe('NAME    READY   STATUS             RESTARTS      AGE\ncrash   0/1     CrashLoopBackOff   3 (27s ago)   60s\n');
    const reasons = h.run("kubectl get events --field-selector involvedObject.name=crash,reason=BackOff -o jsonpath='{.items[*].message}'").stdout;
    expect(reasons).toBe(`Back-off restarting failed container c in pod crash_default(${pod(h, 'crash')!.metadata.uid})`);
  });
});
