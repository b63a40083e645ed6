// Kubernetes Events, recorded as the client-go event recorder and its correlator do: one Event
// object per distinct (source, object, type, reason, message), whose count and lastTimestamp grow
// when the same thing happens again within ten minutes; events expire after an hour (--event-ttl).

import type { Event } from '../api/types.ts';
import type { ApiServer } from '../apiserver/apiserver.ts';
import { K, R } from '../api/wellknown.ts';
import { clone, type KubeObject } from '../api/object.ts';
import type { Component, Sim } from '../sim/sim.ts';
import { formatRFC3339, NULL_TIME } from '../util/time.ts';

export type EventType = 'Normal' | 'Warning';

export interface EventSource {
  component: string;
  host?: string;
}

/** The correlator's window for folding repeats into one Event. */
const AGGREGATE_WINDOW_MS = 10 * 60 * 1000;
/** The apiserver's default --event-ttl. */
export const EVENT_TTL_MS = 60 * 60 * 1000;

/** One Event the correlator may fold repeats into. Fields are the strings the Event itself holds. */
interface Seen {
  component: string;
  host: string;
  fieldPath: string;
  type: string;
  reason: string;
  message: string;
  /** The Event object's name and namespace. */
  name: string;
  namespace: string;
  last: number;
  /** The involved object's uid (the entries are grouped by it). */
  subject: string;
}

/** (ms × 10⁶ + extra) in hex, exactly, without BigInt (it would cost more than the rest of an event). */
export function nanosHex(ms: number, extra: number): string {
  const TWO32 = 4294967296;
  const hi = Math.floor(ms / TWO32);
  const lo = ms - hi * TWO32;
  const low = lo * 1_000_000 + extra; // < 2^52: exact
  const carry = Math.floor(low / TWO32);
  const high = hi * 1_000_000 + carry;
  const lowWord = low - carry * TWO32;
  return high > 0 ? high.toString(16) + lowWord.toString(16).padStart(8, '0') : lowWord.toString(16);
}

export class EventRecorder implements Component {
  readonly name = 'events';
  /** Correlation entries by involved object uid (a handful each), and by Event name. */
  private bySubject = new Map<string, Seen[]>();
  private byEvent = new Map<string, Seen>();
  private seq = 0;

  constructor(
    private readonly api: ApiServer,
    private readonly sim: Sim,
  ) {
    sim.register(this);
  }

  /**
   * Records an event about `obj`. `fieldPath` points into the object (`spec.containers{nginx}`),
   * as the kubelet's container events do.
   */
  event(obj: KubeObject, type: EventType, reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const now = this.sim.now();
    const meta = obj.metadata;
    const namespace = meta.namespace || 'default';
    const subject = meta.uid ?? `${namespace}/${meta.name}`;
    const host = source.host ?? '';
    const path = fieldPath ?? '';
    const entries = this.bySubject.get(subject);
    const prev = entries?.find(
      (e) => e.reason === reason && e.message === message && e.type === type && e.fieldPath === path && e.component === source.component && e.host === host,
    );
    if (prev && now - prev.last < AGGREGATE_WINDOW_MS) {
      const existing = this.api.store.get(R.events, prev.namespace, prev.name);
      if (existing) {
        const e = clone(existing) as unknown as Event & KubeObject;
        e.count = (e.count ?? 1) + 1;
        e.lastTimestamp = formatRFC3339(now);
        this.write(() => this.api.update(K.Event, e, { trusted: true }));
        prev.last = now;
        this.sim.setTimer(this.name, prev.name, now + EVENT_TTL_MS);
        return;
      }
    }
    // Event names are the object's name and the time in nanoseconds, in hex (unique: seq counts up).
    const name = `${meta.name}.${nanosHex(now, this.seq++ % 1_000_000)}`;
    const ts = formatRFC3339(now);
    const ev: Event & KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        name: meta.name,
        namespace: meta.namespace,
        uid: meta.uid,
        resourceVersion: meta.resourceVersion,
        ...(fieldPath ? { fieldPath } : {}),
      },
      reason,
      message,
      type,
      count: 1,
      firstTimestamp: ts,
      lastTimestamp: ts,
      source: source.host ? { component: source.component, host: source.host } : { component: source.component },
      reportingComponent: source.component === 'kubelet' ? 'kubelet' : '',
      reportingInstance: host,
      // core/v1 Events from the old recorder carry eventTime: null.
      eventTime: NULL_TIME,
    };
    if (!meta.namespace) delete ev.involvedObject.namespace;
    this.write(() => this.api.create(K.Event, ev, { trusted: true }));
    const entry: Seen = { component: source.component, host, fieldPath: path, type, reason, message, name, namespace, last: now, subject };
    if (prev) this.forget(prev);
    const list = this.bySubject.get(subject);
    if (list) list.push(entry);
    else this.bySubject.set(subject, [entry]);
    this.byEvent.set(name, entry);
    this.sim.setTimer(this.name, name, now + EVENT_TTL_MS);
  }

  private forget(entry: Seen): void {
    this.byEvent.delete(entry.name);
    const list = this.bySubject.get(entry.subject);
    if (!list) return;
    const i = list.indexOf(entry);
    if (i >= 0) list.splice(i, 1);
    if (!list.length) this.bySubject.delete(entry.subject);
  }

  /** Events are best effort: a refused write (a terminating namespace, a stopped etcd) is dropped. */
  private write(fn: () => void): void {
    try {
      fn();
    } catch {
      // Like the real recorder, which logs and drops events it cannot write.
    }
  }

  /** An event's hour is up (--event-ttl): it goes. */
  onTimer(name: string): void {
    const entry = this.byEvent.get(name);
    if (!entry) return;
    this.forget(entry);
    if (this.api.store.get(R.events, entry.namespace, name)) {
      try {
        this.api.delete(K.Event, entry.namespace, name);
      } catch {
        // Already gone.
      }
    }
  }

  snapshot(): unknown {
    return { entries: [...this.byEvent.values()], seq: this.seq };
  }

  restore(state: unknown): void {
    const s = state as { entries: Seen[]; seq: number };
    this.bySubject.clear();
    this.byEvent.clear();
    for (const e of s.entries) {
      const list = this.bySubject.get(e.subject);
      if (list) list.push(e);
      else this.bySubject.set(e.subject, [e]);
      this.byEvent.set(e.name, e);
    }
    this.seq = s.seq;
  }
}
