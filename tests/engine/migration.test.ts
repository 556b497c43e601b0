// Moving running instances to a newer version of their process, on a real Temporal dev server: an
// analyst publishes version 2 of a small account process and migrates what runs. The record whose
// stage still exists moves (its timer that version 2 dropped goes; it then follows version 2's
// transitions); the one in a stage that version 2 removed stays on version 1, with the reason, and
// can still finish there. Nothing about the shipped pipeline is assumed: the process is made here.
import type { MigrationReport } from '@crm/definitions';
import { sql } from 'kysely';
import { accountData, createRecord } from '../support/fixtures';
import type { Agent } from '../support/test-platform';
import { eventually, startEngine, type EngineHarness } from './engine-harness';
import { mirroredStage } from './engine-probes';

jest.setTimeout(120000);

const KEY = 'account_review';

/** Version 1: Review (a reminder after 30 days) → Approve → Done. */
const v1 = {
  key: KEY,
  label: 'Account review',
  entity: 'account',
  triggers: [{ type: 'manual' }],
  nodes: [
    { id: 'start', type: 'start', label: 'Start', position: { x: 0, y: 0 } },
    {
      id: 'review',
      type: 'stage',
      label: 'Review',
      position: { x: 200, y: 0 },
      timers: [
        {
          id: 'remind',
          after: 'P30D',
          basis: 'entered',
          actions: [{ type: 'notify', to: { type: 'owner' }, message: 'The review waits.' }],
        },
      ],
    },
    { id: 'approve', type: 'stage', label: 'Approve', position: { x: 400, y: 0 } },
    { id: 'done', type: 'end', label: 'Done', position: { x: 600, y: 0 }, outcome: 'closed' },
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'review' },
    { id: 'e2', source: 'review', target: 'approve' },
    { id: 'e3', source: 'approve', target: 'done' },
  ],
};

/** Version 2: Review (renamed, no reminder) → Check → Done; Approve is gone. */
const v2 = {
  ...v1,
  nodes: [
    v1.nodes[0],
    { id: 'review', type: 'stage', label: 'First review', position: { x: 200, y: 0 } },
    { id: 'check', type: 'stage', label: 'Check', position: { x: 400, y: 0 } },
    v1.nodes[3],
  ],
  edges: [
    { id: 'e1', source: 'start', target: 'review' },
    { id: 'e4', source: 'review', target: 'check' },
    { id: 'e5', source: 'check', target: 'done' },
  ],
};

interface StateView {
  processVersion: number;
  status: string;
  currentStage?: { nodeId: string; label: string };
  transitions: { target: string }[];
}

describe('migrating running instances to a new version', () => {
  let h: EngineHarness;
  let rep: Agent;
  let analyst: Agent;
  let admin: Agent;

  beforeAll(async () => {
    h = await startEngine();
    rep = await h.agent('rep');
    analyst = await h.agent('analyst');
    admin = await h.agent('admin');
  });
  afterAll(async () => {
    await h?.close();
  });

  async function publish(content: object) {
    await analyst.put(`/api/definitions/drafts/process/${KEY}`).send(content).expect(200);
    await analyst
      .post('/api/definitions/publish')
      .send({ items: [{ kind: 'process', key: KEY }] })
      .expect(200);
  }
  const state = async (id: string) =>
    (await rep.get(`/api/records/account/${id}/process?process=${KEY}`).expect(200)).body as StateView;
  const move = (id: string, to: string) =>
    rep.post(`/api/records/account/${id}/process/move?process=${KEY}`).send({ to });

  async function startedAccount(name: string): Promise<string> {
    const account = await createRecord(rep, 'account', accountData({ name }));
    await rep.post(`/api/processes/${KEY}/start`).send({ recordId: account.id }).expect(201);
    await eventually(async () =>
      (await mirroredStage(h.platform.db, account.id))?.stage === 'review' ? true : undefined,
    );
    return account.id;
  }

  it('moves the instances whose state exists in the new version, and tells why the others stay', async () => {
    await publish(v1);
    const staying = await startedAccount('Stays on one');
    const moving = await startedAccount('Moves to two');
    expect((await move(staying, 'approve')).status).toBe(200);
    expect(await state(moving)).toMatchObject({ processVersion: 1, currentStage: { nodeId: 'review' } });

    await publish(v2);
    // Publishing moves nothing by itself.
    expect((await state(moving)).processVersion).toBe(1);
    await rep.post(`/api/processes/${KEY}/migrate`).send({}).expect(403);
    await analyst.post(`/api/processes/${KEY}/migrate`).send({ to: 'latest' }).expect(400);

    const report = (await analyst.post(`/api/processes/${KEY}/migrate`).send({ from: 1 }).expect(200))
      .body as MigrationReport;
    expect(report).toEqual({
      processKey: KEY,
      from: 1,
      to: 2,
      migrated: [
        {
          recordId: moving,
          // The analyst may not see accounts: the report names them by id, not by their data.
          title: moving,
          fromVersion: 1,
          droppedTimers: [{ nodeId: 'review', timerKey: 'remind' }],
          droppedTicks: [],
        },
      ],
      refused: [
        {
          recordId: staying,
          title: staying,
          fromVersion: 1,
          reasons: [
            {
              rule: 'nodeMissing',
              message: '“Approve” is not in the new version, and the record is there now.',
            },
          ],
        },
      ],
      failed: [],
    });
    // An administrator, who sees the records, reads their titles; the refusal is the same.
    const retried = (
      await admin
        .post(`/api/processes/${KEY}/migrate`)
        .send({ recordIds: [staying] })
        .expect(200)
    ).body as MigrationReport;
    expect(retried).toMatchObject({
      migrated: [],
      refused: [{ recordId: staying, title: 'Stays on one', reasons: [{ rule: 'nodeMissing' }] }],
    });

    // The moved instance runs version 2 from where it was: its stage under the new name, its
    // transitions, and none of the dropped reminder.
    const moved = await eventually(async () => {
      const view = await state(moving);
      return view.processVersion === 2 ? view : undefined;
    });
    expect(moved).toMatchObject({
      status: 'running',
      currentStage: { nodeId: 'review', label: 'First review' },
    });
    expect(moved.transitions.map((t) => t.target)).toEqual(['check']);
    expect((await move(moving, 'approve')).status).toBe(422);
    expect((await move(moving, 'check')).status).toBe(200);
    expect((await move(moving, 'done')).status).toBe(200);
    expect(await state(moving)).toMatchObject({ processVersion: 2, status: 'completed' });

    // The refused one finishes on version 1.
    expect((await state(staying)).processVersion).toBe(1);
    expect((await move(staying, 'done')).status).toBe(200);

    // The engine lists each instance under the version it ran; the move is in the record's audit.
    const onTwo = (await analyst.get(`/api/processes/${KEY}/instances?version=2`).expect(200)).body.items as {
      recordId: string;
    }[];
    expect(onTwo.map((i) => i.recordId)).toEqual([moving]);
    const audit = await h.platform.db.query(
      sql<{ after: { version: number } }>`SELECT after FROM audit_log
        WHERE subject_id = ${moving} AND action = 'process.migrate'`,
    );
    expect(audit).toEqual([expect.objectContaining({ after: expect.objectContaining({ version: 2 }) })]);

    // Nothing is left to move: finished instances are not asked.
    await eventually(async () => {
      const all = (await analyst.get(`/api/processes/${KEY}/instances`).expect(200)).body.items as {
        status: string;
      }[];
      return all.length === 2 && all.every((i) => i.status === 'COMPLETED') ? true : undefined;
    });
    const again = (await analyst.post(`/api/processes/${KEY}/migrate`).send({}).expect(200))
      .body as MigrationReport;
    expect(again).toMatchObject({ from: null, to: 2, migrated: [], refused: [], failed: [] });
  });
});
