import type { MailStatus, MailView, ResolvedRecipient } from '@crm/definitions';
import { sql } from 'kysely';
import { asIso, type Db } from '../db/db';

/** Who caused a mail: a user sending by hand, or a process step. */
export type MailOrigin =
  { type: 'user'; actorId: string } | { type: 'process'; workflowId: string; nodeId: string };

export interface OutboxRow {
  id: string;
  idempotency_key: string;
  record_id: string | null;
  template_key: string | null;
  recipients: ResolvedRecipient[];
  subject: string | null;
  body: string | null;
  html: string | null;
  status: MailStatus;
  attempts: number;
  last_error: string | null;
  skip_reason: string | null;
  message_id: string | null;
  provider_message_id: string | null;
  origin: 'user' | 'process';
  actor_id: string | null;
  workflow_id: string | null;
  node_id: string | null;
  created_at: Date | string;
  sent_at: Date | string | null;
}

export function toMailView(row: OutboxRow): MailView {
  return {
    id: row.id,
    recordId: row.record_id,
    template: row.template_key,
    to: row.recipients,
    subject: row.subject,
    text: row.body,
    html: row.html,
    status: row.status,
    attempts: row.attempts,
    error: row.last_error,
    reason: row.skip_reason,
    messageId: row.message_id,
    origin: row.origin,
    actorId: row.actor_id,
    workflowId: row.workflow_id,
    nodeId: row.node_id,
    createdAt: asIso(row.created_at),
    sentAt: row.sent_at === null ? null : asIso(row.sent_at),
  };
}

const COLUMNS =
  sql.raw(`id, idempotency_key, record_id, template_key, recipients, subject, body, html, status,
  attempts, last_error, skip_reason, message_id, provider_message_id, origin, actor_id, workflow_id, node_id,
  created_at, sent_at`);

/** What the first attempt writes: the rendered mail, or why it cannot go out. */
export interface NewOutboxRow {
  key: string;
  recordId: string;
  template: string | null;
  origin: MailOrigin;
  messageId: string;
  recipients: ResolvedRecipient[];
  subject: string | null;
  text: string | null;
  html: string | null;
  status: 'pending' | 'skipped' | 'failed';
  reason?: string;
  error?: string;
}

// A claim older than this is taken to belong to an attempt that died mid-send.
const STALE_CLAIM = sql.raw("interval '2 minutes'");

export const outboxRepository = {
  byKey: (db: Db, key: string) =>
    db.one(sql<OutboxRow>`SELECT ${COLUMNS} FROM mail_outbox WHERE idempotency_key = ${key}`),

  /** Inserts the row unless the key exists (the unique constraint decides between racing attempts). */
  async insert(db: Db, row: NewOutboxRow): Promise<void> {
    const process = row.origin.type === 'process' ? row.origin : undefined;
    await db.query(sql`INSERT INTO mail_outbox (idempotency_key, record_id, template_key, recipients, subject,
        body, html, status, skip_reason, last_error, message_id, origin, actor_id, workflow_id, node_id)
      VALUES (${row.key}, ${row.recordId}, ${row.template}, ${JSON.stringify(row.recipients)}::jsonb,
        ${row.subject}, ${row.text}, ${row.html}, ${row.status}, ${row.reason ?? null}, ${row.error ?? null},
        ${row.messageId}, ${row.origin.type}, ${row.origin.type === 'user' ? row.origin.actorId : null},
        ${process?.workflowId ?? null}, ${process?.nodeId ?? null})
      ON CONFLICT (idempotency_key) DO NOTHING`);
  },

  /** Replaces the content of a row whose earlier attempt could not render it. */
  async fillContent(db: Db, id: string, row: NewOutboxRow): Promise<void> {
    await db.query(sql`UPDATE mail_outbox SET recipients = ${JSON.stringify(row.recipients)}::jsonb,
        subject = ${row.subject}, body = ${row.text}, html = ${row.html}, status = ${row.status},
        skip_reason = ${row.reason ?? null}, last_error = ${row.error ?? null}
      WHERE id = ${id} AND status IN ('pending', 'failed')`);
  },

  /** One attempt at a time: claims the row for sending, or answers undefined when it may not. */
  claim: (db: Db, id: string) =>
    db.one(sql<OutboxRow>`UPDATE mail_outbox SET status = 'sending', claimed_at = now(), attempts = attempts + 1
      WHERE id = ${id} AND (status IN ('pending', 'failed')
        OR (status = 'sending' AND claimed_at < now() - ${STALE_CLAIM}))
      RETURNING ${COLUMNS}`),

  async markSent(db: Db, id: string, providerResponse: string): Promise<void> {
    await db.query(sql`UPDATE mail_outbox SET status = 'sent', sent_at = now(), last_error = NULL,
      provider_message_id = ${providerResponse} WHERE id = ${id}`);
  },

  async markFailed(db: Db, id: string, error: string): Promise<void> {
    await db.query(sql`UPDATE mail_outbox SET status = 'failed', last_error = ${error} WHERE id = ${id}`);
  },

  forRecord: (db: Db, recordId: string) =>
    db.query(sql<OutboxRow>`SELECT ${COLUMNS} FROM mail_outbox WHERE record_id = ${recordId}
      ORDER BY created_at DESC, id DESC`),
};
