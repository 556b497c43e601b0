import type { FilterOp, FilterOpList, ListResult } from '@crm/definitions';
import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/db';
import { BadRequestError, type ProblemEntry } from '../http/problems';
import { visibleTo } from '../rbac/visibility';
import {
  entityLiteral,
  fieldExpression,
  sqlKindOf,
  type EntityLike,
  type FieldLike,
  type SqlKind,
} from './field-sql';
import { RECORD_COLUMNS, toRecordView, type RecordRow } from './record-row';

/** Equal to the wire's list element for element: an operator added on one side alone does not compile. */
export const FILTER_OPS = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'contains',
  'isSet',
] as const satisfies FilterOpList;

export interface Filter {
  field: string;
  op: FilterOp;
  value: string;
}

export interface ListQuery {
  filters: Filter[];
  sort?: string;
  limit?: number;
  cursor?: string;
  q?: string;
}

/** A sortable, filterable column: a definition field or a system column. */
interface Column {
  key: string;
  expr: RawBuilder<unknown>;
  kind: SqlKind | 'timestamp' | 'uuid';
  /** Whether the column can be NULL: such sorts page through a separate NULL tail. */
  nullable: boolean;
  field?: FieldLike;
}

const SYSTEM_COLUMNS: Record<string, Column> = {
  createdAt: { key: 'createdAt', expr: sql.raw('r.created_at'), kind: 'timestamp', nullable: false },
  updatedAt: { key: 'updatedAt', expr: sql.raw('r.updated_at'), kind: 'timestamp', nullable: false },
  stage: { key: 'stage', expr: sql.raw('r.stage'), kind: 'text', nullable: true },
  status: { key: 'status', expr: sql.raw('r.status'), kind: 'text', nullable: false },
  ownerId: { key: 'ownerId', expr: sql.raw('r.owner_id'), kind: 'uuid', nullable: true },
};

/** The system columns a list filters and sorts by besides the entity's fields (saved views check against them). */
export const SYSTEM_COLUMN_KEYS: readonly string[] = Object.keys(SYSTEM_COLUMNS);

const MAX_LIMIT = 200;

function columnOf(entity: EntityLike, key: string): Column | undefined {
  const system = SYSTEM_COLUMNS[key];
  if (system) return system;
  const field = entity.fields.find((f) => f.key === key);
  return field && { key, expr: fieldExpression(field), kind: sqlKindOf(field), nullable: true, field };
}

function cast(column: Column, value: unknown): RawBuilder<unknown> {
  switch (column.kind) {
    case 'numeric':
      return sql`${value}::numeric`;
    case 'timestamp':
      return sql`${value}::timestamptz`;
    case 'uuid':
      return sql`${value}::uuid`;
    case 'text':
      return sql`${value}::text`;
    default:
      throw new Error(`unknown column kind ${String(column.kind satisfies never)}`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks one filter value against the column type, so a bad value is a 400, never a failed cast. */
function checkValue(column: Column, value: string, errors: ProblemEntry[]): void {
  const bad =
    (column.kind === 'numeric' && (value.trim() === '' || !Number.isFinite(Number(value)))) ||
    (column.kind === 'timestamp' && Number.isNaN(Date.parse(value))) ||
    (column.kind === 'uuid' && !UUID.test(value));
  if (bad)
    errors.push({
      field: column.key,
      rule: 'type',
      message: `"${value}" is not a valid value for ${column.key}.`,
    });
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function filterSql(column: Column, filter: Filter, errors: ProblemEntry[]): RawBuilder<unknown> {
  const { op, value } = filter;
  const isMulti = column.field?.type === 'multiEnum';
  switch (op) {
    case 'isSet': {
      if (value !== 'true' && value !== 'false')
        errors.push({ field: column.key, rule: 'type', message: 'isSet takes true or false.' });
      const set = column.field
        ? sql`coalesce(jsonb_typeof(r.data->${column.field.key}), 'null') <> 'null'`
        : sql`${column.expr} IS NOT NULL`;
      return value === 'false' ? sql`NOT (${set})` : set;
    }
    case 'contains':
      if (isMulti && column.field)
        return sql`r.data->${column.field.key} @> ${JSON.stringify([value])}::jsonb`;
      return sql`${column.expr}::text ILIKE ${'%' + escapeLike(value) + '%'}`;
    case 'in': {
      const values = value.split(',');
      values.forEach((v) => checkValue(column, v, errors));
      if (isMulti && column.field) {
        const key = column.field.key;
        return sql`(${sql.join(
          values.map((v) => sql`r.data->${key} @> ${JSON.stringify([v])}::jsonb`),
          sql` OR `,
        )})`;
      }
      return sql`${column.expr} IN (${sql.join(values.map((v) => cast(column, v)))})`;
    }
    case 'eq':
    case 'ne':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      checkValue(column, value, errors);
      if (isMulti && column.field && (op === 'eq' || op === 'ne')) {
        const has = sql`r.data->${column.field.key} @> ${JSON.stringify([value])}::jsonb`;
        return op === 'eq' ? has : sql`NOT coalesce(${has}, false)`;
      }
      const operator = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' }[op];
      const comparison = sql`${column.expr} ${sql.raw(operator)} ${cast(column, value)}`;
      return op === 'ne' ? sql`(${column.expr} IS NULL OR ${comparison})` : comparison;
    }
    default:
      throw new Error(`unknown filter op ${String(op satisfies never)}`);
  }
}

interface Cursor {
  v: string | null;
  id: string;
}

function decodeCursor(cursor: string): Cursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'id' in parsed && 'v' in parsed) {
      const { id, v } = parsed as { id: unknown; v: unknown };
      if (typeof id === 'string' && UUID.test(id) && (v === null || typeof v === 'string')) return { id, v };
    }
  } catch {
    // fall through to the 400 below
  }
  throw new BadRequestError('The cursor is not valid; start again from the first page.');
}

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');

type PageRow = RecordRow & { sort_value: string | null };

/**
 * Keyset pagination over (sort value, id) with NULLs last in both directions: a page boundary is
 * a position in that order, so pages stay stable while rows are inserted and cost the same at any
 * depth. The non-NULL values and the NULL tail are two separate index-ordered scans: each orders by
 * (value, id) in the direction's default NULL order, which is exactly what a forward or backward
 * walk of the (value, id) index yields, and each continues from the cursor with a row comparison,
 * which is an index condition (an OR of comparisons is not). A cursor whose value is NULL is in the
 * NULL tail.
 */
function pageSql(
  column: Column,
  desc: boolean,
  where: RawBuilder<unknown>[],
  cursor: Cursor | undefined,
  limit: number,
): RawBuilder<PageRow> {
  const direction = sql.raw(desc ? 'DESC' : 'ASC');
  const beyond = sql.raw(desc ? '<' : '>');
  const { expr } = column;
  const branch = (conditions: RawBuilder<unknown>[], phase: 0 | 1) => sql`
    SELECT ${RECORD_COLUMNS}, (${expr})::text AS sort_value, ${expr} AS sort_key, ${sql.raw(String(phase))} AS phase
    FROM records r WHERE ${sql.join([...where, ...conditions], sql` AND `)}
    ORDER BY ${expr} ${direction}, r.id ${direction} LIMIT ${limit + 1}`;
  const nullTail = (after: string | undefined) =>
    branch([sql`${expr} IS NULL`, ...(after === undefined ? [] : [sql`r.id ${beyond} ${after}::uuid`])], 1);
  if (cursor?.v === null) return sql<PageRow>`${nullTail(cursor.id)}`;
  const valued = branch(
    cursor === undefined
      ? column.nullable
        ? [sql`${expr} IS NOT NULL`]
        : []
      : [sql`(${expr}, r.id) ${beyond} (${cast(column, cursor.v)}, ${cursor.id}::uuid)`],
    0,
  );
  if (!column.nullable) return sql<PageRow>`${valued}`;
  // Both branches are limited, so the outer sort sees at most 2 × (limit + 1) rows; it makes the
  // order explicit (an Append may interleave its inputs under parallelism).
  return sql<PageRow>`SELECT * FROM ((${valued}) UNION ALL (${nullTail(undefined)})) page
    ORDER BY page.phase, page.sort_key ${direction}, page.id ${direction} LIMIT ${limit + 1}`;
}

export async function listRecords(
  db: Db,
  actor: Actor,
  entity: EntityLike,
  query: ListQuery,
): Promise<ListResult> {
  const errors: ProblemEntry[] = [];
  const where: RawBuilder<unknown>[] = [
    sql`r.entity = ${entityLiteral(entity.key)}`,
    sql`r.deleted_at IS NULL`,
    visibleTo(actor),
  ];
  for (const filter of query.filters) {
    const column = columnOf(entity, filter.field);
    if (!column)
      errors.push({
        field: filter.field,
        rule: 'unknownField',
        message: `${entity.label} has no field "${filter.field}".`,
      });
    else where.push(filterSql(column, filter, errors));
  }
  if (query.q !== undefined && query.q.trim() !== '')
    where.push(sql`r.search_text ILIKE ${'%' + escapeLike(query.q.trim()) + '%'}`);

  const sortKey = query.sort ?? '-createdAt';
  const desc = sortKey.startsWith('-');
  const sortColumn = columnOf(entity, desc ? sortKey.slice(1) : sortKey);
  if (!sortColumn)
    errors.push({ field: sortKey, rule: 'unknownField', message: `Cannot sort by "${sortKey}".` });
  const limit = query.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    errors.push({
      field: 'limit',
      rule: 'range',
      message: `limit must be an integer from 1 to ${MAX_LIMIT}.`,
    });
  if (errors.length > 0 || !sortColumn) throw new BadRequestError('The list query is not valid.', errors);

  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  if (cursor?.v != null) {
    const cursorErrors: ProblemEntry[] = [];
    checkValue(sortColumn, cursor.v, cursorErrors);
    if (cursorErrors.length > 0)
      throw new BadRequestError('The cursor does not fit this sort; start again from the first page.');
  }
  const rows = await db.query(pageSql(sortColumn, desc, where, cursor, limit));
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toRecordView),
    nextCursor: rows.length > limit && last ? encodeCursor({ v: last.sort_value, id: last.id }) : null,
  };
}
