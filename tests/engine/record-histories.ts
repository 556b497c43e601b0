// Regenerates tests/engine/histories/*.json, the recorded B2B pipeline histories that replay.test.ts
// replays against the current workflow code. Run after an intended, patched() workflow change:
//   npx tsx tests/engine/record-histories.ts [suffix]
// With a suffix (e.g. the patch's name) the files are written beside the old ones
// (`won-two-level-approval.<suffix>.json`), so replay keeps covering histories from before the patch.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { temporal as proto } from '@temporalio/proto';
import { createRecord, productData } from '../support/fixtures';
import type { Agent } from '../support/test-platform';
import { newDeal as newBuyersDeal } from './deal-walks';
import { eventually, startEngine, type EngineHarness } from './engine-harness';

const OUT_DIR = path.join(__dirname, 'histories');

interface StateView {
  status: string;
  outcome?: string;
  currentStage?: { nodeId: string };
}
interface ApprovalItem {
  id: string;
  status: string;
}

async function record(h: EngineHarness): Promise<void> {
  const rep = await h.agent('rep');
  const manager = await h.agent('manager');
  const director = await h.agent('director');
  let products = 0;

  const state = async (id: string): Promise<StateView> =>
    (await rep.get(`/api/records/deal/${id}/process`).expect(200)).body as StateView;
  const move = (id: string, to: string) =>
    rep.post(`/api/records/deal/${id}/process/move`).send({ to }).expect(200);
  const patch = (id: string, data: Record<string, unknown>) =>
    rep.patch(`/api/records/deal/${id}`).send({ data }).expect(200);
  const pendingFor = (agent: Agent) =>
    eventually(async () => {
      const items = (await agent.get('/api/approvals').expect(200)).body.items as ApprovalItem[];
      return items.find((a) => a.status === 'pending');
    });
  const decide = (agent: Agent, approvalId: string, decision: 'approved' | 'rejected') =>
    agent
      .post(`/api/approvals/${approvalId}/decision`)
      .send({ decision, comment: `${decision} while recording` })
      .expect(200);

  async function newDeal(name: string): Promise<string> {
    const id = await newBuyersDeal(rep, name, `${name.toLowerCase().replace(/\W+/g, '-')}@example.test`);
    await eventually(async () =>
      (await rep.get(`/api/records/deal/${id}/process`)).status === 200 ? true : undefined,
    );
    return id;
  }

  async function toNegotiation(id: string): Promise<void> {
    const deal = await h.platform.services.records.get(h.t.actors.rep, 'deal', id);
    await h.platform.services.records.update(h.t.actors.rep, 'account', deal.data.account as string, {
      offices_count: 3,
      equipment_in_use: ['erp'],
    });
    await move(id, 'needs_analysis');
    await patch(id, {
      budget: { amount: 50000, currency: 'EUR' },
      decision_maker: 'CEO',
      timeline: 'this_quarter',
      pains: 'Slow quotes',
      amount: { amount: 40000, currency: 'EUR' },
    });
    await rep
      .post(`/api/records/deal/${id}/activities`)
      .send({ type: 'meeting', result: 'needs_identified' })
      .expect(201);
    await eventually(async () => ((await state(id)).currentStage?.nodeId === 'proposal' ? true : undefined));
    products += 1;
    const product = await createRecord(rep, 'product', productData({ code: `REC-${100 + products}` }));
    await patch(id, { primary_product: product.id, proposal_sent_date: '2026-11-20' });
    await move(id, 'negotiation');
  }

  async function completed(id: string, outcome: string): Promise<void> {
    await eventually(async () => {
      const view = await state(id);
      return view.status === 'completed' && view.outcome === outcome ? true : undefined;
    });
    // The workflow's last task (completion) must be in the history before it is fetched.
    await h.temporal.client.workflow.getHandle(`process:deal_pipeline:${id}`).result();
  }

  // Won after a 30 % discount approved by the manager, then the director.
  const won = await newDeal('Replay won');
  await toNegotiation(won);
  await patch(won, { discount: 30, expected_close_date: '2026-12-31' });
  await move(won, 'closed_won');
  await decide(manager, (await pendingFor(manager)).id, 'approved');
  await decide(director, (await pendingFor(director)).id, 'approved');
  await completed(won, 'won');

  // The director rejects: back to negotiation; a smaller discount then wins without approval.
  const rejected = await newDeal('Replay rejected');
  await toNegotiation(rejected);
  await patch(rejected, { discount: 30, expected_close_date: '2026-12-31' });
  await move(rejected, 'closed_won');
  await decide(manager, (await pendingFor(manager)).id, 'approved');
  await decide(director, (await pendingFor(director)).id, 'rejected');
  await eventually(async () =>
    (await state(rejected)).currentStage?.nodeId === 'negotiation' ? true : undefined,
  );
  await patch(rejected, { discount: 5 });
  await move(rejected, 'closed_won');
  await completed(rejected, 'won');

  // Lost straight from qualification.
  const lost = await newDeal('Replay lost');
  await patch(lost, { lost_reason: 'price' });
  await move(lost, 'closed_lost');
  await completed(lost, 'lost');

  for (const [name, id] of [
    ['won-two-level-approval', won],
    ['rejected-back-to-negotiation', rejected],
    ['lost', lost],
  ] as const) {
    const history = await h.temporal.client.workflow.getHandle(`process:deal_pipeline:${id}`).fetchHistory();
    const suffix = process.argv[2] === undefined ? '' : `.${process.argv[2]}`;
    const file = path.join(OUT_DIR, `${name}${suffix}.json`);
    // protobufjs's canonical JSON of the message (int64 as strings, bytes as base64): the SDK's
    // historyToJSON fails here because @temporalio/common resolves its own protobufjs copy.
    const json = proto.api.history.v1.History.fromObject(history).toJSON();
    await writeFile(file, `${JSON.stringify(json, null, 1)}\n`);
    console.log(`wrote ${file} (${history.events?.length ?? 0} events)`);
  }
}

async function main(): Promise<void> {
  const h = await startEngine();
  try {
    await record(h);
  } finally {
    await h.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
