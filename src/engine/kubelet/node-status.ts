// The Node object a kubelet registers and the status it reports: capacity and allocatable, the
// pressure and Ready conditions, addresses, system info and the images it holds.

import type { ContainerImage, Node, NodeCondition, NodeSystemInfo } from '../api/types.ts';
import { CONTAINER_RUNTIME, KERNEL_VERSION, KUBE_VERSION, OS_IMAGE } from '../version.ts';
import { formatRFC3339 } from '../util/time.ts';

export interface NodeSpecInput {
  name: string;
  ip: string;
  controlPlane: boolean;
  cpu: number;
  /** Memory in KiB. */
  memoryKi: number;
  /** Ephemeral storage in KiB. */
  storageKi: number;
  maxPods: number;
  machineID: string;
  systemUUID: string;
  bootID: string;
}

/** The kubelet's default hard eviction threshold memory.available<100Mi comes off allocatable. */
const EVICTION_MEMORY_KI = 100 * 1024;
/** nodefs.available<10% comes off allocatable ephemeral storage. */
const EVICTION_NODEFS_FRACTION = 0.1;

export function nodeLabels(n: NodeSpecInput): Record<string, string> {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': n.name,
    'kubernetes.io/os': 'linux',
  };
  if (n.controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  return labels;
}

export function registrationNode(n: NodeSpecInput): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      labels: nodeLabels(n),
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: n.controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {},
  };
}

export function capacity(n: NodeSpecInput): Record<string, string> {
  return {
    cpu: String(n.cpu),
    'ephemeral-storage': `${n.storageKi}Ki`,
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${n.memoryKi}Ki`,
    pods: String(n.maxPods),
  };
}

export function allocatable(n: NodeSpecInput): Record<string, string> {
  const storageBytes = Math.floor(n.storageKi * 1024 * (1 - EVICTION_NODEFS_FRACTION));
  return {
    cpu: String(n.cpu),
    'ephemeral-storage': String(storageBytes),
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: `${n.memoryKi - EVICTION_MEMORY_KI}Ki`,
    pods: String(n.maxPods),
  };
}

export function systemInfo(n: NodeSpecInput): NodeSystemInfo {
  return {
    architecture: 'amd64',
    bootID: n.bootID,
    containerRuntimeVersion: CONTAINER_RUNTIME,
    kernelVersion: KERNEL_VERSION,
    kubeProxyVersion: KUBE_VERSION,
    kubeletVersion: KUBE_VERSION,
    machineID: n.machineID,
    operatingSystem: 'linux',
    osImage: OS_IMAGE,
    systemUUID: n.systemUUID,
  };
}

export interface ConditionInput {
  type: string;
  ok: boolean;
  reason: string;
  message: string;
}

/** The kubelet's conditions, in the order it reports them. */
export function kubeletConditions(ready: { ok: boolean; message: string; reason: string }): ConditionInput[] {
  return [
    { type: 'MemoryPressure', ok: false, reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
    { type: 'DiskPressure', ok: false, reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
    { type: 'PIDPressure', ok: false, reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
    { type: 'Ready', ok: ready.ok, reason: ready.reason, message: ready.message },
  ];
}

/** Conditions as API objects, keeping transition times of conditions whose status did not change. */
export function toNodeConditions(inputs: readonly ConditionInput[], previous: readonly NodeCondition[] | undefined, now: number): NodeCondition[] {
  return inputs.map((c) => {
    const status = c.ok ? 'True' : 'False';
    const prev = previous?.find((p) => p.type === c.type);
    return {
      lastHeartbeatTime: formatRFC3339(now),
      lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : formatRFC3339(now),
      message: c.message,
      reason: c.reason,
      status,
      type: c.type,
    };
  });
}

/** node.status.images: the largest first, at most 50 (nodeStatusMaxImages). */
export function imageList(images: ReadonlyMap<string, { names: string[]; size: number }>): ContainerImage[] {
  return [...images.values()]
    .sort((a, b) => b.size - a.size || (a.names[0] < b.names[0] ? -1 : 1))
    .slice(0, 50)
    .map((i) => ({ names: i.names, sizeBytes: i.size }));
}
