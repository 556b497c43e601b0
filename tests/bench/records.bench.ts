/**
 * `npm run bench:records`: record creates through the API vs raw INSERTs, then list queries on a
 * million seeded deals, each beside the same SQL run raw, with plans. See docs/benchmarks.md.
 *
 * Knobs (environment): BENCH_DEALS (1000000), BENCH_SAMPLES (200), BENCH_CREATE_ROWS (rows per
 * kind and round, 1000), BENCH_ROUNDS (4), BENCH_KEEP=1 keeps the database, BENCH_CREATES_ONLY=1
 * stops after the create phase (no seeding, no list queries: for profiling the write path).
 */
import { createBenchEnv, machineInfo, type BenchEnv } from './bench-env';
import { runCreatePhase } from './create-phase';
import { expectStatus } from './http-client';
import type { EntityShape } from './record-shapes';
import { deepCursor, measureQuery, type QueryResult, type QuerySpec } from './query-phase';
import { report } from './query-report';
import { seedDeals } from './seed';
import { fmt, msSince, table } from './stats';

const int = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};
const DEALS = int('BENCH_DEALS', 1_000_000);
const SAMPLES = int('BENCH_SAMPLES', 200);
const CREATE_ROWS = int('BENCH_CREATE_ROWS', 1000);
const ROUNDS = int('BENCH_ROUNDS', 4);
const CREATES_ONLY = process.env.BENCH_CREATES_ONLY === '1';
const log = (line: string) => console.log(line);

async function shape(env: BenchEnv, key: string): Promise<EntityShape & { version: number }> {
  const published = await env.platform.services.definitions.latest('entity', key);
  const content = published.content as unknown as EntityShape;
  return { key, fields: content.fields, version: published.version };
}

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  const env = await createBenchEnv(20);
  try {
    const machine = await machineInfo(env.pool);
    log(`# records benchmark  (${new Date().toISOString()})`);
    log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}`);
    log(`node ${machine.node}; ${machine.postgres}`);
    log(`postgres settings: ${machine.postgresSettings}`);
    log(
      `database: ${env.database.name}, API on 127.0.0.1:${env.port} (${env.apiPid === process.pid ? 'in this process' : `process ${env.apiPid} of its own`})`,
    );
    const shapes = {
      deal: await shape(env, 'deal'),
      account: await shape(env, 'account'),
      contact: await shape(env, 'contact'),
    };

    log('\n## Phase 1: creates');
    const repClient = env.client(1, env.rep);
    const accountIds: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const body = (await expectStatus(repClient, 'POST', '/api/records/account', 201, {
        data: {
          name: `Bench account ${i}`,
          type: 'client',
          lifecycle: 'prospect',
          customer_status: 'prospect',
        },
      })) as { id: string };
      accountIds.push(body.id);
    }
    repClient.close();
    const creates = await runCreatePhase(env, shapes.deal, accountIds, {
      concurrencies: [4, 16],
      rounds: ROUNDS,
      rowsPerRound: CREATE_ROWS,
    });
    log(creates.text);
    if (CREATES_ONLY) {
      log(`\nBENCH_CREATES_ONLY=1: no seeding, no list queries. Total ${fmt(msSince(started) / 1000, 0)} s`);
      return;
    }

    log(`\n## Phase 2: seeding ${DEALS.toLocaleString('en')} deals`);
    const ownerIds = [...env.owners.map((o) => o.id), env.rep.user.id];
    const seed = await seedDeals(env.pool, shapes, {
      deals: DEALS,
      accounts: 20_000,
      contacts: 40_000,
      batch: 200_000,
      ownerIds,
      log,
    });
    log(`  ${seed.dealCount.toLocaleString('en')} deals; records table with indexes ${seed.tableSize}`);
    log(
      table(
        ['index', 'size', 'definition'],
        seed.indexes.map((i) => [i.name, i.size, i.definition]),
      ),
    );

    const accounts = await env.pool.query<{ id: string; n: string }>(
      `SELECT data->>'account' AS id, count(*)::text AS n FROM records WHERE entity = 'deal' AND deleted_at IS NULL
       GROUP BY 1 ORDER BY count(*) DESC`,
    );
    const heavy = accounts.rows[0];
    const typical = accounts.rows[Math.floor(accounts.rows.length / 2)];
    if (!heavy || !typical) throw new Error('no seeded accounts');
    // ~18,000 pages of 50 deep on a million deals (90 % of the way through the list).
    const deepOffset = Math.floor(seed.dealCount * 0.9);
    const deepLabel = `page ${(deepOffset / 50 + 1).toLocaleString('en')}`;
    const createdCursor = await deepCursor(env, env.admin, 'deal', '-createdAt', 'r.created_at', deepOffset);
    const amountExpr = `((r.data->'amount'->>'amount')::numeric)`;
    const amountCursor = await deepCursor(env, env.admin, 'deal', '-amount', amountExpr, deepOffset);
    const counts = await env.pool.query<Record<string, string>>(
      `SELECT count(*) FILTER (WHERE data->>'source_channel' = 'trade_fair')::text AS channel,
              count(*) FILTER (WHERE ${amountExpr.replaceAll('r.', '')} BETWEEN 20000 AND 30000)::text AS range,
              count(*) FILTER (WHERE search_text ILIKE '%harbor%')::text AS q_common,
              count(*) FILTER (WHERE search_text ILIKE '%harbor pharma%')::text AS q_rare,
              count(*) FILTER (WHERE owner_id = $1)::text AS rep_own
       FROM records WHERE entity = 'deal' AND deleted_at IS NULL`,
      [env.rep.user.id],
    );
    const c = counts.rows[0] ?? {};
    log(
      `  matching rows: trade_fair ${c.channel}, amount 20k–30k ${c.range}, "harbor" ${c.q_common}, "harbor pharma" ${c.q_rare}; ` +
        `account ${heavy.id} has ${heavy.n} deals (most), ${typical.id} has ${typical.n} (median); rep owns ${c.rep_own}`,
    );

    const p95 = (ms: number) => ({ kind: 'p95' as const, ms });
    const specs: QuerySpec[] = [
      {
        name: 'first page (-createdAt)',
        path: '/api/records/deal?limit=50',
        user: 'admin',
        target: { kind: 'none' },
      },
      {
        name: `deep ${deepLabel} (-createdAt)`,
        path: `/api/records/deal?limit=50&cursor=${createdCursor}`,
        user: 'admin',
        target: { kind: 'deepVsFirst', first: 'first page (-createdAt)', factor: 1.5 },
      },
      {
        name: 'first page (-amount)',
        path: '/api/records/deal?sort=-amount&limit=50',
        user: 'admin',
        target: { kind: 'none' },
      },
      {
        name: `deep ${deepLabel} (-amount)`,
        path: `/api/records/deal?sort=-amount&limit=50&cursor=${amountCursor}`,
        user: 'admin',
        target: { kind: 'deepVsFirst', first: 'first page (-amount)', factor: 1.5 },
      },
      {
        name: 'eq enum source_channel',
        path: '/api/records/deal?filter[source_channel]=trade_fair&limit=50',
        user: 'admin',
        target: p95(25),
      },
      {
        name: 'eq reference account (median)',
        path: `/api/records/deal?filter[account]=${typical.id}&limit=50`,
        user: 'admin',
        target: p95(25),
      },
      {
        name: 'eq reference account (largest)',
        path: `/api/records/deal?filter[account]=${heavy.id}&limit=50`,
        user: 'admin',
        target: p95(25),
      },
      {
        name: 'range amount 20k–30k, -amount',
        path: '/api/records/deal?filter[amount][gte]=20000&filter[amount][lte]=30000&sort=-amount&limit=50',
        user: 'admin',
        target: p95(25),
      },
      {
        name: 'contains q=harbor',
        path: '/api/records/deal?q=harbor&limit=50',
        user: 'admin',
        target: p95(100),
      },
      {
        name: 'contains q=harbor pharma',
        path: '/api/records/deal?q=harbor%20pharma&limit=50',
        user: 'admin',
        target: p95(100),
      },
      {
        name: 'rep own scope, eq enum',
        path: '/api/records/deal?filter[source_channel]=trade_fair&limit=50',
        user: 'rep',
        target: { kind: 'none' },
      },
    ];
    const indexFields = new Map<string, string>(
      (
        await env.pool.query<{ index_name: string; field: string | null }>(
          'SELECT index_name, field FROM record_indexes',
        )
      ).rows.map((r) => [r.index_name, r.field ?? 'search_text trigram']),
    );
    const clients = { admin: env.inProcessClient(1, env.admin), rep: env.inProcessClient(1, env.rep) };
    const raw = await env.pool.connect();
    const results: QueryResult[] = [];
    try {
      for (const spec of specs)
        results.push(
          await measureQuery(env, clients, raw, indexFields, spec, {
            samples: SAMPLES,
            warmup: 10,
            budgetMs: 15_000,
            log,
          }),
        );
    } finally {
      raw.release();
      clients.admin.close();
      clients.rep.close();
    }
    log('');
    log(report(results));
    log(
      `\nTotal bench time: ${fmt(msSince(started) / 1000, 0)} s (seeding: related ${fmt(seed.seconds.related)} s, deals ${fmt(seed.seconds.deals)} s, indexes ${fmt(seed.seconds.indexes)} s, vacuum analyze ${fmt(seed.seconds.analyze)} s)`,
    );
  } finally {
    await env.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
