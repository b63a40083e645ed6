// The rewind strip: the learner's time since the cluster started (or was restored), with a mark
// where each command ran and where Warning events happened. Dragging it, or clicking a mark, shows
// the cluster as it was then (the worker rebuilds it); from there, back to now or continue.

import { useEffect, useMemo, useRef, useState } from 'react';
import type { EngineClient } from '../engine-client.ts';
import { useCluster } from '../state/cluster-store.ts';
import { defineMessages, useT } from '../i18n/index.ts';
import { formatClock } from './clock.ts';
import { groupMarks, momentAt, position } from './timeline-math.ts';
import { formatAge } from '../events/age.ts';

defineMessages(
  {
    'rewind.label': 'Rewind',
    'rewind.slider': 'Moment to look at',
    'rewind.live': 'Live',
    'rewind.hint': 'Drag back to see the cluster as it was',
    'rewind.viewing': 'The cluster at {time}, {ago} ago (read-only)',
    'rewind.back': 'Back to now',
    'rewind.continue': 'Continue from here',
    'rewind.confirm': 'Continue from {time}? What happened after it is dropped from the cluster; your files and terminal history stay.',
    'rewind.confirmYes': 'Continue from here',
    'rewind.cancel': 'Cancel',
    'rewind.mark': 'Rewind to just before: {text}',
    'rewind.more': '… and {n} more',
    'rewind.commands': '{n} commands',
    'rewind.warnings': '{n} warnings',
  },
  {
    'rewind.label': '回放',
    'rewind.slider': '要查看的时刻',
    'rewind.live': '实时',
    'rewind.hint': '向回拖动，查看集群当时的样子',
    'rewind.viewing': '{time} 的集群，{ago} 前（只读）',
    'rewind.back': '回到现在',
    'rewind.continue': '从这里继续',
    'rewind.confirm': '从 {time} 继续？之后发生的一切将从集群中删除；你的文件和终端历史会保留。',
    'rewind.confirmYes': '从这里继续',
    'rewind.cancel': '取消',
    'rewind.mark': '回到此前一刻：{text}',
    'rewind.more': '……还有 {n} 条',
    'rewind.commands': '{n} 条命令',
    'rewind.warnings': '{n} 个警告',
  },
);

const STEPS = 1000;
/** Marks closer than this part of the strip are drawn as one. */
const MIN_GAP = 0.008;

/**
 * Sends `rewind`s so that the worker rebuilds one moment at a time: while one is being rebuilt,
 * only the newest moment asked for waits (dragging the strip does not queue a rebuild per pixel).
 */
function useRewinder(client: EngineClient): { rewind: (at: number) => void; target: () => number | null } {
  const state = useRef<{ busy: boolean; next: number | null; target: number | null }>({ busy: false, next: null, target: null });
  useEffect(
    () =>
      client.subscribe((m) => {
        if (m.type !== 'view' && m.type !== 'ready') return;
        const s = state.current;
        s.busy = false;
        if (s.next === null) s.target = null;
        else {
          const at = s.next;
          s.next = null;
          s.busy = true;
          client.send({ type: 'rewind', at });
        }
      }),
    [client],
  );
  const rewind = (at: number) => {
    const s = state.current;
    s.target = at;
    if (s.busy) {
      s.next = at;
      return;
    }
    s.busy = true;
    client.send({ type: 'rewind', at });
  };
  /** The moment last asked for, while it is still being rebuilt. */
  return { rewind, target: () => state.current.target };
}

/** Keys on the strip: ←/→ one second (with Shift ten), PageUp/PageDown a minute, Home the start, End now. */
function keyStep(key: string, shift: boolean): number | 'start' | 'end' | undefined {
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return shift ? -10_000 : -1000;
    case 'ArrowRight':
    case 'ArrowUp':
      return shift ? 10_000 : 1000;
    case 'PageDown':
      return -60_000;
    case 'PageUp':
      return 60_000;
    case 'Home':
      return 'start';
    case 'End':
      return 'end';
    default:
      return undefined;
  }
}

export function Timeline({ client }: { client: EngineClient }) {
  const t = useT();
  const ready = useCluster((s) => s.ready);
  const start = useCluster((s) => s.timeline.start);
  const marks = useCluster((s) => s.timeline.marks);
  const now = useCluster((s) => s.now);
  const liveNow = useCluster((s) => s.liveNow);
  const past = useCluster((s) => s.past);
  const { rewind, target } = useRewinder(client);
  const [confirming, setConfirming] = useState(false);
  // While live the strip's end moves every frame; the marks are regrouped only when they change
  // or the strip has grown by a visible amount.
  const span = Math.max(1, liveNow - start);
  const coarseEnd = start + Math.ceil(span / 1000) * 1000;
  const groups = useMemo(() => groupMarks(marks, start, coarseEnd, MIN_GAP), [marks, start, coarseEnd]);
  if (!ready) return null;
  const value = Math.round(position(now, start, liveNow) * STEPS);
  const canRewind = liveNow - start >= 1000;

  return (
    <div className={past ? 'rewind past' : 'rewind'} role="group" aria-label={t('rewind.label')}>
      <span className="rewind-label">{t('rewind.label')}</span>
      <div className="rewind-track">
        <input
          type="range"
          min={0}
          max={STEPS}
          value={value}
          disabled={!canRewind}
          aria-label={t('rewind.slider')}
          aria-valuetext={formatClock(now)}
          onChange={(e) => rewind(momentAt(Number(e.target.value), STEPS, start, liveNow))}
          onKeyDown={(e) => {
            const step = keyStep(e.key, e.shiftKey);
            if (step === undefined) return;
            e.preventDefault();
            const from = target() ?? now;
            rewind(step === 'start' ? start : step === 'end' ? liveNow : Math.min(liveNow, Math.max(start, from + step)));
          }}
        />
        <div className="rewind-marks">
          {groups.map((g) => {
            const n = g.commands + g.warnings;
            const first = g.texts[0];
            const tip = [
              formatClock(g.at),
              ...g.texts,
              ...(n > g.texts.length ? [t('rewind.more', { n: n - g.texts.length })] : []),
            ].join('\n');
            return (
              <button
                key={`${g.at}-${g.x}`}
                type="button"
                className={g.warnings && !g.commands ? 'rewind-mark warning' : g.warnings ? 'rewind-mark both' : 'rewind-mark'}
                style={{ left: `${(position(g.at, start, liveNow) * 100).toFixed(2)}%` }}
                title={tip}
                aria-label={t('rewind.mark', { text: n > 1 ? `${first} (${[g.commands ? t('rewind.commands', { n: g.commands }) : '', g.warnings ? t('rewind.warnings', { n: g.warnings }) : ''].filter(Boolean).join(', ')})` : first })}
                onClick={() => rewind(g.at)}
              />
            );
          })}
        </div>
      </div>
      {past ? (
        <div className="rewind-status" role="status">
          <span>{t('rewind.viewing', { time: formatClock(now).slice(11, 19), ago: formatAge(liveNow - now) })}</span>
          <button type="button" onClick={() => client.send({ type: 'return' })}>
            {t('rewind.back')}
          </button>
          <button type="button" className="primary" onClick={() => setConfirming(true)}>
            {t('rewind.continue')}
          </button>
        </div>
      ) : (
        <div className="rewind-status muted">
          <span className="live-dot" aria-hidden="true" />
          {t('rewind.live')} · {t('rewind.hint')}
        </div>
      )}
      {confirming && (
        <div className="dialog-backdrop">
          <div role="dialog" aria-modal="true" aria-label={t('rewind.continue')} className="dialog">
            <p>{t('rewind.confirm', { time: formatClock(now) })}</p>
            <div className="dialog-buttons">
              <button type="button" onClick={() => setConfirming(false)} autoFocus>
                {t('rewind.cancel')}
              </button>
              <button
                type="button"
                className="danger"
                onClick={() => {
                  setConfirming(false);
                  client.send({ type: 'continue' });
                }}
              >
                {t('rewind.confirmYes')}
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
