// An overview of the entities and the references between them, drawn with React Flow.
import { useMemo } from 'react';
import { Background, Controls, MarkerType, ReactFlow, type Edge, type Node } from '@xyflow/react';
import type { EntityDefinition } from '@crm/definitions';

export function EntityOverview({
  entities,
  onPick,
}: {
  entities: readonly EntityDefinition[];
  onPick(key: string): void;
}) {
  const { nodes, edges } = useMemo(() => {
    const cols = Math.max(1, Math.ceil(Math.sqrt(entities.length)));
    const nodes: Node[] = entities.map((e, i) => ({
      id: e.key,
      position: { x: (i % cols) * 260, y: Math.floor(i / cols) * 180 },
      data: { label: `${e.label} · ${e.fields.length} fields` },
      className: 'entity-node',
    }));
    const keys = new Set(entities.map((e) => e.key));
    const edges: Edge[] = entities.flatMap((e) =>
      e.fields.flatMap((f) =>
        f.type === 'reference' && keys.has(f.entity)
          ? [
              {
                id: `${e.key}.${f.key}`,
                source: e.key,
                target: f.entity,
                label: f.label,
                markerEnd: { type: MarkerType.ArrowClosed },
              },
            ]
          : [],
      ),
    );
    return { nodes, edges };
  }, [entities]);
  return (
    <div className="overview" data-testid="entity-overview">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        fitView
        nodesConnectable={false}
        onNodeClick={(_e, n) => onPick(n.id)}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} size={1} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
