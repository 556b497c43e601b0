import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { createTestPlatform, type Agent, type TestPlatform } from '../support/test-platform';
import { DAY, MAY, may, seedDeals, stageOf, walk } from './analytics-fixture';

// Analytics over a second, non-B2B process (the lettings fixture), the OpenAPI entries and the
// user directory.
let t: TestPlatform;
let adminAgent: Agent;
let repAgent: Agent;

beforeAll(async () => {
  t = await createTestPlatform();
  adminAgent = await t.agent('admin');
  repAgent = await t.agent('rep');
  await seedDeals(t);
});
afterAll(async () => {
  await t?.close();
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
    await walk(t, 'lettings_pipeline', a.id, [
      ['enquiry', may(1)],
      ['viewing', may(3)],
      ['offer', may(10)],
      ['let', may(20)],
    ]);
    await walk(t, 'lettings_pipeline', b.id, [
      ['enquiry', may(2)],
      ['viewing', may(4)],
    ]);

    const snap = await adminAgent.get('/api/analytics/processes/lettings_pipeline/snapshot').expect(200);
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

    const hist = await adminAgent.get(`/api/analytics/processes/lettings_pipeline/funnel?${MAY}`).expect(200);
    expect(stageOf(hist.body.stages, 'enquiry')).toMatchObject({ entered: 2, advanced: 2, conversion: 100 });
    // Flat A passed through decisions and an approval between viewing and offer: still "advanced".
    expect(stageOf(hist.body.stages, 'viewing')).toMatchObject({ entered: 2, advanced: 1, stillIn: 1 });
    expect(stageOf(hist.body.stages, 'offer')).toMatchObject({ entered: 1, advanced: 1, medianMs: 10 * DAY });
    expect(hist.body.outcomes).toMatchObject({ won: 1, lost: 0, winRate: 100 });
    // The deal pipeline's figures are untouched by the second process.
    const deals = await adminAgent.get(`/api/analytics/processes/deal_pipeline/funnel?${MAY}`).expect(200);
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
    const res = await repAgent.get('/api/users').expect(200);
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
    const admin = await adminAgent.get('/api/users').expect(200);
    expect(admin.body.items.find((u: { id: string }) => u.id === t.users.rep.id).email).toBe(
      'rep@example.test',
    );
    await t.anonymous().get('/api/users').expect(401);
  });
});
