import express, { Router, type Express } from 'express';
import helmet from 'helmet';
import swaggerUi from 'swagger-ui-express';
import { sql } from 'kysely';
import type { Pool } from 'pg';
import { activitiesRoutes } from './activities/activities.routes';
import { analyticsRoutes } from './analytics/analytics.routes';
import { approvalLinkRoutes } from './approvals/approval-links.routes';
import { approvalsRoutes, recordApprovalsRoutes } from './approvals/approvals.routes';
import { createApprovalsService } from './approvals/approvals.service';
import { authenticate } from './auth/authenticate';
import { automationProblemsRoutes } from './automation/automation-problems.routes';
import { owedStartsOf } from './processes/process-start-outbox';
import { automationRoutes } from './automation/automation.routes';
import { recordCommentsRoutes } from './comments/comments.routes';
import { countersRoutes } from './counters/counters.routes';
import { loginRoutes, sessionRoutes } from './auth/auth.routes';
import { sessionMiddleware } from './auth/session';
import type { Logger, StaticApp } from './config';
import type { Db } from './db/db';
import { definitionsRoutes, solutionRoutes } from './definitions/definitions.routes';
import { bodyGuard } from './http/body-guard';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { staticAppRouter } from './http/static-app';
import type { OpenAPIObject } from 'openapi3-ts/oas31';
import { mailRoutes } from './mail/mail.routes';
import { notificationsRoutes } from './notifications/notifications.routes';
import type { ProcessGateway } from './processes/process-gateway';
import { processesRoutes, recordProcessRoutes } from './processes/processes.routes';
import { recordsRoutes } from './records/records.routes';
import type { Services } from './services';
import { recordTasksRoutes, tasksRoutes } from './tasks/tasks.routes';
import { usersRoutes } from './users/users.routes';
import { createTasksService } from './tasks/tasks.service';
import { recordTimelineRoutes } from './timeline/record-timeline.routes';
import { savedViewsRoutes } from './views/saved-views.routes';

export interface AppDeps {
  db: Db;
  pool: Pool;
  services: Services;
  sessionSecret: string;
  cookieSecure: boolean;
  logger: Logger;
  loginRateLimit: number;
  openApi(): Promise<OpenAPIObject>;
  staticApps?: StaticApp[];
  /** The door to running processes; without it, process actions (completing a blocking task, deciding) answer 503. */
  processGateway?: ProcessGateway;
}

/** The composition root of the HTTP layer: every dependency comes in, nothing is global. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  const { services } = deps;
  app.set('query parser', 'simple');
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(helmet());

  const api = Router();
  api.use(express.json({ limit: '1mb', strict: true, type: ['application/json', 'application/*+json'] }));
  api.use(bodyGuard());
  api.get('/health', async (_req, res) => {
    await deps.db.query(sql`SELECT 1`);
    res.json({ status: 'ok' });
  });
  api.get('/openapi.json', async (_req, res) => {
    res.json(await deps.openApi());
  });
  api.use(
    '/docs',
    swaggerUi.serve,
    swaggerUi.setup(undefined, { swaggerOptions: { url: '/api/openapi.json' } }),
  );
  api.use(sessionMiddleware({ pool: deps.pool, secret: deps.sessionSecret, secure: deps.cookieSecure }));
  const authDeps = {
    db: deps.db,
    users: services.users,
    tokens: services.tokens,
    loginRateLimit: deps.loginRateLimit,
  };
  api.use('/auth', loginRoutes(authDeps));
  const inboxDeps = {
    db: deps.db,
    audit: services.audit,
    records: services.records,
    resolveEntity: services.resolveEntity,
    gateway: deps.processGateway,
    actorFor: services.users.actorFor,
  };
  const tasks = createTasksService(inboxDeps);
  const approvals = createApprovalsService(inboxDeps);
  // An approver's mailed link is its own credential: no session or token.
  api.use(
    '/approval-links',
    approvalLinkRoutes({
      links: services.approvalLinks,
      approvals,
      actorFor: services.users.actorFor,
      users: services.users,
    }),
  );

  // Everything below requires a signed-in user or a bearer token.
  api.use(authenticate(services.users, services.tokens));
  api.use('/auth', sessionRoutes(authDeps));
  api.use('/definitions', definitionsRoutes(services.definitions));
  api.use('/solution', solutionRoutes(services.definitions));
  api.use('/records', activitiesRoutes(services.activities));
  api.use('/records', mailRoutes(services.mail));
  api.use('/records', automationRoutes(services.automation));
  api.use(
    '/automation',
    automationProblemsRoutes({ problems: services.automationProblems, starts: services.processStarts }),
  );
  api.use('/notifications', notificationsRoutes(services.notifications));
  api.use('/users', usersRoutes(services.users));
  api.use('/analytics', analyticsRoutes(services.analytics));
  api.use('/views', savedViewsRoutes(services.views));
  api.use('/records', recordCommentsRoutes(services.comments));
  api.use('/tasks', tasksRoutes(tasks));
  api.use('/approvals', approvalsRoutes(approvals));
  api.use('/records', recordTasksRoutes(tasks));
  api.use('/records', recordApprovalsRoutes(approvals));
  api.use('/counters', countersRoutes({ tasks, approvals, automationProblems: services.automationProblems }));
  api.use(
    '/records',
    recordTimelineRoutes({
      records: services.records,
      activities: services.activities,
      comments: services.comments,
      mail: services.mail,
      automation: services.automation,
      tasks,
      approvals,
    }),
  );
  const processDeps = {
    gateway: deps.processGateway,
    owedStarts: (recordId: string) => owedStartsOf(deps.db, recordId),
    simulation: services.simulation,
    records: services.records,
    definitions: services.definitions,
    audit: services.audit,
    db: deps.db,
    resolveEntity: services.resolveEntity,
  };
  api.use('/processes', processesRoutes(processDeps));
  api.use('/records', recordProcessRoutes(processDeps));
  api.use('/records', recordsRoutes({ records: services.records, resolveEntity: services.resolveEntity }));
  api.use(notFoundHandler());
  app.use('/api', api);

  for (const staticApp of deps.staticApps ?? []) {
    app.use(staticApp.path, staticAppRouter(staticApp));
  }
  app.use(notFoundHandler());
  app.use(errorHandler(deps.logger));
  return app;
}
