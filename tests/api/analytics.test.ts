import fc from 'fast-check';
import { createTestPlatform, type Agent, type TestPlatform, type UserName } from '../support/test-platform';
import { verdict } from '../security/fuzz-support';
import { publishWithStageRenamed } from '../support/rename-stage';
import { DAY, MAY, seedDeals, stageOf } from './analytics-fixture';

// Snapshot and funnel of the deal pipeline over the hand-computed fixture (see analytics-fixture).
let t: TestPlatform;
const agents = {} as Record<UserName, Agent>;

beforeAll(async () => {
  t = await createTestPlatform();
  for (const name of ['admin', 'director', 'manager', 'rep', 'teamRep', 'otherRep', 'analyst'] as const)
    agents[name] = await t.agent(name);
  await seedDeals(t);
});
afterAll(async () => {
  await t?.close();
});

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

describe('a newer version without a stage that records still sit in', () => {
  it('reports those records under the node as the earlier version named it, and counts them as open', async () => {
    // Run last: it publishes version 2 of the pipeline, with "proposal" renamed to "offer".
    const before = await t.platform.services.definitions.latest('process', 'deal_pipeline');
    const funnelBefore = (await funnel('admin').expect(200)).body;
    await publishWithStageRenamed(
      t.platform,
      t.actors.admin,
      'deal_pipeline',
      'proposal',
      'offer',
      'Offer',
      async () => {
        // Before publishing, the analyst's diff says who still sits in the stage that goes.
        const diff = await agents.analyst.get('/api/definitions/process/deal_pipeline/diff').expect(200);
        expect(diff.body.changes).toContainEqual({
          kind: 'process',
          key: 'deal_pipeline',
          path: expect.stringMatching(/^\/nodes\/\d+$/),
          change: 'removed',
          severity: 'destructive',
          message:
            '“Proposal” is removed while 1 record is in it: it stays on the version it started with, shown apart on the board, until it moves on.',
        });
      },
    );

    const res = await snapshot('admin').expect(200);
    expect(res.body.stages.map((s: { id: string }) => s.id)).toContain('offer');
    expect(stageOf(res.body.stages, 'offer')).toMatchObject({ label: 'Offer', count: 0 });
    // D4 still sits in "proposal" (its instance runs on version 1): not lost, and still open.
    expect(res.body.retired).toEqual([
      {
        id: 'proposal',
        label: 'Proposal',
        kind: 'stage',
        lastVersion: before.version,
        probability: 50,
        count: 1,
        withoutAmount: 0,
        totals: [{ currency: 'USD', amount: 3000, weighted: 1500 }],
        avgAgeMs: expect.any(Number),
      },
    ]);
    expect(res.body.open).toEqual({
      count: 4,
      totals: [
        { currency: 'EUR', amount: 1200 },
        { currency: 'USD', amount: 3000 },
      ],
    });
    // A rep who sees none of them gets no retired node.
    expect((await snapshot('teamRep').expect(200)).body.retired).toEqual([]);

    // The funnel keeps the history of the renamed stage as a row of its own, after the latest
    // version's stages, with the figures it had; moves into it still count as advancing.
    const after = (await funnel('admin').expect(200)).body;
    const ids = after.stages.map((s: { id: string }) => s.id);
    expect(ids).toEqual(['qualification', 'needs_analysis', 'offer', 'negotiation', 'proposal']);
    expect(stageOf(after.stages, 'offer')).toMatchObject({ label: 'Offer', entered: 0 });
    expect(stageOf(after.stages, 'offer')).not.toHaveProperty('retiredAfter');
    expect(stageOf(after.stages, 'proposal')).toEqual({
      ...stageOf(funnelBefore.stages, 'proposal'),
      retiredAfter: before.version,
    });
    for (const id of ['qualification', 'needs_analysis', 'negotiation'])
      expect(stageOf(after.stages, id)).toEqual(stageOf(funnelBefore.stages, id));
    expect(after.outcomes).toEqual(funnelBefore.outcomes);
  });
});
