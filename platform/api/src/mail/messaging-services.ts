import type { Db } from '../db/db';
import type { DefinitionsService } from '../definitions/definitions.service';
import type { RecordsService } from '../records/records.service';
import { createAutomationLogService } from '../automation/automation-log.service';
import { createNotificationsService } from '../notifications/notifications.service';
import { createDefinitionLookup } from './mail-context';
import { createMailTemplatesService } from './mail-templates.service';
import { createMailer, type Mailer } from './mailer';
import { createOutboxService } from './outbox.service';

export interface MessagingDeps {
  db: Db;
  definitions: DefinitionsService;
  records: RecordsService;
  /** Without one, mails are refused with "mail is not configured" (and retried by processes). */
  mailer?: Mailer;
}

/** Mail (outbox, templates on records), notifications and the automation history. */
export function createMessagingServices(deps: MessagingDeps) {
  const { db, records } = deps;
  const mailer = deps.mailer ?? createMailer({});
  const mailLookup = createDefinitionLookup(deps.definitions);
  const outbox = createOutboxService({ db, mailer, lookup: mailLookup });
  return {
    mailer,
    mailLookup,
    outbox,
    mail: createMailTemplatesService({ db, records, lookup: mailLookup, outbox }),
    notifications: createNotificationsService(db),
    automation: createAutomationLogService({ db, records }),
  };
}
