import type { TaskView } from '@crm/api';
import type { Assignee } from '@crm/definitions';
import { qualificationTask } from '../support/process-requests';
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
    'teamRep',
    'otherRep',
    'manager',
    'otherManager',
    'director',
    'admin',
  ]));
});
afterAll(() => stopInboxWorld({ t, withGateway }));

async function processTask(
  dealId: string,
  assignee: Assignee,
  options: { blocking?: boolean; dueAt?: number } = {},
) {
  const key = newKey('task');
  await ports.tasks.create(qualificationTask(instanceOf(dealId), key, assignee, options));
  return key;
}

const myTasks = async (name: UserName, status = 'open', mine = true) =>
  (await agents[name].get(`/api/tasks?status=${status}&mine=${mine}`).expect(200)).body.items as TaskView[];
const titles = (items: TaskView[]) => items.map((item) => item.title);

describe('my tasks', () => {
  it("lists my tasks and my role's queue; overdue is open past due", async () => {
    const deal = await dealOf(agents.rep, 'My tasks deal');
    const own = await processTask(deal.id, { type: 'owner' }, { dueAt: Date.now() - 3_600_000 });
    const queue = await processTask(deal.id, { type: 'role', role: 'manager' });
    const later = await processTask(deal.id, { type: 'owner' }, { dueAt: Date.now() + 86_400_000 });
    const repOpen = await myTasks('rep');
    expect(titles(repOpen)).toEqual(expect.arrayContaining([`Task ${own}`, `Task ${later}`]));
    expect(titles(repOpen)).not.toContain(`Task ${queue}`);
    const overdue = await myTasks('rep', 'overdue');
    expect(titles(overdue)).toContain(`Task ${own}`);
    expect(titles(overdue)).not.toContain(`Task ${later}`);
    expect(overdue.find((item) => item.title === `Task ${own}`)).toMatchObject({
      overdue: true,
      record: { id: deal.id, entity: 'deal', title: 'My tasks deal' },
      assignee: { userId: t.users.rep.id, userName: 'rep' },
    });
    // The role queue is visible to every member of the role, even one who cannot see the record.
    expect(titles(await myTasks('manager'))).toContain(`Task ${queue}`);
    expect(titles(await myTasks('otherManager'))).toContain(`Task ${queue}`);
    expect(titles(await myTasks('teamRep'))).not.toContain(`Task ${own}`);
    // mine=false adds the tasks on records the user can see (the manager's team).
    expect(titles(await myTasks('manager', 'open', false))).toContain(`Task ${own}`);
    expect(titles(await myTasks('otherManager', 'open', false))).not.toContain(`Task ${own}`);
    await agents.rep.get('/api/tasks?status=late').expect(400);
  });

  it('completes a plain task directly; only the assignee, a role member or an admin may', async () => {
    const deal = await dealOf(agents.rep, 'Complete deal');
    const key = await processTask(deal.id, { type: 'owner' });
    const id = (await myTasks('rep')).find((item) => item.title === `Task ${key}`)?.id;
    await agents.otherRep.post(`/api/tasks/${id}/complete`).expect(404); // cannot see the record
    await agents.manager.post(`/api/tasks/${id}/complete`).expect(403); // sees it, is not the assignee
    const done = await agents.rep.post(`/api/tasks/${id}/complete`).expect(200);
    expect(done.body).toMatchObject({ status: 'done', completedBy: t.users.rep.id, overdue: false });
    expect(gateway.calls.filter((call) => call.key.recordId === deal.id)).toHaveLength(0);
    expect(titles(await myTasks('rep', 'done'))).toContain(`Task ${key}`);
    expect(titles(await myTasks('rep'))).not.toContain(`Task ${key}`);
    await agents.rep.post(`/api/tasks/${id}/complete`).expect(409);
    const queued = await processTask(deal.id, { type: 'role', role: 'director' });
    const queuedId = (await myTasks('director')).find((item) => item.title === `Task ${queued}`)?.id;
    await agents.admin.post(`/api/tasks/${queuedId}/complete`).expect(200);
  });

  it('sends a blocking process task to the process before marking it done', async () => {
    const deal = await dealOf(agents.rep, 'Blocking deal');
    const key = await processTask(deal.id, { type: 'ownerManager' }, { blocking: true });
    const id = (await myTasks('manager')).find((item) => item.title === `Task ${key}`)?.id;
    const res = await agents.manager.post(`/api/tasks/${id}/complete`).expect(200);
    expect(res.body).toMatchObject({ status: 'done', blocking: true });
    expect(gateway.calls.at(-1)).toEqual({
      method: 'completeTask',
      actorId: t.users.manager.id,
      key: { processKey: 'deal_pipeline', recordId: deal.id },
      args: { taskId: key },
    });
    const unconfigured = await t.agent('manager'); // the platform's own app has no gateway
    const other = await processTask(deal.id, { type: 'ownerManager' }, { blocking: true });
    const otherId = (await myTasks('manager')).find((item) => item.title === `Task ${other}`)?.id;
    await unconfigured.post(`/api/tasks/${otherId}/complete`).expect(503);
    expect(titles(await myTasks('manager'))).toContain(`Task ${other}`);
  });
});

describe('tasks of a record', () => {
  it('lists them for whoever sees the record, 404 otherwise; reps add manual tasks', async () => {
    const deal = await dealOf(agents.rep, 'Record tasks deal');
    const key = await processTask(deal.id, { type: 'owner' });
    const created = await agents.rep
      .post(`/api/records/deal/${deal.id}/tasks`)
      .send({ title: 'Prepare the demo', dueAt: '2030-02-01T10:00:00Z' })
      .expect(201);
    expect(created.body).toMatchObject({
      title: 'Prepare the demo',
      status: 'open',
      blocking: false,
      assignee: { userId: t.users.rep.id },
      dueAt: '2030-02-01T10:00:00.000Z',
    });
    const list = (await agents.rep.get(`/api/records/deal/${deal.id}/tasks`).expect(200)).body
      .items as TaskView[];
    expect(titles(list).sort()).toEqual(['Prepare the demo', `Task ${key}`].sort());
    await agents.manager.get(`/api/records/deal/${deal.id}/tasks`).expect(200);
    await agents.otherRep.get(`/api/records/deal/${deal.id}/tasks`).expect(404);
    await agents.otherRep.post(`/api/records/deal/${deal.id}/tasks`).send({ title: 'Sneaky' }).expect(404);
    await agents.rep.post(`/api/records/deal/${deal.id}/tasks`).send({ title: '' }).expect(422);
    await agents.rep.post(`/api/records/deal/${deal.id}/tasks`).send({ title: 'x', owner: 'me' }).expect(400);
    const audit = (await agents.rep.get(`/api/records/deal/${deal.id}/audit`).expect(200)).body.items as {
      action: string;
    }[];
    expect(audit.map((entry) => entry.action)).toEqual(expect.arrayContaining(['task.create']));
  });
});
