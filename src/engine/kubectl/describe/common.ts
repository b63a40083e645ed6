// The pieces many describers share: labels, annotations, taints, tolerations, events, times.

import type { Event, Taint, Toleration } from '../../api/types.ts';
import type { KubeObject } from '../../api/object.ts';
import type { Store } from '../../store/store.ts';
import { formatRFC1123Z, humanDuration } from '../../util/duration.ts';
import { parseRFC3339 } from '../../util/time.ts';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './writer.ts';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const MAX_ANNOTATION_LEN = 140;

/** Time.Format(time.RFC1123Z), or the zero time Go would print for a missing one. */
export function rfc1123(ts: string | undefined | null): string {
  const t = parseRFC3339(ts);
  return t === undefined ? 'Mon, 01 Jan 0001 00:00:00 +0000' : formatRFC1123Z(t);
}

/** translateTimestampSince: HumanDuration since, or <unknown>. */
export function since(ts: string | undefined | null, now: number): string {
  const t = parseRFC3339(ts);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}

/** printLabelsMultilineWithIndent: the first label on the title's line, the rest aligned under it. */
export function printLabels(w: PrefixWriter, title: string, labels: Record<string, string> | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (!keys.length) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i) w.write(LEVEL_0, initialIndent + innerIndent);
    w.write(LEVEL_0, `${k}=${labels![k]}\n`);
  });
}

function shorten(s: string, max: number): string {
  return s.length > max ? s.slice(0, max) + '...' : s;
}

/** printAnnotationsMultiline: `key: value`, long or multi-line values on lines of their own. */
export function printAnnotations(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {}).filter((k) => k !== LAST_APPLIED).sort();
  if (!keys.length) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((k, i) => {
    if (i) w.write(LEVEL_0, indent);
    const value = annotations![k].replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${k}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${k}: ${value}\n`);
    }
  });
}

export function taintString(t: Taint): string {
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** printTaintsMultilineWithIndent: sorted by effect, then key. */
export function printTaints(w: PrefixWriter, title: string, taints: readonly Taint[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!taints?.length) {
    w.writeLine('<none>');
    return;
  }
  const sorted = [...taints].sort((a, b) => (`${a.effect},${a.key}` < `${b.effect},${b.key}` ? -1 : `${a.effect},${a.key}` > `${b.effect},${b.key}` ? 1 : 0));
  sorted.forEach((t, i) => {
    if (i) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, taintString(t) + '\n');
  });
}

/** printTolerationsMultilineWithIndent: `key=value:Effect op=Exists for 300s`, sorted by key. */
export function printTolerations(w: PrefixWriter, title: string, tolerations: readonly Toleration[] | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  if (!tolerations?.length) {
    w.writeLine('<none>');
    return;
  }
  const sorted = [...tolerations].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  sorted.forEach((t, i) => {
    if (i) w.write(LEVEL_0, initialIndent + innerIndent);
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, s + '\n');
  });
}

/** The events about an object (searchEvents): by uid, or by kind and name for cluster-scoped ones. */
export function eventsFor(store: Store, obj: KubeObject): Event[] {
  const ns = obj.metadata.namespace || 'default';
  const uid = obj.metadata.uid;
  const out: Event[] = [];
  for (const e of store.list('events', ns) as unknown as Event[]) {
    const io = e.involvedObject;
    if (io.kind !== obj.kind || io.name !== obj.metadata.name) continue;
    if (obj.metadata.namespace && io.namespace !== obj.metadata.namespace) continue;
    // A node's kubelet names the node by its name in uid (as the real kubelet does); others by uid.
    if (io.uid && uid && io.uid !== uid && io.uid !== obj.metadata.name) continue;
    out.push(e);
  }
  return out;
}

/** DescribeEvents: the events table, oldest first, or `Events: <none>`. */
export function describeEvents(w: PrefixWriter, events: readonly Event[], now: number): void {
  if (!events.length) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const last = (e: Event) => parseRFC3339(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp) ?? 0;
  const sorted = [...events].sort((a, b) => last(a) - last(b));
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = since(e.firstTimestamp ?? e.eventTime, now);
    const interval = (e.count ?? 1) > 1 ? `${since(e.lastTimestamp, now)} (x${e.count} over ${first})` : first;
    const source = e.source?.component || e.reportingComponent || '';
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${(e.message ?? '').trim()}\n`);
  }
}

/** printController: `Kind/name` of the object's controller, or ''. */
export function controllerOf(obj: KubeObject): string {
  const ref = obj.metadata.ownerReferences?.find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

export function orNone(s: string | undefined | null): string {
  return s ? s : '<none>';
}
