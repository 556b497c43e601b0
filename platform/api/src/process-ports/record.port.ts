import type { InstanceRef, RecordPort, RecordSnapshot } from '@crm/workflows/contract';
import { sql } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/db';
import { ValidationError } from '../http/problems';
import { isUuid } from '../http/validate';
import type { AuditService } from '../records/audit.service';
import { searchTextOf, type EntityLike } from '../records/field-sql';
import { assertUnique, referenceErrors } from '../records/record-checks';
import { mergeData, SYSTEM_FIELDS } from '../records/record-input';
import { RECORD_COLUMNS, toRecordView, type RecordRow } from '../records/record-row';
import type { PublishedEntity, RecordRules } from '../records/records.service';
import { ProcessRecordNotFoundError } from '../tasks/assignee-resolution';

export interface RecordPortDeps {
  db: Db;
  audit: AuditService;
  rules: RecordRules;
  resolveEntity(key: string): Promise<PublishedEntity>;
}

/** The process is no user: it may reference any live record (visibility is a user's concern). */
const PROCESS_ACTOR: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  email: 'process@localhost',
  name: 'Process',
  role: 'process',
  recordScope: 'all',
  capabilities: new Set<string>(),
};

/** An `updateRecord` whose target reference field is missing, empty or not a reference. */
export class RecordTargetError extends ValidationError {
  constructor(entity: string, target: string, why: string) {
    super(`The process cannot update "${target}" of this ${entity}: ${why}`, [
      { field: target, rule: 'updateTarget', message: why },
    ]);
  }
}

const SYSTEM = new Set<string>(SYSTEM_FIELDS);

/** Record data as the interpreter reads it: definition fields plus the system fields. */
function processData(row: RecordRow): Record<string, unknown> {
  return { ...row.data, id: row.id, ownerId: row.owner_id, stage: row.stage, status: row.status };
}

async function liveRow(db: Db, id: string, lock = false): Promise<RecordRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.one(sql<RecordRow>`SELECT ${RECORD_COLUMNS} FROM records r
    WHERE r.id = ${id} AND r.deleted_at IS NULL ${lock ? sql`FOR UPDATE` : sql``}`);
}

function referenceFields(entity: EntityLike) {
  return entity.fields.filter((field) => field.type === 'reference' && field.entity !== undefined);
}

export function createRecordPort(deps: RecordPortDeps): RecordPort {
  const { db, audit, rules } = deps;

  async function load(instance: InstanceRef): Promise<RecordSnapshot> {
    const row = await liveRow(db, instance.recordId);
    if (!row) throw new ProcessRecordNotFoundError(instance.recordId);
    const { entity } = await deps.resolveEntity(row.entity);
    const related: Record<string, Record<string, unknown>> = {};
    for (const field of referenceFields(entity)) {
      const id = row.data[field.key];
      const target = typeof id === 'string' ? await liveRow(db, id) : undefined;
      if (target && target.entity === field.entity) related[field.key] = processData(target);
    }
    const manager = row.owner_id
      ? await db.one(
          sql<{ manager_id: string | null }>`SELECT manager_id FROM users WHERE id = ${row.owner_id}`,
        )
      : undefined;
    return {
      data: processData(row),
      related,
      ...(manager?.manager_id ? { ownerManagerId: manager.manager_id } : {}),
      ownerId: row.owner_id,
      stage: row.stage,
      version: row.version,
    };
  }

  /** Which record the update is for: the instance's own, or the one behind the `target` reference. */
  async function targetRow(tx: Db, instance: InstanceRef, target: string | undefined): Promise<RecordRow> {
    const own = await liveRow(tx, instance.recordId, target === undefined);
    if (!own) throw new ProcessRecordNotFoundError(instance.recordId);
    if (target === undefined) return own;
    const { entity } = await deps.resolveEntity(own.entity);
    const field = referenceFields(entity).find((candidate) => candidate.key === target);
    if (!field) throw new RecordTargetError(own.entity, target, `"${target}" is not a reference field.`);
    const id = own.data[target];
    if (typeof id !== 'string') throw new RecordTargetError(own.entity, target, `"${target}" is empty.`);
    const related = await liveRow(tx, id, true);
    if (!related || related.entity !== field.entity)
      throw new RecordTargetError(own.entity, target, `the ${field.entity} record ${id} does not exist.`);
    return related;
  }

  function checkSet(published: PublishedEntity, set: Record<string, unknown>): void {
    const derived = new Set(published.entity.fields.filter((f) => f.derive !== undefined).map((f) => f.key));
    const errors = Object.keys(set)
      .filter((key) => SYSTEM.has(key) || derived.has(key))
      .map((key) => ({
        field: key,
        pointer: `/data/${key}`,
        rule: SYSTEM.has(key) ? 'systemField' : 'readOnly',
        message: `"${key}" cannot be set by a process (${SYSTEM.has(key) ? 'a system field' : 'derived'}).`,
      }));
    if (errors.length > 0) throw new ValidationError('The process update sets read-only fields.', errors);
  }

  async function update(input: Parameters<RecordPort['update']>[0]): Promise<void> {
    const { instance } = input;
    await db.transaction(async (tx) => {
      // The key row is written first and rolled back with everything else when validation fails.
      const claimed = await tx.one(sql<{ idempotency_key: string }>`
        INSERT INTO process_record_updates (idempotency_key, workflow_id, record_id, target, set_fields)
        VALUES (${input.key}, ${instance.workflowId}, ${instance.recordId}, ${input.target ?? null},
          ${JSON.stringify(input.set)}::jsonb)
        ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key`);
      if (!claimed) return;
      const current = await targetRow(tx, instance, input.target);
      const published = await deps.resolveEntity(current.entity);
      checkSet(published, input.set);
      const derived = rules.derive(published, mergeData(current.data, input.set));
      const result = rules.validate(published, derived);
      if (!result.ok)
        throw new ValidationError(
          `The process update leaves the ${published.entity.label} invalid.`,
          result.errors.map((e) => ({ ...e, pointer: `/data/${e.field}` })),
        );
      const refErrors = await referenceErrors(tx, PROCESS_ACTOR, published.entity, result.data);
      if (refErrors.length > 0) throw new ValidationError('Some references are not valid.', refErrors);
      await assertUnique(tx, published.entity, result.data, current.id);
      const row = await tx.one(sql<RecordRow>`
        UPDATE records AS r SET data = ${JSON.stringify(result.data)}::jsonb, entity_version = ${published.version},
          search_text = ${searchTextOf(published.entity, result.data)}, version = r.version + 1,
          updated_by = NULL, updated_at = now()
        WHERE r.id = ${current.id} RETURNING ${RECORD_COLUMNS}`);
      if (!row) throw new Error('update returned no row');
      await audit.write(tx, {
        actorId: null,
        action: 'record.update',
        subjectType: 'record',
        subjectId: current.id,
        entity: current.entity,
        before: toRecordView(current),
        after: {
          ...toRecordView(row),
          actor: 'process',
          processKey: instance.processKey,
          workflowId: instance.workflowId,
          idempotencyKey: input.key,
        },
      });
    });
  }

  return { load, update };
}
