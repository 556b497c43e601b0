import type { Db } from '../db/db';
import type { Mailer } from '../mail/mailer';
import type { Services } from '../services';

/**
 * What the mail, notification and automation-log ports need: the database, the platform services
 * (createServices) and, optionally, a mailer of their own (a worker with its own SMTP relay); by
 * default they send through the services' mailer (createPlatform's `smtpUrl`).
 */
export interface MessagingPortDeps {
  db: Db;
  services: Services;
  mailer?: Mailer;
}
