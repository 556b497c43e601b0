import { DAY, HOUR, Player, T0, edge, node, ofType, processOf } from './test-helpers';
import type { CalendarDefinition } from './definition-types';

const idleProcess = processOf(
  [
    node({ id: 'start', type: 'start' }),
    node({
      id: 'work',
      type: 'stage',
      timers: [
        {
          id: 'nudge',
          after: 'P2D',
          basis: 'lastActivity',
          actions: [{ type: 'notify', to: { type: 'owner' }, message: 'Two idle days' }],
        },
        {
          id: 'sla',
          after: 'P5D',
          basis: 'entered',
          actions: [{ type: 'notify', to: { type: 'ownerManager' }, message: 'SLA missed' }],
        },
      ],
    }),
    node({ id: 'next', type: 'stage' }),
  ],
  [edge('e1', 'start', 'work'), edge('e2', 'work', 'next')],
);

describe('idle timers (basis lastActivity)', () => {
  it('restarts from each logged activity with a new id, and leaves entered-basis timers alone', () => {
    const player = new Player(idleProcess);
    player.start();
    const nudge = () => player.state.timers.find((timer) => timer.timerKey === 'nudge');
    const sla = () => player.state.timers.find((timer) => timer.timerKey === 'sla');
    const firstId = nudge()?.id;
    expect(nudge()?.fireAt).toBe(T0 + 2 * DAY);

    const commands = player.apply({ type: 'activityLogged', activityType: 'call', at: T0 + DAY }, T0 + DAY);
    expect(commands).toEqual([
      { type: 'cancelTimer', timerId: firstId },
      { type: 'scheduleTimer', timerId: nudge()?.id, fireAt: T0 + 3 * DAY },
    ]);
    expect(nudge()?.id).not.toBe(firstId);
    expect(sla()?.fireAt).toBe(T0 + 5 * DAY);
  });

  it('fires after the idle time and is armed again by the next activity', () => {
    const player = new Player(idleProcess);
    player.start();
    const fired = player.fire('work', T0 + 2 * DAY, 'nudge');
    expect(ofType(fired, 'notify').map((command) => command.message)).toEqual(['Two idle days']);
    expect(player.state.timers.map((timer) => timer.timerKey)).toEqual(['sla']);
    player.apply({ type: 'activityLogged', activityType: 'meeting', at: T0 + 4 * DAY }, T0 + 4 * DAY);
    expect(player.state.timers.find((timer) => timer.timerKey === 'nudge')?.fireAt).toBe(T0 + 6 * DAY);
  });
});

describe('business time', () => {
  const calendar: CalendarDefinition = {
    key: 'office',
    label: 'Office',
    timezone: 'UTC',
    workingHours: {
      monday: [{ start: '09:00', end: '17:00' }],
      tuesday: [{ start: '09:00', end: '17:00' }],
      wednesday: [{ start: '09:00', end: '17:00' }],
      thursday: [{ start: '09:00', end: '17:00' }],
      friday: [{ start: '09:00', end: '17:00' }],
    },
  } as CalendarDefinition;
  const definition = processOf(
    [
      node({ id: 'start', type: 'start' }),
      node({
        id: 'work',
        type: 'stage',
        timers: [
          {
            id: 'sla',
            after: 'PT4H',
            businessTime: true,
            basis: 'entered',
            actions: [{ type: 'notify', to: { type: 'owner' }, message: 'late' }],
          },
        ],
      }),
    ],
    [edge('e1', 'start', 'work')],
  );

  it('counts only working hours of the process calendar', () => {
    const player = new Player(definition, { calendar });
    // Friday 2026-01-09 15:00 UTC: two working hours left that day, two more on Monday.
    const friday = Date.UTC(2026, 0, 9, 15);
    player.start(undefined, friday);
    expect(player.state.timers[0]?.fireAt).toBe(Date.UTC(2026, 0, 12, 11));
  });

  it('refuses business time without a calendar', () => {
    const player = new Player(definition);
    expect(() => player.start(undefined, T0 + HOUR)).toThrow('has no calendar');
  });
});
