import type { ProcessDefinition, ProcessNode, StageNode } from '../generated/process.generated';
import { loadB2bSolution } from './b2b-fixture';
import type { DefinitionChange } from './diff.types';
import { diffDefinitions } from './diff-definitions';

const solution = loadB2bSolution();
const pipeline = solution.processes.find((p) => p.key === 'deal_pipeline');
if (!pipeline) throw new Error('fixture has no deal pipeline');
const context = { entities: solution.entities, mailTemplates: solution.mailTemplates };
const nodeAt = (id: string): number => pipeline.nodes.findIndex((n) => n.id === id);
const edgeAt = (id: string): number => pipeline.edges.findIndex((e) => e.id === id);

function edited(edit: (copy: ProcessDefinition) => void): ProcessDefinition {
  const copy = structuredClone(pipeline as ProcessDefinition);
  edit(copy);
  return copy;
}

function node(p: ProcessDefinition, id: string): ProcessNode {
  const found = p.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}`);
  return found;
}

function stage(p: ProcessDefinition, id: string): StageNode {
  const found = node(p, id);
  if (found.type !== 'stage') throw new Error(`${id} is not a stage`);
  return found;
}

type Expected = Pick<DefinitionChange, 'path' | 'change' | 'message'>;

const cases: [string, ProcessDefinition, Expected[]][] = [
  ['nothing for an unchanged process', structuredClone(pipeline), []],
  [
    'a required field added to a stage, with its label',
    edited((p) => stage(p, 'proposal').requiredFields?.push('budget')),
    [
      {
        path: `/nodes/${nodeAt('proposal')}/requiredFields/2`,
        change: 'added',
        message: 'Stage “Proposal”: required field “Budget” added',
      },
    ],
  ],
  [
    'a removed approval node and its transitions, and a direct transition',
    edited((p) => {
      p.nodes = p.nodes.filter((n) => n.id !== 'discount_approval') as ProcessDefinition['nodes'];
      p.edges = p.edges.filter((e) => e.source !== 'discount_approval' && e.target !== 'discount_approval');
      p.edges.push({ id: 'e_won', source: 'negotiation', target: 'closed_won' });
    }),
    [
      {
        path: `/nodes/${nodeAt('discount_approval')}`,
        change: 'removed',
        message: 'Process “Deal pipeline”: node “Discount approval” removed',
      },
      {
        path: `/edges/${pipeline.edges.length - 3}`,
        change: 'added',
        message: 'Transition “Negotiation → Closed won” added',
      },
      {
        path: `/edges/${edgeAt('e_discount_high')}`,
        change: 'removed',
        message: 'Transition “Discount above 10 %? → Discount approval” removed',
      },
      {
        path: `/edges/${edgeAt('e_approved')}`,
        change: 'removed',
        message: 'Transition “Discount approval → Closed won” removed',
      },
      {
        path: `/edges/${edgeAt('e_rejected')}`,
        change: 'removed',
        message: 'Transition “Discount approval → Negotiation” removed',
      },
    ],
  ],
  [
    'stage probability, guidance, checklist and a timer',
    edited((p) => {
      const proposal = stage(p, 'proposal');
      proposal.probability = 60;
      proposal.guidance = 'Send the proposal.';
      proposal.checklist = proposal.checklist?.slice(1);
      const timer = proposal.timers?.[0];
      if (timer) Object.assign(timer, { after: 'P4D', businessTime: true });
    }),
    [
      {
        path: `/nodes/${nodeAt('proposal')}/probability`,
        change: 'changed',
        message: 'Stage “Proposal”: probability 50 % → 60 %',
      },
      {
        path: `/nodes/${nodeAt('proposal')}/guidance`,
        change: 'changed',
        message: 'Stage “Proposal”: guidance changed',
      },
      {
        path: `/nodes/${nodeAt('proposal')}/checklist/0`,
        change: 'removed',
        message: "Stage “Proposal”: checklist item “Products of the segment's offer matrix selected” removed",
      },
      {
        path: `/nodes/${nodeAt('proposal')}/timers/0/after`,
        change: 'changed',
        message: 'Stage “Proposal”: timer “Follow-up 1 after 3 days without reply”: after P3D → P4D',
      },
      {
        path: `/nodes/${nodeAt('proposal')}/timers/0/businessTime`,
        change: 'changed',
        message:
          'Stage “Proposal”: timer “Follow-up 1 after 3 days without reply”: now counted in business time',
      },
    ],
  ],
  [
    'an on-entry action replaced',
    edited((p) => {
      stage(p, 'proposal').onEnter = [
        { type: 'sendMail', template: 'proposal_corporate', to: { type: 'owner' } },
      ];
    }),
    [
      {
        path: `/nodes/${nodeAt('proposal')}/onEnter/0`,
        change: 'added',
        message:
          'Stage “Proposal”: on entry, action added: send mail “Proposal (corporate end customers)” to the owner',
      },
      {
        path: `/nodes/${nodeAt('proposal')}/onEnter/0`,
        change: 'removed',
        message:
          'Stage “Proposal”: on entry, action removed: send mail “Proposal (distributors)” when Account › Segment is Distributor; “Proposal (corporate end customers)” when Account › Segment is Corporate end customer; otherwise “Proposal (small businesses)” to “Contact › E-mail”',
      },
    ],
  ],
  [
    'approval levels',
    edited((p) => {
      const approval = node(p, 'discount_approval');
      if (approval.type !== 'approval') throw new Error('discount_approval is an approval');
      const [manager, director] = approval.levels;
      if (!manager || !director) throw new Error('two levels');
      manager.deadline = 'P1D';
      manager.approver = { type: 'role', role: 'manager' };
      director.condition = { field: 'discount', op: 'gt', value: 30 };
      approval.allowDelegation = false;
    }),
    [
      {
        path: `/nodes/${nodeAt('discount_approval')}/allowDelegation`,
        change: 'changed',
        message: 'Approval “Discount approval”: no longer allows delegation',
      },
      {
        path: `/nodes/${nodeAt('discount_approval')}/levels/0/approver`,
        change: 'changed',
        message:
          "Approval “Discount approval”: level “Sales manager”: approver the owner's manager → role “manager”",
      },
      {
        path: `/nodes/${nodeAt('discount_approval')}/levels/0/deadline`,
        change: 'changed',
        message: 'Approval “Discount approval”: level “Sales manager”: deadline P2D → P1D',
      },
      {
        path: `/nodes/${nodeAt('discount_approval')}/levels/1/condition`,
        change: 'changed',
        message:
          'Approval “Discount approval”: level “Sales director”: needed when Discount is greater than 25 % → Discount is greater than 30 %',
      },
    ],
  ],
  [
    'transition guards, required fields and automatic triggers',
    edited((p) => {
      const lost = p.edges.find((e) => e.id === 'e_lost_proposal');
      const needs = p.edges.find((e) => e.id === 'e_needs_identified');
      const high = p.edges.find((e) => e.id === 'e_discount_high');
      if (!lost || !needs || !high) throw new Error('edges exist');
      lost.requiredFields = ['lost_reason', 'lost_comment'];
      needs.activityTrigger = { type: 'call', result: 'needs_identified' };
      high.condition = { field: 'discount', op: 'gte', value: 15 };
    }),
    [
      {
        path: `/edges/${edgeAt('e_needs_identified')}/activityTrigger`,
        change: 'changed',
        message:
          'Transition “Needs analysis → Proposal”: taken automatically on meeting with result needs_identified → call with result needs_identified',
      },
      {
        path: `/edges/${edgeAt('e_discount_high')}/condition`,
        change: 'changed',
        message:
          'Transition “Discount above 10 %? → Discount approval”: condition Discount is greater than 10 % → Discount is at least 15 %',
      },
      {
        path: `/edges/${edgeAt('e_lost_proposal')}/requiredFields/1`,
        change: 'added',
        message: 'Transition “Proposal → Closed lost”: required field “Lost comment” added',
      },
    ],
  ],
  [
    'a recreated edge by its endpoints, and a moved node',
    edited((p) => {
      const start = p.edges.find((e) => e.id === 'e_start');
      if (start) start.id = 'e_begin';
      node(p, 'closed_lost').position = { x: 0, y: 0 };
    }),
    [
      {
        path: `/nodes/${nodeAt('closed_lost')}/position`,
        change: 'changed',
        message: 'End “Closed lost”: moved on the canvas',
      },
    ],
  ],
];

describe('diffDefinitions(process)', () => {
  it.each(cases)('reports %s', (_name, after, expected) => {
    const changes = diffDefinitions('process', pipeline, after, context);
    expect(changes.map(({ path, change, message }) => ({ path, change, message }))).toEqual(expected);
    expect(
      changes.every((c) => c.kind === 'process' && c.key === 'deal_pipeline' && c.severity === 'info'),
    ).toBe(true);
  });

  it('reports a new and a deleted process', () => {
    expect(diffDefinitions('process', undefined, pipeline).map((c) => c.message)).toEqual([
      'Process “Deal pipeline” added',
    ]);
    expect(diffDefinitions('process', pipeline, undefined).map((c) => c.message)).toEqual([
      'Process “Deal pipeline” removed',
    ]);
  });

  it('still names fields by key without context', () => {
    const after = edited((p) => stage(p, 'proposal').requiredFields?.push('budget'));
    expect(diffDefinitions('process', pipeline, after).map((c) => c.message)).toEqual([
      'Stage “Proposal”: required field “budget” added',
    ]);
  });
});
