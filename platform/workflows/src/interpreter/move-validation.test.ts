import type { EntityDefinition } from './definition-types';
import type { Actor } from './events';
import { validateMove } from './move-validation';
import { Player, T0, edge, node, processOf, record } from './test-helpers';

const entities = [
  {
    key: 'deal',
    label: 'Deal',
    pluralLabel: 'Deals',
    fields: [
      { key: 'name', label: 'Name', type: 'text' },
      { key: 'account', label: 'Account', type: 'reference', entity: 'account' },
      { key: 'budget', label: 'Budget', type: 'money' },
      {
        key: 'lost_reason',
        label: 'Lost reason',
        type: 'enum',
        options: [{ value: 'price', label: 'Price' }],
      },
      { key: 'discount', label: 'Discount', type: 'percent' },
    ],
  },
  {
    key: 'account',
    label: 'Account',
    pluralLabel: 'Accounts',
    fields: [{ key: 'segment', label: 'Segment', type: 'text' }],
  },
] as unknown as EntityDefinition[];

const definition = processOf(
  [
    node({ id: 'start', type: 'start' }),
    node({
      id: 'qualify',
      type: 'stage',
      label: 'Qualification',
      requiredFields: ['budget', 'account.segment'],
      checklist: [
        { id: 'called', label: 'Client called', required: true },
        { id: 'notes', label: 'Notes taken' },
      ],
    }),
    node({ id: 'offer', type: 'stage', label: 'Offer' }),
    node({ id: 'check', type: 'decision' }),
    node({ id: 'won', type: 'end', label: 'Closed won', outcome: 'won', requiredFields: ['name'] }),
    node({ id: 'lost', type: 'end', label: 'Closed lost', outcome: 'lost' }),
    node({ id: 'review', type: 'stage', label: 'Review' }),
  ],
  [
    edge('e1', 'start', 'qualify'),
    edge('e_offer', 'qualify', 'offer', {
      label: 'Make an offer',
      condition: { field: 'discount', op: 'lte', value: 20 },
    }),
    edge('e_lost', 'qualify', 'lost', { requiredFields: ['lost_reason'] }),
    edge('e_close', 'offer', 'check', { label: 'Close' }),
    edge('e_won', 'check', 'won', { isDefault: true }),
    edge('e_review', 'check', 'review', { condition: { field: 'discount', op: 'gt', value: 15 } }),
  ],
);

const complete = record(
  { budget: { amount: 100, currency: 'EUR' }, discount: 5, name: 'Deal' },
  { account: { segment: 'corporate' } },
);

function at(stage: 'qualify' | 'offer') {
  const player = new Player(definition);
  player.start(complete);
  if (stage === 'offer') {
    player.apply(
      {
        type: 'moveRequested',
        target: 'offer',
        checkedItems: ['called'],
        actor: { userId: 'owner-1', roles: [] },
        record: complete,
      },
      T0 + 1,
    );
  }
  return player.state;
}

describe('validateMove', () => {
  it.each([
    ['a valid move by target node', 'qualify', { target: 'offer', checkedItems: ['called'] }, complete, []],
    ['a valid move by edge id', 'qualify', { target: 'e_offer', checkedItems: ['called'] }, complete, []],
    ['the checklist is not checked when not given', 'qualify', { target: 'offer' }, complete, []],
    ['a node with no transition from here', 'qualify', { target: 'won' }, complete, ['transitionNotAllowed']],
    ['an unknown target', 'qualify', { target: 'nowhere' }, complete, ['transitionNotAllowed']],
    [
      'everything missing at once',
      'qualify',
      { target: 'offer', checkedItems: ['notes'] },
      record({ discount: 30 }),
      ['requiredField:budget', 'requiredField:account.segment', 'checklistItem', 'guard'],
    ],
    [
      'a required field of the edge',
      'qualify',
      { target: 'lost', checkedItems: ['called'] },
      complete,
      ['requiredField:lost_reason'],
    ],
    ['a target behind a decision', 'offer', { target: 'won' }, complete, []],
    [
      'a required field of the end behind a decision',
      'offer',
      { target: 'won' },
      record({ discount: 5 }),
      ['requiredField:name'],
    ],
    [
      'a node the decision does not lead to now',
      'offer',
      { target: 'review' },
      complete,
      ['transitionNotAllowed'],
    ],
  ] as const)('%s', (_case, stage, move, data, expected) => {
    const verdict = validateMove(definition, at(stage), move, data, { entities });
    const rules = verdict.ok
      ? []
      : verdict.reasons.map((reason) =>
          reason.field === undefined ? reason.rule : `${reason.rule}:${reason.field}`,
        );
    expect(rules).toEqual(expected);
  });

  it('names the missing fields by their labels, through references too', () => {
    const verdict = validateMove(definition, at('qualify'), { target: 'lost' }, record(), { entities });
    expect(verdict.ok ? [] : verdict.reasons.map((reason) => reason.message)).toEqual([
      'Fill in "Budget" to move to Closed lost.',
      'Fill in "Account › Segment" to move to Closed lost.',
      'Fill in "Lost reason" to move to Closed lost.',
    ]);
  });

  it('treats empty values as missing', () => {
    const empty = record(
      { budget: { amount: null, currency: 'EUR' }, lost_reason: '  ' },
      { account: { segment: '' } },
    );
    const verdict = validateMove(definition, at('qualify'), { target: 'lost' }, empty);
    expect(verdict.ok ? [] : verdict.reasons.map((reason) => reason.field)).toEqual([
      'budget',
      'account.segment',
      'lost_reason',
    ]);
  });

  it('returns the edge and token a valid move takes, and step refuses an invalid one with the reasons', () => {
    const state = at('qualify');
    expect(validateMove(definition, state, { target: 'offer' }, complete)).toEqual({
      ok: true,
      edgeId: 'e_offer',
      tokenId: state.tokens[0]?.id,
    });
    const player = new Player(definition, { entities });
    player.state = state;
    const actor: Actor = { userId: 'owner-1', roles: [] };
    expect(() =>
      player.apply({ type: 'moveRequested', target: 'lost', actor, record: complete }, T0 + 5),
    ).toThrow('Fill in "Lost reason" to move to Closed lost.');
  });
});

describe('activity-triggered transitions', () => {
  const triggered = processOf(
    [
      node({ id: 'start', type: 'start' }),
      node({ id: 'needs', type: 'stage', requiredFields: ['budget'] }),
      node({ id: 'proposal', type: 'stage' }),
    ],
    [
      edge('e1', 'start', 'needs'),
      edge('e2', 'needs', 'proposal', { activityTrigger: { type: 'meeting', result: 'needs_identified' } }),
    ],
  );

  it.each([
    ['a matching activity moves the record', { budget: 5 }, 'meeting', 'needs_identified', ['proposal']],
    ['another result does not', { budget: 5 }, 'meeting', 'postponed', ['needs']],
    ['another type does not', { budget: 5 }, 'call', 'needs_identified', ['needs']],
    ['a blocked move stays put', {}, 'meeting', 'needs_identified', ['needs']],
  ])('%s', (_case, data, activityType, result, positions) => {
    const player = new Player(triggered);
    player.start(record(data));
    player.apply({ type: 'activityLogged', activityType, result, at: T0 + 10 }, T0 + 10);
    expect(player.positions).toEqual(positions);
  });

  it('logs why an activity could not move the record', () => {
    const player = new Player(triggered);
    player.start(record());
    player.apply(
      { type: 'activityLogged', activityType: 'meeting', result: 'needs_identified', at: T0 + 10 },
      T0 + 10,
    );
    expect(player.state.log.at(-1)).toMatchObject({
      kind: 'moveBlocked',
      edgeId: 'e2',
      reasons: ['Fill in "budget" to move to proposal.'],
    });
  });
});
