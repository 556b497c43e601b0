// One node component per kind, all sharing a shell: icon, label, key settings, typed handles,
// and the validation mark. The map is module-level so React Flow never sees a new nodeTypes object.
import { memo } from 'react';
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import type { FlowNode } from '../flow-mapping';
import { DEFAULT_SOURCE_HANDLE, TARGET_HANDLE } from '../flow-mapping';
import { kindInfo, sourceHandles, type NodeKind } from '../node-kinds';
import { nodeSummary } from '../node-summary';
import { KindIcon } from '../../shared/icons';

const HANDLE_LABEL: Record<string, string> = {
  approved: 'approved',
  rejected: 'rejected',
  timeout: 'timeout',
};

function NodeShell({ data, selected, type }: NodeProps<FlowNode>) {
  const node = data.node;
  const info = kindInfo(type);
  const handles = sourceHandles(node);
  const errors = data.errors ?? [];
  const classes = ['pnode', `pnode-${info.tone}`, `pnode-kind-${type}`];
  if (selected) classes.push('is-selected');
  if (errors.length) classes.push('has-errors');
  if (data.visited) classes.push('is-visited');
  return (
    <div className={classes.join(' ')} data-node-id={node.id} title={errors.join('\n') || info.hint}>
      {type !== 'start' && (
        <Handle type="target" position={Position.Left} id={TARGET_HANDLE} className="phandle phandle-in" />
      )}
      <div className="pnode-head">
        <span className="pnode-icon">
          <KindIcon kind={type} size={14} />
        </span>
        <span className="pnode-kind">{info.label}</span>
        {errors.length > 0 && (
          <span className="pnode-badge" aria-label={`${errors.length} problems`}>
            {errors.length}
          </span>
        )}
      </div>
      <div className="pnode-label">{node.label}</div>
      {nodeSummary(node)
        .filter(Boolean)
        .map((line, i) => (
          <div key={i} className="pnode-line">
            {line}
          </div>
        ))}
      {handles.map((handle, i) => (
        <Handle
          key={handle}
          type="source"
          position={Position.Right}
          id={handle}
          className={`phandle phandle-out phandle-${handle}`}
          style={handles.length > 1 ? { top: `${((i + 1) * 100) / (handles.length + 1)}%` } : undefined}
        >
          {handle !== DEFAULT_SOURCE_HANDLE && <span className="phandle-label">{HANDLE_LABEL[handle]}</span>}
        </Handle>
      ))}
    </div>
  );
}

const Shell = memo(NodeShell);
const kindNode = (kind: NodeKind) => {
  const component = (props: NodeProps<FlowNode>) => <Shell {...props} type={kind} />;
  component.displayName = `${kind}Node`;
  return memo(component);
};

export const nodeTypes: NodeTypes = {
  start: kindNode('start'),
  stage: kindNode('stage'),
  decision: kindNode('decision'),
  parallelSplit: kindNode('parallelSplit'),
  parallelJoin: kindNode('parallelJoin'),
  approval: kindNode('approval'),
  userTask: kindNode('userTask'),
  wait: kindNode('wait'),
  sendMail: kindNode('sendMail'),
  updateRecord: kindNode('updateRecord'),
  createTask: kindNode('createTask'),
  end: kindNode('end'),
};
