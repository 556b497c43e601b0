import express, { Router, type Express } from 'express';
import helmet from 'helmet';
import swaggerUi from 'swagger-ui-express';
import { sql } from 'kysely';
import type { Pool } from 'pg';
import { activitiesRoutes } from './activities/activities.routes';
import { authenticate } from './auth/authenticate';
import { loginRoutes, sessionRoutes } from './auth/auth.routes';
import { sessionMiddleware } from './auth/session';
import type { Logger, StaticApp } from './config';
import type { Db } from './db/db';
import { definitionsRoutes, solutionRoutes } from './definitions/definitions.routes';
import { bodyGuard } from './http/body-guard';
import { errorHandler, notFoundHandler } from './http/error-handler';
import type { OpenAPIObject } from 'openapi3-ts/oas31';
import { recordsRoutes } from './records/records.routes';
import type { Services } from './services';

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

  // Everything below requires a signed-in user or a bearer token.
  api.use(authenticate(services.users, services.tokens));
  api.use('/auth', sessionRoutes(authDeps));
  api.use('/definitions', definitionsRoutes(services.definitions));
  api.use('/solution', solutionRoutes(services.definitions));
  api.use('/records', activitiesRoutes(services.activities));
  api.use('/records', recordsRoutes({ records: services.records, resolveEntity: services.resolveEntity }));
  api.use(notFoundHandler());
  app.use('/api', api);

  for (const staticApp of deps.staticApps ?? []) {
    app.use(staticApp.path, express.static(staticApp.dir, { index: 'index.html', fallthrough: true }));
  }
  app.use(notFoundHandler());
  app.use(errorHandler(deps.logger));
  return app;
}
