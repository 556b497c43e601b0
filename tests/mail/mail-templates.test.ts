import { startSmtpServer, type Mailbox, type SmtpService } from '@crm/devservices';
import { accountData, createRecord } from '../support/fixtures';
import { queryDatabase } from '../support/test-database';
import { createTestPlatform, type Agent, type TestPlatform } from '../support/test-platform';

const GATE =
  'The distributor proposal unlocks at the Proposal stage once the client card (segment Distributor with turnover, sales reps, clients and warehouse area), the contact and the needs card (budget, decision maker, timeline, pains) are complete.';

let smtp: SmtpService & { mailbox: Mailbox };
let t: TestPlatform;
let rep: Agent;
let otherRep: Agent;
let dealId: string;
let stageKeys = 0;

const enterStage = (recordId: string, nodeId: string) =>
  t.platform.services.processState.enterStage({
    recordId,
    processKey: 'deal_pipeline',
    nodeId,
    idempotencyKey: `mail-test-stage-${(stageKeys += 1)}`,
  });

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestPlatform({ smtpUrl: smtp.url });
  rep = await t.agent('rep');
  otherRep = await t.agent('otherRep');
  const account = await createRecord(
    rep,
    'account',
    accountData({
      name: 'Nordwind <Handel> GmbH',
      segment: 'distributor',
      annual_turnover: { amount: 4_200_000, currency: 'EUR' },
      sales_reps_count: 12,
      clients_count: 340,
      warehouse_area: 2500,
    }),
  );
  const contact = await createRecord(rep, 'contact', {
    first_name: 'Ada',
    last_name: 'Lovelace',
    email: 'ada@nordwind.test',
    account: account.id,
  });
  const deal = await createRecord(rep, 'deal', {
    name: 'Nordwind partnership',
    account: account.id,
    contact: contact.id,
    amount: { amount: 12_500, currency: 'EUR' },
  });
  dealId = deal.id;
});

afterAll(async () => {
  await t?.close();
  await smtp?.stop();
});

const templates = async (agent: Agent, id = dealId) =>
  (await agent.get(`/api/records/deal/${id}/mail-templates`).expect(200)).body.items as {
    key: string;
    unlocked: boolean;
    reason?: string;
  }[];

describe('mail templates on a record', () => {
  it('locks the proposal with the gate message and refuses to send it', async () => {
    const proposal = (await templates(rep)).find((item) => item.key === 'proposal_distributor');
    expect(proposal).toEqual(expect.objectContaining({ unlocked: false, reason: GATE }));
    expect((await templates(rep)).find((item) => item.key === 're_engagement')).toMatchObject({
      unlocked: true,
    });

    const refused = await rep
      .post(`/api/records/deal/${dealId}/mail`)
      .send({ template: 'proposal_distributor' });
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.detail).toBe(GATE);
    const preview = await rep.get(`/api/records/deal/${dealId}/mail-templates/proposal_distributor/preview`);
    expect(preview.status).toBe(409);
    expect(preview.body.detail).toBe(GATE);
  });

  it('stays locked at the right stage until the needs card is complete, then unlocks', async () => {
    await enterStage(dealId, 'qualification');
    await enterStage(dealId, 'proposal');
    expect((await templates(rep)).find((item) => item.key === 'proposal_distributor')).toMatchObject({
      unlocked: false,
      reason: GATE,
    });
    await rep
      .patch(`/api/records/deal/${dealId}`)
      .send({
        data: {
          budget: { amount: 15_000, currency: 'EUR' },
          decision_maker: 'Ada Lovelace',
          timeline: 'this_quarter',
          pains: 'Stock-outs & slow deliveries',
        },
      })
      .expect(200);
    expect((await templates(rep)).find((item) => item.key === 'proposal_distributor')).toEqual(
      expect.objectContaining({ unlocked: true }),
    );
  });

  it('previews the proposal with merge fields through references, escaped', async () => {
    const res = await rep
      .get(`/api/records/deal/${dealId}/mail-templates/proposal_distributor/preview`)
      .expect(200);
    expect(res.body.subject).toBe('Partnership proposal for Nordwind <Handel> GmbH');
    expect(res.body.html).toContain('Dear Ada Lovelace,');
    expect(res.body.html).toContain('Nordwind &lt;Handel&gt; GmbH');
    expect(res.body.html).toContain('amounts to 12,500.00 EUR');
    expect(res.body.html).toContain('Stock-outs &amp; slow deliveries');
    expect(res.body.html).toContain('rep<br>rep@example.test');
    expect(res.body.text).toContain('With 12 sales reps serving 340 clients');
  });

  it('sends the proposal to the contact over SMTP, once per idempotency key', async () => {
    const first = await rep
      .post(`/api/records/deal/${dealId}/mail`)
      .set('Idempotency-Key', 'proposal-1')
      .send({ template: 'proposal_distributor' })
      .expect(201);
    expect(first.body).toMatchObject({ status: 'sent' });
    const mail = await smtp.mailbox.waitFor((m) => m.messageId === first.body.messageId);
    expect(mail.to).toEqual(['ada@nordwind.test']);
    expect(mail.from).toBe('crm@example.test');
    expect(mail.subject).toBe('Partnership proposal for Nordwind <Handel> GmbH');
    expect(mail.html).toContain('Nordwind &lt;Handel&gt; GmbH');
    expect(mail.text).toContain('Dear Ada Lovelace,');

    const again = await rep
      .post(`/api/records/deal/${dealId}/mail`)
      .set('Idempotency-Key', 'proposal-1')
      .send({ template: 'proposal_distributor' })
      .expect(200);
    expect(again.body).toEqual({
      status: 'duplicate',
      mailId: first.body.mailId,
      messageId: first.body.messageId,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.mailbox.list().filter((m) => m.messageId === first.body.messageId)).toHaveLength(1);
  });

  it('lists the sent mails in the record timeline, hidden from users who cannot see the record', async () => {
    const res = await rep.get(`/api/records/deal/${dealId}/mails`).expect(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        template: 'proposal_distributor',
        status: 'sent',
        origin: 'user',
        actorId: t.users.rep.id,
        to: [{ address: 'ada@nordwind.test' }],
        subject: 'Partnership proposal for Nordwind <Handel> GmbH',
      }),
    ]);
    await otherRep.get(`/api/records/deal/${dealId}/mails`).expect(404);
    await otherRep.get(`/api/records/deal/${dealId}/mail-templates`).expect(404);
    await otherRep.post(`/api/records/deal/${dealId}/mail`).send({ template: 're_engagement' }).expect(404);
  });

  it('answers 422 naming a merge field without value, and 400 for a malformed recipient', async () => {
    const account = await createRecord(rep, 'account', accountData({ name: 'No Contact AG' }));
    const deal = await createRecord(rep, 'deal', { name: 'Lonely deal', account: account.id });
    await enterStage(deal.id, 'qualification');
    await enterStage(deal.id, 'proposal');
    const res = await rep.get(`/api/records/deal/${deal.id}/mail-templates/follow_up_1/preview`).expect(422);
    expect(res.body.detail).toContain('{{contact.first_name}}');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'contact.first_name', rule: 'merge-field' }),
    ]);
    await rep
      .post(`/api/records/deal/${deal.id}/mail`)
      .send({ template: 're_engagement', to: 42 })
      .expect(400);
    const rows = await queryDatabase<{ n: number }>(
      t.database.url,
      'SELECT count(*)::int AS n FROM mail_outbox WHERE record_id = $1',
      [deal.id],
    );
    expect(rows[0]?.n).toBe(0);
  });
});
