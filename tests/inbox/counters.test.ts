// GET /api/counters: the navigation's badges count exactly what the lists they open would show,
// per user, and follow the work as it is done.
import type { ApprovalView, TaskView } from '@crm/api';
import type { Assignee, WorkCounters } from '@crm/definitions';
import { discountApproval, qualificationTask } from '../support/process-requests';
import { queryDatabase } from '../support/test-database';
import type { TestPlatform, UserName } from '../support/test-platform';
import {
  dealOf,
  instanceOf,
  newKey,
  startInboxWorld,
  stopInboxWorld,
  type InboxWorld,
} from './inbox-support';

let t: TestPlatform;
let withGateway: InboxWorld['withGateway'];
let ports: InboxWorld['ports'];
let agents: InboxWorld['agents'];

const USERS = ['rep', 'teamRep', 'manager', 'otherManager', 'director', 'admin'] as const;

beforeAll(async () => {
  ({ t, withGateway, ports, agents } = await startInboxWorld(USERS));
});
afterAll(() => stopInboxWorld({ t, withGateway }));

const counters = async (name: UserName) =>
  (await agents[name].get('/api/counters').expect(200)).body as WorkCounters;
const listed = async <T>(name: UserName, path: string) =>
  (await agents[name].get(path).expect(200)).body.items as T[];

async function task(dealId: string, assignee: Assignee, dueAt?: number) {
  const key = newKey('task');
  await ports.tasks.create(qualificationTask(instanceOf(dealId), key, assignee, { dueAt }));
  return key;
}

const approval = (dealId: string) =>
  ports.approvals.request(discountApproval(instanceOf(dealId), newKey('approval')));

/** Every user's counters agree with the lists the badges open. */
async function expectCountersMatchLists(): Promise<void> {
  for (const name of USERS) {
    const got = await counters(name);
    const open = await listed<TaskView>(name, '/api/tasks?status=open');
    const overdue = await listed<TaskView>(name, '/api/tasks?status=overdue');
    expect({ user: name, tasks: got.tasks }).toEqual({
      user: name,
      tasks: { open: open.length, overdue: overdue.length },
    });
    const decides = t.actors[name].capabilities.has('approvals.decide');
    const pending = decides ? await listed<ApprovalView>(name, '/api/approvals?status=pending') : [];
    expect({ user: name, pending: got.approvals.pending }).toEqual({ user: name, pending: pending.length });
  }
}

describe('work counters', () => {
  it('start at zero and need a signed-in user', async () => {
    await t.anonymous().get('/api/counters').expect(401);
    expect(await counters('rep')).toEqual({
      tasks: { open: 0, overdue: 0 },
      approvals: { pending: 0 },
      automationProblems: null,
    });
    expect(await counters('admin')).toMatchObject({ automationProblems: 0 });
  });

  it("count my tasks and my role's queue, overdue apart, and my approvals, as the lists show them", async () => {
    const deal = await dealOf(agents.rep, 'Counted deal');
    await task(deal.id, { type: 'owner' }, Date.now() - 3_600_000);
    await task(deal.id, { type: 'owner' }, Date.now() + 86_400_000);
    await task(deal.id, { type: 'role', role: 'manager' });
    await approval(deal.id);
    expect((await counters('rep')).tasks).toEqual({ open: 2, overdue: 1 });
    expect(await counters('manager')).toMatchObject({
      tasks: { open: 1, overdue: 0 },
      approvals: { pending: 1 },
    });
    // The role queue counts for every member; the approval only for the owner's manager.
    expect(await counters('otherManager')).toMatchObject({ tasks: { open: 1 }, approvals: { pending: 0 } });
    expect((await counters('teamRep')).tasks.open).toBe(0);
    await expectCountersMatchLists();
  });

  it('follow the work: a completed task and a deleted record leave the counts', async () => {
    const deal = await dealOf(agents.rep, 'Done deal');
    const key = await task(deal.id, { type: 'owner' }, Date.now() - 60_000);
    const before = await counters('rep');
    const id = (await listed<TaskView>('rep', '/api/tasks')).find((item) => item.title === `Task ${key}`)?.id;
    await agents.rep.post(`/api/tasks/${id}/complete`).expect(200);
    expect((await counters('rep')).tasks).toEqual({
      open: before.tasks.open - 1,
      overdue: before.tasks.overdue - 1,
    });

    const gone = await dealOf(agents.rep, 'Deleted deal');
    await task(gone.id, { type: 'owner' });
    await approval(gone.id);
    const withGone = await counters('manager');
    await agents.admin.delete(`/api/records/deal/${gone.id}`).expect(204);
    expect((await counters('manager')).approvals.pending).toBe(withGone.approvals.pending - 1);
    await expectCountersMatchLists();
  });

  it('count automation problems for administrators only: failed owed starts and parked steps', async () => {
    const deal = await dealOf(agents.rep, 'Stuck deal');
    const automation = t.platform.services.automation;
    const step = {
      recordId: deal.id,
      entity: 'deal',
      workflowId: `deal_pipeline:${deal.id}`,
      processKey: 'deal_pipeline',
      processVersion: 1,
      step: 'sendMail',
      at: new Date(),
    };
    await automation.record({ ...step, key: 'cmd:mail:1:failed:1', status: 'failed', error: 'SMTP down' });
    await automation.record({ ...step, key: 'cmd:mail:2:failed:1', status: 'failed', error: 'SMTP down' });
    expect((await counters('admin')).automationProblems).toBe(2);
    // A skipped round is no longer parked; a retried one neither (until it fails again).
    await automation.record({ ...step, key: 'cmd:mail:1:skipped:1', status: 'skipped' });
    expect((await counters('admin')).automationProblems).toBe(1);

    // An owed start counts once a try failed: before that it is a create in flight.
    await queryDatabase(
      t.database.url,
      `INSERT INTO process_start_outbox (record_id, process_key, actor_id) VALUES ($1, 'deal_pipeline', $2)`,
      [deal.id, t.users.rep.id],
    );
    expect((await counters('admin')).automationProblems).toBe(1);
    await queryDatabase(t.database.url, `UPDATE process_start_outbox SET attempts = 1 WHERE record_id = $1`, [
      deal.id,
    ]);
    expect((await counters('admin')).automationProblems).toBe(2);
    const problems = (await agents.admin.get('/api/automation/problems').expect(200)).body as {
      owedStarts: unknown[];
      failedSteps: unknown[];
    };
    expect(problems.owedStarts.length + problems.failedSteps.length).toBe(2);

    for (const name of ['rep', 'manager', 'director'] as const)
      expect((await counters(name)).automationProblems).toBeNull();
  });
});
