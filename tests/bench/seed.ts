import type { Pool } from 'pg';
import {
  CHANNELS,
  COMPANY_KINDS,
  COMPANY_WORDS,
  PAIN_PHRASES,
  TIMELINE_VALUES,
  searchTextOf,
  searchTextSql,
  sqlTextArray,
  type EntityShape,
} from './record-shapes';
import { fmt, msSince } from './stats';

export interface SeedShapes {
  deal: EntityShape & { version: number };
  account: EntityShape & { version: number };
  contact: EntityShape & { version: number };
}

export interface SeedOptions {
  deals: number;
  accounts: number;
  contacts: number;
  batch: number;
  ownerIds: string[];
  log(line: string): void;
}

export interface SeedReport {
  seconds: { related: number; deals: number; indexes: number; analyze: number };
  dealCount: number;
  tableSize: string;
  indexes: { name: string; size: string; definition: string }[];
}

const pick = (array: string, r: string) => `(${array})[1 + floor(${r} * cardinality(${array}))::int]`;

/** Cumulative-probability CASE over the channel enum: web forms dominate, existing customers are rare. */
const CHANNEL_WEIGHTS = [0.3, 0.45, 0.6, 0.7, 0.8, 0.88, 0.95, 1];
const channelCase = (r: string) =>
  `CASE ${CHANNELS.map((c, i) => `WHEN ${r} < ${CHANNEL_WEIGHTS[i] ?? 1} THEN '${c}'`).join(' ')} END`;

const STAGES: [string, number][] = [
  ['qualification', 0.3],
  ['needs_analysis', 0.5],
  ['proposal', 0.65],
  ['negotiation', 0.75],
  ['closed_won', 0.85],
  ['closed_lost', 1],
];
const stageCase = (r: string) =>
  `CASE ${STAGES.map(([s, p]) => `WHEN ${r} < ${p} THEN '${s}'`).join(' ')} END`;

const FIRST = sqlTextArray([
  'Anna',
  'Jonas',
  'Marie',
  'Lukas',
  'Sofia',
  'Felix',
  'Lea',
  'Paul',
  'Emma',
  'Ben',
]);
const LAST = sqlTextArray(['Berger', 'Huber', 'Wagner', 'Keller', 'Schmid', 'Roth', 'Vogel', 'Brandt']);
const WORDS = sqlTextArray(COMPANY_WORDS);
const KINDS = sqlTextArray(COMPANY_KINDS);

function dealSelect(shapes: SeedShapes): string {
  const pains = sqlTextArray(PAIN_PHRASES);
  const timelines = sqlTextArray(TIMELINE_VALUES);
  const lost = sqlTextArray(['price', 'competitor', 'no_budget', 'no_decision', 'timing', 'product_fit']);
  const competitors = sqlTextArray(['Salesforce', 'HubSpot', 'Pipedrive', 'Zoho', 'in-house tool']);
  const steps = sqlTextArray(['Send proposal', 'Book a demo', 'Call the CFO', 'Visit the warehouse']);
  // Random draws live in the inner SELECT so that each is drawn once per row and reused consistently.
  return `
    SELECT $3::text AS entity, ${shapes.deal.version} AS entity_version, d.data, d.owner, d.stage,
      ${searchTextSql(shapes.deal, 'd.data')} AS search_text, d.created_at
    FROM (
      SELECT x.g, x.owner, x.stage, x.created_at, jsonb_strip_nulls(jsonb_build_object(
        'name', ${pick(WORDS, 'x.r1')} || ' ' || ${pick(KINDS, 'x.r2')} || ' deal ' || x.g,
        'account', acc.ids[1 + floor(power(x.r3, 2) * cardinality(acc.ids))::int],
        'contact', CASE WHEN x.r4 < 0.6 THEN con.ids[1 + floor(x.r5 * cardinality(con.ids))::int] END,
        'amount', jsonb_build_object('amount', round((500 * exp(x.r6 * 5.3))::numeric, 2),
          'currency', CASE WHEN x.r7 < 0.85 THEN 'EUR' ELSE 'USD' END),
        'discount', CASE WHEN x.r8 < 0.6 THEN 0 ELSE floor(x.r8 * 40)::int END,
        'expected_close_date', to_char(date '2025-01-01' + floor(x.r9 * 730)::int, 'YYYY-MM-DD'),
        'source_channel', ${channelCase('x.r10')},
        'timeline', ${pick(timelines, 'x.r11')},
        'decision_maker', ${pick(FIRST, 'x.r12')} || ' ' || ${pick(LAST, 'x.r13')} || ', head of purchasing',
        'pains', ${pick(pains, 'x.r14')} || '. ' || ${pick(pains, 'x.r15')} || '.',
        'competitors', CASE WHEN x.r16 < 0.5 THEN ${pick(competitors, 'x.r17')} END,
        'next_step', ${pick(steps, 'x.r18')},
        'lost_reason', CASE WHEN x.stage = 'closed_lost' THEN ${pick(lost, 'x.r19')} END,
        'closed_date', CASE WHEN x.stage LIKE 'closed%' THEN to_char(x.created_at + interval '30 days', 'YYYY-MM-DD') END
      )) AS data
      FROM (
        SELECT g, ($4::uuid[])[1 + floor(random() * cardinality($4::uuid[]))::int] AS owner,
          ${stageCase('random()')} AS stage,
          now() - make_interval(secs => g * 25 + random() * 20) AS created_at,
          random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6,
          random() AS r7, random() AS r8, random() AS r9, random() AS r10, random() AS r11, random() AS r12,
          random() AS r13, random() AS r14, random() AS r15, random() AS r16, random() AS r17, random() AS r18,
          random() AS r19
        FROM generate_series($1::int, $2::int) g
      ) x,
      (SELECT array_agg(id) AS ids FROM records WHERE entity = 'account') acc,
      (SELECT array_agg(id) AS ids FROM records WHERE entity = 'contact') con
    ) d`;
}

/** Accounts and contacts that deals reference, owned by the same spread of reps. */
async function seedRelated(pool: Pool, shapes: SeedShapes, options: SeedOptions): Promise<void> {
  const owner = `($2::uuid[])[1 + floor(random() * cardinality($2::uuid[]))::int]`;
  await pool.query(
    `INSERT INTO records (entity, entity_version, data, owner_id, search_text, created_by, updated_by)
     SELECT 'account', ${shapes.account.version}, a.data, a.owner, ${searchTextSql(shapes.account, 'a.data')}, a.owner, a.owner
     FROM (SELECT ${owner} AS owner, jsonb_build_object(
       'name', ${pick(WORDS, 'random()')} || ' ' || ${pick(KINDS, 'random()')} || ' ' || g,
       'type', 'client', 'lifecycle', 'customer', 'customer_status', 'active',
       'segment', (ARRAY['distributor', 'corporate', 'small_business'])[1 + floor(random() * 3)::int],
       'city', (ARRAY['Berlin', 'Hamburg', 'Munich', 'Vienna', 'Zurich', 'Cologne'])[1 + floor(random() * 6)::int]
     ) AS data FROM generate_series(1, $1::int) g) a`,
    [options.accounts, options.ownerIds],
  );
  await pool.query(
    `INSERT INTO records (entity, entity_version, data, owner_id, search_text, created_by, updated_by)
     SELECT 'contact', ${shapes.contact.version}, c.data, c.owner, ${searchTextSql(shapes.contact, 'c.data')}, c.owner, c.owner
     FROM (SELECT ${owner} AS owner, jsonb_build_object(
       'first_name', ${pick(FIRST, 'random()')}, 'last_name', ${pick(LAST, 'random()')},
       'email', 'contact' || g || '@bench.example',
       'account', acc.ids[1 + floor(random() * cardinality(acc.ids))::int]
     ) AS data FROM generate_series(1, $1::int) g,
       (SELECT array_agg(id) AS ids FROM records WHERE entity = 'account') acc) c`,
    [options.contacts, options.ownerIds],
  );
}

/**
 * Seeds deals with set-based SQL. The deal's partial indexes (the ones publish created, recorded in
 * `record_indexes`) are dropped for the load and rebuilt from their recorded DDL afterwards, which
 * leaves exactly the same indexes at a fraction of the load time.
 */
export async function seedDeals(pool: Pool, shapes: SeedShapes, options: SeedOptions): Promise<SeedReport> {
  const t0 = process.hrtime.bigint();
  await pool.query(`DELETE FROM records WHERE entity = $1`, [shapes.deal.key]);
  await seedRelated(pool, shapes, options);
  const related = msSince(t0) / 1000;
  options.log(`  accounts/contacts seeded in ${fmt(related)} s`);

  const indexes = await pool.query<{ index_name: string; definition: string }>(
    'SELECT index_name, definition FROM record_indexes WHERE entity = $1 ORDER BY kind, index_name',
    [shapes.deal.key],
  );
  for (const { index_name } of indexes.rows) await pool.query(`DROP INDEX IF EXISTS "${index_name}"`);
  const t1 = process.hrtime.bigint();
  const select = dealSelect(shapes);
  const batches: [number, number][] = [];
  for (let from = 1; from <= options.deals; from += options.batch)
    batches.push([from, Math.min(options.deals, from + options.batch - 1)]);
  let done = 0;
  // Two loaders in parallel keep both cores busy; each batch is one set-based statement.
  await Promise.all(
    [0, 1].map(async () => {
      for (let batch = batches.shift(); batch; batch = batches.shift()) {
        const [from, to] = batch;
        await pool.query(
          `INSERT INTO records (entity, entity_version, data, owner_id, stage, search_text, created_by, updated_by, created_at, updated_at)
           SELECT s.entity, s.entity_version, s.data, s.owner, s.stage, s.search_text, s.owner, s.owner, s.created_at,
             least(now(), s.created_at + random() * interval '10 days') FROM (${select}) s`,
          [from, to, shapes.deal.key, options.ownerIds],
        );
        done += to - from + 1;
        options.log(
          `  deals ${done.toLocaleString('en')} / ${options.deals.toLocaleString('en')} (${fmt(msSince(t1) / 1000)} s)`,
        );
      }
    }),
  );
  const deals = msSince(t1) / 1000;

  const t2 = process.hrtime.bigint();
  // Two connections build in parallel on two cores: the trigram GIN index on one, the btrees on the other.
  const gin = indexes.rows.filter((r) => /USING gin/i.test(r.definition));
  const btree = indexes.rows.filter((r) => !/USING gin/i.test(r.definition));
  const build = async (specs: { definition: string }[]) => {
    const client = await pool.connect();
    try {
      await client.query(`SET maintenance_work_mem = '1GB'`);
      for (const spec of specs) await client.query(spec.definition);
    } finally {
      client.release();
    }
  };
  await Promise.all([build(gin), build(btree)]);
  const indexSeconds = msSince(t2) / 1000;
  options.log(`  ${indexes.rows.length} record indexes rebuilt in ${fmt(indexSeconds)} s`);

  const t3 = process.hrtime.bigint();
  await pool.query('VACUUM (ANALYZE) records');
  const analyze = msSince(t3) / 1000;

  const sample = await pool.query<{ data: Record<string, unknown>; search_text: string }>(
    'SELECT data, search_text FROM records WHERE entity = $1 LIMIT 20',
    [shapes.deal.key],
  );
  for (const row of sample.rows)
    if (searchTextOf(shapes.deal, row.data) !== row.search_text)
      throw new Error('seeded search_text differs from what the API would store');
  const count = await pool.query<{ n: string; size: string }>(
    `SELECT count(*)::text AS n, pg_size_pretty(pg_total_relation_size('records')) AS size FROM records WHERE entity = $1`,
    [shapes.deal.key],
  );
  const sizes = await pool.query<{ name: string; size: string; definition: string }>(
    `SELECT ri.index_name AS name, pg_size_pretty(pg_relation_size(ri.index_name::regclass)) AS size, ri.definition
     FROM record_indexes ri WHERE ri.entity = $1 ORDER BY ri.index_name`,
    [shapes.deal.key],
  );
  return {
    seconds: { related, deals, indexes: indexSeconds, analyze },
    dealCount: Number(count.rows[0]?.n ?? 0),
    tableSize: count.rows[0]?.size ?? '?',
    indexes: sizes.rows,
  };
}
