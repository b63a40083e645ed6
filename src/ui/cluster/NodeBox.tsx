// A Node as a box holding its pods. It selects the node's view and its list of pod keys; pods
// render themselves. A pod that goes away fades out here before it is dropped.

import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { Handle, Position, type NodeProps, type Node as FlowNode } from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { useCluster } from '../state/cluster-store.ts';
import { useUi } from '../state/ui-store.ts';
import { useT } from '../i18n/index.ts';
import { ActionMenu } from './ActionMenu.tsx';
import { PodTile, podTone } from './PodTile.tsx';
import { keyNamespace, nodeHeight, NODE_HEADER, NODE_PAD, podOffset } from './layout.ts';

const podsAreaHeight = (n: number) => nodeHeight(n) - NODE_HEADER - NODE_PAD;
import { podVisible, useGraphView } from './graph-store.ts';
import { useAction } from './actions.ts';
import type { ObjectView } from '../../worker/protocol.ts';
import './messages.ts';

export type NodeBoxData = { nodeName: string; summary: boolean };
export type NodeBoxNode = FlowNode<NodeBoxData, 'k8snode'>;

const LEAVE_MS = 450;
const CONTROL_PLANE = ['kube-apiserver', 'etcd', 'kube-scheduler', 'kube-controller-manager'];

/** The node's pods that the current view shows. */
function useVisiblePods(nodeName: string): string[] {
  const view = useGraphView();
  const keys = useCluster((s) => s.podsByNode[nodeName]);
  // The namespace is part of the key, so filtering needs neither the objects nor a pass per frame.
  return useMemo(() => (keys ?? []).filter((k) => podVisible(keyNamespace(k), view)), [keys, view]);
}

function ControlPlaneChips({ nodeName }: { nodeName: string }) {
  const t = useT();
  const tones = useCluster(
    useShallow((s) =>
      CONTROL_PLANE.map((c) => {
        const v = s.objects[`pods/kube-system/${c}-${nodeName}`];
        return v?.pod ? podTone(v.pod, v.deleting) : 'muted';
      }),
    ),
  );
  return (
    <div className="cp-chips" aria-label={t('graph.controlPlane')}>
      {CONTROL_PLANE.map((c, i) => (
        <span
          key={c}
          className={`cp-chip tone-${tones[i]}`}
          onClick={(e) => {
            e.stopPropagation();
            useUi.setState({ selected: `pods/kube-system/${c}-${nodeName}`, sideTab: 'inspector' });
          }}
        >
          {c.replace('kube-', '')}
        </span>
      ))}
    </div>
  );
}

function Summary({ keys }: { keys: string[] }) {
  const t = useT();
  const counts = useCluster(
    useShallow((s) => {
      const by: Record<string, number> = {};
      for (const k of keys) {
        const st = s.objects[k]?.pod?.status ?? '?';
        by[st] = (by[st] ?? 0) + 1;
      }
      return Object.entries(by)
        .sort()
        .map(([k, n]) => `${k} ${n}`);
    }),
  );
  return (
    <div className="node-summary">
      <strong>{t('graph.summary', { n: keys.length })}</strong>
      {counts.map((c) => (
        <div key={c}>{c}</div>
      ))}
    </div>
  );
}

export const NodeBox = memo(function NodeBox({ data }: NodeProps<NodeBoxNode>) {
  const t = useT();
  const onAction = useAction();
  const { nodeName, summary } = data;
  const key = `nodes//${nodeName}`;
  const v = useCluster((s) => s.objects[key]);
  const selected = useUi((s) => s.selected === key);
  const pods = useVisiblePods(nodeName);
  const [menu, setMenu] = useState(false);
  const ghosts = useLeaving(pods);
  const n = v?.node;
  const name = nodeName || t('graph.pending');
  const status = n?.status ?? '';
  const tone = !n ? 'info' : status.startsWith('Ready') ? (n.unschedulable ? 'warn' : 'ok') : 'err';
  const items = n
    ? [
        n.unschedulable ? { label: t('graph.uncordon'), command: `kubectl uncordon ${nodeName}` } : { label: t('graph.cordon'), command: `kubectl cordon ${nodeName}` },
        { label: t('graph.drain'), command: `kubectl drain ${nodeName} --ignore-daemonsets --delete-emptydir-data --force` },
        n.kubeletRunning ? { label: t('graph.stopKubelet'), command: `sandbox node stop ${nodeName}` } : { label: t('graph.startKubelet'), command: `sandbox node start ${nodeName}` },
        { label: t('graph.deleteNode'), command: `sandbox node delete ${nodeName}` },
      ]
    : [];
  return (
    <div className={`node-box tone-${tone}${selected ? ' selected' : ''}${nodeName ? '' : ' pending-box'}`} role="group" aria-label={nodeName ? t('graph.node', { name: nodeName }) : name}>
      <Handle type="target" position={Position.Left} className="handle" isConnectable={false} />
      <header
        className="node-head"
        onClick={() => nodeName && useUi.setState({ selected: key, sideTab: 'inspector' })}
        onContextMenu={(e) => {
          if (!n) return;
          e.preventDefault();
          setMenu(true);
        }}
      >
        <div className="node-title">
          {nodeName ? (
            <button type="button" className="node-name" onClick={(e) => { e.stopPropagation(); useUi.setState({ selected: key, sideTab: 'inspector' }); }}>
              {name}
            </button>
          ) : (
            <span className="node-name">{name}</span>
          )}
          {n && <span className={`badge tone-${tone}`}>{status}</span>}
          {n && !n.kubeletRunning && <span className="badge tone-err">{t('graph.kubeletStopped')}</span>}
        </div>
        {n && (
          <div className="node-meta">
            {n.roles !== '<none>' && <span>{n.roles}</span>} <span>{n.ip}</span> <span>{n.podCIDR}</span>
          </div>
        )}
        {n && <ActionMenu label={t('graph.actionsNode', { name: nodeName })} items={items} open={menu} setOpen={setMenu} onAction={onAction} />}
      </header>
      {n?.roles.includes('control-plane') && <ControlPlaneChips nodeName={nodeName} />}
      {summary ? (
        <Summary keys={pods} />
      ) : (
        <div className="node-pods" style={{ height: podsAreaHeight(pods.length + ghosts.length) }}>
          {pods.map((k, i) => {
            const o = podOffset(i);
            return <PodTile key={k} podKey={k} onAction={onAction} x={o.x - 10} y={o.y - 58} />;
          })}
          {ghosts.map((g) => {
            const o = podOffset(g.index);
            return <GhostTile key={'ghost:' + g.view.key} view={g.view} x={o.x - 10} y={o.y - 58} />;
          })}
        </div>
      )}
      <Handle type="source" position={Position.Right} className="handle" isConnectable={false} />
      <Handle type="target" id="east" position={Position.Right} className="handle" isConnectable={false} />
    </div>
  );
});

/** Pods that just left this node, kept for a moment so they can fade out. */
function useLeaving(keys: string[]): { view: ObjectView; index: number }[] {
  const prev = useRef<{ keys: string[]; views: Record<string, ObjectView> }>({ keys: [], views: {} });
  const [ghosts, setGhosts] = useState<{ view: ObjectView; index: number }[]>([]);
  useEffect(() => {
    const now = new Set(keys);
    const objects = useCluster.getState().objects;
    const gone = prev.current.keys.filter((k) => !now.has(k) && prev.current.views[k]).map((k, j) => ({ view: prev.current.views[k], index: keys.length + j }));
    const views: Record<string, ObjectView> = {};
    for (const k of keys) if (objects[k]) views[k] = objects[k];
    prev.current = { keys, views };
    if (!gone.length) return;
    setGhosts((g) => [...g, ...gone]);
    const timer = setTimeout(() => setGhosts((g) => g.filter((x) => !gone.includes(x))), LEAVE_MS);
    return () => clearTimeout(timer);
  }, [keys]);
  return ghosts;
}

function GhostTile({ view, x, y }: { view: ObjectView; x: number; y: number }) {
  return (
    <div className="pod tone-muted gone" style={{ transform: `translate(${x}px, ${y}px)` }} aria-hidden="true">
      <div className="pod-name">{view.name}</div>
      <div className="pod-line">
        <span className="pod-status">{view.pod?.status}</span>
      </div>
    </div>
  );
}
