// The time bar: the simulated clock, pause/play, speed, step, and reset to a fresh cluster.

import { useState } from 'react';
import type { EngineClient } from '../engine-client.ts';
import { useCluster } from '../state/cluster-store.ts';
import { SPEEDS, type Speed } from '../../worker/protocol.ts';
import { defineMessages, useT } from '../i18n/index.ts';
import { formatClock } from './clock.ts';

defineMessages(
  {
    'time.label': 'Simulated time',
    'time.starting': 'starting the cluster…',
    'time.pause': 'Pause',
    'time.play': 'Play',
    'time.speed': 'Speed',
    'time.paused': 'paused',
    'time.step': 'Step {d}',
    'time.reset': 'Reset',
    'time.resetConfirm': 'Throw this cluster away and start a fresh one? Your files stay.',
    'time.resetYes': 'Reset the cluster',
    'time.cancel': 'Cancel',
  },
  {
    'time.label': '模拟时间',
    'time.starting': '集群启动中…',
    'time.pause': '暂停',
    'time.play': '播放',
    'time.speed': '速度',
    'time.paused': '已暂停',
    'time.step': '前进 {d}',
    'time.reset': '重置',
    'time.resetConfirm': '丢弃当前集群并重新开始？你的文件会保留。',
    'time.resetYes': '重置集群',
    'time.cancel': '取消',
  },
);

const STEPS: { label: string; ms: number }[] = [
  { label: '1s', ms: 1000 },
  { label: '10s', ms: 10_000 },
  { label: '1m', ms: 60_000 },
];

export function TimeBar({ client, onReset }: { client: EngineClient; onReset: () => void }) {
  const t = useT();
  const ready = useCluster((s) => s.ready);
  const now = useCluster((s) => s.now);
  const speed = useCluster((s) => s.speed);
  const [lastSpeed, setLastSpeed] = useState<Speed>(1);
  const [confirming, setConfirming] = useState(false);
  const setSpeed = (s: Speed) => {
    if (s !== 0) setLastSpeed(s);
    useCluster.setState({ speed: s });
    client.send({ type: 'speed', speed: s });
  };
  return (
    <div className="timebar" role="toolbar" aria-label={t('time.label')}>
      <output className="clock" aria-label={t('time.label')}>
        {ready ? formatClock(now) : t('time.starting')}
      </output>
      <button type="button" onClick={() => setSpeed(speed === 0 ? lastSpeed : 0)} aria-label={speed === 0 ? t('time.play') : t('time.pause')} title={speed === 0 ? t('time.play') : t('time.pause')}>
        {speed === 0 ? '▶' : '❚❚'}
      </button>
      <label className="speed">
        <span className="sr-only">{t('time.speed')}</span>
        <select value={String(speed)} onChange={(e) => setSpeed(Number(e.target.value) as Speed)} aria-label={t('time.speed')}>
          {SPEEDS.map((s) => (
            <option key={s} value={String(s)}>
              {s === 0 ? t('time.paused') : `${s}×`}
            </option>
          ))}
        </select>
      </label>
      {STEPS.map((s) => (
        <button type="button" key={s.ms} onClick={() => client.send({ type: 'step', ms: s.ms })} aria-label={t('time.step', { d: s.label })} title={t('time.step', { d: s.label })}>
          +{s.label}
        </button>
      ))}
      <button type="button" onClick={() => setConfirming(true)}>
        {t('time.reset')}
      </button>
      {confirming && (
        <div className="dialog-backdrop">
          <div role="dialog" aria-modal="true" aria-label={t('time.reset')} className="dialog">
            <p>{t('time.resetConfirm')}</p>
            <div className="dialog-buttons">
              <button type="button" onClick={() => setConfirming(false)} autoFocus>
                {t('time.cancel')}
              </button>
              <button
                type="button"
                className="danger"
                onClick={() => {
                  setConfirming(false);
                  onReset();
                }}
              >
                {t('time.resetYes')}
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
