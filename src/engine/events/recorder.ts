// Kubernetes Events, recorded as the client-go event recorder and its correlator do: one Event
// object per distinct (source, object, type, reason, message), whose count and lastTimestamp grow
// when the same thing happens again within ten minutes; events expire after an hour (--event-ttl).

import type { Event } from '../api/types.ts';
import type { ApiServer } from '../apiserver/apiserver.ts';
import { K, R } from '../api/wellknown.ts';
import { clone, type KubeObject } from '../api/object.ts';
import type { Component, Sim } from '../sim/sim.ts';
import { formatRFC3339 } from '../util/time.ts';

export type EventType = 'Normal' | 'Warning';

export interface EventSource {
  component: string;
  host?: string;
}

/** The correlator's window for folding repeats into one Event. */
const AGGREGATE_WINDOW_MS = 10 * 60 * 1000;
/** The apiserver's default --event-ttl. */
export const EVENT_TTL_MS = 60 * 60 * 1000;

interface Seen {
  name: string;
  namespace: string;
  last: number;
  /** The correlation key this entry is stored under (to forget it when the event expires). */
  key: string;
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
  private seen = new Map<string, Seen>();
  /** namespace/name of each Event → its correlation entry. */
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
    const key = [source.component, source.host ?? '', meta.uid ?? meta.name, fieldPath ?? '', type, reason, message].join('\0');
    const prev = this.seen.get(key);
    if (prev && now - prev.last < AGGREGATE_WINDOW_MS) {
      const existing = this.api.store.get(R.events, prev.namespace, prev.name);
      if (existing) {
        const e = clone(existing) as unknown as Event & KubeObject;
        e.count = (e.count ?? 1) + 1;
        e.lastTimestamp = formatRFC3339(now);
        this.write(() => this.api.update(K.Event, e, { trusted: true }));
        prev.last = now;
        this.sim.setTimer(this.name, `${prev.namespace}/${prev.name}`, now + EVENT_TTL_MS);
        return;
      }
    }
    // Event names are the object's name and the time in nanoseconds, in hex.
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
      reportingInstance: source.host ?? '',
      eventTime: null as unknown as undefined,
    };
    if (!meta.namespace) delete ev.involvedObject.namespace;
    this.write(() => this.api.create(K.Event, ev, { trusted: true }));
    const entry: Seen = { name, namespace, last: now, key };
    const replaced = this.seen.get(key);
    if (replaced) this.byEvent.delete(`${replaced.namespace}/${replaced.name}`);
    this.seen.set(key, entry);
    this.byEvent.set(`${namespace}/${name}`, entry);
    this.sim.setTimer(this.name, `${namespace}/${name}`, now + EVENT_TTL_MS);
  }

  /** Events are best effort: a refused write (a terminating namespace, a stopped etcd) is dropped. */
  private write(fn: () => void): void {
    try {
      fn();
    } catch {
      // Like the real recorder, which logs and drops events it cannot write.
    }
  }

  onTimer(key: string): void {
    const i = key.indexOf('/');
    const ns = key.slice(0, i);
    const name = key.slice(i + 1);
    if (this.api.store.get(R.events, ns, name)) {
      try {
        this.api.delete(K.Event, ns, name);
      } catch {
        // Already gone.
      }
    }
    const entry = this.byEvent.get(key);
    if (entry) {
      this.byEvent.delete(key);
      if (this.seen.get(entry.key) === entry) this.seen.delete(entry.key);
    }
  }

  snapshot(): unknown {
    return { seen: [...this.seen], seq: this.seq };
  }

  restore(state: unknown): void {
    const s = state as { seen: [string, Seen][]; seq: number };
    this.seen = new Map(s.seen);
    this.byEvent = new Map([...this.seen.values()].map((e) => [`${e.namespace}/${e.name}`, e]));
    this.seq = s.seq;
  }
}
