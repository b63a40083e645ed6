// The inspector: the selected object's live YAML (status included), describe output, its Events and
// its logs, each read through kubectl in the worker and refreshed as the object changes.

import { useEffect, useMemo, useRef, useState } from 'react';
import type { EngineClient } from '../engine-client.ts';
import { requestId } from '../engine-client.ts';
import { useCluster } from '../state/cluster-store.ts';
import { select, setSideTab, useUi } from '../state/ui-store.ts';
import { defineMessages, useT } from '../i18n/index.ts';
import { openInEditor } from '../editor/editor-store.ts';
import type { FromWorker, QueryKind } from '../../worker/protocol.ts';
import { EventTable } from '../events/EventTable.tsx';
import { typeInTerminal } from '../terminal/terminal-bus.ts';
import { revisionsOf } from './revisions.ts';
import { LOAD_KINDS, loadCommand, loadOf } from './load.ts';

defineMessages(
  {
    'inspector.none': 'Click a node, a pod or a service in the graph to see what it is.',
    'inspector.gone': '{key} no longer exists.',
    'inspector.yaml': 'YAML',
    'inspector.describe': 'Describe',
    'inspector.events': 'Events',
    'inspector.logs': 'Logs',
    'inspector.edit': 'Edit in the editor',
    'inspector.close': 'Close',
    'inspector.loading': 'Loading…',
    'inspector.noEvents': 'No events for this object.',
    'inspector.container': 'Container',
    'inspector.tabs': 'What to show',
    'inspector.history': 'Revisions',
    'inspector.rollback': 'Roll back to revision {n}',
    'inspector.current': 'revision {n} is the current one',
    'inspector.load': 'CPU load',
    'inspector.loadHint': 'Demand spread over its ready pods: kubectl top and the HorizontalPodAutoscaler see it',
  },
  {
    'inspector.none': '在图中点击节点、Pod 或 Service，查看它的详情。',
    'inspector.gone': '{key} 已不存在。',
    'inspector.yaml': 'YAML',
    'inspector.describe': 'Describe',
    'inspector.events': '事件',
    'inspector.logs': '日志',
    'inspector.edit': '在编辑器中编辑',
    'inspector.close': '关闭',
    'inspector.loading': '加载中…',
    'inspector.noEvents': '该对象没有事件。',
    'inspector.container': '容器',
    'inspector.tabs': '显示内容',
    'inspector.history': '版本历史',
    'inspector.rollback': '回滚到第 {n} 版',
    'inspector.current': '第 {n} 版是当前版本',
    'inspector.load': 'CPU 负载',
    'inspector.loadHint': '分摊到就绪 Pod 上的负载：kubectl top 和 HorizontalPodAutoscaler 都能看到',
  },
);

const TABS: QueryKind[] = ['yaml', 'describe', 'events', 'logs', 'history'];
/** The kinds `kubectl rollout history` and `rollout undo` work on. */
const ROLLOUT_KINDS: Record<string, string> = { 'deployments.apps': 'deployment', 'daemonsets.apps': 'daemonset', 'statefulsets.apps': 'statefulset' };
const REFRESH_MS = 400;
const LOGS_REFRESH_MS = 1000;

export function Inspector({ client }: { client: EngineClient }) {
  const t = useT();
  const key = useUi((s) => s.selected);
  const view = useCluster((s) => (key ? s.objects[key] : undefined));
  const [tab, setTab] = useState<QueryKind>('yaml');
  const [container, setContainer] = useState<string>('');
  const [text, setText] = useState<string | null>(null);

  const isPod = view?.resource === 'pods';
  const containers = useMemo(() => view?.pod?.containers.map((c) => c.name) ?? [], [view?.pod?.containers]);
  const rolloutKind = view ? ROLLOUT_KINDS[view.resource] : undefined;
  const shownTab = (tab === 'logs' && !isPod) || (tab === 'history' && !rolloutKind) ? 'yaml' : tab;

  // Logs grow without the pod changing: while they are shown they are read again every second.
  const [logTick, setLogTick] = useState(0);
  useEffect(() => {
    if (shownTab !== 'logs') return;
    const timer = setInterval(() => setLogTick((n) => n + 1), LOGS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [shownTab]);

  // Re-read when the object changes, at most every REFRESH_MS: a throttle, not a debounce, so an
  // object that changes on every frame (a scaling Deployment) is still read while it changes.
  const lastRead = useRef(0);
  useEffect(() => {
    if (!view || shownTab === 'events') return;
    let live = true;
    const timer = setTimeout(() => {
      lastRead.current = performance.now();
      const id = requestId();
      void client
        .request({ type: 'query', id, query: shownTab, resource: view.resource, namespace: view.namespace || undefined, name: view.name, container: container || containers[0] }, (m): m is Extract<FromWorker, { type: 'query-result' }> => m.type === 'query-result' && m.id === id)
        .then((r) => {
          if (live) setText(r.text);
        });
    }, Math.max(0, REFRESH_MS - (performance.now() - lastRead.current)));
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, view, shownTab, container, containers, logTick]);

  if (!key) return <p className="empty">{t('inspector.none')}</p>;
  if (!view) return <p className="empty">{t('inspector.gone', { key })}</p>;

  const title = `${view.kind}/${view.name}`;
  return (
    <section className="inspector" aria-label={title}>
      <header className="inspector-head">
        <h2 title={title}>
          <span className="kind">{view.kind}</span> {view.name}
          {view.namespace && <span className="ns"> · {view.namespace}</span>}
        </h2>
        <button type="button" onClick={() => select(null)} aria-label={t('inspector.close')}>
          ✕
        </button>
      </header>
      {LOAD_KINDS[view.resource] && <LoadSlider client={client} resource={view.resource} namespace={view.namespace} name={view.name} />}
      <div role="tablist" aria-label={t('inspector.tabs')} className="tabs small">
        {TABS.filter((k) => (k !== 'logs' || isPod) && (k !== 'history' || rolloutKind)).map((k) => (
          <button type="button" role="tab" key={k} aria-selected={shownTab === k} onClick={() => setTab(k)}>
            {t(`inspector.${k}`)}
          </button>
        ))}
        {shownTab === 'yaml' && text && (
          <button
            type="button"
            className="push-right"
            onClick={() => {
              openInEditor(`/root/${view.name}.yaml`, text);
              setSideTab('editor');
            }}
          >
            {t('inspector.edit')}
          </button>
        )}
        {shownTab === 'logs' && containers.length > 1 && (
          <label className="push-right">
            {t('inspector.container')}{' '}
            <select value={container || containers[0]} onChange={(e) => setContainer(e.target.value)}>
              {containers.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div role="tabpanel" className="inspector-body">
        {shownTab === 'history' && text && rolloutKind && <RollbackButtons text={text} run={(n) => typeInTerminal(`kubectl rollout undo ${rolloutKind}/${view.name}${view.namespace && view.namespace !== 'default' ? ` -n ${view.namespace}` : ''} --to-revision=${n}`, { run: true })} />}
        {shownTab === 'events' ? <EventTable namespace={view.namespace} object={`${view.kind}/${view.name}`} empty={t('inspector.noEvents')} /> : <pre className="mono">{text ?? t('inspector.loading')}</pre>}
      </div>
    </section>
  );
}

/** One button per earlier revision; rolling back goes through `kubectl rollout undo` in the terminal. */
function RollbackButtons({ text, run }: { text: string; run: (revision: number) => void }) {
  const t = useT();
  const { revisions, current } = revisionsOf(text);
  if (revisions.length < 2) return null;
  return (
    <div className="rollback-buttons">
      {revisions
        .filter((n) => n !== current)
        .map((n) => (
          <button type="button" key={n} onClick={() => run(n)}>
            {t('inspector.rollback', { n })}
          </button>
        ))}
      <span className="muted">{t('inspector.current', { n: current })}</span>
    </div>
  );
}

/** Puts CPU load on a workload or Service through `sandbox load`, typed into the terminal once the slider rests. */
function LoadSlider({ client, resource, namespace, name }: { client: EngineClient; resource: string; namespace: string; name: string }) {
  const t = useT();
  const [value, setValue] = useState<number | null>(null);
  const sent = useRef<number | null>(null);
  // What the engine has now (the learner may have set it in the terminal).
  useEffect(() => {
    let live = true;
    const id = requestId();
    void client.request({ type: 'query', id, query: 'loads', resource, name }, (m): m is Extract<FromWorker, { type: 'query-result' }> => m.type === 'query-result' && m.id === id).then((r) => {
      if (!live) return;
      const v = loadOf(r.text, resource, namespace, name);
      sent.current = v;
      setValue(v);
    });
    return () => {
      live = false;
    };
  }, [client, resource, namespace, name]);
  useEffect(() => {
    if (value === null || value === sent.current) return;
    const timer = setTimeout(() => {
      sent.current = value;
      typeInTerminal(loadCommand(resource, namespace, name, value), { run: true });
    }, 350);
    return () => clearTimeout(timer);
  }, [value, resource, namespace, name]);
  return (
    <label className="load-slider" title={t('inspector.loadHint')}>
      <span>{t('inspector.load')}</span>
      <input type="range" min={0} max={2000} step={50} value={value ?? 0} disabled={value === null} aria-label={t('inspector.load')} aria-valuetext={`${value ?? 0}m`} onChange={(e) => setValue(Number(e.target.value))} />
      <output className="mono">{value ?? 0}m</output>
    </label>
  );
}
