import { Migrator } from '@mikro-orm/migrations';
import { MikroORM } from '@mikro-orm/postgresql';
import { Migration0001Platform } from './migrations/migration-0001-platform';
import { Migration0002StageMirror } from './migrations/migration-0002-stage-mirror';
import { Migration0003MailNotificationsAutomation } from './migrations/migration-0003-mail-notifications-automation';
import { Migration0004TasksApprovals } from './migrations/migration-0004-tasks-approvals';
import { Migration0005ViewsComments } from './migrations/migration-0005-views-comments';
import { Migration0006ProcessStartOutbox } from './migrations/migration-0006-process-start-outbox';
import { Migration0007AutomationProblems } from './migrations/migration-0007-automation-problems';
import { Migration0008ApprovalLinks } from './migrations/migration-0008-approval-links';

/** Connects MikroORM to PostgreSQL and brings the schema up to date. */
export async function initOrm(databaseUrl: string): Promise<MikroORM> {
  const orm = await MikroORM.init({
    clientUrl: databaseUrl,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: {
      migrationsList: [
        { name: 'Migration0001Platform', class: Migration0001Platform },
        { name: 'Migration0002StageMirror', class: Migration0002StageMirror },
        {
          name: 'Migration0003MailNotificationsAutomation',
          class: Migration0003MailNotificationsAutomation,
        },
        { name: 'Migration0004TasksApprovals', class: Migration0004TasksApprovals },
        { name: 'Migration0005ViewsComments', class: Migration0005ViewsComments },
        { name: 'Migration0006ProcessStartOutbox', class: Migration0006ProcessStartOutbox },
        { name: 'Migration0007AutomationProblems', class: Migration0007AutomationProblems },
        { name: 'Migration0008ApprovalLinks', class: Migration0008ApprovalLinks },
      ],
      snapshot: false,
      snapshotOnMigrate: false,
      silent: true,
    },
    debug: false,
  });
  await orm.migrator.up();
  return orm;
}
