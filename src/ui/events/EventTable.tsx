// Kubernetes Events as a table, newest last like `kubectl get events`; used by the event log and
// the inspector.

import { useMemo } from 'react';
import { useCluster } from '../state/cluster-store.ts';
import { defineMessages, useT } from '../i18n/index.ts';
import { formatAge } from './age.ts';
import type { EventView } from '../../worker/protocol.ts';

defineMessages(
  { 'events.lastSeen': 'LAST SEEN', 'events.type': 'TYPE', 'events.reason': 'REASON', 'events.object': 'OBJECT', 'events.message': 'MESSAGE', 'events.namespace': 'NAMESPACE' },
  { 'events.lastSeen': '最近出现', 'events.type': '类型', 'events.reason': '原因', 'events.object': '对象', 'events.message': '消息', 'events.namespace': '命名空间' },
);

export interface EventFilter {
  namespace?: string;
  object?: string;
  kind?: string;
  type?: 'Normal' | 'Warning' | '';
  warningsFirst?: boolean;
}

export function filterEvents(events: readonly EventView[], f: EventFilter): EventView[] {
  const out = events.filter((e) => (!f.namespace || e.namespace === f.namespace) && (!f.object || e.object === f.object) && (!f.kind || e.objectKind === f.kind) && (!f.type || e.type === f.type));
  if (f.warningsFirst) out.sort((a, b) => (a.type === b.type ? 0 : a.type === 'Warning' ? -1 : 1));
  return out;
}

export function EventTable(props: EventFilter & { empty: string; showNamespace?: boolean }) {
  const t = useT();
  const events = useCluster((s) => s.events);
  const now = useCluster((s) => s.now);
  const { namespace, object, kind, type, warningsFirst } = props;
  const rows = useMemo(() => filterEvents(events, { namespace, object, kind, type, warningsFirst }), [events, namespace, object, kind, type, warningsFirst]);
  if (!rows.length) return <p className="empty">{props.empty}</p>;
  return (
    <table className="events">
      <thead>
        <tr>
          {props.showNamespace && <th>{t('events.namespace')}</th>}
          <th>{t('events.lastSeen')}</th>
          <th>{t('events.type')}</th>
          <th>{t('events.reason')}</th>
          {!object && <th>{t('events.object')}</th>}
          <th>{t('events.message')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((e) => (
          <tr key={e.uid} className={e.type === 'Warning' ? 'warning' : undefined}>
            {props.showNamespace && <td>{e.namespace}</td>}
            <td>{formatAge(now - e.last)}</td>
            <td>{e.type}</td>
            <td>{e.reason}</td>
            {!object && <td>{e.object.toLowerCase()}</td>}
            <td>{e.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
