import type { Actor } from './events';
import { isFinished } from './state';
import { DAY, HOUR, Player, T0, edge, node, ofType, processOf } from './test-helpers';

const owner: Actor = { userId: 'owner-1', roles: ['rep'] };

const definition = processOf(
  [
    node({ id: 'start', type: 'start' }),
    node({
      id: 'offer',
      type: 'stage',
      label: 'Offer',
      probability: 40,
      onEnter: [{ type: 'sendMail', template: 'offer', to: { type: 'field', field: 'contact.email' } }],
      timers: [
        {
          id: 'chase',
          after: 'P3D',
          basis: 'entered',
          unlessActivity: { result: 'reply_received' },
          actions: [{ type: 'sendMail', template: 'chaser', to: { type: 'field', field: 'contact.email' } }],
        },
      ],
    }),
    node({ id: 'talks', type: 'stage', label: 'Talks' }),
    node({
      id: 'lost',
      type: 'end',
      label: 'Lost',
      outcome: 'lost',
      timers: [
        {
          id: 'win_back',
          after: 'P90D',
          basis: 'entered',
          actions: [{ type: 'sendMail', template: 'win_back', to: { type: 'owner' } }],
        },
      ],
    }),
    node({ id: 'won', type: 'end', label: 'Won', outcome: 'won' }),
  ],
  [
    edge('e1', 'start', 'offer'),
    edge('e2', 'offer', 'talks'),
    edge('e3', 'talks', 'offer', { label: 'Revise' }),
    edge('e4', 'talks', 'won'),
    edge('e5', 'offer', 'lost'),
  ],
);

const move = (player: Player, target: string, now: number) =>
  player.apply({ type: 'moveRequested', target, actor: owner, record: player.state.record }, now);

describe('stage', () => {
  it('holds the record: mirrors it, runs onEnter actions and starts its timers', () => {
    const player = new Player(definition);
    const commands = player.start();
    expect(commands.map((command) => command.type)).toEqual(['enterStage', 'sendMail', 'scheduleTimer']);
    expect(commands[0]).toMatchObject({ nodeId: 'offer', label: 'Offer', probability: 40, at: T0 });
    expect(commands[2]).toMatchObject({ fireAt: T0 + 3 * DAY });
    expect(player.state.currentStage).toBe('offer');
    expect(player.state.status).toBe('running');
  });

  it('runs timer actions when the timer fires, while the record stays', () => {
    const player = new Player(definition);
    player.start();
    const commands = player.fire('offer', T0 + 3 * DAY);
    expect(ofType(commands, 'sendMail').map((mail) => mail.template)).toEqual(['chaser']);
    expect(player.state.timers).toEqual([]);
    expect(player.positions).toEqual(['offer']);
  });

  it('cancels its timers when the record leaves it', () => {
    const player = new Player(definition);
    player.start();
    const timerId = player.state.timers[0]?.id;
    const commands = move(player, 'talks', T0 + DAY);
    expect(commands.slice(0, 2)).toEqual([
      { type: 'cancelTimer', timerId },
      expect.objectContaining({ type: 'leaveStage', nodeId: 'offer', at: T0 + DAY }),
    ]);
    expect(ofType(commands, 'enterStage').map((command) => command.nodeId)).toEqual(['talks']);
    expect(player.state.timers).toEqual([]);
    // The shell may still deliver the cancelled timer: it is ignored.
    expect(player.apply({ type: 'timerFired', timerId: timerId ?? '' }, T0 + 3 * DAY)).toEqual([]);
  });

  it('starts fresh timers with new ids when a loop re-enters an earlier stage', () => {
    const player = new Player(definition);
    player.start();
    const firstId = player.state.timers[0]?.id;
    move(player, 'talks', T0 + DAY);
    const commands = move(player, 'offer', T0 + 2 * DAY);
    const scheduled = ofType(commands, 'scheduleTimer');
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]?.timerId).not.toBe(firstId);
    expect(scheduled[0]?.fireAt).toBe(T0 + 5 * DAY);
    expect(ofType(commands, 'sendMail').map((mail) => mail.template)).toEqual(['offer']);
    const enterKeys = ofType(player.commands, 'enterStage').map((command) => command.key);
    expect(new Set(enterKeys).size).toBe(enterKeys.length);
  });

  it('cancels an unlessActivity timer when the matching activity is logged', () => {
    const player = new Player(definition);
    player.start();
    player.apply(
      { type: 'activityLogged', activityType: 'call', result: 'no_answer', at: T0 + HOUR },
      T0 + HOUR,
    );
    expect(player.state.timers).toHaveLength(1);
    const commands = player.apply(
      { type: 'activityLogged', activityType: 'email', result: 'reply_received', at: T0 + 2 * HOUR },
      T0 + 2 * HOUR,
    );
    expect(commands.map((command) => command.type)).toEqual(['cancelTimer']);
    expect(player.state.timers).toEqual([]);
  });
});

describe('end', () => {
  it('completes the process with its outcome', () => {
    const player = new Player(definition);
    player.start();
    move(player, 'talks', T0 + DAY);
    const commands = move(player, 'won', T0 + 2 * DAY);
    expect(commands.at(-1)).toMatchObject({ type: 'completeProcess', nodeId: 'won', outcome: 'won' });
    expect(ofType(commands, 'enterStage')[0]).toMatchObject({
      nodeId: 'won',
      outcome: 'won',
      probability: 100,
    });
    expect(player.state).toMatchObject({ status: 'completed', outcome: 'won', currentStage: 'won' });
    expect(isFinished(player.state)).toBe(true);
  });

  it('stays alive until its own timers have fired', () => {
    const player = new Player(definition);
    player.start();
    move(player, 'lost', T0 + DAY);
    expect(player.state.status).toBe('completed');
    expect(isFinished(player.state)).toBe(false);
    expect(player.state.timers[0]).toMatchObject({ nodeId: 'lost', fireAt: T0 + 91 * DAY });
    const commands = player.fire('lost', T0 + 91 * DAY);
    expect(ofType(commands, 'sendMail').map((mail) => mail.template)).toEqual(['win_back']);
    expect(isFinished(player.state)).toBe(true);
  });

  it('refuses moves once completed', () => {
    const player = new Player(definition);
    player.start();
    move(player, 'lost', T0 + DAY);
    expect(() => move(player, 'offer', T0 + 2 * DAY)).toThrow('The process is not running');
  });
});
