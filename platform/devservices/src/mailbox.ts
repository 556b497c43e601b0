import { randomUUID } from 'node:crypto';

export interface ReceivedMail {
  id: string;
  /** Envelope sender (MAIL FROM). */
  from: string;
  /** Envelope recipients (RCPT TO): who the mail was actually delivered to. */
  to: string[];
  subject: string;
  /** The Date header, else the time it arrived; ISO 8601. */
  date: string;
  receivedAt: string;
  text: string;
  html: string | undefined;
  messageId: string | undefined;
}

type Waiter = { predicate: (mail: ReceivedMail) => boolean; resolve: (mail: ReceivedMail) => void };

/** Mails received by the development SMTP server, newest first, bounded so it never grows unbounded. */
export class Mailbox {
  private readonly mails: ReceivedMail[] = [];
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly limit = 500) {}

  add(mail: Omit<ReceivedMail, 'id' | 'receivedAt'>): ReceivedMail {
    const stored: ReceivedMail = { ...mail, id: randomUUID(), receivedAt: new Date().toISOString() };
    this.mails.unshift(stored);
    if (this.mails.length > this.limit) this.mails.length = this.limit;
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(stored)) {
        this.waiters.delete(waiter);
        waiter.resolve(stored);
      }
    }
    return stored;
  }

  list(): readonly ReceivedMail[] {
    return this.mails;
  }

  clear(): void {
    this.mails.length = 0;
  }

  /** Resolves with the first stored or future mail matching `predicate`. */
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs = 10_000): Promise<ReceivedMail> {
    const existing = this.mails.find(predicate);
    if (existing !== undefined) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (mail) => {
          clearTimeout(timer);
          resolve(mail);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`No matching mail arrived within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}
