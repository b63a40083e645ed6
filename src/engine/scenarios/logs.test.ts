// kubectl logs against containers that write: the notes' pi job and cronjob, busybox echo pods, a
// crash loop read with --previous, following a loop with -f as simulated time passes, --tail,
// --since and --timestamps, the default container of a pod with several, and the errors kubectl
// and the kubelet give.

import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { busyboxDate } from '../runtime/logs.ts';
import { piDigits } from '../runtime/pi.ts';
import { driveToEnd } from '../terminal/drive.ts';
import { TerminalSession } from '../terminal/session.ts';
import { objects, pod, sandbox, yaml } from './harness.ts';

type H = ReturnType<typeof sandbox>;

function apply(h: H, text: string): void {
  h.session.fs.writeFile('/root/m.yaml', text);
  const r = h.run('kubectl apply -f m.yaml');
  if (r.status !== 0) throw new Error(r.stderr);
}

function busybox(name: string, command: string, restartPolicy = 'Always'): string {
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

/** When the container started, to the millisecond (the status has whole seconds). */
const exactStart = (h: H, name: string) => {
  const p = pod(h, name)!;
  const run = h.cluster.kubelets.get((p.spec as { nodeName: string }).nodeName)!.podRuns().find((r) => r.uid === p.metadata.uid)!;
  return run.containers[0].startedAt!;
};

const startedAt = (h: H, name: string) => {
  const cs = (pod(h, name)!.status as { containerStatuses: { state: { running?: { startedAt: string }; terminated?: { startedAt: string } } }[] }).containerStatuses[0];
  return Date.parse((cs.state.running ?? cs.state.terminated)!.startedAt);
};

const piJob = yaml`
  apiVersion: batch/v1
  kind: Job
  metadata:
    name: pi
  spec:
    template:
      metadata:
        name: pi
      spec:
        containers:
        - name: pi
          image: perl
          command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
        restartPolicy: Never
`;

describe("the notes' examples", () => {
  it('the pi job prints 2000 digits of pi once it is done; before it starts, the kubelet says it is waiting', () => {
    const h = sandbox();
    apply(h, piJob);
    const name = objects(h, 'pods')[0].metadata.name!;
    expect(h.run('kubectl logs job/pi')).toMatchObject({ status: 1, stdout: '', stderr: `Error from server (BadRequest): container "pi" in pod "${name}" is waiting to start: ContainerCreating\n` });
    h.run('sleep 60s');
    expect(h.run('kubectl get pods').stdout).toContain('Completed');
    const out = h.run('kubectl logs job/pi');
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe(piDigits(2000) + '\n');
    expect(out.stdout.startsWith('3.14159265358979323846264338327950288419716939937510')).toBe(true);
    expect(h.run(`kubectl logs ${name}`).stdout).toBe(out.stdout);
  });

  it("the cronjob's pod logs the date it ran and its greeting", () => {
    const h = sandbox();
    apply(h, yaml`
      apiVersion: batch/v1
      kind: CronJob
      metadata:
        name: hello
      spec:
        schedule: "*/1 * * * *"
        jobTemplate:
          spec:
            template:
              spec:
                containers:
                - name: hello
                  image: busybox
                  args:
                  - /bin/sh
                  - -c
                  - date; echo Hello from the Kubernetes cluster
                restartPolicy: OnFailure
    `);
    h.run('sleep 100s');
    const p = objects(h, 'pods')[0].metadata.name!;
    expect(h.run(`kubectl logs ${p}`).stdout).toBe(`${busyboxDate(startedAt(h, p))}\nHello from the Kubernetes cluster\n`);
    expect(busyboxDate(startedAt(h, p))).toMatch(/^Mon Jun {2}2 08:0\d:0\d UTC 2025$/);
  });

  it('a busybox echo pod says what it echoed, and has no previous container yet', () => {
    const h = sandbox();
    apply(h, busybox('myapp-pod', 'echo The app is running! && sleep 3600'));
    h.run('sleep 10s');
    expect(h.run('kubectl logs myapp-pod')).toMatchObject({ status: 0, stdout: 'The app is running!\n', stderr: '' });
    expect(h.run('kubectl logs myapp-pod -p')).toMatchObject({ status: 1, stdout: '', stderr: 'Error from server (BadRequest): previous terminated container "c" in pod "myapp-pod" not found\n' });
  });

  it('an unknown command writes its error to the log', () => {
    const h = sandbox();
    apply(h, busybox('typo', 'frobnicate', 'Never'));
    h.run('sleep 10s');
    expect(h.run('kubectl logs typo').stdout).toBe('sh: frobnicate: not found\n');
  });
});

describe('a crash loop', () => {
  it('--previous shows the attempt before the current one; in CrashLoopBackOff both show the last run', () => {
    const h = sandbox();
    apply(h, busybox('crash', 'date; echo failing; exit 1'));
    h.run('sleep 5s');
    // Restarted at once after the first exit: the current attempt and the one before it.
    const first = h.run('kubectl logs crash -p').stdout;
    const second = h.run('kubectl logs crash').stdout;
    expect(first).toMatch(/^Mon Jun {2}2 08:05:0\d UTC 2025\nfailing\n$/);
    expect(second).toMatch(/^Mon Jun {2}2 08:05:0\d UTC 2025\nfailing\n$/);
    h.run('sleep 15s');
    expect(h.run('kubectl get pod crash').stdout).toContain('CrashLoopBackOff');
    const last = h.run('kubectl logs crash').stdout;
    expect(h.run('kubectl logs crash --previous').stdout).toBe(last);
    expect(last).not.toBe(first);
    const ts = h.run('kubectl logs crash -p --timestamps').stdout.split('\n');
    expect(ts[1]).toMatch(/^2025-06-02T08:05:\d\d\.\d{3}000000Z failing$/);
  });
});

describe('reading part of a log', () => {
  function looping(): H {
    const h = sandbox();
    apply(h, busybox('loop', 'echo start; while true; do date; sleep 5; done'));
    h.run('sleep 3s');
    return h;
  }

  it('--tail, --since, --since-time and --timestamps pick lines by count and by time', () => {
    const h = looping();
    const t0 = exactStart(h, 'loop');
    h.run(`sleep ${(t0 + 20_500 - h.cluster.now()) / 1000}s`);
    // Passes at 0, 5, 10, 15 and 20 s after the start.
    const dates = [0, 5, 10, 15, 20].map((s) => busyboxDate(t0 + s * 1000));
    expect(h.run('kubectl logs loop').stdout).toBe(['start', ...dates].join('\n') + '\n');
    expect(h.run('kubectl logs loop --tail=2').stdout).toBe(dates.slice(-2).join('\n') + '\n');
    expect(h.run('kubectl logs loop --tail=0').stdout).toBe('');
    // Each kubectl run above took 100 ms: the clock is 20.8 s past the start, and --since counts back from it.
    expect(h.run('kubectl logs loop --since=4s').stdout).toBe(dates[4] + '\n');
    expect(h.run('kubectl logs loop --since=12s').stdout).toBe(dates.slice(2).join('\n') + '\n');
    const at9 = new Date(Math.floor((t0 + 10_000) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    expect(h.run(`kubectl logs loop --since-time=${at9}`).stdout).toBe(dates.slice(2).join('\n') + '\n');
    expect(h.run(`kubectl logs loop --since-time=${at9} --tail=1`).stdout).toBe(dates[4] + '\n');
    const stamp = new Date(t0 + 20_000).toISOString().replace('Z', '000000Z');
    expect(h.run('kubectl logs loop --tail=1 --timestamps').stdout).toBe(`${stamp} ${dates[4]}\n`);
    expect(h.run('kubectl logs loop --since=5s --since-time=2025-06-02T08:00:00Z').stderr).toBe('error: at most one of `sinceTime` or `sinceSeconds` may be specified\n');
  });

  it('-f prints new lines as simulated time passes, until Ctrl+C', () => {
    const h = looping();
    const c = h.cluster;
    const t0 = exactStart(h, 'loop');
    const seen: [number, string][] = [];
    const session = new TerminalSession(c, { interactive: true });
    const run = session.run('kubectl logs -f loop --tail=1', { stdin: '', stdout: (s) => void seen.push([c.now() - t0, s]), stderr: (s) => void seen.push([c.now() - t0, 'ERR ' + s]) });
    const end = c.now() + 12_000;
    for (let step = run.next(); !step.done; step = run.next()) {
      const left = end - c.now();
      if (left <= 0) {
        run.return(130); // Ctrl+C
        break;
      }
      c.advance(Math.min(step.value.ms, left), step.value.until);
    }
    // The last line at once (--tail=1), then each pass's line at the moment it is written.
    expect(seen.map(([, s]) => s)).toEqual([busyboxDate(t0), busyboxDate(t0 + 5000), busyboxDate(t0 + 10_000)].map((d) => d + '\n'));
    expect(seen.map(([t]) => t)).toEqual([seen[0][0], 5000, 10_000]);
    expect(seen[0][0]).toBeLessThan(5000);
  });

  it('-f on a container that ends stops when it ends', () => {
    const h = sandbox();
    apply(h, busybox('short', 'echo one; sleep 4; echo two', 'Never'));
    h.run('sleep 3s');
    const r = h.run('kubectl logs -f short; kubectl get pod short');
    expect(r.stdout).toMatch(/^one\ntwo\nNAME {4}READY {3}STATUS {6}RESTARTS {3}AGE\nshort {3}0\/1 {5}Completed {3}0 {10}\d+s\n$/);
  });
});

const twoContainers = (annotation = '') => yaml`
  apiVersion: v1
  kind: Pod
  metadata:
    name: pod-demo
${annotation ? `    annotations:\n      kubectl.kubernetes.io/default-container: ${annotation}\n` : ''}  spec:
    containers:
    - name: myapp
      image: nginx:1.25
    - name: busybox
      image: busybox:1.36
      command: ["sh", "-c", "echo busybox is up; sleep 3600"]
`;

const NGINX_BANNER = `/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration
/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/
/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh
10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf
10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf
/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh
/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh
/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh
/docker-entrypoint.sh: Configuration complete; ready for start up
`;

describe('which container', () => {
  it('defaults to the first, with kubectl\'s notice; -c picks another; a wrong name is refused', () => {
    const h = sandbox();
    apply(h, twoContainers());
    h.run('sleep 40s');
    expect(h.run('kubectl logs pod-demo')).toMatchObject({ status: 0, stdout: NGINX_BANNER, stderr: 'Defaulted container "myapp" out of: myapp, busybox\n' });
    expect(h.run('kubectl logs pod-demo -c busybox')).toMatchObject({ stdout: 'busybox is up\n', stderr: '' });
    expect(h.run('kubectl logs pod-demo busybox').stdout).toBe('busybox is up\n');
    expect(h.run('kubectl logs pod-demo -c nope')).toMatchObject({ status: 1, stdout: '', stderr: 'error: container nope is not valid for pod pod-demo\n' });
    expect(h.run('kubectl logs pod-demo --all-containers --prefix --tail=1').stdout).toBe(
      '[pod/pod-demo/myapp] /docker-entrypoint.sh: Configuration complete; ready for start up\n[pod/pod-demo/busybox] busybox is up\n',
    );
    expect(h.run('kubectl logs pod-demo --all-containers -c busybox').stderr).toBe('error: --all-containers=true should not be specified with container name busybox\n');
  });

  it('the default-container annotation picks the container without a notice', () => {
    const h = sandbox();
    apply(h, twoContainers('busybox'));
    h.run('sleep 40s');
    expect(h.run('kubectl logs pod-demo')).toMatchObject({ stdout: 'busybox is up\n', stderr: '' });
  });
});

describe('which pod', () => {
  const web = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      replicas: 3
      selector:
        matchLabels:
          app: web
      template:
        metadata:
          labels:
            app: web
        spec:
          containers:
          - name: side
            image: busybox:1.36
            command: ["sh", "-c", "while true; do echo tick; sleep 10; done"]
  `;

  it('deployment/NAME reads one of its pods and says which; -l reads them all (10 lines each by default)', () => {
    const h = sandbox();
    apply(h, web);
    h.run('sleep 30s');
    const r = h.run('kubectl logs deployment/web');
    expect(r.stderr).toMatch(/^Found 3 pods, using pod\/web-[a-z0-9]+-[a-z0-9]{5}\n$/);
    expect(r.stdout).toBe('tick\ntick\ntick\n');
    h.run('sleep 100s');
    const all = h.run('kubectl logs -l app=web --prefix');
    const lines = all.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(30);
    expect(new Set(lines.map((l) => l.split(' ')[0])).size).toBe(3);
    expect(lines.every((l) => /^\[pod\/web-[a-z0-9]+-[a-z0-9]{5}\/side\] tick$/.test(l))).toBe(true);
    expect(h.run('kubectl logs -f -l app=web --max-log-requests=2')).toMatchObject({
      status: 1,
      stderr: 'error: you are attempting to follow 3 log streams, but maximum allowed concurrency is 2, use --max-log-requests to increase the limit\n',
    });
  });

  it('a missing pod, a pod on no node, a missing argument and a selector with a name are errors', () => {
    const h = sandbox();
    apply(h, yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: nowhere
      spec:
        nodeSelector:
          disk: ssd
        containers:
        - name: c
          image: busybox:1.36
    `);
    h.run('sleep 5s');
    expect(h.run('kubectl logs nowhere')).toMatchObject({ status: 1, stderr: 'Error from server (BadRequest): pod nowhere does not have a host assigned\n' });
    expect(h.run('kubectl logs nope')).toMatchObject({ status: 1, stderr: 'Error from server (NotFound): pods "nope" not found\n' });
    expect(h.run('kubectl logs deployment/nope').stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(h.run('kubectl logs').stderr).toBe(
      "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
    );
    expect(h.run('kubectl logs web -l app=web').stderr).toBe("error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n");
  });
});

describe('snapshot', () => {
  it('a restored cluster keeps the logs and goes on writing them byte for byte', () => {
    const a = new Cluster({ seed: 7 });
    const session = new TerminalSession(a, { interactive: false });
    session.fs.writeFile('/root/p.yaml', busybox('loop', 'echo start; while true; do date; sleep 5; done'));
    session.fs.writeFile('/root/c.yaml', busybox('crash', 'date; exit 1'));
    const quiet = { stdin: '', stdout: () => {}, stderr: () => {} };
    driveToEnd(a, session.run('kubectl apply -f /root/p.yaml -f /root/c.yaml; sleep 30s', quiet));
    const b = Cluster.restore(JSON.parse(JSON.stringify(a.snapshot())));
    const script = 'kubectl logs loop --timestamps; kubectl logs crash -p; sleep 40s; kubectl logs loop --tail=3; kubectl logs crash; kubectl logs crash -p';
    const run = (c: Cluster) => {
      let out = '';
      driveToEnd(c, new TerminalSession(c, { interactive: false }).run(script, { stdin: '', stdout: (s) => void (out += s), stderr: (s) => void (out += s) }));
      return out;
    };
    const fromB = run(b);
    expect(fromB).toBe(run(a));
    expect(fromB).toContain(' start\n');
    expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(a.snapshot()));
  });

  it("a deleted pod's logs go with it", () => {
    const h = sandbox();
    apply(h, busybox('gone', 'echo bye; sleep 3600'));
    h.run('sleep 10s');
    const k = h.cluster.kubelets.get((pod(h, 'gone')!.spec as { nodeName: string }).nodeName)!;
    const uid = pod(h, 'gone')!.metadata.uid!;
    h.run('kubectl delete pod gone');
    expect(k.podRuns().some((r) => r.uid === uid)).toBe(false);
    expect(h.run('kubectl logs gone').stderr).toBe('Error from server (NotFound): pods "gone" not found\n');
  });
});
