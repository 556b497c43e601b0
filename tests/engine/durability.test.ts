// Durability: the worker runs in a child process that is SIGKILLed while instances wait in a stage
// timer and in an approval (the file-backed Temporal dev server is restarted while it is down),
// and again while an approval is open; a new worker takes over each time. Every instance must
// finish with each stage entered exactly once in order and one mail per send key.
import type { ChildProcess } from 'node:child_process';
import { accountData, createRecord, productData } from '../support/fixtures';
import type { Agent } from '../support/test-platform';
import { diagnose, eventually, eventuallyFor, startEngine, type EngineHarness } from './engine-harness';
import { automationKeys, mirroredStage, sendsOf, stageHistory } from './engine-probes';
import { startRestartableTemporal, type RestartableTemporal } from './restartable-temporal';
import { kill, startChild, stop } from './worker-process';

jest.setTimeout(300000);

describe('process engine durability', () => {
  let h: EngineHarness;
  let rep: Agent;
  let worker: ChildProcess | undefined;
  let temporal: RestartableTemporal;
  let productCount = 0;
  beforeAll(async () => {
    temporal = await startRestartableTemporal();
    h = await startEngine({ inProcessWorker: false, temporal });
    rep = await h.agent('rep');
    worker = await startChild(h);
  });
  afterAll(async () => {
    if (worker) await stop(worker);
    await h?.close();
  });

  const move = (id: string, to: string) => rep.post(`/api/records/deal/${id}/process/move`).send({ to });
  /** A move that must be accepted; a refusal fails with its reasons and the instance's diagnosis. */
  async function moveOk(id: string, to: string): Promise<void> {
    const res = await move(id, to);
    if (res.status !== 200)
      throw new Error(
        `move ${to}: ${res.status} ${JSON.stringify(res.body)}\n${await diagnose(h, 'deal_pipeline', id)}`,
      );
  }
  const patch = (id: string, data: Record<string, unknown>) =>
    rep.patch(`/api/records/deal/${id}`).send({ data }).expect(200);
  const stageOf = async (id: string) =>
    (
      (await rep.get(`/api/records/deal/${id}/process`).expect(200)).body as {
        currentStage?: { nodeId: string };
      }
    ).currentStage?.nodeId;

  async function newDeal(name: string, buyer: string): Promise<string> {
    const account = await createRecord(
      rep,
      'account',
      accountData({
        name: `${name} account`,
        segment: 'corporate',
        corporate_employees: 400,
        offices_count: 3,
        equipment_in_use: ['erp'],
      }),
    );
    const contact = await createRecord(rep, 'contact', {
      first_name: 'Ada',
      last_name: name,
      email: buyer,
      account: account.id,
    });
    // With an amount from the start: the idle alert that qualification sends after 5 (scaled)
    // working days quotes it, and these deals may sit there that long while others are driven.
    const deal = await createRecord(rep, 'deal', {
      name,
      account: account.id,
      contact: contact.id,
      amount: { amount: 40000, currency: 'EUR' },
    });
    await eventually(async () =>
      (await rep.get(`/api/records/deal/${deal.id}/process`)).status === 200 ? true : undefined,
    );
    return deal.id;
  }

  async function toProposal(id: string): Promise<void> {
    await moveOk(id, 'needs_analysis');
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
    expect(await stageOf(id)).toBe('proposal');
  }

  async function toNegotiation(id: string, discount: number): Promise<void> {
    await toProposal(id);
    productCount += 1;
    const product = await createRecord(rep, 'product', productData({ code: `DUR-${100 + productCount}` }));
    await patch(id, { primary_product: product.id, proposal_sent_date: '2026-11-20' });
    await moveOk(id, 'negotiation');
    await patch(id, { discount, expected_close_date: '2026-12-31' });
  }

  const mailsTo = (buyer: string) => h.smtp.mailbox.list().filter((m) => m.to.includes(buyer)).length;

  it('finishes every instance without lost or duplicated steps across worker kills', async () => {
    const waiting = await newDeal('Durable timer', 'dur1@example.test');
    const approving = await newDeal('Durable approval', 'dur2@example.test');
    const closing = await newDeal('Durable close', 'dur3@example.test');

    // One instance waits in the discount approval, one in Proposal's follow-up timers. The timer
    // one goes last, so the kill follows its proposal mail well before the first follow-up is due.
    await toNegotiation(approving, 30);
    await moveOk(approving, 'closed_won');
    const manager = await h.agent('manager');
    const pending = await eventuallyFor(h, approving, async () => {
      const items = (await manager.get('/api/approvals').expect(200)).body.items as {
        id: string;
        status: string;
      }[];
      return items.find((a) => a.status === 'pending');
    });
    await toProposal(waiting);
    await eventuallyFor(h, waiting, async () => (mailsTo('dur1@example.test') >= 1 ? true : undefined));

    // Killed while both wait, and the Temporal server restarted from its file meanwhile: the
    // follow-up timer comes due while neither runs.
    await kill(worker as ChildProcess);
    await temporal.restart(7000);
    expect(mailsTo('dur1@example.test')).toBe(1);
    worker = await startChild(h);
    await eventuallyFor(h, waiting, async () => (mailsTo('dur1@example.test') >= 2 ? true : undefined));

    await manager
      .post(`/api/approvals/${pending.id}/decision`)
      .send({ decision: 'approved', comment: 'ok' })
      .expect(200);
    const director = await h.agent('director');
    const second = await eventuallyFor(h, approving, async () => {
      const items = (await director.get('/api/approvals').expect(200)).body.items as {
        id: string;
        status: string;
      }[];
      return items.find((a) => a.status === 'pending');
    });

    // Killed again while the director's approval is open and a third deal waits in Negotiation
    // (its stage mirrored first: the kill is not meant to land in the middle of an SMTP send).
    await toNegotiation(closing, 5);
    await eventuallyFor(h, closing, async () =>
      (await mirroredStage(h.platform.db, closing))?.stage === 'negotiation' ? true : undefined,
    );
    await kill(worker as ChildProcess);
    worker = await startChild(h);
    await moveOk(closing, 'closed_won');

    await director
      .post(`/api/approvals/${second.id}/decision`)
      .send({ decision: 'approved', comment: 'fine' })
      .expect(200);
    // Leaving Proposal needs its required fields, whatever the target.
    productCount += 1;
    const product = await createRecord(rep, 'product', productData({ code: `DUR-${100 + productCount}` }));
    await patch(waiting, { primary_product: product.id, lost_reason: 'price' });
    await moveOk(waiting, 'closed_lost');

    const ids = [waiting, approving, closing];
    // A won deal's run ends; a lost one is closed but keeps its 90-day re-engagement timer.
    for (const [id, outcome] of [
      [approving, 'won'],
      [closing, 'won'],
      [waiting, 'lost'],
    ] as const) {
      const handle = h.temporal.client.workflow.getHandle(`process:deal_pipeline:${id}`);
      if (outcome === 'won') {
        await eventuallyFor(h, id, async () =>
          (await handle.describe()).status.name === 'COMPLETED' ? true : undefined,
        );
        expect(await handle.result()).toMatchObject({ status: 'completed', outcome });
      }
      const view = (await rep.get(`/api/records/deal/${id}/process`).expect(200)).body as {
        status: string;
        outcome?: string;
        failedSteps: unknown[];
      };
      expect(view).toMatchObject({ status: 'completed', outcome, failedSteps: [] });
      await eventuallyFor(h, id, async () =>
        (await mirroredStage(h.platform.db, id))?.stage === `closed_${outcome}` ? true : undefined,
      );
    }
    expect(await stageHistory(h.platform.db, waiting)).toEqual([
      'qualification',
      'needs_analysis',
      'proposal',
      'closed_lost',
    ]);
    const won = ['qualification', 'needs_analysis', 'proposal', 'negotiation', 'closed_won'];
    expect(await stageHistory(h.platform.db, approving)).toEqual(won);
    expect(await stageHistory(h.platform.db, closing)).toEqual(won);

    // Mails of the won deals: proposal and thank-you; of the lost one: proposal and follow-ups.
    await eventuallyFor(h, closing, async () => (mailsTo('dur3@example.test') >= 2 ? true : undefined));
    await eventuallyFor(h, approving, async () => (mailsTo('dur2@example.test') >= 2 ? true : undefined));
    const sends = await sendsOf(h.platform.db, h.smtp.mailbox, ids);
    expect(sends.rows.every((row) => row.status === 'sent' || row.status === 'skipped')).toBe(true);
    expect(sends.notOnce).toEqual([]);
    expect(mailsTo('dur2@example.test')).toBe(2);
    expect(mailsTo('dur3@example.test')).toBe(2);
    for (const id of ids) expect(await automationKeys(h.platform.db, id, 'failed')).toEqual([]);
  });
});
