import { describe, expect, it } from 'vitest';
import { convertDesiredReplicasWithRules, convertWithBehaviorRate, resourceReplicas, scaleDownLimit, scaleUpLimit, stabilize, stabilizeWithBehaviors, type CalcPod, type PodMetric } from './hpa-util.ts';

const NOW = 10_000_000;
const LONG_AGO = NOW - 60 * 60_000;

/** Pods started an hour ago, ready since then, each with the given request (millicores). */
function pods(requests: number[], ready: boolean[] = requests.map(() => true)): CalcPod[] {
  return requests.map((request, i) => ({ name: `p${i}`, phase: 'Running', startTime: LONG_AGO, ready: { status: ready[i] ? 'True' : 'False', lastTransitionTime: LONG_AGO }, request }));
}
function metrics(levels: (number | undefined)[]): Map<string, PodMetric> {
  const m = new Map<string, PodMetric>();
  levels.forEach((v, i) => {
    if (v !== undefined) m.set(`p${i}`, { value: v, timestamp: NOW - 15_000, windowMs: 15_000 });
  });
  return m;
}

// Cases from pkg/controller/podautoscaler/replica_calculator_test.go.
describe('resourceReplicas (GetResourceReplicas)', () => {
  it.each<[string, number, number[], (number | undefined)[], number, number, boolean[]?]>([
    ['scales up to ceil(ratio × ready pods) (TestReplicaCalcScaleUp)', 3, [1000, 1000, 1000], [300, 500, 700], 30, 5],
    ['scales down (TestReplicaCalcScaleDown)', 5, [1000, 1000, 1000, 1000, 1000], [100, 300, 500, 250, 250], 50, 3],
    ['stays within the 10% tolerance (TestReplicaCalcTolerance)', 3, [900, 1000, 1100], [1010, 1030, 1020], 100, 3],
    ['counts an unready pod as 0% on a scale-up, scaling less (TestReplicaCalcScaleUpUnreadyLessScale)', 3, [1000, 1000, 1000], [300, 500, 700], 30, 4, [false, true, true]],
    ['keeps the count when a missing pod leaves the ratio at 1 (TestReplicaCalcMissingMetricsNoChangeEq)', 2, [1000, 1000], [1000], 100, 2],
    ['takes missing pods as 0% on a scale-up, which can cancel it', 4, [1000, 1000, 1000, 1000], [1000, 1000], 50, 4],
    ['takes missing pods as 100% on a scale-down, which can cancel it', 4, [1000, 1000, 1000, 1000], [100, 100], 50, 4],
    ['takes missing pods as 100% on a scale-down, scaling down less', 4, [1000, 1000, 1000, 1000], [0, 0, 0], 50, 2],
  ])('%s', (_name, current, requests, levels, target, want, ready) => {
    const r = resourceReplicas({ currentReplicas: current, pods: pods(requests, ready), metrics: metrics(levels), resource: 'cpu', now: NOW, targetUtilization: target });
    expect(r.replicas).toBe(want);
  });

  it('reports the utilization and the raw average of the pods it counted', () => {
    const r = resourceReplicas({ currentReplicas: 3, pods: pods([1000, 1000, 1000]), metrics: metrics([300, 500, 700]), resource: 'cpu', now: NOW, targetUtilization: 30 });
    expect(r).toEqual({ replicas: 5, utilization: 50, rawAverage: 500 });
  });

  it('scales on an average value target (GetRawResourceReplicas)', () => {
    const r = resourceReplicas({ currentReplicas: 3, pods: pods([1, 1, 1]), metrics: metrics([300, 500, 700]), resource: 'cpu', now: NOW, targetValue: 250 });
    expect(r.replicas).toBe(6);
  });

  it('ignores the CPU of a pod within its initialization period until a window was collected after it became ready', () => {
    const p = pods([1000, 1000]);
    p[1] = { ...p[1], startTime: NOW - 60_000, ready: { status: 'True', lastTransitionTime: NOW - 20_000 } };
    const r = resourceReplicas({ currentReplicas: 2, pods: p, metrics: metrics([1000, 1000]), resource: 'cpu', now: NOW, targetUtilization: 50 });
    // Pod p1's sample (taken 15s ago over 15s) started before it was ready: it is unready and counts as 0 on the scale-up.
    expect(r.replicas).toBe(2);
  });

  it.each<[string, CalcPod[], Map<string, PodMetric>, string]>([
    ['no pods', [], metrics([100]), 'no pods returned by selector while calculating replica count'],
    ['only unready pods', pods([1000], [false]), metrics([100]), 'did not receive metrics for targeted pods (pods might be unready)'],
    ['a pod without a request', [{ ...pods([1000])[0], request: undefined, noRequestContainer: 'nginx' }], metrics([100]), 'missing request for cpu in container nginx of Pod p0'],
  ])('fails with %s', (_n, ps, ms, msg) => {
    expect(() => resourceReplicas({ currentReplicas: 1, pods: ps, metrics: ms, resource: 'cpu', now: NOW, targetUtilization: 50 })).toThrow(msg);
  });
});

describe('convertDesiredReplicasWithRules', () => {
  it.each<[string, number, number, number, number, number, string]>([
    ['limits a scale-up to max(2 × current, 4)', 1, 5, 1, 10, 4, 'ScaleUpLimit'],
    ['limits to maxReplicas when that is lower', 4, 20, 1, 6, 6, 'TooManyReplicas'],
    ['raises to minReplicas', 3, 1, 2, 10, 2, 'TooFewReplicas'],
    ['leaves a count within range', 4, 7, 1, 10, 7, 'DesiredWithinRange'],
  ])('%s', (_n, current, desired, min, max, want, reason) => {
    expect(convertDesiredReplicasWithRules(current, desired, min, max)).toMatchObject({ replicas: want, reason });
  });
});

describe('stabilization', () => {
  it('keeps the highest recommendation of the last five minutes on a scale-down', () => {
    expect(stabilize([{ replicas: 7, at: NOW - 100_000 }], 1, NOW).replicas).toBe(7);
  });
  it('forgets recommendations older than the window, reusing their slot', () => {
    const s = stabilize([{ replicas: 7, at: NOW - 301_000 }], 1, NOW);
    expect(s).toEqual({ replicas: 1, recs: [{ replicas: 1, at: NOW }] });
  });
  it('with behaviors, clamps between the lowest recent up and the highest recent down recommendation', () => {
    const recs = [{ replicas: 5, at: NOW - 30_000 }];
    expect(stabilizeWithBehaviors(recs, 4, 2, 0, 300, NOW)).toMatchObject({ replicas: 4, reason: 'ScaleDownStabilized' });
    expect(stabilizeWithBehaviors(recs, 4, 8, 60, 0, NOW)).toMatchObject({ replicas: 5, reason: 'ScaleUpStabilized' });
  });
});

describe('behavior policies', () => {
  const up = { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] };
  const down = { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
  it.each<[string, number, number, number]>([
    ['the default scale-up allows +4 pods from 1', 1, 0, 5],
    ['the default scale-up allows doubling from 10', 10, 0, 20],
    ['replicas added within the period count against it', 5, 4, 5],
  ])('%s', (_n, current, addedRecently, want) => {
    const ups = addedRecently ? [{ change: addedRecently, at: NOW - 5_000 }] : [];
    expect(scaleUpLimit(current, ups, [], up, NOW)).toBe(want);
  });
  it('selectPolicy Min takes the smallest change, Disabled none', () => {
    expect(scaleUpLimit(1, [], [], { ...up, selectPolicy: 'Min' }, NOW)).toBe(2);
    expect(scaleUpLimit(3, [], [], { ...up, selectPolicy: 'Disabled' }, NOW)).toBe(3);
  });
  it('a Pods policy limits a scale-down per period', () => {
    expect(scaleDownLimit(10, [], [], { selectPolicy: 'Max', policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] }, NOW)).toBe(9);
    expect(convertWithBehaviorRate({ current: 10, desired: 2, min: 1, max: 10, up, down: { selectPolicy: 'Max', policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] }, ups: [], downs: [], now: NOW })).toMatchObject({ replicas: 9, reason: 'ScaleDownLimit' });
    expect(convertWithBehaviorRate({ current: 10, desired: 2, min: 1, max: 10, up, down, ups: [], downs: [], now: NOW })).toMatchObject({ replicas: 2, reason: 'DesiredWithinRange' });
  });
});
