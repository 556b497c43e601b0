import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/db';
import { ConflictError } from '../http/problems';
import {
  entityLiteral,
  fieldExpressionText,
  safeKey,
  type EntityLike,
  type FieldLike,
} from '../records/field-sql';

interface IndexSpec {
  name: string;
  field: string | null;
  kind: 'unique' | 'index' | 'search';
  definition: string;
}

/** Index names are derived from (entity, field, type, kind): safe, ≤ 63 bytes, stable across publishes. */
function indexName(...parts: string[]): string {
  return `rec_${createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 24)}`;
}

function fieldIndex(entity: string, field: FieldLike): IndexSpec {
  const unique = field.unique === true;
  const expr = fieldExpressionText(field);
  const kind = unique ? 'unique' : 'index';
  const name = indexName(entity, field.key, field.type, kind);
  // Plain indexes include id so that sorted keyset pages over (value, id) are index scans.
  const columns = unique ? `(${expr})` : `(${expr}), id`;
  const definition = `CREATE ${unique ? 'UNIQUE ' : ''}INDEX "${name}" ON records (${columns}) WHERE entity = '${entity}' AND deleted_at IS NULL`;
  return { name, field: field.key, kind, definition };
}

function searchIndex(entity: string): IndexSpec {
  const name = indexName(entity, 'search');
  const definition = `CREATE INDEX "${name}" ON records USING gin (search_text gin_trgm_ops) WHERE entity = '${entity}' AND deleted_at IS NULL`;
  return { name, field: null, kind: 'search', definition };
}

/**
 * PostgreSQL keeps no statistics for the expressions of partial indexes, so without these the
 * planner guesses a fixed selectivity for every field predicate and cannot weigh an ordered index
 * walk against a bitmap scan plus sort. Expression statistics (PostgreSQL 14+) give it the value
 * distribution; pairing the expression with `entity` also captures how the two correlate.
 */
function statisticsName(index: IndexSpec): string {
  return `${index.name}_stat`;
}

function statisticsDdl(entity: EntityLike, index: IndexSpec): string | undefined {
  const field = entity.fields.find((f) => f.key === index.field);
  if (index.kind === 'search' || !field) return undefined;
  return `CREATE STATISTICS IF NOT EXISTS "${statisticsName(index)}" ON entity, (${fieldExpressionText(field)}) FROM records`;
}

export function desiredIndexes(entity: EntityLike): IndexSpec[] {
  const key = safeKey(entity.key);
  const specs = entity.fields
    .filter((f) => f.indexed === true || f.unique === true)
    .map((f) => fieldIndex(key, f));
  return [...specs, searchIndex(key)];
}

async function assertNoDuplicates(tx: Db, entity: EntityLike, field: FieldLike): Promise<void> {
  const expr = sql.raw(fieldExpressionText(field, 'r.data'));
  const dup = await tx.one(sql<{
    value: string;
    count: string;
  }>`SELECT (${expr})::text AS value, count(*)::text AS count
    FROM records r WHERE r.entity = ${entityLiteral(entity.key)} AND r.deleted_at IS NULL AND ${expr} IS NOT NULL
    GROUP BY ${expr} HAVING count(*) > 1 LIMIT 1`);
  if (dup)
    throw new ConflictError(
      `${entity.label}: ${field.label} cannot become unique while ${dup.count} records share the value "${dup.value}".`,
      [
        {
          kind: 'entity',
          key: entity.key,
          field: field.key,
          rule: 'unique',
          message: `${dup.count} records share the value "${dup.value}".`,
        },
      ],
    );
}

/**
 * Makes the real PostgreSQL indexes of an entity match its published definition: typed expression
 * indexes (UNIQUE where the field is unique) partial on the entity's live rows, and a trigram
 * index on the search text. DDL cannot take parameters, so only validated keys and generated
 * names are inlined.
 */
export async function syncRecordIndexes(
  tx: Db,
  entity: EntityLike,
): Promise<{ created: string[]; dropped: string[] }> {
  const desired = desiredIndexes(entity);
  const existing = await tx.query(
    sql<{ index_name: string }>`SELECT index_name FROM record_indexes WHERE entity = ${entity.key}`,
  );
  const existingNames = new Set(existing.map((r) => r.index_name));
  const desiredNames = new Set(desired.map((d) => d.name));
  const dropped: string[] = [];
  for (const { index_name } of existing) {
    if (desiredNames.has(index_name)) continue;
    await tx.query(sql`DROP INDEX IF EXISTS ${sql.id(index_name)}`);
    await tx.query(sql`DROP STATISTICS IF EXISTS ${sql.id(`${index_name}_stat`)}`);
    await tx.query(sql`DELETE FROM record_indexes WHERE index_name = ${index_name}`);
    dropped.push(index_name);
  }
  const created: string[] = [];
  let newStatistics = false;
  for (const spec of desired) {
    const statistics = statisticsDdl(entity, spec);
    if (statistics !== undefined) {
      // Idempotent, so indexes published before statistics existed get theirs on the next publish.
      const known = await tx.one(
        sql<{ n: string }>`SELECT 1::text AS n FROM pg_statistic_ext WHERE stxname = ${statisticsName(spec)}`,
      );
      if (!known) {
        await tx.query(sql.raw(statistics));
        newStatistics = true;
      }
    }
    if (existingNames.has(spec.name)) continue;
    const field = entity.fields.find((f) => f.key === spec.field);
    if (spec.kind === 'unique' && field) await assertNoDuplicates(tx, entity, field);
    await tx.query(sql.raw(spec.definition));
    await tx.query(sql`INSERT INTO record_indexes (index_name, entity, field, kind, definition)
      VALUES (${spec.name}, ${entity.key}, ${spec.field}, ${spec.kind}, ${spec.definition})`);
    created.push(spec.name);
  }
  // New statistics are empty and a new index has none until the next autovacuum analyze.
  if (newStatistics || created.length > 0) await tx.query(sql`ANALYZE records`);
  return { created, dropped };
}

/** Rebuilds the search text of an entity's records from its current searchable fields. */
export async function refreshSearchText(tx: Db, entity: EntityLike): Promise<void> {
  const parts = entity.fields
    .filter((f) => ['text', 'longText', 'email', 'phone', 'url', 'enum'].includes(f.type))
    .map((f) => `data->>'${safeKey(f.key)}'`);
  const expr = parts.length > 0 ? `left(concat_ws(' ', ${parts.join(', ')}), 10000)` : `''`;
  await tx.query(sql`UPDATE records SET search_text = ${sql.raw(expr)} WHERE entity = ${entity.key}
    AND search_text IS DISTINCT FROM ${sql.raw(expr)}`);
}
