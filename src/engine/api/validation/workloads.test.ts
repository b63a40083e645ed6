import { describe, expect, it } from 'vitest';
import { errorString } from '../field.ts';
import { clone, type KubeObject } from '../object.ts';
import { prepareJobForCreate, workloadDefaulters } from '../defaults/workloads.ts';
import { workloadValidators } from './workloads.ts';

type Json = Record<string, unknown>;

/** Defaults, then validates as the apiserver does on create; the messages as kubectl prints them. */
function create(resource: string, o: Json, uid = 'uid-1'): string[] {
  const obj = clone(o) as unknown as KubeObject;
  workloadDefaulters[resource]?.(obj);
  if (resource === 'jobs.batch') {
    obj.metadata.uid = uid;
    prepareJobForCreate(obj, uid);
  }
  return workloadValidators[resource].validate(obj).map(errorString);
}

/** Both halves of an update's validation, after defaulting both objects. */
function update(resource: string, next: Json, old: Json): string[] {
  const n = clone(next) as unknown as KubeObject;
  const o = clone(old) as unknown as KubeObject;
  workloadDefaulters[resource]?.(n);
  workloadDefaulters[resource]?.(o);
  const v = workloadValidators[resource];
  return [...v.validate(n), ...(v.validateUpdate?.(n, o) ?? [])].map(errorString);
}

/** Marks a patch value that replaces what is there instead of merging into it. */
class Replace {
  constructor(readonly value: unknown) {}
}
const replace = (value: unknown) => new Replace(value);

/** A copy of `base` with `patch` merged in (objects merged, everything else replaced; undefined deletes). */
function patched(base: Json, patch: Json): Json {
  const out = clone(base);
  const merge = (t: Json, p: Json) => {
    for (const k in p) {
      const v = p[k];
      if (v === undefined) delete t[k];
      else if (v instanceof Replace) t[k] = clone(v.value);
      else if (v && typeof v === 'object' && !Array.isArray(v) && t[k] && typeof t[k] === 'object') merge(t[k] as Json, v as Json);
      else t[k] = clone(v);
    }
  };
  merge(out, patch);
  return out;
}

const MISMATCH = '`selector` does not match template `labels`';

// The notes' manifests, in their current API versions.
const nginxDeployment: Json = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'nginx-deployment', namespace: 'default' },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'nginx' } },
    template: {
      metadata: { labels: { app: 'nginx' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.7.9', ports: [{ containerPort: 80 }] }] },
    },
  },
};
const frontend: Json = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'frontend', namespace: 'default' },
  spec: {
    replicas: 3,
    selector: { matchLabels: { tier: 'frontend' } },
    template: {
      metadata: { labels: { tier: 'frontend' } },
      spec: {
        containers: [
          { name: 'myapp', image: 'hub.harry.com/library/myapp:v1', env: [{ name: 'GET_HOSTS_FROM', value: 'dns' }], ports: [{ containerPort: 80 }] },
        ],
      },
    },
  },
};
const daemonSet: Json = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'deamonset-example', namespace: 'default', labels: { app: 'daemonset' } },
  spec: {
    selector: { matchLabels: { name: 'deamonset-example' } },
    template: {
      metadata: { labels: { name: 'deamonset-example' } },
      spec: { containers: [{ name: 'daemonset-example', image: 'wangyanglinux/myapp' }] },
    },
  },
};
const web: Json = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    serviceName: 'nginx',
    replicas: 2,
    selector: { matchLabels: { app: 'nginx' } },
    template: {
      metadata: { labels: { app: 'nginx' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80, name: 'web' }] }] },
    },
  },
};
const pi: Json = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'pi', namespace: 'default' },
  spec: {
    backoffLimit: 4,
    template: {
      metadata: { name: 'pi' },
      spec: {
        containers: [{ name: 'pi', image: 'perl', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }],
        restartPolicy: 'Never',
      },
    },
  },
};
const hello: Json = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'hello', namespace: 'default' },
  spec: {
    schedule: '*/1 * * * *',
    jobTemplate: {
      spec: {
        template: {
          spec: {
            containers: [{ name: 'hello', image: 'busybox', args: ['/bin/sh', '-c', 'date; echo Hello from the Kubernetes cluster'] }],
            restartPolicy: 'OnFailure',
          },
        },
      },
    },
  },
};

describe("the notes' manifests validate cleanly once defaulted", () => {
  const cases: [string, string, Json][] = [
    ['the nginx-deployment Deployment', 'deployments.apps', nginxDeployment],
    ['the frontend ReplicaSet', 'replicasets.apps', frontend],
    ['the deamonset-example DaemonSet', 'daemonsets.apps', daemonSet],
    ['the web StatefulSet', 'statefulsets.apps', web],
    ['the pi Job', 'jobs.batch', pi],
    ['the hello CronJob', 'cronjobs.batch', hello],
  ];
  it.each(cases)('%s', (_name, resource, manifest) => {
    expect(create(resource, manifest)).toEqual([]);
  });
});

describe('Deployment validation', () => {
  const cases: [string, Json, string[]][] = [
    [
      'a Deployment without a selector (the notes\' extensions/v1beta1 manifest) needs one, and nothing matches its template',
      { spec: { selector: undefined } },
      ['spec.selector: Required value', `spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: ${MISMATCH}`],
    ],
    [
      "a selector that does not match the template's labels is rejected",
      { spec: { selector: replace({ matchLabels: { app: 'web' } }) } },
      [`spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: ${MISMATCH}`],
    ],
    [
      'an empty selector would select every pod, so it is invalid',
      { spec: { selector: replace({}) } },
      [
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
      ],
    ],
    [
      'a set-based selector that does not match is printed with its expressions',
      { spec: { selector: replace({ matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] }) } },
      [`spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: ${MISMATCH}`],
    ],
    [
      "a Deployment's pods must restart Always",
      { spec: { template: { spec: { restartPolicy: 'Never' } } } },
      ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ],
    [
      'a Deployment\'s pods may not have a deadline',
      { spec: { template: { spec: { activeDeadlineSeconds: 30 } } } },
      ['spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported'],
    ],
    ['replicas may not be negative', { spec: { replicas: -1 } }, ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    [
      'surge and unavailability may not both be zero',
      { spec: { strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } } },
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0'],
    ],
    [
      'a zero percentage counts as zero',
      { spec: { strategy: { rollingUpdate: { maxSurge: '0%', maxUnavailable: 0 } } } },
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0'],
    ],
    [
      'a string that is not a percentage is rejected',
      { spec: { strategy: { rollingUpdate: { maxUnavailable: 'abc' } } } },
      [
        "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"abc\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      ],
    ],
    [
      'a negative surge is rejected',
      { spec: { strategy: { rollingUpdate: { maxSurge: -1 } } } },
      ['spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'unavailability above 100% is rejected',
      { spec: { strategy: { rollingUpdate: { maxUnavailable: '150%' } } } },
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%'],
    ],
    [
      'surge above 100% is allowed (only unavailability is capped)',
      { spec: { strategy: { rollingUpdate: { maxSurge: '200%' } } } },
      [],
    ],
    [
      'an unknown strategy is printed as the struct Go holds',
      { spec: { strategy: { type: 'BlueGreen' } } },
      [
        'spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"',
      ],
    ],
    [
      'Recreate takes no rolling-update parameters',
      { spec: { strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } } },
      ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    ],
    [
      'the revision history limit may not be negative',
      { spec: { revisionHistoryLimit: -1 } },
      ['spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'the progress deadline must exceed minReadySeconds',
      { spec: { minReadySeconds: 10, progressDeadlineSeconds: 10 } },
      ['spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds'],
    ],
  ];
  it.each(cases)('%s', (_name, patch, expected) => {
    expect(create('deployments.apps', patched(nginxDeployment, patch))).toEqual(expected);
  });

  it('the selector may not change on update in apps/v1', () => {
    const next = patched(nginxDeployment, {
      spec: { selector: replace({ matchLabels: { app: 'web' } }), template: { metadata: { labels: replace({ app: 'web' }) } } },
    });
    expect(update('deployments.apps', next, nginxDeployment)).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });

  it('scaling and a new image are ordinary updates', () => {
    const next = patched(nginxDeployment, { spec: { replicas: 5, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.9.1' }] } } } });
    expect(update('deployments.apps', next, nginxDeployment)).toEqual([]);
  });
});

describe('ReplicaSet validation', () => {
  const cases: [string, Json, string[]][] = [
    [
      'an empty selector is invalid, in the Deployment\'s words',
      { spec: { selector: replace({ matchLabels: {} }) } },
      [
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
      ],
    ],
    [
      'a template relabeled away from the selector is rejected',
      { spec: { template: { metadata: { labels: replace({ tier: 'frontend1' }) } } } },
      [`spec.template.metadata.labels: Invalid value: map[string]string{"tier":"frontend1"}: ${MISMATCH}`],
    ],
    ['minReadySeconds may not be negative', { spec: { minReadySeconds: -1 } }, ['spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0']],
  ];
  it.each(cases)('%s', (_name, patch, expected) => {
    expect(create('replicasets.apps', patched(frontend, patch))).toEqual(expected);
  });

  it('the selector may not change on update', () => {
    const next = patched(frontend, { spec: { selector: replace({ matchLabels: { tier: 'web' } }), template: { metadata: { labels: replace({ tier: 'web' }) } } } });
    expect(update('replicasets.apps', next, frontend)).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"tier":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });
});

describe('DaemonSet validation', () => {
  const cases: [string, Json, string[]][] = [
    [
      'a DaemonSet without a selector is only told its template does not match',
      { spec: { selector: undefined } },
      [`spec.template.metadata.labels: Invalid value: map[string]string{"name":"deamonset-example"}: ${MISMATCH}`],
    ],
    [
      'an empty selector is invalid for a daemonset',
      { spec: { selector: replace({}) } },
      [
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset',
      ],
    ],
    [
      'surge and unavailability may not both be set',
      { spec: { updateStrategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } } },
      ['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero'],
    ],
    [
      'surge alone is fine',
      { spec: { updateStrategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } } },
      [],
    ],
    [
      'surge and unavailability may not both be zero',
      { spec: { updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } } },
      ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0'],
    ],
    [
      'an unknown update strategy is printed as the struct Go holds',
      { spec: { updateStrategy: { type: 'Everywhere' } } },
      [
        'spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Everywhere", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: "RollingUpdate", "OnDelete"',
      ],
    ],
    [
      "a DaemonSet's pods must restart Always",
      { spec: { template: { spec: { restartPolicy: 'OnFailure' } } } },
      ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'],
    ],
  ];
  it.each(cases)('%s', (_name, patch, expected) => {
    expect(create('daemonsets.apps', patched(daemonSet, patch))).toEqual(expected);
  });
});

describe('StatefulSet validation', () => {
  const cases: [string, Json, string[]][] = [
    ['a StatefulSet without a selector needs one', { spec: { selector: undefined } }, ['spec.selector: Required value', `spec.template.metadata.labels: Invalid value: map[string]string{"app":"nginx"}: ${MISMATCH}`]],
    [
      'an empty selector is invalid for a statefulset',
      { spec: { selector: replace({}) } },
      [
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset',
      ],
    ],
    [
      'an unknown pod management policy is rejected',
      { spec: { podManagementPolicy: 'Random' } },
      ["spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'"],
    ],
    [
      'OnDelete takes no rolling-update parameters',
      { spec: { updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 1 } } } },
      [
        "spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:1, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'",
      ],
    ],
    [
      'a negative partition is rejected',
      { spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: -1 } } } },
      ['spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'an unknown claim retention policy is rejected',
      { spec: { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Keep' } } },
      ['spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"'],
    ],
    [
      'a negative ordinal start is rejected',
      { spec: { ordinals: { start: -1 } } },
      ['spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      "a StatefulSet's pods must restart Always",
      { spec: { template: { spec: { restartPolicy: 'Never' } } } },
      ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ],
  ];
  it.each(cases)('%s', (_name, patch, expected) => {
    expect(create('statefulsets.apps', patched(web, patch))).toEqual(expected);
  });

  it('replicas, template, update strategy, retention policy and minReadySeconds may change', () => {
    const next = patched(web, {
      spec: {
        replicas: 5,
        minReadySeconds: 3,
        updateStrategy: { type: 'OnDelete' },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' },
        template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } },
      },
    });
    expect(update('statefulsets.apps', next, web)).toEqual([]);
  });

  it('any other spec change is forbidden', () => {
    const next = patched(web, { spec: { serviceName: 'other' } });
    expect(update('statefulsets.apps', next, web)).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });
});

describe('Job validation', () => {
  const cases: [string, Json, string[]][] = [
    [
      'a Job without a restart policy is told which two it may use',
      { spec: { template: { spec: { restartPolicy: undefined } } } },
      ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    ],
    [
      'Always is the same as not choosing',
      { spec: { template: { spec: { restartPolicy: 'Always' } } } },
      ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    ],
    ['a negative backoff limit is rejected', { spec: { backoffLimit: -1 } }, ['spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0']],
    ['negative parallelism is rejected', { spec: { parallelism: -1 } }, ['spec.parallelism: Invalid value: -1: must be greater than or equal to 0']],
    ['negative completions are rejected', { spec: { completions: -2 } }, ['spec.completions: Invalid value: -2: must be greater than or equal to 0']],
    [
      'a negative active deadline is rejected',
      { spec: { activeDeadlineSeconds: -5 } },
      ['spec.activeDeadlineSeconds: Invalid value: -5: must be greater than or equal to 0'],
    ],
    [
      'an unknown completion mode is rejected',
      { spec: { completionMode: 'Sometimes' } },
      ['spec.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed"'],
    ],
    [
      'an Indexed job needs completions',
      { spec: { completionMode: 'Indexed', parallelism: 2 } },
      ['spec.completions: Required value: when completion mode is Indexed'],
    ],
    [
      'a per-index backoff limit needs Indexed completion',
      { spec: { backoffLimitPerIndex: 1 } },
      ['spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode'],
    ],
    [
      'maxFailedIndexes needs a per-index backoff limit',
      { spec: { completionMode: 'Indexed', completions: 3, maxFailedIndexes: 1 } },
      ['spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified'],
    ],
    [
      'an unknown pod replacement policy is rejected',
      { spec: { podReplacementPolicy: 'Never' } },
      ['spec.podReplacementPolicy: Unsupported value: "Never": supported values: "Failed", "TerminatingOrFailed"'],
    ],
    [
      'a pod failure policy needs restartPolicy Never',
      {
        spec: {
          podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] },
          template: { spec: { restartPolicy: 'OnFailure' } },
        },
      },
      ['spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified'],
    ],
    [
      'a pod failure rule needs exit codes or conditions',
      { spec: { podFailurePolicy: { rules: [{ action: 'Ignore' }] } } },
      ['spec.podFailurePolicy.rules[0]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required'],
    ],
    [
      'exit code 0 cannot be matched with In, and values must be ordered',
      { spec: { podFailurePolicy: { rules: [{ action: 'Count', onExitCodes: { operator: 'In', values: [3, 0] } }] } } },
      [
        'spec.podFailurePolicy.rules[0].onExitCodes.values[1]: Invalid value: 0: must not be 0 for the In operator',
        'spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32{3, 0}: must be ordered',
      ],
    ],
    [
      'a template label that fights the generated one is reported',
      { spec: { template: { metadata: { labels: { 'job-name': 'other' } } } } },
      [
        'spec.template.metadata.labels[job-name]: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"uid-1", "batch.kubernetes.io/job-name":"pi", "controller-uid":"uid-1", "job-name":"other"}: must be \'pi\'',
      ],
    ],
    [
      'a manual selector must still match the template',
      { spec: { manualSelector: true, selector: { matchLabels: { app: 'pi' } } } },
      [`spec.template.metadata.labels: Invalid value: map[string]string(nil): ${MISMATCH}`],
    ],
    [
      'a manual selector that matches is accepted',
      { spec: { manualSelector: true, selector: { matchLabels: { app: 'pi' } }, template: { metadata: { labels: { app: 'pi' } } } } },
      [],
    ],
    [
      'the largest index of an Indexed job must still make a valid pod hostname',
      { metadata: { name: 'pi.v1' }, spec: { completionMode: 'Indexed', completions: 3 } },
      ['metadata.name: Invalid value: "pi.v1": will not able to create pod with invalid DNS label: pi.v1-2'],
    ],
  ];
  it.each(cases)('%s', (_name, patch, expected) => {
    expect(create('jobs.batch', patched(pi, patch))).toEqual(expected);
  });

  function created(patch: Json = {}): Json {
    const o = clone(patched(pi, patch)) as unknown as KubeObject;
    workloadDefaulters['jobs.batch'](o);
    o.metadata.uid = 'uid-1';
    prepareJobForCreate(o, 'uid-1');
    return o as unknown as Json;
  }

  it('the pod template may not change once the job exists', () => {
    const old = created();
    const next = patched(old, { spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl:5.34' }] } } } });
    const errs = update('jobs.batch', next, old);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^spec\.template: Invalid value: core\.PodTemplateSpec\{.*\}: field is immutable$/);
  });

  it('a suspended job that never started may move its pods to other nodes', () => {
    const old = created({ spec: { suspend: true } });
    const next = patched(old, { spec: { template: { spec: { nodeSelector: { disk: 'ssd' } } } } });
    expect(update('jobs.batch', next, old)).toEqual([]);
  });

  it('completions may not change for a NonIndexed job', () => {
    const old = created();
    const next = patched(old, { spec: { completions: 2 } });
    expect(update('jobs.batch', next, old)).toEqual(['spec.completions: Invalid value: 2: field is immutable']);
  });

  it('an Indexed job scales completions only together with parallelism', () => {
    const old = created({ spec: { completionMode: 'Indexed', completions: 2, parallelism: 2 } });
    expect(update('jobs.batch', patched(old, { spec: { completions: 4, parallelism: 4 } }), old)).toEqual([]);
    expect(update('jobs.batch', patched(old, { spec: { completions: 4 } }), old)).toEqual([
      'spec.completions: Invalid value: 4: can only be modified in tandem with spec.parallelism',
    ]);
  });
});

describe('CronJob validation', () => {
  const cases: [string, Json, string[]][] = [
    ['a CronJob needs a schedule', { spec: { schedule: '' } }, ['spec.schedule: Required value']],
    ['a schedule that is not cron is reported with the parser\'s words', { spec: { schedule: 'x' } }, ['spec.schedule: Invalid value: "x": expected exactly 5 fields, found 1: [x]']],
    ['a minute out of range is reported', { spec: { schedule: '60 * * * *' } }, ['spec.schedule: Invalid value: "60 * * * *": end of range (60) above maximum (59): 60']],
    ['a descriptor is a schedule', { spec: { schedule: '@daily' } }, []],
    [
      'a time zone belongs in timeZone, not in the schedule',
      { spec: { schedule: 'TZ=UTC 0 * * * *' } },
      ['spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead'],
    ],
    ['a known time zone is accepted', { spec: { timeZone: 'Asia/Shanghai' } }, []],
    ['an unknown time zone is rejected', { spec: { timeZone: 'Mars/Olympus' } }, ['spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus']],
    ['an empty time zone is rejected', { spec: { timeZone: '' } }, ['spec.timeZone: Invalid value: "": timeZone must be nil or non-empty string']],
    [
      'Local is not an explicit zone',
      { spec: { timeZone: 'Local' } },
      ['spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'],
    ],
    [
      'an unknown concurrency policy is rejected',
      { spec: { concurrencyPolicy: 'Sometimes' } },
      ['spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"'],
    ],
    [
      'a negative starting deadline is rejected',
      { spec: { startingDeadlineSeconds: -1 } },
      ['spec.startingDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'history limits may not be negative',
      { spec: { successfulJobsHistoryLimit: -1, failedJobsHistoryLimit: -1 } },
      [
        'spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0',
        'spec.failedJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0',
      ],
    ],
    [
      "the job template's pods may not restart Always",
      { spec: { jobTemplate: { spec: { template: { spec: { restartPolicy: 'Always' } } } } } },
      ['spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    ],
    [
      "the job template's selector is generated, so it may not be given",
      { spec: { jobTemplate: { spec: { selector: { matchLabels: { app: 'hello' } } } } } },
      [
        'spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"hello"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated',
      ],
    ],
    [
      "the job template may not ask for a manual selector",
      { spec: { jobTemplate: { spec: { manualSelector: true } } } },
      ['spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: "nil", "false"'],
    ],
    [
      'a name longer than 52 characters leaves no room for the job suffix',
      { metadata: { name: 'a'.repeat(53) } },
      [`metadata.name: Invalid value: "${'a'.repeat(53)}": must be no more than 52 characters`],
    ],
  ];
  it.each(cases)('%s', (_name, patch, expected) => {
    expect(create('cronjobs.batch', patched(hello, patch))).toEqual(expected);
  });
});

describe('ControllerRevision validation', () => {
  const rev: Json = { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'web-5d8f', namespace: 'default' }, data: {}, revision: 1 };
  it('a revision needs data and a non-negative number', () => {
    expect(create('controllerrevisions.apps', patched(rev, { data: undefined, revision: -1 }))).toEqual([
      'data: Required value: data is mandatory',
      'revision: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });
  it('its data may never change', () => {
    const errs = update('controllerrevisions.apps', patched(rev, { data: { spec: 1 } }), rev);
    expect(errs).toEqual(['data: Invalid value: runtime.RawExtension{Spec:1}: field is immutable']);
  });
});
