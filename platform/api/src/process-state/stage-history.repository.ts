import { sql } from 'kysely';
import { asIso, type Db } from '../db/db';
import type { ProcessStatus } from './holding-node';

/** One stay of a record in a stage (or end) of a process. */
export interface StageHistoryEntry {
  id: string;
  recordId: string;
  processKey: string;
  processVersion: number | null;
  fromStage: string | null;
  toStage: string;
  stageLabel: string | null;
  status: ProcessStatus;
  /** Who moved the record; null when the process did. */
  actorId: string | null;
  ownerId: string | null;
  enteredAt: string;
  leftAt: string | null;
  /** Time spent in the stage, once it was left. */
  durationMs: number | null;
  idempotencyKey: string;
}

interface StageHistoryRow {
  id: string;
  record_id: string;
  process_key: string;
  process_version: number | null;
  from_stage: string | null;
  to_stage: string;
  stage_label: string | null;
  status: ProcessStatus;
  actor_id: string | null;
  owner_id: string | null;
  entered_at: Date | string;
  left_at: Date | string | null;
  duration_ms: string | number | null;
  idempotency_key: string;
}

const COLUMNS = sql.raw(
  'id::text, record_id, process_key, process_version, from_stage, to_stage, stage_label, status, actor_id, owner_id, entered_at, left_at, duration_ms, idempotency_key',
);

const toEntry = (row: StageHistoryRow): StageHistoryEntry => ({
  id: row.id,
  recordId: row.record_id,
  processKey: row.process_key,
  processVersion: row.process_version,
  fromStage: row.from_stage,
  toStage: row.to_stage,
  stageLabel: row.stage_label,
  status: row.status,
  actorId: row.actor_id,
  ownerId: row.owner_id,
  enteredAt: asIso(row.entered_at),
  leftAt: row.left_at === null ? null : asIso(row.left_at),
  // bigint arrives as text from node-postgres.
  durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
  idempotencyKey: row.idempotency_key,
});

export interface NewStageEntry {
  recordId: string;
  processKey: string;
  processVersion: number;
  fromStage: string | null;
  toStage: string;
  stageLabel: string;
  status: ProcessStatus;
  actorId: string | null;
  ownerId: string | null;
  enteredAt: Date;
  idempotencyKey: string;
}

/** Storage of stage history rows; the rules live in the stage mirror service. */
export const stageHistoryRepository = {
  async byIdempotencyKey(tx: Db, key: string): Promise<StageHistoryEntry | undefined> {
    const row = await tx.one(
      sql<StageHistoryRow>`SELECT ${COLUMNS} FROM stage_history WHERE idempotency_key = ${key}`,
    );
    return row && toEntry(row);
  },

  async open(tx: Db, recordId: string, processKey: string): Promise<StageHistoryEntry | undefined> {
    const row = await tx.one(sql<StageHistoryRow>`SELECT ${COLUMNS} FROM stage_history
      WHERE record_id = ${recordId} AND process_key = ${processKey} AND left_at IS NULL`);
    return row && toEntry(row);
  },

  async close(tx: Db, id: string, leftAt: Date): Promise<void> {
    await tx.query(sql`UPDATE stage_history SET left_at = ${leftAt} WHERE id = ${id}`);
  },

  async insert(tx: Db, entry: NewStageEntry): Promise<StageHistoryEntry> {
    const row = await tx.one(sql<StageHistoryRow>`
      INSERT INTO stage_history (record_id, process_key, process_version, from_stage, to_stage, stage_label,
        status, actor_id, owner_id, entered_at, idempotency_key)
      VALUES (${entry.recordId}, ${entry.processKey}, ${entry.processVersion}, ${entry.fromStage}, ${entry.toStage},
        ${entry.stageLabel}, ${entry.status}, ${entry.actorId}, ${entry.ownerId}, ${entry.enteredAt},
        ${entry.idempotencyKey})
      RETURNING ${COLUMNS}`);
    if (!row) throw new Error('insert returned no row');
    return toEntry(row);
  },

  async forRecord(db: Db, recordId: string, processKey?: string): Promise<StageHistoryEntry[]> {
    const rows = await db.query(sql<StageHistoryRow>`SELECT ${COLUMNS} FROM stage_history
      WHERE record_id = ${recordId} AND ${processKey === undefined ? sql`true` : sql`process_key = ${processKey}`}
      ORDER BY entered_at, id`);
    return rows.map(toEntry);
  },
};
