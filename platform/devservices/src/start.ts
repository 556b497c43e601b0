// `npm start`: finds or starts PostgreSQL, Temporal and SMTP, runs the API and the worker in this
// process, imports the shipped solution and seeds demo data on first start. Ctrl-C stops all.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import path from 'node:path';
import express from 'express';
import { createPlatform, createProcessPorts } from '@crm/api';
import {
  TASK_QUEUE,
  WORKFLOW_NAMES,
  createActivities,
  healthCheckWorkflowId,
  type HealthCheckWorkflow,
} from '@crm/workflows';
import { runWorker, setWorkerLogLevel } from '@crm/workflows/worker';
import { bootstrapDemo, checkDemoLogin } from './bootstrap';
import { DEMO_USERS } from './demo-data';
import { createMailboxRouter } from './mailbox.routes';
import { resolvePostgres } from './postgres';
import { dataDir, findRepoRoot } from './repo-root';
import { persistentSecret } from './secrets';
import { ShutdownStack } from './shutdown-stack';
import { resolveSmtp } from './smtp';
import { buildMissingApps, isBuilt, notBuiltRouter, uiApps } from './static-apps';
import { resolveTemporal } from './temporal';

const log = (message: string): void => console.log(`[start] ${message}`);

async function main(stack: ShutdownStack): Promise<void> {
  const root = findRepoRoot();
  const postgres = await resolvePostgres({ log });
  stack.push('PostgreSQL', postgres.stop);
  log(`PostgreSQL (${postgres.source}): ${redact(postgres.url)}`);

  const temporal = await resolveTemporal({ log });
  stack.push('Temporal', temporal.stop);
  log(`Temporal (${temporal.source}): ${temporal.address}, namespace ${temporal.namespace}`);

  const smtp = await resolveSmtp();
  stack.push('SMTP', smtp.stop);
  log(`SMTP: ${smtp.url}`);

  const apps = uiApps(root);
  buildMissingApps(apps, root, log);
  const port = Number(process.env.PORT ?? '3000');
  const host = process.env.HOST ?? '127.0.0.1';
  // Where users open the platform: the base of the links in mails (an approver's decision link).
  const baseUrl = process.env.PUBLIC_URL ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
  const platform = await createPlatform({
    databaseUrl: postgres.url,
    sessionSecret: await persistentSecret('SESSION_SECRET', dataDir('session-secret')),
    temporal: { address: temporal.address, namespace: temporal.namespace, taskQueue: TASK_QUEUE },
    staticApps: apps.filter(isBuilt).map((app) => ({
      path: app.path,
      dir: app.dir,
      ...(app.allowsScriptEval === true ? { allowsScriptEval: true } : {}),
    })),
    smtpUrl: smtp.url,
    ...(process.env.MAIL_FROM ? { mailFrom: process.env.MAIL_FROM } : {}),
    publicUrl: baseUrl,
  });
  stack.push('API', platform.close);

  setWorkerLogLevel('WARN');
  const worker = await runWorker({
    address: temporal.address,
    namespace: temporal.namespace,
    // The worker's activities mirror processes into the same PostgreSQL through the api's ports.
    activities: createActivities({
      ports: createProcessPorts({ db: platform.db, services: platform.services }),
    }),
  });
  stack.push('worker', worker.shutdown);
  worker.done.catch((error: unknown) => {
    log(`The worker failed: ${error instanceof Error ? error.message : String(error)}; shutting down`);
    void stack.stopAll().then(() => process.exit(1));
  });
  await healthCheck(platform.temporal);

  const password = await persistentSecret('DEMO_PASSWORD', dataDir('demo-password'), 9);
  await bootstrapDemo(platform, {
    solutionDir: path.join(root, 'definitions/solutions/b2b-sales'),
    password,
    log,
  });

  const outer = express();
  outer.disable('x-powered-by');
  if (smtp.mailbox !== undefined) outer.use(createMailboxRouter(smtp.mailbox));
  outer.use(notBuiltRouter(apps));
  outer.get('/', (_req, res) => res.redirect('/app'));
  outer.use(platform.app);
  const server = await listen(outer, port, host);
  stack.push('HTTP server', () => closeServer(server));

  const login = await checkDemoLogin(baseUrl, password);
  printSummary({ baseUrl, temporalUi: temporal.uiUrl, mailbox: smtp.mailbox !== undefined, password, login });
}

async function healthCheck(client: Awaited<ReturnType<typeof createPlatform>>['temporal']): Promise<void> {
  if (client === undefined) throw new Error('The platform has no Temporal client');
  const result = await client.workflow.execute<HealthCheckWorkflow>(WORKFLOW_NAMES.healthCheck, {
    taskQueue: TASK_QUEUE,
    workflowId: healthCheckWorkflowId(`startup-${randomUUID()}`),
    workflowExecutionTimeout: '30 seconds',
  });
  log(`Worker serves "${TASK_QUEUE}": health check ${JSON.stringify(result)}`);
}

function printSummary(info: {
  baseUrl: string;
  temporalUi: string | undefined;
  mailbox: boolean;
  password: string;
  login: { ok: boolean; detail: string };
}): void {
  const lines = [
    '',
    'CRM platform is running',
    `  App:          ${info.baseUrl}/app`,
    `  Designer:     ${info.baseUrl}/designer`,
    `  API docs:     ${info.baseUrl}/api/docs`,
    `  Temporal UI:  ${info.temporalUi ?? '(external cluster: TEMPORAL_UI_URL not set)'}`,
    `  Mailbox:      ${info.mailbox ? `${info.baseUrl}/dev/mailbox` : '(mail goes to SMTP_URL)'}`,
    '',
    `Demo logins (password for all: ${info.password})`,
    ...DEMO_USERS.map((user) => `  ${user.role.padEnd(9)} ${user.email}`),
    info.login.ok
      ? '  (checked: the admin login works)'
      : `  WARNING: the admin login failed (${info.login.detail}); the demo users were created earlier with another password (DEMO_PASSWORD or .data/demo-password)`,
    '',
    'Ctrl-C stops everything.',
  ];
  console.log(lines.join('\n'));
}

function listen(app: express.Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(server)));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');
}

const stack = new ShutdownStack(log);
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // `on`, not `once`: a Ctrl-C reaches us twice (from the terminal and relayed by tsx), and a
  // second signal without a handler would kill the process half-way through stopping.
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    void stack.stopAll().then(() => process.exit(0));
  });
}
main(stack).catch(async (error: unknown) => {
  console.error(error);
  await stack.stopAll();
  process.exit(1);
});
