// What React Flow draws: nodes and edges built from the definition, marked with validation errors,
// the simulated path and the selection. The definition is the state; React Flow only holds
// positions while a drag is under way.
import { useCallback, useEffect, useMemo, useState, type Dispatch, type SetStateAction } from 'react';
import { MarkerType, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import {
  describeCondition,
  type DefinitionError,
  type EntityDefinition,
  type ProcessDefinition,
  type ProcessEdge,
  type SimulationAnswer,
} from '@crm/definitions';
import { toFlowNode, type FlowEdge, type FlowNode } from './flow-mapping';
import { errorsByElement } from './validation-targets';

export interface Selection {
  nodes: string[];
  edges: string[];
}

export const NOTHING_SELECTED: Selection = { nodes: [], edges: [] };

function edgeText(edge: ProcessEdge, describe: (e: ProcessEdge) => string | undefined): string | undefined {
  if (edge.label) return edge.label;
  if (edge.isDefault) return 'otherwise';
  return describe(edge);
}

/** The ids selected after React Flow's select changes. */
function applySelect(ids: readonly string[], changes: readonly (NodeChange | EdgeChange)[]): string[] {
  const set = new Set(ids);
  for (const c of changes) {
    if (c.type !== 'select') continue;
    if (c.selected) set.add(c.id);
    else set.delete(c.id);
  }
  return [...set];
}

export function useCanvasElements({
  definition,
  errors,
  sim,
  selected,
  setSelected,
  entity,
}: {
  definition: ProcessDefinition | null;
  errors: readonly DefinitionError[];
  sim: SimulationAnswer | null;
  selected: Selection;
  setSelected: Dispatch<SetStateAction<Selection>>;
  entity: EntityDefinition | undefined;
}) {
  const [nodes, setNodes] = useState<FlowNode[]>([]);
  const marks = useMemo(
    () => (definition ? errorsByElement(errors, definition) : { nodes: new Map(), edges: new Map() }),
    [errors, definition],
  );
  const visitedNodes = useMemo(() => new Set(sim?.path.map((p) => p.nodeId) ?? []), [sim]);
  const visitedEdges = useMemo(() => new Set(sim?.edges ?? []), [sim]);

  // Rebuild the drawn nodes from the definition, keeping the objects of unchanged nodes so that
  // React Flow re-renders only what changed (this keeps large canvases fast).
  useEffect(() => {
    if (!definition) return;
    setNodes((previous) => {
      const old = new Map(previous.map((n) => [n.id, n]));
      return definition.nodes.map((node) => {
        const errs = marks.nodes.get(node.id);
        const visited = visitedNodes.has(node.id);
        const isSelected = selected.nodes.includes(node.id);
        const prev = old.get(node.id);
        if (
          prev &&
          prev.data.node === node &&
          prev.data.errors === errs &&
          prev.data.visited === visited &&
          prev.selected === isSelected
        )
          return prev;
        return {
          ...prev,
          ...toFlowNode(node),
          selected: isSelected,
          data: { node, ...(errs ? { errors: errs } : {}), visited },
        };
      });
    });
  }, [definition, marks, visitedNodes, selected.nodes]);

  const describe = useCallback(
    (e: ProcessEdge) =>
      e.condition && entity ? describeCondition(e.condition, entity) : e.condition ? 'when…' : undefined,
    [entity],
  );
  const edges: FlowEdge[] = useMemo(
    () =>
      (definition?.edges ?? []).map((edge) => {
        const errs = marks.edges.get(edge.id);
        const visited = visitedEdges.has(edge.id);
        const text = edgeText(edge, describe);
        const classes = [
          errs ? 'edge-error' : '',
          visited ? 'edge-visited' : '',
          edge.sourceHandle ? `edge-${edge.sourceHandle}` : '',
        ]
          .filter(Boolean)
          .join(' ');
        return {
          id: edge.id,
          source: edge.source,
          target: edge.target,
          sourceHandle: edge.sourceHandle ?? 'out',
          targetHandle: 'in',
          selected: selected.edges.includes(edge.id),
          animated: visited,
          markerEnd: { type: MarkerType.ArrowClosed },
          ...(text ? { label: text.length > 48 ? `${text.slice(0, 46)}…` : text } : {}),
          ...(classes ? { className: classes } : {}),
          data: { edge, ...(errs ? { errors: errs } : {}), visited },
        };
      }),
    [definition, marks, visitedEdges, selected.edges, describe],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      setNodes((ns) => applyNodeChanges(changes, ns));
      if (changes.some((c) => c.type === 'select'))
        setSelected((s) => ({ ...s, nodes: applySelect(s.nodes, changes) }));
    },
    [setSelected],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowEdge>[]) => {
      if (changes.some((c) => c.type === 'select'))
        setSelected((s) => ({ ...s, edges: applySelect(s.edges, changes) }));
    },
    [setSelected],
  );

  return { nodes, edges, onNodesChange, onEdgesChange };
}
