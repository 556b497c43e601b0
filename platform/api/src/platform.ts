import type { Express } from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Connection, Client } from '@temporalio/client';
import { Pool } from 'pg';
import { compileRecordSchema } from '@crm/definitions';
import { createApp } from './app';
import { consoleLogger, type PlatformConfig } from './config';
import { createDb, type Db } from './db/db';
import { initOrm } from './db/orm';
import { createMailer } from './mail/mailer';
import { buildOpenApi } from './openapi/openapi';
import { createServices, type Services } from './services';

export interface Platform {
  app: Express;
  orm: MikroORM;
  db: Db;
  services: Services;
  temporal?: Client;
  close(): Promise<void>;
}

/** Connects PostgreSQL (MikroORM, migrations), optionally Temporal, and builds the app. */
export async function createPlatform(config: PlatformConfig): Promise<Platform> {
  const logger = config.logger ?? consoleLogger;
  const orm = await initOrm(config.databaseUrl);
  const db = createDb(orm.em);
  // connect-pg-simple wants a node-postgres pool of its own.
  const pool = new Pool({ connectionString: config.databaseUrl, max: 4 });
  // pg reports a connection the server dropped (a restart, a terminated backend) as an 'error'
  // event, and an 'error' event without a listener takes the process down. The pool discards the
  // broken client and a query in flight still rejects on its own: logging is all that is left to do.
  const onConnectionError = (error: Error) => logger.warn(`PostgreSQL session pool: ${error.message}`);
  pool.on('error', onConnectionError);
  pool.on('connect', (client) => client.on('error', onConnectionError));
  const mailer = createMailer({
    ...(config.smtpUrl !== undefined ? { smtpUrl: config.smtpUrl } : {}),
    ...(config.mailFrom !== undefined ? { from: config.mailFrom } : {}),
  });

  let connection: Connection | undefined;
  let temporal: Client | undefined;
  if (config.temporal) {
    connection = await Connection.connect({ address: config.temporal.address });
    temporal = new Client({ connection, namespace: config.temporal.namespace });
  }

  const services = createServices(db, {
    mailer,
    logger,
    ...(config.publicUrl === undefined ? {} : { publicUrl: config.publicUrl }),
    ...(temporal && config.temporal
      ? {
          processes: {
            client: temporal,
            taskQueue: config.temporal.taskQueue,
            logger,
            ...(config.temporal.startRetryEveryMs === undefined
              ? {}
              : { startOutbox: { sweepEveryMs: config.temporal.startRetryEveryMs } }),
            ...(config.temporal.startTimeoutMs === undefined
              ? {}
              : { startTimeoutMs: config.temporal.startTimeoutMs }),
            ...(config.temporal.actionTimeoutMs === undefined
              ? {}
              : { actionTimeoutMs: config.temporal.actionTimeoutMs }),
          },
        }
      : {}),
  });

  const app = createApp({
    db,
    pool,
    services,
    sessionSecret: config.sessionSecret,
    cookieSecure: config.cookieSecure ?? false,
    logger,
    loginRateLimit: config.loginRateLimit ?? 10,
    staticApps: config.staticApps,
    ...(services.processGateway === undefined ? {} : { processGateway: services.processGateway }),
    openApi: async () =>
      buildOpenApi(
        await services.definitions.latestAll('entity'),
        (entity, options) => compileRecordSchema(entity as never, options) as Record<string, unknown>,
      ),
  });

  return {
    app,
    orm,
    db,
    services,
    ...(temporal ? { temporal } : {}),
    async close() {
      await services.processStarts?.close();
      await connection?.close();
      mailer.close();
      await pool.end();
      await orm.close(true);
    },
  };
}
