// CronJobs end to end: the notes' hello cronjob every minute, history limits, concurrency
// policies, suspend, missed schedules and time zones.

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/object.ts';
import { Cluster } from '../cluster.ts';
import { driveToEnd } from '../terminal/drive.ts';
import { TerminalSession } from '../terminal/session.ts';
import { objects, sandbox, yaml } from './harness.ts';

type H = ReturnType<typeof sandbox>;

// N17, with batch/v1 (the notes' batch/v1beta1 is gone since 1.25).
const hello = yaml`
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
`;

function cronjob(name: string, extra: string, command: string, jobSpec = ''): string {
  return yaml`
    apiVersion: batch/v1
    kind: CronJob
    metadata:
      name: ${name}
    spec:
      schedule: "*/1 * * * *"
      ${extra}
      jobTemplate:
        spec:
          ${jobSpec || 'backoffLimit: 6'}
          template:
            spec:
              containers:
              - name: c
                image: busybox:1.36
                command: ["sh", "-c", "${command}"]
              restartPolicy: Never
  `;
}

function apply(h: H, text: string): string {
  h.session.fs.writeFile('/root/cj.yaml', text);
  const r = h.run('kubectl apply -f cj.yaml');
  return r.stdout + r.stderr;
}

/** The minute (since the epoch) of a simulated instant: the suffix of the job scheduled then. */
const minute = (t: number) => Math.floor(t / 60_000);
const jobNames = (h: H) => objects(h, 'jobs.batch').map((j) => j.metadata.name!).sort();
const cron = (h: H, name: string) => h.cluster.store.get('cronjobs.batch', 'default', name) as KubeObject & { status?: Record<string, unknown> };
function cronEvents(h: H, name: string): string[] {
  return objects(h, 'events')
    .filter((e) => {
      const o = (e as unknown as { involvedObject: { kind: string; name: string } }).involvedObject;
      return o.kind === 'CronJob' && o.name === name;
    })
    .sort((a, b) => ((a as unknown as { firstTimestamp: string }).firstTimestamp < (b as unknown as { firstTimestamp: string }).firstTimestamp ? -1 : 1))
    .map((e) => {
      const ev = e as unknown as { type: string; reason: string; message: string; count: number };
      return `${ev.type} ${ev.reason} ${ev.message}${ev.count > 1 ? ` (x${ev.count})` : ''}`;
    });
}

describe('the hello cronjob (N17)', () => {
  it('rejects batch/v1beta1 as Kubernetes 1.30 does', () => {
    const h = sandbox();
    expect(apply(h, hello.replace('batch/v1', 'batch/v1beta1'))).toBe(
      'error: resource mapping not found for name: "hello" namespace: "" from "cj.yaml": no matches for kind "CronJob" in version "batch/v1beta1"\nensure CRDs are installed first\n' +
        'hint: batch/v1beta1 CronJob was removed in Kubernetes 1.25; use "apiVersion: batch/v1" instead (check the manifest against `kubectl explain cronjob`, newer versions may require fields such as spec.selector)\n',
    );
  });

  it('starts a job every minute named by the scheduled minute and keeps the last 3 that succeeded', () => {
    const h = sandbox();
    const t0 = h.cluster.now();
    expect(apply(h, hello)).toBe('cronjob.batch/hello created\n');
    expect(h.run('kubectl get cronjobs').stdout).toBe(
      'NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nhello   */1 * * * *   <none>     False     0        <none>          0s\n',
    );
    const first = (minute(t0) + 1) * 60_000;
    h.run('sleep 60s');
    // Just after the minute: the job was created (100 ms after the schedule time) and is running.
    h.run('sleep 1s');
    const name = `hello-${minute(first)}`;
    expect(name).toBe('hello-29147526');
    expect(jobNames(h)).toEqual([name]);
    const job = h.cluster.store.get('jobs.batch', 'default', name)!;
    expect(job.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2025-06-02T08:06:00Z');
    expect(job.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: cron(h, 'hello').metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(cron(h, 'hello').status?.lastScheduleTime).toBe('2025-06-02T08:06:00Z');

    h.run('sleep 5m');
    // 08:11:01: six ran; the newest is still running, so three older successes are kept beside it.
    expect(jobNames(h)).toEqual(['hello-29147528', 'hello-29147529', 'hello-29147530', 'hello-29147531']);
    h.run('sleep 5s');
    // Once it succeeded, the oldest of four goes.
    expect(jobNames(h)).toEqual(['hello-29147529', 'hello-29147530', 'hello-29147531']);
    expect(h.run('kubectl get cronjobs').stdout).toBe(
      'NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nhello   */1 * * * *   <none>     False     0        6s              6m6s\n',
    );
    const st = cron(h, 'hello').status!;
    expect(st.lastScheduleTime).toBe('2025-06-02T08:11:00Z');
    expect(st.lastSuccessfulTime).toBe((h.cluster.store.get('jobs.batch', 'default', 'hello-29147531')!.status as { completionTime: string }).completionTime);
    expect(st.active).toBeUndefined();
    // The deleted jobs' pods went with them.
    const pods = h.run('kubectl get pods --no-headers').stdout.split('\n').filter(Boolean).map((l) => l.split(/\s+/).slice(0, 3));
    expect(pods.map(([n, ready, status]) => [n.replace(/-[^-]{5}$/, ''), ready, status])).toEqual([
      ['hello-29147529', '0/1', 'Completed'],
      ['hello-29147530', '0/1', 'Completed'],
      ['hello-29147531', '0/1', 'Completed'],
    ]);
    const ev = cronEvents(h, 'hello');
    expect(ev.slice(0, 2)).toEqual(['Normal SuccessfulCreate Created job hello-29147526', 'Normal SawCompletedJob Saw completed job: hello-29147526, status: Complete']);
    expect(ev).toContain('Normal SuccessfulDelete Deleted job hello-29147526');
    expect(ev.filter((e) => e.includes('SuccessfulCreate')).length).toBe(6);
    expect(ev.filter((e) => e.includes('SuccessfulDelete')).length).toBe(3);
  });

  it('suspended, it starts nothing; resumed, it catches up with the most recent missed schedule', () => {
    const h = sandbox();
    const text = cronjob('sus', 'suspend: true', 'sleep 1');
    apply(h, text);
    h.run('sleep 150s');
    expect(jobNames(h)).toEqual([]);
    expect(h.run('kubectl get cronjob sus').stdout).toMatch(/^sus {4}\*\/1 \* \* \* \* {3}<none> {5}True {6}0 {8}<none> /m);
    apply(h, text.replace('suspend: true', 'suspend: false'));
    // 08:07:30: the 08:06 and 08:07 runs were missed; only the most recent one starts, now.
    expect(jobNames(h)).toEqual([`sus-${minute(Date.parse('2025-06-02T08:07:00Z'))}`]);
  });

  it('with startingDeadlineSeconds, a schedule missed by more than that is not run late', () => {
    const h = sandbox();
    const text = cronjob('late', 'suspend: true\n      startingDeadlineSeconds: 10', 'sleep 1');
    apply(h, text);
    h.run('sleep 150s');
    apply(h, text.replace('suspend: true', 'suspend: false'));
    expect(jobNames(h)).toEqual([]);
    h.run('sleep 30s');
    expect(jobNames(h)).toEqual([`late-${minute(Date.parse('2025-06-02T08:08:00Z'))}`]);
  });

  it('warns of too many missed start times after more than 100 missed schedules', () => {
    const h = sandbox();
    const text = cronjob('idle', 'suspend: true', 'sleep 1');
    apply(h, text);
    h.run('sleep 102m');
    apply(h, text.replace('suspend: true', 'suspend: false'));
    expect(cronEvents(h, 'idle')).toEqual([
      'Warning TooManyMissedTimes too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
      `Normal SuccessfulCreate Created job idle-${minute(h.cluster.now())}`,
    ]);
  });
});

describe('concurrencyPolicy', () => {
  it('Allow (the default) lets runs overlap', () => {
    const h = sandbox();
    apply(h, cronjob('allow', '', 'sleep 150'));
    h.run('sleep 3m5s');
    expect(jobNames(h).length).toBe(3);
    // 08:08:05: the 08:06 run sleeps until about 08:08:32, so three run side by side.
    expect((cron(h, 'allow').status?.active as unknown[]).length).toBe(3);
    expect(h.run('kubectl get cronjob allow').stdout).toMatch(/^allow {3}\*\/1 \* \* \* \* {3}<none> {5}False {5}3 {8}5s /m);
  });

  it('Forbid skips a run while the previous one is still running', () => {
    const h = sandbox();
    apply(h, cronjob('forbid', 'concurrencyPolicy: Forbid', 'sleep 100'));
    h.run('sleep 2m50s');
    // 08:06 runs until about 08:07:43, so 08:07 is not started on time; with no
    // startingDeadlineSeconds it starts late, as soon as the first one finished.
    expect(jobNames(h)).toEqual(['forbid-29147526', 'forbid-29147527']);
    // Every sync while the first runs says so again (the job's own updates wake the cronjob).
    expect(cronEvents(h, 'forbid').map((e) => e.replace(/ \(x\d+\)$/, ''))).toEqual([
      'Normal SuccessfulCreate Created job forbid-29147526',
      'Normal JobAlreadyActive Not starting job because prior execution is running and concurrency policy is Forbid',
      'Normal SawCompletedJob Saw completed job: forbid-29147526, status: Complete',
      'Normal SuccessfulCreate Created job forbid-29147527',
    ]);
    const late = Date.parse(h.cluster.store.get('jobs.batch', 'default', 'forbid-29147527')!.metadata.creationTimestamp!);
    const done = Date.parse((h.cluster.store.get('jobs.batch', 'default', 'forbid-29147526')!.status as { completionTime: string }).completionTime);
    expect(late).toBe(done);
    expect(h.cluster.store.get('jobs.batch', 'default', 'forbid-29147527')!.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2025-06-02T08:07:00Z');
  });

  it('Replace deletes the running job and starts the new one', () => {
    const h = sandbox();
    apply(h, cronjob('replace', 'concurrencyPolicy: Replace', 'sleep 100'));
    h.run('sleep 2m5s');
    expect(cronEvents(h, 'replace')).toEqual([
      'Normal SuccessfulCreate Created job replace-29147526',
      'Normal SuccessfulDelete Deleted job replace-29147526',
      'Normal SuccessfulCreate Created job replace-29147527',
    ]);
    h.run('sleep 30s');
    expect(jobNames(h)).toEqual(['replace-29147527']);
    expect(objects(h, 'pods', 'default').every((p) => p.metadata.name!.startsWith('replace-29147527-'))).toBe(true);
  });
});

describe('history limits and time zones', () => {
  it('keeps one failed job (failedJobsHistoryLimit 1)', () => {
    const h = sandbox();
    apply(h, cronjob('bad', '', 'exit 1', 'backoffLimit: 0'));
    h.run('sleep 3m30s');
    expect(jobNames(h)).toEqual(['bad-29147528']);
    const ev = cronEvents(h, 'bad');
    expect(ev).toContain('Normal SawCompletedJob Saw completed job: bad-29147526, status: Failed');
    expect(ev).toContain('Normal SuccessfulDelete Deleted job bad-29147527');
    expect(cron(h, 'bad').status?.lastSuccessfulTime).toBeUndefined();
  });

  it('reads the schedule in spec.timeZone and stamps the job with that zone', () => {
    const h = sandbox();
    // 16:06 in Shanghai is 08:06 UTC.
    apply(h, cronjob('sh', 'timeZone: Asia/Shanghai', 'sleep 1').replace('"*/1 * * * *"', '"6 16 * * *"'));
    h.run('sleep 61s');
    expect(jobNames(h)).toEqual(['sh-29147526']);
    const job = h.cluster.store.get('jobs.batch', 'default', 'sh-29147526')!;
    expect(job.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2025-06-02T16:06:00+08:00');
    expect(h.run('kubectl get cronjob sh').stdout).toBe(
      'NAME   SCHEDULE     TIMEZONE        SUSPEND   ACTIVE   LAST SCHEDULE   AGE\nsh     6 16 * * *   Asia/Shanghai   False     1        1s              61s\n',
    );
  });
});

describe('kubectl create cronjob, create job --from and describe cronjob', () => {
  it('prints the generator output as kubectl create cronjob --dry-run=client -o yaml does', () => {
    const h = sandbox();
    expect(h.run('kubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *" --dry-run=client -o yaml').stdout).toBe(yaml`
      apiVersion: batch/v1
      kind: CronJob
      metadata:
        creationTimestamp: null
        name: my-job
      spec:
        jobTemplate:
          metadata:
            creationTimestamp: null
            name: my-job
          spec:
            template:
              metadata:
                creationTimestamp: null
              spec:
                containers:
                - image: busybox
                  name: my-job
                  resources: {}
                restartPolicy: OnFailure
        schedule: '*/1 * * * *'
      status: {}
    `);
    expect(h.run('kubectl create cronjob x --image=busybox').stderr).toBe('error: required flag(s) "schedule" not set\n');
  });

  it('creates a cronjob that runs, a job by hand from it, and describes the cronjob', () => {
    const h = sandbox();
    expect(h.run('kubectl create cronjob hello --image=busybox --schedule="*/1 * * * *" --restart=Never -- sh -c "date; echo Hello"').stdout).toBe('cronjob.batch/hello created\n');
    const uid = cron(h, 'hello').metadata.uid!;
    expect(h.run('kubectl create job manual --from=cronjob/hello').stdout).toBe('job.batch/manual created\n');
    const manual = h.cluster.store.get('jobs.batch', 'default', 'manual')!;
    expect(manual.metadata.annotations).toEqual({ 'cronjob.kubernetes.io/instantiate': 'manual' });
    expect(manual.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', controller: true, kind: 'CronJob', name: 'hello', uid }]);
    h.run('sleep 61s');
    expect(jobNames(h)).toEqual(['hello-29147526', 'manual']);
    expect(h.run('kubectl describe cronjob hello').stdout).toBe(
      [
        'Name:                          hello',
        'Namespace:                     default',
        'Labels:                        <none>',
        'Annotations:                   <none>',
        'Schedule:                      */1 * * * *',
        'Concurrency Policy:            Allow',
        'Suspend:                       False',
        'Successful Job History Limit:  3',
        'Failed Job History Limit:      1',
        'Starting Deadline Seconds:     <unset>',
        'Selector:                      <unset>',
        'Parallelism:                   <unset>',
        'Completions:                   <unset>',
        'Pod Template:',
        '  Labels:  <none>',
        '  Containers:',
        '   hello:',
        '    Image:      busybox',
        '    Port:       <none>',
        '    Host Port:  <none>',
        '    Command:',
        '      sh',
        '      -c',
        '      date; echo Hello',
        '    Environment:     <none>',
        '    Mounts:          <none>',
        '  Volumes:           <none>',
        '  Node-Selectors:    <none>',
        '  Tolerations:       <none>',
        'Last Schedule Time:  Mon, 02 Jun 2025 08:06:00 +0000',
        'Active Jobs:         hello-29147526',
        'Events:',
        '  Type     Reason            Age   From                Message',
        '  ----     ------            ----  ----                -------',
        // A job made by hand from the cronjob is its own, but not one it started: it says so.
        '  Warning  UnexpectedJob     61s   cronjob-controller  Saw a job that the controller did not create or forgot: manual',
        '  Normal   SuccessfulCreate  1s    cronjob-controller  Created job hello-29147526',
        '',
      ].join('\n'),
    );
  });
});

describe('snapshot', () => {
  it('a cluster saved between two runs of a cronjob goes on exactly as the original', () => {
    const a = new Cluster({ seed: 11 });
    const session = new TerminalSession(a, { interactive: false });
    session.fs.writeFile('/root/cj.yaml', hello);
    driveToEnd(a, session.run('kubectl apply -f /root/cj.yaml; sleep 90s', { stdin: '', stdout: () => {}, stderr: () => {} }));
    const b = Cluster.restore(JSON.parse(JSON.stringify(a.snapshot())));
    const script = 'sleep 4m; kubectl get cronjobs; kubectl get jobs; kubectl get pods; kubectl get events';
    const run = (c: Cluster) => {
      let out = '';
      driveToEnd(c, new TerminalSession(c, { interactive: false }).run(script, { stdin: '', stdout: (s) => void (out += s), stderr: (s) => void (out += s) }));
      return out;
    };
    const fromB = run(b);
    expect(fromB).toBe(run(a));
    expect(fromB).toContain('hello-29147530');
    expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(a.snapshot()));
  });
});
