// The process designer: palette, canvas, toolbar and the right-hand panels. The definition is the
// state; React Flow only draws it (and holds positions while a drag is under way).
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import {
  describeCondition,
  validateDefinition,
  type DefinitionError,
  type ProcessEdge,
  type ProcessNode,
} from '@crm/definitions';
import type { SimulationAnswer } from '../api/definitions-api';
import type { Workspace } from '../shared/workspace';
import { validationContext } from '../shared/workspace';
import { KindIcon } from '../shared/icons';
import { autoLayout } from './auto-layout';
import { connectionProblem, edgeForConnection } from './connection-rules';
import { toFlowNode, type FlowEdge, type FlowNode, type ProcessMeta } from './flow-mapping';
import { NODE_KINDS, createNode, freshId, isNodeKind } from './node-kinds';
import { nodeTypes } from './nodes/process-nodes';
import {
  addElements,
  moveNodes,
  pasteCommand,
  removeElements,
  updateEdge,
  updateMeta,
  updateNode,
  type ProcessCommand,
} from './process-commands';
import { EdgeProperties } from './panels/edge-properties';
import { NodeProperties, type PanelContext } from './panels/node-properties';
import { ProcessProperties } from './panels/process-properties';
import { ProblemsPanel, TryItPanel, VersionsPanel } from './panels/side-panels';
import { useProcessDocument } from './use-process-document';
import { errorsByElement, errorTarget } from './validation-targets';

type Tab = 'properties' | 'problems' | 'versions' | 'try';
const DRAG_TYPE = 'application/x-crm-node-kind';

function Palette({ onAdd }: { onAdd(kind: string): void }) {
  return (
    <aside className="palette" aria-label="Node palette">
      <div className="panel-title">Steps</div>
      {NODE_KINDS.map((k) => (
        <div
          key={k.kind}
          className={`palette-item tone-${k.tone}`}
          draggable
          role="button"
          tabIndex={0}
          data-kind={k.kind}
          title={`${k.hint} — drag onto the canvas, or press Enter`}
          onDragStart={(e) => {
            e.dataTransfer.setData(DRAG_TYPE, k.kind);
            e.dataTransfer.effectAllowed = 'move';
          }}
          onKeyDown={(e) => e.key === 'Enter' && onAdd(k.kind)}
          onDoubleClick={() => onAdd(k.kind)}
        >
          <span className="palette-icon">
            <KindIcon kind={k.kind} />
          </span>
          <span>{k.label}</span>
        </div>
      ))}
      <p className="muted small palette-help">
        Drag a step onto the canvas, then drag from a step's right edge to the next one.
      </p>
    </aside>
  );
}

function edgeText(edge: ProcessEdge, describe: (e: ProcessEdge) => string | undefined): string | undefined {
  if (edge.label) return edge.label;
  if (edge.isDefault) return 'otherwise';
  return describe(edge);
}

function Designer({
  processKey,
  workspace,
  onSaved,
}: {
  processKey: string;
  workspace: Workspace;
  onSaved(): Promise<void>;
}) {
  const doc = useProcessDocument(processKey, onSaved);
  const { definition } = doc;
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const [nodes, setNodes] = useState<FlowNode[]>([]);
  const [selected, setSelected] = useState<{ nodes: string[]; edges: string[] }>({ nodes: [], edges: [] });
  const [tab, setTab] = useState<Tab>('properties');
  const [sim, setSim] = useState<SimulationAnswer | null>(null);
  const clipboard = useRef<{ nodes: ProcessNode[]; edges: ProcessEdge[] } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const context = useMemo(() => validationContext(workspace), [workspace]);
  const errors: DefinitionError[] = useMemo(() => {
    if (!definition) return [];
    try {
      return validateDefinition('process', definition, context);
    } catch (e) {
      // E.g. a Content-Security-Policy without 'unsafe-eval' stops ajv from compiling the schemas.
      const message = `Validation could not run in this browser: ${e instanceof Error ? e.message : String(e)}`;
      return [{ rule: 'schema', message, kind: 'process', key: definition.key, path: '' } as DefinitionError];
    }
  }, [definition, context]);
  const marks = useMemo(
    () => (definition ? errorsByElement(errors, definition) : { nodes: new Map(), edges: new Map() }),
    [errors, definition],
  );
  const entity = workspace.entities.find((e) => e.key === definition?.entity);
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
        const fresh = toFlowNode(node);
        return {
          ...prev,
          ...fresh,
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

  const run = doc.perform;
  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    setNodes((ns) => applyNodeChanges(changes, ns));
    const selects = changes.filter((c) => c.type === 'select');
    if (selects.length)
      setSelected((s) => {
        const set = new Set(s.nodes);
        for (const c of selects) {
          if (c.type !== 'select') continue;
          if (c.selected) set.add(c.id);
          else set.delete(c.id);
        }
        return { ...s, nodes: [...set] };
      });
  }, []);
  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => {
    const selects = changes.filter((c) => c.type === 'select');
    if (selects.length)
      setSelected((s) => {
        const set = new Set(s.edges);
        for (const c of selects) {
          if (c.type !== 'select') continue;
          if (c.selected) set.add(c.id);
          else set.delete(c.id);
        }
        return { ...s, edges: [...set] };
      });
  }, []);

  const addNodeAt = useCallback(
    (kind: string, position: { x: number; y: number }) => {
      if (!definition || !isNodeKind(kind)) return;
      const id = freshId(kind === 'stage' ? 'stage' : kind, new Set(definition.nodes.map((n) => n.id)));
      const template = workspace.mailTemplates.find((t) => t.entity === definition.entity)?.key;
      const node = createNode(
        kind,
        id,
        { x: Math.round(position.x), y: Math.round(position.y) },
        template ? { template } : {},
      );
      run(addElements([node], [], `Add ${kind}`));
      setSelected({ nodes: [id], edges: [] });
      setTab('properties');
    },
    [definition, run, workspace.mailTemplates],
  );

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    const kind = event.dataTransfer.getData(DRAG_TYPE);
    addNodeAt(kind, flow.screenToFlowPosition({ x: event.clientX - 90, y: event.clientY - 30 }));
  };

  const deleteSelection = useCallback(() => {
    if (!definition || (selected.nodes.length === 0 && selected.edges.length === 0)) return;
    run(removeElements(definition, selected.nodes, selected.edges));
    setSelected({ nodes: [], edges: [] });
  }, [definition, run, selected]);

  const copy = useCallback(() => {
    if (!definition) return;
    const ids = new Set(selected.nodes);
    clipboard.current = {
      nodes: definition.nodes.filter((n) => ids.has(n.id)),
      edges: definition.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
    };
  }, [definition, selected.nodes]);

  const paste = useCallback(() => {
    if (!definition || !clipboard.current?.nodes.length) return;
    const { command, nodeIds } = pasteCommand(definition, clipboard.current);
    run(command);
    setSelected({ nodes: nodeIds, edges: [] });
  }, [definition, run]);

  const layout = useCallback(async () => {
    if (!definition) return;
    run(moveNodes(await autoLayout(definition), 'Auto-layout'));
    window.setTimeout(() => void flow.fitView({ padding: 0.15, duration: 200 }), 50);
  }, [definition, run, flow]);

  const onKeyDown = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (mod && key === 'z' && !e.shiftKey) doc.undo();
    else if (mod && (key === 'y' || (key === 'z' && e.shiftKey))) doc.redo();
    else if (mod && key === 'c') copy();
    else if (mod && key === 'v') paste();
    else if (mod && key === 's') void doc.save();
    else if (e.key === 'Delete' || e.key === 'Backspace') deleteSelection();
    else if (!mod && key === 'f') void flow.fitView({ padding: 0.15, duration: 200 });
    else if (!mod && key === 'l') void layout();
    else return;
    e.preventDefault();
  };

  const pickProblem = (error: DefinitionError) => {
    if (!definition) return;
    const t = errorTarget(error, definition);
    setSelected({ nodes: t.nodeId ? [t.nodeId] : [], edges: t.edgeId ? [t.edgeId] : [] });
    setTab('properties');
    const node = definition.nodes.find(
      (n) => n.id === (t.nodeId ?? definition.edges.find((e) => e.id === t.edgeId)?.source),
    );
    if (node)
      void flow.setCenter(node.position.x + 90, node.position.y + 40, {
        zoom: Math.max(flow.getZoom(), 1),
        duration: 250,
      });
  };

  const importFile = async (file: File) => {
    if (!definition) return;
    try {
      const parsed = JSON.parse(await file.text()) as ProcessMeta & {
        nodes: ProcessNode[];
        edges: ProcessEdge[];
      };
      if (!Array.isArray(parsed.nodes) || !Array.isArray(parsed.edges))
        throw new Error('The file is not a process definition.');
      const before = definition;
      const after = { ...parsed, key: processKey };
      const command: ProcessCommand = { label: 'Import', execute: () => after, revert: () => before };
      run(command);
      doc.setMessage({ tone: 'ok', text: `Imported ${file.name}. Undo to go back.` });
    } catch (e) {
      doc.setMessage({ tone: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  };

  const exportFile = () => {
    if (!definition) return;
    const url = URL.createObjectURL(
      new Blob([JSON.stringify(definition, null, 2)], { type: 'application/json' }),
    );
    const a = document.createElement('a');
    a.href = url;
    a.download = `${processKey}.process.json`;
    a.click();
    URL.revokeObjectURL(url);
  };

  if (doc.loadError) return <div className="banner banner-error">{doc.loadError}</div>;
  if (!definition) return <div className="empty">Loading the process…</div>;

  const { nodes: _n, edges: _e, ...meta } = definition;
  const stages = definition.nodes
    .filter((n) => n.type === 'stage' || n.type === 'end')
    .map((n) => ({ id: n.id, label: n.label }));
  const ctx: PanelContext = {
    entity,
    entities: workspace.entities,
    templates: workspace.mailTemplates,
    roles: [...new Set([...context.roles!.map((r) => r.key)])],
    stages,
  };
  const selectedNode =
    selected.nodes.length === 1 ? definition.nodes.find((n) => n.id === selected.nodes[0]) : undefined;
  const selectedEdge =
    !selectedNode && selected.edges.length === 1
      ? definition.edges.find((e) => e.id === selected.edges[0])
      : undefined;
  const statusText = {
    saved: 'All changes saved',
    unsaved: 'Unsaved changes…',
    saving: 'Saving…',
    error: 'Not saved',
  }[doc.status];

  return (
    <div className="designer" onKeyDown={onKeyDown} tabIndex={-1}>
      <div className="toolbar" role="toolbar" aria-label="Process tools">
        <div className="toolbar-title">
          <a href="#/processes" className="muted">
            Processes
          </a>{' '}
          / <strong>{definition.label}</strong>
          <span className={`save-status save-${doc.status}`} data-testid="save-status">
            {statusText}
          </span>
        </div>
        <div className="toolbar-actions">
          <button
            type="button"
            className="btn btn-ghost"
            onClick={doc.undo}
            disabled={!doc.canUndo}
            title="Undo (Ctrl+Z)"
          >
            Undo
          </button>
          <button
            type="button"
            className="btn btn-ghost"
            onClick={doc.redo}
            disabled={!doc.canRedo}
            title="Redo (Ctrl+Shift+Z)"
          >
            Redo
          </button>
          <button
            type="button"
            className="btn btn-ghost"
            onClick={deleteSelection}
            disabled={!selected.nodes.length && !selected.edges.length}
            title="Delete (Del)"
          >
            Delete
          </button>
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => void layout()}
            title="Auto-layout (L)"
          >
            Auto-layout
          </button>
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => void flow.fitView({ padding: 0.15, duration: 200 })}
            title="Zoom to fit (F)"
          >
            Fit
          </button>
          <span className="toolbar-sep" />
          <button type="button" className="btn btn-ghost" onClick={exportFile}>
            Export
          </button>
          <button type="button" className="btn btn-ghost" onClick={() => fileInput.current?.click()}>
            Import
          </button>
          <input
            ref={fileInput}
            type="file"
            accept="application/json,.json"
            hidden
            onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])}
          />
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => void doc.save()}
            title="Save draft (Ctrl+S)"
          >
            Save draft
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void doc.publish()}
            disabled={errors.length > 0}
            title={errors.length ? 'Fix the problems first' : 'Publish a new version'}
          >
            Publish
          </button>
        </div>
      </div>
      {doc.message && (
        <div
          className={`banner ${doc.message.tone === 'ok' ? 'banner-ok' : 'banner-error'}`}
          role="status"
          data-testid="designer-message"
        >
          {doc.message.text}
          {doc.message.errors?.map((e, i) => (
            <div key={i} className="small">
              {e.message}
            </div>
          ))}
          <button
            type="button"
            className="icon-btn"
            aria-label="Dismiss"
            onClick={() => doc.setMessage(null)}
          >
            ×
          </button>
        </div>
      )}
      <div className="designer-body">
        <Palette
          onAdd={(kind) =>
            addNodeAt(
              kind,
              flow.screenToFlowPosition({ x: window.innerWidth / 2 - 100, y: window.innerHeight / 2 }),
            )
          }
        />
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
                return original &&
                  (original.position.x !== d.position.x || original.position.y !== d.position.y)
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
            onPaneClick={() => setSelected({ nodes: [], edges: [] })}
            deleteKeyCode={null}
            fitView
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
        <aside className="sidepanel">
          <div className="tabs" role="tablist">
            {(['properties', 'problems', 'versions', 'try'] as Tab[]).map((t) => (
              <button
                key={t}
                type="button"
                role="tab"
                aria-selected={tab === t}
                className="tab"
                onClick={() => setTab(t)}
                data-tab={t}
              >
                {t === 'properties'
                  ? 'Properties'
                  : t === 'problems'
                    ? `Problems${errors.length ? ` (${errors.length})` : ''}`
                    : t === 'versions'
                      ? 'Versions'
                      : 'Try it'}
              </button>
            ))}
          </div>
          <div className="tab-body">
            {tab === 'properties' &&
              (selectedNode ? (
                <NodeProperties
                  key={selectedNode.id}
                  node={selectedNode}
                  ctx={ctx}
                  onChange={(n) => run(updateNode(selectedNode, n))}
                />
              ) : selectedEdge ? (
                <EdgeProperties
                  key={selectedEdge.id}
                  edge={selectedEdge}
                  definition={definition}
                  ctx={ctx}
                  onChange={(e) => run(updateEdge(selectedEdge, e))}
                />
              ) : (
                <ProcessProperties
                  meta={meta}
                  calendars={workspace.calendars.map((c) => c.key)}
                  ctx={{
                    ...ctx,
                    entityKeys: workspace.entities.map((e) => ({ key: e.key, label: e.label })),
                  }}
                  onChange={(m) => run(updateMeta(meta, m))}
                />
              ))}
            {tab === 'problems' && <ProblemsPanel errors={errors} onPick={pickProblem} />}
            {tab === 'versions' && <VersionsPanel processKey={processKey} savedAt={doc.savedAt} />}
            {tab === 'try' && (
              <TryItPanel
                definition={definition}
                entity={entity}
                canRun={errors.length === 0}
                onResult={setSim}
              />
            )}
          </div>
        </aside>
      </div>
    </div>
  );
}

export function ProcessDesigner(props: {
  processKey: string;
  workspace: Workspace;
  onSaved(): Promise<void>;
}) {
  return (
    <ReactFlowProvider>
      <Designer {...props} />
    </ReactFlowProvider>
  );
}
