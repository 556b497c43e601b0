import type { PoolClient } from 'pg';
import type { BenchEnv, BenchUser } from './bench-env';
import { explain, type PlanSummary } from './explain';
import { expectStatus, type HttpClient } from './http-client';
import { captureQueries, statementLabel, type CapturedQuery } from './sql-capture';
import { msSince, summarize, type LatencySummary } from './stats';

export type Target =
  { kind: 'p95'; ms: number } | { kind: 'deepVsFirst'; first: string; factor: number } | { kind: 'none' };

export interface QuerySpec {
  name: string;
  path: string;
  user: 'admin' | 'rep';
  target: Target;
}

export interface QueryResult {
  spec: QuerySpec;
  api: LatencySummary;
  raw: LatencySummary;
  items: number;
  statements: string[];
  sql: CapturedQuery;
  plan: PlanSummary;
}

export interface QueryPhaseOptions {
  samples: number;
  warmup: number;
  /** Upper bound of wall time per query (API + raw samples), so a slow plan cannot blow the budget. */
  budgetMs: number;
  log(line: string): void;
}

interface ListBody {
  items: { id: string }[];
  nextCursor: string | null;
}

/** The list statement among those one request ran: the SELECT over records that pages with LIMIT. */
function listStatement(statements: CapturedQuery[]): CapturedQuery {
  const found = statements.filter(
    (s) => /FROM records r\b/i.test(s.text) && /\bORDER BY\b/i.test(s.text) && /\bLIMIT\b/i.test(s.text),
  );
  if (found.length !== 1)
    throw new Error(
      `expected one list statement, saw ${found.length}: ${statements.map((s) => s.text).join(' | ')}`,
    );
  return found[0] as CapturedQuery;
}

export async function measureQuery(
  env: BenchEnv,
  clients: Record<'admin' | 'rep', HttpClient>,
  raw: PoolClient,
  indexFields: ReadonlyMap<string, string>,
  spec: QuerySpec,
  options: QueryPhaseOptions,
): Promise<QueryResult> {
  const http = clients[spec.user];
  let first: ListBody | undefined;
  const statements = await captureQueries(async () => {
    first = (await expectStatus(http, 'GET', spec.path, 200)) as ListBody;
  });
  if (!first) throw new Error('no response captured');
  const sql = listStatement(statements);
  const rawRows = await raw.query<{ id: string }>(sql.text, sql.values);
  const apiIds = first.items.map((i) => i.id).join(',');
  const rawIds = rawRows.rows
    .slice(0, first.items.length)
    .map((r) => r.id)
    .join(',');
  if (apiIds !== rawIds)
    throw new Error(`${spec.name}: the raw SQL baseline returns other rows than the API`);
  const plan = await explain(raw, sql, indexFields);

  const apiSamples: number[] = [];
  const rawSamples: number[] = [];
  const apiOnce = async () => {
    const start = process.hrtime.bigint();
    await expectStatus(http, 'GET', spec.path, 200);
    return msSince(start);
  };
  const rawOnce = async () => {
    const start = process.hrtime.bigint();
    await raw.query(sql.text, sql.values);
    return msSince(start);
  };
  // Warm-up is bounded in time too: a query that takes a second needs no ten rounds to warm caches.
  const warmStart = process.hrtime.bigint();
  for (let i = 0; i < options.warmup && msSince(warmStart) < options.budgetMs / 5; i += 1) {
    await apiOnce();
    await rawOnce();
  }
  const started = process.hrtime.bigint();
  // Alternating API and raw samples one at a time cancels drift (autovacuum, cache state) between them.
  while (apiSamples.length < options.samples && msSince(started) < options.budgetMs) {
    apiSamples.push(await apiOnce());
    rawSamples.push(await rawOnce());
  }
  const result: QueryResult = {
    spec,
    api: summarize(apiSamples),
    raw: summarize(rawSamples),
    items: first.items.length,
    statements: statements.map((s) => statementLabel(s.text)),
    sql,
    plan,
  };
  options.log(
    `  ${spec.name}: API p50 ${result.api.p50.toFixed(1)} ms, raw p50 ${result.raw.p50.toFixed(1)} ms, n=${result.api.n}`,
  );
  return result;
}

/** The cursor format the list endpoint hands out (base64url JSON of the sort value and the id). */
export function decodeCursor(cursor: string): { v: string | null; id: string } {
  return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v: string | null; id: string };
}

export function encodeCursor(cursor: { v: string | null; id: string }): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/**
 * A cursor `offset` rows deep, computed in SQL instead of following thousands of pages. It is
 * checked against the API: the cursor of its own first page must equal the one computed here for
 * that position, so a change of the cursor format fails the benchmark instead of skewing it.
 */
export async function deepCursor(
  env: BenchEnv,
  user: BenchUser,
  entity: string,
  sortParam: string,
  sortExpr: string,
  offset: number,
): Promise<string> {
  const desc = sortParam.startsWith('-') ? 'DESC' : 'ASC';
  const at = async (position: number) => {
    const row = await env.pool.query<{ v: string | null; id: string }>(
      `SELECT (${sortExpr})::text AS v, r.id FROM records r WHERE r.entity = $1 AND r.deleted_at IS NULL
       ORDER BY ${sortExpr} ${desc} NULLS LAST, r.id ${desc} OFFSET $2 LIMIT 1`,
      [entity, position],
    );
    const found = row.rows[0];
    if (!found) throw new Error(`no row at position ${position}`);
    return found;
  };
  const client = env.inProcessClient(1, user);
  try {
    const page = (await expectStatus(
      client,
      'GET',
      `/api/records/${entity}?sort=${sortParam}&limit=50`,
      200,
    )) as ListBody;
    if (!page.nextCursor) throw new Error('the first page has no next cursor');
    const apiCursor = decodeCursor(page.nextCursor);
    const computed = await at(49);
    if (apiCursor.id !== computed.id || apiCursor.v !== computed.v)
      throw new Error(
        `cursor format changed: API ${JSON.stringify(apiCursor)} vs computed ${JSON.stringify(computed)}`,
      );
    const cursor = encodeCursor(await at(offset - 1));
    const deep = (await expectStatus(
      client,
      'GET',
      `/api/records/${entity}?sort=${sortParam}&limit=50&cursor=${cursor}`,
      200,
    )) as ListBody;
    if (deep.items[0]?.id !== (await at(offset)).id)
      throw new Error(`the deep page does not start at position ${offset}`);
    return cursor;
  } finally {
    client.close();
  }
}
