import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'kube-sandbox.js');

function cli(args: string[], input?: string, cwd?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the kube-sandbox CLI', { timeout: 60_000 }, () => {
  it('runs a script from stdin and exits with the last command\'s status', () => {
    const r = cli([], 'kubectl get nodes\nkubectl get pod nope\n');
    expect(r.stdout).toBe(
      'NAME           STATUS   ROLES           AGE   VERSION\nk8s-master01   Ready    control-plane   5m    v1.30.14\nk8s-node01     Ready    <none>          5m    v1.30.14\nk8s-node02     Ready    <none>          5m    v1.30.14\n',
    );
    expect(r.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(r.status).toBe(1);
  });

  it('reads a script file and manifests from the real filesystem relative to the working directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kube-sandbox-cli-'));
    writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-disk\n');
    writeFileSync(join(dir, 'script.sh'), 'kubectl apply -f cm.yaml\ncat > mem.yaml <<EOF\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: in-memory\nEOF\nkubectl apply -f mem.yaml\nkubectl get cm -o name\n');
    const r = cli(['script.sh'], undefined, dir);
    expect(r.stdout).toBe('configmap/from-disk created\nconfigmap/in-memory created\nconfigmap/from-disk\nconfigmap/in-memory\nconfigmap/kube-root-ca.crt\n');
    expect(r.status).toBe(0);
  });

  it('prints the same bytes for the same seed, and takes a worker count', () => {
    const script = 'kubectl run a --image=nginx\nsleep 10s\nkubectl get pods -o wide\nkubectl get events\n';
    const a = cli(['--seed', '11'], script);
    const b = cli(['--seed', '11'], script);
    expect(a.stdout).toBe(b.stdout);
    expect(cli(['--workers', '4'], 'kubectl get nodes -o name\n').stdout).toBe('node/k8s-master01\nnode/k8s-node01\nnode/k8s-node02\nnode/k8s-node03\nnode/k8s-node04\n');
  });

  it('documents itself and refuses unknown options', () => {
    expect(cli(['--help']).stdout).toContain('Usage:\n  kube-sandbox [--seed N] [--workers N] [SCRIPT]');
    const r = cli(['--frobnicate']);
    expect(r.stderr).toBe("kube-sandbox: unknown option --frobnicate\nTry 'kube-sandbox --help'.\n");
    expect(r.status).toBe(2);
    expect(cli(['nope.sh']).stderr).toBe('kube-sandbox: nope.sh: No such file or directory\n');
  });
});
