import request from 'supertest';
import { sql } from 'kysely';
import { temporal as proto } from '@temporalio/proto';
import { createPlatform, createProcessPorts, type Platform } from '@crm/api';
import { startSmtpServer, type Mailbox, type SmtpService } from '@crm/devservices';
import { loadSolutionFromDirectory } from '@crm/definitions/node';
import { TASK_QUEUE, createActivities } from '@crm/workflows';
import { runWorker, setWorkerLogLevel, type WorkerHandle } from '@crm/workflows/worker';
import { startTestTemporal, type TestTemporal } from '../support/temporal';
import {
  B2B_DIR,
  PASSWORD,
  createTestPlatform,
  type Agent,
  type TestPlatform,
  type UserName,
} from '../support/test-platform';

/** The base of the links in the engine's mails (an approver's decision link). */
export const ENGINE_PUBLIC_URL = 'http://crm.example.test';

/** ISO 8601 day/hour durations scaled to seconds: a working day becomes two seconds. */
export function scaleDuration(value: string): string {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(value);
  if (!match) return value;
  const [, w = '0', d = '0', h = '0', m = '0', s = '0'] = match;
  const seconds =
    (Number(w) * 5 + Number(d)) * 2 +
    Math.ceil(Number(h) / 4) +
    Math.ceil(Number(m) / 240) +
    Math.ceil(Number(s) / 14400);
  return `PT${Math.max(1, seconds)}S`;
}

/** Every duration of the processes scaled to seconds, business time dropped (wall-clock seconds). */
export function scaleProcesses(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scaleProcesses);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'businessTime') continue;
    out[key] =
      typeof inner === 'string' && /^P(?=\d|T\d)/.test(inner) ? scaleDuration(inner) : scaleProcesses(inner);
  }
  return out;
}

export interface EngineHarness {
  t: TestPlatform;
  temporal: TestTemporal;
  smtp: SmtpService & { mailbox: Mailbox };
  platform: Platform;
  worker: WorkerHandle | undefined;
  agent(name: UserName): Promise<Agent>;
  startWorker(): Promise<void>;
  close(): Promise<void>;
}

/** Real PostgreSQL, a real Temporal dev server, a real SMTP server, and the B2B solution scaled to seconds. */
export async function startEngine(
  options: {
    persistent?: boolean;
    inProcessWorker?: boolean;
    temporal?: TestTemporal;
    /** The API's process start timeout (TemporalConfig.startTimeoutMs). */
    startTimeoutMs?: number;
    /** How long the API's actions and state queries wait for the engine (TemporalConfig.actionTimeoutMs). */
    actionTimeoutMs?: number;
    /** How often the API retries owed starts by itself (TemporalConfig.startRetryEveryMs; 0: never). */
    startRetryEveryMs?: number;
  } = {},
): Promise<EngineHarness> {
  setWorkerLogLevel('WARN');
  const t = await createTestPlatform();
  const temporal = options.temporal ?? (await startTestTemporal({ persistent: options.persistent ?? false }));
  const smtp = await startSmtpServer({});
  const platform = await createPlatform({
    databaseUrl: t.database.url,
    sessionSecret: 'engine-session-secret-engine-session-secret',
    temporal: {
      address: temporal.server.address,
      namespace: temporal.server.namespace,
      taskQueue: TASK_QUEUE,
      ...(options.startTimeoutMs === undefined ? {} : { startTimeoutMs: options.startTimeoutMs }),
      ...(options.actionTimeoutMs === undefined ? {} : { actionTimeoutMs: options.actionTimeoutMs }),
      ...(options.startRetryEveryMs === undefined ? {} : { startRetryEveryMs: options.startRetryEveryMs }),
    },
    smtpUrl: smtp.url,
    publicUrl: ENGINE_PUBLIC_URL,
    loginRateLimit: 1000,
    logger: { info: () => undefined, warn: () => undefined, error: (m, meta) => console.error(m, meta) },
  });
  const solution = (await loadSolutionFromDirectory(B2B_DIR)) as unknown as Record<string, unknown>;
  const scaled = { ...solution, processes: scaleProcesses(solution.processes) };
  await platform.services.definitions.importSolution(scaled as never, t.actors.admin);
  const harness: EngineHarness = {
    t,
    temporal,
    smtp,
    platform,
    worker: undefined,
    async agent(name) {
      const agent = request.agent(platform.app);
      await agent
        .post('/api/auth/login')
        .send({ email: t.users[name].email, password: PASSWORD })
        .expect(200);
      return agent;
    },
    async startWorker() {
      harness.worker = await runWorker({
        address: temporal.server.address,
        namespace: temporal.server.namespace,
        activities: createActivities({
          ports: createProcessPorts({ db: platform.db, services: platform.services }),
        }),
      });
    },
    async close() {
      await harness.worker?.shutdown();
      await platform.close();
      await smtp.stop();
      await temporal.close();
      await t.close();
    },
  };
  if (options.inProcessWorker !== false) await harness.startWorker();
  return harness;
}

/** Polls until `probe` returns a value (not undefined) or the time is up. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 30000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Everything needed to see why an instance is stuck: its failed steps (query), the automation log
 * and the outbox rows of the record, and the tail of its Temporal history.
 */
export async function diagnose(h: EngineHarness, processKey: string, recordId: string): Promise<string> {
  const out: string[] = [];
  const handle = h.temporal.client.workflow.getHandle(`process:${processKey}:${recordId}`);
  try {
    const view = (await handle.query('processState')) as Record<string, unknown>;
    out.push(`state: ${JSON.stringify({ ...view, log: undefined, transitions: undefined })}`);
  } catch (error) {
    out.push(`query failed: ${String(error)}`);
  }
  const log = await h.platform.db.query(
    sql<Record<string, unknown>>`SELECT idempotency_key, status, step, node_id, error, detail
      FROM automation_log WHERE record_id = ${recordId} ORDER BY id`,
  );
  out.push(`automation_log:\n${log.map((row) => JSON.stringify(row)).join('\n')}`);
  const outbox = await h.platform.db.query(
    sql<Record<string, unknown>>`SELECT idempotency_key, status, recipients, last_error
      FROM mail_outbox WHERE record_id = ${recordId} ORDER BY created_at`,
  );
  out.push(`mail_outbox:\n${outbox.map((row) => JSON.stringify(row)).join('\n')}`);
  try {
    const history = await handle.fetchHistory();
    const tail = (history.events ?? []).slice(-25).map((event) => {
      const failure =
        event.activityTaskFailedEventAttributes?.failure ??
        event.workflowTaskFailedEventAttributes?.failure ??
        event.activityTaskTimedOutEventAttributes?.failure;
      return `${proto.api.enums.v1.EventType[event.eventType ?? 0] ?? String(event.eventType)}${failure ? ` ${failure.message ?? ''} ${failure.cause?.message ?? ''}` : ''}`;
    });
    out.push(`history tail:\n${tail.join('\n')}`);
  } catch (error) {
    out.push(`history failed: ${String(error)}`);
  }
  return out.join('\n');
}

/** `eventually`, printing the instance's diagnosis when the wait fails. */
export async function eventuallyFor<T>(
  h: EngineHarness,
  recordId: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30000,
): Promise<T> {
  try {
    return await eventually(probe, timeoutMs);
  } catch (error) {
    console.error(`wait failed for ${recordId}\n${await diagnose(h, 'deal_pipeline', recordId)}`);
    throw error;
  }
}
