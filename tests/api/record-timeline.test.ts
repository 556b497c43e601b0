// The record timeline in one request, against real PostgreSQL: every source in the shape of its
// own route, only stage changes from the audit trail, and the record checks of every source.
import { accountData, createRecord } from '../support/fixtures';
import { createTestPlatform, type Agent, type TestPlatform } from '../support/test-platform';

let t: TestPlatform;
let rep: Agent;
let dealId: string;

beforeAll(async () => {
  t = await createTestPlatform();
  rep = await t.agent('rep');
  const account = await createRecord(rep, 'account', accountData({ name: 'Timeline AG' }));
  dealId = (await createRecord(rep, 'deal', { name: 'Timeline deal', account: account.id })).id;
  await t.platform.services.processState.enterStage({
    recordId: dealId,
    processKey: 'deal_pipeline',
    nodeId: 'qualification',
    by: t.users.rep.id,
    idempotencyKey: 'timeline:q',
  });
  await rep
    .patch(`/api/records/deal/${dealId}`)
    .send({ data: { discount: 5 } })
    .expect(200);
  await rep
    .post(`/api/records/deal/${dealId}/activities`)
    .send({ type: 'call', notes: 'First call' })
    .expect(201);
  await rep.post(`/api/records/deal/${dealId}/comments`).send({ body: 'Looks promising' }).expect(201);
  await rep.post(`/api/records/deal/${dealId}/tasks`).send({ title: 'Send the brochure' }).expect(201);
});
afterAll(async () => {
  await t?.close();
});

describe('record timeline', () => {
  it('answers every source at once, as the separate routes do', async () => {
    const path = `/api/records/deal/${dealId}`;
    const all = (await rep.get(`${path}/timeline`).expect(200)).body;
    expect(Object.keys(all).sort()).toEqual(
      ['activities', 'approvals', 'automation', 'comments', 'mails', 'stages', 'tasks'].sort(),
    );
    for (const source of ['activities', 'comments', 'mails', 'approvals', 'tasks', 'automation'] as const)
      expect(all[source]).toEqual((await rep.get(`${path}/${source}`).expect(200)).body.items);
    expect(all.activities).toHaveLength(1);
    expect(all.comments[0].body).toBe('Looks promising');
    expect(all.tasks[0].title).toBe('Send the brochure');
    // Of the audit trail (create, update, stage), only the stage change.
    const audit = (await rep.get(`${path}/audit`).expect(200)).body.items as { action: string }[];
    expect(audit.length).toBeGreaterThan(1);
    expect(all.stages.map((e: { action: string }) => e.action)).toEqual(['record.stage']);
  });

  it('answers 404 for a record the user may not see, and under the wrong entity', async () => {
    await (await t.agent('otherRep')).get(`/api/records/deal/${dealId}/timeline`).expect(404);
    await rep.get(`/api/records/account/${dealId}/timeline`).expect(404);
    await rep.get('/api/records/deal/nope/timeline').expect(404);
    await (await t.agent('manager')).get(`/api/records/deal/${dealId}/timeline`).expect(200);
  });
});
