import { beforeEach, describe, expect, it } from 'vitest';
import { applyMessage, clearCluster, useCluster } from './cluster-store.ts';
import type { ObjectView } from '../../worker/protocol.ts';

const pod = (name: string, nodeName: string, status = 'Running'): ObjectView => ({
  key: `pods/default/${name}`, kind: 'Pod', resource: 'pods', namespace: 'default', name, uid: `uid-${name}`, labels: {}, owners: [], created: '', deleting: false,
  pod: { nodeName, status, ready: '1/1', restarts: '0', phase: 'Running', ip: '', containers: [], isReady: true },
});
const frame = (upserts: ObjectView[], removed: string[] = []) => ({ type: 'frame' as const, now: 2, upserts, removed, events: [], eventsRemoved: [] });

describe('the page’s mirror of the cluster', () => {
  beforeEach(() => {
    clearCluster();
    applyMessage({ type: 'ready', now: 1, speed: 1, objects: [pod('b', 'n1'), pod('a', 'n1')], events: [], history: [], files: {}, timeline: { start: 0, marks: [] } });
  });

  it('indexes pods by node, sorted by name', () => {
    expect(useCluster.getState().podsByNode.n1).toEqual(['pods/default/a', 'pods/default/b']);
  });

  it('keeps a node’s pod list the same array when only a pod’s status changes', () => {
    const before = useCluster.getState().podsByNode.n1;
    applyMessage(frame([pod('a', 'n1', 'Terminating')]));
    expect(useCluster.getState().podsByNode.n1).toBe(before);
    expect(useCluster.getState().objects['pods/default/a'].pod?.status).toBe('Terminating');
  });

  it('moves a pod between nodes and forgets a removed one', () => {
    applyMessage(frame([pod('c', ''), pod('c', 'n2')]));
    expect(useCluster.getState().podsByNode['']).toEqual([]);
    expect(useCluster.getState().podsByNode.n2).toEqual(['pods/default/c']);
    applyMessage(frame([], ['pods/default/a']));
    expect(useCluster.getState().podsByNode.n1).toEqual(['pods/default/b']);
    expect(useCluster.getState().byUid['uid-a']).toBeUndefined();
    expect(useCluster.getState().byResource.pods).toEqual(['pods/default/b', 'pods/default/c']);
  });

  it('marks the engine failed only on a fatal error', () => {
    applyMessage({ type: 'error', message: 'bad file', fatal: false });
    expect(useCluster.getState().failure).toBeNull();
    applyMessage({ type: 'error', message: 'boom', fatal: true });
    expect(useCluster.getState().failure).toBe('boom');
  });
});
