import { describe, expect, it } from 'vitest';
import { cronJobTable, deploymentTable, hpaTargets, jobTable } from './workloads.ts';
import { Store } from '../../../store/store.ts';
import type { KubeObject } from '../../../api/object.ts';

const NOW = Date.UTC(2025, 5, 2, 9, 0, 0);
const ctx = { now: NOW, store: new Store() };
const meta = { name: 'x', creationTimestamp: '2025-06-02T08:00:00Z' };

describe('workload tables', () => {
  it('prints a Deployment\'s READY as ready/desired, with wide containers and selector', () => {
    const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'busybox' }] } } }, status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 } } as KubeObject;
    expect(deploymentTable.row(d, ctx)).toEqual(['x', '2/3', '3', '2', '60m', 'a,b', 'nginx,busybox', 'app=web']);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, string, string, string]>([
    ['a running job', {}, { startTime: '2025-06-02T08:59:00Z' }, 'Running', '0/1', '60s'],
    ['a complete job with completions', { completions: 3 }, { succeeded: 3, startTime: '2025-06-02T08:50:00Z', completionTime: '2025-06-02T08:52:05Z', conditions: [{ type: 'Complete', status: 'True' }] }, 'Complete', '3/3', '2m5s'],
    ['a parallel job without completions', { parallelism: 4 }, { succeeded: 1 }, 'Running', '1/1 of 4', ''],
    ['a failed job', { completions: 1 }, { failed: 6, conditions: [{ type: 'Failed', status: 'True' }] }, 'Failed', '0/1', ''],
  ])('prints the STATUS, COMPLETIONS and DURATION of %s', (_n, spec, status, st, completions, duration) => {
    const j = { apiVersion: 'batch/v1', kind: 'Job', metadata: meta, spec: { template: {}, ...spec }, status } as KubeObject;
    expect(jobTable.row(j, ctx).slice(0, 4)).toEqual(['x', st, completions, duration]);
  });

  it('prints a CronJob\'s schedule, time zone, suspension and last schedule', () => {
    const cj = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta, spec: { schedule: '*/1 * * * *', suspend: false, jobTemplate: {} }, status: { lastScheduleTime: '2025-06-02T08:59:00Z', active: [{}] } } as KubeObject;
    expect(cronJobTable.row(cj, ctx).slice(0, 7)).toEqual(['x', '*/1 * * * *', '<none>', 'False', '1', '60s', '60m']);
  });

  it.each<[string, Parameters<typeof hpaTargets>[0], Parameters<typeof hpaTargets>[1], string]>([
    ['unknown utilization before metrics arrive', [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 90 } } }], undefined, 'cpu: <unknown>/90%'],
    ['current utilization', [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }], [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 250 } } }], 'cpu: 250%/50%'],
    ['no metrics', [], undefined, '<none>'],
  ])('prints HPA TARGETS for %s', (_n, metrics, current, text) => {
    expect(hpaTargets(metrics, current)).toBe(text);
  });
});
