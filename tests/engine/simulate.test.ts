import { createTestPlatform, type TestPlatform } from '../support/test-platform';

describe('POST /api/processes/simulate', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await createTestPlatform();
  });
  afterAll(async () => {
    await t.close();
  });

  const deal = {
    name: 'Sim deal',
    account: '00000000-0000-4000-8000-000000000001',
    contact: '00000000-0000-4000-8000-000000000002',
    ownerId: 'owner-1',
  };
  const related = {
    account: { segment: 'corporate', corporate_employees: 500, offices_count: 3, equipment_in_use: 'x' },
    contact: { email: 'buyer@example.test' },
  };

  it('runs a published process on a sample record and returns the path, mails and approvals', async () => {
    const analyst = await t.agent('analyst');
    const started = Date.now();
    const res = await analyst
      .post('/api/processes/simulate')
      .send({
        process: { key: 'deal_pipeline' },
        record: deal,
        related,
        ownerManagerId: 'manager-1',
        startAt: '2026-03-02T09:00:00Z',
        script: [
          { after: 'PT1H', event: { type: 'moveRequested', target: 'needs_analysis' } },
          {
            after: 'PT1H',
            event: {
              type: 'activityLogged',
              activityType: 'meeting',
              result: 'needs_identified',
            },
          },
        ],
      })
      .expect(200);
    expect(Date.now() - started).toBeLessThan(3000);
    const path = (res.body.path as { nodeId: string }[]).map((visit) => visit.nodeId);
    expect(path.slice(0, 3)).toEqual(['start', 'qualification', 'needs_analysis']);
    expect(res.body.status).toBe('running');
    // Needs analysis lacks its required fields: the activity's move is blocked, not taken.
    expect(path).not.toContain('proposal');
    expect(res.body.tasks.length).toBeGreaterThan(0);
  });

  it('answers 422 with the validateDefinition errors for a broken draft', async () => {
    const analyst = await t.agent('analyst');
    const res = await analyst
      .post('/api/processes/simulate')
      .send({
        process: {
          key: 'broken',
          label: 'Broken',
          entity: 'deal',
          triggers: [{ type: 'manual' }],
          nodes: [
            { id: 'a', type: 'start', label: 'A' },
            { id: 'b', type: 'stage', label: 'B' },
          ],
          edges: [],
        },
        record: {},
      })
      .expect(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.errors.length).toBeGreaterThan(0);
    expect(res.body.errors[0]).toHaveProperty('rule');
  });

  it('answers 400 for a malformed request and 403 without definitions rights', async () => {
    const analyst = await t.agent('analyst');
    const bad = await analyst.post('/api/processes/simulate').send({ process: 1, script: 'x' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['process', 'record', 'script']),
    );
    const rep = await t.agent('rep');
    await rep
      .post('/api/processes/simulate')
      .send({ process: { key: 'deal_pipeline' }, record: {} })
      .expect(403);
  });
});
