import {
  IdempotencyKeyReusedError,
  NotAStageNodeError,
  ProcessEntityMismatchError,
  ProcessNotFoundError,
  StageInputError,
  StageStatusMismatchError,
  StageTimeConflictError,
  UnknownNodeError,
  type EnterStageInput,
} from '@crm/api';
import { accountData, createRecord } from '../support/fixtures';
import { queryDatabase } from '../support/test-database';
import { createTestPlatform, type Agent, type TestPlatform } from '../support/test-platform';

const PROCESS = 'deal_pipeline';
const DAY = 86_400_000;
const t0 = new Date('2026-05-04T09:00:00.000Z');
const after = (days: number) => new Date(t0.getTime() + days * DAY);

let t: TestPlatform;
let rep: Agent;
let accountId: string;
let keys = 0;

beforeAll(async () => {
  t = await createTestPlatform();
  rep = await t.agent('rep');
  accountId = (await createRecord(rep, 'account', accountData({ name: 'Stage Mirror AG' }))).id;
});
afterAll(async () => {
  await t?.close();
});

const newDeal = async (name: string) => createRecord(rep, 'deal', { name, account: accountId });
const enter = (input: Omit<EnterStageInput, 'processKey' | 'idempotencyKey'> & { idempotencyKey?: string }) =>
  t.platform.services.processState.enterStage({
    processKey: PROCESS,
    idempotencyKey: `test-${(keys += 1)}`,
    ...input,
  });
const historyRows = (recordId: string) =>
  queryDatabase<{ n: number }>(
    t.database.url,
    'SELECT count(*)::int AS n FROM stage_history WHERE record_id = $1',
    [recordId],
  ).then((rows) => rows[0]?.n);

describe('stage mirror: the process writes stage and status into PostgreSQL', () => {
  it('mirrors stage and status onto the record, bumping its version', async () => {
    const deal = await newDeal('Mirror deal');
    const result = await enter({ recordId: deal.id, nodeId: 'qualification', at: t0 });
    expect(result.replayed).toBe(false);
    expect(result.record).toMatchObject({
      stage: 'qualification',
      status: 'open',
      version: deal.version + 1,
    });
    expect(result.entry).toMatchObject({
      processKey: PROCESS,
      processVersion: 1,
      fromStage: null,
      toStage: 'qualification',
      stageLabel: 'Qualification',
      status: 'open',
      actorId: null,
      ownerId: t.users.rep.id,
      enteredAt: t0.toISOString(),
      leftAt: null,
      durationMs: null,
    });
    const read = await rep.get(`/api/records/deal/${deal.id}`).expect(200);
    expect(read.body).toMatchObject({ stage: 'qualification', status: 'open' });
  });

  it('keeps a chain: each entry closes the open stay with its duration', async () => {
    const deal = await newDeal('Chain deal');
    const steps: [string, number][] = [
      ['qualification', 0],
      ['needs_analysis', 2],
      ['proposal', 5.5],
      ['needs_analysis', 6], // a loop back is a stay of its own
      ['proposal', 8],
      ['closed_won', 12],
    ];
    for (const [nodeId, day] of steps)
      await enter({ recordId: deal.id, nodeId, at: after(day), by: day === 0 ? null : t.users.rep.id });

    const history = await t.platform.services.processState.stageHistory(deal.id);
    expect(history.map((entry) => entry.toStage)).toEqual(steps.map(([nodeId]) => nodeId));
    history.forEach((entry, index) => {
      const nextEntry = history[index + 1];
      expect(entry.fromStage).toBe(history[index - 1]?.toStage ?? null);
      if (nextEntry === undefined) {
        expect(entry).toMatchObject({ leftAt: null, durationMs: null, status: 'won' });
      } else {
        expect(entry.leftAt).toBe(nextEntry.enteredAt);
        expect(entry.durationMs).toBe(Date.parse(nextEntry.enteredAt) - Date.parse(entry.enteredAt));
        expect(entry.status).toBe('open');
      }
    });
    expect(history[2]?.durationMs).toBe(0.5 * DAY);
    const [record] = await queryDatabase<{ stage: string; status: string; version: number }>(
      t.database.url,
      'SELECT stage, status, version FROM records WHERE id = $1',
      [deal.id],
    );
    expect(record).toEqual({ stage: 'closed_won', status: 'won', version: 1 + steps.length });
    expect(await t.platform.services.processState.stageHistory(deal.id, 'lead_qualification')).toEqual([]);
  });

  it('records a transition once per idempotency key, also when retried concurrently', async () => {
    const deal = await newDeal('Idempotent deal');
    const first = await enter({
      recordId: deal.id,
      nodeId: 'qualification',
      at: t0,
      idempotencyKey: 'wf-1:step-1',
    });
    const again = await enter({
      recordId: deal.id,
      nodeId: 'qualification',
      at: t0,
      idempotencyKey: 'wf-1:step-1',
    });
    expect(again.replayed).toBe(true);
    expect(again.entry).toEqual(first.entry);
    expect(again.record.version).toBe(first.record.version);

    const retries = await Promise.all(
      [1, 2, 3].map(() =>
        enter({ recordId: deal.id, nodeId: 'needs_analysis', at: after(1), idempotencyKey: 'wf-1:step-2' }),
      ),
    );
    expect(retries.filter((result) => !result.replayed)).toHaveLength(1);
    expect(await historyRows(deal.id)).toBe(2);

    await expect(
      enter({ recordId: deal.id, nodeId: 'proposal', at: after(2), idempotencyKey: 'wf-1:step-1' }),
    ).rejects.toThrow(IdempotencyKeyReusedError);
    const other = await newDeal('Other deal');
    await expect(
      enter({ recordId: other.id, nodeId: 'qualification', at: t0, idempotencyKey: 'wf-1:step-1' }),
    ).rejects.toThrow(IdempotencyKeyReusedError);
    expect(await historyRows(other.id)).toBe(0);
  });

  it('refuses what the process cannot do, with typed errors, writing nothing', async () => {
    const deal = await newDeal('Refused deal');
    await enter({ recordId: deal.id, nodeId: 'qualification', at: t0 });
    const refusals: [Partial<EnterStageInput>, new (...args: never[]) => Error][] = [
      [{ nodeId: 'no_such_stage' }, UnknownNodeError],
      [{ nodeId: 'discount_check' }, NotAStageNodeError], // a decision
      [{ nodeId: 'discount_approval' }, NotAStageNodeError], // an approval
      [{ nodeId: 'start' }, NotAStageNodeError],
      [{ processKey: 'lead_qualification', nodeId: 'contacted' }, ProcessEntityMismatchError],
      [{ processKey: 'no_such_process' }, ProcessNotFoundError],
      [{ processVersion: 99 }, ProcessNotFoundError],
      [{ nodeId: 'closed_won', status: 'lost' }, StageStatusMismatchError],
      [{ nodeId: 'needs_analysis', status: 'won' }, StageStatusMismatchError],
      [{ at: after(-1) }, StageTimeConflictError],
      [{ by: '00000000-0000-4000-8000-000000000000' }, StageInputError], // no such user
      [{ recordId: 'not-a-uuid' }, StageInputError],
      [{ idempotencyKey: '' }, StageInputError],
    ];
    for (const [override, errorClass] of refusals) {
      const attempt = enter({ recordId: deal.id, nodeId: 'needs_analysis', at: after(1), ...override });
      await expect(attempt).rejects.toThrow(errorClass);
    }
    const entity = await enter({ recordId: deal.id, nodeId: 'nope', at: after(1) }).catch((e: unknown) => e);
    expect(entity).toMatchObject({ status: 422, errors: [{ rule: 'unknownNode', nodeId: 'nope' }] });
    expect(await historyRows(deal.id)).toBe(1);
    const read = await rep.get(`/api/records/deal/${deal.id}`).expect(200);
    expect(read.body).toMatchObject({ stage: 'qualification', status: 'open', version: deal.version + 1 });
  });

  it('accepts a pinned process version and a closed status', async () => {
    const deal = await newDeal('Pinned deal');
    const result = await enter({
      recordId: deal.id,
      nodeId: 'proposal',
      processVersion: 1,
      status: 'closed',
    });
    expect(result.entry).toMatchObject({ processVersion: 1, status: 'closed' });
    expect(result.record).toMatchObject({ stage: 'proposal', status: 'closed' });
  });

  it('audits each change with the user, or "process" for automation', async () => {
    const deal = await newDeal('Audited deal');
    await enter({ recordId: deal.id, nodeId: 'qualification', at: t0, by: null });
    await enter({ recordId: deal.id, nodeId: 'needs_analysis', at: after(3), by: t.users.rep.id });
    const audit = await rep.get(`/api/records/deal/${deal.id}/audit`).expect(200);
    const entries = (audit.body.items ?? audit.body) as {
      action: string;
      actorId: string | null;
      before: unknown;
      after: Record<string, unknown>;
    }[];
    const stages = entries.filter((entry) => entry.action === 'record.stage');
    expect(stages).toHaveLength(2);
    expect(stages[0]).toMatchObject({
      actorId: null,
      before: { stage: null, status: 'active' },
      after: { stage: 'qualification', status: 'open', processKey: PROCESS, actor: 'process' },
    });
    expect(stages[1]).toMatchObject({
      actorId: t.users.rep.id,
      before: { stage: 'qualification' },
      after: { stage: 'needs_analysis', actor: t.users.rep.id, enteredAt: after(3).toISOString() },
    });
  });

  it('still refuses a client PATCH or POST that sets the stage', async () => {
    const deal = await newDeal('Client deal');
    await enter({ recordId: deal.id, nodeId: 'qualification', at: t0 });
    for (const body of [{ stage: 'closed_won', data: {} }, { data: { stage: 'closed_won' } }]) {
      const res = await rep.patch(`/api/records/deal/${deal.id}`).send(body);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'stage', rule: 'systemField' })]),
      );
    }
    const created = await rep
      .post('/api/records/deal')
      .send({ stage: 'proposal', data: { name: 'x', account: accountId } });
    expect(created.status).toBe(400);
    const read = await rep.get(`/api/records/deal/${deal.id}`).expect(200);
    expect(read.body.stage).toBe('qualification');
  });
});
