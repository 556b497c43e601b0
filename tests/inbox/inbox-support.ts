import type { Express } from 'express';
import { Pool } from 'pg';
import request from 'supertest';
import {
  createApp,
  createRecordProcessPorts,
  type Actor,
  type InstanceKey,
  type ProcessActionRejectedError,
  type ProcessGateway,
} from '@crm/api';
import type { ProcessPorts } from '@crm/workflows/contract';
import { accountData, createRecord } from '../support/fixtures';
import {
  createTestPlatform,
  PASSWORD,
  type Agent,
  type TestPlatform,
  type TestPlatformOptions,
  type UserName,
} from '../support/test-platform';

/** One call the api made to the process engine. */
export interface GatewayCall {
  method: 'decideApproval' | 'delegateApproval' | 'completeTask';
  actorId: string;
  key: InstanceKey;
  args: unknown;
}

/**
 * A ProcessGateway that records the user actions the routes forward. Temporal is not what these
 * tests are about (the engine's end-to-end suites drive the real workflow); what matters here is
 * what the api sends and how it maps the process's refusal.
 */
export class RecordingGateway implements ProcessGateway {
  readonly calls: GatewayCall[] = [];
  /** When set, the next forwarded action is refused with it. */
  refuseNext: ProcessActionRejectedError | undefined;

  private take(call: GatewayCall): Promise<void> {
    const refusal = this.refuseNext;
    this.refuseNext = undefined;
    if (refusal) return Promise.reject(refusal);
    this.calls.push(call);
    return Promise.resolve();
  }

  decideApproval(actor: Actor, key: InstanceKey, args: unknown): Promise<void> {
    return this.take({ method: 'decideApproval', actorId: actor.id, key, args });
  }
  delegateApproval(actor: Actor, key: InstanceKey, args: unknown): Promise<void> {
    return this.take({ method: 'delegateApproval', actorId: actor.id, key, args });
  }
  tickChecklist(): Promise<unknown> {
    return Promise.reject(new Error('tickChecklist is not used by the inbox routes'));
  }
  completeTask(actor: Actor, key: InstanceKey, taskId: string): Promise<void> {
    return this.take({ method: 'completeTask', actorId: actor.id, key, args: { taskId } });
  }
  // The routes under test never start, move or query processes.
  start(): Promise<{ workflowId: string; started: boolean }> {
    return Promise.reject(new Error('start is not used by the inbox routes'));
  }
  move(): Promise<void> {
    return Promise.reject(new Error('move is not used by the inbox routes'));
  }
  activityLogged(): Promise<void> {
    return Promise.reject(new Error('activityLogged is not used by the inbox routes'));
  }
  recordChanged(): Promise<void> {
    return Promise.reject(new Error('recordChanged is not used by the inbox routes'));
  }
  state(): Promise<unknown> {
    return Promise.reject(new Error('state is not used by the inbox routes'));
  }
  resolveFailedStep(): Promise<void> {
    return Promise.reject(new Error('resolveFailedStep is not used by the inbox routes'));
  }
  instances(): Promise<never[]> {
    return Promise.reject(new Error('instances is not used by the inbox routes'));
  }
  migrate(): Promise<never> {
    return Promise.reject(new Error('migrate is not used by the inbox routes'));
  }
}

/** The real app of the test platform, built again with a gateway (and its own session pool). */
export function appWithGateway(
  t: TestPlatform,
  gateway: ProcessGateway,
): { app: Express; close(): Promise<void> } {
  const pool = new Pool({ connectionString: t.database.url, max: 2 });
  // The test database is dropped with FORCE at the end; an idle client cut off then is expected.
  pool.on('error', () => undefined);
  const quiet = { info: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) };
  const app = createApp({
    db: t.platform.db,
    pool,
    services: t.platform.services,
    sessionSecret: 'inbox-test-session-secret-inbox-test',
    cookieSecure: false,
    logger: quiet,
    loginRateLimit: 1000,
    openApi: () => Promise.reject(new Error('not used')),
    processGateway: gateway,
  });
  return { app, close: () => pool.end() };
}

export async function signIn(app: Express, t: TestPlatform, name: UserName): Promise<Agent> {
  const agent = request.agent(app);
  await agent.post('/api/auth/login').send({ email: t.users[name].email, password: PASSWORD }).expect(200);
  return agent;
}

export { instanceOf } from '../support/process-requests';

export function portsOf(t: TestPlatform): Pick<ProcessPorts, 'stages' | 'records' | 'tasks' | 'approvals'> {
  return createRecordProcessPorts({ db: t.platform.db, services: t.platform.services });
}

let counter = 0;
/** A fresh idempotency key, shaped like the interpreter's. */
export const newKey = (what: string) => `test:${what}:${(counter += 1)}:${Date.now()}`;

/** An account and a deal owned by `owner` (created over HTTP as that user). */
export async function dealOf(
  agent: Agent,
  name: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; accountId: string; version: number }> {
  const account = await createRecord(agent, 'account', accountData({ name: `${name} account` }));
  const deal = await createRecord(agent, 'deal', { name, account: account.id, ...extra });
  return { id: deal.id, accountId: account.id, version: deal.version };
}

/** A test platform whose app forwards process actions to a recording gateway, with signed-in agents. */
export interface InboxWorld {
  t: TestPlatform;
  gateway: RecordingGateway;
  withGateway: ReturnType<typeof appWithGateway>;
  ports: ReturnType<typeof portsOf>;
  agents: Record<UserName, Agent>;
}

export async function startInboxWorld(
  names: readonly UserName[],
  options: TestPlatformOptions = {},
): Promise<InboxWorld> {
  const t = await createTestPlatform(options);
  const gateway = new RecordingGateway();
  const withGateway = appWithGateway(t, gateway);
  const agents = {} as Record<UserName, Agent>;
  for (const name of names) agents[name] = await signIn(withGateway.app, t, name);
  return { t, gateway, withGateway, ports: portsOf(t), agents };
}

export async function stopInboxWorld(world: Partial<InboxWorld>): Promise<void> {
  await world.withGateway?.close();
  await world.t?.close();
}
