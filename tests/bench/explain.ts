import type { PoolClient } from 'pg';
import type { CapturedQuery } from './sql-capture';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Scan Direction'?: string;
  'Sort Method'?: string;
  'Rows Removed by Filter'?: number;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

export interface PlanSummary {
  /** Node chain, e.g. "Limit > Index Scan Backward rec_…(amount)". */
  shape: string;
  indexes: string[];
  seqScanOnRecords: boolean;
  sorts: string[];
  rowsRemovedByFilter: number;
  executionMs: number;
  /** The full EXPLAIN (ANALYZE, BUFFERS) text, kept for queries that need fixing. */
  text: string;
}

function walk(node: PlanNode, visit: (node: PlanNode, depth: number) => void, depth = 0): void {
  visit(node, depth);
  for (const child of node.Plans ?? []) walk(child, visit, depth + 1);
}

/** EXPLAIN ANALYZE of exactly the statement the API ran, with its parameters. */
export async function explain(
  client: PoolClient,
  query: CapturedQuery,
  indexFields: ReadonlyMap<string, string>,
): Promise<PlanSummary> {
  const json = await client.query<{ 'QUERY PLAN': { Plan: PlanNode; 'Execution Time': number }[] }>(
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query.text}`,
    query.values,
  );
  const root = json.rows[0]?.['QUERY PLAN'][0];
  if (!root) throw new Error('EXPLAIN returned no plan');
  const parts: string[] = [];
  const indexes: string[] = [];
  const sorts: string[] = [];
  let seqScanOnRecords = false;
  let removed = 0;
  walk(root.Plan, (node) => {
    const index = node['Index Name'];
    const label = index ? `${index}(${indexFields.get(index) ?? 'platform index'})` : undefined;
    if (label && !indexes.includes(label)) indexes.push(label);
    if (node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'records') seqScanOnRecords = true;
    if (node['Sort Method']) sorts.push(node['Sort Method']);
    removed += (node['Rows Removed by Filter'] ?? 0) * (node['Actual Loops'] ?? 1);
    const direction = node['Scan Direction'] === 'Backward' ? ' Backward' : '';
    parts.push(
      `${node['Node Type']}${direction}${label ? ` ${label}` : ''}${node['Relation Name'] && !label ? ` on ${node['Relation Name']}` : ''}`,
    );
  });
  const text = await client.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS) ${query.text}`,
    query.values,
  );
  return {
    shape: parts.join(' > '),
    indexes,
    seqScanOnRecords,
    sorts,
    rowsRemovedByFilter: removed,
    executionMs: root['Execution Time'],
    text: text.rows.map((r) => r['QUERY PLAN']).join('\n'),
  };
}
