// The event log: every Kubernetes Event, filterable by namespace, kind and type, Warnings first on request.

import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useCluster } from '../state/cluster-store.ts';
import { defineMessages, useT } from '../i18n/index.ts';
import { EventTable } from './EventTable.tsx';

defineMessages(
  { 'log.all': 'All', 'log.namespace': 'Namespace', 'log.kind': 'Kind', 'log.type': 'Type', 'log.warningsFirst': 'Warnings first', 'log.none': 'No events match.' },
  { 'log.all': '全部', 'log.namespace': '命名空间', 'log.kind': '类型', 'log.type': '级别', 'log.warningsFirst': 'Warning 优先', 'log.none': '没有匹配的事件。' },
);

export function EventLog() {
  const t = useT();
  const [namespace, setNamespace] = useState('');
  const [kind, setKind] = useState('');
  const [type, setType] = useState<'' | 'Normal' | 'Warning'>('');
  const [warningsFirst, setWarningsFirst] = useState(true);
  const namespaces = useCluster(useShallow((s) => (s.byResource.namespaces ?? []).map((k) => s.objects[k]?.name ?? '')));
  const kindsKey = useCluster((s) => [...new Set(s.events.map((e) => e.objectKind))].sort().join('\n'));
  const kinds = useMemo(() => (kindsKey ? kindsKey.split('\n') : []), [kindsKey]);
  return (
    <section className="event-log" aria-label={t('inspector.events')}>
      <div className="filters">
        <label>
          {t('log.namespace')}{' '}
          <select value={namespace} onChange={(e) => setNamespace(e.target.value)}>
            <option value="">{t('log.all')}</option>
            {namespaces.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <label>
          {t('log.kind')}{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t('log.all')}</option>
            {kinds.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <label>
          {t('log.type')}{' '}
          <select value={type} onChange={(e) => setType(e.target.value as '' | 'Normal' | 'Warning')}>
            <option value="">{t('log.all')}</option>
            <option>Normal</option>
            <option>Warning</option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={warningsFirst} onChange={(e) => setWarningsFirst(e.target.checked)} /> {t('log.warningsFirst')}
        </label>
      </div>
      <div className="event-scroll">
        <EventTable namespace={namespace} kind={kind} type={type} warningsFirst={warningsFirst} empty={t('log.none')} showNamespace={!namespace} />
      </div>
    </section>
  );
}
