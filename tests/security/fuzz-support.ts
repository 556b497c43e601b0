import type { Response } from 'supertest';
import { createRecordValidator, type EntityDefinition, type RecordValidator } from '@crm/definitions';
import { queryDatabase } from '../support/test-database';

/**
 * 'ok' when the answer is a success, or a client error told as RFC 9457 problem+json with its
 * status and title; otherwise a description of what went wrong (for the failure message).
 */
export function verdict(res: Response): string {
  if (res.status >= 200 && res.status < 300) return 'ok';
  const type = String(res.headers['content-type'] ?? '');
  const body = res.body as { status?: unknown; title?: unknown } | undefined;
  if (res.status >= 400 && res.status < 500) {
    if (
      type.startsWith('application/problem+json') &&
      body?.status === res.status &&
      typeof body.title === 'string'
    )
      return 'ok';
    return `${res.status} without a problem body (${type}): ${res.text.slice(0, 300)}`;
  }
  return `${res.status} (${type}): ${res.text.slice(0, 500)}`;
}

interface StoredRecord extends Record<string, unknown> {
  id: string;
  entity: string;
  entity_version: number;
  data: unknown;
  content: EntityDefinition | null;
}

/**
 * Reads every record straight from PostgreSQL and checks its data with the record validator of
 * the entity version it was written with; returns one line per record that fails.
 */
export async function invalidStoredRecords(
  databaseUrl: string,
): Promise<{ count: number; problems: string[] }> {
  const rows = await queryDatabase<StoredRecord>(
    databaseUrl,
    `SELECT r.id, r.entity, r.entity_version, r.data, v.content
       FROM records r LEFT JOIN definition_versions v
         ON v.kind = 'entity' AND v.key = r.entity AND v.version = r.entity_version`,
  );
  const validators = new Map<string, RecordValidator>();
  const problems: string[] = [];
  for (const row of rows) {
    if (!row.content) {
      problems.push(`${row.id}: no published ${row.entity} version ${row.entity_version}`);
      continue;
    }
    const key = `${row.entity}@${row.entity_version}`;
    let validate = validators.get(key);
    if (!validate) {
      validate = createRecordValidator(row.content, { includeDerived: true });
      validators.set(key, validate);
    }
    const result = validate(row.data);
    if (!result.ok) problems.push(`${row.entity} ${row.id}: ${JSON.stringify(result.errors).slice(0, 300)}`);
  }
  return { count: rows.length, problems };
}

/** A snapshot of the built-in prototypes a prototype-pollution attack would extend. */
export function prototypeSnapshot(): string[] {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype].flatMap((proto, i) =>
    Object.getOwnPropertyNames(proto).map((name) => `${i}:${name}`),
  );
}
