import { sql } from 'kysely';
import type { Db } from '../db/db';
import { BadRequestError, ConflictError, type ProblemEntry } from '../http/problems';
import { isPlainObject } from '../http/validate';
import type { EntityLike } from '../records/field-sql';
import { language } from './language';

/** What to do with the stored values of a removed or retyped field. Only `clear` exists so far. */
export type FieldMigration = 'clear';

/** Per entity key, per field key. */
export type DataMigration = Record<string, Record<string, FieldMigration>>;

/**
 * Reads a migration from a request: either `{ "<field>": "clear" }` (applies to every entity being
 * published) or `{ "<entity>": { "<field>": "clear" } }`.
 */
export function parseMigration(raw: unknown, entityKeys: string[]): DataMigration {
  if (raw === undefined) return {};
  if (!isPlainObject(raw)) throw new BadRequestError('"migration" must be an object.');
  const out: DataMigration = {};
  const errors: ProblemEntry[] = [];
  const add = (entity: string, field: string, op: unknown) => {
    if (op !== 'clear')
      errors.push({
        field,
        rule: 'migration',
        message: `Unknown migration "${String(op)}" for ${field}; use "clear".`,
      });
    else (out[entity] ??= {})[field] = op;
  };
  for (const [key, value] of Object.entries(raw)) {
    if (isPlainObject(value)) for (const [field, op] of Object.entries(value)) add(key, field, op);
    else for (const entity of entityKeys) add(entity, key, value);
  }
  if (errors.length > 0) throw new BadRequestError('The migration is not valid.', errors);
  return out;
}

async function affectedCount(tx: Db, entity: string, field: string): Promise<number> {
  const row = await tx.one(sql<{ count: string }>`SELECT count(*)::text AS count FROM records
    WHERE entity = ${entity} AND deleted_at IS NULL AND coalesce(jsonb_typeof(data->${field}), 'null') <> 'null'`);
  return Number(row?.count ?? 0);
}

/**
 * Refuses a publish that would orphan or mistype stored values, unless the request says what to
 * do with them; applies the requested migration in the publish transaction. Returns what changed.
 */
export async function applyDataMigration(
  tx: Db,
  previous: EntityLike,
  next: EntityLike,
  migration: Record<string, FieldMigration> = {},
): Promise<{ field: string; action: FieldMigration; records: number }[]> {
  const refused: ProblemEntry[] = [];
  const applied: { field: string; action: FieldMigration; records: number }[] = [];
  let total = 0;
  for (const change of language.destructiveFieldChanges(previous, next)) {
    const field = previous.fields.find((f) => f.key === change.fieldKey);
    const label = field?.label ?? change.fieldKey;
    const count = await affectedCount(tx, next.key, change.fieldKey);
    if (count === 0) continue;
    const action = migration[change.fieldKey];
    if (action === 'clear') {
      await tx.query(sql`UPDATE records SET data = data - ${change.fieldKey}::text, version = version + 1, updated_at = now()
        WHERE entity = ${next.key} AND data->${change.fieldKey} IS NOT NULL`);
      applied.push({ field: change.fieldKey, action, records: count });
      continue;
    }
    total += count;
    const what =
      change.change === 'removed'
        ? 'removes'
        : `changes the type (${change.from} → ${change.to ?? change.from}) of`;
    refused.push({
      kind: 'entity',
      key: next.key,
      field: change.fieldKey,
      rule: 'destructiveChange',
      message: `This version ${what} the field ${label}, which holds data in ${count} records. Add { "migration": { "${change.fieldKey}": "clear" } } to clear it.`,
    });
  }
  if (refused.length > 0)
    throw new ConflictError(`Publishing would affect data in ${total} records of ${next.label}.`, refused, {
      affectedRecords: total,
    });
  return applied;
}
