// What every running container uses right now: the sandbox's stand-in for the work real traffic
// causes. It keeps the loads a learner set (`sandbox load deployment/php-apache 500m`), finds the
// load-generator pods that loop `wget http://SERVICE` and turns both into CPU demand on the ready
// pods behind them, and measures each container as runtime/usage.ts computes it. Measured CPU
// follows demand smoothly, so the state it keeps — each container's CPU at its last measurement —
// is part of the snapshot, as are the loads.

import { labelSelectorAsSelector, selectorFromSet, type Selector } from '../api/labels.ts';
import { milliValue } from '../api/quantity.ts';
import type { KubeObject } from '../api/object.ts';
import type { LabelSelector, Pod, Service } from '../api/types.ts';
import { R } from '../api/wellknown.ts';
import { isPodReady } from '../controllers/replicaset-util.ts';
import { approach, containerUsage, generatorDemand, loadGeneratorTarget, spread, type Usage } from '../runtime/usage.ts';
import type { Component, Sim } from '../sim/sim.ts';
import type { Store } from '../store/store.ts';
import { parseRFC3339 } from '../util/time.ts';

type PodObj = KubeObject & Pod;

/** What a load is set on: the pods a Deployment (or ReplicaSet, StatefulSet…) or a Service selects. */
export interface LoadTarget {
  /** "deployments.apps", "services", … */
  resource: string;
  namespace: string;
  name: string;
}

export interface ContainerUsage extends Usage {
  name: string;
}

export interface PodUsage {
  namespace: string;
  name: string;
  uid: string;
  nodeName: string;
  labels: Record<string, string>;
  containers: ContainerUsage[];
}

interface State {
  loads: [string, number][];
  measured: [string, [number, number]][];
}

const loadKey = (t: LoadTarget) => `${t.resource}/${t.namespace}/${t.name}`;

export class WorkloadUsage implements Component {
  readonly name = 'workload-usage';
  /** Total CPU demand (millicores) per target key. */
  private loads = new Map<string, number>();
  /** Per container (pod uid/container name): the load part of its CPU at the last measurement, and when. */
  private measured = new Map<string, [number, number]>();

  constructor(
    private readonly store: Store,
    private readonly sim: Sim,
  ) {
    sim.register(this);
  }

  setLoad(t: LoadTarget, millicores: number): void {
    // Measure first, so that what was used until now follows the old demand.
    this.measure();
    if (millicores > 0) this.loads.set(loadKey(t), millicores);
    else this.loads.delete(loadKey(t));
  }

  listLoads(): { target: LoadTarget; millicores: number }[] {
    return [...this.loads].map(([k, millicores]) => {
      const [resource, namespace, name] = k.split('/');
      return { target: { resource, namespace, name }, millicores };
    });
  }

  /** The pods a target selects, if it exists and has a selector. */
  private selected(resource: string, namespace: string, name: string): PodObj[] {
    const obj = this.store.get(resource, namespace, name);
    if (!obj) return [];
    let sel: Selector;
    try {
      const spec = obj.spec as { selector?: LabelSelector | Record<string, string> } | undefined;
      if (!spec?.selector) return [];
      sel = resource === 'services' || resource === 'replicationcontrollers' ? selectorFromSet(spec.selector as Record<string, string>) : labelSelectorAsSelector(spec.selector as LabelSelector);
    } catch {
      return [];
    }
    return (this.store.list(R.pods, namespace) as PodObj[]).filter((p) => !p.metadata.deletionTimestamp && sel.matches(p.metadata.labels ?? {}));
  }

  /** CPU demand per pod uid from loads and load generators, spread over the ready pods behind each. */
  private demand(): Map<string, number> {
    const d = new Map<string, number>();
    const add = (pods: PodObj[], total: number) => {
      const ready = pods.filter((p) => p.status?.phase === 'Running' && isPodReady(p));
      const each = spread(total, ready.length);
      for (const p of ready) d.set(p.metadata.uid!, (d.get(p.metadata.uid!) ?? 0) + each);
    };
    for (const { target, millicores } of this.listLoads()) add(this.selected(target.resource, target.namespace, target.name), millicores);
    for (const p of this.store.each(R.pods)) {
      const pod = p as PodObj;
      if (pod.status?.phase !== 'Running' || pod.metadata.deletionTimestamp) continue;
      for (const c of pod.spec?.containers ?? []) {
        const t = loadGeneratorTarget(c.command, c.args);
        if (!t || !isRunning(pod, c.name)) continue;
        const ns = t.namespace ?? pod.metadata.namespace!;
        const svc = this.store.get(R.services, ns, t.service) as (KubeObject & Service) | undefined;
        if (!svc?.spec?.selector) continue;
        const servers = this.selected(R.services, ns, t.service);
        const image = servers[0]?.spec?.containers?.[0]?.image;
        if (image) add(servers, generatorDemand(image));
      }
    }
    return d;
  }

  /**
   * Every running container's usage now. Measured CPU moves toward the current demand from where
   * it was at the last measurement.
   */
  measure(): PodUsage[] {
    const now = this.sim.now();
    const demand = this.demand();
    const seen = new Set<string>();
    const out: PodUsage[] = [];
    for (const p of this.store.each(R.pods)) {
      const pod = p as PodObj;
      const node = pod.spec?.nodeName;
      if (!node || pod.status?.phase !== 'Running') continue;
      const uid = pod.metadata.uid!;
      const containers: ContainerUsage[] = [];
      const specs = pod.spec?.containers ?? [];
      // The demand lands on the container serving it: the first with a port, else the first.
      const server = specs.find((c) => c.ports?.length)?.name ?? specs[0]?.name;
      for (const c of specs) {
        const started = startedAt(pod, c.name);
        if (started === undefined) continue;
        const key = `${uid}/${c.name}`;
        seen.add(key);
        const target = c.name === server ? (demand.get(uid) ?? 0) : 0;
        const [prev, at] = this.measured.get(key) ?? [0, started];
        const load = approach(prev, target, now - at);
        this.measured.set(key, [load, now]);
        const limit = c.resources?.limits?.cpu;
        const u = containerUsage(c.image ?? '', load, limit !== undefined ? milliValue(limit) : undefined, key, now);
        containers.push({ name: c.name, cpu: u.cpu, memory: u.memory });
      }
      if (containers.length) out.push({ namespace: pod.metadata.namespace!, name: pod.metadata.name!, uid, nodeName: node, labels: pod.metadata.labels ?? {}, containers });
    }
    for (const k of [...this.measured.keys()]) if (!seen.has(k)) this.measured.delete(k);
    return out;
  }

  snapshot(): State {
    return { loads: [...this.loads], measured: [...this.measured] };
  }

  restore(state: unknown): void {
    const s = state as State;
    this.loads = new Map(s.loads);
    this.measured = new Map(s.measured);
  }
}

function status(pod: PodObj, name: string) {
  return pod.status?.containerStatuses?.find((s) => s.name === name);
}

function isRunning(pod: PodObj, name: string): boolean {
  return !!status(pod, name)?.state?.running;
}

function startedAt(pod: PodObj, name: string): number | undefined {
  const t = status(pod, name)?.state?.running?.startedAt;
  return parseRFC3339(t);
}
