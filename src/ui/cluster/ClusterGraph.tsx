// The live cluster graph: the control plane and every node as a box holding its pods, services
// (and, on demand, the workloads that own the pods) beside them with edges to where their pods run.
// Flow nodes are rebuilt only when the structure changes (a node, a service, a pod count); a pod's
// own changes re-render only that pod.

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, applyNodeChanges, useReactFlow, type Edge, type NodeChange } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useShallow } from 'zustand/react/shallow';
import { useCluster, type ClusterState } from '../state/cluster-store.ts';
import { useT } from '../i18n/index.ts';
import { NodeBox, type NodeBoxNode } from './NodeBox.tsx';
import { SideBox, type SideBoxNode } from './SideBox.tsx';
import { ActionContext } from './actions.ts';
import { podVisible, useGraphView, type GraphView } from './graph-store.ts';
import { familyOrder } from './graph-order.ts';
import { BOX_GAP, CONTROL_PLANE_CHIPS_H, columnsFor, layoutColumn, layoutNodes, NODE_W, nodeHeight, selects, SIDE_W } from './layout.ts';
import { clearPositions, loadPositions, savePositions, type Positions } from './saved-layout.ts';
import './messages.ts';
import './cluster.css';

const nodeTypes = { k8snode: NodeBox, side: SideBox };
/** Above this many pods, nodes show counts by status instead of a tile per pod. */
const SUMMARY_ABOVE = 3000;
const WORKLOADS = ['deployments.apps', 'statefulsets.apps', 'daemonsets.apps', 'cronjobs.batch', 'jobs.batch', 'replicasets.apps', 'replicationcontrollers', 'horizontalpodautoscalers.autoscaling'];

type AnyNode = NodeBoxNode | SideBoxNode;

const nsVisible = podVisible;

/** The graph's structure as one string, so that a store change that does not alter it does nothing. */
function structure(s: ClusterState, v: GraphView): string {
  const nodes = (s.byResource.nodes ?? []).map((k) => s.objects[k]?.name ?? '');
  const cp = (s.byResource.nodes ?? []).map((k) => s.objects[k]).find((n) => n?.node?.roles.includes('control-plane'))?.name ?? '';
  const counts = (name: string) => (s.podsByNode[name] ?? []).filter((k) => podVisible(s.objects[k]?.namespace ?? '', v)).length;
  const parts = [nodes.map((n) => `${n}:${counts(n)}`).join(','), `pending:${counts('')}`, cp];
  const visible = (r: string) => (s.byResource[r] ?? []).filter((k) => nsVisible(s.objects[k]?.namespace ?? '', v));
  const sides = [...visible('services'), ...visible('ingresses.networking.k8s.io'), ...(v.showOwners ? familyOrder(WORKLOADS.flatMap(visible), s) : [])];
  parts.push(sides.join(','));
  return parts.join('|');
}

/** Edges: service → node box (how many selected pods run there); owner → owned. */
function edgeSignature(s: ClusterState, v: GraphView): string {
  const out: string[] = [];
  const pods = (s.byResource.pods ?? []).map((k) => s.objects[k]).filter((p) => p?.pod && podVisible(p.namespace, v));
  for (const sk of s.byResource.services ?? []) {
    const svc = s.objects[sk];
    if (!svc?.service || !nsVisible(svc.namespace, v)) continue;
    const per: Record<string, number> = {};
    for (const p of pods) if (p.namespace === svc.namespace && selects(svc.service.selector, p.labels)) per[p.pod!.nodeName] = (per[p.pod!.nodeName] ?? 0) + 1;
    for (const [node, n] of Object.entries(per)) out.push(`svc>${sk}>${node}>${n}`);
  }
  if (v.showOwners) {
    const owners = new Set(WORKLOADS.flatMap((r) => s.byResource[r] ?? []));
    for (const ok of owners) {
      const o = s.objects[ok];
      if (!o || !nsVisible(o.namespace, v)) continue;
      for (const uid of o.owners) {
        const parent = s.byUid[uid];
        if (parent && owners.has(parent)) out.push(`own>${parent}>${ok}`);
      }
      if (o.workload?.scales && owners.has(o.workload.scales)) out.push(`scales>${ok}>${o.workload.scales}`);
    }
    const per: Record<string, number> = {};
    for (const p of pods) {
      for (const uid of p.owners) {
        const parent = s.byUid[uid];
        if (parent && owners.has(parent)) per[`${parent}>${p.pod!.nodeName}`] = (per[`${parent}>${p.pod!.nodeName}`] ?? 0) + 1;
      }
    }
    for (const [k, n] of Object.entries(per)) out.push(`ownpods>${k}>${n}`);
  }
  return out.join('\n');
}

/**
 * Memoizes a derivation of the cluster on the store's object maps and the view: most frames only move
 * the clock, and those must not walk every pod again.
 */
function memoOnObjects(fn: (s: ClusterState, v: GraphView) => string): (s: ClusterState, v: GraphView) => string {
  let last: { objects: unknown; byResource: unknown; podsByNode: unknown; byUid: unknown; view: GraphView; out: string } | undefined;
  return (s, v) => {
    if (last && last.objects === s.objects && last.byResource === s.byResource && last.podsByNode === s.podsByNode && last.byUid === s.byUid && last.view === v) return last.out;
    last = { objects: s.objects, byResource: s.byResource, podsByNode: s.podsByNode, byUid: s.byUid, view: v, out: fn(s, v) };
    return last.out;
  };
}

export function ClusterGraph({ onSelect, onAction }: { onSelect: (key: string) => void; onAction: (command: string) => void }) {
  return (
    <ReactFlowProvider>
      <ActionContext.Provider value={onAction}>
        <Graph onSelect={onSelect} onAction={onAction} />
      </ActionContext.Provider>
    </ReactFlowProvider>
  );
}

function Graph({ onAction }: { onSelect: (key: string) => void; onAction: (command: string) => void }) {
  const t = useT();
  const view = useGraphView();
  const shapeOf = useMemo(() => memoOnObjects(structure), []);
  const edgesOf = useMemo(() => memoOnObjects(edgeSignature), []);
  const shape = useCluster((s) => shapeOf(s, view));
  const edgeSig = useCluster((s) => edgesOf(s, view));
  const podTotal = useCluster((s) => s.byResource.pods?.length ?? 0);
  const summary = podTotal > SUMMARY_ABOVE;
  const positions = useRef<Positions>(loadPositions());
  const [nodes, setNodes] = useState<AnyNode[]>([]);
  const [layoutVersion, setLayoutVersion] = useState(0);
  const flow = useReactFlow();

  // Rebuild the flow nodes when the structure changes, keeping dragged positions.
  useEffect(() => {
    const [nodePart, pendingPart, controlPlane, sidePart] = shape.split('|');
    const nodeEntries = nodePart ? nodePart.split(',').map((e) => e.split(':')) : [];
    const pending = Number(pendingPart.split(':')[1]);
    const entries: [string, number][] = nodeEntries.map(([n, c]) => [n, Number(c)]);
    if (pending > 0) entries.push(['', pending]);
    const heightOf = (name: string, count: number) => nodeHeight(summary ? 4 : count) + (name === controlPlane ? CONTROL_PLANE_CHIPS_H : 0);
    const boxes = layoutNodes(
      entries.map(([n, c]) => heightOf(n, c)),
      columnsFor(entries.length),
    );
    const sideKeys = sidePart ? sidePart.split(',') : [];
    const cols = columnsFor(entries.length);
    const sideX = Math.min(cols, entries.length) * (NODE_W + BOX_GAP) + 40;
    const svcKeys = sideKeys.filter((k) => k.startsWith('services/') || k.startsWith('ingresses'));
    const wlKeys = sideKeys.filter((k) => !svcKeys.includes(k));
    const svcBoxes = layoutColumn(svcKeys.length, sideX);
    const wlBoxes = layoutColumn(wlKeys.length, -SIDE_W - 80);
    setNodes((old) => {
      const byId = new Map(old.map((n) => [n.id, n]));
      const next: AnyNode[] = [];
      // Where the learner dragged a box, or where the layout puts it now (it shifts as boxes grow or
      // arrive, so nothing overlaps); an unchanged place keeps the same object, so nothing re-renders.
      const place = (id: string, def: { x: number; y: number }) => {
        const want = positions.current[id] ?? def;
        const had = byId.get(id)?.position;
        return had && had.x === want.x && had.y === want.y ? had : { x: want.x, y: want.y };
      };
      entries.forEach(([name, count], i) => {
        const id = `node:${name}`;
        const prev = byId.get(id) as NodeBoxNode | undefined;
        const height = heightOf(name, count);
        const position = place(id, boxes[i]);
        if (prev && prev.height === height && prev.data.summary === summary && prev.position === position) next.push(prev);
        else next.push({ id, type: 'k8snode', position, data: { nodeName: name, summary }, width: NODE_W, height, dragHandle: '.node-head' });
      });
      const side = (keys: string[], bs: { x: number; y: number }[]) =>
        keys.forEach((k, i) => {
          const id = `side:${k}`;
          const prev = byId.get(id);
          const position = place(id, bs[i]);
          if (prev && prev.position === position) next.push(prev);
          else next.push({ id, type: 'side', position, data: { objectKey: k }, width: SIDE_W });
        });
      side(svcKeys, svcBoxes);
      side(wlKeys, wlBoxes);
      return next;
    });
  }, [shape, summary, layoutVersion]);

  const edges = useMemo<Edge[]>(() => {
    if (!edgeSig) return [];
    return edgeSig.split('\n').map((line) => {
      const [kind, a, b, n] = line.split('>');
      // Services stand right of the nodes: their edges leave on the left and enter the node box on its right.
      if (kind === 'svc') return { id: line, source: `side:${a}`, target: `node:${b}`, sourceHandle: 'west', targetHandle: 'east', label: n === '1' ? t('graph.selectsOne') : t('graph.selects', { n }), className: 'edge-svc', animated: false };
      if (kind === 'scales') return { id: line, source: `side:${a}`, target: `side:${b}`, sourceHandle: 'tree-out', targetHandle: 'tree-in', type: 'smoothstep', label: t('graph.scales'), className: 'edge-scales' };
      if (kind === 'own') return { id: line, source: `side:${a}`, target: `side:${b}`, sourceHandle: 'tree-out', targetHandle: 'tree-in', type: 'smoothstep', className: 'edge-owner' };
      return { id: line, source: `side:${a}`, target: `node:${b}`, label: n, className: 'edge-owner' };
    });
  }, [edgeSig, t]);

  const onNodesChange = useCallback((changes: NodeChange<AnyNode>[]) => {
    setNodes((ns) => applyNodeChanges(changes, ns));
    let moved = false;
    for (const c of changes) {
      if (c.type === 'position' && c.position && !c.dragging) {
        positions.current[c.id] = c.position;
        moved = true;
      }
    }
    if (moved) savePositions(positions.current);
  }, []);

  const namespaces = useCluster(useShallow((s) => (s.byResource.namespaces ?? []).map((k) => s.objects[k]?.name ?? '')));
  const fitOnce = useRef(false);
  useEffect(() => {
    if (!fitOnce.current && nodes.length) {
      fitOnce.current = true;
      requestAnimationFrame(() => void flow.fitView({ padding: 0.15, maxZoom: 1 }));
    }
  }, [nodes.length, flow]);
  // The workloads column stands left of the nodes: showing it brings it into view.
  const ownersShown = useRef(view.showOwners);
  const fitWhenBuilt = useRef(false);
  useEffect(() => {
    if (view.showOwners && !ownersShown.current) fitWhenBuilt.current = true;
    ownersShown.current = view.showOwners;
    if (fitWhenBuilt.current && nodes.some((n) => n.type === 'side' && n.position.x < 0)) {
      fitWhenBuilt.current = false;
      requestAnimationFrame(() => void flow.fitView({ padding: 0.12, maxZoom: 1, duration: 300 }));
    }
  }, [view.showOwners, nodes, flow]);

  return (
    <div className="cluster-graph">
      <div className="graph-toolbar" role="toolbar" aria-label={t('graph.toolbar')}>
        <label>
          <span className="sr-only">{t('graph.namespace')}</span>
          <select aria-label={t('graph.namespace')} value={view.namespace} onChange={(e) => useGraphView.setState({ namespace: e.target.value })}>
            <option value="">{t('graph.allNamespaces')}</option>
            {namespaces.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={view.showSystem} onChange={(e) => useGraphView.setState({ showSystem: e.target.checked })} /> {t('graph.system')}
        </label>
        <label>
          <input type="checkbox" checked={view.showOwners} onChange={(e) => useGraphView.setState({ showOwners: e.target.checked })} /> {t('graph.owners')}
        </label>
        <button type="button" onClick={() => void flow.fitView({ padding: 0.15, maxZoom: 1 })}>
          {t('graph.fit')}
        </button>
        <button
          type="button"
          onClick={() => {
            positions.current = {};
            clearPositions();
            setNodes([]);
            setLayoutVersion((v) => v + 1);
          }}
        >
          {t('graph.resetLayout')}
        </button>
        <button type="button" onClick={() => onAction('sandbox node add')}>
          + {t('graph.addNode')}
        </button>
      </div>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        nodesConnectable={false}
        elementsSelectable={false}
        minZoom={0.05}
        maxZoom={2}
        onlyRenderVisibleElements
      >
        <Background gap={24} />
        <Controls showInteractive={false} />
        <MiniMap pannable zoomable className="minimap" style={{ width: 160, height: 100 }} bgColor="var(--panel)" maskColor="rgba(60, 70, 90, 0.25)" nodeColor="var(--panel-2)" nodeStrokeColor="var(--border)" />
      </ReactFlow>
    </div>
  );
}
