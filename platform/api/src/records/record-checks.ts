import { sql } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/db';
import { isPgError } from '../db/db';
import { ConflictError, type ProblemEntry } from '../http/problems';
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
      if (!found)
        errors.push({
          field: field.key,
          pointer: `/data/${field.key}`,
          rule: 'reference',
          message: `${field.label}: no ${field.entity} record with this id exists or you may not see it.`,
        });
    } else if (field.type === 'user') {
      const found =
        isUuid(value) && (await db.one(sql<{ id: string }>`SELECT id FROM users WHERE id = ${value}`));
      if (!found)
        errors.push({
          field: field.key,
          pointer: `/data/${field.key}`,
          rule: 'reference',
          message: `${field.label}: no such user.`,
        });
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
