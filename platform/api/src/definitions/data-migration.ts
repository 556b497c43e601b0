import { createAjv, fieldValueSchema, type FieldDefinition } from '@crm/definitions';
import { sql } from 'kysely';
import type { Db } from '../db/db';
import { BadRequestError, ConflictError, type ProblemEntry } from '../http/problems';
import { isPlainObject } from '../http/validate';
import type { EntityLike } from '../records/field-sql';
import { language } from './language';

/**
 * What to do with the stored values of a removed or retyped field: `clear` drops them; `moveTo`
 * carries a removed field's values into a new field of the same type (a renamed key).
 */
export type FieldMigration = 'clear' | { moveTo: string };

/** What a migration did to one field's values. */
export interface MigratedField {
  field: string;
  action: 'clear' | 'move';
  records: number;
  /** The field the values moved to. */
  to?: string;
}

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
    if (op === 'clear') (out[entity] ??= {})[field] = op;
    else if (isMove(op)) (out[entity] ??= {})[field] = { moveTo: op.moveTo };
    else
      errors.push({
        field,
        rule: 'migration',
        message: `Unknown migration ${JSON.stringify(op)} for ${field}; use "clear" or { "moveTo": "<field>" }.`,
      });
  };
  for (const [key, value] of Object.entries(raw)) {
    // `{ "moveTo": … }` is an operation (no field key has capitals); any other object is an entity's map.
    if (isPlainObject(value) && !('moveTo' in value))
      for (const [field, op] of Object.entries(value)) add(key, field, op);
    else for (const entity of entityKeys) add(entity, key, value);
  }
  if (errors.length > 0) throw new BadRequestError('The migration is not valid.', errors);
  return out;
}

const isMove = (op: unknown): op is { moveTo: string } =>
  isPlainObject(op) &&
  Object.keys(op).length === 1 &&
  typeof op.moveTo === 'string' &&
  /^[a-z][a-z0-9_]{0,62}$/.test(op.moveTo);

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
): Promise<MigratedField[]> {
  const refused: ProblemEntry[] = [];
  const applied: MigratedField[] = [];
  let total = 0;
  const changes = language.destructiveFieldChanges(previous, next);
  const moves = new Map<string, string>();
  for (const change of changes) {
    const field = previous.fields.find((f) => f.key === change.fieldKey);
    const label = field?.label ?? change.fieldKey;
    const count = await affectedCount(tx, next.key, change.fieldKey);
    if (count === 0) continue;
    const action = migration[change.fieldKey];
    if (action !== undefined && action !== 'clear') {
      const problem = await moveProblem(tx, previous, next, change, action.moveTo, moves);
      if (problem !== undefined) {
        refused.push({
          kind: 'entity',
          key: next.key,
          field: change.fieldKey,
          rule: 'migration',
          message: problem,
        });
        total += count;
        continue;
      }
      moves.set(action.moveTo, change.fieldKey);
      await tx.query(sql`UPDATE records SET data = (data - ${change.fieldKey}::text)
          || jsonb_build_object(${action.moveTo}::text, data->${change.fieldKey}),
          version = version + 1, updated_at = now()
        WHERE entity = ${next.key} AND coalesce(jsonb_typeof(data->${change.fieldKey}), 'null') <> 'null'`);
      applied.push({ field: change.fieldKey, action: 'move', records: count, to: action.moveTo });
      continue;
    }
    if (action === 'clear') {
      await tx.query(sql`UPDATE records SET data = data - ${change.fieldKey}::text, version = version + 1, updated_at = now()
        WHERE entity = ${next.key} AND data->${change.fieldKey} IS NOT NULL`);
      applied.push({ field: change.fieldKey, action: 'clear', records: count });
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
      message: `This version ${what} the field ${label}, which holds data in ${count} records. Add { "migration": { "${change.fieldKey}": "clear" } } to clear it${change.change === 'removed' ? `, or { "migration": { "${change.fieldKey}": { "moveTo": "<new field>" } } } to move the values into a new field of the same type` : ''}.`,
    });
  }
  if (refused.length > 0)
    throw new ConflictError(`Publishing would affect data in ${total} records of ${next.label}.`, refused, {
      affectedRecords: total,
    });
  return applied;
}

/**
 * Why `moveTo` cannot take a removed field's values, or undefined when it can: the target must be
 * a new field of this version, of the same type (a reference to the same entity), taken by no
 * other moved field, and every stored value must be valid for it (options, limits, lengths).
 */
async function moveProblem(
  tx: Db,
  previous: EntityLike,
  next: EntityLike,
  change: { fieldKey: string; change: 'removed' | 'retyped' },
  target: string,
  taken: ReadonlyMap<string, string>,
): Promise<string | undefined> {
  const from = previous.fields.find((f) => f.key === change.fieldKey);
  const to = next.fields.find((f) => f.key === target);
  if (change.change !== 'removed' || from === undefined)
    return `Only a removed field's values can move; ${change.fieldKey} keeps its key (clear it instead).`;
  if (to === undefined) return `There is no field "${target}" in this version to move ${from.label} to.`;
  if (to.derive !== undefined) return `${to.label} is derived from other fields: values cannot move into it.`;
  if (previous.fields.some((f) => f.key === target))
    return `${to.label} already exists in the published version: values move only into a field this version adds.`;
  if (to.type !== from.type || (from.type === 'reference' && to.entity !== from.entity))
    return `${from.label} (${from.type}) cannot move into ${to.label} (${to.type}${to.type === 'reference' ? ` of ${to.entity}` : ''}): the types differ.`;
  const other = taken.get(target);
  if (other !== undefined) return `${to.label} already takes the values of ${other}.`;
  const validate = createAjv().compile(fieldValueSchema(to as unknown as FieldDefinition));
  const rows = await tx.query(sql<{ value: unknown }>`SELECT data->${change.fieldKey} AS value FROM records
    WHERE entity = ${next.key} AND coalesce(jsonb_typeof(data->${change.fieldKey}), 'null') <> 'null'`);
  const misfits = rows.filter((row) => !validate(row.value));
  if (misfits.length > 0)
    return `${misfits.length} of the values of ${from.label} are not valid for ${to.label} (for example ${JSON.stringify(misfits[0]?.value)}): change the new field's settings or clear the values.`;
  return undefined;
}
