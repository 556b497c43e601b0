import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { createPlatform, type Platform } from '@crm/api';
import { ensureDatabase, findRepoRoot } from '@crm/devservices';
import { DEMO_USERS, bootstrapDemo } from '@crm/devservices/bootstrap';

const ADMIN_URL = 'postgres://root@127.0.0.1:5432/postgres';

async function sql<T>(url: string, text: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('first-start bootstrap: shipped solution and demo data through the platform services', () => {
  const database = `demo_${randomBytes(4).toString('hex')}`;
  const url = `postgres://root@127.0.0.1:5432/${database}`;
  const solutionDir = path.join(findRepoRoot(), 'definitions/solutions/b2b-sales');
  const password = 'demo-password-for-tests';
  let platform: Platform;

  beforeAll(async () => {
    await ensureDatabase(ADMIN_URL, database);
    platform = await createPlatform({ databaseUrl: url, sessionSecret: randomBytes(32).toString('hex') });
  });

  afterAll(async () => {
    await platform?.close();
    await sql(ADMIN_URL, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  it('imports the solution, seeds users, accounts, contacts, deals and activities once', async () => {
    const log: string[] = [];
    const first = await bootstrapDemo(platform, { solutionDir, password, log: (line) => log.push(line) });
    expect(first).toEqual({ importedSolution: true, seededRecords: true });

    const counts = await sql<{ entity: string; n: number }>(
      url,
      'SELECT entity, count(*)::int AS n FROM records GROUP BY entity ORDER BY entity',
    );
    const byEntity = Object.fromEntries(counts.map((row) => [row.entity, row.n]));
    expect(byEntity.account).toBe(50);
    expect(byEntity.deal).toBe(200);
    expect(byEntity.contact).toBeGreaterThanOrEqual(50);
    const [activities] = await sql<{ n: number }>(url, 'SELECT count(*)::int AS n FROM activity_log');
    expect(activities?.n).toBeGreaterThan(100);

    const segments = await sql<{ segment: string; potential: string | null }>(
      url,
      "SELECT DISTINCT data->>'segment' AS segment, data->>'potential' AS potential FROM records WHERE entity = 'account'",
    );
    expect(new Set(segments.map((row) => row.segment))).toEqual(
      new Set(['distributor', 'corporate', 'small_business']),
    );
    // The derived field was computed by the platform on write, so validation and derivation ran.
    expect(segments.every((row) => ['A', 'B', 'C'].includes(row.potential ?? ''))).toBe(true);

    const again = await bootstrapDemo(platform, { solutionDir, password, log: () => undefined });
    expect(again).toEqual({ importedSolution: false, seededRecords: false });
    const [deals] = await sql<{ n: number }>(
      url,
      "SELECT count(*)::int AS n FROM records WHERE entity = 'deal'",
    );
    expect(deals?.n).toBe(200);
  }, 120_000);

  it('creates every role with a manager hierarchy, and reps own the records', async () => {
    const users = await platform.services.users.list();
    expect(users).toHaveLength(DEMO_USERS.length);
    expect(new Set(users.map((user) => user.role))).toEqual(
      new Set(['admin', 'analyst', 'director', 'manager', 'rep']),
    );
    const byId = new Map(users.map((user) => [user.id, user]));
    for (const rep of users.filter((user) => user.role === 'rep')) {
      const manager = byId.get(rep.managerId ?? '');
      expect(manager?.role).toBe('manager');
      expect(byId.get(manager?.managerId ?? '')?.role).toBe('director');
    }
    const owners = await sql<{ role: string }>(
      url,
      "SELECT DISTINCT u.role FROM records r JOIN users u ON u.id = r.owner_id WHERE r.entity = 'deal'",
    );
    expect(owners.map((row) => row.role)).toEqual(['rep']);
  });

  it('lets a demo user log in with the demo password and see their own deals', async () => {
    const agent = request.agent(platform.app);
    const login = await agent.post('/api/auth/login').send({ email: 'rep1@example.com', password });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email: 'rep1@example.com', role: 'rep' });
    const wrong = await request(platform.app)
      .post('/api/auth/login')
      .send({ email: 'rep1@example.com', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    const deals = await agent.get('/api/records/deal');
    expect(deals.status).toBe(200);
  });
});
