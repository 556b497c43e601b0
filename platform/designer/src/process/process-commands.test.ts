import type { ProcessDefinition, StageNode } from '@crm/definitions';
import { connectionProblem, edgeForConnection } from './connection-rules';
import { perform, redo, startHistory, undo } from './history';
import { createNode } from './node-kinds';
import { errorTarget } from './validation-targets';
import {
  addElements,
  composite,
  moveNodes,
  pasteCommand,
  removeElements,
  updateEdge,
  updateMeta,
  updateNode,
  type ProcessCommand,
} from './process-commands';

const base: ProcessDefinition = {
  key: 'ticket_flow',
  label: 'Support tickets',
  entity: 'ticket',
  triggers: [{ type: 'onCreate' }],
  nodes: [
    { id: 'start', type: 'start', label: 'New ticket', position: { x: 0, y: 0 } },
    { id: 'triage', type: 'stage', label: 'Triage', position: { x: 200, y: 0 } },
    { id: 'urgent', type: 'decision', label: 'Urgent?', position: { x: 400, y: 0 } },
    { id: 'solved', type: 'end', label: 'Solved', outcome: 'closed', position: { x: 600, y: 0 } },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'triage' },
    { id: 'e2', source: 'triage', target: 'urgent', label: 'Triaged' },
    { id: 'e3', source: 'urgent', target: 'solved', isDefault: true },
  ],
};

/** Every command must satisfy: revert(execute(d)) = d, and redo after undo gives the same result. */
function expectReversible(command: ProcessCommand, definition = base): ProcessDefinition {
  const history = perform(startHistory(definition), command);
  const undone = undo(history);
  expect(undone.present).toEqual(definition);
  expect(undone.future).toHaveLength(1);
  const redone = redo(undone);
  expect(redone.present).toEqual(history.present);
  expect(redone.past).toHaveLength(1);
  return history.present;
}

describe('process commands', () => {
  it('adds a node and its edge, and undoes it', () => {
    const wait = createNode('wait', 'wait', { x: 10, y: 10 });
    const after = expectReversible(addElements([wait], [{ id: 'e4', source: 'wait', target: 'solved' }]));
    expect(after.nodes.map((n) => n.id)).toContain('wait');
    expect(after.edges.map((e) => e.id)).toContain('e4');
  });

  it('deletes a node with its edges and restores them in their places', () => {
    const after = expectReversible(removeElements(base, ['triage'], []));
    expect(after.nodes.map((n) => n.id)).toEqual(['start', 'urgent', 'solved']);
    expect(after.edges.map((e) => e.id)).toEqual(['e3']);
  });

  it('deletes a single edge', () => {
    const after = expectReversible(removeElements(base, [], ['e2']));
    expect(after.edges.map((e) => e.id)).toEqual(['e1', 'e3']);
  });

  it('moves nodes', () => {
    const after = expectReversible(
      moveNodes([{ id: 'triage', from: { x: 200, y: 0 }, to: { x: 250, y: 90 } }]),
    );
    expect(after.nodes[1]!.position).toEqual({ x: 250, y: 90 });
  });

  it('edits a node, an edge and the process settings', () => {
    const triage = base.nodes[1] as StageNode;
    const afterNode = expectReversible(
      updateNode(triage, { ...triage, label: 'Triage & assign', probability: 20 }),
    );
    expect(afterNode.nodes[1]).toMatchObject({ label: 'Triage & assign', probability: 20 });
    const e2 = base.edges[1]!;
    const afterEdge = expectReversible(updateEdge(e2, { ...e2, requiredFields: ['priority'] }));
    expect(afterEdge.edges[1]!.requiredFields).toEqual(['priority']);
    const { nodes: _n, edges: _e, ...meta } = base;
    expect(expectReversible(updateMeta(meta, { ...meta, label: 'Tickets' })).label).toBe('Tickets');
  });

  it('pastes copies with fresh ids and only the edges between copied nodes', () => {
    const { command, nodeIds } = pasteCommand(base, { nodes: base.nodes.slice(1, 3), edges: base.edges });
    const after = expectReversible(command);
    expect(nodeIds).toEqual(['triage_2', 'urgent_2']);
    const pasted = after.edges.filter((e) => nodeIds.includes(e.source));
    expect(pasted).toEqual([{ id: 'e2_2', source: 'triage_2', target: 'urgent_2', label: 'Triaged' }]);
  });

  it('undoes a composite as one step, in reverse order', () => {
    const triage = base.nodes[1]!;
    const cmd = composite('Two', [
      updateNode(triage, { ...triage, label: 'A' }),
      moveNodes([{ id: 'triage', from: triage.position, to: { x: 1, y: 1 } }]),
    ]);
    expect(expectReversible(cmd).nodes[1]).toMatchObject({ label: 'A', position: { x: 1, y: 1 } });
  });

  it('keeps several steps of history', () => {
    let h = startHistory(base);
    h = perform(h, moveNodes([{ id: 'start', from: { x: 0, y: 0 }, to: { x: 5, y: 5 } }]));
    h = perform(h, removeElements(h.present, ['urgent'], []));
    expect(h.present.nodes).toHaveLength(3);
    h = undo(undo(h));
    expect(h.present).toEqual(base);
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present.nodes[0]!.position).toEqual({ x: 5, y: 5 });
  });
});

describe('connection rules', () => {
  it('refuses edges into the start, out of an end, to itself, and a second exit where one is allowed', () => {
    expect(connectionProblem(base, { source: 'triage', target: 'start' })).toMatch(/start/);
    expect(connectionProblem(base, { source: 'solved', target: 'triage' })).toMatch(/end/);
    expect(connectionProblem(base, { source: 'triage', target: 'triage' })).toMatch(/itself/);
    expect(connectionProblem(base, { source: 'start', target: 'urgent', sourceHandle: 'out' })).toMatch(
      /already/,
    );
    expect(connectionProblem(base, { source: 'triage', target: 'urgent' })).toMatch(/already connected/);
    expect(connectionProblem(base, { source: 'triage', target: 'solved', sourceHandle: 'out' })).toBeNull();
  });

  it('accepts approval outcomes once each, and only on approvals', () => {
    const approval = createNode('approval', 'approve', { x: 0, y: 0 });
    const d = { ...base, nodes: [...base.nodes, approval] };
    expect(
      connectionProblem(d, { source: 'approve', target: 'solved', sourceHandle: 'approved' }),
    ).toBeNull();
    expect(connectionProblem(d, { source: 'approve', target: 'solved', sourceHandle: 'out' })).toMatch(
      /no exit/,
    );
    expect(connectionProblem(d, { source: 'triage', target: 'solved', sourceHandle: 'approved' })).toMatch(
      /no exit/,
    );
    const edge = edgeForConnection(d, { source: 'approve', target: 'solved', sourceHandle: 'approved' });
    expect(edge).toEqual({
      id: 'e_approve_solved',
      source: 'approve',
      target: 'solved',
      sourceHandle: 'approved',
    });
    const d2 = { ...d, edges: [...d.edges, edge] };
    expect(connectionProblem(d2, { source: 'approve', target: 'triage', sourceHandle: 'approved' })).toMatch(
      /already/,
    );
  });

  it('makes the first branch of a decision its default, later ones plain', () => {
    const fresh = { ...base, edges: base.edges.filter((e) => e.id !== 'e3') };
    expect(edgeForConnection(fresh, { source: 'urgent', target: 'solved' }).isDefault).toBe(true);
    expect(edgeForConnection(base, { source: 'urgent', target: 'triage' }).isDefault).toBeUndefined();
  });
});

describe('validation targets', () => {
  it('finds the node or edge an error concerns, by id or by pointer', () => {
    expect(errorTarget({ path: '/nodes/2/label', nodeId: undefined, edgeId: undefined }, base)).toEqual({
      nodeId: 'urgent',
    });
    expect(errorTarget({ path: '/edges/1', edgeId: undefined, nodeId: undefined }, base)).toEqual({
      edgeId: 'e2',
    });
    expect(errorTarget({ path: '/edges/0', edgeId: 'e3' }, base)).toEqual({ edgeId: 'e3' });
    expect(errorTarget({ path: '/label' }, base)).toEqual({});
  });
});
