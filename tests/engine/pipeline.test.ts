// The B2B deal pipeline end to end on a real Temporal dev server, PostgreSQL and SMTP server, with
// the solution's durations scaled to seconds.
import { createRecord, productData } from '../support/fixtures';
import { newDeal as newDealOf, walkToProposal } from './deal-walks';
import type { Agent } from '../support/test-platform';
import { eventually, eventuallyFor, startEngine, type EngineHarness } from './engine-harness';
import { mirroredStage, sendsOf, stageHistory } from './engine-probes';

jest.setTimeout(120000);

interface StateView {
  status: string;
  outcome?: string;
  currentStage?: { nodeId: string };
  approvals: { nodeId: string; levelIndex: number }[];
  transitions: { edgeId: string; allowed: boolean; missing: { field?: string; message: string }[] }[];
}

describe('deal pipeline on Temporal', () => {
  let h: EngineHarness;
  let rep: Agent;
  let productCount = 0;
  beforeAll(async () => {
    h = await startEngine();
    rep = await h.agent('rep');
  });
  afterAll(async () => {
    await h?.close();
  });

  const newDeal = (name: string, buyer: string) => newDealOf(rep, name, buyer);
  const state = async (agent: Agent, id: string): Promise<StateView> =>
    (await agent.get(`/api/records/deal/${id}/process`).expect(200)).body as StateView;
  const stageOf = async (id: string) => (await state(rep, id)).currentStage?.nodeId;
  const move = (agent: Agent, id: string, to: string) =>
    agent.post(`/api/records/deal/${id}/process/move`).send({ to });
  const patch = (id: string, data: Record<string, unknown>) =>
    rep.patch(`/api/records/deal/${id}`).send({ data }).expect(200);

  async function toNegotiation(id: string, buyer: string) {
    // The proposal mail on entering Proposal quotes the amount: a template whose merge field has
    // no value is refused (the step fails and waits for an admin), so it is known beforehand.
    await walkToProposal(rep, id, { amount: { amount: 40000, currency: 'EUR' } });
    expect(await stageOf(id)).toBe('proposal');
    await eventuallyFor(h, id, async () => h.smtp.mailbox.list().find((m) => m.to.includes(buyer)));
    // Leaving Proposal for Negotiation needs a product and the date the proposal went out.
    productCount += 1;
    const product = await createRecord(rep, 'product', productData({ code: `ENG-${100 + productCount}` }));
    await patch(id, { primary_product: product.id, proposal_sent_date: '2026-11-20' });
    return id;
  }

  it('blocks a move with the missing fields, then advances, mails the proposal and follows up', async () => {
    const buyer = 'buyer1@example.test';
    const id = await newDeal('Pipeline one', buyer);
    const started = await eventually(async () => {
      const res = await rep.get(`/api/records/deal/${id}/process`);
      return res.status === 200 ? (res.body as StateView) : undefined;
    });
    expect(started.currentStage?.nodeId).toBe('qualification');

    const blocked = await move(rep, id, 'needs_analysis');
    expect(blocked.status).toBe(422);
    expect(blocked.headers['content-type']).toMatch(/problem\+json/);
    expect(blocked.body.errors.length).toBeGreaterThan(0);
    expect(await stageOf(id)).toBe('qualification');

    await toNegotiation(id, buyer);
    const proposal = h.smtp.mailbox.list().filter((m) => m.to.includes(buyer));
    expect(proposal).toHaveLength(1);
    // follow_up_1 fires after the scaled wait without a reply.
    await eventuallyFor(
      h,
      id,
      async () => (h.smtp.mailbox.list().filter((m) => m.to.includes(buyer)).length >= 2 ? true : undefined),
      30000,
    );
    // The PostgreSQL mirror: each stage entered once, in order, and one mail per send key.
    expect(await stageHistory(h.platform.db, id)).toEqual(['qualification', 'needs_analysis', 'proposal']);
    expect((await mirroredStage(h.platform.db, id))?.stage).toBe('proposal');
    const sends = await sendsOf(h.platform.db, h.smtp.mailbox, [id]);
    expect(sends.rows.filter((row) => row.status === 'sent').length).toBeGreaterThanOrEqual(2);
    expect(sends.notOnce).toEqual([]);
  });

  it('approves a 30 % discount at two levels and wins; a rejection returns to negotiation; lost path', async () => {
    const buyer = 'buyer2@example.test';
    const id = await newDeal('Pipeline two', buyer);
    await eventually(async () =>
      (await rep.get(`/api/records/deal/${id}/process`)).status === 200 ? true : undefined,
    );
    await toNegotiation(id, buyer);
    expect((await move(rep, id, 'negotiation')).status).toBe(200);
    await patch(id, { discount: 30, expected_close_date: '2026-12-31' });

    expect((await move(rep, id, 'closed_won')).status).toBe(200);
    let view = await state(rep, id);
    expect(view.approvals[0]?.levelIndex).toBe(0);

    // An ineligible approver is refused with a reason (403), the workflow keeps running.
    const otherManager = await h.agent('otherManager');
    const approvalsFor = async (agent: Agent) => (await agent.get('/api/approvals').expect(200)).body;
    const manager = await h.agent('manager');
    const pending = await eventuallyFor(h, id, async () => {
      const body = await approvalsFor(manager);
      const items = (body.items ?? body) as { id: string; status: string }[];
      return items.find((a) => a.status === 'pending');
    });
    const refused = await otherManager
      .post(`/api/approvals/${pending.id}/decision`)
      .send({ decision: 'approved' });
    expect([403, 404]).toContain(refused.status);
    await manager
      .post(`/api/approvals/${pending.id}/decision`)
      .send({ decision: 'approved', comment: 'ok' })
      .expect((res) => {
        if (res.status >= 300) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
      });
    view = await state(rep, id);
    expect(view.approvals[0]?.levelIndex).toBe(1);
    const director = await h.agent('director');
    const second = await eventuallyFor(h, id, async () => {
      const items = ((await approvalsFor(director)).items ?? []) as { id: string; status: string }[];
      return items.find((a) => a.status === 'pending');
    });
    const rejectNoComment = await director
      .post(`/api/approvals/${second.id}/decision`)
      .send({ decision: 'rejected' });
    expect(rejectNoComment.status).toBe(422);
    await director
      .post(`/api/approvals/${second.id}/decision`)
      .send({ decision: 'rejected', comment: 'Too much' })
      .expect(200);
    expect(await stageOf(id)).toBe('negotiation');
    const decided = (await director.get('/api/approvals?status=decided').expect(200)).body.items as {
      id: string;
      status: string;
      decision: { comment: string | null } | null;
    }[];
    expect(decided.find((a) => a.id === second.id)).toMatchObject({
      status: 'rejected',
      decision: { comment: 'Too much' },
    });

    await patch(id, { discount: 5 });
    expect((await move(rep, id, 'closed_won')).status).toBe(200);
    view = await state(rep, id);
    expect(view.status).toBe('completed');
    expect(view.outcome).toBe('won');
    // The won stage's actions reach PostgreSQL and the SMTP server after the Update has answered.
    await eventuallyFor(h, id, async () =>
      (await mirroredStage(h.platform.db, id))?.stage === 'closed_won' ? true : undefined,
    );
    expect(await stageHistory(h.platform.db, id)).toEqual([
      'qualification',
      'needs_analysis',
      'proposal',
      'negotiation',
      'negotiation',
      'closed_won',
    ]);
    const deal = await h.platform.services.records.get(h.t.actors.rep, 'deal', id);
    await eventuallyFor(h, id, async () => {
      const account = await h.platform.services.records.get(
        h.t.actors.rep,
        'account',
        deal.data.account as string,
      );
      return account.data.customer_status === 'customer' ? true : undefined;
    });
    await eventuallyFor(h, id, async () =>
      h.smtp.mailbox.list().filter((m) => m.to.includes(buyer)).length >= 2 ? true : undefined,
    );
    expect((await sendsOf(h.platform.db, h.smtp.mailbox, [id])).notOnce).toEqual([]);

    const lostId = await newDeal('Pipeline lost', 'buyer3@example.test');
    await eventually(async () =>
      (await rep.get(`/api/records/deal/${lostId}/process`)).status === 200 ? true : undefined,
    );
    const lostBlocked = await move(rep, lostId, 'closed_lost');
    expect(lostBlocked.status).toBe(422);
    await patch(lostId, { lost_reason: 'price' });
    expect((await move(rep, lostId, 'closed_lost')).status).toBe(200);
    expect((await state(rep, lostId)).outcome).toBe('lost');
    await eventuallyFor(h, lostId, async () =>
      (await mirroredStage(h.platform.db, lostId))?.stage === 'closed_lost' ? true : undefined,
    );
  });

  it('escalates an approval whose deadline passed to the next approver, who then decides', async () => {
    const id = await newDeal('Escalated', 'buyer5@example.test');
    await eventually(async () =>
      (await rep.get(`/api/records/deal/${id}/process`)).status === 200 ? true : undefined,
    );
    await toNegotiation(id, 'buyer5@example.test');
    expect((await move(rep, id, 'negotiation')).status).toBe(200);
    // 15 %: only the manager level applies; nobody decides before its (scaled) deadline.
    await patch(id, { discount: 15, expected_close_date: '2026-12-31' });
    expect((await move(rep, id, 'closed_won')).status).toBe(200);
    const director = await h.agent('director');
    const escalated = await eventuallyFor(h, id, async () => {
      const items = (await director.get('/api/approvals').expect(200)).body.items as {
        id: string;
        recordId?: string;
        status: string;
      }[];
      return items.find((a) => a.status === 'pending');
    });
    const log = (await state(rep, id)) as StateView & { log: { kind: string }[] };
    expect(log.log.map((entry) => entry.kind)).toContain('approvalEscalated');
    await director
      .post(`/api/approvals/${escalated.id}/decision`)
      .send({ decision: 'approved', comment: 'Escalated to me' })
      .expect(200);
    const view = await state(rep, id);
    expect(view.status).toBe('completed');
    expect(view.outcome).toBe('won');
  });

  it('parks on a step that fails, refuses actions meanwhile, and goes on when an admin retries it', async () => {
    const buyer = 'buyer6@example.test';
    const id = await newDeal('Parked', buyer);
    await eventually(async () =>
      (await rep.get(`/api/records/deal/${id}/process`)).status === 200 ? true : undefined,
    );
    // No amount: the proposal template quotes it, so the mail cannot be rendered.
    await walkToProposal(rep, id);
    type Parked = StateView & { failedSteps: { key: string; type: string; error: string }[] };
    const failed = await eventuallyFor(h, id, async () => (await state(rep, id)) as Parked, 30000).then(
      async () => eventuallyFor(h, id, async () => ((await state(rep, id)) as Parked).failedSteps[0], 30000),
    );
    expect(failed.type).toBe('sendMail');
    expect(failed.error).toMatch(/amount/);

    const refused = await move(rep, id, 'needs_analysis');
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].rule).toBe('stepFailed');

    await patch(id, { amount: { amount: 40000, currency: 'EUR' } });
    const admin = await h.agent('admin');
    // The administrator's list of stuck automation shows the parked step; a rep may not see it.
    type Problems = {
      failedSteps: { record: { id: string; title: string }; stepKey: string; step: string; error: string }[];
    };
    const parked = async () =>
      ((await admin.get('/api/automation/problems').expect(200)).body as Problems).failedSteps.filter(
        (step) => step.record.id === id,
      );
    expect(await parked()).toEqual([
      expect.objectContaining({
        record: { id, entity: 'deal', title: 'Parked' },
        stepKey: failed.key,
        step: 'sendMail',
        processKey: 'deal_pipeline',
        processLabel: expect.any(String),
        error: expect.stringMatching(/amount/),
      }),
    ]);
    await rep.get('/api/automation/problems').expect(403);
    // Every administrator was told, once, with a link to the record; the rep was not.
    type Note = { message: string; recordId: string | null };
    const told = ((await admin.get('/api/notifications').expect(200)).body.items as Note[]).filter(
      (n) => n.recordId === id,
    );
    expect(told).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          /^Automation paused on Deal “Parked”: Send mail failed \(.*amount.*\)\. Retry or skip/,
        ),
      }),
    ]);
    expect(
      ((await rep.get('/api/notifications').expect(200)).body.items as Note[]).some((n) =>
        n.message.startsWith('Automation paused'),
      ),
    ).toBe(false);
    const workflowId = encodeURIComponent(`process:deal_pipeline:${id}`);
    const decide = (agent: Agent, stepKey: string, decision = 'retry') =>
      agent.post(`/api/processes/instances/${workflowId}/steps/${encodeURIComponent(stepKey)}/${decision}`);
    await decide(rep, failed.key).expect(403);
    // Only a parked step takes a decision (one kept for later would settle a future failure unasked).
    expect((await decide(admin, 'send_nothing', 'skip').expect(409)).body.detail).toMatch(/not waiting/);
    await decide(admin, failed.key).expect(202);
    await eventuallyFor(h, id, async () => h.smtp.mailbox.list().find((m) => m.to.includes(buyer)));
    expect(((await state(rep, id)) as Parked).failedSteps).toEqual([]);
    await decide(admin, failed.key).expect(409);
    await eventuallyFor(h, id, async () => ((await parked()).length === 0 ? true : undefined));
    const history = (await rep.get(`/api/records/deal/${id}/automation`).expect(200)).body.items as {
      status: string;
    }[];
    expect(history.map((entry) => entry.status)).toEqual(expect.arrayContaining(['failed', 'retried']));
    // Actions are judged on their merits again: leaving Proposal still needs its own fields.
    const unparked = await move(rep, id, 'needs_analysis');
    expect(unparked.status).toBe(422);
    expect(unparked.body.errors.map((e: { field?: string }) => e.field)).toEqual(['primary_product']);
  });

  it('keeps checklist ticks in the instance, refuses unknown items and counts the ticks for the move', async () => {
    const id = await newDeal('Pipeline ticks', 'ticks@example.test');
    await eventually(async () =>
      (await rep.get(`/api/records/deal/${id}/process`)).status === 200 ? true : undefined,
    );
    const tick = (itemId: string, checked: boolean) =>
      rep.put(`/api/records/deal/${id}/process/checklist/${itemId}`).send({ checked });

    const unknown = await tick('terms_agreed', true);
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ rule: 'unknownChecklistItem' })]);
    expect((await tick('contact_linked', 'yes' as unknown as boolean)).status).toBe(400);
    expect((await rep.put(`/api/records/deal/${id}/process/checklist/contact_linked`).send({})).status).toBe(
      400,
    );
    const other = await h.agent('otherRep');
    expect(
      (await other.put(`/api/records/deal/${id}/process/checklist/contact_linked`).send({ checked: true }))
        .status,
    ).toBe(404);

    for (const item of ['contact_linked', 'duplicates_checked', 'first_call'])
      expect((await tick(item, true)).status).toBe(200);
    const after = await tick('first_call', false);
    expect(after.body.checklist).toEqual({ qualification: ['contact_linked', 'duplicates_checked'] });
    // Kept by the instance: the state query answers them, and a move reporting ticks counts them.
    expect((await rep.get(`/api/records/deal/${id}/process`).expect(200)).body.checklist).toEqual({
      qualification: ['contact_linked', 'duplicates_checked'],
    });
    await h.platform.services.records.update(
      h.t.actors.rep,
      'account',
      (await h.platform.services.records.get(h.t.actors.rep, 'deal', id)).data.account as string,
      { offices_count: 3, equipment_in_use: ['erp'] },
    );
    const blocked = await rep
      .post(`/api/records/deal/${id}/process/move`)
      .send({ to: 'needs_analysis', checkedItems: [] });
    expect(blocked.status).toBe(422);
    expect(blocked.body.errors.map((e: { rule: string }) => e.rule)).toEqual(['checklistItem']);
    expect((await tick('segment_parameters', true)).status).toBe(200);
    const moved = await rep
      .post(`/api/records/deal/${id}/process/move`)
      .send({ to: 'needs_analysis', checkedItems: [] });
    expect(moved.status).toBe(200);
    // The move answers the state right after it (no second query): the new stage, no ticks yet.
    expect(moved.body.currentStage.nodeId).toBe('needs_analysis');
    expect(moved.body.checklist.needs_analysis).toBeUndefined();
  });

  it('rejects malformed and unauthorised actions with a reason and never fails a workflow task', async () => {
    const id = await newDeal('Bad input', 'buyer4@example.test');
    await eventually(async () =>
      (await rep.get(`/api/records/deal/${id}/process`)).status === 200 ? true : undefined,
    );
    expect((await rep.post(`/api/records/deal/${id}/process/move`).send({ to: 42 })).status).toBe(400);
    const unknown = await move(rep, id, 'no_such_stage');
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].message).toEqual(expect.any(String));
    const otherRep = await h.agent('otherRep');
    expect((await move(otherRep, id, 'needs_analysis')).status).toBe(404);
    // Straight to Temporal with a malformed payload: rejected by the validator, the workflow runs on.
    const handle = h.temporal.client.workflow.getHandle(`process:deal_pipeline:${id}`);
    await expect(handle.executeUpdate('move', { args: [{ nonsense: true }] })).rejects.toThrow();
    const history = await handle.fetchHistory();
    const failedTasks = (history.events ?? []).filter((e) => e.workflowTaskFailedEventAttributes);
    expect(failedTasks).toHaveLength(0);
    expect((await state(rep, id)).status).toBe('running');
  });
});
