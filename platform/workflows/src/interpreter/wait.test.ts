import type { WaitSpec } from './definition-types';
import { DAY, HOUR, Player, T0, edge, node, processOf, record } from './test-helpers';

function waitProcess(wait: WaitSpec) {
  return processOf(
    [
      node({ id: 'start', type: 'start' }),
      node({ id: 'hold', type: 'wait', wait }),
      node({ id: 'after', type: 'stage' }),
      node({ id: 'late', type: 'stage' }),
    ],
    [
      edge('e1', 'start', 'hold'),
      edge('e2', 'hold', 'after'),
      ...(wait.type === 'condition' && wait.timeout !== undefined
        ? [edge('e3', 'hold', 'late', { sourceHandle: 'timeout' })]
        : []),
    ],
  );
}

describe('wait for a duration', () => {
  it('continues when its timer fires', () => {
    const player = new Player(waitProcess({ type: 'duration', duration: 'PT2H' }));
    player.start();
    expect(player.state.timers).toEqual([
      expect.objectContaining({ kind: 'waitElapsed', fireAt: T0 + 2 * HOUR }),
    ]);
    expect(player.positions).toEqual(['hold']);
    player.fire('hold', T0 + 2 * HOUR);
    expect(player.positions).toEqual(['after']);
  });
});

describe('wait until a date field', () => {
  const spec: WaitSpec = { type: 'untilDate', field: 'renewal_date', offset: '-P3D' };

  it.each([
    ['a future date waits until the date minus the offset', '2026-02-10', Date.UTC(2026, 1, 7), 'hold'],
    ['a date already past continues at once', '2026-01-06', undefined, 'after'],
    ['an unset date waits for the record to change', undefined, undefined, 'hold'],
  ])('%s', (_case, date, fireAt, position) => {
    const player = new Player(waitProcess(spec));
    player.start(record(date === undefined ? {} : { renewal_date: date }));
    expect(player.positions).toEqual([position]);
    expect(player.state.timers.map((timer) => timer.fireAt)).toEqual(fireAt === undefined ? [] : [fireAt]);
  });

  it('follows a changed date and continues once it is due', () => {
    const player = new Player(waitProcess(spec));
    player.start(record());
    player.apply({ type: 'recordChanged', record: record({ renewal_date: '2026-03-01' }) }, T0 + HOUR);
    expect(player.state.timers.map((timer) => timer.fireAt)).toEqual([Date.UTC(2026, 1, 26)]);
    player.apply({ type: 'recordChanged', record: record({ renewal_date: '2026-01-07' }) }, T0 + 2 * HOUR);
    expect(player.positions).toEqual(['after']);
    expect(player.state.timers).toEqual([]);
    expect(player.state.waits).toEqual([]);
  });
});

describe('wait for a condition', () => {
  const spec: WaitSpec = {
    type: 'condition',
    condition: { field: 'signed', op: 'eq', value: true },
    timeout: 'P14D',
  };

  it('continues at once when the condition already holds', () => {
    const player = new Player(waitProcess(spec));
    player.start(record({ signed: true }));
    expect(player.positions).toEqual(['after']);
    expect(player.state.timers).toEqual([]);
  });

  it('is re-evaluated on every record change and cancels its timeout', () => {
    const player = new Player(waitProcess(spec));
    player.start(record({ signed: false }));
    const timeoutId = player.state.timers[0]?.id;
    player.apply({ type: 'recordChanged', record: record({ signed: false, note: 'x' }) }, T0 + DAY);
    expect(player.positions).toEqual(['hold']);
    const commands = player.apply({ type: 'recordChanged', record: record({ signed: true }) }, T0 + 2 * DAY);
    expect(commands[0]).toEqual({ type: 'cancelTimer', timerId: timeoutId });
    expect(player.positions).toEqual(['after']);
  });

  it('leaves through the timeout edge when the timeout passes first', () => {
    const player = new Player(waitProcess(spec));
    player.start(record());
    player.fire('hold', T0 + 14 * DAY);
    expect(player.positions).toEqual(['late']);
    expect(player.state.waits).toEqual([]);
  });
});
