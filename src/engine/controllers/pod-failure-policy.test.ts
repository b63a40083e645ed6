import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types.ts';
import { matchPodFailurePolicy, type PolicyVerdict } from './pod-failure-policy.ts';

const failedPod = (codes: Record<string, number>, conditions: { type: string; status: string }[] = []): Pod => ({
  metadata: { name: 'mypod', namespace: 'default' },
  status: {
    phase: 'Failed',
    conditions,
    containerStatuses: Object.entries(codes).map(([name, exitCode]) => ({ name, image: 'x', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode } } })),
  },
});

// Cases after pod_failure_policy_test.go (TestMatchPodFailurePolicy).
describe('matchPodFailurePolicy', () => {
  const cases: [string, Parameters<typeof matchPodFailurePolicy>[0], Pod, PolicyVerdict][] = [
    ['no policy: the failure counts', undefined, failedPod({ main: 1 }), { countFailed: true }],
    [
      'FailJob on an exit code in the list',
      { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [2, 42] } }] },
      failedPod({ main: 42 }),
      { countFailed: true, action: 'FailJob', message: 'Container main for pod default/mypod failed with exit code 42 matching FailJob rule at index 0' },
    ],
    ['an exit code not in the list does not match', { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [2] } }] }, failedPod({ main: 1 }), { countFailed: true }],
    ['NotIn matches other codes', { rules: [{ action: 'Ignore', onExitCodes: { operator: 'NotIn', values: [2] } }] }, failedPod({ main: 1 }), { countFailed: false, action: 'Ignore' }],
    ['exit code 0 never matches', { rules: [{ action: 'FailJob', onExitCodes: { operator: 'NotIn', values: [1] } }] }, failedPod({ main: 0 }), { countFailed: true }],
    ['a rule for another container does not match', { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'side', operator: 'In', values: [1] } }] }, failedPod({ main: 1 }), { countFailed: true }],
    [
      'the first matching rule wins',
      { rules: [{ action: 'Count', onExitCodes: { operator: 'In', values: [1] } }, { action: 'FailJob', onExitCodes: { operator: 'In', values: [1] } }] },
      failedPod({ main: 1 }),
      { countFailed: true, action: 'Count' },
    ],
    [
      'Ignore a disruption by its pod condition',
      { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] },
      failedPod({ main: 137 }, [{ type: 'DisruptionTarget', status: 'True' }]),
      { countFailed: false, action: 'Ignore' },
    ],
    [
      'FailJob on a pod condition',
      { rules: [{ action: 'FailJob', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] },
      failedPod({ main: 137 }, [{ type: 'DisruptionTarget', status: 'True' }]),
      { countFailed: true, action: 'FailJob', message: 'Pod default/mypod has condition DisruptionTarget matching FailJob rule at index 0' },
    ],
    ['a condition with another status does not match', { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] }, failedPod({ main: 1 }, [{ type: 'DisruptionTarget', status: 'False' }]), { countFailed: true }],
  ];
  it.each(cases)('%s', (_, policy, pod, want) => expect(matchPodFailurePolicy(policy, pod)).toEqual(want));
});
