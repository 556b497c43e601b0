import path from 'node:path';
import type { Condition, ProcessDefinition, StageNode } from '@crm/definitions';
import { loadSolutionFromDirectory } from '@crm/definitions/node';
import { perform, redo, startHistory, undo } from './history';
import { nodeIdProblem, outsideReferences, renameNode, renameNodeId, selectionAfter } from './rename-node';

const B2B = path.resolve(__dirname, '../../../../definitions/solutions/b2b-sales');
const inProposal: Condition = { field: '$stage', op: 'eq', value: 'proposal' };

/** The shipped deal pipeline with "$stage" conditions in every place a condition may sit. */
function withStageConditions(pipeline: ProcessDefinition): ProcessDefinition {
  return {
    ...pipeline,
    triggers: [...pipeline.triggers, { type: 'onCondition', condition: { any: [inProposal] } }],
    edges: pipeline.edges.map((e, i) =>
      i === 0 ? { ...e, condition: { field: '$stage', op: 'notIn', value: ['proposal', 'negotiation'] } } : e,
    ),
    nodes: pipeline.nodes.map((n) => {
      if (n.type === 'approval')
        return { ...n, levels: n.levels.map((l) => ({ ...l, condition: { not: inProposal } })) };
      if (n.id === 'negotiation' && n.type === 'stage')
        return {
          ...n,
          onEnter: [
            {
              type: 'sendMail',
              template: { cases: [{ when: inProposal, template: 'follow_up_1' }] },
              to: { type: 'owner' },
            },
            // Values set on a record are data: a value that looks like a condition stays as it is.
            { type: 'updateRecord', set: { note: { field: '$stage', op: 'eq', value: 'proposal' } } },
          ],
        };
      return n;
    }),
  };
}

let pipeline: ProcessDefinition;
let solution: Awaited<ReturnType<typeof loadSolutionFromDirectory>>;
beforeAll(async () => {
  solution = await loadSolutionFromDirectory(B2B);
  pipeline = withStageConditions(solution.processes!.find((p) => p.key === 'deal_pipeline')!);
});

describe('renaming a node id', () => {
  it('renames the node, the edges that touch it and every "$stage" condition naming it', () => {
    const renamed = renameNodeId(pipeline, 'proposal', 'offer');
    expect(renamed.nodes.map((n) => n.id)).toEqual(
      pipeline.nodes.map((n) => (n.id === 'proposal' ? 'offer' : n.id)),
    );
    const ends = (d: ProcessDefinition) => d.edges.flatMap((e) => [e.source, e.target]);
    expect(ends(renamed)).not.toContain('proposal');
    expect(ends(renamed).filter((id) => id === 'offer')).toHaveLength(
      ends(pipeline).filter((id) => id === 'proposal').length,
    );
    expect(renamed.triggers[1]).toEqual({
      type: 'onCondition',
      condition: { any: [{ ...inProposal, value: 'offer' }] },
    });
    expect(renamed.edges[0]!.condition).toEqual({
      field: '$stage',
      op: 'notIn',
      value: ['offer', 'negotiation'],
    });
    const approval = renamed.nodes.find((n) => n.type === 'approval');
    expect(approval?.type === 'approval' && approval.levels.map((l) => l.condition)).toEqual(
      approval?.type === 'approval'
        ? approval.levels.map(() => ({ not: { ...inProposal, value: 'offer' } }))
        : [],
    );
    const negotiation = renamed.nodes.find((n) => n.id === 'negotiation') as StageNode;
    expect(negotiation.onEnter?.[0]).toMatchObject({ template: { cases: [{ when: { value: 'offer' } }] } });
    expect(negotiation.onEnter?.[1]).toEqual({
      type: 'updateRecord',
      set: { note: { field: '$stage', op: 'eq', value: 'proposal' } },
    });
    // Nothing else changes: labels, positions, other ids.
    expect(renamed.nodes.find((n) => n.id === 'offer')).toEqual({
      ...pipeline.nodes.find((n) => n.id === 'proposal'),
      id: 'offer',
    });
  });

  it('keeps a renamed node selected through undo and redo', () => {
    const command = renameNode('proposal', 'offer');
    const selection = { nodes: ['offer', 'negotiation'], edges: ['e1'] };
    expect(selectionAfter(selection, command, true)).toEqual({
      nodes: ['proposal', 'negotiation'],
      edges: ['e1'],
    });
    expect(selectionAfter({ nodes: ['proposal'], edges: [] }, command, false)).toEqual({
      nodes: ['offer'],
      edges: [],
    });
    const other = {
      label: 'Edit',
      execute: (d: ProcessDefinition) => d,
      revert: (d: ProcessDefinition) => d,
    };
    expect(selectionAfter(selection, other, true)).toBe(selection);
    expect(selectionAfter(selection, undefined, false)).toBe(selection);
  });

  it('is one command that undo and redo apply exactly', () => {
    const history = perform(startHistory(pipeline), renameNode('proposal', 'offer'));
    expect(history.past).toHaveLength(1);
    const undone = undo(history);
    expect(undone.present).toEqual(pipeline);
    expect(redo(undone).present).toEqual(history.present);
  });

  it.each([
    ['proposal', null],
    ['offer', null],
    ['Offer-2_b', null],
    ['', 'An id cannot be empty.'],
    ['2nd_offer', 'Use letters, digits, "_" and "-" only, starting with a letter (at most 100 characters).'],
    ['an offer', 'Use letters, digits, "_" and "-" only, starting with a letter (at most 100 characters).'],
    [
      `o${'x'.repeat(100)}`,
      'Use letters, digits, "_" and "-" only, starting with a letter (at most 100 characters).',
    ],
    ['negotiation', 'The step "Negotiation" already has the id "negotiation".'],
  ])('checks the new id %j', (to, problem) => {
    expect(nodeIdProblem(pipeline, 'proposal', to)).toBe(problem);
  });

  it('refuses an id that a condition already checks for, so that undo stays exact', () => {
    const stale: ProcessDefinition = {
      ...pipeline,
      edges: pipeline.edges.map((e, i) =>
        i === 1 ? { ...e, condition: { field: '$stage', op: 'eq', value: 'offer' } } : e,
      ),
    };
    expect(nodeIdProblem(stale, 'proposal', 'offer')).toBe(
      'A condition already checks for the stage "offer".',
    );
  });

  it('lists the forms and mail templates that keep naming the old id', () => {
    const forms = solution.forms ?? [];
    const templates = solution.mailTemplates ?? [];
    expect(outsideReferences('negotiation', 'deal', forms, templates)).toEqual([
      'form "Deal"',
      ...templates
        .filter((t) => t.entity === 'deal' && t.gate?.stages?.includes('negotiation'))
        .map((t) => `mail template "${t.label}"`),
    ]);
    expect(outsideReferences('negotiation', 'deal', forms, templates).length).toBe(4);
    expect(outsideReferences('discount_check', 'deal', forms, templates)).toEqual([]);
  });
});
