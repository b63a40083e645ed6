// One pod inside its node: name, STATUS as kubectl says it, READY, restarts, a mark per container.
// It subscribes to its own view only, so a pod's change re-renders that pod.

import { memo, useState } from 'react';
import { useCluster } from '../state/cluster-store.ts';
import { useUi } from '../state/ui-store.ts';
import { useT } from '../i18n/index.ts';
import { ActionMenu } from './ActionMenu.tsx';
import { middleEllipsis } from './graph-order.ts';
import type { ContainerView, PodView } from '../../worker/protocol.ts';
import './messages.ts';

/** The colour family of a pod's STATUS. */
export function podTone(p: PodView, deleting: boolean): 'ok' | 'warn' | 'err' | 'info' | 'muted' {
  if (deleting || p.status === 'Terminating') return 'muted';
  if (p.status === 'Completed' || p.phase === 'Succeeded') return 'muted';
  if (/Err|BackOff|Error|Failed|OOMKilled|Invalid|Unknown|Evicted/.test(p.status)) return 'err';
  if (p.status === 'Running') return p.isReady ? 'ok' : 'warn';
  return 'info';
}

function containerTone(c: ContainerView): string {
  if (c.state === 'running') return c.ready || c.init ? 'ok' : 'warn';
  if (c.state === 'terminated') return c.reason === 'Completed' ? 'muted' : 'err';
  if (c.state === 'waiting') return /Err|BackOff/.test(c.reason) ? 'err' : 'info';
  return 'muted';
}

/** The revision of the ReplicaSet that owns a pod ("" when it has none): old and new pods of a rollout differ. */
function useOwnerRevision(owners: string[] | undefined): string {
  return useCluster((s) => {
    const owner = owners?.length ? s.byUid[owners[0]] : undefined;
    return (owner && s.objects[owner]?.workload?.revision) || '';
  });
}

export const PodTile = memo(function PodTile({ podKey, onAction, x, y }: { podKey: string; onAction: (c: string) => void; x: number; y: number }) {
  const t = useT();
  const v = useCluster((s) => s.objects[podKey]);
  const selected = useUi((s) => s.selected === podKey);
  const [menu, setMenu] = useState(false);
  const revision = useOwnerRevision(v?.owners);
  if (!v?.pod) return null;
  const p = v.pod;
  const ns = v.namespace;
  const tone = podTone(p, v.deleting);
  const items = [
    { label: t('graph.describe'), command: `kubectl describe pod ${v.name} -n ${ns}` },
    { label: t('graph.logs'), command: `kubectl logs ${v.name} -n ${ns}` },
    { label: t('graph.delete'), command: `kubectl delete pod ${v.name} -n ${ns}` },
  ];
  return (
    <div
      className={`pod tone-${tone}${selected ? ' selected' : ''}${v.deleting ? ' leaving' : ''}`}
      style={{ transform: `translate(${x}px, ${y}px)` }}
      onContextMenu={(e) => {
        e.preventDefault();
        e.stopPropagation();
        setMenu(true);
      }}
    >
      {/* The tile's body is the button; the menu button sits beside it, not inside it. */}
      <button
        type="button"
        className="pod-body nodrag"
        aria-label={t('graph.pod', { name: v.name })}
        aria-pressed={selected}
        data-status={p.status}
        title={`${ns}/${v.name}\n${p.status} · ${p.ready} · ${p.ip || '-'}`}
        onClick={(e) => {
          e.stopPropagation();
          useUi.setState({ selected: podKey, sideTab: 'inspector' });
        }}
      >
        <span className="pod-name">
          <span className="name-text">{middleEllipsis(v.name, revision ? 13 : 17)}</span>
          {revision && (
            <span className={`rev rev-${Number(revision) % 6}`} title={t('graph.revision', { n: revision })}>
              r{revision}
            </span>
          )}
        </span>
        <span className="pod-line">
          <span className="pod-status">{p.status}</span>
          <span className="pod-ready">{p.ready}</span>
          {p.restarts !== '0' && <span className="pod-restarts">↻{p.restarts.replace(/ \(.*\)$/, '')}</span>}
        </span>
        <span className="pod-containers" aria-hidden="true">
          {p.containers.map((c) => (
            <i key={(c.init ? 'i:' : '') + c.name} className={`ctr tone-${containerTone(c)}${c.init ? ' init' : ''}`} title={`${c.name}: ${c.reason || c.state}`} />
          ))}
        </span>
      </button>
      <ActionMenu label={t('graph.actionsPod', { name: v.name })} items={items} open={menu} setOpen={setMenu} onAction={onAction} />
    </div>
  );
});
