import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';

/** One mail as the outbox hands it to the transport. */
export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  /** RFC 5322 Message-ID (with angle brackets), derived from the idempotency key. */
  messageId: string;
}

export interface SentMail {
  /** What the SMTP server answered with, e.g. "250 OK: queued as …". */
  response: string;
  accepted: string[];
  rejected: string[];
}

/** The SMTP boundary of the platform: the outbox is its only caller. */
export interface Mailer {
  /** The From address of every mail. */
  readonly from: string;
  send(mail: OutgoingMail): Promise<SentMail>;
  close(): void;
}

export interface MailerConfig {
  /** `smtp://host:port` or `smtps://user:pass@host:465`; undefined when mail is not configured. */
  smtpUrl?: string;
  from?: string;
}

export const DEFAULT_MAIL_FROM = 'CRM <crm@localhost>';

export class MailNotConfiguredError extends Error {
  constructor() {
    super('Mail is not configured: set SMTP_URL (the platform config smtpUrl).');
    this.name = 'MailNotConfiguredError';
  }
}

const addressOf = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : typeof value === 'object' && value && 'address' in value
      ? String(value.address)
      : String(value);

/**
 * The same key always yields the same Message-ID, so a mail that an at-least-once retry hands to
 * the SMTP server a second time is recognisable as the same message by the receiving side.
 */
export function messageIdFor(key: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${domain}>`;
}

/** A nodemailer SMTP transport, or a mailer that refuses to send when no SMTP URL is configured. */
export function createMailer(config: MailerConfig): Mailer {
  const from = config.from ?? DEFAULT_MAIL_FROM;
  if (config.smtpUrl === undefined || config.smtpUrl === '') {
    return {
      from,
      send: () => Promise.reject(new MailNotConfiguredError()),
      close: () => undefined,
    };
  }
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    from,
    async send(mail) {
      const info = await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html !== undefined ? { html: mail.html } : {}),
        messageId: mail.messageId,
      });
      return {
        response: typeof info.response === 'string' ? info.response : '',
        accepted: (info.accepted ?? []).map(addressOf),
        rejected: (info.rejected ?? []).map(addressOf),
      };
    },
    close: () => transport.close(),
  };
}
