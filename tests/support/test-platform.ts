import path from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createPlatform, type Actor, type Platform, type PublicUser, type StaticApp } from '@crm/api';
import { loadSolutionFromDirectory } from '@crm/definitions/node';
import { createTestDatabase, type TestDatabase } from './test-database';

export type Agent = TestAgent;

/** One user per role, with a reporting line: director ← managers ← reps. */
export type UserName =
  'admin' | 'analyst' | 'director' | 'manager' | 'otherManager' | 'rep' | 'teamRep' | 'otherRep';

const USERS: { name: UserName; role: string; manager?: UserName }[] = [
  { name: 'admin', role: 'admin' },
  { name: 'analyst', role: 'analyst' },
  { name: 'director', role: 'director' },
  { name: 'manager', role: 'manager', manager: 'director' },
  { name: 'otherManager', role: 'manager', manager: 'director' },
  { name: 'rep', role: 'rep', manager: 'manager' },
  { name: 'teamRep', role: 'rep', manager: 'manager' },
  { name: 'otherRep', role: 'rep', manager: 'otherManager' },
];

export const PASSWORD = 'correct horse battery staple';
export const B2B_DIR = path.resolve(__dirname, '../../definitions/solutions/b2b-sales');

export interface TestPlatform {
  platform: Platform;
  database: TestDatabase;
  users: Record<UserName, PublicUser>;
  actors: Record<UserName, Actor>;
  /** A supertest agent signed in as the user (session cookie kept). */
  agent(name: UserName): Promise<Agent>;
  anonymous(): Agent;
  close(): Promise<void>;
}

export interface TestPlatformOptions {
  /** Import the B2B solution (default true). */
  importSolution?: boolean;
  loginRateLimit?: number;
  /** SMTP server the platform sends mail to (e.g. startSmtpServer().url from @crm/devservices). */
  smtpUrl?: string;
  /** The base of links in mails (PUBLIC_URL). */
  publicUrl?: string;
  /** Web apps the platform serves itself, as `npm start` does. */
  staticApps?: StaticApp[];
}

/** A real platform on a fresh PostgreSQL database, with the B2B solution and users of every role. */
export async function createTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const database = await createTestDatabase();
  const quiet = {
    info: () => undefined,
    warn: () => undefined,
    error: (m: string, meta?: Record<string, unknown>) => console.error(m, meta),
  };
  const platform = await createPlatform({
    databaseUrl: database.url,
    sessionSecret: 'test-session-secret-test-session-secret',
    logger: quiet,
    loginRateLimit: options.loginRateLimit ?? 100,
    ...(options.smtpUrl !== undefined
      ? { smtpUrl: options.smtpUrl, mailFrom: 'CRM <crm@example.test>' }
      : {}),
    ...(options.publicUrl !== undefined ? { publicUrl: options.publicUrl } : {}),
    ...(options.staticApps !== undefined ? { staticApps: options.staticApps } : {}),
  });
  const users = {} as Record<UserName, PublicUser>;
  const actors = {} as Record<UserName, Actor>;
  for (const spec of USERS) {
    users[spec.name] = await platform.services.users.create({
      email: `${spec.name.toLowerCase()}@example.test`,
      name: spec.name,
      password: PASSWORD,
      role: spec.role,
      managerId: spec.manager ? users[spec.manager].id : null,
    });
  }
  const loadActors = async () => {
    for (const spec of USERS) {
      const actor = await platform.services.users.actorFor(users[spec.name].id);
      if (!actor) throw new Error(`no actor for ${spec.name}`);
      actors[spec.name] = actor;
    }
  };
  await loadActors();
  if (options.importSolution !== false) {
    const solution = await loadSolutionFromDirectory(B2B_DIR);
    await platform.services.definitions.importSolution(solution, actors.admin);
    await loadActors(); // the solution's role definitions refine the built-in roles
  }
  return {
    platform,
    database,
    users,
    actors,
    async agent(name) {
      const agent = request.agent(platform.app);
      await agent.post('/api/auth/login').send({ email: users[name].email, password: PASSWORD }).expect(200);
      return agent;
    },
    anonymous: () => request.agent(platform.app),
    async close() {
      await platform.close();
      await database.drop();
    },
  };
}
