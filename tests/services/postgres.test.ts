import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { resolvePostgres } from '@crm/devservices';

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('PostgreSQL resolution', () => {
  const database = `devservices_${randomBytes(4).toString('hex')}`;
  const saved = process.env.DATABASE_URL;
  let adminUrl: string | undefined;

  afterAll(async () => {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
    if (adminUrl !== undefined) await query(adminUrl, `DROP DATABASE IF EXISTS ${database}`);
  });

  it("creates its database on the machine's server and returns a URL that works", async () => {
    delete process.env.DATABASE_URL;
    const pg = await resolvePostgres({ database, prefer: 'machine' });
    adminUrl = pg.url.replace(/\/[^/]+$/, '/postgres');
    expect(pg.source).toBe('machine');
    expect(pg.url).toMatch(new RegExp(`^postgres://\\w+@127\\.0\\.0\\.1:5432/${database}$`));
    const [row] = await query<{ db: string }>(pg.url, 'SELECT current_database() AS db');
    expect(row?.db).toBe(database);
    await pg.stop();
  });

  it('reuses the database when it already exists', async () => {
    const again = await resolvePostgres({ database, prefer: 'machine' });
    await query(again.url, 'CREATE TABLE IF NOT EXISTS probe (n int)');
    const third = await resolvePostgres({ database, prefer: 'machine' });
    const rows = await query<{ n: number }>(third.url, 'SELECT count(*)::int AS n FROM probe');
    expect(rows[0]?.n).toBe(0);
  });

  it('prefers DATABASE_URL over everything else', async () => {
    process.env.DATABASE_URL = 'postgres://someone@db.example.test:6543/crm';
    const pg = await resolvePostgres({ database });
    expect(pg).toMatchObject({ url: 'postgres://someone@db.example.test:6543/crm', source: 'env' });
  });
});
