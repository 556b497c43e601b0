import type { RecordView } from '@crm/definitions';
import { asIso } from '../db/db';
import { sql } from 'kysely';

// Re-exported for the process modules that import the answer's type from here.
export type { RecordView };

export interface RecordRow {
  id: string;
  entity: string;
  entity_version: number;
  data: Record<string, unknown>;
  owner_id: string | null;
  stage: string | null;
  status: string;
  version: number;
  created_by: string | null;
  updated_by: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

export const RECORD_COLUMNS = sql.raw(
  'r.id, r.entity, r.entity_version, r.data, r.owner_id, r.stage, r.status, r.version, r.created_by, r.updated_by, r.created_at, r.updated_at',
);

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/**
 * RECORD_COLUMNS for a data-modifying CTE: the timestamps as ISO text formatted by PostgreSQL, so
 * the view built from them in JS and the audit copy built in SQL (recordViewJson) are identical.
 */
export const RECORD_COLUMNS_ISO = sql.raw(
  'r.id, r.entity, r.entity_version, r.data, r.owner_id, r.stage, r.status, r.version, r.created_by, r.updated_by, ' +
    `to_char(r.created_at AT TIME ZONE 'UTC', ${ISO}) AS created_at, to_char(r.updated_at AT TIME ZONE 'UTC', ${ISO}) AS updated_at`,
);

/** The RecordView of a row selected with RECORD_COLUMNS_ISO (under `alias`) as jsonb, built in SQL. */
export function recordViewJson(alias: string) {
  const a = sql.ref(alias);
  return sql<unknown>`jsonb_build_object('id', ${a}.id, 'entity', ${a}.entity, 'entityVersion', ${a}.entity_version,
    'data', ${a}.data, 'ownerId', ${a}.owner_id, 'stage', ${a}.stage, 'status', ${a}.status, 'version', ${a}.version,
    'createdBy', ${a}.created_by, 'updatedBy', ${a}.updated_by, 'createdAt', ${a}.created_at, 'updatedAt', ${a}.updated_at)`;
}

export function toRecordView(row: RecordRow): RecordView {
  return {
    id: row.id,
    entity: row.entity,
    entityVersion: row.entity_version,
    data: row.data,
    ownerId: row.owner_id,
    stage: row.stage,
    status: row.status,
    version: row.version,
    createdBy: row.created_by,
    updatedBy: row.updated_by,
    createdAt: asIso(row.created_at),
    updatedAt: asIso(row.updated_at),
  };
}
