import { ProcessActionRejectedError, type ApprovalView } from '@crm/api';
import { discountApproval } from '../support/process-requests';
import { queryDatabase } from '../support/test-database';
import type { TestPlatform, UserName } from '../support/test-platform';
import {
  dealOf,
  instanceOf,
  newKey,
  type RecordingGateway,
  startInboxWorld,
  stopInboxWorld,
  type InboxWorld,
} from './inbox-support';

let t: TestPlatform;
let gateway: RecordingGateway;
let withGateway: InboxWorld['withGateway'];
let ports: InboxWorld['ports'];
let agents: InboxWorld['agents'];

beforeAll(async () => {
  ({ t, gateway, withGateway, ports, agents } = await startInboxWorld([
    'rep',
    'manager',
    'otherManager',
    'director',
    'admin',
  ]));
});
afterAll(() => stopInboxWorld({ t, withGateway }));

/** A rep's deal with a 30 % discount, and the manager level of its discount approval requested. */
async function requested(name: string, level: 0 | 1 = 0) {
  const deal = await dealOf(agents.rep, name, { amount: { amount: 80000, currency: 'EUR' }, discount: 30 });
  const approvalId = newKey('approval');
  await ports.approvals.request(
    discountApproval(instanceOf(deal.id), approvalId, {
      level,
      deadline: Date.parse('2030-01-01T12:00:00Z'),
    }),
  );
  return { deal, approvalId };
}

const inbox = async (name: UserName, status = 'pending') =>
  (await agents[name].get(`/api/approvals?status=${status}`).expect(200)).body.items as ApprovalView[];
const find = async (name: UserName, dealId: string, status = 'pending') =>
  (await inbox(name, status)).find((item) => item.record.id === dealId);

describe('approvals inbox', () => {
  it("shows a request to the owner's manager with the record's key facts, the rule and the level", async () => {
    const { deal } = await requested('Inbox deal');
    const item = await find('manager', deal.id);
    expect(item).toMatchObject({
      status: 'pending',
      nodeLabel: 'Discount approval',
      level: { index: 0, id: 'manager', label: 'Sales manager' },
      deadline: '2030-01-01T12:00:00.000Z',
      requireCommentOnReject: true,
      allowDelegation: true,
      canDecide: true,
      record: {
        entity: 'deal',
        title: 'Inbox deal',
        owner: { id: t.users.rep.id, name: 'rep' },
        facts: expect.arrayContaining([
          expect.objectContaining({ field: 'amount', value: { amount: 80000, currency: 'EUR' } }),
          expect.objectContaining({ field: 'discount', value: 30 }),
        ]),
      },
    });
    // Not passed by the process: read from the pinned definition (the decision edge into the node).
    expect(item?.reason).toMatch(/Discount/);
  });

  it("is not shown to another manager, nor to the rep, nor to a director for the manager's level", async () => {
    const { deal } = await requested('Hidden deal');
    expect(await find('otherManager', deal.id)).toBeUndefined();
    expect(await find('rep', deal.id)).toBeUndefined();
    expect(await find('director', deal.id)).toBeUndefined();
  });

  it('shows a role level to every member of the role', async () => {
    const { deal } = await requested('Role level deal', 1);
    expect(await find('director', deal.id)).toMatchObject({ level: { id: 'director' }, canDecide: true });
    expect(await find('manager', deal.id)).toBeUndefined();
  });

  it('is idempotent by key: a replayed request adds no second entry', async () => {
    const { deal, approvalId } = await requested('Replay deal');
    await ports.approvals.request(discountApproval(instanceOf(deal.id), approvalId));
    expect((await inbox('manager')).filter((item) => item.record.id === deal.id)).toHaveLength(1);
  });
});

describe('deciding', () => {
  it('refuses a user without approvals.decide (403), a non-eligible approver (403), an invisible one (404)', async () => {
    const { deal } = await requested('Refused deciders deal');
    const id = (await find('manager', deal.id))?.id;
    const body = { decision: 'approved' };
    await agents.rep.post(`/api/approvals/${id}/decision`).send(body).expect(403);
    await agents.director.post(`/api/approvals/${id}/decision`).send(body).expect(403);
    await agents.otherManager.post(`/api/approvals/${id}/decision`).send(body).expect(404);
    await agents.manager.post('/api/approvals/not-an-id/decision').send(body).expect(404);
    expect(gateway.calls).toHaveLength(0);
  });

  it('requires a comment to reject when the node says so (422), before asking the process', async () => {
    const { deal } = await requested('Comment deal');
    const id = (await find('manager', deal.id))?.id;
    const res = await agents.manager
      .post(`/api/approvals/${id}/decision`)
      .send({ decision: 'rejected' })
      .expect(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'comment', rule: 'commentRequired' })]);
    await agents.manager.post(`/api/approvals/${id}/decision`).send({ decision: 'maybe' }).expect(400);
    expect(gateway.calls.filter((call) => call.key.recordId === deal.id)).toHaveLength(0);
  });

  it('forwards the decision to the process; decided requests leave the inbox', async () => {
    const { deal, approvalId } = await requested('Approved deal');
    const id = (await find('manager', deal.id))?.id;
    const res = await agents.manager
      .post(`/api/approvals/${id}/decision`)
      .send({ decision: 'rejected', comment: 'Too much for this volume' })
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'rejected',
      decision: { by: t.users.manager.id, comment: 'Too much for this volume' },
    });
    expect(gateway.calls.at(-1)).toEqual({
      method: 'decideApproval',
      actorId: t.users.manager.id,
      key: { processKey: 'deal_pipeline', recordId: deal.id },
      args: {
        nodeId: 'discount_approval',
        levelIndex: 0,
        decision: 'rejected',
        comment: 'Too much for this volume',
      },
    });
    expect(await find('manager', deal.id)).toBeUndefined();
    expect(await find('manager', deal.id, 'decided')).toMatchObject({ status: 'rejected', canDecide: false });
    await agents.manager.post(`/api/approvals/${id}/decision`).send({ decision: 'approved' }).expect(409);
    // The process's own close, moments later, keeps the decision and its author.
    await ports.approvals.close({
      instance: instanceOf(deal.id),
      key: newKey('close'),
      approvalId,
      result: 'rejected',
    });
    const rows = await queryDatabase<{ status: string; decided_by: string }>(
      t.database.url,
      'SELECT status, decided_by FROM approvals WHERE id = $1',
      [id],
    );
    expect(rows).toEqual([{ status: 'rejected', decided_by: t.users.manager.id }]);
    const timeline = (await agents.rep.get(`/api/records/deal/${deal.id}/approvals`).expect(200)).body.items;
    expect(timeline).toEqual([expect.objectContaining({ id, status: 'rejected' })]);
  });

  it("maps the process validator's refusal to 422 (and 403 for a non-approver)", async () => {
    const { deal } = await requested('Process refuses deal');
    const id = (await find('manager', deal.id))?.id;
    gateway.refuseNext = new ProcessActionRejectedError('Nothing to decide here.', [
      { rule: 'noPendingApproval', message: 'There is no approval waiting for a decision here.' },
    ]);
    const refused = await agents.manager.post(`/api/approvals/${id}/decision`).send({ decision: 'approved' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ rule: 'noPendingApproval' })]);
    gateway.refuseNext = new ProcessActionRejectedError(
      'Not yours.',
      [{ rule: 'notApprover', message: 'No.' }],
      true,
    );
    await agents.manager.post(`/api/approvals/${id}/decision`).send({ decision: 'approved' }).expect(403);
    expect(await find('manager', deal.id)).toMatchObject({ status: 'pending' });
  });

  it('answers 503 when the app has no process gateway', async () => {
    const { deal } = await requested('No engine deal');
    const manager = await t.agent('manager'); // the platform's own app, built without a gateway
    const id = (await find('manager', deal.id))?.id;
    const res = await manager
      .post(`/api/approvals/${id}/decision`)
      .send({ decision: 'approved' })
      .expect(503);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(await find('manager', deal.id)).toMatchObject({ status: 'pending' });
  });

  it('delegates: the delegate sees and may decide the request', async () => {
    const { deal } = await requested('Delegated deal');
    const id = (await find('manager', deal.id))?.id;
    await agents.manager.post(`/api/approvals/${id}/delegate`).send({ toUserId: 'nobody' }).expect(422);
    // A delegate must be allowed to decide and to see the record: never a rep of another team.
    const refused = await agents.manager
      .post(`/api/approvals/${id}/delegate`)
      .send({ toUserId: t.users.otherRep.id })
      .expect(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ rule: 'invalidDelegate' })]);
    await agents.manager
      .post(`/api/approvals/${id}/delegate`)
      .send({ toUserId: t.users.director.id })
      .expect(200);
    expect(gateway.calls.at(-1)).toMatchObject({
      method: 'delegateApproval',
      args: { nodeId: 'discount_approval', levelIndex: 0, toUserId: t.users.director.id },
    });
    expect(await find('director', deal.id)).toMatchObject({ delegate: { userId: t.users.director.id } });
    await agents.director.post(`/api/approvals/${id}/decision`).send({ decision: 'approved' }).expect(200);
    expect(await find('manager', deal.id)).toBeUndefined();
  });

  it('a cancelled request leaves the inbox; the record page of an invisible record is 404', async () => {
    const { deal, approvalId } = await requested('Cancelled deal');
    await ports.approvals.close({
      instance: instanceOf(deal.id),
      key: newKey('close'),
      approvalId,
      result: 'cancelled',
    });
    expect(await find('manager', deal.id)).toBeUndefined();
    await agents.otherManager.get(`/api/records/deal/${deal.id}/approvals`).expect(404);
  });
});
