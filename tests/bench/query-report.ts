import type { QueryResult } from './query-phase';
import { fmt, table } from './stats';

function verdict(result: QueryResult, all: QueryResult[]): string {
  const { target } = result.spec;
  switch (target.kind) {
    case 'none':
      return '';
    case 'p95':
      return `p95 ≤ ${target.ms} ms: ${result.api.p95 <= target.ms ? 'met' : 'NOT met'}`;
    case 'deepVsFirst': {
      const first = all.find((r) => r.spec.name === target.first);
      if (!first) return 'first page missing';
      const p50 = result.api.p50 / first.api.p50;
      const p95 = result.api.p95 / first.api.p95;
      const met = p50 <= target.factor && p95 <= target.factor;
      // A ratio of two full table scans says nothing about keyset paging: flag it instead of calling
      // it met. (A final sort of the few rows two limited index scans return is not a table sort.)
      const scans = result.plan.seqScanOnRecords || first.plan.seqScanOnRecords;
      const verdictText = met ? (scans ? 'met only because both pages scan the table' : 'met') : 'NOT met';
      return `≤ ${target.factor}× first: p50 ${fmt(p50, 2)}×, p95 ${fmt(p95, 2)}× ${verdictText}`;
    }
    default:
      throw new Error(`unknown target ${JSON.stringify(target satisfies never)}`);
  }
}

export function report(results: QueryResult[]): string {
  const ms = (v: number) => fmt(v, 1);
  const latency = table(
    ['query', 'user', 'n', 'API p50', 'API p95', 'API p99', 'SQL p50', 'SQL p95', 'SQL p99', 'target'],
    results.map((r) => [
      r.spec.name,
      r.spec.user,
      String(r.api.n),
      ms(r.api.p50),
      ms(r.api.p95),
      ms(r.api.p99),
      ms(r.raw.p50),
      ms(r.raw.p95),
      ms(r.raw.p99),
      verdict(r, results),
    ]),
  );
  const plans = table(
    ['query', 'index used', 'seq scan', 'sort', 'rows filtered out', 'exec ms', 'plan'],
    results.map((r) => [
      r.spec.name,
      r.plan.indexes.length > 0 ? r.plan.indexes.join(', ') : 'NONE',
      r.plan.seqScanOnRecords ? 'YES' : 'no',
      r.plan.sorts.join(', ') || '-',
      r.plan.rowsRemovedByFilter.toLocaleString('en'),
      fmt(r.plan.executionMs, 1),
      r.plan.shape,
    ]),
  );
  const statements = results[0]?.statements.join('; ') ?? '';
  const problems = results
    .filter((r) => r.plan.seqScanOnRecords || r.plan.sorts.length > 0 || r.plan.indexes.length === 0)
    .map((r) =>
      [
        `### ${r.spec.name}: GET ${r.spec.path}`,
        'SQL:',
        r.sql.text.trim(),
        `params: ${JSON.stringify(r.sql.values)}`,
        'plan:',
        r.plan.text,
      ].join('\n'),
    );
  return [
    'Latency in ms over HTTP (API) and of the identical SQL statement through node-pg (SQL), one request at a time:',
    latency,
    '',
    `Statements per list request (admin): ${results[0]?.statements.length ?? 0} — ${statements}`,
    '',
    'Plans (EXPLAIN ANALYZE of the statement the API ran):',
    plans,
    '',
    problems.length > 0
      ? 'Plans that sort or scan instead of reading an index in order:\n\n' + problems.join('\n\n')
      : '',
  ].join('\n');
}
