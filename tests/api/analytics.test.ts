import path from 'node:path';
import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { createTestPlatform, type Agent, type TestPlatform, type UserName } from '../support/test-platform';
import { accountData } from '../support/fixtures';
import { verdict } from '../security/fuzz-support';

// Stage history is written through the stage mirror service, as the process (and the demo seed)
// does, back-dated into May 2026; every figure below is worked out by hand from this table.
const DAY = 86_400_000;
const may = (day: number, hour = 9) => new Date(Date.UTC(2026, 4, day, hour));
const MAY = 'from=2026-05-01&to=2026-05-31';

interface Walk {
  name: string;
  owner: UserName;
  amount?: { amount: number; currency: string };
  steps: [string, Date][];
}

const DEALS: Walk[] = [
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

let t: TestPlatform;
const agents = {} as Record<UserName, Agent>;
const ids = new Map<string, string>();
let keys = 0;

async function walk(processKey: string, recordId: string, steps: [string, Date][]) {
  for (const [nodeId, at] of steps)
    await t.platform.services.processState.enterStage({
      processKey,
      recordId,
      nodeId,
      at,
      idempotencyKey: `analytics-test-${(keys += 1)}`,
    });
}

beforeAll(async () => {
  t = await createTestPlatform();
  for (const name of ['admin', 'director', 'manager', 'rep', 'teamRep', 'otherRep', 'analyst'] as const)
    agents[name] = await t.agent(name);
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
    await walk('deal_pipeline', record.id, deal.steps);
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
});
afterAll(async () => {
  await t?.close();
});

const stageOf = <T extends { id: string }>(stages: T[], id: string): T => {
  const found = stages.find((stage) => stage.id === id);
  if (!found) throw new Error(`no stage ${id}`);
  return found;
};
const funnel = (who: UserName, query = MAY) =>
  agents[who].get(`/api/analytics/processes/deal_pipeline/funnel?${query}`);
const snapshot = (who: UserName, query = '') =>
  agents[who].get(`/api/analytics/processes/deal_pipeline/snapshot?${query}`);

describe('pipeline snapshot: open records per stage, exact, in the caller’s scope', () => {
  it('counts, sums per currency and weights by the stage probability from the definition', async () => {
    const res = await snapshot('admin').expect(200);
    expect(res.body.process).toEqual({
      key: 'deal_pipeline',
      label: expect.any(String),
      entity: 'deal',
      amountField: { key: 'amount', label: 'Amount' },
    });
    expect(res.body.stages.map((s: { id: string }) => s.id)).toEqual([
      'qualification',
      'needs_analysis',
      'proposal',
      'negotiation',
    ]);
    expect(stageOf(res.body.stages, 'qualification')).toMatchObject({
      probability: 10,
      count: 3,
      withoutAmount: 1,
      totals: [{ currency: 'EUR', amount: 1200, weighted: 120 }],
    });
    expect(stageOf(res.body.stages, 'needs_analysis')).toMatchObject({ count: 0, totals: [] });
    expect(stageOf(res.body.stages, 'proposal')).toMatchObject({
      probability: 50,
      count: 1,
      totals: [{ currency: 'USD', amount: 3000, weighted: 1500 }],
    });
    expect(stageOf(res.body.ends, 'closed_won')).toMatchObject({
      outcome: 'won',
      count: 2,
      totals: [{ currency: 'EUR', amount: 5000 }],
    });
    expect(stageOf(res.body.ends, 'closed_lost')).toMatchObject({ count: 2, totals: [{ amount: 12000 }] });
    expect(res.body.open).toEqual({
      count: 4,
      totals: [
        { currency: 'EUR', amount: 1200 },
        { currency: 'USD', amount: 3000 },
      ],
    });
    expect(res.body.currencies).toEqual(['EUR', 'USD']);
  });

  it('shows a manager their team and a rep their own records; the owner filter narrows further', async () => {
    const team = await snapshot('manager').expect(200);
    expect(stageOf(team.body.stages, 'qualification')).toMatchObject({
      count: 2,
      totals: [{ currency: 'EUR', amount: 500, weighted: 50 }],
    });
    expect(team.body.open.count).toBe(3);
    const own = await snapshot('teamRep').expect(200);
    expect(own.body.open.count).toBe(0);
    expect(stageOf(own.body.ends, 'closed_won')).toMatchObject({ count: 1 });
    const filtered = await snapshot('admin', `owner=${t.users.otherRep.id}`).expect(200);
    expect(filtered.body.open).toEqual({ count: 1, totals: [{ currency: 'EUR', amount: 700 }] });
  });

  it('sums another money field when asked, and refuses one that is not money', async () => {
    const res = await snapshot('admin', 'amountField=budget').expect(200);
    expect(res.body.process.amountField).toEqual({ key: 'budget', label: 'Budget' });
    expect(res.body.open.totals).toEqual([]);
    const bad = await snapshot('admin', 'amountField=name').expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'amountField', rule: 'moneyField' })]);
  });
});

describe('funnel history over a period', () => {
  it('gives entered, advanced, lost, conversion and time in stage per stage', async () => {
    const res = await funnel('admin').expect(200);
    expect(res.body.period).toEqual({ from: '2026-05-01T00:00:00.000Z', to: '2026-06-01T00:00:00.000Z' });
    const days = (n: number) => n * DAY;
    expect(stageOf(res.body.stages, 'qualification')).toMatchObject({
      entered: 6,
      advanced: 3,
      lost: 1,
      stillIn: 2,
      conversion: 50,
      completedStays: 4,
      medianMs: days(1.5),
      avgMs: days(1.5),
    });
    expect(stageOf(res.body.stages, 'needs_analysis')).toMatchObject({
      entered: 3,
      advanced: 2,
      lost: 1,
      stillIn: 0,
      conversion: 66.7,
      completedStays: 4,
      medianMs: days(3),
      avgMs: days(2.75),
    });
    expect(stageOf(res.body.stages, 'proposal')).toMatchObject({
      entered: 3,
      advanced: 2,
      lost: 0,
      stillIn: 1,
      conversion: 66.7,
      medianMs: days(2),
      avgMs: days(2),
    });
    expect(stageOf(res.body.stages, 'negotiation')).toMatchObject({
      entered: 2,
      advanced: 2,
      conversion: 100,
      medianMs: days(6.5),
    });
    expect(res.body.outcomes).toMatchObject({ won: 2, lost: 2, closed: 0, winRate: 50 });
    expect(stageOf(res.body.outcomes.ends, 'closed_won')).toMatchObject({
      totals: [{ currency: 'EUR', amount: 5000 }],
    });
  });

  it('gives win rate and activity counts per rep', async () => {
    const res = await funnel('admin').expect(200);
    const rep = (name: UserName) =>
      (res.body.reps as { userId: string }[]).find((row) => row.userId === t.users[name].id);
    expect(rep('rep')).toMatchObject({
      name: 'rep',
      role: 'rep',
      active: 5,
      openNow: 3,
      won: 1,
      lost: 1,
      winRate: 50,
      activities: 2,
      activitiesByType: { call: 1, meeting: 1 },
    });
    expect(rep('teamRep')).toMatchObject({ active: 1, won: 1, lost: 0, winRate: 100, activities: 1 });
    expect(rep('otherRep')).toMatchObject({ active: 1, openNow: 1, won: 0, lost: 1, winRate: 0 });
    expect(res.body.activities).toEqual({ total: 4, byType: { call: 2, meeting: 1, mail: 1 } });
  });

  it('counts only what the caller may see, and narrows to one owner', async () => {
    const team = await funnel('manager').expect(200);
    expect(stageOf(team.body.stages, 'qualification')).toMatchObject({
      entered: 5,
      advanced: 3,
      lost: 0,
      conversion: 60,
    });
    expect(team.body.outcomes).toMatchObject({ won: 2, lost: 1, winRate: 66.7 });
    expect((team.body.reps as { userId: string }[]).map((row) => row.userId).sort()).toEqual(
      [t.users.rep.id, t.users.teamRep.id].sort(),
    );
    expect(team.body.activities.total).toBe(3);

    const one = await funnel('admin', `${MAY}&owner=${t.users.teamRep.id}`).expect(200);
    expect(stageOf(one.body.stages, 'qualification')).toMatchObject({ entered: 1, advanced: 1 });
    expect(one.body.outcomes).toMatchObject({ won: 1, lost: 0, winRate: 100 });
    expect(one.body.activities).toEqual({ total: 1, byType: { mail: 1 } });
  });

  it('moves with the period: April holds only D4’s first two stays', async () => {
    const res = await funnel('admin', 'from=2026-04-01&to=2026-04-30').expect(200);
    expect(stageOf(res.body.stages, 'qualification')).toMatchObject({ entered: 1, advanced: 1 });
    expect(stageOf(res.body.stages, 'needs_analysis')).toMatchObject({
      entered: 1,
      advanced: 1,
      medianMs: Date.UTC(2026, 4, 2, 9) - Date.UTC(2026, 3, 10, 9),
    });
    expect(res.body.outcomes).toMatchObject({ won: 0, lost: 0, winRate: null });
    // teamRep moved nothing in April, has nothing open and logged nothing: no row for them.
    expect((res.body.reps as { userId: string }[]).map((row) => row.userId).sort()).toEqual(
      [t.users.rep.id, t.users.otherRep.id].sort(),
    );
  });
});

describe('refusals', () => {
  it.each([
    ['from=2026-13-01', 'from', 'format'],
    ['from=yesterday', 'from', 'format'],
    ['to=2026-05-01T10:00', 'to', 'format'],
    ['from=2026-06-01&to=2026-05-01', 'from', 'order'],
    ['owner=not-a-user', 'owner', 'format'],
    ['owner=6f1c1f1e-0000-4000-8000-000000000000', 'owner', 'exists'],
    ['from=2026-05-01&from=2026-05-02', 'from', 'type'],
  ])('answers 400 problem+json for %s, naming the field and the rule', async (query, field, rule) => {
    const res = await funnel('admin', query).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual([expect.objectContaining({ field, rule })]);
  });

  it('answers 404 for an unknown process, 403 without the capability, 401 when signed out', async () => {
    await agents.admin.get('/api/analytics/processes/no_such_process/funnel').expect(404);
    await agents.admin.get('/api/analytics/processes/Bad-Key/snapshot').expect(404);
    await funnel('rep').expect(403);
    // The widest period the formats allow is still a period, not a database error.
    await funnel('admin', 'from=0000-01-01&to=9999-12-31').expect(200);
    await snapshot('analyst').expect(403);
    await t.anonymous().get('/api/analytics/processes/deal_pipeline/snapshot').expect(401);
  });
});

describe('fuzzed query strings', () => {
  it('never answer 5xx: a success or a 400 problem+json naming a field', async () => {
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('2026-05-01', '2026-02-30', '9999-12-31', '0000-01-01', '2026-05-01T00:00:00Z', ''),
      fc.uuid(),
      fc.array(fc.string({ maxLength: 8 }), { minLength: 2, maxLength: 3 }),
    );
    const query = fc.dictionary(fc.constantFrom('from', 'to', 'owner', 'amountField', 'x'), value, {
      maxKeys: 4,
    });
    await fc.assert(
      fc.asyncProperty(query, fc.constantFrom('snapshot', 'funnel'), async (params, route) => {
        const search = new URLSearchParams();
        for (const [key, v] of Object.entries(params))
          for (const item of Array.isArray(v) ? v : [v]) search.append(key, item);
        const res = await agents.admin.get(`/api/analytics/processes/deal_pipeline/${route}?${search}`);
        expect(verdict(res)).toBe('ok');
        expect([200, 400]).toContain(res.status);
        if (res.status === 400) expect(res.body.errors[0].field).toEqual(expect.any(String));
      }),
      { numRuns: 150 },
    );
  });
});

describe('any published process, not just the B2B pipeline', () => {
  it('reads stages, probabilities, ends and the money field from the lettings definitions', async () => {
    const fixture = path.resolve(__dirname, '../../definitions/test-fixtures/valid/lettings.solution.json');
    const solution: unknown = JSON.parse(await readFile(fixture, 'utf8'));
    await t.platform.services.definitions.importSolution(solution, t.actors.admin);
    const { records } = t.platform.services;
    const admin = t.actors.admin;
    const ownerId = t.users.rep.id;
    const property = await records.create(
      admin,
      'property',
      { address: '1 Baker Street', monthly_rent: { amount: 2000, currency: 'GBP' } },
      { ownerId },
    );
    const applicant = await records.create(
      admin,
      'applicant',
      { full_name: 'Ann Tenant', email: 'ann@example.test' },
      { ownerId },
    );
    const letting = (name: string, rent: number) =>
      records.create(
        admin,
        'letting',
        {
          name,
          property: property.id,
          applicant: applicant.id,
          tenancy_type: 'assured_shorthold',
          company_name: '-',
          agreed_rent: { amount: rent, currency: 'GBP' },
        },
        { ownerId },
      );
    const a = await letting('Flat A', 1800);
    const b = await letting('Flat B', 2200);
    await walk('lettings_pipeline', a.id, [
      ['enquiry', may(1)],
      ['viewing', may(3)],
      ['offer', may(10)],
      ['let', may(20)],
    ]);
    await walk('lettings_pipeline', b.id, [
      ['enquiry', may(2)],
      ['viewing', may(4)],
    ]);

    const snap = await agents.admin.get('/api/analytics/processes/lettings_pipeline/snapshot').expect(200);
    expect(snap.body.process).toMatchObject({
      entity: 'letting',
      amountField: { key: 'agreed_rent', label: 'Agreed rent' },
    });
    expect(snap.body.stages.map((s: { id: string }) => s.id)).toEqual(['enquiry', 'viewing', 'offer']);
    expect(stageOf(snap.body.stages, 'viewing')).toMatchObject({
      probability: 30,
      count: 1,
      totals: [{ currency: 'GBP', amount: 2200, weighted: 660 }],
    });
    expect(stageOf(snap.body.ends, 'let')).toMatchObject({ outcome: 'won', count: 1 });

    const hist = await agents.admin
      .get(`/api/analytics/processes/lettings_pipeline/funnel?${MAY}`)
      .expect(200);
    expect(stageOf(hist.body.stages, 'enquiry')).toMatchObject({ entered: 2, advanced: 2, conversion: 100 });
    // Flat A passed through decisions and an approval between viewing and offer: still "advanced".
    expect(stageOf(hist.body.stages, 'viewing')).toMatchObject({ entered: 2, advanced: 1, stillIn: 1 });
    expect(stageOf(hist.body.stages, 'offer')).toMatchObject({ entered: 1, advanced: 1, medianMs: 10 * DAY });
    expect(hist.body.outcomes).toMatchObject({ won: 1, lost: 0, winRate: 100 });
    // The deal pipeline's figures are untouched by the second process.
    const deals = await funnel('admin').expect(200);
    expect(deals.body.outcomes).toMatchObject({ won: 2, lost: 2 });
  });
});

describe('OpenAPI', () => {
  it('documents the analytics and directory routes with their parameters', async () => {
    const doc = (await t.anonymous().get('/api/openapi.json').expect(200)).body;
    const funnelOp = doc.paths['/api/analytics/processes/{processKey}/funnel'].get;
    expect(funnelOp.parameters.map((p: { name: string }) => p.name)).toEqual([
      'processKey',
      'from',
      'to',
      'owner',
      'amountField',
    ]);
    expect(doc.paths['/api/analytics/processes/{processKey}/snapshot'].get.responses['200']).toBeDefined();
    expect(doc.paths['/api/users'].get.responses['200']).toBeDefined();
  });
});

describe('users directory', () => {
  it('lists every user by name, role and manager; e-mails only for user managers', async () => {
    const res = await agents.rep.get('/api/users').expect(200);
    const me = (res.body.items as Record<string, unknown>[]).find((u) => u.id === t.users.rep.id);
    expect(me).toEqual({
      id: t.users.rep.id,
      name: 'rep',
      role: 'rep',
      managerId: t.users.manager.id,
      active: true,
    });
    expect(res.body.items).toHaveLength(8);
    expect(JSON.stringify(res.body)).not.toMatch(/@example\.test|password|hash/);
    const admin = await agents.admin.get('/api/users').expect(200);
    expect(admin.body.items.find((u: { id: string }) => u.id === t.users.rep.id).email).toBe(
      'rep@example.test',
    );
    await t.anonymous().get('/api/users').expect(401);
  });
});
