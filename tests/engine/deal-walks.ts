// Deals of the B2B pipeline walked as a rep would, for the engine and browser tests.
import { accountData, createRecord } from '../support/fixtures';
import type { Agent } from '../support/test-platform';

/** A corporate account, its buyer contact and a new deal of theirs; the deal's id. */
export async function newDeal(rep: Agent, name: string, buyer: string): Promise<string> {
  const account = await createRecord(
    rep,
    'account',
    accountData({ name: `${name} account`, segment: 'corporate', corporate_employees: 400 }),
  );
  const contact = await createRecord(rep, 'contact', {
    first_name: 'Ada',
    last_name: name,
    email: buyer,
    account: account.id,
  });
  return (await createRecord(rep, 'deal', { name, account: account.id, contact: contact.id })).id;
}

/**
 * From Qualification through Needs analysis into Proposal: the account card completed, the needs
 * recorded (plus `data`), and the meeting that identified them logged, which advances the deal.
 * Entering Proposal mails the proposal, which quotes the amount: a deal without one parks there on
 * the failed mail.
 */
export async function walkToProposal(rep: Agent, id: string, data: Record<string, unknown> = {}) {
  const deal = (await rep.get(`/api/records/deal/${id}`).expect(200)).body as { data: { account: string } };
  await rep
    .patch(`/api/records/account/${deal.data.account}`)
    .send({ data: { offices_count: 3, equipment_in_use: ['erp'] } })
    .expect(200);
  const moved = await rep.post(`/api/records/deal/${id}/process/move`).send({ to: 'needs_analysis' });
  if (moved.status !== 200)
    throw new Error(`move to needs analysis: ${moved.status} ${JSON.stringify(moved.body)}`);
  await rep
    .patch(`/api/records/deal/${id}`)
    .send({
      data: {
        budget: { amount: 50000, currency: 'EUR' },
        decision_maker: 'CEO',
        timeline: 'this_quarter',
        pains: 'Slow quotes',
        ...data,
      },
    })
    .expect(200);
  await rep
    .post(`/api/records/deal/${id}/activities`)
    .send({ type: 'meeting', result: 'needs_identified' })
    .expect(201);
}
