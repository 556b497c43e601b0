import type { AutomationEntry, AutomationStatus } from '@crm/definitions';
import { sql } from 'kysely';
import type { Actor } from '../auth/actor';
import { asIso, type Db } from '../db/db';
import type { RecordsService } from '../records/records.service';

export interface AutomationEntryInput {
  key: string;
  recordId: string;
  entity: string;
  workflowId: string;
  processKey: string;
  processVersion: number;
  step: string;
  nodeId?: string;
  status: AutomationStatus;
  detail?: unknown;
  error?: string;
  at: Date;
}

interface AutomationRow {
  id: string;
  idempotency_key: string;
  step: string;
  node_id: string | null;
  status: AutomationStatus;
  detail: unknown;
  error: string | null;
  process_key: string;
  process_version: number;
  workflow_id: string;
  at: Date | string;
}

const toView = (row: AutomationRow): AutomationEntry => ({
  id: String(row.id),
  key: row.idempotency_key,
  step: row.step,
  nodeId: row.node_id,
  status: row.status,
  detail: row.detail,
  error: row.error,
  processKey: row.process_key,
  processVersion: row.process_version,
  workflowId: row.workflow_id,
  at: asIso(row.at),
});

/** The automation history of records: what each process step did, with its outcome or error. */
export function createAutomationLogService(deps: { db: Db; records: RecordsService }) {
  const { db, records } = deps;
  return {
    /** Idempotent by key and status: a replayed step adds nothing, a failure then success adds both. */
    async record(entry: AutomationEntryInput): Promise<boolean> {
      const detail = entry.detail === undefined ? null : JSON.stringify(entry.detail);
      const row = await db.one(sql<{
        id: string;
      }>`INSERT INTO automation_log (idempotency_key, status, record_id,
          entity, workflow_id, process_key, process_version, step, node_id, detail, error, at)
        VALUES (${entry.key}, ${entry.status}, ${entry.recordId}, ${entry.entity}, ${entry.workflowId},
          ${entry.processKey}, ${entry.processVersion}, ${entry.step}, ${entry.nodeId ?? null}, ${detail}::jsonb,
          ${entry.error ?? null}, ${entry.at})
        ON CONFLICT (idempotency_key, status) DO NOTHING RETURNING id`);
      return row !== undefined;
    },

    /** Newest first; the same visibility as the record itself (an invisible record is a 404). */
    async forRecord(actor: Actor, entity: string, recordId: string): Promise<AutomationEntry[]> {
      await records.get(actor, entity, recordId);
      const rows =
        await db.query(sql<AutomationRow>`SELECT id, idempotency_key, step, node_id, status, detail,
          error, process_key, process_version, workflow_id, at
        FROM automation_log WHERE record_id = ${recordId} ORDER BY at DESC, id DESC LIMIT 500`);
      return rows.map(toView);
    },
  };
}

export type AutomationLogService = ReturnType<typeof createAutomationLogService>;
