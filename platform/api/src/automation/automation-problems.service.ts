// What is stuck in the automation, for an administrator: process starts that records owe and
// Temporal has not accepted yet (the start outbox), and steps whose side effect failed after its
// retries, parked until someone retries or skips them. Read from PostgreSQL, so the list answers
// even while the process engine is down (which is when it matters most).
import type { AutomationProblems } from '@crm/definitions';
import { sql } from 'kysely';
import { can, type Actor } from '../auth/actor';
import { asIso, type Db } from '../db/db';
import type { DefinitionsService } from '../definitions/definitions.service';
import { assertCapability } from '../rbac/require-capability';
import type { PublishedEntity } from '../records/records.service';
import { entitiesOf, recordTitle } from '../tasks/task-view';

interface OwedRow {
  id: string;
  record_id: string;
  entity: string;
  record_data: Record<string, unknown> | null;
  process_key: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date | string;
  created_at: Date | string;
}

interface FailedRow {
  id: string;
  idempotency_key: string;
  record_id: string;
  entity: string;
  record_data: Record<string, unknown> | null;
  workflow_id: string;
  process_key: string;
  process_version: number;
  step: string;
  node_id: string | null;
  error: string | null;
  at: Date | string;
}

/** A failure's log key is `<command key>:failed:<round>`; its retry or skip is logged under the same round. */
const FAILED_KEY = /^(.*):failed:(\d+)$/;

/** A failure (`f`) is parked until a retry or skip of the same round is logged. */
const PARKED = sql`f.status = 'failed' AND NOT EXISTS (
  SELECT 1 FROM automation_log d WHERE d.status IN ('retried', 'skipped')
    AND d.idempotency_key = regexp_replace(f.idempotency_key, ':failed:([0-9]+)$', ':' || d.status || ':\\1'))`;

export function createAutomationProblemsService(deps: {
  db: Db;
  definitions: DefinitionsService;
  resolveEntity: (key: string) => Promise<PublishedEntity>;
}) {
  const { db, definitions, resolveEntity } = deps;

  async function labels(): Promise<Map<string, string>> {
    const published = await definitions.latestAll('process');
    return new Map(published.map((v) => [v.key, (v.content as { label?: string }).label ?? v.key]));
  }

  return {
    /** Everything stuck, for an administrator (users.manage); at most `limit` of each kind. */
    async list(actor: Actor, limit = 200): Promise<AutomationProblems> {
      assertCapability(actor, 'users.manage');
      const owed = await db.query(sql<OwedRow>`
        SELECT o.id::text, o.record_id::text, r.entity, r.data AS record_data, o.process_key, o.attempts,
          o.last_error, o.next_attempt_at, o.created_at
        FROM process_start_outbox o JOIN records r ON r.id = o.record_id
        ORDER BY o.created_at, o.id LIMIT ${limit + 1}`);
      const failed = await db.query(sql<FailedRow>`
        SELECT f.id::text, f.idempotency_key, f.record_id::text, f.entity, r.data AS record_data,
          f.workflow_id, f.process_key, f.process_version, f.step, f.node_id, f.error, f.at
        FROM automation_log f LEFT JOIN records r ON r.id = f.record_id
        WHERE ${PARKED} ORDER BY f.at DESC, f.id DESC LIMIT ${limit + 1}`);
      const processLabels = await labels();
      const entities = await entitiesOf(
        [...owed, ...failed].map((row) => row.entity),
        resolveEntity,
      );
      const recordOf = (row: {
        record_id: string;
        entity: string;
        record_data: Record<string, unknown> | null;
      }) => ({
        id: row.record_id,
        entity: row.entity,
        title: recordTitle(entities.get(row.entity), row.record_data, row.record_id),
      });
      return {
        owedStarts: owed.slice(0, limit).map((row) => ({
          id: row.id,
          record: recordOf(row),
          processKey: row.process_key,
          processLabel: processLabels.get(row.process_key) ?? row.process_key,
          attempts: row.attempts,
          lastError: row.last_error,
          nextAttemptAt: asIso(row.next_attempt_at),
          createdAt: asIso(row.created_at),
        })),
        failedSteps: failed.slice(0, limit).map((row) => ({
          id: row.id,
          record: recordOf(row),
          workflowId: row.workflow_id,
          processKey: row.process_key,
          processLabel: processLabels.get(row.process_key) ?? row.process_key,
          processVersion: row.process_version,
          stepKey: FAILED_KEY.exec(row.idempotency_key)?.[1] ?? row.idempotency_key,
          step: row.step,
          nodeId: row.node_id,
          error: row.error,
          at: asIso(row.at),
        })),
        truncated: owed.length > limit || failed.length > limit,
      };
    },

    /**
     * How many problems want an administrator, for the navigation's badge; null for whoever may not
     * see them. An owed start counts once a try failed: before that it is a create in flight.
     */
    async count(actor: Actor): Promise<number | null> {
      if (!can(actor, 'users.manage')) return null;
      const row = await db.one(sql<{ n: number }>`SELECT
        (SELECT count(*) FROM process_start_outbox o JOIN records r ON r.id = o.record_id WHERE o.attempts > 0)::int
        + (SELECT count(*) FROM automation_log f WHERE ${PARKED})::int AS n`);
      return row?.n ?? 0;
    },
  };
}

export type AutomationProblemsService = ReturnType<typeof createAutomationProblemsService>;
