// A Service, Ingress or workload (Deployment, ReplicaSet, StatefulSet …) beside the nodes.

import { memo } from 'react';
import { Handle, Position, type NodeProps, type Node as FlowNode } from '@xyflow/react';
import { useCluster } from '../state/cluster-store.ts';
import { useUi } from '../state/ui-store.ts';
import './messages.ts';

export type SideBoxData = { objectKey: string };
export type SideBoxNode = FlowNode<SideBoxData, 'side'>;

export const SideBox = memo(function SideBox({ data }: NodeProps<SideBoxNode>) {
  const v = useCluster((s) => s.objects[data.objectKey]);
  const selected = useUi((s) => s.selected === data.objectKey);
  if (!v) return null;
  const w = v.workload;
  const detail = v.service ? `${v.service.type} ${v.service.clusterIP} ${v.service.ports}` : w?.detail ? w.detail : w?.ready ? `READY ${w.ready}` : '';
  // A ReplicaSet a rollout has scaled to 0 is kept only as revision history.
  const history = v.kind === 'ReplicaSet' && w?.replicas === 0;
  const select = () => useUi.setState({ selected: v.key, sideTab: 'inspector' });
  return (
    <div
      className={`side-box kind-${v.kind.toLowerCase()}${selected ? ' selected' : ''}${v.deleting ? ' leaving' : ''}${history ? ' history' : ''}`}
      role="button"
      tabIndex={0}
      aria-label={`${v.kind} ${v.name}`}
      onClick={select}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && select()}
    >
      <Handle type="target" position={Position.Left} className="handle" isConnectable={false} />
      <div className="side-kind">
        {v.kind}
        {v.namespace && v.namespace !== 'default' && <span className="side-ns"> · {v.namespace}</span>}
      </div>
      <div className="side-name" title={v.name}>
        {v.name}
      </div>
      {(detail || w?.revision) && (
        <div className="side-detail">
          {detail}
          {w?.revision && <span className={`rev rev-${Number(w.revision) % 6}`}>r{w.revision}</span>}
        </div>
      )}
      <Handle type="source" position={Position.Right} className="handle" isConnectable={false} />
      {/* Owner to owned within the workloads column: a bracket on the left, like a tree. */}
      <Handle type="source" id="tree-out" position={Position.Left} className="handle" isConnectable={false} />
      <Handle type="target" id="tree-in" position={Position.Left} className="handle" isConnectable={false} />
      <Handle type="source" id="west" position={Position.Left} className="handle" isConnectable={false} />
    </div>
  );
});
