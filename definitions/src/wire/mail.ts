// The answers of the record mail routes (/api/records/:entity/:id/mail-templates, /mail, /mails).
import type { RenderedMail } from '../templates/render-template';

/** Where a mail stands in the outbox. */
export type MailStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

/** A resolved recipient: an address, and the user behind it when there is one. */
export interface ResolvedRecipient {
  address: string;
  name?: string;
  userId?: string;
}

/** A mail as the record's timeline shows it. */
export interface MailView {
  id: string;
  recordId: string | null;
  template: string | null;
  to: ResolvedRecipient[];
  subject: string | null;
  text: string | null;
  html: string | null;
  status: MailStatus;
  attempts: number;
  error: string | null;
  /** Why the mail was not sent (status "skipped"). */
  reason: string | null;
  messageId: string | null;
  /** Who caused the mail: a user sending by hand, or a process step. */
  origin: 'user' | 'process';
  actorId: string | null;
  workflowId: string | null;
  nodeId: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** A mail template as users meet it on a record: locked (with the reason) until its gate opens. */
export interface TemplateAvailability {
  key: string;
  label: string;
  description?: string;
  category?: string;
  format: 'html' | 'text';
  unlocked: boolean;
  reason?: string;
}

/** A template rendered for one record. */
export interface MailPreview extends RenderedMail {
  template: string;
}

/** What sending a mail did; the same idempotency key sends once and answers "duplicate" after. */
export type SendMailResult =
  | { status: 'sent'; mailId: string; messageId: string }
  | { status: 'duplicate'; mailId: string; messageId: string }
  | { status: 'skipped'; mailId: string; reason: string };
