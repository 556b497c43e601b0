// The canvas: React Flow with the process's nodes and edges, drops from the palette, connections
// checked against the connection rules, and node drags turned into one move command.
import { useState, type DragEvent } from 'react';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import type { ProcessDefinition } from '@crm/definitions';
import { connectionProblem, edgeForConnection } from './connection-rules';
import type { FlowEdge, FlowNode } from './flow-mapping';
import { nodeTypes } from './nodes/process-nodes';
import { DRAG_TYPE } from './palette';
import { addElements, moveNodes, type ProcessCommand } from './process-commands';

/** About half a drawn node (190 × ~60 flow units): a dropped node is centred on the pointer. */
const NODE_CENTRE = { x: 95, y: 30 };

export function ProcessCanvas({
  definition,
  nodes,
  edges,
  onNodesChange,
  onEdgesChange,
  run,
  onDropKind,
  onPaneClick,
}: {
  definition: ProcessDefinition;
  nodes: FlowNode[];
  edges: FlowEdge[];
  onNodesChange(changes: NodeChange<FlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void;
  run(command: ProcessCommand): void;
  onDropKind(kind: string, position: { x: number; y: number }): void;
  onPaneClick(): void;
}) {
  const flow = useReactFlow<FlowNode, FlowEdge>();
  // Fit the view to the nodes only when opening a process that has some. Asked on an empty canvas,
  // React Flow would keep the fit pending and apply it to the first node dropped, moving that node
  // away from where it was dropped.
  const [fitOnOpen] = useState(() => definition.nodes.length > 0);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    const kind = event.dataTransfer.getData(DRAG_TYPE);
    // Converted first, then centred in flow units, so the node lands under the pointer at any zoom.
    const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    onDropKind(kind, { x: point.x - NODE_CENTRE.x, y: point.y - NODE_CENTRE.y });
  };

  return (
    <div
      className="canvas"
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
      }}
      onDrop={onDrop}
      data-testid="canvas"
    >
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={(c: Connection) => {
          if (connectionProblem(definition, c)) return;
          run(addElements([], [edgeForConnection(definition, c)], 'Connect'));
        }}
        isValidConnection={(c) =>
          connectionProblem(definition, {
            source: c.source,
            target: c.target,
            sourceHandle: c.sourceHandle ?? null,
          }) === null
        }
        onNodeDragStop={(_e, _node, dragged) => {
          const moves = dragged.flatMap((d) => {
            const original = definition.nodes.find((n) => n.id === d.id);
            return original && (original.position.x !== d.position.x || original.position.y !== d.position.y)
              ? [
                  {
                    id: d.id,
                    from: original.position,
                    to: { x: Math.round(d.position.x), y: Math.round(d.position.y) },
                  },
                ]
              : [];
          });
          if (moves.length) run(moveNodes(moves));
        }}
        onPaneClick={onPaneClick}
        deleteKeyCode={null}
        fitView={fitOnOpen}
        fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
        minZoom={0.1}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={20} size={1} />
        <MiniMap pannable zoomable nodeStrokeWidth={3} />
        <Controls showInteractive={false} />
      </ReactFlow>
      {definition.nodes.length === 0 && (
        <div className="canvas-empty">
          Drag a <strong>Start</strong> step from the palette to begin.
        </div>
      )}
    </div>
  );
}
