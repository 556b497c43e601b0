import type { ProcessNode } from './definition-types';
import { AutomaticLoopError } from './errors';
import { DAY, Player, T0, edge, node, ofType, processOf, record } from './test-helpers';

/** start → [subject] → done (a stage), so that automatic nodes can be observed passing through. */
function around(subject: ProcessNode) {
  return processOf(
    [node({ id: 'start', type: 'start' }), subject, node({ id: 'done', type: 'stage' })],
    [edge('e1', 'start', subject.id), edge('e2', subject.id, 'done')],
  );
}

describe('automatic nodes run their command and continue', () => {
  it.each([
    [
      'sendMail',
      node({ id: 'n', type: 'sendMail', template: 'welcome', to: { type: 'owner' } }),
      { type: 'sendMail', template: 'welcome', to: { type: 'owner' }, nodeId: 'n' },
    ],
    [
      'updateRecord',
      node({ id: 'n', type: 'updateRecord', set: { priority: 'high' } }),
      { type: 'updateRecord', set: { priority: 'high' }, nodeId: 'n' },
    ],
    [
      'createTask',
      node({ id: 'n', type: 'createTask', title: 'Call', assignee: { type: 'owner' }, due: 'P2D' }),
      {
        type: 'createTask',
        title: 'Call',
        assignee: { type: 'owner' },
        dueAt: T0 + 2 * DAY,
        blocking: false,
      },
    ],
  ])('%s', (_kind, subject, expected) => {
    const player = new Player(around(subject));
    const commands = player.start();
    expect(commands).toContainEqual(expect.objectContaining(expected));
    expect(player.positions).toEqual(['done']);
    expect(player.state.log.map((entry) => entry.kind === 'entered' && entry.nodeId)).toEqual([
      'start',
      'n',
      'done',
    ]);
  });

  it('applies an updateRecord on the record itself so that later decisions see it', () => {
    const definition = processOf(
      [
        node({ id: 'start', type: 'start' }),
        node({ id: 'mark', type: 'updateRecord', set: { vip: true } }),
        node({ id: 'check', type: 'decision' }),
        node({ id: 'vip', type: 'stage' }),
        node({ id: 'normal', type: 'stage' }),
      ],
      [
        edge('e1', 'start', 'mark'),
        edge('e2', 'mark', 'check'),
        edge('e3', 'check', 'vip', { condition: { field: 'vip', op: 'eq', value: true } }),
        edge('e4', 'check', 'normal', { isDefault: true }),
      ],
    );
    const player = new Player(definition);
    player.start();
    expect(player.positions).toEqual(['vip']);
  });
});

describe('decision', () => {
  const definition = processOf(
    [
      node({ id: 'start', type: 'start' }),
      node({ id: 'size', type: 'decision' }),
      node({ id: 'large', type: 'stage' }),
      node({ id: 'medium', type: 'stage' }),
      node({ id: 'small', type: 'stage' }),
    ],
    [
      edge('e1', 'start', 'size'),
      edge('e_default', 'size', 'small', { isDefault: true }),
      edge('e_large', 'size', 'large', { condition: { field: 'amount', op: 'gte', value: 1000 } }),
      edge('e_medium', 'size', 'medium', { condition: { field: 'amount', op: 'gte', value: 100 } }),
    ],
  );

  it.each([
    [5000, 'large'],
    [1000, 'large'],
    [500, 'medium'],
    [99, 'small'],
    [undefined, 'small'],
  ])('amount %p → %s (first branch that holds, else the default)', (amount, expected) => {
    const player = new Player(definition);
    player.start(record(amount === undefined ? {} : { amount: { amount, currency: 'EUR' } }));
    expect(player.positions).toEqual([expected]);
  });
});

describe('parallel split and join', () => {
  const definition = processOf(
    [
      node({ id: 'start', type: 'start' }),
      node({ id: 'split', type: 'parallelSplit' }),
      node({
        id: 'legal',
        type: 'userTask',
        title: 'Legal review',
        assignee: { type: 'role', role: 'legal' },
      }),
      node({
        id: 'finance',
        type: 'userTask',
        title: 'Credit check',
        assignee: { type: 'role', role: 'finance' },
      }),
      node({ id: 'join', type: 'parallelJoin' }),
      node({ id: 'ready', type: 'stage' }),
    ],
    [
      edge('e1', 'start', 'split'),
      edge('e2', 'split', 'legal'),
      edge('e3', 'split', 'finance'),
      edge('e4', 'legal', 'join'),
      edge('e5', 'finance', 'join'),
      edge('e6', 'join', 'ready'),
    ],
  );

  it('runs every branch and continues only when all have arrived', () => {
    const player = new Player(definition);
    const commands = player.start();
    const tasks = ofType(commands, 'createTask');
    expect(tasks.map((task) => [task.title, task.blocking])).toEqual([
      ['Legal review', true],
      ['Credit check', true],
    ]);
    expect(player.positions).toEqual(['finance', 'legal']);

    player.apply({ type: 'taskCompleted', taskId: tasks[1]?.taskId ?? '' }, T0 + DAY);
    expect(player.positions).toEqual(['legal']);
    expect(player.state.joins).toEqual({ join: ['e5'] });

    player.apply({ type: 'taskCompleted', taskId: tasks[0]?.taskId ?? '' }, T0 + 2 * DAY);
    expect(player.positions).toEqual(['ready']);
    expect(player.state.joins).toEqual({});
    expect(player.state.tasks).toEqual([]);
  });

  it('ignores the completion of a task it does not wait for', () => {
    const player = new Player(definition);
    player.start();
    const before = player.state;
    player.apply({ type: 'taskCompleted', taskId: 'unknown' });
    expect(player.state.tokens).toEqual(before.tokens);
  });
});

describe('guard against endless automatic loops', () => {
  it('throws instead of hanging when automatic nodes form a cycle', () => {
    const definition = processOf(
      [
        node({ id: 'start', type: 'start' }),
        node({ id: 'a', type: 'decision' }),
        node({ id: 'b', type: 'sendMail', template: 'spam', to: { type: 'owner' } }),
        node({ id: 'never', type: 'stage' }),
      ],
      [
        edge('e1', 'start', 'a'),
        edge('e2', 'a', 'b', { isDefault: true }),
        edge('e3', 'a', 'never', { condition: { field: 'stop', op: 'eq', value: true } }),
        edge('e4', 'b', 'a'),
      ],
    );
    const player = new Player(definition);
    expect(() => player.start()).toThrow(AutomaticLoopError);
    expect(() => player.start()).toThrow('a → b → a');
  });

  it('allows a loop that passes through a stage', () => {
    const definition = processOf(
      [
        node({ id: 'start', type: 'start' }),
        node({ id: 'a', type: 'stage' }),
        node({ id: 'b', type: 'stage' }),
      ],
      [edge('e1', 'start', 'a'), edge('e2', 'a', 'b'), edge('e3', 'b', 'a')],
    );
    const player = new Player(definition);
    player.start();
    for (let round = 1; round <= 3; round += 1) {
      player.apply(
        { type: 'moveRequested', target: 'b', actor: { userId: 'owner-1', roles: [] }, record: record() },
        T0 + round,
      );
      player.apply(
        { type: 'moveRequested', target: 'a', actor: { userId: 'owner-1', roles: [] }, record: record() },
        T0 + round,
      );
    }
    expect(player.positions).toEqual(['a']);
  });
});

describe('the step function is pure', () => {
  it('does not modify the state it is given and gives the same result twice', () => {
    const definition = around(
      node({ id: 'n', type: 'sendMail', template: 'welcome', to: { type: 'owner' } }),
    );
    const player = new Player(definition);
    player.start();
    const frozen = JSON.stringify(player.state);
    const first = new Player(definition);
    const input = JSON.parse(frozen);
    first.state = input;
    const a = first.apply({ type: 'activityLogged', activityType: 'call', at: T0 + 5 }, T0 + 5);
    const second = new Player(definition);
    second.state = JSON.parse(frozen);
    const b = second.apply({ type: 'activityLogged', activityType: 'call', at: T0 + 5 }, T0 + 5);
    expect(JSON.stringify(input)).toBe(frozen);
    expect(first.state).not.toBe(input);
    expect(a).toEqual(b);
    expect(first.state).toEqual(second.state);
  });
});
