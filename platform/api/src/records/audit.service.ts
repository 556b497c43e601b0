import type { AuditEntry } from '@crm/definitions';
import { sql, type RawBuilder } from 'kysely';
import { asIso, type Db } from '../db/db';
import { recordViewJson } from './record-row';

interface AuditRow {
  id: string;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  entity: string | null;
  before: unknown;
  after: unknown;
  at: Date | string;
}

export interface AuditWrite {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  entity?: string | null;
  before?: unknown;
  after?: unknown;
}

export function createAuditService() {
  return {
    /** Written in the caller's transaction: a change and its audit entry commit together or not at all. */
    async write(tx: Db, entry: AuditWrite): Promise<void> {
      await tx.query(sql`
        INSERT INTO audit_log (actor_id, action, subject_type, subject_id, entity, before, after)
        VALUES (${entry.actorId}, ${entry.action}, ${entry.subjectType}, ${entry.subjectId}, ${entry.entity ?? null},
          ${entry.before === undefined ? null : JSON.stringify(entry.before)}::jsonb,
          ${entry.after === undefined ? null : JSON.stringify(entry.after)}::jsonb)`);
    },

    /**
     * The audit INSERT for a data-modifying CTE: one entry per row of `alias` (selected with
     * RECORD_COLUMNS_ISO), its id as the subject and its record view as `after`. Being part of the
     * writing statement, it commits with the change or not at all, without a transaction of its own.
     */
    insertSql(entry: Omit<AuditWrite, 'subjectId' | 'after'>, alias: string): RawBuilder<unknown> {
      const a = sql.ref(alias);
      const before = entry.before === undefined ? null : JSON.stringify(entry.before);
      return sql`INSERT INTO audit_log (actor_id, action, subject_type, subject_id, entity, before, after)
        SELECT ${entry.actorId}::uuid, ${entry.action}, ${entry.subjectType}, ${a}.id::text, ${entry.entity ?? null}::text,
          ${before}::jsonb, ${recordViewJson(alias)} FROM ${a}`;
    },

    async forSubject(db: Db, subjectType: string, subjectId: string): Promise<AuditEntry[]> {
      const rows = await db.query(sql<AuditRow>`
        SELECT id::text, actor_id, action, subject_type, subject_id, entity, before, after, at FROM audit_log
        WHERE subject_type = ${subjectType} AND subject_id = ${subjectId} ORDER BY at, id`);
      return rows.map((row) => ({
        id: row.id,
        actorId: row.actor_id,
        action: row.action,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        entity: row.entity,
        before: row.before,
        after: row.after,
        at: asIso(row.at),
      }));
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
