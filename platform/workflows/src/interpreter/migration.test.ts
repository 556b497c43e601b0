import type { ProcessDefinition, ProcessNode } from './definition-types';
import { planMigration } from './migration';
import { DAY, Player, T0, edge, node, processOf, record } from './test-helpers';

/** Qualify → Offer (a chaser timer, a checklist) → Won, with an approval before Won. */
const v1 = processOf(
  [
    node({ id: 'start', type: 'start' }),
    node({
      id: 'qualify',
      type: 'stage',
      label: 'Qualify',
      checklist: [
        { id: 'budget', label: 'Budget known', required: true },
        { id: 'contact', label: 'Contact named', required: false },
      ],
    }),
    node({
      id: 'offer',
      type: 'stage',
      label: 'Offer',
      timers: [
        {
          id: 'chase',
          after: 'P3D',
          basis: 'entered',
          actions: [{ type: 'notify', to: { type: 'owner' }, message: 'Chase' }],
        },
        {
          id: 'nudge',
          after: 'P5D',
          basis: 'entered',
          actions: [{ type: 'notify', to: { type: 'owner' }, message: 'Nudge' }],
        },
      ],
    }),
    node({
      id: 'discount',
      type: 'approval',
      label: 'Discount',
      levels: [{ id: 'manager', label: 'Manager', approver: { type: 'ownerManager' } }],
    }),
    node({ id: 'won', type: 'end', label: 'Won', outcome: 'won' }),
  ],
  [
    edge('e1', 'start', 'qualify'),
    edge('e2', 'qualify', 'offer'),
    edge('e3', 'offer', 'discount'),
    edge('e4', 'discount', 'won', { sourceHandle: 'approved' }),
    edge('e5', 'discount', 'offer', { sourceHandle: 'rejected' }),
  ],
);

/** A new version of `v1`: its nodes changed by `change`, the same edges plus `extraEdges`. */
function version(
  change: (nodes: ProcessNode[]) => ProcessNode[],
  extraEdges: ProcessDefinition['edges'] = [],
): ProcessDefinition {
  return { ...v1, nodes: change(structuredClone(v1.nodes)), edges: [...v1.edges, ...extraEdges] };
}

const rep = { userId: 'owner-1', roles: ['rep'] };

function at(nodeId: 'qualify' | 'offer' | 'discount'): Player {
  const player = new Player(v1);
  player.start(record());
  const move = (target: string, now: number) =>
    player.apply({ type: 'moveRequested', target, actor: rep, record: record() }, now);
  if (nodeId === 'qualify') return player;
  move('offer', T0 + DAY);
  if (nodeId === 'offer') return player;
  move('discount', T0 + 2 * DAY);
  return player;
}

describe('planMigration', () => {
  it('carries the whole state to a version that only adds and renames', () => {
    const player = at('offer');
    const target = version(
      (nodes) => [
        ...nodes.map((n) => (n.id === 'offer' ? { ...n, label: 'Proposal', guidance: 'Send it today' } : n)),
        node({ id: 'review', type: 'stage', label: 'Review' }),
      ],
      [edge('e6', 'offer', 'review')],
    );
    const plan = planMigration(v1, target, player.state);
    expect(plan).toEqual({ ok: true, state: player.state, droppedTimers: [], droppedTicks: [] });
  });

  it('keeps the timers the target still defines, with their due times, and drops the others', () => {
    const player = at('offer');
    const due = player.state.timers.find((timer) => timer.timerKey === 'chase')?.fireAt;
    const target = version((nodes) =>
      nodes.map((n) =>
        n.type === 'stage' && n.id === 'offer'
          ? { ...n, timers: (n.timers ?? []).filter((t) => t.id === 'chase') }
          : n,
      ),
    );
    const plan = planMigration(v1, target, player.state);
    if (!plan.ok) throw new Error(JSON.stringify(plan.reasons));
    expect(plan.droppedTimers).toEqual([{ nodeId: 'offer', timerKey: 'nudge' }]);
    expect(plan.state.timers.map((timer) => [timer.timerKey, timer.fireAt])).toEqual([['chase', due]]);
  });

  it('drops the ticks of checklist items the target no longer lists', () => {
    const player = at('qualify');
    for (const itemId of ['budget', 'contact'])
      player.apply({ type: 'checklistTicked', itemId, checked: true, actor: rep });
    const target = version((nodes) =>
      nodes.map((n) =>
        n.type === 'stage' && n.id === 'qualify'
          ? { ...n, checklist: (n.checklist ?? []).filter((item) => item.id === 'budget') }
          : n,
      ),
    );
    const plan = planMigration(v1, target, player.state);
    if (!plan.ok) throw new Error(JSON.stringify(plan.reasons));
    expect(plan.droppedTicks).toEqual([{ nodeId: 'qualify', itemId: 'contact' }]);
    expect(plan.state.checklist).toEqual({ qualify: ['budget'] });
  });

  it('refuses when the record sits in a node the target removed or made another kind', () => {
    const removed = planMigration(
      v1,
      version((nodes) => nodes.filter((n) => n.id !== 'offer')),
      at('offer').state,
    );
    expect(removed).toEqual({
      ok: false,
      reasons: [
        {
          nodeId: 'offer',
          rule: 'nodeMissing',
          message: '“Offer” is not in the new version, and the record is there now.',
        },
      ],
    });
    const retyped = planMigration(
      v1,
      version((nodes) =>
        nodes.map((n) =>
          n.id === 'offer'
            ? node({ id: 'offer', type: 'userTask', title: 'Offer', assignee: { type: 'owner' } })
            : n,
        ),
      ),
      at('offer').state,
    );
    expect(retyped).toMatchObject({
      ok: false,
      reasons: [
        {
          nodeId: 'offer',
          rule: 'nodeKindChanged',
          message: '“Offer” is a user task in the new version, not a stage.',
        },
      ],
    });
    // Elsewhere in the graph, the same changes do not matter to this instance.
    expect(
      planMigration(
        v1,
        version((nodes) => nodes.filter((n) => n.id !== 'offer')),
        at('qualify').state,
      ).ok,
    ).toBe(true);
  });

  it('refuses when a pending approval level is not at the same place in the target', () => {
    const player = at('discount');
    expect(player.state.approvals).toHaveLength(1);
    const target = version((nodes) =>
      nodes.map((n) =>
        n.type === 'approval'
          ? {
              ...n,
              levels: [{ id: 'director', label: 'Director', approver: { type: 'role', role: 'director' } }],
            }
          : n,
      ),
    );
    expect(planMigration(v1, target, player.state)).toMatchObject({
      ok: false,
      reasons: [{ nodeId: 'discount', rule: 'approvalLevelMissing' }],
    });
  });

  it('refuses an instance that has ended', () => {
    const player = at('qualify');
    player.state = { ...player.state, status: 'completed' };
    expect(planMigration(v1, v1, player.state)).toMatchObject({
      ok: false,
      reasons: [{ rule: 'completed' }],
    });
  });
});
