import { sql } from 'kysely';
import { listFields, type EntityDefinition } from '@crm/definitions';
import type { ProcessRecordView } from '@crm/workflows/contract';
import type { Db } from '../db/db';
import { NotFoundError } from '../http/problems';
import type { PublishedEntity } from '../records/records.service';

interface Row {
  id: string;
  entity: string;
  data: Record<string, unknown>;
  owner_id: string | null;
  stage: string | null;
}

/** The record's own columns, when the caller has just read or written them. */
export interface KnownRecord {
  id: string;
  entity: string;
  data: Record<string, unknown>;
  ownerId: string | null;
  stage: string | null;
}

interface Around {
  manager_id: string | null;
  related: { id: string; data: Record<string, unknown>; owner_id: string | null }[] | null;
}

/**
 * The record as the process sees it, read from PostgreSQL: its data with the system fields the
 * interpreter reads (`ownerId`, `stage`), the records its reference fields point to, and the
 * owner's manager. User actions pass this snapshot to the workflow so that its validators judge
 * the record as it is now. `known`: the record's row as the caller has it (a create that just
 * returned it), so that only the records around it are read, in one statement.
 */
export async function loadProcessRecordView(
  db: Db,
  resolveEntity: (key: string) => Promise<PublishedEntity>,
  recordId: string,
  options: { known?: KnownRecord; entity?: string } = {},
): Promise<{ entity: string; view: ProcessRecordView }> {
  const { known } = options;
  if (known === undefined && options.entity !== undefined)
    return readWhole(db, await resolveEntity(options.entity), options.entity, recordId);
  const record = known ?? (await readRecord(db, recordId));
  const published = await resolveEntity(record.entity);
  const references = listFields(published.entity as unknown as EntityDefinition, ['reference']);
  const ids = references
    .map((field) => record.data[field.key])
    .filter((value): value is string => typeof value === 'string');
  const around = await db.one(
    sql<Around>`SELECT (SELECT manager_id FROM users WHERE id = ${record.ownerId}::uuid) AS manager_id,
      (SELECT json_agg(json_build_object('id', id, 'data', data, 'owner_id', owner_id)) FROM records
        WHERE id = ANY(${ids}::uuid[]) AND deleted_at IS NULL) AS related`,
    { prepare: true },
  );
  return viewOf(record, references, around);
}

function viewOf(
  record: KnownRecord,
  references: readonly { key: string }[],
  around: Around | undefined,
): { entity: string; view: ProcessRecordView } {
  const relatedRows = around?.related ?? [];
  const related: Record<string, Record<string, unknown>> = {};
  for (const field of references) {
    const target = relatedRows.find((candidate) => candidate.id === record.data[field.key]);
    if (target) related[field.key] = { ...target.data, id: target.id, ownerId: target.owner_id };
  }
  const managerId = around?.manager_id ?? null;
  return {
    entity: record.entity,
    view: {
      data: { ...record.data, id: record.id, ownerId: record.ownerId, stage: record.stage },
      related,
      ...(managerId === null ? {} : { ownerManagerId: managerId }),
    },
  };
}

const UUID_TEXT = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/**
 * The record, its owner's manager and the records its reference fields point to, in one statement:
 * for user actions, whose entity the process names, so the reference fields are known up front.
 */
async function readWhole(
  db: Db,
  published: PublishedEntity,
  entity: string,
  recordId: string,
): Promise<{ entity: string; view: ProcessRecordView }> {
  const references = listFields(published.entity as unknown as EntityDefinition, ['reference']);
  const keys = references.map((field) => field.key);
  const row = await db.one(
    sql<Row & Around>`SELECT r.id, r.entity, r.data, r.owner_id, r.stage,
      (SELECT manager_id FROM users WHERE id = r.owner_id) AS manager_id,
      (SELECT json_agg(json_build_object('id', x.id, 'data', x.data, 'owner_id', x.owner_id)) FROM records x
        WHERE x.deleted_at IS NULL AND x.id = ANY(ARRAY(
          SELECT (r.data->>k)::uuid FROM unnest(${keys}::text[]) AS k WHERE r.data->>k ~ ${UUID_TEXT}))) AS related
    FROM records r WHERE r.id = ${recordId} AND r.entity = ${entity} AND r.deleted_at IS NULL`,
    { prepare: true },
  );
  if (!row) throw new NotFoundError(`No record ${recordId}.`);
  const record = { id: row.id, entity: row.entity, data: row.data, ownerId: row.owner_id, stage: row.stage };
  return viewOf(record, references, row);
}

async function readRecord(db: Db, recordId: string): Promise<KnownRecord> {
  const row = await db.one(
    sql<Row>`SELECT r.id, r.entity, r.data, r.owner_id, r.stage FROM records r
    WHERE r.id = ${recordId} AND r.deleted_at IS NULL`,
    { prepare: true },
  );
  if (!row) throw new NotFoundError(`No record ${recordId}.`);
  return { id: row.id, entity: row.entity, data: row.data, ownerId: row.owner_id, stage: row.stage };
}
