// kubectl logs (kubectl pkg/cmd/logs and polymorphichelpers/logsforobject.go, 1.30): which pod and
// container to read (the default-container annotation, else the first, with the "Defaulted
// container" notice; a workload's first pod by podutils.ByLogging), which attempt of it (the
// kubelet's validateContainerLogStatus, with its errors), and the lines, filtered by --tail and
// --since the way the kubelet's log reader applies them. -f follows as simulated time passes.

import type { KindInfo } from '../../api/kinds.ts';
import { labelSelectorAsSelector, parseSelector, selectorFromSet, type Selector } from '../../api/labels.ts';
import type { KubeObject } from '../../api/object.ts';
import type { Pod } from '../../api/types.ts';
import { K } from '../../api/wellknown.ts';
import { badRequest } from '../../api/errors.ts';
import { logLines, logTimestamp, nextLineAt, type ContainerLog, type LogLine } from '../../runtime/logs.ts';
import type { CommandRun, ShellEffect } from '../../shell/types.ts';
import { parseGoDuration } from '../../util/duration.ts';
import { parseRFC3339 } from '../../util/time.ts';
import { SCRIPT_MAX_WAIT_MS, waitFor } from '../blocking.ts';
import { KubectlError, UsageError } from '../errors.ts';
import { bool, int, str } from '../flags.ts';
import { resolveType } from '../resources.ts';
import type { Invocation, KubectlCommand } from '../types.ts';
import { selectorFlag } from './get.ts';

type PodObj = KubeObject & Pod;

const USAGE_ERR = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";
const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';
/** With a selector and no --tail, kubectl shows each container's last 10 lines. */
const SELECTOR_TAIL = 10;

/** One container attempt's log to print. */
interface Stream {
  pod: PodObj;
  container: string;
  containerID: string;
}

interface Options {
  previous: boolean;
  tail: number;
  since?: number;
  timestamps: boolean;
  prefix: boolean;
}

function usage(msg: string): UsageError {
  return new UsageError(msg, 'kubectl logs');
}

/** podcmd.AllContainerNames: containers, then ephemeral (ephem), then init (init). */
function allContainerNames(pod: Pod): string {
  const s = pod.spec;
  return [
    ...(s?.containers ?? []).map((c) => c.name),
    ...(s?.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
    ...(s?.initContainers ?? []).map((c) => `${c.name} (init)`),
  ].join(', ');
}

function hasContainer(pod: Pod, name: string): boolean {
  const s = pod.spec;
  return [...(s?.containers ?? []), ...(s?.initContainers ?? []), ...(s?.ephemeralContainers ?? [])].some((c) => c.name === name);
}

/** The containers to read in a pod: -c, the default-container annotation, or the first (with kubectl's notice). */
function containersOf(inv: Invocation, pod: PodObj, container: string, all: boolean): string[] {
  const s = pod.spec;
  if (all) return [...(s?.initContainers ?? []), ...(s?.containers ?? []), ...(s?.ephemeralContainers ?? [])].map((c) => c.name);
  let name = container;
  if (!name) {
    const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
    if (annotated) {
      if (hasContainer(pod, annotated)) name = annotated;
      else inv.err(`Default container name "${annotated}" not found in pod ${pod.metadata.name}\n`);
    }
  }
  if (!name) {
    name = s?.containers?.[0]?.name ?? '';
    if ((s?.containers?.length ?? 0) > 1 || (s?.initContainers?.length ?? 0) > 0 || (s?.ephemeralContainers?.length ?? 0) > 0) {
      inv.err(`Defaulted container "${name}" out of: ${allContainerNames(pod)}\n`);
    }
  }
  if (!hasContainer(pod, name)) throw new KubectlError(`container ${name} is not valid for pod ${pod.metadata.name}`);
  return [name];
}

interface StatusLike {
  name: string;
  state?: { running?: { startedAt?: string }; waiting?: { reason?: string }; terminated?: { containerID?: string } };
  lastState?: { terminated?: { containerID?: string } };
}

/**
 * The attempt to read, as the kubelet's validateContainerLogStatus picks it; its refusals (and the
 * apiserver's for a pod on no node yet) come back as BadRequest.
 */
function containerIDFor(pod: PodObj, container: string, previous: boolean): string {
  const name = pod.metadata.name;
  if (!pod.spec?.nodeName) throw badRequest(`pod ${name} does not have a host assigned`);
  const st = pod.status;
  const all = [...(st?.containerStatuses ?? []), ...(st?.initContainerStatuses ?? []), ...(st?.ephemeralContainerStatuses ?? [])] as StatusLike[];
  const cs = all.find((c) => c.name === container);
  if (!cs) throw badRequest(`container "${container}" in pod "${name}" is waiting to start: ContainerCreating`);
  const last = cs.lastState?.terminated;
  const state = cs.state ?? {};
  if (previous) {
    if (!last?.containerID) throw badRequest(`previous terminated container "${container}" in pod "${name}" not found`);
    return last.containerID;
  }
  const running = (cs as { containerID?: string }).containerID;
  if (state.running && running) return running;
  if (state.terminated) {
    if (state.terminated.containerID) return state.terminated.containerID;
    if (last?.containerID) return last.containerID;
    throw badRequest(`container "${container}" in pod "${name}" is terminated`);
  }
  if (last) {
    if (!last.containerID) throw badRequest(`container "${container}" in pod "${name}" is terminated`);
    return last.containerID;
  }
  const reason = state.waiting?.reason;
  if (reason === 'ErrImagePull') throw badRequest(`container "${container}" in pod "${name}" is waiting to start: image can't be pulled`);
  if (reason === 'ImagePullBackOff') throw badRequest(`container "${container}" in pod "${name}" is waiting to start: trying and failing to pull image`);
  if (reason !== undefined) throw badRequest(`container "${container}" in pod "${name}" is waiting to start: ${reason}`);
  throw badRequest(`container "${container}" in pod "${name}" is waiting to start - no logs yet`);
}

function readLog(inv: Invocation, s: Stream): ContainerLog | undefined {
  const node = s.pod.spec?.nodeName;
  return node ? inv.env.cluster.kubelets.get(node)?.containerLog(s.pod.metadata.uid!, s.containerID) : undefined;
}

function format(line: LogLine, s: Stream, o: Options): string {
  let text = line.text + (line.partial ? '' : '\n');
  if (o.timestamps) text = `${logTimestamp(line.t)} ${text}`;
  if (o.prefix) text = `[pod/${s.pod.metadata.name}/${s.container}] ${text}`;
  return text;
}

/** The lines up to now, as the kubelet's reader returns them: the last --tail lines, then those since --since. */
function firstLines(log: ContainerLog, now: number, o: Options): LogLine[] {
  let lines = logLines(log, now);
  if (o.tail >= 0) lines = o.tail === 0 ? [] : lines.slice(-o.tail);
  if (o.since !== undefined) lines = lines.filter((l) => l.t >= o.since!);
  return lines;
}

// ---- which pods ----

/** The selector of a workload (or Service) whose pods `kubectl logs TYPE/NAME` reads. */
function selectorOf(info: KindInfo, obj: KubeObject): Selector {
  const spec = (obj as { spec?: { selector?: unknown } }).spec;
  if (info.kind === 'Service' || info.kind === 'ReplicationController') return selectorFromSet((spec?.selector ?? {}) as Record<string, string>);
  return labelSelectorAsSelector(spec?.selector as Parameters<typeof labelSelectorAsSelector>[0]);
}

const PHASE_ORDER: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };

function readyTime(p: Pod): number | undefined {
  const c = p.status?.conditions?.find((x) => x.type === 'Ready' && x.status === 'True');
  return c ? parseRFC3339(c.lastTransitionTime) : undefined;
}

const maxRestarts = (p: Pod) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount));

/** podutils.ByLogging: the pod whose logs are most worth reading first. */
export function byLogging(a: PodObj, b: PodObj): number {
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  if (na !== nb && (!na || !nb)) return na ? -1 : 1;
  const pa = PHASE_ORDER[a.status?.phase ?? ''] ?? 0;
  const pb = PHASE_ORDER[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa - pb;
  const ra = readyTime(a);
  const rb = readyTime(b);
  if ((ra !== undefined) !== (rb !== undefined)) return ra !== undefined ? -1 : 1;
  if (ra !== undefined && rb !== undefined && ra !== rb) return ra - rb;
  const ca = maxRestarts(a);
  const cb = maxRestarts(b);
  if (ca !== cb) return cb - ca;
  const ta = parseRFC3339(a.metadata.creationTimestamp) ?? Infinity;
  const tb = parseRFC3339(b.metadata.creationTimestamp) ?? Infinity;
  return ta === tb ? 0 : ta - tb;
}

function podsMatching(inv: Invocation, selector: Selector): PodObj[] {
  const { cluster } = inv.env;
  return (cluster.api.list(K.Pod, inv.namespace) as PodObj[]).filter((p) => selector.matches(p.metadata.labels));
}

/** The pods named by the arguments: POD, pod/NAME, TYPE/NAME (its first pod), or -l. */
function* targetPods(inv: Invocation, resourceArg: string, selector: string): Generator<ShellEffect, PodObj[], void> {
  const { cluster } = inv.env;
  if (selector) {
    let sel: Selector;
    try {
      sel = parseSelector(selector);
    } catch (e) {
      throw new KubectlError((e as Error).message);
    }
    return podsMatching(inv, sel);
  }
  const slash = resourceArg.indexOf('/');
  const info = slash < 0 ? K.Pod : resolveType(inv, resourceArg.slice(0, slash));
  const name = slash < 0 ? resourceArg : resourceArg.slice(slash + 1);
  const obj = cluster.api.get(info, inv.namespace, name);
  if (info.kind === 'Pod') return [obj as PodObj];
  if (!['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController', 'Service'].includes(info.kind)) {
    throw new KubectlError(`cannot get the logs from ${info.group ? `${info.kind}.${info.group}` : info.kind}`);
  }
  const sel = selectorOf(info, obj);
  let pods: PodObj[] = [];
  // GetFirstPod waits (--pod-running-timeout) for a first pod to appear.
  const found = yield* waitFor(inv, () => (pods = podsMatching(inv, sel)).length > 0, parseGoDuration(str(inv.flags, 'pod-running-timeout') || '20s'));
  if (!found) throw new KubectlError('timed out waiting for the condition');
  const sorted = [...pods].sort(byLogging);
  if (pods.length > 1) inv.err(`Found ${pods.length} pods, using pod/${sorted[0].metadata.name}\n`);
  return [sorted[0]];
}

// ---- the command ----

function* runLogs(inv: Invocation): CommandRun {
  const f = inv.flags;
  const selector = str(f, 'selector');
  let container = str(f, 'container');
  let resourceArg = '';
  switch (inv.args.length) {
    case 0:
      if (!selector) throw usage(USAGE_ERR);
      break;
    case 1:
      resourceArg = inv.args[0];
      if (selector) throw usage('only a selector (-l) or a POD name is allowed');
      break;
    case 2:
      resourceArg = inv.args[0];
      container = inv.args[1];
      break;
    default:
      throw usage(USAGE_ERR);
  }
  const all = bool(f, 'all-containers');
  const sinceTime = str(f, 'since-time');
  const sinceRaw = str(f, 'since');
  const sinceMs = sinceRaw ? parseGoDuration(sinceRaw) : 0;
  if (sinceTime && sinceMs !== 0) throw new KubectlError('at most one of `sinceTime` or `sinceSeconds` may be specified');
  if (all && container) throw new KubectlError(`--all-containers=true should not be specified with container name ${container}`);
  let tail = int(f, 'tail');
  if (tail < -1) throw new KubectlError('--tail must be greater than or equal to -1');
  if (selector && tail === -1) tail = SELECTOR_TAIL;
  if (sinceTime && parseRFC3339(sinceTime) === undefined) {
    throw new KubectlError(`parsing time "${sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse "${sinceTime}" as "2006"`);
  }
  // Finding a workload's pod may wait for one: the clock is read after.
  const pods = yield* targetPods(inv, resourceArg, selector);
  const now = inv.env.cluster.now();
  let since: number | undefined;
  if (sinceTime) {
    since = parseRFC3339(sinceTime);
  } else if (sinceMs !== 0) {
    // kubectl rounds --since to whole seconds; the kubelet counts back from its own now.
    since = now - Math.max(1, Math.round(sinceMs / 1000)) * 1000;
  }
  const o: Options = { previous: bool(f, 'previous'), tail, since, timestamps: bool(f, 'timestamps'), prefix: bool(f, 'prefix') };
  const follow = bool(f, 'follow');

  if (selector && !pods.length) {
    inv.err(`No resources found in ${inv.namespace} namespace.\n`);
    return 0;
  }
  const wanted: { pod: PodObj; container: string }[] = [];
  for (const pod of pods) for (const c of containersOf(inv, pod, container, all)) wanted.push({ pod, container: c });
  const maxRequests = int(f, 'max-log-requests');
  if (follow && wanted.length > maxRequests) {
    throw new KubectlError(`you are attempting to follow ${wanted.length} log streams, but maximum allowed concurrency is ${maxRequests}, use --max-log-requests to increase the limit`);
  }
  const streams: Stream[] = [];
  for (const w of wanted) {
    const id = containerIDFor(w.pod, w.container, o.previous);
    const s: Stream = { pod: w.pod, container: w.container, containerID: id };
    streams.push(s);
    // Without -f the streams are read one after another, each up to now.
    const log = readLog(inv, s);
    if (log) for (const line of firstLines(log, now, o)) inv.out(format(line, s, o));
  }
  if (!follow) return 0;
  return yield* followStreams(inv, streams, now, o);
}

/** -f: new lines as simulated time passes, until every stream's container has ended (or Ctrl+C). */
function* followStreams(inv: Invocation, streams: Stream[], from: number, o: Options): CommandRun {
  const { cluster } = inv.env;
  let printed = from;
  const start = from;
  const open = (s: Stream) => {
    const log = readLog(inv, s);
    return !!log && (log.endedAt === undefined || log.endedAt > printed);
  };
  for (;;) {
    const live = streams.filter(open);
    if (!live.length) return 0;
    if (!inv.env.interactive && cluster.now() - start >= SCRIPT_MAX_WAIT_MS) return 0;
    // Sleep until the next line any stream writes, or until a container ends.
    let next: number | undefined;
    for (const s of live) {
      const t = nextLineAt(readLog(inv, s)!, printed);
      if (t !== undefined && (next === undefined || t < next)) next = t;
    }
    const limit = inv.env.interactive ? Infinity : start + SCRIPT_MAX_WAIT_MS;
    const wake = Math.min(next ?? Infinity, limit);
    const ended = () => !streams.some(open);
    yield { type: 'sleep', ms: Number.isFinite(wake) ? Math.max(0, wake - cluster.now()) : Infinity, until: ended };
    const now = cluster.now();
    // Lines from every stream in time order, as they would interleave on the terminal.
    const batch: { line: LogLine; s: Stream }[] = [];
    for (const s of live) {
      const log = readLog(inv, s);
      if (!log) continue;
      for (const line of logLines(log, now)) if (line.t > printed) batch.push({ line, s });
    }
    batch.sort((a, b) => a.line.t - b.line.t);
    for (const { line, s } of batch) inv.out(format(line, s, o));
    printed = now;
  }
}

export const logsCommand: KubectlCommand = {
  name: 'logs',
  group: 'Troubleshooting and Debugging Commands',
  short: 'Print the logs for a container in a pod',
  long: "Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.",
  examples: `# Return snapshot logs from pod nginx with only one container
kubectl logs nginx

# Return snapshot logs from pod nginx with multi containers
kubectl logs nginx --all-containers=true

# Return snapshot logs from all containers in pods defined by label app=nginx
kubectl logs -l app=nginx --all-containers=true

# Return snapshot of previous terminated ruby container logs from pod web-1
kubectl logs -p -c ruby web-1

# Begin streaming the logs of the ruby container in pod web-1
kubectl logs -f -c ruby web-1

# Begin streaming the logs from all containers in pods defined by label app=nginx
kubectl logs -f -l app=nginx --all-containers=true

# Display only the most recent 20 lines of output in pod nginx
kubectl logs --tail=20 nginx

# Show all logs from pod nginx written in the last hour
kubectl logs --since=1h nginx

# Return snapshot logs from first container of a job named hello
kubectl logs job/hello

# Return snapshot logs from container nginx-1 of a deployment named nginx
kubectl logs deployment/nginx -c nginx-1`,
  usage: 'kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]',
  flags: [
    { name: 'all-containers', type: 'bool', default: false, usage: "Get all containers' logs in the pod(s)." },
    { name: 'container', short: 'c', type: 'string', default: '', usage: 'Print the logs of this container' },
    { name: 'follow', short: 'f', type: 'bool', default: false, usage: 'Specify if the logs should be streamed.' },
    { name: 'ignore-errors', type: 'bool', default: false, usage: 'If watching / following pod logs, allow for any errors that occur to be non-fatal' },
    { name: 'max-log-requests', type: 'int', default: 5, usage: 'Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.' },
    { name: 'pod-running-timeout', type: 'duration', default: '20s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
    { name: 'prefix', type: 'bool', default: false, usage: 'Prefix each log line with the log source (pod name and container name)' },
    { name: 'previous', short: 'p', type: 'bool', default: false, usage: 'If true, print the logs for the previous instance of the container in a pod if it exists.' },
    selectorFlag,
    { name: 'since', type: 'duration', default: '0s', usage: 'Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.' },
    { name: 'since-time', type: 'string', default: '', usage: 'Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used.' },
    { name: 'tail', type: 'int', default: -1, usage: 'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.' },
    { name: 'timestamps', type: 'bool', default: false, usage: 'Include timestamps on each line in the log output' },
  ],
  run: (inv) => runLogs(inv),
};
