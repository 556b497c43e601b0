// The hand-computed fixture of the analytics suites: deals walked through the deal pipeline by the
// stage mirror service (as the process and the demo seed write it), back-dated into May 2026, and
// the activities their owners logged. Every expected figure in the suites is worked out from it.
import type { TestPlatform, UserName } from '../support/test-platform';
import { accountData } from '../support/fixtures';

export const DAY = 86_400_000;
export const may = (day: number, hour = 9) => new Date(Date.UTC(2026, 4, day, hour));
export const MAY = 'from=2026-05-01&to=2026-05-31';

export interface Walk {
  name: string;
  owner: UserName;
  amount?: { amount: number; currency: string };
  steps: [string, Date][];
}

export const DEALS: Walk[] = [
  {
    name: 'D1 won',
    owner: 'rep',
    amount: { amount: 1000, currency: 'EUR' },
    steps: [
      ['qualification', may(2)],
      ['needs_analysis', may(4)],
      ['proposal', may(8)],
      ['negotiation', may(10)],
      ['closed_won', may(20)],
    ],
  },
  {
    name: 'D2 lost in needs analysis',
    owner: 'rep',
    amount: { amount: 2000, currency: 'EUR' },
    steps: [
      ['qualification', may(3)],
      ['needs_analysis', may(5)],
      ['closed_lost', may(6)],
    ],
  },
  {
    name: 'D3 open in qualification',
    owner: 'rep',
    amount: { amount: 500, currency: 'EUR' },
    steps: [['qualification', may(10)]],
  },
  {
    name: 'D4 open in proposal since May, started in April',
    owner: 'rep',
    amount: { amount: 3000, currency: 'USD' },
    steps: [
      ['qualification', new Date(Date.UTC(2026, 3, 1, 9))],
      ['needs_analysis', new Date(Date.UTC(2026, 3, 10, 9))],
      ['proposal', may(2)],
    ],
  },
  {
    name: 'D5 won after a loop back',
    owner: 'teamRep',
    amount: { amount: 4000, currency: 'EUR' },
    steps: [
      ['qualification', may(1)],
      ['needs_analysis', may(2)],
      ['proposal', may(6)],
      ['needs_analysis', may(7)],
      ['proposal', may(9)],
      ['negotiation', may(12)],
      ['closed_won', may(15)],
    ],
  },
  {
    name: 'D6 lost in qualification (other team)',
    owner: 'otherRep',
    amount: { amount: 10000, currency: 'EUR' },
    steps: [
      ['qualification', may(5)],
      ['closed_lost', may(6)],
    ],
  },
  {
    name: 'D7 open, entered in June (other team)',
    owner: 'otherRep',
    amount: { amount: 700, currency: 'EUR' },
    steps: [['qualification', new Date(Date.UTC(2026, 5, 2, 9))]],
  },
  { name: 'D8 open without an amount', owner: 'rep', steps: [['qualification', may(20)]] },
];

/** Moves a record through the steps; the key is derived from record and step, as the engine's are. */
export async function walk(t: TestPlatform, processKey: string, recordId: string, steps: [string, Date][]) {
  for (const [index, [nodeId, at]] of steps.entries())
    await t.platform.services.processState.enterStage({
      processKey,
      recordId,
      nodeId,
      at,
      idempotencyKey: `analytics-test:${recordId}:${index}`,
    });
}

/** Creates and walks {@link DEALS} and logs their activities; returns record ids by deal name. */
export async function seedDeals(t: TestPlatform): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const { records, activities } = t.platform.services;
  const admin = t.actors.admin;
  for (const deal of DEALS) {
    const ownerId = t.users[deal.owner].id;
    const account = await records.create(admin, 'account', accountData({ name: `${deal.name} AG` }), {
      ownerId,
    });
    const data = { name: deal.name, account: account.id, ...(deal.amount ? { amount: deal.amount } : {}) };
    const record = await records.create(admin, 'deal', data, { ownerId });
    ids.set(deal.name, record.id);
    await walk(t, 'deal_pipeline', record.id, deal.steps);
  }
  const log = (who: UserName, deal: string, type: string, at: Date) =>
    activities.log(t.actors[who], ids.get(deal) ?? '', { type, occurredAt: at.toISOString() });
  await log('rep', 'D1 won', 'call', may(3));
  await log('rep', 'D1 won', 'meeting', may(9));
  await log('rep', 'D3 open in qualification', 'call', new Date(Date.UTC(2026, 3, 20)));
  await log('teamRep', 'D5 won after a loop back', 'mail', may(7));
  await log('otherRep', 'D6 lost in qualification (other team)', 'call', may(5));
  // On an account, not a deal: not part of the deal pipeline's activity.
  const account = await records.create(admin, 'account', accountData({ name: 'Side AG' }), {
    ownerId: t.users.rep.id,
  });
  await activities.log(t.actors.rep, account.id, { type: 'call', occurredAt: may(4).toISOString() });
  return ids;
}

export const stageOf = <T extends { id: string }>(stages: T[], id: string): T => {
  const found = stages.find((stage) => stage.id === id);
  if (!found) throw new Error(`no stage ${id}`);
  return found;
};
