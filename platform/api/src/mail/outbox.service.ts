import {
  renderTemplate,
  TemplateRenderError,
  type MailView,
  type Recipient,
  type RenderedMail,
  type ResolvedRecipient,
  type SendMailResult,
} from '@crm/definitions';
import type { Db } from '../db/db';
import { loadMailContext, type DefinitionLookup, type MailRecordContext } from './mail-context';
import { messageIdFor, type Mailer } from './mailer';
import {
  outboxRepository as outbox,
  toMailView,
  type MailOrigin,
  type NewOutboxRow,
  type OutboxRow,
} from './outbox.repository';
import { resolveRecipient } from './recipients';

export interface SendMailInput {
  /** Idempotency key: the same key never sends twice. */
  key: string;
  recordId: string;
  /** Mail template key. */
  template: string;
  to: Recipient;
  origin: MailOrigin;
}

/** Another attempt holds the row right now; retrying later is safe. */
export class MailInFlightError extends Error {
  constructor(key: string) {
    super(`The mail ${key} is being sent by another attempt.`);
    this.name = 'MailInFlightError';
  }
}

export interface OutboxDeps {
  db: Db;
  mailer: Mailer;
  lookup: DefinitionLookup;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Sends template mails through the mail_outbox table. The row (unique idempotency key) is written
 * before the SMTP call and claimed by one attempt at a time, so a retried or replayed call never
 * sends twice; the Message-ID derives from the key, so even a resend after a crash between the
 * SMTP answer and the status update is recognisable as the same message.
 */
export function createOutboxService(deps: OutboxDeps) {
  const { db, mailer, lookup } = deps;

  async function prepare(input: SendMailInput, context: MailRecordContext): Promise<NewOutboxRow> {
    const base = {
      key: input.key,
      recordId: input.recordId,
      template: input.template,
      origin: input.origin,
      messageId: messageIdFor(input.key, mailer.from),
    };
    const template = await lookup.template(input.template);
    let rendered: RenderedMail;
    try {
      rendered = renderTemplate(template, context.merge);
    } catch (error) {
      if (!(error instanceof TemplateRenderError)) throw error;
      return {
        ...base,
        recipients: [],
        subject: null,
        text: null,
        html: null,
        status: 'failed',
        error: error.message,
      };
    }
    const content = { subject: rendered.subject, text: rendered.text, html: rendered.html ?? null };
    const resolution = await resolveRecipient(db, context, input.to);
    if (resolution.status === 'none')
      return { ...base, ...content, recipients: [], status: 'skipped', reason: resolution.reason };
    return { ...base, ...content, recipients: resolution.recipients, status: 'pending' };
  }

  function settled(row: OutboxRow): SendMailResult | undefined {
    if (row.status === 'sent')
      return { status: 'duplicate', mailId: row.id, messageId: row.message_id ?? '' };
    if (row.status === 'skipped') return { status: 'skipped', mailId: row.id, reason: row.skip_reason ?? '' };
    return undefined;
  }

  async function deliver(row: OutboxRow): Promise<SendMailResult> {
    const claimed = await outbox.claim(db, row.id);
    if (!claimed) {
      const now = await outbox.byKey(db, row.idempotency_key);
      const done = now && settled(now);
      if (done) return done;
      throw new MailInFlightError(row.idempotency_key);
    }
    const messageId = claimed.message_id ?? messageIdFor(claimed.idempotency_key, mailer.from);
    try {
      const sent = await mailer.send({
        to: claimed.recipients.map((r) => r.address),
        subject: claimed.subject ?? '',
        text: claimed.body ?? '',
        ...(claimed.html !== null ? { html: claimed.html } : {}),
        messageId,
      });
      await outbox.markSent(db, claimed.id, sent.response);
      return { status: 'sent', mailId: claimed.id, messageId };
    } catch (error) {
      await outbox.markFailed(db, claimed.id, errorText(error));
      throw error;
    }
  }

  return {
    async send(input: SendMailInput, preloaded?: MailRecordContext): Promise<SendMailResult> {
      let row = await outbox.byKey(db, input.key);
      const done = row && settled(row);
      if (done) return done;
      if (!row || row.subject === null) {
        const context = preloaded ?? (await loadMailContext(db, lookup, input.recordId));
        const prepared = await prepare(input, context);
        if (row) await outbox.fillContent(db, row.id, prepared);
        else await outbox.insert(db, prepared);
        row = await outbox.byKey(db, input.key);
        if (!row) throw new Error(`outbox row ${input.key} vanished`);
        const after = settled(row);
        if (after) return after;
        if (row.subject === null)
          throw new TemplateRenderError(row.last_error ?? 'The template cannot be rendered.');
      }
      return deliver(row);
    },

    /** A plain-text mail without a template (a notification), under the same idempotency rules. */
    async sendText(input: {
      key: string;
      recordId: string;
      subject: string;
      text: string;
      to: ResolvedRecipient[];
      origin: MailOrigin;
    }): Promise<SendMailResult> {
      const existing = await outbox.byKey(db, input.key);
      const done = existing && settled(existing);
      if (done) return done;
      if (!existing) {
        await outbox.insert(db, {
          key: input.key,
          recordId: input.recordId,
          template: null,
          origin: input.origin,
          messageId: messageIdFor(input.key, mailer.from),
          recipients: input.to,
          subject: input.subject,
          text: input.text,
          html: null,
          ...(input.to.length === 0
            ? { status: 'skipped' as const, reason: 'Nobody to send it to.' }
            : { status: 'pending' as const }),
        });
      }
      const row = await outbox.byKey(db, input.key);
      if (!row) throw new Error(`outbox row ${input.key} vanished`);
      return settled(row) ?? deliver(row);
    },

    async forRecord(recordId: string): Promise<MailView[]> {
      return (await outbox.forRecord(db, recordId)).map(toMailView);
    },
  };
}

export type OutboxService = ReturnType<typeof createOutboxService>;
