// Reads of the PostgreSQL mirror and the SMTP mailbox that the engine tests assert on. The mirror
// is written by activities after an Update has already answered, so callers poll with `eventually`.
import { sql } from 'kysely';
import type { Platform } from '@crm/api';
import type { Mailbox } from '@crm/devservices';

type Db = Platform['db'];

/** The stages a record went through, in order, as the stage mirror recorded them. */
export async function stageHistory(db: Db, recordId: string): Promise<string[]> {
  const rows = await db.query(
    sql<{ to_stage: string }>`SELECT to_stage FROM stage_history WHERE record_id = ${recordId}
      ORDER BY entered_at, id`,
  );
  return rows.map((row) => row.to_stage);
}

/** The record's mirrored stage and status. */
export async function mirroredStage(
  db: Db,
  recordId: string,
): Promise<{ stage: string | null; status: string } | undefined> {
  return db.one(sql<{ stage: string | null; status: string }>`SELECT stage, status FROM records
    WHERE id = ${recordId}`);
}

export interface SendCheck {
  /** Outbox rows of the records, one per idempotency key (a unique constraint). */
  rows: { key: string; status: string; messageId: string | null }[];
  /** Keys whose mail reached the SMTP server a number of times other than once. */
  notOnce: { key: string; received: number }[];
}

/**
 * Every sent outbox row of the records against the SMTP server's mailbox: the Message-ID derives
 * from the send key, so a mail sent twice for one key shows up as two messages with that id.
 */
export async function sendsOf(db: Db, mailbox: Mailbox, recordIds: string[]): Promise<SendCheck> {
  const rows = await db.query(
    sql<{ key: string; status: string; message_id: string | null }>`SELECT idempotency_key AS key, status,
      message_id FROM mail_outbox WHERE record_id = ANY(${recordIds}::uuid[]) ORDER BY created_at`,
  );
  const received = mailbox.list();
  const notOnce = rows
    .filter((row) => row.status === 'sent')
    .map((row) => ({ key: row.key, received: received.filter((m) => m.messageId === row.message_id).length }))
    .filter((entry) => entry.received !== 1);
  return {
    rows: rows.map((row) => ({ key: row.key, status: row.status, messageId: row.message_id })),
    notOnce,
  };
}

/** The keys of the record's automation-history rows with the given status. */
export async function automationKeys(db: Db, recordId: string, status: string): Promise<string[]> {
  const rows = await db.query(
    sql<{ key: string }>`SELECT idempotency_key AS key FROM automation_log
      WHERE record_id = ${recordId} AND status = ${status} ORDER BY id`,
  );
  return rows.map((row) => row.key);
}
