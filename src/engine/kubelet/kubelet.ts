// The kubelet: one per node. It registers its Node, renews its Lease, reports node status, runs the
// pods bound to its node (sandbox, image pulls, containers) and the control plane's static pods, and
// reports each pod's status back. Deleting a pod is graceful: it stops the containers, then removes
// the pod from the API.

import type { Node, Pod } from '../api/types.ts';
import type { ApiServer } from '../apiserver/apiserver.ts';
import { K, R } from '../api/wellknown.ts';
import { clone, deepEqual, type KubeObject } from '../api/object.ts';
import type { EventRecorder, EventType } from '../events/recorder.ts';
import type { Component, Sim } from '../sim/sim.ts';
import type { Store } from '../store/store.ts';
import { PodIpAllocator, type PodIpState } from '../network/pod-ips.ts';
import type { ImageRegistry, LookupResult } from '../runtime/registry.ts';
import { parseImageRef } from '../runtime/image-ref.ts';
import { containerRun } from '../runtime/command.ts';
import { newContainerLog, type ContainerLog } from '../runtime/logs.ts';
import { formatRFC3339Micro } from '../util/time.ts';
import { goDurationString } from '../util/duration.ts';
import { digest } from '../runtime/registry.ts';
import { buildPodStatus } from './pod-status.ts';
import type { ContainerRun, PodRun } from './pod-state.ts';
import {
  allocatable,
  capacity,
  imageList,
  kubeletConditions,
  registrationNode,
  systemInfo,
  toNodeConditions,
  type NodeSpecInput,
} from './node-status.ts';
import * as T from './timing.ts';

export interface KubeletOptions extends NodeSpecInput {
  /** Static pod manifests (the control plane's, on the control-plane node). */
  staticPods?: Pod[];
  /** Images already on the node when it boots. */
  preloadedImages?: string[];
}

interface NodeImage {
  names: string[];
  size: number;
}

interface KubeletState {
  running: boolean;
  pods: PodRun[];
  ips: PodIpState;
  images: [string, NodeImage][];
  lastStatusWrite: number;
  /** Whether this run of the kubelet has registered its Node (older saves lack it). */
  registered?: boolean;
}

const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

export class Kubelet implements Component {
  readonly name: string;
  private pods = new Map<string, PodRun>();
  private ips = new PodIpAllocator('');
  private images = new Map<string, NodeImage>();
  private running = false;
  private lastStatusWrite = -Infinity;
  /**
   * registrationCompleted: a kubelet registers its Node once per start. If the Node is deleted
   * while it runs, its status updates fail until it is restarted (kubelet_node_status.go).
   */
  private registered = false;
  private staticPods = new Map<string, Pod>();
  /** Where to find each pod this kubelet has heard of (uid → namespace/name). */
  private podKeys = new Map<string, string>();

  constructor(
    private readonly opts: KubeletOptions,
    private readonly api: ApiServer,
    private readonly store: Store,
    private readonly sim: Sim,
    private readonly events: EventRecorder,
    private readonly registry: ImageRegistry,
  ) {
    this.name = `kubelet/${opts.name}`;
    sim.register(this);
    for (const image of opts.preloadedImages ?? []) this.addImage(image);
    for (const p of opts.staticPods ?? []) {
      const uid = digest(`${opts.name}/${JSON.stringify(p)}`).slice(0, 32);
      this.staticPods.set(uid, p);
    }
  }

  get nodeName(): string {
    return this.opts.name;
  }

  isRunning(): boolean {
    return this.running;
  }

  /** Starts the kubelet: registers the node, starts heartbeats and static pods, adopts bound pods. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.registered = false;
    this.registerNode();
    this.adoptApiConditions();
    this.sim.setTimer(this.name, 'heartbeat', this.sim.now());
    for (const [uid, pod] of this.staticPods) {
      if (!this.pods.has(uid)) this.pods.set(uid, this.newRun(uid, 'kube-system', `${pod.metadata!.name}-${this.opts.name}`, pod, true));
      this.wake(uid, this.sim.now());
    }
    for (const p of this.store.byIndex(R.pods, 'nodeName', this.opts.name)) this.wake(p.metadata.uid!, this.sim.now());
    // Pods force-deleted while it was away are torn down on the first sync.
    for (const [uid, run] of this.pods) if (!run.static) this.wake(uid, this.sim.now());
  }

  /**
   * A restarted kubelet's status manager starts from the pods' API status: a condition someone else
   * changed meanwhile (the node controller marks pods not ready) transitions again when it is rewritten.
   */
  private adoptApiConditions(): void {
    for (const run of this.pods.values()) {
      const pod = this.apiPod(run);
      for (const c of pod?.status?.conditions ?? []) {
        if (c.type in run.conditionState && run.conditionState[c.type] !== (c.status === 'True')) run.conditionState[c.type] = c.status === 'True';
      }
    }
  }

  /** Stops the kubelet (a node fault): no heartbeats, no status; containers keep running. */
  stop(): void {
    this.running = false;
    this.sim.cancelTimer(this.name, 'heartbeat');
    for (const uid of this.pods.keys()) this.sim.cancelTimer(this.name, uid);
  }

  /** A pod bound to this node changed (routed here by the cluster's pod dispatcher). */
  onPodEvent(type: 'ADDED' | 'MODIFIED' | 'DELETED', pod: KubeObject & Pod): void {
    if (!this.running) return;
    const mirrorOf = pod.metadata.annotations?.[MIRROR_ANNOTATION];
    if (mirrorOf) {
      if (type === 'DELETED') this.sim.setTimer(this.name, 'mirror:' + mirrorOf, this.sim.now() + T.MIRROR_RECREATE_MS);
      else if (pod.metadata.deletionTimestamp) this.wake('mirror:' + mirrorOf, this.sim.now());
      return;
    }
    if (type === 'DELETED') this.podKeys.delete(pod.metadata.uid!);
    else this.podKeys.set(pod.metadata.uid!, `${pod.metadata.namespace}/${pod.metadata.name}`);
    this.wake(pod.metadata.uid!, this.sim.now());
  }

  private wake(key: string, at: number): void {
    this.sim.setTimer(this.name, key, at);
  }

  onTimer(key: string): void {
    if (!this.running) return;
    if (key === 'heartbeat') return this.heartbeat();
    if (key.startsWith('mirror:')) return this.syncMirror(key.slice(7));
    this.syncPod(key);
  }

  // ---- node ----

  private nodeIP(): string {
    return this.opts.ip;
  }

  private registerNode(): void {
    const existing = this.store.get(R.nodes, undefined, this.opts.name);
    if (!existing) {
      try {
        this.api.create(K.Node, registrationNode(this.opts) as KubeObject);
      } catch {
        return;
      }
      const node = this.store.get(R.nodes, undefined, this.opts.name)!;
      const n = this.opts.name;
      this.events.event(node, 'Normal', 'Starting', 'Starting kubelet.', this.source());
      for (const reason of ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID']) {
        this.events.event(node, 'Normal', reason, `Node ${n} status is now: ${reason}`, this.source());
      }
      this.events.event(node, 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods', this.source());
    }
    this.registered = true;
    this.writeNodeStatus(true);
  }

  private source() {
    return { component: 'kubelet', host: this.opts.name };
  }

  private heartbeat(): void {
    const now = this.sim.now();
    this.sim.setTimer(this.name, 'heartbeat', now + T.LEASE_RENEW_MS);
    this.renewLease();
    this.writeNodeStatus(now - this.lastStatusWrite >= T.NODE_STATUS_REPORT_MS);
  }

  private renewLease(): void {
    const node = this.store.get(R.nodes, undefined, this.opts.name);
    if (!node) return;
    const lease = this.store.get(R.leases, 'kube-node-lease', this.opts.name);
    const spec = { holderIdentity: this.opts.name, leaseDurationSeconds: T.LEASE_DURATION_SECONDS, renewTime: formatRFC3339Micro(this.sim.now()) };
    try {
      if (!lease) {
        this.api.create(K.Lease, {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: {
            name: this.opts.name,
            namespace: 'kube-node-lease',
            ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.opts.name, uid: node.metadata.uid! }],
          },
          spec,
        });
      } else {
        this.api.update(K.Lease, { ...lease, spec }, { trusted: true });
      }
    } catch {
      // The apiserver or etcd is down: the node will look unhealthy, as it should.
    }
  }

  private writeNodeStatus(force: boolean): void {
    const node = this.store.get(R.nodes, undefined, this.opts.name) as (KubeObject & Node) | undefined;
    if (!node) {
      // Not registered yet (the apiserver was away): try again. Deleted after registration: the
      // update fails ("nodes not found") until the kubelet is restarted.
      if (!this.registered) this.registerNode();
      return;
    }
    const now = this.sim.now();
    const ready = { ok: true, reason: 'KubeletReady', message: 'kubelet is posting ready status' };
    const prev = node.status?.conditions;
    const others = (prev ?? []).filter((c) => !['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].includes(c.type));
    const conditions = [...others, ...toNodeConditions(kubeletConditions(ready), prev, now)];
    const status = {
      ...node.status,
      addresses: [
        { address: this.nodeIP(), type: 'InternalIP' },
        { address: this.opts.name, type: 'Hostname' },
      ],
      allocatable: allocatable(this.opts),
      capacity: capacity(this.opts),
      conditions,
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      images: imageList(this.images),
      nodeInfo: systemInfo(this.opts),
    };
    if (!force && sameStatusButHeartbeat(status, node.status)) return;
    const wasReady = prev?.find((c) => c.type === 'Ready')?.status === 'True';
    try {
      const updated = this.api.update(K.Node, { ...clone(node), status }, { subresource: 'status', trusted: true });
      this.lastStatusWrite = now;
      if (ready.ok && !wasReady) this.events.event(updated, 'Normal', 'NodeReady', `Node ${this.opts.name} status is now: NodeReady`, this.source());
    } catch {
      // Retried on the next heartbeat.
    }
  }

  private addImage(image: string): void {
    const found = this.registry.lookup(image);
    if (!found.ok) return;
    const { info } = found;
    const key = info.ref.repository + '@' + info.digest;
    const existing = this.images.get(key);
    const names = new Set(existing?.names ?? [`${info.ref.repository}@${info.digest}`]);
    names.add(info.ref.full);
    this.images.set(key, { names: [...names], size: info.size });
  }

  private hasImage(image: string): boolean {
    const ref = parseImageRef(image);
    if (!ref) return false;
    for (const i of this.images.values()) if (i.names.includes(ref.full)) return true;
    return false;
  }

  // ---- pods ----

  private newRun(uid: string, namespace: string, name: string, pod: Pod, isStatic: boolean): PodRun {
    const now = this.sim.now();
    return {
      uid,
      namespace,
      name,
      static: isStatic,
      hostNetwork: !!pod.spec?.hostNetwork,
      startTime: now,
      sandboxReadyAt: now + this.jitter(T.SANDBOX_MS),
      sandboxReady: false,
      containers: (pod.spec?.containers ?? []).map((c) => ({
        name: c.name,
        image: c.image ?? '',
        stage: 'pull',
        restartCount: 0,
        ready: false,
        pullFailures: 0,
      })),
      terminating: false,
      transitions: {},
      conditionState: {},
    };
  }

  private jitter([min, max]: [number, number]): number {
    return this.sim.random.between(min, max);
  }

  /** The API's view of a pod this kubelet runs: the pod itself, or a static pod's mirror. */
  private apiPod(run: PodRun): (KubeObject & Pod) | undefined {
    const pod = this.store.get(R.pods, run.namespace, run.name) as (KubeObject & Pod) | undefined;
    if (!pod) return undefined;
    if (run.static) return pod.metadata.annotations?.[MIRROR_ANNOTATION] === run.uid ? pod : undefined;
    return pod.metadata.uid === run.uid ? pod : undefined;
  }

  private syncPod(uid: string): void {
    let run = this.pods.get(uid);
    if (!run) {
      const pod = this.findBoundPod(uid);
      if (!pod || pod.metadata.deletionTimestamp && !pod.status?.containerStatuses) {
        // Deleted before it ever started here: nothing to stop, just let the API forget it.
        if (pod) this.finishDelete(pod);
        return;
      }
      run = this.newRun(uid, pod.metadata.namespace!, pod.metadata.name!, pod, false);
      this.pods.set(uid, run);
    }
    const staticSpec = run.static ? this.staticPods.get(uid) : undefined;
    const pod = this.apiPod(run);
    if (!run.static && !pod) {
      // Force-deleted from the API: the kubelet tears the pod down on its own.
      this.teardown(run);
      return;
    }
    const spec: Pod = staticSpec ?? pod!;
    if (!run.static && pod!.metadata.deletionTimestamp) {
      this.terminate(run, pod!);
    } else {
      this.advance(run, spec);
    }
    if (!this.pods.has(uid)) return;
    if (run.static && !pod) this.syncMirror(uid);
    else if (pod) this.writeStatus(run, pod);
    const next = this.nextWake(run);
    if (next !== undefined) this.wake(uid, next);
  }

  private findBoundPod(uid: string): (KubeObject & Pod) | undefined {
    const key = this.podKeys.get(uid);
    if (key) {
      const p = this.store.getByKey(R.pods, key);
      return p?.metadata.uid === uid ? (p as KubeObject & Pod) : undefined;
    }
    for (const p of this.store.byIndex(R.pods, 'nodeName', this.opts.name)) if (p.metadata.uid === uid) return p as KubeObject & Pod;
    return undefined;
  }

  private nextWake(run: PodRun): number | undefined {
    const now = this.sim.now();
    let next: number | undefined;
    const consider = (t: number | undefined) => {
      if (t !== undefined && t > now && (next === undefined || t < next)) next = t;
    };
    if (!run.sandboxReady) consider(run.sandboxReadyAt);
    for (const c of run.containers) {
      consider(c.dueAt);
      if (c.stage === 'running') consider(c.exitAt);
      if (c.stage === 'pull-backoff') consider(c.backoffUntil);
    }
    return next;
  }

  private containerEvent(run: PodRun, c: ContainerRun, type: EventType, reason: string, message: string): void {
    const pod = this.apiPod(run);
    if (!pod) return;
    this.events.event(pod, type, reason, message, this.source(), `spec.containers{${c.name}}`);
  }

  /** Moves a pod's sandbox and containers forward as far as the clock allows. */
  private advance(run: PodRun, spec: Pod): void {
    const now = this.sim.now();
    if (!run.sandboxReady) {
      if (now < run.sandboxReadyAt) return;
      run.sandboxReady = true;
      if (!run.hostNetwork) {
        // The CNI plugin (host-local IPAM) allocates from the node's pod CIDR.
        const cidr = (this.store.get(R.nodes, undefined, this.opts.name) as Node | undefined)?.spec?.podCIDR;
        if (cidr) this.ips.setCidr(cidr);
      }
      run.podIP = run.hostNetwork ? this.nodeIP() : this.ips.allocate(run.uid);
    }
    const containers = spec.spec?.containers ?? [];
    for (let i = 0; i < run.containers.length; i++) {
      const c = run.containers[i];
      const policy = containers[i]?.imagePullPolicy ?? 'IfNotPresent';
      switch (c.stage) {
        case 'stopping':
          continue;
        case 'running':
          // The command ended by itself.
          if (c.exitAt !== undefined && now >= c.exitAt) this.containerExited(c, spec, now);
          continue;
        case 'exited':
          // A container to restart is looked at again on the next sync after it died (PLEG's relist).
          if (c.dueAt === undefined || now < c.dueAt) continue;
          c.dueAt = undefined;
          if (this.restartOrBackOff(run, c, now)) i--;
          continue;
        case 'crash-backoff':
          if (now < (c.dueAt ?? 0)) continue;
          c.dueAt = undefined;
          if (this.restartOrBackOff(run, c, now)) i--;
          continue;
        case 'pull': {
          if (this.hasImage(c.image) && policy !== 'Always') {
            this.containerEvent(run, c, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`);
            this.imagePresent(c);
            c.stage = 'starting';
            c.dueAt = now + this.jitter(T.CONTAINER_START_MS);
            return;
          }
          if (policy === 'Never') {
            if (c.waitingReason !== 'ErrImageNeverPull') {
              c.waitingReason = 'ErrImageNeverPull';
              c.waitingMessage = `Container image "${c.image}" is not present with pull policy of Never`;
              this.containerEvent(run, c, 'Warning', 'ErrImageNeverPull', c.waitingMessage);
            }
            continue;
          }
          this.containerEvent(run, c, 'Normal', 'Pulling', `Pulling image "${c.image}"`);
          c.stage = 'pulling';
          c.pullStartedAt = now;
          const found = this.registry.lookup(c.image);
          const bytes = found.ok ? found.info.size : 0;
          c.dueAt = now + this.jitter(T.PULL_LATENCY_MS) + Math.round(bytes / T.PULL_BYTES_PER_MS);
          return;
        }
        case 'pulling': {
          if (now < (c.dueAt ?? 0)) return;
          const found = this.registry.lookup(c.image);
          if (found.ok && !found.info.private) {
            this.addImage(c.image);
            this.imagePresent(c);
            const took = goDurationString(Math.floor(now - (c.pullStartedAt ?? now)));
            this.containerEvent(run, c, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${took} (${took} including waiting). Image size: ${found.info.size} bytes.`);
            c.pullFailures = 0;
            c.stage = 'starting';
            c.dueAt = now + this.jitter(T.CONTAINER_START_MS);
            return;
          }
          c.pullFailures++;
          c.stage = 'pull-backoff';
          c.waitingReason = 'ErrImagePull';
          c.waitingMessage = pullError(c.image, found);
          c.backoffUntil = now + Math.min(T.IMAGE_BACKOFF_INITIAL_MS * 2 ** (c.pullFailures - 1), T.IMAGE_BACKOFF_MAX_MS);
          // The next sync, a moment later, finds the image in back-off.
          c.dueAt = now + this.jitter([1000, 3000]);
          this.containerEvent(run, c, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${c.waitingMessage}`);
          this.containerEvent(run, c, 'Warning', 'Failed', 'Error: ErrImagePull');
          continue;
        }
        case 'pull-backoff': {
          if (now >= (c.backoffUntil ?? 0)) {
            c.stage = 'pull';
            c.dueAt = undefined;
            i--; // Pull again now.
            continue;
          }
          if (c.waitingReason === 'ErrImagePull' && now >= (c.dueAt ?? 0)) {
            c.waitingReason = 'ImagePullBackOff';
            c.waitingMessage = `Back-off pulling image "${c.image}"`;
            c.dueAt = undefined;
            this.containerEvent(run, c, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`);
            this.containerEvent(run, c, 'Warning', 'Failed', 'Error: ImagePullBackOff');
          }
          continue;
        }
        case 'starting': {
          if (now < (c.dueAt ?? 0)) return;
          c.dueAt = undefined;
          c.containerID = 'containerd://' + this.sim.random.hex(64);
          c.waitingReason = undefined;
          c.waitingMessage = undefined;
          this.containerEvent(run, c, 'Normal', 'Created', `Created container ${c.name}`);
          this.containerEvent(run, c, 'Normal', 'Started', `Started container ${c.name}`);
          c.stage = 'running';
          c.startedAt = now;
          c.ready = true;
          const { program: prog, output } = containerRun(containers[i]?.command, containers[i]?.args, c.image);
          // The attempt before this one stays readable (kubectl logs --previous); older ones go.
          c.previousLog = c.log;
          c.log = newContainerLog(c.containerID, now, output);
          c.exitAt = prog.kind === 'exits' ? now + prog.afterMs : undefined;
          c.exitCode = prog.kind === 'exits' ? prog.exitCode : undefined;
          if (c.exitAt === now) i--; // It ends at once.
          continue;
        }
      }
    }
  }

  /** The container's process exited: it is terminated, and restarted if the pod's restartPolicy says so. */
  private containerExited(c: ContainerRun, spec: Pod, now: number): void {
    const code = c.exitCode ?? 0;
    c.terminated = { exitCode: code, reason: code === 0 ? 'Completed' : 'Error', startedAt: c.startedAt ?? now, finishedAt: now, containerID: c.containerID ?? '' };
    c.stage = 'exited';
    c.ready = false;
    if (c.log) c.log.endedAt = now;
    c.exitAt = undefined;
    c.exitCode = undefined;
    const policy = spec.spec?.restartPolicy ?? 'Always';
    c.dueAt = policy === 'Always' || (policy === 'OnFailure' && code !== 0) ? now + T.PLEG_RELIST_MS : undefined;
  }

  /**
   * doBackOff for a dead container that is to be restarted: while the crash back-off since it
   * finished has not run out it waits in CrashLoopBackOff; otherwise the back-off steps (10 s, 20 s,
   * … 5 min; reset after 10 min without a crash) and the container starts again. True: restart now.
   */
  private restartOrBackOff(run: PodRun, c: ContainerRun, now: number): boolean {
    const last = c.terminated ?? c.lastTerminated;
    const finished = last?.finishedAt ?? now;
    const expired = c.crashBackoffAt === undefined || now - c.crashBackoffAt > 2 * T.CRASH_BACKOFF_MAX_MS;
    if (c.terminated) {
      c.lastTerminated = c.terminated;
      c.terminated = undefined;
    }
    if (!expired && now - finished < c.crashBackoffMs!) {
      c.stage = 'crash-backoff';
      c.dueAt = finished + c.crashBackoffMs!;
      const pod = `${run.name}_${run.namespace}(${run.uid})`;
      c.waitingReason = 'CrashLoopBackOff';
      c.waitingMessage = `back-off ${goDurationString(c.crashBackoffMs!)} restarting failed container=${c.name} pod=${pod}`;
      this.containerEvent(run, c, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${pod}`);
      return false;
    }
    c.crashBackoffMs = expired ? T.CRASH_BACKOFF_INITIAL_MS : Math.min(c.crashBackoffMs! * 2, T.CRASH_BACKOFF_MAX_MS);
    c.crashBackoffAt = now;
    c.restartCount++;
    c.stage = 'pull';
    c.waitingReason = undefined;
    c.waitingMessage = undefined;
    return true;
  }

  private imagePresent(c: ContainerRun): void {
    const found = this.registry.lookup(c.image);
    if (!found.ok) return;
    c.imageRef = found.info.ref.full;
    c.imageID = `${found.info.ref.repository}@${found.info.digest}`;
  }

  /** Graceful termination: stop every running container, then remove the pod from the API. */
  private terminate(run: PodRun, pod: KubeObject & Pod): void {
    const now = this.sim.now();
    if (!run.terminating) {
      run.terminating = true;
      const deadline = now + (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
      for (const c of run.containers) {
        if (c.stage === 'running') {
          this.containerEvent(run, c, 'Normal', 'Killing', `Stopping container ${c.name}`);
          c.stage = 'stopping';
          c.dueAt = Math.min(deadline, now + this.jitter(T.CONTAINER_STOP_MS));
        } else if (c.stage !== 'exited') {
          c.stage = 'exited';
          c.dueAt = undefined;
        }
      }
    }
    let stopping = false;
    for (const c of run.containers) {
      if (c.stage !== 'stopping') continue;
      if (now < (c.dueAt ?? 0)) {
        stopping = true;
        continue;
      }
      c.stage = 'exited';
      c.ready = false;
      c.dueAt = undefined;
      if (c.log) c.log.endedAt = now;
      c.terminated = { exitCode: 0, reason: 'Completed', startedAt: c.startedAt ?? now, finishedAt: now, containerID: c.containerID ?? '' };
    }
    if (stopping) return;
    this.writeStatus(run, pod);
    this.teardown(run);
    this.finishDelete(pod);
  }

  private finishDelete(pod: KubeObject & Pod): void {
    try {
      this.api.delete(K.Pod, pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } });
    } catch {
      // Already gone.
    }
  }

  private teardown(run: PodRun): void {
    if (run.podIP && !run.hostNetwork) this.ips.release(run.podIP);
    this.pods.delete(run.uid);
    this.podKeys.delete(run.uid);
    this.sim.cancelTimer(this.name, run.uid);
  }

  private writeStatus(run: PodRun, pod: KubeObject & Pod): void {
    const status = buildPodStatus(pod, run, this.nodeIP(), this.sim.now());
    if (deepEqual(status, pod.status)) return;
    try {
      this.api.update(K.Pod, { ...pod, status }, { subresource: 'status', trusted: true });
    } catch {
      // Written again on the next sync.
    }
  }

  // ---- static pods and their mirrors ----

  private syncMirror(uid: string): void {
    const spec = this.staticPods.get(uid);
    const run = this.pods.get(uid);
    if (!spec || !run) return;
    const existing = this.store.get(R.pods, run.namespace, run.name) as (KubeObject & Pod) | undefined;
    if (existing?.metadata.deletionTimestamp) {
      // A mirror pod cannot be deleted while its static pod runs: it is removed and made again.
      try {
        this.api.delete(K.Pod, run.namespace, run.name, { gracePeriodSeconds: 0 });
      } catch {
        // Gone already.
      }
      this.sim.setTimer(this.name, 'mirror:' + uid, this.sim.now() + T.MIRROR_RECREATE_MS);
      return;
    }
    if (existing) return;
    const node = this.store.get(R.nodes, undefined, this.opts.name);
    if (!node) return;
    const mirror = clone(spec) as KubeObject & Pod;
    mirror.metadata = {
      ...mirror.metadata,
      name: run.name,
      namespace: run.namespace,
      annotations: {
        ...mirror.metadata.annotations,
        'kubernetes.io/config.hash': uid,
        [MIRROR_ANNOTATION]: uid,
        'kubernetes.io/config.seen': formatRFC3339Nano(run.startTime),
        'kubernetes.io/config.source': 'file',
      },
      ownerReferences: [{ apiVersion: 'v1', controller: true, kind: 'Node', name: this.opts.name, uid: node.metadata.uid! }],
    };
    mirror.spec!.nodeName = this.opts.name;
    mirror.spec!.tolerations = [{ effect: 'NoExecute', operator: 'Exists' }];
    try {
      const created = this.api.create(K.Pod, mirror) as KubeObject & Pod;
      this.writeStatus(run, created);
    } catch {
      this.sim.setTimer(this.name, 'mirror:' + uid, this.sim.now() + T.MIRROR_RECREATE_MS);
    }
  }

  // ---- snapshot ----

  snapshot(): KubeletState {
    return {
      running: this.running,
      pods: [...this.pods.values()].map((p) => clone(p)),
      ips: this.ips.snapshot(),
      images: [...this.images].map(([k, v]) => [k, { names: [...v.names], size: v.size }]),
      lastStatusWrite: this.lastStatusWrite === -Infinity ? -1 : this.lastStatusWrite,
      registered: this.registered,
    };
  }

  restore(state: unknown): void {
    const s = state as KubeletState;
    this.running = s.running;
    this.pods = new Map(s.pods.map((p) => [p.uid, clone(p)]));
    this.ips.restore(s.ips);
    this.images = new Map(s.images);
    this.lastStatusWrite = s.lastStatusWrite < 0 ? -Infinity : s.lastStatusWrite;
    this.registered = s.registered ?? s.running;
  }

  /** The log of a container attempt of a pod on this node, by the container ID its status names. */
  containerLog(podUid: string, containerID: string): ContainerLog | undefined {
    for (const c of this.pods.get(podUid)?.containers ?? []) {
      if (c.log?.containerID === containerID) return c.log;
      if (c.previousLog?.containerID === containerID) return c.previousLog;
    }
    return undefined;
  }

  /** Runtime facts for the UI and tests. */
  podRuns(): readonly PodRun[] {
    return [...this.pods.values()];
  }
}

/** Whether two node statuses differ only in the conditions' heartbeat times (nothing to report). */
function sameStatusButHeartbeat(a: Node['status'], b: Node['status']): boolean {
  if (!a || !b) return a === b;
  const ca = a.conditions ?? [];
  const cb = b.conditions ?? [];
  if (ca.length !== cb.length) return false;
  for (let i = 0; i < ca.length; i++) {
    const x = ca[i];
    const y = cb[i];
    if (x.type !== y.type || x.status !== y.status || x.reason !== y.reason || x.message !== y.message || x.lastTransitionTime !== y.lastTransitionTime) return false;
  }
  return deepEqual({ ...a, conditions: undefined }, { ...b, conditions: undefined });
}

function formatRFC3339Nano(ms: number): string {
  return formatRFC3339Micro(ms).replace(/Z$/, '').padEnd(29, '0') + 'Z';
}

/** containerd's error for an image it cannot pull, as the kubelet passes it on. */
function pullError(image: string, found: LookupResult): string {
  if (found.ok && found.info.private) {
    const ref = found.info.ref.full;
    return `rpc error: code = Unknown desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": pull access denied, repository does not exist or may require authorization: authorization failed: no basic auth credentials`;
  }
  if (found.ok) return '';
  const ref = found.ref;
  if (!ref) return `rpc error: code = InvalidArgument desc = failed to pull and unpack image "${image}": invalid reference format`;
  if (found.reason === 'not-found') {
    return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": ${ref.full}: not found`;
  }
  if (ref.domain !== 'docker.io' && !['registry.k8s.io', 'hub.harry.com', 'quay.io', 'ghcr.io'].includes(ref.domain)) {
    return `rpc error: code = Unknown desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": failed to do request: Head "https://${ref.domain}/v2/${ref.path}/manifests/${ref.tag}": dial tcp: lookup ${ref.domain}: no such host`;
  }
  return `rpc error: code = Unknown desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
}
