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
  const detail = v.service ? `${v.service.type} ${v.service.clusterIP} ${v.service.ports}` : v.workload?.ready ? `READY ${v.workload.ready}` : '';
  const select = () => useUi.setState({ selected: v.key, sideTab: 'inspector' });
  return (
    <div
      className={`side-box kind-${v.kind.toLowerCase()}${selected ? ' selected' : ''}${v.deleting ? ' leaving' : ''}`}
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
      {detail && <div className="side-detail">{detail}</div>}
      <Handle type="source" position={Position.Right} className="handle" isConnectable={false} />
    </div>
  );
});
