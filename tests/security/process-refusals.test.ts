import request from 'supertest';
import { queryDatabase } from '../support/test-database';
import {
  createTestPlatform,
  PASSWORD,
  type Agent,
  type TestPlatform,
  type UserName,
} from '../support/test-platform';
import { ProcessFixtures } from './matrix-fixtures';
import { appWithRefusingEngine, REASONS } from './refusing-gateway';

let t: TestPlatform;
let engine: ReturnType<typeof appWithRefusingEngine>;
let fixtures: ProcessFixtures;

beforeAll(async () => {
  t = await createTestPlatform();
  engine = appWithRefusingEngine(t);
  fixtures = new ProcessFixtures(t);
}, 120_000);
afterAll(async () => {
  await engine?.close();
  await t?.close();
});

async function signIn(name: UserName): Promise<Agent> {
  const agent = request.agent(engine.app);
  await agent.post('/api/auth/login').send({ email: t.users[name].email, password: PASSWORD }).expect(200);
  return agent;
}

const expectRefusal = (res: request.Response, status: 403 | 422) => {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, detail: 'The process refused.', errors: REASONS });
};

describe('a process refusing a user action', () => {
  it('is a 422 with the reasons where the route does not convert it itself (manual start)', async () => {
    const dealId = await fixtures.deal('rep');
    const res = await (
      await signIn('admin')
    )
      .post('/api/processes/deal_pipeline/start')
      .send({ recordId: dealId });
    expectRefusal(res, 422);
  });

  it('is a 403 with the reasons when the refusal says the actor may not act (step repair)', async () => {
    const dealId = await fixtures.deal('rep');
    const res = await (
      await signIn('admin')
    ).post(`/api/processes/instances/process:deal_pipeline:${dealId}/steps/send_mail/skip`);
    expectRefusal(res, 403);
  });

  it('still maps through the routes that forward actions themselves, and changes nothing', async () => {
    const { id } = await fixtures.approval('rep', { type: 'ownerManager' });
    const manager = await signIn('manager');
    expectRefusal(await manager.post(`/api/approvals/${id}/decision`).send({ decision: 'approved' }), 422);
    expectRefusal(
      await manager.post(`/api/approvals/${id}/delegate`).send({ toUserId: t.users.director.id }),
      403,
    );
    const [row] = await queryDatabase(
      t.database.url,
      'SELECT status, delegate_id FROM approvals WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ status: 'pending', delegate_id: null });
  });

  it('leaves a blocking task open when its completion is refused', async () => {
    const taskId = await fixtures.task('rep', true);
    expectRefusal(await (await signIn('rep')).post(`/api/tasks/${taskId}/complete`), 422);
    const [row] = await queryDatabase(t.database.url, 'SELECT status FROM tasks WHERE id = $1', [taskId]);
    expect(row).toEqual({ status: 'open' });
  });

  it('refuses a move with the reasons', async () => {
    const dealId = await fixtures.deal('rep');
    const res = await (
      await signIn('rep')
    )
      .post(`/api/records/deal/${dealId}/process/move`)
      .send({ to: 'needs_analysis' });
    expectRefusal(res, 422);
  });
});

describe('without a process engine', () => {
  it('answers 503 to the assignee of a blocking task, which stays open', async () => {
    const taskId = await fixtures.task('rep', true);
    const res = await (await t.agent('rep')).post(`/api/tasks/${taskId}/complete`);
    expect(res.status).toBe(503);
    const [row] = await queryDatabase(t.database.url, 'SELECT status FROM tasks WHERE id = $1', [taskId]);
    expect(row).toEqual({ status: 'open' });
  });

  it("lists a rep's pending approval in the manager's inbox only, and a rep's task in the rep's", async () => {
    const { id } = await fixtures.approval('rep', { type: 'ownerManager' });
    const inbox = async (name: UserName) =>
      (
        (await (await t.agent(name)).get('/api/approvals').expect(200)).body.items as {
          id: string;
          canDecide: boolean;
        }[]
      ).filter((item) => item.id === id);
    expect(await inbox('manager')).toEqual([expect.objectContaining({ id, canDecide: true })]);
    expect(await inbox('otherManager')).toEqual([]);
    expect(await inbox('director')).toEqual([]);
    const taskId = await fixtures.task('rep');
    const tasks = async (name: UserName) =>
      ((await (await t.agent(name)).get('/api/tasks').expect(200)).body.items as { id: string }[]).map(
        (x) => x.id,
      );
    expect(await tasks('rep')).toContain(taskId);
    expect(await tasks('teamRep')).not.toContain(taskId);
  });
});
