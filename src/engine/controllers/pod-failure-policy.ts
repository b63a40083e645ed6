// A Job's podFailurePolicy (pkg/controller/job/pod_failure_policy.go): the first rule that a
// failed pod matches — by a container's non-zero exit code, or by a pod condition — decides
// whether the failure counts against backoffLimit (Count), is ignored (Ignore), or fails the whole
// job at once (FailJob, with the message the FailureTarget and Failed conditions carry).
// FailIndex needs backoffLimitPerIndex, which the sandbox does not model: it counts like Count.

import type * as batchTypes from 'kubernetes-types/batch/v1';
import type { Mutable, Pod } from '../api/types.ts';

type PodFailurePolicy = Mutable<batchTypes.PodFailurePolicy>;

export interface PolicyVerdict {
  /** Whether the failure counts against backoffLimit. */
  countFailed: boolean;
  action?: 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';
  /** For FailJob: why. */
  message?: string;
}

export function matchPodFailurePolicy(policy: PodFailurePolicy | undefined, pod: Pod & { metadata?: { name?: string; namespace?: string } }): PolicyVerdict {
  if (!policy) return { countFailed: true };
  const ns = pod.metadata?.namespace;
  const name = pod.metadata?.name;
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const [index, rule] of (policy.rules ?? []).entries()) {
    let failJob: string | undefined;
    if (rule.onExitCodes) {
      const req = rule.onExitCodes;
      const cs = statuses.find((s) => {
        if (req.containerName && req.containerName !== s.name) return false;
        const code = s.state?.terminated?.exitCode;
        if (code === undefined || code === 0) return false;
        const listed = req.values.includes(code);
        return req.operator === 'In' ? listed : !listed;
      });
      if (!cs) continue;
      failJob = `Container ${cs.name} for pod ${ns}/${name} failed with exit code ${cs.state!.terminated!.exitCode} matching ${rule.action} rule at index ${index}`;
    } else if (rule.onPodConditions) {
      const cond = (pod.status?.conditions ?? []).find((c) => rule.onPodConditions!.some((p) => p.type === c.type && (p.status ?? 'True') === c.status));
      if (!cond) continue;
      failJob = `Pod ${ns}/${name} has condition ${cond.type} matching ${rule.action} rule at index ${index}`;
    } else continue;
    switch (rule.action) {
      case 'Ignore':
        return { countFailed: false, action: 'Ignore' };
      case 'FailJob':
        return { countFailed: true, action: 'FailJob', message: failJob };
      case 'FailIndex':
        return { countFailed: true, action: 'FailIndex' };
      default:
        return { countFailed: true, action: 'Count' };
    }
  }
  return { countFailed: true };
}
