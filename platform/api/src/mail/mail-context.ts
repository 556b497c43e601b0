import {
  buildMergeContext,
  type EntityDefinition,
  type MailTemplateDefinition,
  type MergeContext,
  type RelatedRecord,
} from '@crm/definitions';
import { sql } from 'kysely';
import type { Db } from '../db/db';
import type { DefinitionsService } from '../definitions/definitions.service';
import { NotFoundError } from '../http/problems';
import { isUuid } from '../http/validate';

/** The owner of a record as mails and recipients need them. */
export interface MailOwner {
  id: string;
  name: string;
  email: string;
  managerId: string | null;
}

/** Everything a template needs about one record: rendering, gating and recipients read this. */
export interface MailRecordContext {
  recordId: string;
  entity: EntityDefinition;
  stage: string | null;
  data: Record<string, unknown>;
  /** Related records by the key of the reference field that links them (one level deep). */
  related: Record<string, RelatedRecord>;
  owner: MailOwner | null;
  merge: MergeContext;
}

interface RowWithOwner {
  id: string;
  entity: string;
  data: Record<string, unknown>;
  stage: string | null;
  owner_id: string | null;
  owner_name: string | null;
  owner_email: string | null;
  owner_manager_id: string | null;
}

/** Published entities and mail templates, read per call so a new publish applies at once. */
export function createDefinitionLookup(definitions: DefinitionsService) {
  return {
    async entities(): Promise<Map<string, EntityDefinition>> {
      const versions = await definitions.latestAll('entity');
      return new Map(versions.map((v) => [v.key, v.content as unknown as EntityDefinition]));
    },
    async templates(entity?: string): Promise<MailTemplateDefinition[]> {
      const versions = await definitions.latestAll('mailTemplate');
      const all = versions.map((v) => v.content as unknown as MailTemplateDefinition);
      return entity === undefined ? all : all.filter((t) => t.entity === entity);
    },
    async template(key: string): Promise<MailTemplateDefinition> {
      const found = (await this.templates()).find((t) => t.key === key);
      if (!found) throw new NotFoundError(`There is no published mail template "${key}".`);
      return found;
    },
  };
}

export type DefinitionLookup = ReturnType<typeof createDefinitionLookup>;

/**
 * Loads a record with its related records and owner. No visibility check: callers that act for a
 * user check visibility first (routes); the process acts for the platform.
 */
export async function loadMailContext(
  db: Db,
  lookup: DefinitionLookup,
  recordId: string,
): Promise<MailRecordContext> {
  const row = isUuid(recordId)
    ? await db.one(sql<RowWithOwner>`SELECT r.id, r.entity, r.data, r.stage, r.owner_id,
        u.name AS owner_name, u.email AS owner_email, u.manager_id AS owner_manager_id
        FROM records r LEFT JOIN users u ON u.id = r.owner_id
        WHERE r.id = ${recordId} AND r.deleted_at IS NULL`)
    : undefined;
  if (!row) throw new NotFoundError(`No record ${recordId}.`);
  const entities = await lookup.entities();
  const entity = entities.get(row.entity);
  if (!entity) throw new NotFoundError(`There is no published entity "${row.entity}".`);

  const references = entity.fields.filter(
    (f): f is Extract<typeof f, { type: 'reference' }> => f.type === 'reference',
  );
  const ids = references
    .map((f) => row.data[f.key])
    .filter((v): v is string => typeof v === 'string' && isUuid(v));
  const relatedRows =
    ids.length === 0
      ? []
      : await db.query(sql<{ id: string; entity: string; data: Record<string, unknown> }>`
          SELECT id, entity, data FROM records WHERE id = ANY(${ids}::uuid[]) AND deleted_at IS NULL`);
  const related: Record<string, RelatedRecord> = {};
  for (const field of references) {
    const target = relatedRows.find((r) => r.id === row.data[field.key] && r.entity === field.entity);
    const targetEntity = target ? entities.get(target.entity) : undefined;
    if (target && targetEntity) related[field.key] = { entity: targetEntity, data: target.data };
  }
  const owner =
    row.owner_id !== null && row.owner_name !== null && row.owner_email !== null
      ? { id: row.owner_id, name: row.owner_name, email: row.owner_email, managerId: row.owner_manager_id }
      : null;
  const data = { ...row.data, id: row.id, ownerId: row.owner_id, stage: row.stage };
  return {
    recordId: row.id,
    entity,
    stage: row.stage,
    data,
    related,
    owner,
    merge: buildMergeContext(entity, data, related, owner ?? undefined),
  };
}

/** The related records' plain data, keyed like conditions expect (`account.segment`). */
export function relatedData(context: MailRecordContext): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.entries(context.related).map(([key, r]) => [key, r.data]));
}
