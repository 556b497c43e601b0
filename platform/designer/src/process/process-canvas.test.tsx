/**
 * @jest-environment jsdom
 */
// The canvas in jsdom (with the ResizeObserver/DOMMatrix shims): every node of the shipped deal
// pipeline is drawn with its label and key settings, and the simulated path marks its edges.
import '../test-support/dom-shims';
import { cleanup, render } from '@testing-library/react';
import { useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import type { DefinitionError, ProcessDefinition, SimulationAnswer } from '@crm/definitions';
import { b2bWorkspace } from '../test-support/properties-harness';
import { ProcessCanvas } from './process-canvas';
import { NOTHING_SELECTED, useCanvasElements, type Selection } from './use-canvas-elements';

// Stable, as the designer's memoised validation result is (a new array per render would redraw).
const NO_ERRORS: DefinitionError[] = [];
let pipeline: ProcessDefinition;
beforeAll(async () => {
  pipeline = (await b2bWorkspace()).processes.find((p) => p.key === 'deal_pipeline')!;
});
afterEach(cleanup);

function Canvas({
  definition,
  sim,
  select,
}: {
  definition: ProcessDefinition;
  sim: SimulationAnswer | null;
  select: Selection;
}) {
  const [selected, setSelected] = useState(select);
  const canvas = useCanvasElements({
    definition,
    errors: NO_ERRORS,
    sim,
    selected,
    setSelected,
    entity: undefined,
  });
  return (
    <ProcessCanvas
      definition={definition}
      {...canvas}
      run={() => undefined}
      onDropKind={() => undefined}
      onPaneClick={() => setSelected(NOTHING_SELECTED)}
    />
  );
}

function draw(sim: SimulationAnswer | null = null, select: Selection = NOTHING_SELECTED) {
  const { container } = render(
    <div style={{ width: 1200, height: 800 }}>
      <ReactFlowProvider>
        <Canvas definition={pipeline} sim={sim} select={select} />
      </ReactFlowProvider>
    </div>,
  );
  return container;
}

describe('process canvas', () => {
  it('draws every node with its label and what it does on entry', () => {
    const container = draw();
    const drawn = [...container.querySelectorAll('.react-flow__node')].map((n) => n.getAttribute('data-id'));
    expect(drawn.sort()).toEqual(pipeline.nodes.map((n) => n.id).sort());
    const proposal = container.querySelector('.react-flow__node[data-id="proposal"]');
    expect(proposal?.querySelector('.pnode-label')?.textContent).toBe('Proposal');
    expect(proposal?.textContent).toContain('1 action on entry · 2 timers');
  });

  it('marks the edges of the simulated path, the selected decision branch included', () => {
    const branch = pipeline.edges.find(
      (e) => pipeline.nodes.find((n) => n.id === e.source)?.type === 'decision',
    )!;
    const sim: SimulationAnswer = {
      path: [],
      edges: [branch.id],
      mails: [],
      approvals: [],
      tasks: [],
      notifications: [],
      updates: [],
      timeline: [],
      rejected: [],
      status: 'running',
      finalState: {},
    };
    const container = draw(sim, { nodes: [], edges: [branch.id] });
    const edge = container.querySelector(`.react-flow__edge[data-id="${branch.id}"]`);
    expect(edge?.getAttribute('class')).toMatch(/edge-visited/);
    expect(edge?.getAttribute('class')).toMatch(/selected/);
    expect(container.querySelectorAll('.react-flow__edge.edge-visited')).toHaveLength(1);
  });
});
