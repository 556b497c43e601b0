// Which connections the canvas accepts. The definition's validators judge the finished graph;
// these rules stop the obviously wrong drags before they become edges.
import type { ProcessDefinition, ProcessEdge } from '@crm/definitions';
import { handleCapacity, freshId, sourceHandles, type SourceHandleId } from './node-kinds';
import { DEFAULT_SOURCE_HANDLE } from './flow-mapping';

export interface ConnectionAttempt {
  source: string | null;
  target: string | null;
  sourceHandle?: string | null;
}

/** Null when the connection is allowed, otherwise the reason it is not. */
export function connectionProblem(definition: ProcessDefinition, attempt: ConnectionAttempt): string | null {
  const source = definition.nodes.find((n) => n.id === attempt.source);
  const target = definition.nodes.find((n) => n.id === attempt.target);
  if (!source || !target) return 'Connect two steps.';
  if (source.id === target.id) return 'A step cannot lead to itself.';
  if (target.type === 'start') return 'Nothing can lead into the start.';
  if (source.type === 'end') return 'An end has no way out.';
  const handle = (attempt.sourceHandle ?? DEFAULT_SOURCE_HANDLE) as SourceHandleId;
  if (!sourceHandles(source).includes(handle)) return `${source.label} has no exit “${handle}”.`;
  const fromHandle = definition.edges.filter(
    (e) => e.source === source.id && (e.sourceHandle ?? DEFAULT_SOURCE_HANDLE) === handle,
  );
  const capacity = handleCapacity(source.type, handle);
  if (capacity !== undefined && fromHandle.length >= capacity)
    return `${source.label} already has its ${handle === 'out' ? 'exit' : `“${handle}” exit`}.`;
  if (fromHandle.some((e) => e.target === target.id)) return 'These steps are already connected.';
  return null;
}

/** The edge a valid connection becomes: decision branches get the default flag or an empty condition slot. */
export function edgeForConnection(definition: ProcessDefinition, attempt: ConnectionAttempt): ProcessEdge {
  const source = attempt.source ?? '';
  const target = attempt.target ?? '';
  const id = freshId(`e_${source}_${target}`, new Set(definition.edges.map((e) => e.id)));
  const edge: ProcessEdge = { id, source, target };
  const handle = attempt.sourceHandle;
  if (handle === 'approved' || handle === 'rejected' || handle === 'timeout') edge.sourceHandle = handle;
  const sourceNode = definition.nodes.find((n) => n.id === source);
  if (sourceNode?.type === 'decision' && !definition.edges.some((e) => e.source === source && e.isDefault))
    edge.isDefault = true;
  return edge;
}
