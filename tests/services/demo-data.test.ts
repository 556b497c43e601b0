import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { createPlatform, stagePath, type Platform } from '@crm/api';
import type { ProcessDefinition } from '@crm/definitions';
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

  it('walks the deals through the stages of the published deal process, with a consistent history', async () => {
    const processes = await platform.services.definitions.latestAll('process');
    const process = processes.find((version) => version.content.entity === 'deal');
    if (process === undefined) throw new Error('no published process on deals');
    const path = stagePath(process.content as unknown as ProcessDefinition);
    const nodes = new Map(
      (process.content as unknown as ProcessDefinition).nodes.map((node) => [node.id, node]),
    );

    const deals = await sql<{
      id: string;
      stage: string | null;
      status: string;
      data: Record<string, unknown>;
    }>(url, "SELECT id, stage, status, data FROM records WHERE entity = 'deal'");
    expect(deals.every((deal) => deal.stage !== null)).toBe(true);
    const perStage = new Map<string, number>();
    for (const deal of deals) perStage.set(deal.stage ?? '', (perStage.get(deal.stage ?? '') ?? 0) + 1);
    const openStages = path.stages.filter((stage) => (perStage.get(stage.id) ?? 0) > 0);
    expect(openStages.length).toBeGreaterThanOrEqual(4);
    const [first, last] = [path.stages[0], path.stages[path.stages.length - 1]];
    expect(perStage.get(first?.id ?? '') ?? 0).toBeGreaterThan(perStage.get(last?.id ?? '') ?? 0);
    const byStatus = (status: string) => deals.filter((deal) => deal.status === status);
    expect(byStatus('won').length).toBeGreaterThan(10);
    expect(byStatus('lost').length).toBeGreaterThan(10);
    expect(byStatus('open').length).toBeGreaterThan(byStatus('won').length);
    // The lost reason was filled in by a normal record update before the deal entered the lost end.
    for (const deal of byStatus('lost')) expect(deal.data.lost_reason).toEqual(expect.any(String));

    const rows = await sql<{
      record_id: string;
      from_stage: string | null;
      to_stage: string;
      status: string;
      entered_at: Date;
      left_at: Date | null;
      duration_ms: string | null;
      actor_id: string | null;
      process_version: number;
    }>(
      url,
      `SELECT record_id, from_stage, to_stage, status, entered_at, left_at, duration_ms, actor_id, process_version
       FROM stage_history ORDER BY record_id, entered_at, id`,
    );
    const history = new Map<string, typeof rows>();
    for (const row of rows) history.set(row.record_id, [...(history.get(row.record_id) ?? []), row]);
    expect(history.size).toBe(200);
    const now = Date.now();
    const walked = new Set<number>();
    const unfilled: string[] = [];
    for (const deal of deals) {
      const chain = history.get(deal.id) ?? [];
      walked.add(chain.length);
      expect(chain[0]).toMatchObject({ from_stage: null, to_stage: first?.id, actor_id: null });
      chain.forEach((row, index) => {
        const next = chain[index + 1];
        expect(row.process_version).toBe(process.version);
        expect(row.entered_at.getTime()).toBeLessThan(now);
        expect(row.entered_at.getTime()).toBeGreaterThan(now - 200 * 86_400_000);
        if (index > 0) expect(row.from_stage).toBe(chain[index - 1]?.to_stage);
        if (next === undefined) {
          expect(row.left_at).toBeNull();
          expect({ stage: row.to_stage, status: row.status }).toEqual({
            stage: deal.stage,
            status: deal.status,
          });
          return;
        }
        expect(row.left_at?.getTime()).toBe(next.entered_at.getTime());
        expect(Number(row.duration_ms)).toBe(next.entered_at.getTime() - row.entered_at.getTime());
        // Fields a stage requires (on the deal itself) were filled in before the deal left it.
        const node = nodes.get(row.to_stage);
        const required = node?.type === 'stage' ? (node.requiredFields ?? []) : [];
        for (const field of required.filter((key) => !key.includes('.')))
          if (deal.data[field] === undefined)
            unfilled.push(`${deal.id} left ${row.to_stage} without ${field}`);
      });
    }
    expect(unfilled).toEqual([]);
    // Deals stopped at different depths: history spans short and long walks.
    expect(walked.size).toBeGreaterThanOrEqual(4);
  });

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
