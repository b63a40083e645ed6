import { describe, expect, it } from 'vitest';
import { clone, type KubeObject } from '../object.ts';
import { defaultPodTemplateSpec } from './pod.ts';
import {
  defaultCronJob,
  defaultDaemonSet,
  defaultDeployment,
  defaultJob,
  defaultReplicaSet,
  defaultStatefulSet,
  prepareJobForCreate,
  workloadDefaulters,
} from './workloads.ts';

/** The pod template as the pod defaulting (another module) leaves it. */
function podDefaulted<T>(template: T): T {
  const t = clone(template);
  defaultPodTemplateSpec(t as Parameters<typeof defaultPodTemplateSpec>[0]);
  return t;
}

function obj(o: Record<string, unknown>): KubeObject {
  return o as unknown as KubeObject;
}

// The notes' manifests, moved to their current API versions.
const nginxTemplate = {
  metadata: { labels: { app: 'nginx' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.7.9', ports: [{ containerPort: 80 }] }] },
};
const frontendTemplate = {
  metadata: { labels: { tier: 'frontend' } },
  spec: {
    containers: [
      { name: 'myapp', image: 'hub.harry.com/library/myapp:v1', env: [{ name: 'GET_HOSTS_FROM', value: 'dns' }], ports: [{ containerPort: 80 }] },
    ],
  },
};
const daemonTemplate = {
  metadata: { labels: { name: 'deamonset-example' } },
  spec: { containers: [{ name: 'daemonset-example', image: 'wangyanglinux/myapp' }] },
};
const piTemplate = {
  metadata: { name: 'pi' },
  spec: {
    containers: [{ name: 'pi', image: 'perl', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }],
    restartPolicy: 'Never',
  },
};
const helloTemplate = {
  spec: {
    containers: [{ name: 'hello', image: 'busybox', args: ['/bin/sh', '-c', 'date; echo Hello from the Kubernetes cluster'] }],
    restartPolicy: 'OnFailure',
  },
};

describe('the notes\' manifests get the defaults kubectl get -o yaml shows', () => {
  it('the nginx-deployment gets a 25%/25% rolling update, 10 revisions and a 600s deadline', () => {
    const d = obj({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'nginx-deployment', namespace: 'default' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'nginx' } }, template: clone(nginxTemplate) },
    });
    defaultDeployment(d);
    expect(d.spec).toEqual({
      replicas: 3,
      selector: { matchLabels: { app: 'nginx' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: podDefaulted(nginxTemplate),
    });
  });

  it('the frontend ReplicaSet keeps its 3 replicas and only gets pod defaults', () => {
    const rs = obj({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'frontend', namespace: 'default' },
      spec: { replicas: 3, selector: { matchLabels: { tier: 'frontend' } }, template: clone(frontendTemplate) },
    });
    defaultReplicaSet(rs);
    expect(rs.spec).toEqual({
      replicas: 3,
      selector: { matchLabels: { tier: 'frontend' } },
      template: podDefaulted(frontendTemplate),
    });
  });

  it('the DaemonSet rolls one node at a time with no surge', () => {
    const ds = obj({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'deamonset-example', namespace: 'default', labels: { app: 'daemonset' } },
      spec: { selector: { matchLabels: { name: 'deamonset-example' } }, template: clone(daemonTemplate) },
    });
    defaultDaemonSet(ds);
    expect(ds.spec).toEqual({
      selector: { matchLabels: { name: 'deamonset-example' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
      template: podDefaulted(daemonTemplate),
    });
  });

  it('the pi Job gets one completion, one pod at a time, and the generated selector and labels', () => {
    const job = obj({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', namespace: 'default' },
      spec: { backoffLimit: 4, template: clone(piTemplate) },
    });
    defaultJob(job);
    const uid = '863452e6-270d-420e-9b94-53a54146c223';
    job.metadata.uid = uid;
    prepareJobForCreate(job, uid);
    const generated = {
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': uid,
      'job-name': 'pi',
    };
    const template = podDefaulted(piTemplate) as Record<string, Record<string, unknown>>;
    template.metadata.labels = generated;
    expect(job.metadata.labels).toEqual(generated);
    expect(job.spec).toEqual({
      backoffLimit: 4,
      completionMode: 'NonIndexed',
      completions: 1,
      parallelism: 1,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      suspend: false,
      template,
    });
  });

  it('the hello CronJob allows overlap, keeps 3 good and 1 failed job, and its job template is left alone', () => {
    const cj = obj({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'hello', namespace: 'default' },
      spec: { schedule: '*/1 * * * *', jobTemplate: { spec: { template: clone(helloTemplate) } } },
    });
    defaultCronJob(cj);
    expect(cj.spec).toEqual({
      concurrencyPolicy: 'Allow',
      failedJobsHistoryLimit: 1,
      jobTemplate: { spec: { template: podDefaulted(helloTemplate) } },
      schedule: '*/1 * * * *',
      successfulJobsHistoryLimit: 3,
      suspend: false,
    });
  });
});

describe('a StatefulSet with claim templates', () => {
  it('gets ordered pod management, a partition-0 rolling update, retained claims and PVC defaults', () => {
    const template = {
      metadata: { labels: { app: 'nginx' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx', volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }] },
    };
    const sts = obj({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        serviceName: 'nginx',
        replicas: 2,
        selector: { matchLabels: { app: 'nginx' } },
        template: clone(template),
        volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    });
    defaultStatefulSet(sts);
    expect(sts.spec).toEqual({
      serviceName: 'nginx',
      replicas: 2,
      selector: { matchLabels: { app: 'nginx' } },
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      revisionHistoryLimit: 10,
      template: podDefaulted(template),
      volumeClaimTemplates: [
        {
          metadata: { name: 'www' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
          status: { phase: 'Pending' },
        },
      ],
    });
  });
});

describe('workload defaulting rules', () => {
  const cases: [string, string, Record<string, unknown>, Record<string, unknown>][] = [
    ['a Deployment without replicas runs one', 'deployments.apps', {}, { replicas: 1 }],
    [
      'a Recreate Deployment gets no rolling-update parameters',
      'deployments.apps',
      { strategy: { type: 'Recreate' } },
      { strategy: { type: 'Recreate' } },
    ],
    [
      'a Deployment keeps the surge it asked for and gets the default unavailability',
      'deployments.apps',
      { strategy: { rollingUpdate: { maxSurge: 1 } } },
      { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } } },
    ],
    ['a ReplicaSet without replicas runs one', 'replicasets.apps', {}, { replicas: 1 }],
    [
      'an OnDelete DaemonSet gets no rolling-update parameters',
      'daemonsets.apps',
      { updateStrategy: { type: 'OnDelete' } },
      { updateStrategy: { type: 'OnDelete' }, revisionHistoryLimit: 10 },
    ],
    [
      'a StatefulSet starts pods in order, rolls from partition 0 and retains its claims',
      'statefulsets.apps',
      { serviceName: 'nginx' },
      {
        serviceName: 'nginx',
        podManagementPolicy: 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        replicas: 1,
        revisionHistoryLimit: 10,
      },
    ],
    [
      "a StatefulSet's claim templates get a filesystem volume mode and a Pending phase",
      'statefulsets.apps',
      { volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'] } }] },
      {
        volumeClaimTemplates: [
          { metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }, status: { phase: 'Pending' } },
        ],
      },
    ],
    [
      'a Job that sets parallelism alone keeps completions unset (a work queue)',
      'jobs.batch',
      { parallelism: 3 },
      { parallelism: 3, backoffLimit: 6 },
    ],
    [
      'a Job that sets completions alone runs one pod at a time',
      'jobs.batch',
      { completions: 5 },
      { completions: 5, parallelism: 1 },
    ],
    [
      'a Job with a per-index backoff limit gets an unlimited overall one',
      'jobs.batch',
      { completionMode: 'Indexed', completions: 3, backoffLimitPerIndex: 1 },
      { backoffLimit: 2147483647, completionMode: 'Indexed' },
    ],
    [
      'a Job with a pod failure policy replaces only failed pods, and its patterns match True',
      'jobs.batch',
      { podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } },
      {
        podReplacementPolicy: 'Failed',
        podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] },
      },
    ],
    [
      'a CronJob keeps its own history limits and policy',
      'cronjobs.batch',
      { concurrencyPolicy: 'Forbid', successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 0, suspend: true },
      { concurrencyPolicy: 'Forbid', successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 0, suspend: true },
    ],
  ];
  it.each(cases)('%s', (_name, resource, spec, expected) => {
    const o = obj({ metadata: { name: 'x', namespace: 'default' }, spec: clone(spec) });
    workloadDefaulters[resource](o);
    expect(o.spec).toMatchObject(expected);
  });

  it('a StatefulSet that names RollingUpdate without parameters gets none', () => {
    const sts = obj({ metadata: { name: 'web', namespace: 'default' }, spec: { updateStrategy: { type: 'RollingUpdate' } } });
    defaultStatefulSet(sts);
    expect((sts.spec as { updateStrategy: unknown }).updateStrategy).toEqual({ type: 'RollingUpdate' });
  });

  it('a Job with labels of its own keeps them rather than its template\'s', () => {
    const job = obj({
      metadata: { name: 'pi', namespace: 'default', labels: { team: 'maths' } },
      spec: { template: { metadata: { labels: { app: 'pi' } }, spec: { containers: [] } } },
    });
    defaultJob(job);
    expect(job.metadata.labels).toEqual({ team: 'maths' });
  });

  it('an unlabeled Job takes its template\'s labels', () => {
    const job = obj({
      metadata: { name: 'pi', namespace: 'default' },
      spec: { template: { metadata: { labels: { app: 'pi' } }, spec: { containers: [] } } },
    });
    defaultJob(job);
    expect(job.metadata.labels).toEqual({ app: 'pi' });
  });
});

describe('prepareJobForCreate (the job registry\'s selector generation)', () => {
  it('a manual selector is left alone and no labels are added', () => {
    const job = obj({
      metadata: { name: 'pi', namespace: 'default' },
      spec: { manualSelector: true, selector: { matchLabels: { app: 'pi' } }, template: { metadata: { labels: { app: 'pi' } } } },
    });
    prepareJobForCreate(job, 'u1');
    expect(job.spec).toEqual({ manualSelector: true, selector: { matchLabels: { app: 'pi' } }, template: { metadata: { labels: { app: 'pi' } } } });
  });

  it("a user's own job-name label is kept, to be reported by validation", () => {
    const job = obj({ metadata: { name: 'pi', namespace: 'default' }, spec: { template: { metadata: { labels: { 'job-name': 'other' } } } } });
    prepareJobForCreate(job, 'u1');
    expect((job.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels).toEqual({
      'job-name': 'other',
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': 'u1',
      'batch.kubernetes.io/controller-uid': 'u1',
    });
  });

  it('the alpha managedBy and successPolicy fields of 1.30 are dropped', () => {
    const job = obj({
      metadata: { name: 'pi', namespace: 'default' },
      spec: { managedBy: 'example.com/x', successPolicy: { rules: [] }, template: {} },
    });
    prepareJobForCreate(job, 'u1');
    expect(job.spec).not.toHaveProperty('managedBy');
    expect(job.spec).not.toHaveProperty('successPolicy');
  });
});
