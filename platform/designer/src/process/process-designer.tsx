// The process designer: palette, canvas, toolbar and the right-hand panels, wired to one process
// document (its definition, undo/redo history, autosave and publish).
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import {
  validateDefinition,
  type DefinitionContext,
  type DefinitionError,
  type ProcessDefinition,
  type ProcessEdge,
  type ProcessNode,
  type SimulationAnswer,
} from '@crm/definitions';
import type { Workspace } from '../shared/workspace';
import { validationContext } from '../shared/workspace';
import { autoLayout } from './auto-layout';
import { PropertiesTab, SidePanel, type Tab } from './designer-side-panel';
import { shortcutFor, type ShortcutCommand } from './designer-shortcuts';
import { DesignerToolbar } from './designer-toolbar';
import type { FlowEdge, FlowNode } from './flow-mapping';
import { createNode, freshId, isNodeKind } from './node-kinds';
import { Palette } from './palette';
import { ProblemsPanel, TryItPanel, VersionsPanel } from './panels/side-panels';
import { ProcessCanvas } from './process-canvas';
import { addElements, moveNodes, pasteCommand, removeElements } from './process-commands';
import { downloadDefinition, importCommand } from './process-file';
import { selectionAfter } from './rename-node';
import { NOTHING_SELECTED, useCanvasElements, type Selection } from './use-canvas-elements';
import { useProcessDocument } from './use-process-document';
import { errorTarget } from './validation-targets';

const FIT = { padding: 0.15, duration: 200 };

function validate(definition: ProcessDefinition | null, context: DefinitionContext): DefinitionError[] {
  if (!definition) return [];
  try {
    return validateDefinition('process', definition, context);
  } catch (e) {
    // E.g. a Content-Security-Policy without 'unsafe-eval' stops ajv from compiling the schemas.
    const message = `Validation could not run in this browser: ${e instanceof Error ? e.message : String(e)}`;
    return [{ rule: 'schema', message, kind: 'process', key: definition.key, path: '' } as DefinitionError];
  }
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
  const { definition, perform: run } = doc;
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const [selected, setSelected] = useState<Selection>(NOTHING_SELECTED);
  const [tab, setTab] = useState<Tab>('properties');
  const [sim, setSim] = useState<SimulationAnswer | null>(null);
  const clipboard = useRef<{ nodes: ProcessNode[]; edges: ProcessEdge[] } | null>(null);

  const context = useMemo(() => validationContext(workspace), [workspace]);
  const errors = useMemo(() => validate(definition, context), [definition, context]);
  const entity = workspace.entities.find((e) => e.key === definition?.entity);
  const canvas = useCanvasElements({ definition, errors, sim, selected, setSelected, entity });

  const addNodeAt = useCallback(
    (kind: string, position: { x: number; y: number }) => {
      if (!definition || !isNodeKind(kind)) return;
      const id = freshId(kind, new Set(definition.nodes.map((n) => n.id)));
      const template = workspace.mailTemplates.find((t) => t.entity === definition.entity)?.key;
      const at = { x: Math.round(position.x), y: Math.round(position.y) };
      run(addElements([createNode(kind, id, at, template ? { template } : {})], [], `Add ${kind}`));
      setSelected({ nodes: [id], edges: [] });
      setTab('properties');
    },
    [definition, run, workspace.mailTemplates],
  );

  const fit = () => void flow.fitView(FIT);
  const undo = () => {
    setSelected((s) => selectionAfter(s, doc.nextUndo, true));
    doc.undo();
  };
  const redo = () => {
    setSelected((s) => selectionAfter(s, doc.nextRedo, false));
    doc.redo();
  };
  const deleteSelection = () => {
    if (!definition || (selected.nodes.length === 0 && selected.edges.length === 0)) return;
    run(removeElements(definition, selected.nodes, selected.edges));
    setSelected(NOTHING_SELECTED);
  };
  const copy = () => {
    if (!definition) return;
    const ids = new Set(selected.nodes);
    clipboard.current = {
      nodes: definition.nodes.filter((n) => ids.has(n.id)),
      edges: definition.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
    };
  };
  const paste = () => {
    if (!definition || !clipboard.current?.nodes.length) return;
    const { command, nodeIds } = pasteCommand(definition, clipboard.current);
    run(command);
    setSelected({ nodes: nodeIds, edges: [] });
  };
  const layout = async () => {
    if (!definition) return;
    run(moveNodes(await autoLayout(definition), 'Auto-layout'));
    window.setTimeout(fit, 50);
  };

  const perform = (command: ShortcutCommand) => {
    switch (command) {
      case 'undo':
        return undo();
      case 'redo':
        return redo();
      case 'copy':
        return copy();
      case 'paste':
        return paste();
      case 'save':
        return void doc.save();
      case 'delete':
        return deleteSelection();
      case 'fit':
        return fit();
      case 'layout':
        return void layout();
      default:
        throw new Error(`Unknown shortcut: ${String(command satisfies never)}`);
    }
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const command = shortcutFor({
      key: e.key,
      ctrlKey: e.ctrlKey,
      metaKey: e.metaKey,
      shiftKey: e.shiftKey,
      targetTag: (e.target as HTMLElement).tagName,
    });
    if (!command) return;
    perform(command);
    e.preventDefault();
  };

  const pickProblem = (error: DefinitionError) => {
    if (!definition) return;
    const t = errorTarget(error, definition);
    setSelected({ nodes: t.nodeId ? [t.nodeId] : [], edges: t.edgeId ? [t.edgeId] : [] });
    setTab('properties');
    const nodeId = t.nodeId ?? definition.edges.find((e) => e.id === t.edgeId)?.source;
    const node = definition.nodes.find((n) => n.id === nodeId);
    if (node)
      void flow.setCenter(node.position.x + 90, node.position.y + 40, {
        zoom: Math.max(flow.getZoom(), 1),
        duration: 250,
      });
  };

  const importFile = async (file: File) => {
    if (!definition) return;
    try {
      run(importCommand(definition, await file.text(), processKey));
      doc.setMessage({ tone: 'ok', text: `Imported ${file.name}. Undo to go back.` });
    } catch (e) {
      doc.setMessage({ tone: 'error', text: e instanceof Error ? e.message : String(e) });
    }
  };

  if (doc.loadError) return <div className="banner banner-error">{doc.loadError}</div>;
  if (!definition) return <div className="empty">Loading the process…</div>;

  return (
    <div className="designer" onKeyDown={onKeyDown} tabIndex={-1}>
      <DesignerToolbar
        title={definition.label}
        status={doc.status}
        canUndo={doc.canUndo}
        canRedo={doc.canRedo}
        hasSelection={selected.nodes.length > 0 || selected.edges.length > 0}
        problems={errors.length}
        actions={{
          undo,
          redo,
          deleteSelection,
          layout: () => void layout(),
          fit,
          exportFile: () => downloadDefinition(definition, processKey),
          importFile: (file) => void importFile(file),
          save: () => void doc.save(),
          publish: () => void doc.publish(),
        }}
      />
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
        <ProcessCanvas
          definition={definition}
          {...canvas}
          run={run}
          onDropKind={addNodeAt}
          onPaneClick={() => setSelected(NOTHING_SELECTED)}
        />
        <SidePanel tab={tab} problems={errors.length} onTab={setTab}>
          {tab === 'properties' && (
            <PropertiesTab
              definition={definition}
              selected={selected}
              workspace={workspace}
              errors={errors}
              run={run}
              onSelect={setSelected}
            />
          )}
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
        </SidePanel>
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
