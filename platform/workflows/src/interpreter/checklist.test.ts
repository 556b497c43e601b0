import { validateChecklistTick } from './checklist';
import { ActionRejectedError } from './errors';
import type { Actor } from './events';
import { validateMove } from './move-validation';
import { Player, T0, edge, node, processOf, record } from './test-helpers';

const rep: Actor = { userId: 'rep-1', roles: ['rep'] };

const definition = processOf(
  [
    node({ id: 'start', type: 'start' }),
    node({
      id: 'visit',
      type: 'stage',
      label: 'Site visit',
      checklist: [
        { id: 'photos', label: 'Photos taken', required: true },
        { id: 'meter-read', label: 'Meter read', required: true },
        { id: 'coffee', label: 'Coffee offered' },
      ],
    }),
    node({
      id: 'quote',
      type: 'stage',
      label: 'Quote',
      checklist: [{ id: 'sent', label: 'Sent', required: true }],
    }),
    node({ id: 'done', type: 'end', label: 'Done', outcome: 'won' }),
  ],
  [
    edge('e1', 'start', 'visit'),
    edge('e_quote', 'visit', 'quote'),
    edge('e_back', 'quote', 'visit'),
    edge('e_done', 'quote', 'done'),
  ],
);

function started(): Player {
  const player = new Player(definition);
  player.start(record({ name: 'Pump house' }));
  return player;
}

const tick = (player: Player, itemId: string, checked = true, now = T0 + 1) =>
  player.apply({ type: 'checklistTicked', actor: rep, itemId, checked }, now);

const moveReasons = (player: Player, target: string, checkedItems: string[] | undefined) => {
  const verdict = validateMove(
    definition,
    player.state,
    { target, ...(checkedItems === undefined ? {} : { checkedItems }) },
    player.state.record,
  );
  return verdict.ok ? [] : verdict.reasons.map((reason) => reason.rule);
};

describe('checklist ticks kept by the instance', () => {
  it('keeps ticks of the held stage, untick removes them, and they are logged with who ticked', () => {
    const player = started();
    expect(tick(player, 'photos')).toEqual([]);
    tick(player, 'coffee');
    tick(player, 'coffee', false);
    expect(player.state.checklist).toEqual({ visit: ['photos'] });
    expect(player.state.log.filter((entry) => entry.kind === 'checklistTicked')).toEqual([
      {
        kind: 'checklistTicked',
        at: T0 + 1,
        nodeId: 'visit',
        itemId: 'photos',
        checked: true,
        actorId: 'rep-1',
      },
      {
        kind: 'checklistTicked',
        at: T0 + 1,
        nodeId: 'visit',
        itemId: 'coffee',
        checked: true,
        actorId: 'rep-1',
      },
      {
        kind: 'checklistTicked',
        at: T0 + 1,
        nodeId: 'visit',
        itemId: 'coffee',
        checked: false,
        actorId: 'rep-1',
      },
    ]);
  });

  it('refuses an item that is not on the checklist of a held stage', () => {
    const player = started();
    expect(validateChecklistTick(definition, player.state, { itemId: 'sent', checked: true })).toEqual({
      ok: false,
      reasons: [expect.objectContaining({ rule: 'unknownChecklistItem' })],
    });
    expect(() => tick(player, 'sent')).toThrow(ActionRejectedError);
    expect(
      validateChecklistTick(definition, player.state, { itemId: 'photos', checked: true, nodeId: 'quote' })
        .ok,
    ).toBe(false);
  });

  it('counts kept ticks for a move that reports ticks, together with the reported ones', () => {
    const player = started();
    expect(moveReasons(player, 'quote', [])).toEqual(['checklistItem', 'checklistItem']);
    tick(player, 'photos');
    expect(moveReasons(player, 'quote', [])).toEqual(['checklistItem']);
    expect(moveReasons(player, 'quote', ['meter-read'])).toEqual([]);
    tick(player, 'meter-read');
    expect(moveReasons(player, 'quote', [])).toEqual([]);
  });

  it('asks for the ticks again when the stage is entered again', () => {
    const player = started();
    tick(player, 'photos');
    tick(player, 'meter-read');
    player.apply(
      { type: 'moveRequested', actor: rep, target: 'quote', checkedItems: [], record: player.state.record },
      T0 + 2,
    );
    tick(player, 'sent', true, T0 + 3);
    player.apply(
      { type: 'moveRequested', actor: rep, target: 'visit', checkedItems: [], record: player.state.record },
      T0 + 4,
    );
    expect(player.state.checklist).toEqual({ quote: ['sent'] });
    expect(moveReasons(player, 'quote', [])).toEqual(['checklistItem', 'checklistItem']);
  });

  it('closes the checklist once the process is no longer running', () => {
    const player = started();
    tick(player, 'photos');
    tick(player, 'meter-read');
    player.apply(
      { type: 'moveRequested', actor: rep, target: 'quote', checkedItems: [], record: player.state.record },
      T0 + 2,
    );
    player.apply(
      {
        type: 'moveRequested',
        actor: rep,
        target: 'done',
        checkedItems: ['sent'],
        record: player.state.record,
      },
      T0 + 3,
    );
    expect(validateChecklistTick(definition, player.state, { itemId: 'sent', checked: false })).toEqual({
      ok: false,
      reasons: [expect.objectContaining({ rule: 'notRunning' })],
    });
  });
});
