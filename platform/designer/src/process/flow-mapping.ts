// The one mapping between a process definition and React Flow's nodes and edges. It is pure and
// lossless: every property of a node or edge travels in `data`, and only the canvas-owned parts
// (position, source, target, handle) are read back from React Flow.
import type { Edge, Node } from '@xyflow/react';
import type { ProcessDefinition, ProcessEdge, ProcessNode } from '@crm/definitions';
import type { NodeKind } from './node-kinds';

export interface ProcessNodeData extends Record<string, unknown> {
  node: ProcessNode;
  /** Messages of the validation errors that concern this node. */
  errors?: readonly string[];
  /** Part of the simulated path. */
  visited?: boolean;
}

export interface ProcessEdgeData extends Record<string, unknown> {
  edge: ProcessEdge;
  errors?: readonly string[];
  visited?: boolean;
}

export type FlowNode = Node<ProcessNodeData, NodeKind>;
export type FlowEdge = Edge<ProcessEdgeData>;
export type ProcessMeta = Omit<ProcessDefinition, 'nodes' | 'edges'>;

/** React Flow needs an id on every handle; a node's plain exit is "out", its entry "in". */
export const DEFAULT_SOURCE_HANDLE = 'out';
export const TARGET_HANDLE = 'in';

export function toFlowNode(node: ProcessNode): FlowNode {
  return { id: node.id, type: node.type, position: { ...node.position }, data: { node } };
}

export function toFlowEdge(edge: ProcessEdge): FlowEdge {
  return {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    sourceHandle: edge.sourceHandle ?? DEFAULT_SOURCE_HANDLE,
    targetHandle: TARGET_HANDLE,
    ...(edge.label !== undefined ? { label: edge.label } : {}),
    data: { edge },
  };
}

export function toFlow(definition: ProcessDefinition): {
  meta: ProcessMeta;
  nodes: FlowNode[];
  edges: FlowEdge[];
} {
  const { nodes, edges, ...meta } = definition;
  return { meta, nodes: nodes.map(toFlowNode), edges: edges.map(toFlowEdge) };
}

export function fromFlowNode(flowNode: FlowNode): ProcessNode {
  const { x, y } = flowNode.position;
  return { ...flowNode.data.node, id: flowNode.id, position: { x, y } };
}

export function fromFlowEdge(flowEdge: FlowEdge): ProcessEdge {
  const original = flowEdge.data?.edge;
  const handle = flowEdge.sourceHandle;
  const { sourceHandle: _ignored, ...rest } = original ?? { id: flowEdge.id };
  const edge: ProcessEdge = { ...rest, id: flowEdge.id, source: flowEdge.source, target: flowEdge.target };
  if (handle === 'approved' || handle === 'rejected' || handle === 'timeout') edge.sourceHandle = handle;
  return edge;
}

export function fromFlow(
  meta: ProcessMeta,
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
): ProcessDefinition {
  return { ...meta, nodes: nodes.map(fromFlowNode), edges: edges.map(fromFlowEdge) };
}
