// A whole cluster: the store, the apiserver with its admission chain, the controller-manager's
// controllers, the scheduler and one kubelet per node, all driven by one simulation clock.
//
// A cluster boots at a fixed instant and settles for a few simulated minutes, so a learner starts
// with a control plane that has been up for a while. Everything after that happens only when a
// host advances time or sends a command.

import type { Pod } from './api/types.ts';
import { ApiServer } from './apiserver/apiserver.ts';
import { ApiServerBootstrap } from './apiserver/bootstrap.ts';
import { DefaultTolerationSeconds } from './apiserver/admission/default-toleration-seconds.ts';
import { NamespaceLifecycle } from './apiserver/admission/namespace-lifecycle.ts';
import { PriorityAdmission } from './apiserver/admission/priority.ts';
import { ServiceAccountAdmission } from './apiserver/admission/service-account.ts';
import { buildStrategies } from './apiserver/strategies/index.ts';
import { KindRegistry } from './api/kinds.ts';
import { K, R } from './api/wellknown.ts';
import type { KubeObject } from './api/object.ts';
import type { Controller, ControllerContext } from './controllers/context.ts';
import { DaemonSetController } from './controllers/daemonset.ts';
import { GarbageCollector } from './controllers/garbage-collector.ts';
import { NamespaceController } from './controllers/namespace.ts';
import { NodeIpamController } from './controllers/node-ipam.ts';
import { NodeLifecycleController } from './controllers/node-lifecycle.ts';
import { PodGarbageCollector } from './controllers/pod-gc.ts';
import { StatefulSetController } from './controllers/statefulset.ts';
import { JobController } from './controllers/job.ts';
import { TTLAfterFinishedController } from './controllers/ttl-after-finished.ts';
import { CronJobController } from './controllers/cronjob.ts';
import { REPLICATION_CONTROLLER, ReplicaSetController } from './controllers/replicaset.ts';
import { DeploymentController } from './controllers/deployment.ts';
import { HorizontalPodAutoscalerController } from './controllers/horizontal-pod-autoscaler.ts';
import { TaintEvictionController } from './controllers/taint-eviction.ts';
import { fakeCertificate, RootCAPublisher } from './controllers/root-ca-publisher.ts';
import { ServiceAccountController } from './controllers/serviceaccount.ts';
import { EventRecorder } from './events/recorder.ts';
import { Kubelet, type KubeletOptions } from './kubelet/kubelet.ts';
import { controlPlaneManifests } from './kubelet/static-pods.ts';
import { SERVICE_CIDR } from './network/service-alloc.ts';
import { installAddons } from './sandbox/addons.ts';
import { ImageRegistry } from './runtime/registry.ts';
import { MetricsServer } from './metrics/metrics-server.ts';
import { WorkloadUsage } from './metrics/workload-usage.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import { Sim, type SimState } from './sim/sim.ts';
import { Store, type StoreSnapshot } from './store/store.ts';
import { CLUSTER_EPOCH, KUBE_VERSION } from './version.ts';
import { strictDecoder } from './apiserver/decoder.ts';

export interface ClusterOptions {
  seed?: number;
  /** Worker nodes besides the control plane (default 2). */
  workers?: number;
  /** Simulated time the cluster runs before the learner arrives (default 5 minutes). */
  settleMs?: number;
  /** Freeze stored objects so that accidental mutation throws (tests). */
  freeze?: boolean;
  /** Install kube-proxy, CoreDNS, flannel and metrics-server at boot (default true). */
  addons?: boolean;
}

export const CONTROL_PLANE_NODE = 'k8s-master01';
export const CLUSTER_CIDR = '10.244.0.0/16';
const NODE_IP_BASE = '192.168.31.';
const DEFAULT_SETTLE_MS = 5 * 60_000;

export function workerName(i: number): string {
  return `k8s-node${String(i).padStart(2, '0')}`;
}

const SYSTEM_IMAGES = [
  'registry.k8s.io/pause:3.9',
  `registry.k8s.io/kube-proxy:${KUBE_VERSION}`,
  'docker.io/flannel/flannel:v0.25.4',
  'docker.io/flannel/flannel-cni-plugin:v1.4.1-flannel1',
];
const CONTROL_PLANE_IMAGES = [
  ...SYSTEM_IMAGES,
  'registry.k8s.io/etcd:3.5.12-0',
  `registry.k8s.io/kube-apiserver:${KUBE_VERSION}`,
  `registry.k8s.io/kube-controller-manager:${KUBE_VERSION}`,
  `registry.k8s.io/kube-scheduler:${KUBE_VERSION}`,
  'registry.k8s.io/coredns/coredns:v1.11.1',
];

export interface ClusterSnapshot {
  format: 'kube-sandbox/cluster';
  version: 1;
  options: ClusterOptions;
  nodes: KubeletOptions[];
  store: StoreSnapshot;
  sim: SimState;
}

export class Cluster {
  readonly sim: Sim;
  readonly store: Store;
  readonly kinds: KindRegistry;
  readonly api: ApiServer;
  readonly events: EventRecorder;
  readonly registry = new ImageRegistry();
  readonly scheduler: Scheduler;
  readonly kubelets = new Map<string, Kubelet>();
  readonly controllers: Controller[] = [];
  /** What the containers use (loads, load generators), and metrics-server, which measures it. */
  readonly usage: WorkloadUsage;
  readonly metrics: MetricsServer;
  private readonly bootstrap: ApiServerBootstrap;
  private readonly ctx: ControllerContext;
  private readonly nodeOptions: KubeletOptions[] = [];

  constructor(readonly options: ClusterOptions = {}, restoreFrom?: ClusterSnapshot) {
    const seed = options.seed ?? 1;
    this.sim = new Sim(CLUSTER_EPOCH, seed);
    this.store = new Store();
    this.store.freeze = !!options.freeze;
    this.store.addIndex(R.pods, 'nodeName', (o) => {
      const n = (o as Pod).spec?.nodeName;
      return n ? [n] : [];
    });
    if (restoreFrom) this.store.restore(restoreFrom.store);
    this.kinds = new KindRegistry();
    this.api = new ApiServer(this.store, this.kinds, this.sim, buildStrategies(this.kinds.kinds));
    this.api.decoder = strictDecoder;
    for (const p of [NamespaceLifecycle, ServiceAccountAdmission, DefaultTolerationSeconds, PriorityAdmission]) this.api.addAdmission(p);
    this.events = new EventRecorder(this.api, this.sim);
    this.ctx = { api: this.api, store: this.store, sim: this.sim, events: this.events, kinds: this.kinds };
    this.bootstrap = new ApiServerBootstrap(this.api, this.sim, NODE_IP_BASE + '10');
    const ca = fakeCertificate((n) => base64(this.sim.random, n));
    this.controllers.push(
      new NamespaceController(this.ctx),
      new GarbageCollector(this.ctx),
      new ServiceAccountController(this.ctx),
      new RootCAPublisher(this.ctx, ca),
      new NodeIpamController(this.ctx),
      new NodeLifecycleController(this.ctx),
      new TaintEvictionController(this.ctx),
      new PodGarbageCollector(this.ctx),
      new DaemonSetController(this.ctx),
      new StatefulSetController(this.ctx),
      new ReplicaSetController(this.ctx),
      new ReplicaSetController(this.ctx, REPLICATION_CONTROLLER),
      new DeploymentController(this.ctx),
      new JobController(this.ctx),
      new TTLAfterFinishedController(this.ctx),
      new CronJobController(this.ctx),
    );
    this.usage = new WorkloadUsage(this.store, this.sim);
    this.metrics = new MetricsServer(this.store, this.sim, this.usage, (node) => this.kubelets.get(node)?.isRunning() ?? false);
    this.controllers.push(new HorizontalPodAutoscalerController(this.ctx, this.metrics));
    this.scheduler = new Scheduler(this.api, this.store, this.sim, this.events);
    this.store.watch(R.pods, (e) => {
      const node = (e.object as Pod).spec?.nodeName;
      if (node) this.kubelets.get(node)?.onPodEvent(e.type, e.object as KubeObject & Pod);
    });

    if (restoreFrom) {
      for (const n of restoreFrom.nodes) this.createKubelet(n);
      for (const c of this.controllers) c.resync();
      this.sim.restoreCore(restoreFrom.sim);
      for (const [name, state] of Object.entries(restoreFrom.sim.components)) this.sim.component(name)?.restore?.(state);
      return;
    }

    this.bootstrap.start();
    this.sim.advance(0);
    this.addNode({ name: CONTROL_PLANE_NODE, ip: NODE_IP_BASE + '10', controlPlane: true });
    // kubeadm's add-ons, the CNI and metrics-server go in once the control plane is up, before the workers join.
    if (options.addons !== false) {
      installAddons(this.api, { apiserverIP: this.controlPlaneIP(), clusterCIDR: CLUSTER_CIDR });
      this.sim.advance(0);
    }
    const workers = options.workers ?? 2;
    for (let i = 1; i <= workers; i++) this.addNode({ name: workerName(i), ip: NODE_IP_BASE + String(10 + i), controlPlane: false });
    this.sim.advance(options.settleMs ?? DEFAULT_SETTLE_MS);
  }

  now(): number {
    return this.sim.now();
  }

  /** The apiserver's address (the control-plane node's). */
  controlPlaneIP(): string {
    return NODE_IP_BASE + '10';
  }

  /** Lets simulated time pass; stops early when `until` turns true. */
  advance(ms: number, until?: () => boolean): boolean {
    return this.sim.advance(ms, until);
  }

  /** Boots a new node: its kubelet registers it and it joins the cluster. */
  addNode(spec: { name: string; ip: string; controlPlane: boolean; cpu?: number; memoryKi?: number }): Kubelet {
    const r = this.sim.random;
    const opts: KubeletOptions = {
      name: spec.name,
      ip: spec.ip,
      controlPlane: spec.controlPlane,
      cpu: spec.cpu ?? 2,
      memoryKi: spec.memoryKi ?? 4 * 1024 * 1024,
      storageKi: 51_290_592,
      maxPods: 110,
      machineID: r.hex(32),
      systemUUID: r.uuid(),
      bootID: r.uuid(),
      staticPods: spec.controlPlane ? controlPlaneManifests({ nodeIP: spec.ip, serviceCIDR: SERVICE_CIDR, clusterCIDR: CLUSTER_CIDR }) : [],
      preloadedImages: spec.controlPlane ? CONTROL_PLANE_IMAGES : SYSTEM_IMAGES,
    };
    const k = this.createKubelet(opts);
    k.start();
    this.sim.advance(0);
    return k;
  }

  /** `systemctl stop kubelet` on a node: no more heartbeats or status; its containers keep running. */
  stopKubelet(name: string): boolean {
    const k = this.kubelets.get(name);
    if (!k?.isRunning()) return false;
    k.stop();
    return true;
  }

  /** `systemctl start kubelet`: it registers its Node again if that is gone, and reports status. */
  startKubelet(name: string): boolean {
    const k = this.kubelets.get(name);
    if (!k || k.isRunning()) return false;
    k.start();
    this.sim.advance(0);
    return true;
  }

  /**
   * The machine goes away for good: its kubelet and containers stop, and its Node object is deleted
   * (as a cloud provider's node controller would). The pods bound to it are left to the pod GC.
   */
  removeNode(name: string): boolean {
    const k = this.kubelets.get(name);
    if (!k) return false;
    k.stop();
    this.sim.unregister(k.name);
    this.kubelets.delete(name);
    const i = this.nodeOptions.findIndex((n) => n.name === name);
    if (i >= 0) this.nodeOptions.splice(i, 1);
    if (this.store.get(R.nodes, undefined, name)) {
      try {
        this.api.delete(K.Node, undefined, name);
      } catch {
        // Deleted meanwhile.
      }
    }
    this.sim.advance(0);
    return true;
  }

  /** The next free worker name and address, for "add node". */
  nextWorker(): { name: string; ip: string } {
    let i = 1;
    while (this.nodeOptions.some((n) => n.name === workerName(i))) i++;
    const used = new Set(this.nodeOptions.map((n) => n.ip));
    let ip = 11;
    while (used.has(NODE_IP_BASE + ip)) ip++;
    return { name: workerName(i), ip: NODE_IP_BASE + ip };
  }

  private createKubelet(opts: KubeletOptions): Kubelet {
    const k = new Kubelet(opts, this.api, this.store, this.sim, this.events, this.registry);
    this.kubelets.set(opts.name, k);
    this.nodeOptions.push(opts);
    return k;
  }

  snapshot(): ClusterSnapshot {
    return {
      format: 'kube-sandbox/cluster',
      version: 1,
      options: this.options,
      nodes: this.nodeOptions,
      store: this.store.snapshot(),
      sim: this.sim.snapshot(),
    };
  }

  static restore(s: ClusterSnapshot): Cluster {
    return new Cluster(s.options, s);
  }
}

function base64(r: { int(n: number): number }, n: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[r.int(64)];
  return s;
}
