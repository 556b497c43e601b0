import type { EndNode, StageNode } from '@crm/definitions';
import { nodeSummary } from './node-summary';

const position = { x: 0, y: 0 };

describe('node summary on the canvas', () => {
  it('counts what a stage does by itself on a line of its own', () => {
    const stage: StageNode = {
      id: 'proposal',
      type: 'stage',
      label: 'Proposal',
      position,
      probability: 50,
      requiredFields: ['amount'],
      onEnter: [{ type: 'notify', to: { type: 'owner' }, message: 'Send it.' }],
      timers: [
        {
          id: 'a',
          after: 'P1D',
          basis: 'entered',
          actions: [{ type: 'notify', to: { type: 'owner' }, message: 'x' }],
        },
        {
          id: 'b',
          after: 'P2D',
          basis: 'entered',
          actions: [{ type: 'notify', to: { type: 'owner' }, message: 'y' }],
        },
      ],
    };
    expect(nodeSummary(stage)).toEqual(['50 % probability', '1 required', '1 action on entry · 2 timers']);
    expect(nodeSummary({ ...stage, onEnter: [], timers: [] })).toEqual(['50 % probability', '1 required']);
  });

  it('shows an end’s outcome, then its actions on entry', () => {
    const end: EndNode = {
      id: 'won',
      type: 'end',
      label: 'Won',
      position,
      outcome: 'won',
      onEnter: [
        { type: 'notify', to: { type: 'owner' }, message: 'Won.' },
        { type: 'createTask', title: 'Onboard', assignee: { type: 'owner' } },
      ],
    };
    expect(nodeSummary(end)).toEqual(['Outcome: won', '2 actions on entry']);
    expect(nodeSummary({ ...end, onEnter: undefined })).toEqual(['Outcome: won']);
  });
});
