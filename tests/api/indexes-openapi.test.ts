import { Client } from 'pg';
import { createTestPlatform, type TestPlatform } from '../support/test-platform';
import { queryDatabase } from '../support/test-database';

let t: TestPlatform;

beforeAll(async () => {
  t = await createTestPlatform();
});
afterAll(async () => {
  await t?.close();
});

interface IndexRow extends Record<string, unknown> {
  indexname: string;
  indexdef: string;
}

describe('indexes from published definitions', () => {
  it('creates typed, partial expression indexes for indexed and unique fields, and trigram search indexes', async () => {
    const rows = await queryDatabase<IndexRow>(
      t.database.url,
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'records' AND indexname LIKE 'rec\\_%'`,
    );
    const find = (entity: string, field: string) =>
      rows.filter((r) => r.indexdef.includes(`'${field}'`) && r.indexdef.includes(`'${entity}'::text`));

    const code = find('product', 'code');
    expect(code).toHaveLength(1);
    expect(code[0]?.indexdef).toMatch(/^CREATE UNIQUE INDEX/);
    expect(code[0]?.indexdef).toContain('deleted_at IS NULL');

    const amount = find('deal', 'amount');
    expect(amount).toHaveLength(1);
    expect(amount[0]?.indexdef).toMatch(/->> 'amount'.*::numeric/);
    expect(amount[0]?.indexdef).not.toMatch(/UNIQUE/);

    const name = find('account', 'name');
    expect(name).toHaveLength(1);
    expect(name[0]?.indexdef).not.toContain('::numeric');

    const search = rows.filter((r) => r.indexdef.includes('gin_trgm_ops'));
    expect(search.length).toBeGreaterThanOrEqual(6);
  });

  it('is used by PostgreSQL for a filter the list endpoint writes', async () => {
    const client = new Client({ connectionString: t.database.url });
    await client.connect();
    try {
      await client.query('SET enable_seqscan = off');
      const plan = await client.query(
        `EXPLAIN SELECT id FROM records r WHERE r.entity = 'deal' AND r.deleted_at IS NULL AND ((r.data->'amount'->>'amount')::numeric) >= 1000`,
      );
      const text = plan.rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
      expect(text).toMatch(/Index (Only )?Scan using rec_|Bitmap Index Scan on rec_/);
    } finally {
      await client.end();
    }
  });
});

describe('OpenAPI and health', () => {
  it('serves an OpenAPI 3.1 document with record schemas per published entity', async () => {
    const res = await t.anonymous().get('/api/openapi.json').expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.paths['/api/records/deal']).toBeDefined();
    expect(res.body.paths['/api/records/deal/{id}'].patch).toBeDefined();
    const dealData = res.body.components.schemas.deal_data;
    expect(dealData.properties.amount).toBeDefined();
    expect(dealData.required).toEqual(expect.arrayContaining(['name', 'account']));
    expect(res.body.components.schemas.Problem).toBeDefined();
  });

  it('serves a browsable docs page', async () => {
    const res = await t.anonymous().get('/api/docs/').expect(200);
    expect(res.text).toContain('swagger-ui');
  });

  it('reports health without authentication', async () => {
    const res = await t.anonymous().get('/api/health').expect(200);
    expect(res.body.status).toBe('ok');
  });
});
