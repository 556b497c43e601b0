// The platform side of the process ports: what the worker's activities call to mirror a running
// process into PostgreSQL (stages, record updates, tasks, approvals, mail, notifications and the
// automation history).
//
// Wiring: the composition root that starts a worker (devservices start, the engine's tests) builds
// the api services once and hands the ports to the activities:
//
//   const platform = await createPlatform(config);
//   const ports = createProcessPorts({ db: platform.db, services: platform.services });
//   Worker.create({ ..., activities: createActivities({ ports, ... }) });
//
// Every port is idempotent by the interpreter's key, so activity retries and replays are safe.
import type { ProcessPorts } from '@crm/workflows/contract';
import type { Db } from '../db/db';
import { recordRules } from '../definitions/language';
import type { Mailer } from '../mail/mailer';
import type { Services } from '../services';
import { createApprovalPort } from './approval.port';
import { createAutomationLogPort } from './automation-log.port';
import { createMailPort } from './mail.port';
import { createNotificationPort, type NotificationPortOptions } from './notification.port';
import { createRecordPort } from './record.port';
import { createStagePort } from './stage.port';
import { createTaskPort } from './task.port';

export interface ProcessPortsDeps {
  db: Db;
  /** The api services (createServices / createPlatform): one set shared by the api and the ports. */
  services: Services;
  /** A worker's own SMTP boundary; by default mail goes through the services' mailer. */
  mailer?: Mailer;
  notifications?: NotificationPortOptions;
}

/** Every port the process activities need, implemented on PostgreSQL (and SMTP for mail). */
export function createProcessPorts(deps: ProcessPortsDeps): ProcessPorts {
  const messaging = {
    db: deps.db,
    services: deps.services,
    ...(deps.mailer === undefined ? {} : { mailer: deps.mailer }),
  };
  return {
    ...createRecordProcessPorts(deps),
    mail: createMailPort(messaging),
    notifications: createNotificationPort(messaging, deps.notifications ?? {}),
    automation: createAutomationLogPort(messaging),
    // Ambient: every port above runs its statements in this transaction while `work` runs.
    transaction: (work) => deps.db.transaction(() => work()),
  };
}

/** The ports over the record read model: stages, record data, tasks and approvals. */
export function createRecordProcessPorts(
  deps: ProcessPortsDeps,
): Pick<ProcessPorts, 'stages' | 'records' | 'tasks' | 'approvals'> {
  const { db, services } = deps;
  return {
    stages: createStagePort({ processState: services.processState }),
    records: createRecordPort({
      db,
      audit: services.audit,
      rules: recordRules,
      resolveEntity: services.resolveEntity,
    }),
    tasks: createTaskPort({ db, audit: services.audit }),
    approvals: createApprovalPort({
      db,
      audit: services.audit,
      notifications: services.notifications,
      mail: services.approvalMail,
    }),
  };
}
