import { createProcessPorts, loadProcessRecordView } from '@crm/api';
import { createActivities } from '@crm/workflows';
import { queryDatabase } from '../support/test-database';
import { createTestPlatform, type Agent, type TestPlatform } from '../support/test-platform';
import { dealOf, instanceOf, newKey, portsOf } from './inbox-support';

let t: TestPlatform;
let rep: Agent;
let ports: ReturnType<typeof portsOf>;

beforeAll(async () => {
  t = await createTestPlatform();
  rep = await t.agent('rep');
  ports = portsOf(t);
});
afterAll(async () => {
  await t?.close();
});

const db = <T extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
  queryDatabase<T>(t.database.url, text, params);

describe('TaskPort: tasks the process creates', () => {
  const task = (
    recordId: string,
    assignee: Parameters<typeof ports.tasks.create>[0]['assignee'],
    key = newKey('task'),
  ) => ({
    instance: instanceOf(recordId),
    key,
    taskId: key,
    nodeId: 'qualification',
    title: 'Call the client',
    assignee,
    dueAt: Date.parse('2030-01-01T09:00:00Z'),
    blocking: false,
  });

  it('is idempotent by key: a replayed create writes one task', async () => {
    const deal = await dealOf(rep, 'Idempotent task deal');
    const input = task(deal.id, { type: 'owner' });
    await ports.tasks.create(input);
    await ports.tasks.create(input);
    const rows = await db<{ n: number }>('SELECT count(*)::int AS n FROM tasks WHERE record_id = $1', [
      deal.id,
    ]);
    expect(rows[0]?.n).toBe(1);
  });

  it.each([
    ['owner', { type: 'owner' } as const, 'rep', null],
    ['ownerManager', { type: 'ownerManager' } as const, 'manager', null],
    ['role', { type: 'role', role: 'director' } as const, null, 'director'],
  ])('resolves a %s assignee', async (_kind, assignee, user, role) => {
    const deal = await dealOf(rep, `Assignee ${_kind} deal`);
    const input = task(deal.id, assignee);
    await ports.tasks.create(input);
    const [row] = await db<{ assignee_id: string | null; assignee_role: string | null; process_key: string }>(
      'SELECT assignee_id, assignee_role, process_key FROM tasks WHERE idempotency_key = $1',
      [input.key],
    );
    expect(row).toEqual({
      assignee_id: user === null ? null : t.users[user as 'rep' | 'manager'].id,
      assignee_role: role,
      process_key: 'deal_pipeline',
    });
  });

  it('resolves a named user, and leaves a task unassigned when the spec finds nobody', async () => {
    const deal = await dealOf(rep, 'Named user deal');
    const named = task(deal.id, { type: 'user', userId: t.users.teamRep.id });
    await ports.tasks.create(named);
    const director = await t.agent('director');
    const directorsDeal = await dealOf(director, 'Director deal'); // the director has no manager
    const nobody = task(directorsDeal.id, { type: 'ownerManager' });
    await ports.tasks.create(nobody);
    const rows = await db<{
      idempotency_key: string;
      assignee_id: string | null;
      payload: { unassigned?: string };
    }>(
      'SELECT idempotency_key, assignee_id, payload FROM tasks WHERE idempotency_key = ANY($1) ORDER BY created_at',
      [[named.key, nobody.key]],
    );
    expect(rows.map((r) => r.assignee_id)).toEqual([t.users.teamRep.id, null]);
    expect(rows[1]?.payload.unassigned).toMatch(/no manager/);
  });

  it('cancels an open task (idempotently) and only that one', async () => {
    const deal = await dealOf(rep, 'Cancel deal');
    const keep = task(deal.id, { type: 'owner' });
    const drop = task(deal.id, { type: 'owner' });
    await ports.tasks.create(keep);
    await ports.tasks.create(drop);
    const cancel = { instance: instanceOf(deal.id), key: newKey('cancel'), taskId: drop.taskId };
    await ports.tasks.cancel(cancel);
    await ports.tasks.cancel(cancel);
    const rows = await db<{ step_key: string; status: string }>(
      'SELECT step_key, status FROM tasks WHERE record_id = $1 ORDER BY step_key',
      [deal.id],
    );
    expect(Object.fromEntries(rows.map((r) => [r.step_key, r.status]))).toEqual({
      [keep.taskId]: 'open',
      [drop.taskId]: 'cancelled',
    });
  });
});

describe('RecordPort: the record as the process sees it, and its writes', () => {
  it('loads data with system fields, the records behind every reference, and the owner manager', async () => {
    const deal = await dealOf(rep, 'Load deal', { amount: { amount: 5000, currency: 'EUR' } });
    const snapshot = await ports.records.load(instanceOf(deal.id));
    expect(snapshot.data).toMatchObject({
      name: 'Load deal',
      ownerId: t.users.rep.id,
      stage: null,
      amount: { amount: 5000, currency: 'EUR' },
    });
    expect(snapshot.ownerId).toBe(t.users.rep.id);
    expect(snapshot.ownerManagerId).toBe(t.users.manager.id);
    expect(snapshot.version).toBe(deal.version);
    expect(snapshot.related?.account).toMatchObject({ id: deal.accountId, name: 'Load deal account' });
  });

  it('sets fields, validated and audited with the process as the actor, once per key', async () => {
    const deal = await dealOf(rep, 'Update deal');
    const input = {
      instance: instanceOf(deal.id),
      key: newKey('update'),
      set: { next_step: 'Send the offer' },
    };
    await ports.records.update(input);
    await ports.records.update(input);
    const [row] = await db<{ data: Record<string, unknown>; version: number; updated_by: string | null }>(
      'SELECT data, version, updated_by FROM records WHERE id = $1',
      [deal.id],
    );
    expect(row).toMatchObject({ version: deal.version + 1, updated_by: null });
    expect(row?.data.next_step).toBe('Send the offer');
    const audit = await db<{ actor_id: string | null; after: Record<string, unknown> }>(
      "SELECT actor_id, after FROM audit_log WHERE subject_id = $1 AND action = 'record.update'",
      [deal.id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_id: null,
      after: { actor: 'process', processKey: 'deal_pipeline' },
    });
  });

  it('updates the record behind a reference field (target)', async () => {
    const deal = await dealOf(rep, 'Target deal');
    await ports.records.update({
      instance: instanceOf(deal.id),
      key: newKey('target'),
      target: 'account',
      set: { customer_status: 'customer', lifecycle: 'customer' },
    });
    const [account] = await db<{ data: Record<string, unknown> }>('SELECT data FROM records WHERE id = $1', [
      deal.accountId,
    ]);
    expect(account?.data).toMatchObject({ customer_status: 'customer', lifecycle: 'customer' });
  });

  it('refuses an invalid set and writes nothing, not even its key', async () => {
    const deal = await dealOf(rep, 'Invalid update deal');
    const key = newKey('invalid');
    await expect(
      ports.records.update({ instance: instanceOf(deal.id), key, set: { discount: 500 } }),
    ).rejects.toMatchObject({ status: 422, errors: [expect.objectContaining({ field: 'discount' })] });
    await expect(
      ports.records.update({ instance: instanceOf(deal.id), key: newKey('system'), set: { stage: 'won' } }),
    ).rejects.toMatchObject({ status: 422, errors: [expect.objectContaining({ rule: 'systemField' })] });
    await expect(
      ports.records.update({
        instance: instanceOf(deal.id),
        key: newKey('nowhere'),
        target: 'name',
        set: {},
      }),
    ).rejects.toMatchObject({ status: 422, errors: [expect.objectContaining({ rule: 'updateTarget' })] });
    const [row] = await db<{ version: number; discount: unknown }>(
      "SELECT version, data->'discount' AS discount FROM records WHERE id = $1",
      [deal.id],
    );
    expect(row).toEqual({ version: deal.version, discount: null });
    const keys = await db('SELECT 1 FROM process_record_updates WHERE idempotency_key = $1', [key]);
    expect(keys).toHaveLength(0);
  });
});

describe('The record snapshot an action or a start carries to the process', () => {
  it('is the same whichever way it is read: by id, from a create, or in one statement by entity', async () => {
    const deal = await dealOf(rep, 'Snapshot deal', { amount: { amount: 7000, currency: 'EUR' } });
    const resolve = t.platform.services.resolveEntity;
    const plain = await loadProcessRecordView(t.platform.db, resolve, deal.id);
    const known = await loadProcessRecordView(t.platform.db, resolve, deal.id, {
      known: { id: deal.id, entity: 'deal', data: plain.view.data, ownerId: t.users.rep.id, stage: null },
    });
    const whole = await loadProcessRecordView(t.platform.db, resolve, deal.id, { entity: 'deal' });
    expect(plain.view.related?.account).toMatchObject({ id: deal.accountId, name: 'Snapshot deal account' });
    expect(plain.view.ownerManagerId).toBe(t.users.manager.id);
    expect(known).toEqual(plain);
    expect(whole).toEqual(plain);
    // The one-statement read names the entity: a record of another entity is not found.
    await expect(
      loadProcessRecordView(t.platform.db, resolve, deal.id, { entity: 'account' }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe('StagePort', () => {
  it('delegates to the stage mirror: stage on the record, one history row per key', async () => {
    const deal = await dealOf(rep, 'Stage deal');
    const input = {
      instance: instanceOf(deal.id),
      key: newKey('stage'),
      nodeId: 'qualification',
      label: 'Qualification',
      probability: 10,
      at: Date.parse('2026-05-04T09:00:00Z'),
      by: null,
    };
    await ports.stages.enterStage(input);
    await ports.stages.enterStage(input);
    const history = await t.platform.services.processState.stageHistory(deal.id, 'deal_pipeline');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ toStage: 'qualification', idempotencyKey: input.key, actorId: null });
    expect((await rep.get(`/api/records/deal/${deal.id}`).expect(200)).body).toMatchObject({
      stage: 'qualification',
      status: 'open',
    });
  });
});

describe("A step's read-model effects commit together (runCommands)", () => {
  const activities = () =>
    createActivities({ ports: createProcessPorts({ db: t.platform.db, services: t.platform.services }) });
  const stepOf = (recordId: string, discount: number) => {
    const at = Date.parse('2026-05-04T09:00:00Z');
    return {
      instance: instanceOf(recordId),
      by: null,
      at,
      commands: [
        {
          command: {
            type: 'enterStage' as const,
            key: newKey('stage'),
            nodeId: 'qualification',
            label: 'Qualification',
            at,
          },
        },
        {
          command: {
            type: 'createTask' as const,
            key: newKey('task'),
            nodeId: 'qualification',
            taskId: newKey('task-id'),
            title: 'Qualify the deal',
            assignee: { type: 'owner' as const },
            blocking: false,
          },
        },
        {
          command: {
            type: 'updateRecord' as const,
            key: newKey('update'),
            nodeId: 'qualification',
            set: { discount },
          },
        },
      ],
    };
  };
  const written = async (recordId: string) => {
    const [row] = await db<{
      stays: number;
      tasks: number;
      steps: number;
      discount: unknown;
      stage: unknown;
    }>(
      `SELECT (SELECT count(*)::int FROM stage_history WHERE record_id = $1) AS stays,
              (SELECT count(*)::int FROM tasks WHERE record_id = $1) AS tasks,
              (SELECT count(*)::int FROM automation_log WHERE record_id = $1) AS steps,
              (SELECT data->'discount' FROM records WHERE id = $1) AS discount,
              (SELECT stage FROM records WHERE id = $1) AS stage`,
      [recordId],
    );
    return row;
  };

  it('writes the stage, the task, the update and their automation history in one go', async () => {
    const deal = await dealOf(rep, 'One-unit step deal');
    const step = stepOf(deal.id, 5);
    await activities().runCommands(step);
    await activities().runCommands(step); // a retried batch: every command is a no-op by its key
    expect(await written(deal.id)).toEqual({
      stays: 1,
      tasks: 1,
      steps: 3,
      discount: 5,
      stage: 'qualification',
    });
  });

  it('leaves nothing of the step behind when one of its commands fails', async () => {
    const deal = await dealOf(rep, 'Failing step deal');
    // A discount above the schema's maximum: the update is refused after the stage and task ran.
    await expect(activities().runCommands(stepOf(deal.id, 500))).rejects.toMatchObject({
      nonRetryable: true,
    });
    expect(await written(deal.id)).toEqual({ stays: 0, tasks: 0, steps: 0, discount: null, stage: null });
  });
});
