// Process starts are never lost: a record created while the Temporal server is down is saved at
// once, owes its process start in the process start outbox (written by the statement that inserts
// the record), and the start runs when the engine is back. Real PostgreSQL, a real (file-backed,
// restarted) Temporal dev server and a worker in a process of its own.
import type { ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { accountData, createRecord } from '../support/fixtures';
import type { Agent } from '../support/test-platform';
import { eventually, startEngine, type EngineHarness } from './engine-harness';
import { mirroredStage } from './engine-probes';
import { startRestartableTemporal, type RestartableTemporal } from './restartable-temporal';
import { kill, startChild, stop } from './worker-process';

jest.setTimeout(180000);

describe('process start outbox', () => {
  let h: EngineHarness;
  let rep: Agent;
  let worker: ChildProcess | undefined;
  let temporal: RestartableTemporal;
  let account: string;
  beforeAll(async () => {
    temporal = await startRestartableTemporal();
    // Starts give up after 1 s (5 s by default), so the outage costs the test little time.
    // The test sweeps by hand (the API's own timer would race it for due rows).
    h = await startEngine({
      inProcessWorker: false,
      temporal,
      startTimeoutMs: 1000,
      actionTimeoutMs: 2000,
      startRetryEveryMs: 0,
    });
    rep = await h.agent('rep');
    worker = await startChild(h);
    account = (await createRecord(rep, 'account', accountData({ name: 'Outbox account' }))).id;
  });
  afterAll(async () => {
    if (worker) await stop(worker);
    await h?.close();
  });

  const owed = async (recordId: string) => h.platform.db.query(sqlOwed(recordId));
  const processExists = async (recordId: string) => {
    try {
      await h.temporal.client.workflow.getHandle(`process:deal_pipeline:${recordId}`).describe();
      return true;
    } catch {
      return false;
    }
  };
  const createDeal = async (name: string) => {
    const res = await rep.post('/api/records/deal').send({ data: { name, account } });
    expect(res.status).toBe(201);
    return (res.body as { id: string }).id;
  };

  it('owes a start with the record and forgets it once Temporal accepted it', async () => {
    const id = await createDeal('Outbox deal, engine up');
    expect(await processExists(id)).toBe(true);
    // Deleted in batches within about a second.
    await eventually(async () => ((await owed(id)).length === 0 ? true : undefined), 10000);
    await eventually(async () =>
      (await mirroredStage(h.platform.db, id))?.stage === 'qualification' ? true : undefined,
    );
  });

  it('starts an onCondition process when an update makes its condition true, once, through the outbox', async () => {
    // A second process, on accounts: onboarding starts when an account becomes a customer.
    const admin = h.t.actors.admin;
    const onboarding = {
      key: 'customer_onboarding',
      label: 'Customer onboarding',
      entity: 'account',
      calendar: 'default',
      triggers: [{ type: 'onCondition', condition: { field: 'lifecycle', op: 'eq', value: 'customer' } }],
      nodes: [
        { id: 'start', type: 'start', label: 'Became a customer', position: { x: 0, y: 0 } },
        { id: 'welcome', type: 'stage', label: 'Welcome', position: { x: 200, y: 0 } },
        { id: 'done', type: 'end', label: 'Onboarded', position: { x: 400, y: 0 }, outcome: 'closed' },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'welcome' },
        { id: 'e2', source: 'welcome', target: 'done' },
      ],
    };
    const saved = await h.platform.services.definitions.putDraft(
      admin,
      'process',
      onboarding.key,
      onboarding,
    );
    expect(saved.errors).toEqual([]);
    await h.platform.services.definitions.publishDrafts(
      admin,
      [{ kind: 'process', key: onboarding.key }],
      {},
    );
    const workflowId = (id: string) => `process:customer_onboarding:${id}`;
    const exists = async (id: string) =>
      h.temporal.client.workflow
        .getHandle(workflowId(id))
        .describe()
        .then(
          () => true,
          () => false,
        );

    const prospect = await createRecord(rep, 'account', accountData({ name: 'Onboarding prospect' }));
    const customer = await createRecord(
      rep,
      'account',
      accountData({ name: 'Born customer', lifecycle: 'customer' }),
    );
    // Created already true: the condition starts it at once.
    await eventually(async () => ((await exists(customer.id)) ? true : undefined));
    // An unrelated change leaves the prospect alone; becoming a customer starts it.
    await rep
      .patch(`/api/records/account/${prospect.id}`)
      .send({ data: { name: 'Onboarding prospect 2' } })
      .expect(200);
    expect(await exists(prospect.id)).toBe(false);
    await rep
      .patch(`/api/records/account/${prospect.id}`)
      .send({ data: { lifecycle: 'customer' } })
      .expect(200);
    await eventually(async () => ((await exists(prospect.id)) ? true : undefined));
    await eventually(async () =>
      (await mirroredStage(h.platform.db, prospect.id))?.stage === 'welcome' ? true : undefined,
    );
    // Still true after another change: no second start; the owed row is gone.
    await rep
      .patch(`/api/records/account/${prospect.id}`)
      .send({ data: { name: 'Onboarded customer' } })
      .expect(200);
    await eventually(async () => ((await owed(prospect.id)).length === 0 ? true : undefined), 10000);
    const runs = await h.platform.db.query(
      sql<{ n: number }>`SELECT count(*)::int AS n FROM stage_history WHERE record_id = ${prospect.id}::uuid`,
    );
    expect(runs[0]?.n).toBe(1);
  });

  it('keeps a start that failed while the engine was down, backs off, and runs it when the engine is back', async () => {
    const running = await createDeal('Outbox deal, running before the outage');
    await eventually(async () =>
      (await mirroredStage(h.platform.db, running))?.stage === 'qualification' ? true : undefined,
    );
    if (worker) await kill(worker);
    worker = undefined;
    await temporal.down();
    const admin = await h.agent('admin');
    type Owed = {
      id: string;
      record: { id: string; title: string };
      attempts: number;
      lastError: string | null;
    };
    const listed = async (recordId: string) =>
      (
        (await admin.get('/api/automation/problems').expect(200)).body as { owedStarts: Owed[] }
      ).owedStarts.find((start) => start.record.id === recordId);
    let kept: string;
    let retried: string;
    let dropped: string;
    try {
      // The records are saved although their process cannot start now.
      kept = await createDeal('Outbox deal, engine down');
      retried = await createDeal('Outbox deal, retried by hand');
      dropped = await createDeal('Outbox deal, deleted while the engine was down');
      await admin.delete(`/api/records/deal/${dropped}`).expect(204);
      // The first try failed at once: counted, and why.
      expect(await owed(kept)).toEqual([
        {
          process_key: 'deal_pipeline',
          attempts: 1,
          last_error: expect.stringMatching(/^Failed to start Workflow: /),
        },
      ]);
      expect((await mirroredStage(h.platform.db, kept))?.stage).toBeNull();
      // Due now instead of 30 s after the create; the API's timer would get there by itself. The
      // engine is still down: the starts fail again, are noted and back off; the deleted record's
      // start is dropped.
      await h.platform.db.query(sqlDue([kept, retried, dropped]));
      expect(await h.platform.services.processStarts?.sweep()).toEqual({ started: 0, dropped: 1, failed: 2 });
      const [row] = await owed(kept);
      expect(row).toMatchObject({ process_key: 'deal_pipeline', attempts: 2 });
      expect(row?.last_error).toEqual(expect.any(String));
      expect(await owed(dropped)).toEqual([]);
      expect(await h.platform.services.processStarts?.sweep()).toEqual({ started: 0, dropped: 0, failed: 0 });
      // Looking at a process or acting on it while the engine is out of reach: a clear 503 within the
      // action timeout, nothing changed; a record that still owes its start says that instead.
      const unreachable = await rep.get(`/api/records/deal/${running}/process`);
      expect(unreachable.status).toBe(503);
      expect(unreachable.body.detail).toMatch(
        /process engine is not reachable right now; nothing was changed/,
      );
      const move = await rep.post(`/api/records/deal/${running}/process/move`).send({ to: 'needs_analysis' });
      expect(move.status).toBe(503);
      const owedWhileDown = await rep.get(`/api/records/deal/${kept}/process`).expect(404);
      expect(owedWhileDown.body.processStartPending).toEqual([
        expect.objectContaining({ processKey: 'deal_pipeline' }),
      ]);
      // An administrator sees what is owed, and why, and may try one now: it fails again, noted.
      const listedRetried = await listed(retried);
      expect(listedRetried).toMatchObject({
        record: { id: retried, title: 'Outbox deal, retried by hand' },
        processKey: 'deal_pipeline',
        processLabel: expect.any(String),
        attempts: 2,
        lastError: expect.any(String),
      });
      expect(await listed(dropped)).toBeUndefined();
      await rep.get('/api/automation/problems').expect(403);
      await rep.post(`/api/automation/owed-starts/${listedRetried?.id}/retry`).expect(403);
      const failedNow = await admin
        .post(`/api/automation/owed-starts/${listedRetried?.id}/retry`)
        .expect(200);
      expect(failedNow.body).toEqual({
        outcome: 'failed',
        error: expect.stringMatching(/^Failed to start Workflow: .+/),
      });
      expect(await listed(retried)).toMatchObject({ attempts: 3 });
    } finally {
      await temporal.up();
    }
    worker = await startChild(h);
    // Until then the record says why it has no process, and a move is told the same.
    const pending = await rep.get(`/api/records/deal/${retried}/process`).expect(404);
    expect(pending.body).toMatchObject({
      detail: expect.stringMatching(/has not started yet.*starts as soon as the engine is reachable/),
      processStartPending: [{ processKey: 'deal_pipeline', nextAttemptAt: expect.any(String) }],
    });
    const early = await rep.post(`/api/records/deal/${retried}/process/move`).send({ to: 'needs_analysis' });
    expect(early.status).toBe(404);
    expect(early.body.processStartPending).toEqual([
      expect.objectContaining({ processKey: 'deal_pipeline' }),
    ]);
    // "Retry now" starts one at once; the sweep starts the other when it is due.
    const owedId = (await listed(retried))?.id;
    expect((await admin.post(`/api/automation/owed-starts/${owedId}/retry`).expect(200)).body).toEqual({
      outcome: 'started',
    });
    expect(await owed(retried)).toEqual([]);
    expect((await admin.post(`/api/automation/owed-starts/${owedId}/retry`).expect(404)).body.detail).toMatch(
      /has started or was dropped/,
    );
    await admin.post('/api/automation/owed-starts/not-an-id/retry').expect(404);
    await h.platform.db.query(sqlDue([kept]));
    expect(await h.platform.services.processStarts?.sweep()).toEqual({ started: 1, dropped: 0, failed: 0 });
    expect(await owed(kept)).toEqual([]);
    expect(await listed(kept)).toBeUndefined();
    for (const id of [kept, retried]) expect(await processExists(id)).toBe(true);
    expect(await processExists(dropped)).toBe(false);
    for (const id of [kept, retried])
      await eventually(async () =>
        (await mirroredStage(h.platform.db, id))?.stage === 'qualification' ? true : undefined,
      );
  });
});

function sqlOwed(recordId: string) {
  return sql<{ process_key: string; attempts: number; last_error: string | null }>`
    SELECT process_key, attempts, last_error FROM process_start_outbox WHERE record_id = ${recordId}::uuid`;
}

function sqlDue(recordIds: string[]) {
  return sql`UPDATE process_start_outbox SET next_attempt_at = now() WHERE record_id = ANY(${recordIds}::uuid[])`;
}
