import type { ProcessDefinition, ProcessEdge, ProcessNode } from './definition-types';
import { BrokenGraphError, UnknownNodeError } from './errors';

/** A node narrowed to one `type`. */
export type NodeOf<T extends ProcessNode['type']> = Extract<ProcessNode, { type: T }>;

/** Node kinds that hold the record: the instance rests there until a user or an activity moves it. */
export function isHoldingNode(node: ProcessNode): node is NodeOf<'stage'> | NodeOf<'end'> {
  return node.type === 'stage' || node.type === 'end';
}

export function nodeById(definition: ProcessDefinition, nodeId: string): ProcessNode {
  const node = definition.nodes.find((candidate) => candidate.id === nodeId);
  if (node === undefined) throw new UnknownNodeError(nodeId);
  return node;
}

export function startNode(definition: ProcessDefinition): NodeOf<'start'> {
  const node = definition.nodes.find((candidate): candidate is NodeOf<'start'> => candidate.type === 'start');
  if (node === undefined) throw new BrokenGraphError('(start)', 'the process has no start node.');
  return node;
}

export function outgoingEdges(definition: ProcessDefinition, nodeId: string): ProcessEdge[] {
  return definition.edges.filter((edge) => edge.source === nodeId);
}

export function incomingEdges(definition: ProcessDefinition, nodeId: string): ProcessEdge[] {
  return definition.edges.filter((edge) => edge.target === nodeId);
}

/** The outgoing edge leaving through a named handle (`approved`, `rejected`, `timeout`). */
export function edgeByHandle(definition: ProcessDefinition, nodeId: string, handle: string): ProcessEdge {
  const edge = outgoingEdges(definition, nodeId).find((candidate) => candidate.sourceHandle === handle);
  if (edge === undefined) throw new BrokenGraphError(nodeId, `no outgoing edge for "${handle}".`);
  return edge;
}

/** The one ordinary outgoing edge of a node that continues on its own (handle-less, or not `timeout`). */
export function continuationEdge(definition: ProcessDefinition, nodeId: string): ProcessEdge {
  const edge = outgoingEdges(definition, nodeId).find((candidate) => candidate.sourceHandle !== 'timeout');
  if (edge === undefined) throw new BrokenGraphError(nodeId, 'no outgoing edge to continue on.');
  return edge;
}
