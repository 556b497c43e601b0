import { accountData, createRecord, productData } from '../support/fixtures';
import type { Agent } from '../support/test-platform';
import type { EngineHarness } from '../engine/engine-harness';
import { eventually } from '../engine/engine-harness';

export const PROCESS_KEY = 'deal_pipeline';
export const workflowIdOf = (dealId: string): string => `process:${PROCESS_KEY}:${dealId}`;

export interface DealParties {
  account: string;
  contact: string;
  product: string;
}

/** An account qualified for the pipeline, a contact and a product, shared by all benchmark deals. */
export async function createParties(rep: Agent): Promise<DealParties> {
  const account = await createRecord(
    rep,
    'account',
    accountData({
      name: 'Bench process account',
      segment: 'corporate',
      corporate_employees: 400,
      offices_count: 3,
      equipment_in_use: ['erp'],
    }),
  );
  const contact = await createRecord(rep, 'contact', {
    first_name: 'Ada',
    last_name: 'Bench',
    email: 'bench-buyer@example.test',
    account: account.id,
  });
  const product = await createRecord(rep, 'product', productData({ code: 'BEN-101' }));
  return { account: account.id, contact: contact.id, product: product.id };
}

export async function processStarted(h: EngineHarness, dealId: string): Promise<boolean> {
  try {
    await h.temporal.client.workflow.getHandle(workflowIdOf(dealId)).describe();
    return true;
  } catch {
    return false;
  }
}

/**
 * A deal in Proposal with everything Negotiation needs, so it can move Proposal ⇄ Negotiation
 * (e_to_negotiation / e_revise_proposal) as often as the benchmark likes.
 */
export async function dealInProposal(
  h: EngineHarness,
  rep: Agent,
  parties: DealParties,
  name: string,
): Promise<string> {
  const deal = await createRecord(rep, 'deal', {
    name,
    account: parties.account,
    contact: parties.contact,
    budget: { amount: 50000, currency: 'EUR' },
    decision_maker: 'CEO',
    timeline: 'this_quarter',
    pains: 'Slow quotes',
    amount: { amount: 40000, currency: 'EUR' },
    primary_product: parties.product,
    proposal_sent_date: '2026-11-20',
    discount: 5,
    expected_close_date: '2026-12-20',
  });
  await eventually(async () => ((await processStarted(h, deal.id)) ? true : undefined));
  const moved = await rep.post(`/api/records/deal/${deal.id}/process/move`).send({ to: 'needs_analysis' });
  if (moved.status !== 200)
    throw new Error(`move to needs_analysis: ${moved.status} ${JSON.stringify(moved.body)}`);
  await rep
    .post(`/api/records/deal/${deal.id}/activities`)
    .send({ type: 'meeting', result: 'needs_identified' })
    .expect(201);
  await eventually(async () => {
    const res = await rep.get(`/api/records/deal/${deal.id}/process`);
    const body = res.body as { currentStage?: { nodeId: string } };
    return body.currentStage?.nodeId === 'proposal' ? true : undefined;
  });
  return deal.id;
}
