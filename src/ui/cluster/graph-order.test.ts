import { describe, expect, it } from 'vitest';
import type { ObjectView } from '../../worker/protocol.ts';
import { familyOrder, middleEllipsis } from './graph-order.ts';

describe('middleEllipsis', () => {
  it.each([
    ['web', 17, 'web'],
    ['web-6bf8445f55-827jb', 17, 'web-6bf844…-827jb'],
    ['web-6bf8445f55-827jb', 15, 'web-6bf8…-827jb'],
    ['exactly-seventeen', 17, 'exactly-seventeen'],
    ['abcdefghij', 5, 'ab…ij'],
  ])('%s in %d characters is %s', (name, max, want) => {
    expect(middleEllipsis(name, max)).toBe(want);
    expect(middleEllipsis(name, max).length).toBeLessThanOrEqual(max);
  });
});

describe('familyOrder', () => {
  const obj = (key: string, uid: string, owners: string[] = [], revision = ''): ObjectView => ({
    key, kind: '', resource: key.split('/')[0], namespace: 'default', name: key.split('/')[2], uid, labels: {}, owners, created: '', deleting: false,
    workload: { ready: '', selector: {}, revision },
  });
  it('puts each workload before what it owns, the newest revision first', () => {
    const views = [
      obj('deployments.apps/default/web', 'd1'),
      obj('statefulsets.apps/default/db', 's1'),
      obj('replicasets.apps/default/web-old', 'r1', ['d1'], '1'),
      obj('replicasets.apps/default/web-new', 'r2', ['d1'], '2'),
      obj('replicasets.apps/default/lone', 'r3'),
      obj('jobs.batch/default/hello-1', 'j1', ['c1']),
      obj('cronjobs.batch/default/hello', 'c1'),
    ];
    const objects = Object.fromEntries(views.map((v) => [v.key, v]));
    const byUid = Object.fromEntries(views.map((v) => [v.uid, v.key]));
    expect(familyOrder(views.map((v) => v.key), { objects, byUid })).toEqual([
      'deployments.apps/default/web',
      'replicasets.apps/default/web-new',
      'replicasets.apps/default/web-old',
      'statefulsets.apps/default/db',
      'replicasets.apps/default/lone',
      'cronjobs.batch/default/hello',
      'jobs.batch/default/hello-1',
    ]);
  });
  it('treats an owner that is not shown as no owner', () => {
    const v = obj('replicasets.apps/default/web-1', 'r1', ['gone'], '1');
    expect(familyOrder([v.key], { objects: { [v.key]: v }, byUid: {} })).toEqual([v.key]);
  });
});
