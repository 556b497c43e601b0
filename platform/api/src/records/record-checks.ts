import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/db';
import { isPgError } from '../db/db';
import { ConflictError, ValidationError, type ProblemEntry } from '../http/problems';
import { isUuid } from '../http/validate';
import { visibleTo } from '../rbac/visibility';
import { entityLiteral, fieldExpression, type EntityLike, type FieldLike, typedParam } from './field-sql';

/** Comparable value of a field inside record data (the amount of a money value). */
export function comparableValue(field: FieldLike, data: Record<string, unknown>): unknown {
  const value = data[field.key];
  if (field.type === 'money' && typeof value === 'object' && value !== null && 'amount' in value)
    return (value as { amount: unknown }).amount;
  return value;
}

function referenceProblem(field: FieldLike): ProblemEntry {
  return {
    field: field.key,
    pointer: `/data/${field.key}`,
    rule: 'reference',
    message:
      field.type === 'reference'
        ? `${field.label}: no ${field.entity} record with this id exists or you may not see it.`
        : `${field.label}: no such user.`,
  };
}

/**
 * The reference and unique checks of a write as SQL, so they run inside the write's own statement
 * (one round trip instead of one per field): `select` yields one row with a boolean column per
 * reference or user field and the id of a conflicting record per unique field; the write proceeds
 * only `where` they all pass. `assertPassed` turns that row into the same problems as
 * referenceErrors (422, first) and assertUnique (409).
 */
export interface WriteChecks {
  select: RawBuilder<unknown>;
  where: RawBuilder<boolean>;
  assertPassed(row: Record<string, unknown>): void;
}

export function writeChecks(
  actor: Actor,
  entity: EntityLike,
  data: Record<string, unknown>,
  selfId?: string,
): WriteChecks {
  const columns: RawBuilder<unknown>[] = [sql`true AS chk_row`];
  const passes: RawBuilder<unknown>[] = [sql`true`];
  const refs: { field: FieldLike; column: string }[] = [];
  const uniques: { field: FieldLike; column: string }[] = [];
  for (const field of entity.fields) {
    const value = data[field.key];
    if (value === undefined || value === null) continue;
    const isRef = field.type === 'reference' && field.entity;
    if (!isRef && field.type !== 'user') continue;
    const column = `chk_ref_${refs.length}`;
    refs.push({ field, column });
    const exists = !isUuid(value)
      ? sql`false`
      : isRef
        ? // Only the primary key restricts the scan, the rest is evaluated on the row found: with one
          // partial index per indexed field on records, this plans markedly faster than a WHERE
          // holding every condition (the planner tries each clause against each index).
          sql`(SELECT r.entity = ${field.entity} AND r.deleted_at IS NULL AND ${visibleTo(actor)}
            FROM records r WHERE r.id = ${value}::uuid) IS TRUE`
        : sql`EXISTS (SELECT 1 FROM users WHERE id = ${value}::uuid)`;
    columns.push(sql`${exists} AS ${sql.ref(column)}`);
    passes.push(sql.ref(column));
  }
  for (const field of entity.fields) {
    if (!field.unique) continue;
    const value = comparableValue(field, data);
    if (value === undefined || value === null) continue;
    const column = `chk_uniq_${uniques.length}`;
    uniques.push({ field, column });
    columns.push(sql`(SELECT r.id FROM records r
      WHERE r.entity = ${entityLiteral(entity.key)} AND r.deleted_at IS NULL
        AND ${fieldExpression(field)} = ${typedParam(field, value)}
        ${selfId ? sql`AND r.id <> ${selfId}::uuid` : sql``} LIMIT 1) AS ${sql.ref(column)}`);
    passes.push(sql`${sql.ref(column)} IS NULL`);
  }
  return {
    select: sql`SELECT ${sql.join(columns)}`,
    where: sql<boolean>`${sql.join(passes, sql` AND `)}`,
    assertPassed(row) {
      const errors = refs.filter((r) => row[r.column] !== true).map((r) => referenceProblem(r.field));
      if (errors.length > 0) throw new ValidationError('Some references are not valid.', errors);
      for (const { field, column } of uniques) {
        const existing = row[column];
        if (typeof existing === 'string') throw uniqueConflict(field, existing);
      }
    },
  };
}

/** Every reference points at a visible, live record of the right entity; every user field at a user. */
export async function referenceErrors(
  db: Db,
  actor: Actor,
  entity: EntityLike,
  data: Record<string, unknown>,
): Promise<ProblemEntry[]> {
  const errors: ProblemEntry[] = [];
  for (const field of entity.fields) {
    const value = data[field.key];
    if (value === undefined || value === null) continue;
    if (field.type === 'reference' && field.entity) {
      const found =
        isUuid(value) &&
        (await db.one(sql<{ id: string }>`SELECT r.id FROM records r WHERE r.id = ${value}
          AND r.entity = ${field.entity} AND r.deleted_at IS NULL AND ${visibleTo(actor)}`));
      if (!found) errors.push(referenceProblem(field));
    } else if (field.type === 'user') {
      const found =
        isUuid(value) && (await db.one(sql<{ id: string }>`SELECT id FROM users WHERE id = ${value}`));
      if (!found) errors.push(referenceProblem(field));
    }
  }
  return errors;
}

function uniqueConflict(field: FieldLike, existingId: string): ConflictError {
  return new ConflictError(
    `Another record already has this ${field.label}.`,
    [
      {
        field: field.key,
        pointer: `/data/${field.key}`,
        rule: 'unique',
        message: `${field.label} must be unique; record ${existingId} has the same value.`,
      },
    ],
    { existingRecordId: existingId },
  );
}

/** Checks unique fields before writing, so the 409 can name the record that holds the value. */
export async function assertUnique(
  db: Db,
  entity: EntityLike,
  data: Record<string, unknown>,
  selfId?: string,
): Promise<void> {
  for (const field of entity.fields) {
    if (!field.unique) continue;
    const value = comparableValue(field, data);
    if (value === undefined || value === null) continue;
    const existing = await db.one(sql<{ id: string }>`SELECT r.id FROM records r
      WHERE r.entity = ${entityLiteral(entity.key)} AND r.deleted_at IS NULL
        AND ${fieldExpression(field)} = ${typedParam(field, value)}
        ${selfId ? sql`AND r.id <> ${selfId}` : sql``} LIMIT 1`);
    if (existing) throw uniqueConflict(field, existing.id);
  }
}

/** A concurrent writer can still win the race: map the index violation to the same 409. */
export async function mapUniqueViolation(
  db: Db,
  error: unknown,
  entity: EntityLike,
  data: Record<string, unknown>,
): Promise<never> {
  if (isPgError(error) && error.code === '23505' && error.constraint) {
    const index = await db.one(
      sql<{ field: string | null }>`SELECT field FROM record_indexes WHERE index_name = ${error.constraint}`,
    );
    const field = entity.fields.find((f) => f.key === index?.field);
    if (field) {
      const existing = await db.one(sql<{
        id: string;
      }>`SELECT r.id FROM records r WHERE r.entity = ${entityLiteral(entity.key)}
        AND r.deleted_at IS NULL AND ${fieldExpression(field)} = ${typedParam(field, comparableValue(field, data))} LIMIT 1`);
      throw uniqueConflict(field, existing?.id ?? 'unknown');
    }
  }
  throw error;
}
