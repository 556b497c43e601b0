import { sql, type RawBuilder } from 'kysely';

/** What the records layer needs to know of an entity field (a structural subset of the definition). */
export interface FieldLike {
  key: string;
  label: string;
  type: string;
  unique?: boolean;
  indexed?: boolean;
  required?: boolean;
  entity?: string;
  derive?: unknown;
  readOnly?: boolean;
}

export interface EntityLike {
  key: string;
  label: string;
  titleField?: string;
  fields: FieldLike[];
}

const KEY = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * Definition keys are inlined into SQL (index expressions must match query expressions textually
 * for PostgreSQL to use them), so they are re-checked here against the key pattern of the
 * definition language before they reach any statement.
 */
export function safeKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`unsafe definition key ${JSON.stringify(key)}`);
  return key;
}

export type SqlKind = 'numeric' | 'text';

/** Numbers compare and sort as numbers; everything else (ISO dates included) as text. */
export function sqlKindOf(field: FieldLike): SqlKind {
  switch (field.type) {
    case 'number':
    case 'integer':
    case 'percent':
    case 'money':
      return 'numeric';
    default:
      return 'text';
  }
}

/** The SQL expression of a field's comparable value, as text (used verbatim in index DDL). */
export function fieldExpressionText(field: FieldLike, column = 'data'): string {
  const key = safeKey(field.key);
  if (field.type === 'money') return `((${column}->'${key}'->>'amount')::numeric)`;
  if (sqlKindOf(field) === 'numeric') return `((${column}->>'${key}')::numeric)`;
  return `(${column}->>'${key}')`;
}

export function fieldExpression(field: FieldLike): RawBuilder<unknown> {
  return sql.raw(fieldExpressionText(field, 'r.data'));
}

/** A parameter cast to the field's comparison type. */
export function typedParam(field: FieldLike, value: unknown): RawBuilder<unknown> {
  return sqlKindOf(field) === 'numeric' ? sql`${value}::numeric` : sql`${value}::text`;
}

export function entityLiteral(entity: string): RawBuilder<unknown> {
  return sql.raw(`'${safeKey(entity)}'`);
}

/** Text of the searchable fields, stored in `records.search_text` for trigram search. */
export function searchTextOf(entity: EntityLike, data: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const field of entity.fields) {
    const value = data[field.key];
    if (
      ['text', 'longText', 'email', 'phone', 'url', 'enum'].includes(field.type) &&
      typeof value === 'string'
    )
      parts.push(value);
  }
  return parts.join(' ').slice(0, 10_000);
}
