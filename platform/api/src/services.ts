import { createActivitiesService } from './activities/activities.service';
import { createAnalyticsService } from './analytics/analytics.service';
import { createCommentsService } from './comments/comments.service';
import { createTokensService } from './auth/tokens.service';
import { createUsersService } from './auth/users.service';
import type { Db } from './db/db';
import { createDefinitionsService } from './definitions/definitions.service';
import { recordRules } from './definitions/language';
import { NotFoundError } from './http/problems';
import type { Client } from '@temporalio/client';
import type { Logger } from './config';
import { createMessagingServices } from './mail/messaging-services';
import { createTemporalProcessGateway } from './processes/process-gateway.temporal';
import { createProcessTriggers } from './processes/process-triggers';
import { createAutomationProblemsService } from './automation/automation-problems.service';
import { createApprovalLinks } from './approvals/approval-links';
import { createApprovalMail } from './approvals/approval-mail';
import { createProcessStartOutbox, type ProcessStartOutboxOptions } from './processes/process-start-outbox';
import { createSimulationService } from './processes/simulation.service';
import type { Mailer } from './mail/mailer';
import { createStageMirrorService } from './process-state/stage-mirror.service';
import { createRolesService } from './rbac/roles.service';
import { createAuditService } from './records/audit.service';
import type { EntityLike } from './records/field-sql';
import { createRecordsService, type PublishedEntity } from './records/records.service';
import { createSavedViewsService } from './views/saved-views.service';

export interface ServicesOptions {
  /** The SMTP boundary (createMailer); without one, sending a mail fails with "not configured". */
  mailer?: Mailer;
  /** The process engine; without it process routes answer 503 and records start no process. */
  processes?: {
    client: Client;
    taskQueue: string;
    logger: Logger;
    /** How owed process starts are retried (see createProcessStartOutbox). */
    startOutbox?: ProcessStartOutboxOptions;
    /** How long a start may take before it is given up and left to the retries (5 s). */
    startTimeoutMs?: number;
    /** How long an action or a state query may wait for the engine before a 503 (15 s). */
    actionTimeoutMs?: number;
  };
  /** Where users open the platform (`PUBLIC_URL`), for links in mails; without it mails have none. */
  publicUrl?: string;
  logger?: Logger;
}

/** Builds every service over one database handle. */
export function createServices(db: Db, options: ServicesOptions = {}) {
  const audit = createAuditService();
  const roles = createRolesService(db);
  const users = createUsersService(db);
  const tokens = createTokensService(db);
  const definitions = createDefinitionsService({ db, audit, roles });

  async function resolveEntity(key: string): Promise<PublishedEntity> {
    const versions = await definitions.latestAll('entity');
    const version = versions.find((v) => v.key === key);
    if (!version) throw new NotFoundError(`There is no published entity "${key}".`);
    return {
      entity: version.content as unknown as EntityLike,
      version: version.version,
      contentHash: version.contentHash,
    };
  }

  const processGateway =
    options.processes === undefined
      ? undefined
      : createTemporalProcessGateway({ ...options.processes, db, definitions, resolveEntity });
  const processStarts =
    processGateway === undefined || options.processes === undefined
      ? undefined
      : createProcessStartOutbox({
          db,
          gateway: processGateway,
          logger: options.processes.logger,
          ...(options.processes.startOutbox === undefined ? {} : { options: options.processes.startOutbox }),
        });
  const triggers =
    processGateway === undefined || processStarts === undefined || options.processes === undefined
      ? undefined
      : createProcessTriggers({
          gateway: processGateway,
          outbox: processStarts,
          db,
          definitions,
          resolveEntity,
          logger: options.processes.logger,
        });
  const simulation = createSimulationService({ definitions });
  const records = createRecordsService({ db, audit, rules: recordRules, resolveEntity, processes: triggers });
  const activities = createActivitiesService({ db, audit, records, processes: triggers });
  // Internal: the process mirrors its stage through this; no route lets a client set a stage.
  const processState = createStageMirrorService({ db, audit });
  const analytics = createAnalyticsService({ db, definitions, resolveEntity });
  const messaging = createMessagingServices({ db, definitions, records, mailer: options.mailer });
  const comments = createCommentsService({ db, audit, records });
  const views = createSavedViewsService({ db, audit, resolveEntity });
  const automationProblems = createAutomationProblemsService({ db, definitions, resolveEntity });
  const approvalLinks = createApprovalLinks(db);
  const approvalMail = createApprovalMail({
    db,
    outbox: messaging.outbox,
    links: approvalLinks,
    resolveEntity,
    ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  return {
    audit,
    roles,
    users,
    tokens,
    definitions,
    records,
    activities,
    analytics,
    processState,
    resolveEntity,
    processGateway,
    /** Process starts owed by record creations, retried until Temporal accepts them. */
    processStarts,
    /** What is stuck in the automation (owed starts, parked steps), for an administrator. */
    automationProblems,
    /** Personal decision links that approval mails carry. */
    approvalLinks,
    /** Mails approvers a request newly asks, with their decision link. */
    approvalMail,
    simulation,
    comments,
    views,
    ...messaging,
  };
}

export type Services = ReturnType<typeof createServices>;
