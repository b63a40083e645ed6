import { describe, expect, it } from 'vitest';
import { podRow } from './core.ts';
import type { Pod } from '../../../api/types.ts';

const NOW = Date.UTC(2025, 5, 2, 9, 0, 0);
const running = { running: { startedAt: '2025-06-02T08:00:00Z' } };
const cs = (name: string, state: object, extra: object = {}) => ({ name, image: 'x', imageID: '', ready: false, restartCount: 0, state, ...extra });

function pod(status: Pod['status'], spec: Partial<NonNullable<Pod['spec']>> = {}, deleting = false): Pod {
  return {
    metadata: { name: 'p', ...(deleting ? { deletionTimestamp: '2025-06-02T09:00:30Z' } : {}) },
    spec: { containers: [{ name: 'a' }], ...spec },
    status,
  };
}

describe('the READY, STATUS and RESTARTS columns of kubectl get pods', () => {
  it.each<[string, Pod, string, string, string]>([
    ['a pending pod shows its phase', pod({ phase: 'Pending' }), '0/1', 'Pending', '0'],
    ['a container being created', pod({ phase: 'Pending', containerStatuses: [cs('a', { waiting: { reason: 'ContainerCreating' } })] }), '0/1', 'ContainerCreating', '0'],
    ['a running, ready container', pod({ phase: 'Running', containerStatuses: [cs('a', running, { ready: true })] }), '1/1', 'Running', '0'],
    ['a container that cannot pull its image', pod({ phase: 'Pending', containerStatuses: [cs('a', { waiting: { reason: 'ImagePullBackOff' } })] }), '0/1', 'ImagePullBackOff', '0'],
    [
      'a container in back-off with restarts and when it last restarted',
      pod({ phase: 'Running', containerStatuses: [cs('a', { waiting: { reason: 'CrashLoopBackOff' } }, { restartCount: 3, lastState: { terminated: { exitCode: 1, finishedAt: '2025-06-02T08:59:20Z' } } })] }),
      '0/1',
      'CrashLoopBackOff',
      '3 (40s ago)',
    ],
    ['a finished container', pod({ phase: 'Succeeded', containerStatuses: [cs('a', { terminated: { exitCode: 0, reason: 'Completed' } })] }), '0/1', 'Completed', '0'],
    ['a container killed by a signal without a reason', pod({ phase: 'Failed', containerStatuses: [cs('a', { terminated: { exitCode: 137, signal: 9 } })] }), '0/1', 'Signal:9', '0'],
    ['a container that exited without a reason', pod({ phase: 'Failed', containerStatuses: [cs('a', { terminated: { exitCode: 2 } })] }), '0/1', 'ExitCode:2', '0'],
    [
      'the first container\'s state wins over later ones',
      pod({ phase: 'Pending', containerStatuses: [cs('a', { waiting: { reason: 'ErrImagePull' } }), cs('b', running, { ready: true })] }, { containers: [{ name: 'a' }, { name: 'b' }] }),
      '1/2',
      'ErrImagePull',
      '0',
    ],
    [
      'init containers still to run show Init:N/M',
      pod({ phase: 'Pending', initContainerStatuses: [cs('i1', { running: {} }), cs('i2', { waiting: { reason: 'PodInitializing' } })], containerStatuses: [cs('a', { waiting: { reason: 'PodInitializing' } })] }, { initContainers: [{ name: 'i1' }, { name: 'i2' }] }),
      '0/1',
      'Init:0/2',
      '0',
    ],
    [
      'a failing init container shows its reason',
      pod({ phase: 'Pending', initContainerStatuses: [cs('i1', { waiting: { reason: 'CrashLoopBackOff' } })], containerStatuses: [cs('a', { waiting: { reason: 'PodInitializing' } })] }, { initContainers: [{ name: 'i1' }] }),
      '0/1',
      'Init:CrashLoopBackOff',
      '0',
    ],
    ['a pod being deleted shows Terminating', pod({ phase: 'Running', containerStatuses: [cs('a', running, { ready: true })] }, {}, true), '1/1', 'Terminating', '0'],
    ['a finished pod being deleted keeps its phase', pod({ phase: 'Succeeded', containerStatuses: [cs('a', { terminated: { exitCode: 0, reason: 'Completed' } })] }, {}, true), '0/1', 'Completed', '0'],
  ])('%s', (_name, p, ready, status, restarts) => {
    expect(podRow(p, NOW)).toEqual({ ready, status, restarts });
  });
});
