// kubectl describe node (describeNode): labels, taints, lease, conditions, addresses, capacity,
// system info, the pods on the node with their share of it, and events.

import type { Node, Pod } from '../../api/types.ts';
import type { KubeObject } from '../../api/object.ts';
import { milliValue } from '../../api/quantity.ts';
import { formatBytes, formatMilli } from '../../api/quantity.ts';
import { R } from '../../api/wellknown.ts';
import { podLimits, podRequests } from '../../scheduler/resources.ts';
import { nodeRoles } from '../printers/tables/core.ts';
import { describeEvents, eventsFor, printAnnotations, printLabels, printTaints, rfc1123, since } from './common.ts';
import type { Describer } from './types.ts';
import { LEVEL_0, LEVEL_1, tabbed } from './writer.ts';

interface LeaseSpec {
  holderIdentity?: string;
  acquireTime?: string;
  renewTime?: string;
}

function pct(part: number, whole: number): number {
  return whole ? Math.trunc((part / whole) * 100) : 0;
}

export const nodeDescriber: Describer = (obj: KubeObject, ctx) => {
  const node = obj as unknown as Node;
  const status = node.status ?? {};
  const lease = ctx.store.get(R.leases, 'kube-node-lease', obj.metadata.name!)?.spec as LeaseSpec | undefined;
  const pods = ctx.store
    .byIndex(R.pods, 'nodeName', obj.metadata.name!)
    .map((p) => p as unknown as Pod)
    .filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
    .sort((a, b) => `${a.metadata!.namespace}/${a.metadata!.name}` < `${b.metadata!.namespace}/${b.metadata!.name}` ? -1 : 1);
  const alloc = (status.allocatable ?? status.capacity ?? {}) as Record<string, string>;
  const cpuAlloc = alloc.cpu ? milliValue(alloc.cpu) : 0;
  const memAlloc = alloc.memory ? Math.floor(milliValue(alloc.memory) / 1000) : 0;
  const ephAlloc = alloc['ephemeral-storage'] ? Math.floor(milliValue(alloc['ephemeral-storage']) / 1000) : 0;
  return tabbed((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Roles:\t${nodeRoles(node)}\n`);
    printLabels(w, 'Labels', obj.metadata.labels);
    printAnnotations(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123(obj.metadata.creationTimestamp)}\n`);
    printTaints(w, 'Taints', node.spec?.taints);
    w.write(LEVEL_0, `Unschedulable:\t${!!node.spec?.unschedulable}\n`);
    if (lease) {
      w.write(LEVEL_0, 'Lease:\n');
      w.write(LEVEL_1, `HolderIdentity:\t${lease.holderIdentity ?? '<unset>'}\n`);
      w.write(LEVEL_1, `AcquireTime:\t${lease.acquireTime ? rfc1123(lease.acquireTime) : '<unset>'}\n`);
      w.write(LEVEL_1, `RenewTime:\t${lease.renewTime ? rfc1123(lease.renewTime) : '<unset>'}\n`);
    }
    if (status.conditions?.length) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of status.conditions) {
        w.write(LEVEL_1, `${c.type} \t${c.status} \t${rfc1123(c.lastHeartbeatTime)} \t${rfc1123(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
      }
    }
    w.write(LEVEL_0, 'Addresses:\n');
    for (const a of status.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
    for (const [title, list] of [['Capacity', status.capacity], ['Allocatable', status.allocatable]] as const) {
      const names = Object.keys(list ?? {}).sort();
      if (!names.length) continue;
      w.write(LEVEL_0, `${title}:\n`);
      for (const n of names) w.write(LEVEL_0, `  ${n}:\t${String((list as Record<string, string>)[n])}\n`);
    }
    const info = status.nodeInfo;
    w.write(LEVEL_0, 'System Info:\n');
    w.write(LEVEL_0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
    w.write(LEVEL_0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
    w.write(LEVEL_0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
    w.write(LEVEL_0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
    w.write(LEVEL_0, `  OS Image:\t${info?.osImage ?? ''}\n`);
    w.write(LEVEL_0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
    w.write(LEVEL_0, `  Architecture:\t${info?.architecture ?? ''}\n`);
    w.write(LEVEL_0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
    if (node.spec?.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${node.spec.podCIDR}\n`);
    if (node.spec?.podCIDRs?.length) w.write(LEVEL_0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);
    if (node.spec?.providerID) w.write(LEVEL_0, `ProviderID:\t${node.spec.providerID}\n`);

    w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
    w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
    w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
    const total = { cpuReq: 0, cpuLim: 0, memReq: 0, memLim: 0, ephReq: 0, ephLim: 0 };
    for (const p of pods) {
      const req = podRequests(p);
      const lim = podLimits(p);
      total.cpuReq += req.milliCPU;
      total.cpuLim += lim.milliCPU;
      total.memReq += req.memory;
      total.memLim += lim.memory;
      total.ephReq += req.ephemeralStorage;
      total.ephLim += lim.ephemeralStorage;
      w.write(
        LEVEL_1,
        `${p.metadata!.namespace}\t${p.metadata!.name}\t\t${formatMilli(req.milliCPU)} (${pct(req.milliCPU, cpuAlloc)}%)\t${formatMilli(lim.milliCPU)} (${pct(lim.milliCPU, cpuAlloc)}%)\t` +
          `${formatBytes(req.memory)} (${pct(req.memory, memAlloc)}%)\t${formatBytes(lim.memory)} (${pct(lim.memory, memAlloc)}%)\t${since(p.metadata!.creationTimestamp, ctx.now)}\n`,
      );
    }
    w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
    w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
    w.write(LEVEL_1, '--------\t--------\t------\n');
    w.write(LEVEL_1, `cpu\t${formatMilli(total.cpuReq)} (${pct(total.cpuReq, cpuAlloc)}%)\t${formatMilli(total.cpuLim)} (${pct(total.cpuLim, cpuAlloc)}%)\n`);
    w.write(LEVEL_1, `memory\t${formatBytes(total.memReq)} (${pct(total.memReq, memAlloc)}%)\t${formatBytes(total.memLim)} (${pct(total.memLim, memAlloc)}%)\n`);
    w.write(LEVEL_1, `ephemeral-storage\t${formatBytes(total.ephReq)} (${pct(total.ephReq, ephAlloc)}%)\t${formatBytes(total.ephLim)} (${pct(total.ephLim, ephAlloc)}%)\n`);
    for (const r of Object.keys(alloc).filter((k) => k.startsWith('hugepages-')).sort()) w.write(LEVEL_1, `${r}\t0 (0%)\t0 (0%)\n`);
    if (ctx.showEvents) describeEvents(w, eventsFor(ctx.store, obj), ctx.now);
  });
};
