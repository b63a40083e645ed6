import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { Headless } from '../terminal/headless.ts';
import { TerminalSession } from '../terminal/session.ts';
import { driveToEnd } from '../terminal/drive.ts';

function runIn(cluster: Cluster, script: string): string {
  const session = new TerminalSession(cluster, { interactive: false });
  let out = '';
  driveToEnd(cluster, session.run(script, { stdin: '', stdout: (s) => void (out += s), stderr: (s) => void (out += s) }));
  return out;
}

describe('snapshot and restore', () => {
  it('restores a cluster that then goes on exactly as the original does', () => {
    const a = new Cluster({ seed: 5 });
    runIn(a, 'kubectl run web --image=nginx && kubectl run typo --image=nginx:1.91 && sleep 2s');
    const snap = JSON.parse(JSON.stringify(a.snapshot()));
    const b = Cluster.restore(snap);
    const script = 'sleep 40s; kubectl run late --image=busybox; sleep 20s; kubectl get pods -o wide; kubectl get events -o name | wc -l';
    expect(runIn(b, script)).toBe(runIn(a, script));
    expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(a.snapshot()));
  });

  it('carries objects, clock and random state in plain JSON', () => {
    const a = new Cluster({ seed: 9 });
    const snap = a.snapshot();
    expect(snap.format).toBe('kube-sandbox/cluster');
    expect(snap.sim.timeline.now).toBe(a.now());
    // The four control-plane mirror pods, coredns ×2, metrics-server, kube-proxy and flannel on each of three nodes.
    expect(snap.store.resources.pods.length).toBe(13);
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
  });
});

describe('determinism', () => {
  it('prints the same bytes for the same seed and script, and other names for another seed', () => {
    const script = 'kubectl run a --image=nginx; kubectl run b --image=nginx; sleep 10s; kubectl get pods -o wide; kubectl get events';
    const one = new Headless({ seed: 3 }).run(script).output;
    const two = new Headless({ seed: 3 }).run(script).output;
    const other = new Headless({ seed: 4 }).run(script).output;
    expect(one).toBe(two);
    expect(other).not.toBe(one);
  });
});
