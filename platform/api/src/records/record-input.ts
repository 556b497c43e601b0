import { RESERVED_FIELD_KEYS } from '@crm/definitions';
import { BadRequestError, type ProblemEntry } from '../http/problems';
import { isPlainObject } from '../http/validate';
import type { EntityLike } from './field-sql';

/** System fields of every record: set by the platform, never by a client payload. */
export const SYSTEM_FIELDS = RESERVED_FIELD_KEYS;

const SYSTEM = new Set<string>(SYSTEM_FIELDS);

export interface RecordBody {
  data: Record<string, unknown>;
  version?: number;
}

/**
 * Reads `{ data, version? }` from a request body. System fields anywhere in it (mass assignment),
 * derived fields and unknown top-level keys are answered with 400 naming each offender.
 */
export function parseRecordBody(body: unknown, entity: EntityLike, allowVersion: boolean): RecordBody {
  if (!isPlainObject(body)) throw new BadRequestError('The request body must be a JSON object.');
  const errors: ProblemEntry[] = [];
  for (const key of Object.keys(body)) {
    if (key === 'data' || (key === 'version' && allowVersion)) continue;
    if (SYSTEM.has(key)) errors.push(systemFieldError(key, `/${key}`));
    else
      errors.push({
        pointer: `/${key}`,
        field: key,
        rule: 'unknownProperty',
        message: `Unknown property "${key}"; record fields go in "data".`,
      });
  }
  const data = body.data;
  if (!isPlainObject(data)) {
    errors.push({
      pointer: '/data',
      field: 'data',
      rule: 'type',
      message: '"data" must be an object of field values.',
    });
    throw new BadRequestError('The record payload is malformed.', errors);
  }
  const derived = new Set(entity.fields.filter((f) => f.derive !== undefined).map((f) => f.key));
  for (const key of Object.keys(data)) {
    if (SYSTEM.has(key)) errors.push(systemFieldError(key, `/data/${key}`));
    else if (derived.has(key))
      errors.push({
        pointer: `/data/${key}`,
        field: key,
        rule: 'readOnly',
        message: `"${key}" is derived from other fields and cannot be written.`,
      });
  }
  const version = body.version;
  if (version !== undefined && (typeof version !== 'number' || !Number.isInteger(version) || version < 1))
    errors.push({
      pointer: '/version',
      field: 'version',
      rule: 'type',
      message: '"version" must be a positive integer.',
    });
  if (errors.length > 0)
    throw new BadRequestError('The record payload has fields a client may not write.', errors);
  return { data, ...(typeof version === 'number' ? { version } : {}) };
}

function systemFieldError(key: string, pointer: string): ProblemEntry {
  const hint =
    key === 'stage'
      ? 'The stage changes through the process.'
      : key === 'owner' || key === 'ownerId'
        ? 'Use PUT …/owner to reassign a record.'
        : 'It is maintained by the platform.';
  return { pointer, field: key, rule: 'systemField', message: `"${key}" is a system field. ${hint}` };
}

/** Parses an `If-Match` header carrying a record version (`"3"`, `W/"3"` or `3`). */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match?.[1]) throw new BadRequestError('If-Match must carry the record version, e.g. "3".');
  return Number(match[1]);
}

/** Merges a partial update: `null` clears a field. */
export function mergeData(
  current: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
