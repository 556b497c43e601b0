import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { Mailbox } from './mailbox';
import { preferredOrFreePort } from './ports';

export interface SmtpService {
  /** `smtp://host:port`, what the platform's mail sender is configured with. */
  url: string;
  /** The received mails; undefined when an external relay (`SMTP_URL`) is used. */
  mailbox: Mailbox | undefined;
  stop(): Promise<void>;
}

export interface StartSmtpOptions {
  host?: string;
  /** 0 or omitted: any free port. */
  port?: number;
  /** How many mails to keep in memory. */
  limit?: number;
  maxMessageBytes?: number;
}

/** A real SMTP server (no auth, no TLS) that parses every mail it receives into a Mailbox. */
export async function startSmtpServer(
  options: StartSmtpOptions = {},
): Promise<SmtpService & { mailbox: Mailbox }> {
  const host = options.host ?? '127.0.0.1';
  const mailbox = new Mailbox(options.limit);
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: options.maxMessageBytes ?? 10 * 1024 * 1024,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          const sender = session.envelope.mailFrom;
          mailbox.add({
            from: sender === false ? '' : sender.address,
            to: session.envelope.rcptTo.map((recipient) => recipient.address),
            subject: parsed.subject ?? '',
            date: (parsed.date ?? new Date()).toISOString(),
            text: parsed.text ?? '',
            html: parsed.html === false ? undefined : parsed.html,
            messageId: parsed.messageId,
          });
          callback();
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
  // A client that drops its connection mid-message (a killed worker) must not crash the server.
  server.on('error', () => undefined);
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://${host}:${port}`,
    mailbox,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** `SMTP_URL` when set (a real relay); otherwise the development server on SMTP_PORT, 1025 or any free port. */
export async function resolveSmtp(): Promise<SmtpService> {
  const envUrl = process.env.SMTP_URL;
  if (envUrl !== undefined && envUrl !== '')
    return { url: envUrl, mailbox: undefined, stop: async () => undefined };
  const port = Number(process.env.SMTP_PORT ?? '') || (await preferredOrFreePort(1025));
  return startSmtpServer({ port });
}
