// A pod's resource requests as the scheduler and kubelet count them (k8s.io/component-helpers
// resource.PodRequests): the sum over containers, or the largest init container if bigger, with
// sidecars (restartable init containers) running beside everything after them; plus pod overhead.

import type { Container, Pod } from '../api/types.ts';
import { milliValue } from '../api/quantity.ts';

export interface Resources {
  milliCPU: number;
  /** Bytes. */
  memory: number;
  /** Bytes. */
  ephemeralStorage: number;
}

export const zeroResources = (): Resources => ({ milliCPU: 0, memory: 0, ephemeralStorage: 0 });

/** What the scheduler assumes for a container that requests nothing, when scoring (not fitting). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

function containerRequests(c: Container, nonZero: boolean): Resources {
  const req = c.resources?.requests as Record<string, string | number> | undefined;
  const cpu = req?.cpu;
  const mem = req?.memory;
  const eph = req?.['ephemeral-storage'];
  return {
    milliCPU: cpu !== undefined ? milliValue(cpu) : nonZero ? DEFAULT_MILLI_CPU_REQUEST : 0,
    memory: mem !== undefined ? Math.ceil(milliValue(mem) / 1000) : nonZero ? DEFAULT_MEMORY_REQUEST : 0,
    ephemeralStorage: eph !== undefined ? Math.ceil(milliValue(eph) / 1000) : 0,
  };
}

function add(a: Resources, b: Resources): Resources {
  return { milliCPU: a.milliCPU + b.milliCPU, memory: a.memory + b.memory, ephemeralStorage: a.ephemeralStorage + b.ephemeralStorage };
}

function max(a: Resources, b: Resources): Resources {
  return {
    milliCPU: Math.max(a.milliCPU, b.milliCPU),
    memory: Math.max(a.memory, b.memory),
    ephemeralStorage: Math.max(a.ephemeralStorage, b.ephemeralStorage),
  };
}

/** PodRequests; with `nonZero`, containers without requests count as 100m CPU and 200Mi memory. */
export function podRequests(pod: Pod, nonZero = false): Resources {
  const spec = pod.spec;
  let sum = zeroResources();
  for (const c of spec?.containers ?? []) sum = add(sum, containerRequests(c, nonZero));
  let sidecars = zeroResources();
  let initMax = zeroResources();
  for (const c of spec?.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    if (c.restartPolicy === 'Always') {
      sidecars = add(sidecars, r);
      initMax = max(initMax, sidecars);
    } else {
      initMax = max(initMax, add(r, sidecars));
    }
  }
  let total = max(add(sum, sidecars), initMax);
  const overhead = spec?.overhead as Record<string, string> | undefined;
  if (overhead) {
    total = add(total, {
      milliCPU: overhead.cpu ? milliValue(overhead.cpu) : 0,
      memory: overhead.memory ? Math.ceil(milliValue(overhead.memory) / 1000) : 0,
      ephemeralStorage: 0,
    });
  }
  return total;
}

/** Limits summed the same way (kubectl describe node's "Allocated resources" shows them). */
export function podLimits(pod: Pod): Resources {
  const asRequests = (c: Container): Container => ({ ...c, resources: { requests: c.resources?.limits } });
  return podRequests({
    ...pod,
    spec: {
      ...pod.spec!,
      containers: (pod.spec?.containers ?? []).map(asRequests),
      initContainers: pod.spec?.initContainers?.map(asRequests),
    },
  });
}
