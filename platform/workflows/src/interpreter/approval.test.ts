import { validateApprovalDecision, validateApprovalDelegation } from './approval-validation';
import type { Actor } from './events';
import { DAY, HOUR, Player, T0, edge, node, ofType, processOf, record } from './test-helpers';

const manager: Actor = { userId: 'manager-1', roles: ['manager'] };
const director: Actor = { userId: 'director-1', roles: ['director'] };
const stranger: Actor = { userId: 'someone', roles: ['rep'] };

const definition = processOf(
  [
    node({ id: 'start', type: 'start' }),
    node({
      id: 'discount',
      type: 'approval',
      label: 'Discount approval',
      condition: { field: 'discount', op: 'gt', value: 10 },
      levels: [
        {
          id: 'manager',
          label: 'Manager',
          approver: { type: 'ownerManager' },
          reminderAfter: 'P1D',
          deadline: 'P2D',
          escalation: { to: { type: 'role', role: 'director' } },
        },
        {
          id: 'director',
          label: 'Director',
          approver: { type: 'role', role: 'director' },
          condition: { field: 'discount', op: 'gt', value: 25 },
          deadline: 'P1D',
        },
      ],
      allowDelegation: true,
      requireCommentOnReject: true,
    }),
    node({ id: 'won', type: 'end', outcome: 'won' }),
    node({ id: 'negotiation', type: 'stage' }),
  ],
  [
    edge('e1', 'start', 'discount'),
    edge('e_ok', 'discount', 'won', { sourceHandle: 'approved' }),
    edge('e_no', 'discount', 'negotiation', { sourceHandle: 'rejected' }),
  ],
);

function started(discount: number): Player {
  const player = new Player(definition);
  player.start(record({ discount }));
  return player;
}

const decide = (
  player: Player,
  actor: Actor,
  decision: 'approved' | 'rejected',
  now: number,
  comment?: string,
) =>
  player.apply(
    {
      type: 'approvalDecided',
      nodeId: 'discount',
      decision,
      actor,
      ...(comment === undefined ? {} : { comment }),
    },
    now,
  );

describe('approval levels', () => {
  it('is skipped (approved) when its condition does not hold', () => {
    const player = started(5);
    expect(ofType(player.commands, 'requestApproval')).toEqual([]);
    expect(player.state.outcome).toBe('won');
  });

  it('asks only the levels whose condition holds, in order', () => {
    const player = started(15);
    expect(ofType(player.commands, 'requestApproval').map((request) => request.levelId)).toEqual(['manager']);
    decide(player, manager, 'approved', T0 + HOUR);
    expect(player.state.log).toContainEqual(
      expect.objectContaining({ kind: 'approvalSkipped', levelId: 'director' }),
    );
    expect(player.state.outcome).toBe('won');
  });

  it('asks every level in turn when all conditions hold', () => {
    const player = started(30);
    const first = ofType(player.commands, 'requestApproval')[0];
    expect(first).toMatchObject({
      levelIndex: 0,
      approver: { type: 'ownerManager' },
      deadline: T0 + 2 * DAY,
    });
    const next = decide(player, manager, 'approved', T0 + HOUR);
    expect(ofType(next, 'closeApproval')[0]).toMatchObject({
      approvalId: first?.approvalId,
      result: 'approved',
    });
    expect(ofType(next, 'requestApproval')[0]).toMatchObject({
      levelId: 'director',
      deadline: T0 + HOUR + DAY,
    });
    expect(player.state.status).toBe('running');
    decide(player, director, 'approved', T0 + 2 * HOUR);
    expect(player.state.outcome).toBe('won');
    expect(player.state.timers).toEqual([]);
  });

  it('leaves through "rejected" and keeps the comment in the log', () => {
    const player = started(30);
    decide(player, manager, 'rejected', T0 + HOUR, 'Too generous');
    expect(player.positions).toEqual(['negotiation']);
    expect(player.state.approvals).toEqual([]);
    expect(player.state.log).toContainEqual(
      expect.objectContaining({
        kind: 'approvalDecided',
        decision: 'rejected',
        comment: 'Too generous',
        actorId: 'manager-1',
      }),
    );
  });
});

describe('approval deadlines', () => {
  it('reminds the approver, then escalates to the escalation target, who may decide', () => {
    const player = started(15);
    const reminder = player.fire('discount', T0 + DAY);
    expect(ofType(reminder, 'notify')).toEqual([
      expect.objectContaining({ to: { type: 'ownerManager' }, message: expect.stringContaining('Reminder') }),
    ]);
    expect(
      validateApprovalDecision(definition, player.state, {
        nodeId: 'discount',
        decision: 'approved',
        actor: director,
      }),
    ).toMatchObject({
      ok: false,
    });
    const escalation = player.fire('discount', T0 + 2 * DAY);
    expect(ofType(escalation, 'requestApproval')).toEqual([
      expect.objectContaining({ levelId: 'manager', approver: { type: 'role', role: 'director' } }),
    ]);
    expect(player.state.approvals[0]).toMatchObject({ reminded: true, escalated: true });
    decide(player, director, 'approved', T0 + 3 * DAY);
    expect(player.state.outcome).toBe('won');
  });
});

describe('validateApprovalDecision', () => {
  const player = started(30);
  it.each([
    ['the owner’s manager', manager, 'approved', undefined, []],
    ['someone else', stranger, 'approved', undefined, ['notApprover']],
    ['a rejection without comment', manager, 'rejected', undefined, ['commentRequired']],
    ['a rejection with a blank comment', manager, 'rejected', '  ', ['commentRequired']],
    ['a rejection with comment', manager, 'rejected', 'No', []],
    ['someone else rejecting silently', stranger, 'rejected', undefined, ['notApprover', 'commentRequired']],
  ] as const)('%s', (_case, actor, decision, comment, rules) => {
    const verdict = validateApprovalDecision(definition, player.state, {
      nodeId: 'discount',
      decision,
      actor,
      ...(comment === undefined ? {} : { comment }),
    });
    expect(verdict.ok ? [] : verdict.reasons.map((reason) => reason.rule)).toEqual(rules);
  });

  it('refuses a decision when nothing is pending', () => {
    const verdict = validateApprovalDecision(definition, started(5).state, {
      nodeId: 'discount',
      decision: 'approved',
      actor: manager,
    });
    expect(verdict).toEqual({ ok: false, reasons: [expect.objectContaining({ rule: 'noPendingApproval' })] });
  });

  it('makes step refuse an ineligible decision', () => {
    const fresh = started(30);
    expect(() => decide(fresh, stranger, 'approved', T0 + HOUR)).toThrow('You are not an approver');
  });
});

describe('delegation', () => {
  it('lets an approver hand the level to a delegate, who may then decide', () => {
    const player = started(15);
    const delegate: Actor = { userId: 'deputy-1', roles: [] };
    expect(
      validateApprovalDecision(definition, player.state, {
        nodeId: 'discount',
        decision: 'approved',
        actor: delegate,
      }).ok,
    ).toBe(false);
    const commands = player.apply(
      { type: 'approvalDelegated', nodeId: 'discount', actor: manager, toUserId: 'deputy-1' },
      T0 + HOUR,
    );
    expect(ofType(commands, 'requestApproval')).toEqual([
      expect.objectContaining({ approver: { type: 'user', userId: 'deputy-1' }, levelId: 'manager' }),
    ]);
    decide(player, delegate, 'approved', T0 + 2 * HOUR);
    expect(player.state.outcome).toBe('won');
  });

  it.each([
    ['a stranger', stranger, 'deputy-1', ['notApprover']],
    ['to oneself', manager, 'manager-1', ['invalidDelegate']],
  ] as const)('refuses delegation by %s', (_case, actor, toUserId, rules) => {
    const verdict = validateApprovalDelegation(definition, started(15).state, {
      nodeId: 'discount',
      actor,
      toUserId,
    });
    expect(verdict.ok ? [] : verdict.reasons.map((reason) => reason.rule)).toEqual(rules);
  });

  it('refuses delegation when the approval does not allow it', () => {
    const strict = processOf(
      definition.nodes.map((candidate) =>
        candidate.type === 'approval' ? { ...candidate, allowDelegation: false } : candidate,
      ),
      definition.edges,
    );
    const player = new Player(strict);
    player.start(record({ discount: 15 }));
    const verdict = validateApprovalDelegation(strict, player.state, {
      nodeId: 'discount',
      actor: manager,
      toUserId: 'x',
    });
    expect(verdict.ok ? [] : verdict.reasons.map((reason) => reason.rule)).toEqual(['delegationNotAllowed']);
  });
});
