// Jobs end to end: the notes' pi job, failures and their back-off, OnFailure restarts, deadlines,
// parallel and indexed jobs, suspend and resume, and the TTL after a job finished.

import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import type { KubeObject } from '../api/object.ts';
import { TerminalSession } from '../terminal/session.ts';
import { driveToEnd } from '../terminal/drive.ts';
import { formatRFC3339 } from '../util/time.ts';
import { objects, sandbox, yaml } from './harness.ts';

type H = ReturnType<typeof sandbox>;

// N16: the notes' pi job.
const pi = yaml`
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

function job(name: string, spec: string, command: string, restartPolicy = 'Never'): string {
  return yaml`
    apiVersion: batch/v1
    kind: Job
    metadata:
      name: ${name}
    spec:
      ${spec}
      template:
        spec:
          containers:
          - name: c
            image: busybox:1.36
            command: ["sh", "-c", "${command}"]
          restartPolicy: ${restartPolicy}
  `;
}

function apply(h: H, text: string): string {
  h.session.fs.writeFile('/root/job.yaml', text);
  const r = h.run('kubectl apply -f job.yaml');
  return r.stdout + r.stderr;
}

const jobPods = (h: H, name: string) =>
  objects(h, 'pods').filter((p) => p.metadata.labels?.['batch.kubernetes.io/job-name'] === name).sort((a, b) => (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? -1 : 1));
const jobObj = (h: H, name: string) => h.cluster.store.get('jobs.batch', 'default', name) as KubeObject & { status: Record<string, unknown> };
/** Seconds since the job was created, for each of the job's events: "12 SuccessfulCreate Created pod: x". */
function jobEvents(h: H, name: string): string[] {
  const created = Date.parse(jobObj(h, name).metadata.creationTimestamp!);
  return objects(h, 'events')
    .filter((e) => (e as unknown as { involvedObject: { kind: string; name: string } }).involvedObject.kind === 'Job' && (e as unknown as { involvedObject: { name: string } }).involvedObject.name === name)
    .map((e) => {
      const ev = e as unknown as { firstTimestamp: string; type: string; reason: string; message: string };
      return `${(Date.parse(ev.firstTimestamp) - created) / 1000} ${ev.type} ${ev.reason} ${ev.message}`;
    });
}

describe('the pi job (N16)', () => {
  it('runs one pod to Completed and the job to Complete 1/1', () => {
    const h = sandbox();
    expect(apply(h, pi)).toBe('job.batch/pi created\n');
    expect(h.run('kubectl get jobs').stdout).toBe('NAME   STATUS    COMPLETIONS   DURATION   AGE\npi     Running   0/1           0s         0s\n');
    const [p] = jobPods(h, 'pi');
    expect(p.metadata.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const uid = jobObj(h, 'pi').metadata.uid!;
    expect(p.metadata.labels).toEqual({ 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' });
    expect(p.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid, controller: true, blockOwnerDeletion: true }]);

    h.run('sleep 30s');
    const name = p.metadata.name!;
    expect(h.run('kubectl get pods').stdout).toBe(`NAME       READY   STATUS      RESTARTS   AGE\n${name}   0/1     Completed   0          30s\n`);
    const got = jobObj(h, 'pi');
    const done = got.status.completionTime as string;
    const took = (Date.parse(done) - Date.parse(got.status.startTime as string)) / 1000;
    expect(h.run('kubectl get jobs').stdout).toBe(`NAME   STATUS     COMPLETIONS   DURATION   AGE\npi     Complete   1/1           ${took}s        30s\n`);
    expect(got.status).toEqual({
      completionTime: done,
      conditions: [{ lastProbeTime: done, lastTransitionTime: done, status: 'True', type: 'Complete' }],
      ready: 0,
      startTime: got.metadata.creationTimestamp,
      succeeded: 1,
      terminating: 0,
      uncountedTerminatedPods: {},
    });
    // The pod was counted, so the controller let go of it.
    expect(jobPods(h, 'pi')[0].metadata.finalizers).toBeUndefined();
    expect(jobEvents(h, 'pi')).toEqual([`0 Normal SuccessfulCreate Created pod: ${name}`, `${took} Normal Completed Job completed`]);
    // The perl image is big: pulling it takes most of the time; bpi(2000) itself a few seconds.
    const cs = (jobPods(h, 'pi')[0].status as { containerStatuses: { state: { terminated: { exitCode: number; reason: string; startedAt: string; finishedAt: string } } }[] }).containerStatuses[0].state.terminated;
    expect(cs.exitCode).toBe(0);
    expect(cs.reason).toBe('Completed');
    expect((Date.parse(cs.finishedAt) - Date.parse(cs.startedAt)) / 1000).toBe(3);
  });

  it('rejects restartPolicy Always as the apiserver does', () => {
    const h = sandbox();
    expect(apply(h, pi.replace('restartPolicy: Never', 'restartPolicy: Always'))).toBe(
      'The Job "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"\n',
    );
  });
});

describe('failures', () => {
  it('replaces failed pods after 10 s, then 20 s, and fails the job past backoffLimit', () => {
    const h = sandbox();
    apply(h, job('fail', 'backoffLimit: 2', 'sleep 1; exit 1'));
    h.run('sleep 2m');
    const pods = jobPods(h, 'fail');
    expect(pods.length).toBe(3);
    const created = Date.parse(jobObj(h, 'fail').metadata.creationTimestamp!);
    const finished = pods.map((p) => Date.parse((p.status as { containerStatuses: { state: { terminated: { finishedAt: string } } }[] }).containerStatuses[0].state.terminated.finishedAt));
    const born = pods.map((p) => Date.parse(p.metadata.creationTimestamp!));
    // Each replacement waits out the back-off counted from when the previous pod finished.
    expect(born[1] - finished[0]).toBe(10_000);
    expect(born[2] - finished[1]).toBe(20_000);
    const ev = jobEvents(h, 'fail');
    const failedAt = (finished[2] - created) / 1000 + 1; // seen one batch period later
    expect(ev).toEqual([
      `0 Normal SuccessfulCreate Created pod: ${pods[0].metadata.name}`,
      `${(born[1] - created) / 1000} Normal SuccessfulCreate Created pod: ${pods[1].metadata.name}`,
      `${(born[2] - created) / 1000} Normal SuccessfulCreate Created pod: ${pods[2].metadata.name}`,
      `${failedAt} Warning BackoffLimitExceeded Job has reached the specified backoff limit`,
    ]);
    const st = jobObj(h, 'fail').status;
    expect(st.failed).toBe(3);
    expect(st.conditions).toEqual([
      expect.objectContaining({ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }),
    ]);
    expect(st.completionTime).toBeUndefined();
    expect(h.run('kubectl get jobs').stdout).toBe('NAME   STATUS   COMPLETIONS   DURATION   AGE\nfail   Failed   0/1           2m         2m\n');
    expect(h.run('kubectl get pods').stdout.split('\n').slice(1, -1).map((l) => l.split(/\s+/)[2])).toEqual(['Error', 'Error', 'Error']);
  });

  it('with OnFailure counts container restarts against backoffLimit and deletes the pod', () => {
    const h = sandbox();
    apply(h, job('onfail', 'backoffLimit: 3', 'exit 2', 'OnFailure'));
    const [p] = jobPods(h, 'onfail');
    h.run('sleep 2m');
    expect(jobPods(h, 'onfail')).toEqual([]);
    const ev = jobEvents(h, 'onfail');
    expect(ev.length).toBe(3);
    expect(ev[0]).toBe(`0 Normal SuccessfulCreate Created pod: ${p.metadata.name}`);
    expect(ev[1]).toMatch(new RegExp(`^\\d+ Normal SuccessfulDelete Deleted pod: ${p.metadata.name}$`));
    expect(ev[2]).toMatch(/^\d+ Warning BackoffLimitExceeded Job has reached the specified backoff limit$/);
    // Restarts after 0 s, 10 s and 20 s of kubelet back-off: the third restart is some 30 s in.
    const at = Number(ev[2].split(' ')[0]);
    expect(at).toBeGreaterThanOrEqual(30);
    expect(at).toBeLessThan(40);
    expect(jobObj(h, 'onfail').status.failed).toBe(1);
  });

  it('fails a job running longer than activeDeadlineSeconds with DeadlineExceeded', () => {
    const h = sandbox();
    apply(h, job('slow', 'activeDeadlineSeconds: 30', 'sleep 3600'));
    const [p] = jobPods(h, 'slow');
    h.run('sleep 29s');
    expect(jobObj(h, 'slow').status.active).toBe(1);
    expect(jobObj(h, 'slow').status.ready).toBe(1);
    h.run('sleep 1s');
    expect(jobEvents(h, 'slow')).toEqual([
      `0 Normal SuccessfulCreate Created pod: ${p.metadata.name}`,
      `30 Normal SuccessfulDelete Deleted pod: ${p.metadata.name}`,
      '30 Warning DeadlineExceeded Job was active longer than specified deadline',
    ]);
    const st = jobObj(h, 'slow').status;
    expect(st.conditions).toEqual([expect.objectContaining({ type: 'Failed', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' })]);
    expect(st.failed).toBe(1);
    expect(st.active).toBeUndefined();
    h.run('sleep 5s');
    expect(jobPods(h, 'slow')).toEqual([]);
    expect(h.run('kubectl get job slow').stdout).toBe('NAME   STATUS   COMPLETIONS   DURATION   AGE\nslow   Failed   0/1           35s        35s\n');
  });
});

describe('completions and parallelism', () => {
  it('runs at most parallelism pods until completions pods succeeded', () => {
    const h = sandbox();
    apply(h, job('batch', 'completions: 5\n      parallelism: 2', 'echo hello; sleep 5'));
    expect(jobPods(h, 'batch').length).toBe(2);
    expect(h.run('kubectl get job batch').stdout).toBe('NAME    STATUS    COMPLETIONS   DURATION   AGE\nbatch   Running   0/5           0s         0s\n');
    let most = 0;
    for (let i = 0; i < 60; i++) {
      h.run('sleep 1s');
      const running = jobPods(h, 'batch').filter((p) => !['Succeeded', 'Failed'].includes((p.status as { phase?: string } | undefined)?.phase ?? '')).length;
      most = Math.max(most, running);
    }
    expect(most).toBe(2);
    expect(jobPods(h, 'batch').length).toBe(5);
    expect(jobObj(h, 'batch').status.succeeded).toBe(5);
    expect(h.run('kubectl get job batch').stdout).toMatch(/^NAME {4}STATUS {5}COMPLETIONS {3}DURATION {3}AGE\nbatch {3}Complete {3}5\/5 {11}\d+s {8}60s\n$/);
  });

  it('as a work queue (parallelism, no completions) completes when all its pods are done', () => {
    const h = sandbox();
    apply(h, job('queue', 'parallelism: 3', 'sleep 5'));
    expect(jobObj(h, 'queue').spec).toMatchObject({ parallelism: 3 });
    expect((jobObj(h, 'queue').spec as { completions?: number }).completions).toBeUndefined();
    expect(jobPods(h, 'queue').length).toBe(3);
    expect(h.run('kubectl get job queue').stdout).toBe('NAME    STATUS    COMPLETIONS   DURATION   AGE\nqueue   Running   0/1 of 3      0s         0s\n');
    h.run('sleep 30s');
    expect(jobPods(h, 'queue').length).toBe(3);
    expect(jobObj(h, 'queue').status.succeeded).toBe(3);
    expect(h.run('kubectl get job queue').stdout).toMatch(/^queue {3}Complete {3}3\/1 of 3 {6}/m);
  });

  it('Indexed: one pod per completion index, with its annotation, label, hostname and JOB_COMPLETION_INDEX', () => {
    const h = sandbox();
    apply(h, job('idx', 'completions: 3\n      parallelism: 3\n      completionMode: Indexed', 'sleep 2'));
    const pods = jobPods(h, 'idx').sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    expect(pods.map((p) => p.metadata.name!.replace(/-[^-]{5}$/, ''))).toEqual(['idx-0', 'idx-1', 'idx-2']);
    pods.forEach((p, i) => {
      expect(p.metadata.annotations?.['batch.kubernetes.io/job-completion-index']).toBe(String(i));
      expect(p.metadata.labels?.['batch.kubernetes.io/job-completion-index']).toBe(String(i));
      const spec = p.spec as { hostname: string; containers: { env: unknown[] }[] };
      expect(spec.hostname).toBe(`idx-${i}`);
      expect(spec.containers[0].env).toEqual([
        { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } },
      ]);
    });
    h.run('sleep 30s');
    const st = jobObj(h, 'idx').status;
    expect(st.completedIndexes).toBe('0-2');
    expect(st.succeeded).toBe(3);
    expect(h.run('kubectl get job idx').stdout).toMatch(/^idx {4}Complete {3}3\/3 /m);
  });
});

describe('suspend', () => {
  it('a suspended job runs nothing; resumed, it starts; suspended again, its pods are deleted', () => {
    const h = sandbox();
    const text = job('sus', 'suspend: true', 'sleep 600');
    apply(h, text);
    h.run('sleep 5s');
    expect(jobPods(h, 'sus')).toEqual([]);
    expect(jobObj(h, 'sus').status.conditions).toEqual([expect.objectContaining({ type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended' })]);
    expect(jobObj(h, 'sus').status.startTime).toBeUndefined();
    expect(h.run('kubectl get job sus').stdout).toBe('NAME   STATUS      COMPLETIONS   DURATION   AGE\nsus    Suspended   0/1                      5s\n');

    apply(h, text.replace('suspend: true', 'suspend: false'));
    expect(jobPods(h, 'sus').length).toBe(1);
    const st = jobObj(h, 'sus').status;
    expect(st.conditions).toEqual([expect.objectContaining({ type: 'Suspended', status: 'False', reason: 'JobResumed', message: 'Job resumed' })]);
    expect(st.startTime).toBe(formatRFC3339(h.cluster.now()));
    h.run('sleep 10s');
    const [p] = jobPods(h, 'sus');
    apply(h, text);
    h.run('sleep 5s');
    expect(jobPods(h, 'sus')).toEqual([]);
    expect(jobEvents(h, 'sus').map((e) => e.replace(/^\d+ /, ''))).toEqual([
      // Suspended twice: the second time folds into the first event (count 2).
      'Normal Suspended Job suspended',
      // Pods are created in the sync that resumes the job, before its condition is written.
      `Normal SuccessfulCreate Created pod: ${p.metadata.name}`,
      'Normal Resumed Job resumed',
      `Normal SuccessfulDelete Deleted pod: ${p.metadata.name}`,
    ]);
    expect(jobObj(h, 'sus').status.conditions).toEqual([expect.objectContaining({ type: 'Suspended', status: 'True', reason: 'JobSuspended' })]);
  });
});

describe('ttlSecondsAfterFinished', () => {
  it('deletes the finished job and its pods that many seconds after it finished', () => {
    const h = sandbox();
    apply(h, job('short', 'ttlSecondsAfterFinished: 20', 'sleep 1'));
    h.run('sleep 10s');
    const done = Date.parse(jobObj(h, 'short').status.completionTime as string);
    expect(jobPods(h, 'short').length).toBe(1);
    const untilGone = done + 20_000 - h.cluster.now();
    h.run(`sleep ${untilGone / 1000 - 1}s`);
    expect(jobObj(h, 'short')).toBeDefined();
    h.run('sleep 1s');
    expect(jobObj(h, 'short')).toBeUndefined();
    h.run('sleep 5s');
    expect(jobPods(h, 'short')).toEqual([]);
    expect(h.run('kubectl get jobs').stderr).toBe('No resources found in default namespace.\n');
  });
});

function runIn(cluster: Cluster, script: string): string {
  const session = new TerminalSession(cluster, { interactive: false });
  let out = '';
  driveToEnd(cluster, session.run(script, { stdin: '', stdout: (s) => void (out += s), stderr: (s) => void (out += s) }));
  return out;
}

describe('snapshot', () => {
  it('a cluster saved while a job waits out its back-off goes on exactly as the original', () => {
    const a = new Cluster({ seed: 7 });
    const session = new TerminalSession(a, { interactive: false });
    session.fs.writeFile('/root/job.yaml', job('fail', 'backoffLimit: 3', 'sleep 1; exit 1'));
    driveToEnd(a, session.run('kubectl apply -f /root/job.yaml; sleep 20s', { stdin: '', stdout: () => {}, stderr: () => {} }));
    // Two pods failed; the third waits out a 20 s back-off.
    expect((a.store.get('jobs.batch', 'default', 'fail')!.status as { failed?: number }).failed).toBe(2);
    const b = Cluster.restore(JSON.parse(JSON.stringify(a.snapshot())));
    const script = 'sleep 3m; kubectl get jobs; kubectl get pods; kubectl get events';
    expect(runIn(b, script)).toBe(runIn(a, script));
    expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(a.snapshot()));
  });
});

describe('kubectl create job and describe job', () => {
  it('prints the generator output as kubectl create job --dry-run=client -o yaml does', () => {
    const h = sandbox();
    expect(h.run('kubectl create job test --image=busybox --dry-run=client -o yaml -- date').stdout).toBe(yaml`
      apiVersion: batch/v1
      kind: Job
      metadata:
        creationTimestamp: null
        name: test
      spec:
        template:
          metadata:
            creationTimestamp: null
          spec:
            containers:
            - command:
              - date
              image: busybox
              name: test
              resources: {}
            restartPolicy: Never
      status: {}
    `);
    expect(h.run('kubectl create job x').stderr).toBe('error: either --image or --from must be specified\n');
    expect(h.run('kubectl create job x --image=busybox --from=cronjob/y').stderr).toBe('error: either --image or --from must be specified\n');
    expect(h.run('kubectl create job x --from=cronjob/nope').stderr).toBe('Error from server (NotFound): cronjobs.batch "nope" not found\n');
  });

  it('creates a job that runs, and describes it with kubectl\'s layout', () => {
    const h = sandbox();
    expect(h.run('kubectl create job hello --image=busybox:1.36 -- sh -c "echo hello; sleep 5"').stdout).toBe('job.batch/hello created\n');
    h.run('sleep 20s');
    const j = jobObj(h, 'hello');
    const uid = j.metadata.uid!;
    const [p] = jobPods(h, 'hello');
    const done = Date.parse(j.status.completionTime as string);
    const took = (done - Date.parse(j.status.startTime as string)) / 1000;
    const ago = Math.floor((h.cluster.now() - done) / 1000);
    const rfc = (t: number) => new Date(t).toUTCString().replace('GMT', '+0000');
    expect(h.run('kubectl describe job hello').stdout).toBe(
      [
        'Name:             hello',
        'Namespace:        default',
        `Selector:         batch.kubernetes.io/controller-uid=${uid}`,
        `Labels:           batch.kubernetes.io/controller-uid=${uid}`,
        '                  batch.kubernetes.io/job-name=hello',
        `                  controller-uid=${uid}`,
        '                  job-name=hello',
        'Annotations:      <none>',
        'Parallelism:      1',
        'Completions:      1',
        'Completion Mode:  NonIndexed',
        'Suspend:          false',
        'Backoff Limit:    6',
        `Start Time:       ${rfc(Date.parse(j.status.startTime as string))}`,
        `Completed At:     ${rfc(done)}`,
        `Duration:         ${took}s`,
        'Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed',
        'Pod Template:',
        `  Labels:  batch.kubernetes.io/controller-uid=${uid}`,
        '           batch.kubernetes.io/job-name=hello',
        `           controller-uid=${uid}`,
        '           job-name=hello',
        '  Containers:',
        '   hello:',
        '    Image:      busybox:1.36',
        '    Port:       <none>',
        '    Host Port:  <none>',
        '    Command:',
        '      sh',
        '      -c',
        '      echo hello; sleep 5',
        '    Environment:   <none>',
        '    Mounts:        <none>',
        '  Volumes:         <none>',
        '  Node-Selectors:  <none>',
        '  Tolerations:     <none>',
        'Events:',
        '  Type    Reason            Age   From            Message',
        '  ----    ------            ----  ----            -------',
        `  Normal  SuccessfulCreate  20s   job-controller  Created pod: ${p.metadata.name}`,
        `  Normal  Completed         ${ago}s   job-controller  Job completed`,
        '',
      ].join('\n'),
    );
  });

  it('describes an Indexed job with its completed indexes', () => {
    const h = sandbox();
    apply(h, job('idx', 'completions: 3\n      parallelism: 3\n      completionMode: Indexed', 'sleep 1'));
    h.run('sleep 30s');
    const out = h.run('kubectl describe job idx').stdout;
    expect(out).toMatch(/\nCompletion Mode: +Indexed\n/);
    expect(out).toMatch(/\nPods Statuses: +0 Active \(0 Ready\) \/ 3 Succeeded \/ 0 Failed\nCompleted Indexes: +0-2\nPod Template:\n/);
  });
});

describe('deleting a job', () => {
  it('takes its pods with it, though they carry the tracking finalizer', () => {
    const h = sandbox();
    apply(h, job('long', 'parallelism: 2', 'sleep 600'));
    h.run('sleep 10s');
    expect(jobPods(h, 'long').length).toBe(2);
    expect(h.run('kubectl delete job long').stdout).toBe('job.batch "long" deleted\n');
    h.run('sleep 5s');
    expect(jobPods(h, 'long')).toEqual([]);
  });

  it('with --cascade=orphan leaves the pods running, released from the finalizer', () => {
    const h = sandbox();
    apply(h, job('long', '', 'sleep 600'));
    h.run('sleep 10s');
    h.run('kubectl delete job long --cascade=orphan');
    h.run('sleep 5s');
    const [p] = jobPods(h, 'long');
    expect(p.metadata.ownerReferences).toBeUndefined();
    expect(p.metadata.finalizers).toBeUndefined();
    expect((p.status as { phase: string }).phase).toBe('Running');
    h.run(`kubectl delete pod ${p.metadata.name}`);
    expect(jobPods(h, 'long')).toEqual([]);
  });
});

describe('podFailurePolicy', () => {
  const withPolicy = (name: string, rules: string, command: string, backoffLimit = 6) =>
    job(name, `backoffLimit: ${backoffLimit}\n      podFailurePolicy:\n        rules:\n${rules}`, command);

  it('FailJob on an exit code fails the job at once, through the FailureTarget condition', () => {
    const h = sandbox();
    apply(h, withPolicy('fj', '        - action: FailJob\n          onExitCodes:\n            operator: In\n            values: [42]', 'sleep 1; exit 42'));
    h.run('sleep 20s');
    const [p] = jobPods(h, 'fj');
    const message = `Container c for pod default/${p.metadata.name} failed with exit code 42 matching FailJob rule at index 0`;
    expect(jobObj(h, 'fj').status.conditions).toEqual([
      expect.objectContaining({ type: 'FailureTarget', status: 'True', reason: 'PodFailurePolicy', message }),
      expect.objectContaining({ type: 'Failed', status: 'True', reason: 'PodFailurePolicy', message }),
    ]);
    expect(jobObj(h, 'fj').status.failed).toBe(1);
    expect(jobPods(h, 'fj').length).toBe(1);
    expect(jobEvents(h, 'fj').map((e) => e.replace(/^\d+ /, ''))).toEqual([`Normal SuccessfulCreate Created pod: ${p.metadata.name}`, `Warning PodFailurePolicy ${message}`]);
    expect(h.run('kubectl get job fj').stdout).toMatch(/^fj {5}Failed {3}0\/1 /m);
  });

  it('Ignore lets a failure go uncounted: the pod is replaced without back-off and backoffLimit is not reached', () => {
    const h = sandbox();
    apply(h, withPolicy('ig', '        - action: Ignore\n          onExitCodes:\n            operator: In\n            values: [3]', 'sleep 2; exit 3', 0));
    h.run('sleep 30s');
    const pods = jobPods(h, 'ig');
    expect(pods.length).toBeGreaterThanOrEqual(4);
    const st = jobObj(h, 'ig').status;
    expect(st.failed).toBeUndefined();
    expect(st.conditions).toBeUndefined();
    expect(st.active).toBe(1);
  });
});

describe('backoffLimitPerIndex', () => {
  it('retries each index after its own back-off, gives it up past the limit, and fails with FailedIndexes', () => {
    const h = sandbox();
    apply(h, job('per', 'completions: 2\n      parallelism: 2\n      completionMode: Indexed\n      backoffLimitPerIndex: 1', 'sleep 1; exit 1'));
    expect(jobObj(h, 'per').spec).toMatchObject({ backoffLimit: 2147483647, backoffLimitPerIndex: 1 });
    h.run('sleep 60s');
    const pods = jobPods(h, 'per');
    // Two tries per index: the first with no failures behind it, the retry with one.
    const byIndex = (i: number) => pods.filter((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'] === String(i));
    for (const i of [0, 1]) {
      const tries = byIndex(i);
      expect(tries.map((p) => p.metadata.annotations?.['batch.kubernetes.io/job-index-failure-count'])).toEqual(['0', '1']);
      const finished = Date.parse((tries[0].status as { containerStatuses: { state: { terminated: { finishedAt: string } } }[] }).containerStatuses[0].state.terminated.finishedAt);
      expect(Date.parse(tries[1].metadata.creationTimestamp!) - finished).toBe(10_000);
    }
    const st = jobObj(h, 'per').status;
    expect(st.failedIndexes).toBe('0,1');
    expect(st.failed).toBe(4);
    expect(st.conditions).toEqual([expect.objectContaining({ type: 'Failed', reason: 'FailedIndexes', message: 'Job has failed indexes' })]);
  });

  it('fails at once when more indexes failed than maxFailedIndexes', () => {
    const h = sandbox();
    apply(h, job('maxf', 'completions: 3\n      parallelism: 1\n      completionMode: Indexed\n      backoffLimitPerIndex: 0\n      maxFailedIndexes: 0', 'sleep 1; exit 1'));
    h.run('sleep 30s');
    const st = jobObj(h, 'maxf').status;
    expect(st.failedIndexes).toBe('0');
    expect(st.conditions).toEqual([
      expect.objectContaining({ type: 'Failed', reason: 'MaxFailedIndexesExceeded', message: 'Job has exceeded the specified maximal number of failed indexes' }),
    ]);
    expect(jobPods(h, 'maxf').length).toBe(1);
  });
});
