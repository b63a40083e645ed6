import { describe, expect, it } from 'vitest';
import * as u from './deployment-util.ts';
import type { Deployment, IntOrString, ReplicaSet } from './deployment-util.ts';
import { formatRFC3339 } from '../util/time.ts';

const T0 = Date.UTC(2025, 5, 2, 8, 0, 0);

function deployment(replicas: number, maxSurge: IntOrString = 0, maxUnavailable: IntOrString = 0, type = 'RollingUpdate'): Deployment {
  return { metadata: { name: 'foo', generation: 1 }, spec: { replicas, strategy: { type, rollingUpdate: { maxSurge, maxUnavailable } } } };
}

function rs(name: string, replicas: number, ageS = 0, available?: number, annotations?: Record<string, string>): ReplicaSet {
  return {
    metadata: { name, creationTimestamp: formatRFC3339(T0 - ageS * 1000), ...(annotations ? { annotations } : {}) },
    spec: { replicas },
    status: { replicas, availableReplicas: available ?? replicas },
  };
}

describe('resolveFenceposts', () => {
  it.each<[string, IntOrString, IntOrString, number, [number, number]]>([
    ['both zero percent of nothing still lets one pod be unavailable', '0%', '0%', 0, [0, 1]],
    ['39% of 10 is 4 surge (rounded up) and 3 unavailable (rounded down)', '39%', '39%', 10, [4, 3]],
    ['the 25% defaults of 4 replicas are one each', '25%', '25%', 4, [1, 1]],
    ['the 25% defaults of 10 replicas are 3 surge and 2 unavailable', '25%', '25%', 10, [3, 2]],
    ['the 25% defaults of 1 replica are 1 surge and none unavailable', '25%', '25%', 1, [1, 0]],
    ['integers are taken as they are', 2, 1, 10, [2, 1]],
    ['integer zeros become one unavailable', 0, 0, 5, [0, 1]],
  ])('%s', (_, surge, unavailable, desired, want) => {
    expect(u.resolveFenceposts(surge, unavailable, desired)).toEqual(want);
  });

  it('rejects a value that is neither a number nor a percentage', () => {
    expect(() => u.resolveFenceposts('oops', '1', 10)).toThrow(/invalid value for IntOrString/);
  });
});

describe('maxUnavailable and maxSurge of a deployment', () => {
  it.each<[string, Deployment, number, number]>([
    ['a rolling deployment resolves its fenceposts', deployment(4, '25%', '25%'), 1, 1],
    ['unavailability is capped at the replica count', deployment(3, 0, 5), 0, 3],
    ['a deployment with no replicas has no unavailability', deployment(0, '25%', '25%'), 0, 0],
    ['Recreate has neither', deployment(4, '25%', '25%', 'Recreate'), 0, 0],
  ])('%s', (_, d, surge, unavailable) => {
    expect(u.maxSurge(d)).toBe(surge);
    expect(u.maxUnavailable(d)).toBe(unavailable);
  });
});

describe('newRSNewReplicas', () => {
  it.each<[string, Deployment, ReplicaSet[], number, number]>([
    ['the first step of a rolling update of 4 with 25% surge adds one pod', deployment(4, '25%', '25%'), [rs('old', 4)], 0, 1],
    ['with the surge used up the new set cannot grow', deployment(4, '25%', '25%'), [rs('old', 4)], 1, 1],
    ['after the old set shrank, the new one takes its place', deployment(4, '25%', '25%'), [rs('old', 3)], 1, 2],
    ['it never grows past the replica count', deployment(3, 10, 0), [rs('old', 0)], 2, 3],
    ['a brand-new deployment gets all its replicas at once', deployment(3, '25%', '25%'), [], 0, 3],
    ['Recreate asks for every replica', deployment(5, 0, 0, 'Recreate'), [rs('old', 0)], 0, 5],
  ])('%s', (_, d, olds, newSize, want) => {
    const n = rs('new', newSize);
    expect(u.newRSNewReplicas(d, [...olds, n], n)).toBe(want);
  });
});

describe('scaling old replica sets down in a rolling update', () => {
  it('may remove as many pods as keep replicas − maxUnavailable available, the new set\'s unavailable pods counting against it', () => {
    const d = deployment(4, '25%', '25%');
    const n = rs('new', 1, 0, 0);
    const old = rs('old', 4, 10);
    expect(u.maxScaledDown(d, [old, n], n)).toBe(1);
    expect(u.scaleDownOld(d, [old, n], [old]).map((x) => [x.rs.metadata.name, x.size])).toEqual([['old', 3]]);
  });

  it('removes unhealthy old pods first, oldest set first', () => {
    const a = rs('a', 3, 100, 1);
    const b = rs('b', 2, 50, 0);
    expect(u.cleanupUnhealthy([b, a], 3).map((x) => [x.rs.metadata.name, x.size])).toEqual([['a', 1], ['b', 1]]);
  });

  it('does not go below the minimum available', () => {
    const d = deployment(4, '25%', '25%');
    const n = rs('new', 2, 0, 0);
    const old = rs('old', 3, 10);
    expect(u.scaleDownOld(d, [old, n], [old])).toEqual([]);
  });
});

describe('proportional scaling (cases from sync_test.go TestScale)', () => {
  /** The sets as the old deployment size left them: annotated with its max replicas. */
  function scaled(from: number, to: number, newSize: number, olds: number[]): [number, number[]] {
    const d = deployment(to);
    d.status = { replicas: from };
    const ann = { [u.MAX_REPLICAS_ANNOTATION]: String(from) };
    const n = rs('foo-v3', newSize, 0, newSize, ann);
    const o = olds.map((s, i) => rs(`foo-v${2 - i}`, s, 100 * (i + 1), s, ann));
    const sizes = u.proportionalSizes(d, u.activeReplicaSets([...o, n]));
    const size = (r: ReplicaSet) => sizes.find((x) => x.rs === r)?.size ?? r.spec.replicas;
    return [size(n)!, o.map((r) => size(r)!)];
  }

  it.each<[string, number, number, number, number[], number, number[]]>([
    ['5 → 10', 5, 10, 2, [3], 4, [6]],
    ['5 → 3', 5, 3, 2, [3], 1, [2]],
    ['9 → 4', 9, 4, 8, [1], 4, [0]],
    ['leftover distribution: 3 → 4 goes to the newest of equal sets', 3, 4, 1, [1, 1], 2, [1, 1]],
    ['leftover distribution: 4 → 3 comes from the largest', 4, 3, 1, [2, 1], 1, [1, 1]],
  ])('%s', (_, from, to, newSize, olds, wantNew, wantOld) => {
    expect(scaled(from, to, newSize, olds)).toEqual([wantNew, wantOld]);
  });
});

describe('findActiveOrLatest and isSaturated', () => {
  it('picks the one set with pods, the newest when none has any, and nothing when several have', () => {
    const n = rs('new', 0, 0);
    const a = rs('a', 3, 100);
    const b = rs('b', 0, 50);
    expect(u.findActiveOrLatest(n, [a, b])).toBe(a);
    expect(u.findActiveOrLatest(rs('n2', 0), [rs('x', 0, 100), rs('y', 0, 50)])?.metadata.name).toBe('n2');
    expect(u.findActiveOrLatest(undefined, [rs('x', 0, 100), rs('y', 0, 50)])?.metadata.name).toBe('y');
    expect(u.findActiveOrLatest(rs('n3', 1), [a])).toBeUndefined();
  });

  it('calls a new set saturated when it has every replica, all available, and was sized for this count', () => {
    const d = deployment(3);
    expect(u.isSaturated(d, rs('n', 3, 0, 3, { [u.DESIRED_REPLICAS_ANNOTATION]: '3' }))).toBe(true);
    expect(u.isSaturated(d, rs('n', 3, 0, 2, { [u.DESIRED_REPLICAS_ANNOTATION]: '3' }))).toBe(false);
    expect(u.isSaturated(d, rs('n', 3, 0, 3))).toBe(false);
  });
});

describe('the pod-template-hash', () => {
  const template = { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14' }] } };

  it('is FNV-32a (offset basis and prime as in hash/fnv)', () => {
    expect(u.fnv32a([])).toBe(0x811c9dc5);
    expect(u.fnv32a([...'a'].map((c) => c.charCodeAt(0)))).toBe(0xe40c292c);
    expect(u.fnv32a([...'foobar'].map((c) => c.charCodeAt(0)))).toBe(0xbf9cf968);
  });

  it('encodes the decimal digits safely: 0–9 become 4–9 and b, c, d, f', () => {
    expect(u.safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('is the same for the same template whatever its key order, and changes with the collision count', () => {
    const reordered = { spec: { containers: [{ image: 'nginx:1.14', name: 'nginx' }] }, metadata: { labels: { app: 'nginx' } } };
    const h = u.computeHash(template);
    expect(h).toMatch(/^[456789bcdf]{1,10}$/);
    expect(u.computeHash(reordered)).toBe(h);
    expect(u.computeHash(template, 1)).not.toBe(h);
  });

  it('is ignored when templates are compared', () => {
    const hashed = { ...template, metadata: { labels: { app: 'nginx', 'pod-template-hash': 'abc' } } };
    expect(u.equalIgnoreHash(template, hashed)).toBe(true);
    expect(u.equalIgnoreHash(template, { ...template, spec: { containers: [{ name: 'nginx', image: 'nginx:1.15' }] } })).toBe(false);
  });
});

describe('conditions', () => {
  it('keeps the transition time when only the reason changes, and changes nothing for the same status and reason', () => {
    const s: u.DeploymentStatus = {};
    u.setCondition(s, u.newCondition('Progressing', 'True', u.REASON.NewRSCreated, 'Created', T0));
    u.setCondition(s, u.newCondition('Progressing', 'True', u.REASON.NewRSCreated, 'again', T0 + 5000));
    expect(s.conditions![0].message).toBe('Created');
    u.setCondition(s, u.newCondition('Progressing', 'True', u.REASON.NewRSAvailable, 'done', T0 + 9000));
    expect(s.conditions![0]).toMatchObject({ reason: 'NewReplicaSetAvailable', lastTransitionTime: formatRFC3339(T0), lastUpdateTime: formatRFC3339(T0 + 9000) });
  });

  it('times out only after progressDeadlineSeconds without progress', () => {
    const d = deployment(3);
    d.spec.progressDeadlineSeconds = 600;
    const s: u.DeploymentStatus = { conditions: [u.newCondition('Progressing', 'True', u.REASON.RSUpdated, 'x', T0)] };
    expect(u.deploymentTimedOut(d, s, T0 + 600_000)).toBe(false);
    expect(u.deploymentTimedOut(d, s, T0 + 600_001)).toBe(true);
    s.conditions![0].reason = u.REASON.NewRSAvailable;
    expect(u.deploymentTimedOut(d, s, T0 + 900_000)).toBe(false);
  });
});
