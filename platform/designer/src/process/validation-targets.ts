// Which canvas element a validation error concerns: its nodeId/edgeId, or the node or edge its
// JSON pointer points into (schema errors carry only the pointer).
import type { DefinitionError, ProcessDefinition } from '@crm/definitions';

export interface ErrorTarget {
  nodeId?: string;
  edgeId?: string;
}

export function errorTarget(
  error: Pick<DefinitionError, 'path' | 'nodeId' | 'edgeId'>,
  definition: ProcessDefinition,
): ErrorTarget {
  if (error.nodeId) return { nodeId: error.nodeId };
  if (error.edgeId) return { edgeId: error.edgeId };
  const m = /^\/(nodes|edges)\/(\d+)/.exec(error.path ?? '');
  if (!m) return {};
  const index = Number(m[2]);
  if (m[1] === 'nodes') {
    const id = definition.nodes[index]?.id;
    return id ? { nodeId: id } : {};
  }
  const id = definition.edges[index]?.id;
  return id ? { edgeId: id } : {};
}

export function errorsByElement(errors: readonly DefinitionError[], definition: ProcessDefinition) {
  const nodes = new Map<string, string[]>();
  const edges = new Map<string, string[]>();
  for (const error of errors) {
    const t = errorTarget(error, definition);
    if (t.nodeId) nodes.set(t.nodeId, [...(nodes.get(t.nodeId) ?? []), error.message]);
    if (t.edgeId) edges.set(t.edgeId, [...(edges.get(t.edgeId) ?? []), error.message]);
  }
  return { nodes, edges };
}
