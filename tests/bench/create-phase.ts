import { Pool, type PoolClient } from 'pg';
import type { BenchEnv } from './bench-env';
import { expectStatus, type HttpClient } from './http-client';
import { dealInput, searchTextOf, type EntityShape } from './record-shapes';
import { readFileSync } from 'node:fs';
import { captureQueries, statementLabel } from './sql-capture';
import { fmt, median, msSince, table } from './stats';

export interface CreateResult {
  concurrency: number;
  apiRowsPerSec: number;
  rawRowsPerSec: number;
  ratio: number;
  roundRatios: number[];
  rows: number;
  /** CPU time of this Node process (API + client) per wall second during the API rounds: 1.0 = one core busy. */
  apiNodeCpu: number;
  rawNodeCpu: number;
}

export interface CreatePhaseReport {
  results: CreateResult[];
  apiStatements: string[];
  baseline: string;
  text: string;
}

export interface CreatePhaseOptions {
  concurrencies: number[];
  rounds: number;
  rowsPerRound: number;
}

const RECORD_COLUMNS =
  'r.id, r.entity, r.entity_version, r.data, r.owner_id, r.stage, r.status, r.version, r.created_by, r.updated_by, r.created_at, r.updated_at';

interface RawContext {
  entity: EntityShape;
  entityVersion: number;
  ownerId: string;
  defaults: Record<string, unknown>;
}

/**
 * One raw create, written the way the API writes it: one transaction holding the records INSERT
 * (same columns, RETURNING the same columns) and the audit_log INSERT carrying the record view.
 */
async function rawCreate(client: PoolClient, ctx: RawContext, input: Record<string, unknown>): Promise<void> {
  const data = { ...ctx.defaults, ...input };
  await client.query('BEGIN');
  try {
    const inserted = await client.query<Record<string, unknown>>(
      `INSERT INTO records AS r (entity, entity_version, data, owner_id, search_text, created_by, updated_by)
       VALUES ($1, $2, $3::jsonb, $4, $5, $4, $4) RETURNING ${RECORD_COLUMNS}`,
      [ctx.entity.key, ctx.entityVersion, JSON.stringify(data), ctx.ownerId, searchTextOf(ctx.entity, data)],
    );
    const row = inserted.rows[0];
    if (!row) throw new Error('raw insert returned no row');
    const view = {
      id: row.id,
      entity: row.entity,
      entityVersion: row.entity_version,
      data: row.data,
      ownerId: row.owner_id,
      stage: row.stage,
      status: row.status,
      version: row.version,
      createdBy: row.created_by,
      updatedBy: row.updated_by,
      createdAt: (row.created_at as Date).toISOString(),
      updatedAt: (row.updated_at as Date).toISOString(),
    };
    await client.query(
      `INSERT INTO audit_log (actor_id, action, subject_type, subject_id, entity, before, after)
       VALUES ($1, 'record.create', 'record', $2, $3, NULL, $4::jsonb)`,
      [ctx.ownerId, row.id, ctx.entity.key, JSON.stringify(view)],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** Runs `count` jobs with exactly `concurrency` in flight; returns the wall time in ms. */
async function runConcurrent(
  count: number,
  concurrency: number,
  job: (worker: number, i: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = next++; i < count; i = next++) await job(worker, i);
    }),
  );
  return msSince(start);
}

export async function runCreatePhase(
  env: BenchEnv,
  entity: EntityShape,
  accountIds: string[],
  options: CreatePhaseOptions,
): Promise<CreatePhaseReport> {
  const published = await env.platform.services.definitions.latest('entity', entity.key);
  let seq = 0;
  const nextInput = () => dealInput(seq++, accountIds);

  // A probe through the API tells which defaults the platform adds, and proves the raw rows match.
  const probeClient = env.inProcessClient(1, env.rep);
  const probeInput = nextInput();
  let probeId = '';
  const statements = await captureQueries(async () => {
    const body = (await expectStatus(probeClient, 'POST', `/api/records/${entity.key}`, 201, {
      data: probeInput,
    })) as { id: string };
    probeId = body.id;
  });
  probeClient.close();
  const stored = await env.pool.query<{ data: Record<string, unknown>; search_text: string }>(
    'SELECT data, search_text FROM records WHERE id = $1',
    [probeId],
  );
  const probeRow = stored.rows[0];
  if (!probeRow) throw new Error('the probe record is not in the database');
  const defaults = Object.fromEntries(Object.entries(probeRow.data).filter(([k]) => !(k in probeInput)));
  if (searchTextOf(entity, probeRow.data) !== probeRow.search_text)
    throw new Error('search_text of the API differs from the benchmark computation; fix record-shapes.ts');
  const ctx: RawContext = { entity, entityVersion: published.version, ownerId: env.rep.user.id, defaults };

  const results: CreateResult[] = [];
  for (const concurrency of options.concurrencies) {
    const api: HttpClient = env.client(concurrency, env.rep);
    const rawPool = new Pool({ connectionString: env.database.url, max: concurrency });
    const rawClients = await Promise.all(Array.from({ length: concurrency }, () => rawPool.connect()));
    const apiRound = (rows: number) =>
      runConcurrent(rows, concurrency, async () => {
        await expectStatus(api, 'POST', `/api/records/${entity.key}`, 201, { data: nextInput() });
      });
    const rawRound = (rows: number) =>
      runConcurrent(rows, concurrency, async (worker) => {
        const client = rawClients[worker];
        if (!client) throw new Error('missing raw client');
        await rawCreate(client, ctx, nextInput());
      });
    try {
      await apiRound(Math.min(200, options.rowsPerRound)); // warm-up: JIT, caches, connections
      await rawRound(Math.min(200, options.rowsPerRound));
      let apiMs = 0;
      let rawMs = 0;
      let apiCpuMs = 0;
      let rawCpuMs = 0;
      // Node CPU of this process and, when the API runs in a process of its own, of that one too.
      const apiCpu = () => (env.apiPid === process.pid ? 0 : processCpuMs(env.apiPid));
      const cpuStart = () => ({ self: process.cpuUsage(), api: apiCpu() });
      const cpuMs = (from: { self: NodeJS.CpuUsage; api: number }) => {
        const used = process.cpuUsage(from.self);
        return (used.user + used.system) / 1000 + (apiCpu() - from.api);
      };
      const roundRatios: number[] = [];
      for (let round = 0; round < options.rounds; round += 1) {
        // Alternate the order too, so neither side always runs on the warmer (or fuller) table.
        const apiFirst = round % 2 === 0;
        const cpu1 = cpuStart();
        const first = await (apiFirst ? apiRound : rawRound)(options.rowsPerRound);
        const firstCpu = cpuMs(cpu1);
        const cpu2 = cpuStart();
        const second = await (apiFirst ? rawRound : apiRound)(options.rowsPerRound);
        const secondCpu = cpuMs(cpu2);
        const [a, r] = apiFirst ? [first, second] : [second, first];
        apiCpuMs += apiFirst ? firstCpu : secondCpu;
        rawCpuMs += apiFirst ? secondCpu : firstCpu;
        apiMs += a;
        rawMs += r;
        roundRatios.push(r / a); // = (rows/a) / (rows/r): API rate over raw rate
      }
      const rows = options.rounds * options.rowsPerRound;
      const apiRowsPerSec = rows / (apiMs / 1000);
      const rawRowsPerSec = rows / (rawMs / 1000);
      results.push({
        concurrency,
        apiRowsPerSec,
        rawRowsPerSec,
        ratio: apiRowsPerSec / rawRowsPerSec,
        roundRatios,
        rows,
        apiNodeCpu: apiCpuMs / apiMs,
        rawNodeCpu: rawCpuMs / rawMs,
      });
    } finally {
      rawClients.forEach((c) => c.release());
      await rawPool.end();
      api.close();
    }
  }
  const audit = await env.pool.query<{ records: string; audits: string }>(
    `SELECT (SELECT count(*) FROM records WHERE entity = $1)::text AS records,
            (SELECT count(*) FROM audit_log WHERE entity = $1 AND action = 'record.create')::text AS audits`,
    [entity.key],
  );
  const counts = audit.rows[0];
  if (!counts || counts.records !== counts.audits)
    throw new Error(`records and audit rows differ after the create phase: ${JSON.stringify(counts)}`);

  const apiStatements = statements.map((s) => statementLabel(s.text));
  const baseline =
    'BEGIN; INSERT INTO records (entity, entity_version, data jsonb incl. defaults, owner_id, search_text, created_by, updated_by; ' +
    'id/status/version/created_at/updated_at by column defaults) RETURNING the record columns; INSERT INTO audit_log (record view as jsonb); COMMIT';
  const text = [
    `Creates of "${entity.key}" through POST /api/records/${entity.key} (bearer token, rep) vs raw node-pg transactions`,
    `Raw baseline per row: ${baseline}`,
    `Statements the API ran for one create: ${apiStatements.length} — ${apiStatements.join('; ')}`,
    `Defaults the API added to the payload (also written by the baseline): ${JSON.stringify(defaults)}`,
    `Rows in "${entity.key}" after the phase: ${counts.records} (each with its audit row)`,
    '',
    table(
      [
        'in flight',
        'rows/kind',
        'API rows/s',
        'raw rows/s',
        'API / raw',
        'per-round ratios',
        'Node CPU (API / raw)',
        'target ≥ 0.5×',
      ],
      results.map((r) => [
        String(r.concurrency),
        String(r.rows),
        fmt(r.apiRowsPerSec, 0),
        fmt(r.rawRowsPerSec, 0),
        fmt(r.ratio, 2),
        r.roundRatios.map((x) => fmt(x, 2)).join(' '),
        `${fmt(r.apiNodeCpu, 2)} / ${fmt(r.rawNodeCpu, 2)}`,
        r.ratio >= 0.5 ? 'met' : 'NOT met',
      ]),
    ),
    `Median per-round ratio over all rounds: ${fmt(median(results.flatMap((r) => r.roundRatios)), 2)}`,
  ].join('\n');
  return { results, apiStatements, baseline, text };
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux). */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat(5), counted here from field 3: utime and stime in clock ticks (100/s).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
