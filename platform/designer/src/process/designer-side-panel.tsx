// The right-hand side of the designer: its tabs, and the properties tab, which shows the selected
// node, the selected transition, or the process itself.
import { memo, useMemo, type ReactNode } from 'react';
import type { DefinitionError, ProcessDefinition } from '@crm/definitions';
import { validationContext, type Workspace } from '../shared/workspace';
import type { ProcessCommand } from './process-commands';
import { updateEdge, updateMeta, updateNode } from './process-commands';
import { EdgeProperties } from './panels/edge-properties';
import { NodeProperties } from './panels/node-properties';
import type { PanelContext, Problem } from './panels/panel-context';
import { ProcessProperties } from './panels/process-properties';
import { nodeIdProblem, outsideReferences, renameNode } from './rename-node';
import type { Selection } from './use-canvas-elements';

export type Tab = 'properties' | 'problems' | 'versions' | 'try';
const TABS: readonly Tab[] = ['properties', 'problems', 'versions', 'try'];

function tabTitle(tab: Tab, problems: number): string {
  switch (tab) {
    case 'properties':
      return 'Properties';
    case 'problems':
      return `Problems${problems ? ` (${problems})` : ''}`;
    case 'versions':
      return 'Versions';
    case 'try':
      return 'Try it';
    default:
      throw new Error(`Unknown tab: ${String(tab satisfies never)}`);
  }
}

export function SidePanel({
  tab,
  problems,
  onTab,
  children,
}: {
  tab: Tab;
  problems: number;
  onTab(t: Tab): void;
  children: ReactNode;
}) {
  return (
    <aside className="sidepanel">
      <div className="tabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            className="tab"
            onClick={() => onTab(t)}
            data-tab={t}
          >
            {tabTitle(t, problems)}
          </button>
        ))}
      </div>
      <div className="tab-body">{children}</div>
    </aside>
  );
}

/** What the panels look things up in, for this definition in this workspace. */
export function panelContext(definition: ProcessDefinition, workspace: Workspace): PanelContext {
  return {
    entity: workspace.entities.find((e) => e.key === definition.entity),
    entities: workspace.entities,
    templates: workspace.mailTemplates,
    roles: [...new Set((validationContext(workspace).roles ?? []).map((r) => r.key))],
    stages: definition.nodes
      .filter((n) => n.type === 'stage' || n.type === 'end')
      .map((n) => ({ id: n.id, label: n.label })),
    timerIds: definition.nodes.flatMap((n) =>
      n.type === 'stage' || n.type === 'end' ? (n.timers ?? []).map((t) => t.id) : [],
    ),
    problems: [],
  };
}

/** The problems inside node number `index`, with paths relative to the node. */
function nodeProblems(errors: readonly DefinitionError[], index: number): Problem[] {
  const prefix = `/nodes/${index}`;
  return errors.flatMap((e) =>
    e.path === prefix || e.path.startsWith(`${prefix}/`)
      ? [{ path: e.path.slice(prefix.length), message: e.message }]
      : [],
  );
}

function PropertiesTabBody({
  definition,
  selected,
  workspace,
  errors,
  run,
  onSelect,
}: {
  definition: ProcessDefinition;
  selected: Selection;
  workspace: Workspace;
  errors: readonly DefinitionError[];
  run(command: ProcessCommand): void;
  onSelect(s: Selection): void;
}) {
  const ctx = useMemo(() => panelContext(definition, workspace), [definition, workspace]);
  const node =
    selected.nodes.length === 1 ? definition.nodes.find((n) => n.id === selected.nodes[0]) : undefined;
  const edge =
    !node && selected.edges.length === 1
      ? definition.edges.find((e) => e.id === selected.edges[0])
      : undefined;
  if (node)
    return (
      <NodeProperties
        key={node.id}
        node={node}
        ctx={{ ...ctx, problems: nodeProblems(errors, definition.nodes.indexOf(node)) }}
        onChange={(n) => run(updateNode(node, n))}
        rename={{
          problem: (to) => nodeIdProblem(definition, node.id, to),
          outside: outsideReferences(node.id, definition.entity, workspace.forms, workspace.mailTemplates),
          apply: (to) => {
            run(renameNode(node.id, to));
            onSelect({ nodes: [to], edges: [] });
          },
        }}
      />
    );
  if (edge)
    return (
      <EdgeProperties
        key={edge.id}
        edge={edge}
        definition={definition}
        ctx={ctx}
        onChange={(e) => run(updateEdge(edge, e))}
      />
    );
  const { nodes: _n, edges: _e, ...meta } = definition;
  return (
    <ProcessProperties
      meta={meta}
      calendars={workspace.calendars.map((c) => c.key)}
      ctx={{ ...ctx, entityKeys: workspace.entities.map((e) => ({ key: e.key, label: e.label })) }}
      onChange={(m) => run(updateMeta(meta, m))}
    />
  );
}

/** Memoised: a drag on the canvas re-renders the designer many times a second, not this tab. */
export const PropertiesTab = memo(PropertiesTabBody);
