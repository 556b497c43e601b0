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
  manager_id: string | null;
}

/**
 * The record as the process sees it, read from PostgreSQL: its data with the system fields the
 * interpreter reads (`ownerId`, `stage`), the records its reference fields point to, and the
 * owner's manager. User actions pass this snapshot to the workflow so that its validators judge
 * the record as it is now.
 */
export async function loadProcessRecordView(
  db: Db,
  resolveEntity: (key: string) => Promise<PublishedEntity>,
  recordId: string,
): Promise<{ entity: string; view: ProcessRecordView }> {
  const row = await db.one(
    sql<Row>`SELECT r.id, r.entity, r.data, r.owner_id, r.stage, u.manager_id
    FROM records r LEFT JOIN users u ON u.id = r.owner_id
    WHERE r.id = ${recordId} AND r.deleted_at IS NULL`,
    { prepare: true },
  );
  if (!row) throw new NotFoundError(`No record ${recordId}.`);
  const published = await resolveEntity(row.entity);
  const references = listFields(published.entity as unknown as EntityDefinition, ['reference']);
  const ids = references
    .map((field) => row.data[field.key])
    .filter((value): value is string => typeof value === 'string');
  const relatedRows =
    ids.length === 0
      ? []
      : await db.query(
          sql<{ id: string; data: Record<string, unknown>; owner_id: string | null }>`
          SELECT id, data, owner_id FROM records WHERE id = ANY(${ids}::uuid[]) AND deleted_at IS NULL`,
          { prepare: true },
        );
  const related: Record<string, Record<string, unknown>> = {};
  for (const field of references) {
    const target = relatedRows.find((candidate) => candidate.id === row.data[field.key]);
    if (target) related[field.key] = { ...target.data, id: target.id, ownerId: target.owner_id };
  }
  return {
    entity: row.entity,
    view: {
      data: { ...row.data, id: row.id, ownerId: row.owner_id, stage: row.stage },
      related,
      ...(row.manager_id === null ? {} : { ownerManagerId: row.manager_id }),
    },
  };
}
