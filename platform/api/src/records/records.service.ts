import type { ListResult, RecordView } from '@crm/definitions';
import { sql } from 'kysely';
import { can, type Actor } from '../auth/actor';
import { asIso, type Db } from '../db/db';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '../http/problems';
import { isUuid } from '../http/validate';
import { assertCapability } from '../rbac/require-capability';
import { visibleTo } from '../rbac/visibility';
import type { AuditService } from './audit.service';
import { searchTextOf, type EntityLike } from './field-sql';
import { mapUniqueViolation, writeChecks } from './record-checks';
import { mergeData } from './record-input';
import { RECORD_COLUMNS, RECORD_COLUMNS_ISO, toRecordView, type RecordRow } from './record-row';
import { listRecords, type ListQuery } from './records-list';
import type { OwedStart } from '../processes/process-start-outbox';
import type { ProcessTriggers } from '../processes/process-triggers';

/** The published entity a record is written against. */
export interface PublishedEntity {
  entity: EntityLike;
  version: number;
  contentHash: string;
}

export type RecordValidation =
  | { ok: true; data: Record<string, unknown> }
  | { ok: false; errors: { field: string; rule: string; message: string }[] };

/** The definition language's rules for record data, injected so this service stays storage-only. */
export interface RecordRules {
  validate(published: PublishedEntity, data: Record<string, unknown>): RecordValidation;
  derive(published: PublishedEntity, data: Record<string, unknown>): Record<string, unknown>;
}

export interface RecordsDeps {
  db: Db;
  audit: AuditService;
  rules: RecordRules;
  resolveEntity(key: string): Promise<PublishedEntity>;
  /** Starts and informs processes once a write has committed. */
  processes?: ProcessTriggers | undefined;
}

export interface UpdateOptions {
  /** Version the client last read; a different current version is a stale write. */
  expectedVersion?: number;
  /** Where the expected version came from: the body answers 409, an If-Match header 412. */
  versionSource?: 'body' | 'ifMatch';
}

export function createRecordsService(deps: RecordsDeps) {
  const { db, audit, rules } = deps;

  /** Derived fields filled in and the definition's rules applied: the data to store, or a 422. */
  function validated(published: PublishedEntity, data: Record<string, unknown>): Record<string, unknown> {
    const derived = rules.derive(published, data);
    const result = rules.validate(published, derived);
    if (!result.ok)
      throw new ValidationError(
        `The ${published.entity.label} is not valid.`,
        result.errors.map((e) => ({ ...e, pointer: `/data/${e.field}` })),
      );
    return result.data;
  }

  async function findVisible(
    tx: Db,
    actor: Actor,
    entityKey: string,
    id: string,
    lock = false,
  ): Promise<RecordRow> {
    const row = isUuid(id)
      ? await tx.one(
          sql<RecordRow>`SELECT ${RECORD_COLUMNS} FROM records r
          WHERE r.id = ${id} AND r.entity = ${entityKey} AND r.deleted_at IS NULL AND ${visibleTo(actor)}
          ${lock ? sql`FOR UPDATE` : sql``}`,
          { prepare: true },
        )
      : undefined;
    if (!row) throw new NotFoundError(`No ${entityKey} record ${id}.`);
    return row;
  }

  async function withUniqueMapping<T>(
    published: PublishedEntity,
    data: Record<string, unknown>,
    work: () => Promise<T>,
  ): Promise<T> {
    try {
      return await work();
    } catch (error) {
      return mapUniqueViolation(db, error, published.entity, data);
    }
  }

  return {
    async create(
      actor: Actor,
      entityKey: string,
      input: Record<string, unknown>,
      options: { ownerId?: string } = {},
    ): Promise<RecordView> {
      assertCapability(actor, 'records.write');
      const published = await deps.resolveEntity(entityKey);
      const ownerId = options.ownerId ?? actor.id;
      if (ownerId !== actor.id) assertCapability(actor, 'records.assign');
      const data = validated(published, input);
      const checks = writeChecks(actor, published.entity, data);
      // The processes every new record of the entity starts: owed in the same statement.
      const owedKeys = (await deps.processes?.startsOnCreate(entityKey)) ?? [];
      const owing = deps.processes !== undefined && owedKeys.length > 0;
      // One statement, so one round trip and atomic without BEGIN/COMMIT: the reference and unique
      // checks, the INSERT (only when they pass), its audit row, which repeats the returned view,
      // and the process starts it owes (see process-start-outbox.ts).
      let owed: OwedStart[] = [];
      const created = await withUniqueMapping(published, input, async () => {
        const row = await db.one(
          sql<Record<string, unknown> & Partial<RecordRow> & { owed_starts?: OwedStart[] }>`
          WITH chk AS (${checks.select}),
          ins AS (
            INSERT INTO records AS r (entity, entity_version, data, owner_id, search_text, created_by, updated_by)
            SELECT ${entityKey}, ${published.version}::integer, ${JSON.stringify(data)}::jsonb, ${ownerId}::uuid,
              ${searchTextOf(published.entity, data)}, ${actor.id}::uuid, ${actor.id}::uuid
            FROM chk WHERE ${checks.where}
            RETURNING ${RECORD_COLUMNS_ISO}
          ),
          aud AS (
            ${audit.insertSql({ actorId: actor.id, action: 'record.create', subjectType: 'record', entity: entityKey }, 'ins')}
          )${
            owing
              ? sql`, owe AS (${deps.processes?.owedStartsSql(owedKeys, actor.id, 'ins')})
          SELECT chk.*, ins.*, (SELECT json_agg(json_build_object('id', id, 'processKey', process_key))
            FROM owe) AS owed_starts FROM chk LEFT JOIN ins ON true`
              : sql`
          SELECT * FROM chk LEFT JOIN ins ON true`
          }`,
          { prepare: true },
        );
        if (!row) throw new Error('the create statement returned no row');
        checks.assertPassed(row);
        if (typeof row.id !== 'string') throw new Error('insert returned no row');
        owed = row.owed_starts ?? [];
        return toRecordView(row as RecordRow);
      });
      await deps.processes?.recordCreated(actor, created, owed);
      return created;
    },

    async get(actor: Actor, entityKey: string, id: string): Promise<RecordView> {
      assertCapability(actor, 'records.read');
      return toRecordView(await findVisible(db, actor, entityKey, id));
    },

    async update(
      actor: Actor,
      entityKey: string,
      id: string,
      patch: Record<string, unknown>,
      options: UpdateOptions = {},
    ): Promise<RecordView> {
      assertCapability(actor, 'records.write');
      const published = await deps.resolveEntity(entityKey);
      let before: RecordView | undefined;
      const updated = await withUniqueMapping(published, patch, () =>
        db.transaction(async (tx) => {
          const current = await findVisible(tx, actor, entityKey, id, true);
          before = toRecordView(current);
          if (options.expectedVersion !== undefined && options.expectedVersion !== current.version) {
            const detail = `The record was changed by someone else (version ${current.version}, you sent ${options.expectedVersion}). Reload and try again.`;
            const extra = { currentVersion: current.version };
            throw options.versionSource === 'ifMatch'
              ? new PreconditionFailedError(detail, extra)
              : new ConflictError(detail, [], extra);
          }
          const data = validated(published, mergeData(current.data, patch));
          const checks = writeChecks(actor, published.entity, data, id);
          // As in create: checks, UPDATE and audit row in one statement (the row is locked above).
          const row = await tx.one(sql<Record<string, unknown> & Partial<RecordRow>>`
            WITH chk AS (${checks.select}),
            upd AS (
              UPDATE records AS r SET data = ${JSON.stringify(data)}::jsonb, entity_version = ${published.version}::integer,
                search_text = ${searchTextOf(published.entity, data)}, version = r.version + 1,
                updated_by = ${actor.id}::uuid, updated_at = now()
              FROM chk WHERE r.id = ${id}::uuid AND ${checks.where} RETURNING ${RECORD_COLUMNS_ISO}
            ),
            aud AS (
              ${audit.insertSql({ actorId: actor.id, action: 'record.update', subjectType: 'record', entity: entityKey, before: toRecordView(current) }, 'upd')}
            )
            SELECT * FROM chk LEFT JOIN upd ON true`);
          if (!row) throw new Error('the update statement returned no row');
          checks.assertPassed(row);
          if (typeof row.id !== 'string') throw new Error('update returned no row');
          return toRecordView(row as RecordRow);
        }),
      );
      if (before !== undefined) await deps.processes?.recordUpdated(actor, before, updated);
      return updated;
    },

    async remove(actor: Actor, entityKey: string, id: string, expectedVersion?: number): Promise<void> {
      assertCapability(actor, 'records.delete');
      await db.transaction(async (tx) => {
        const current = await findVisible(tx, actor, entityKey, id, true);
        if (expectedVersion !== undefined && expectedVersion !== current.version)
          throw new PreconditionFailedError('The record was changed by someone else.', {
            currentVersion: current.version,
          });
        await tx.query(
          sql`UPDATE records SET deleted_at = now(), updated_by = ${actor.id}, updated_at = now(), version = version + 1 WHERE id = ${id}`,
        );
        await audit.write(tx, {
          actorId: actor.id,
          action: 'record.delete',
          subjectType: 'record',
          subjectId: id,
          entity: entityKey,
          before: toRecordView(current),
        });
      });
    },

    async assign(actor: Actor, entityKey: string, id: string, ownerId: string): Promise<RecordView> {
      assertCapability(actor, 'records.assign');
      return db.transaction(async (tx) => {
        const current = await findVisible(tx, actor, entityKey, id, true);
        const owner =
          isUuid(ownerId) &&
          (await tx.one(sql<{ id: string }>`SELECT id FROM users WHERE id = ${ownerId} AND active`));
        if (!owner)
          throw new ValidationError('The new owner is not valid.', [
            { field: 'ownerId', rule: 'reference', message: 'No active user with this id.' },
          ]);
        const row =
          await tx.one(sql<RecordRow>`UPDATE records AS r SET owner_id = ${ownerId}, version = r.version + 1,
          updated_by = ${actor.id}, updated_at = now() WHERE r.id = ${id} RETURNING ${RECORD_COLUMNS}`);
        if (!row) throw new Error('update returned no row');
        const view = toRecordView(row);
        await audit.write(tx, {
          actorId: actor.id,
          action: 'record.assign',
          subjectType: 'record',
          subjectId: id,
          entity: entityKey,
          before: toRecordView(current),
          after: view,
        });
        return view;
      });
    },

    async list(actor: Actor, entityKey: string, query: ListQuery): Promise<ListResult> {
      assertCapability(actor, 'records.read');
      const published = await deps.resolveEntity(entityKey);
      return listRecords(db, actor, published.entity, query);
    },

    async share(actor: Actor, entityKey: string, id: string, userId: string): Promise<void> {
      await db.transaction(async (tx) => {
        const current = await findVisible(tx, actor, entityKey, id);
        if (current.owner_id !== actor.id && !can(actor, 'records.assign'))
          throw new ForbiddenError('Only the owner or a role with records.assign may share a record.');
        const user =
          isUuid(userId) && (await tx.one(sql<{ id: string }>`SELECT id FROM users WHERE id = ${userId}`));
        if (!user)
          throw new ValidationError('The user is not valid.', [
            { field: 'userId', rule: 'reference', message: 'No user with this id.' },
          ]);
        await tx.query(sql`INSERT INTO record_shares (record_id, user_id, created_by) VALUES (${id}, ${userId}, ${actor.id})
          ON CONFLICT (record_id, user_id) DO NOTHING`);
        await audit.write(tx, {
          actorId: actor.id,
          action: 'record.share',
          subjectType: 'record',
          subjectId: id,
          entity: entityKey,
          after: { userId },
        });
      });
    },

    async unshare(actor: Actor, entityKey: string, id: string, userId: string): Promise<void> {
      await db.transaction(async (tx) => {
        const current = await findVisible(tx, actor, entityKey, id);
        if (current.owner_id !== actor.id && !can(actor, 'records.assign'))
          throw new ForbiddenError('Only the owner or a role with records.assign may unshare a record.');
        const removed =
          isUuid(userId) &&
          (await tx.one(
            sql<{
              user_id: string;
            }>`DELETE FROM record_shares WHERE record_id = ${id} AND user_id = ${userId} RETURNING user_id`,
          ));
        if (!removed) throw new NotFoundError('The record is not shared with this user.');
        await audit.write(tx, {
          actorId: actor.id,
          action: 'record.unshare',
          subjectType: 'record',
          subjectId: id,
          entity: entityKey,
          before: { userId },
        });
      });
    },

    async shares(
      actor: Actor,
      entityKey: string,
      id: string,
    ): Promise<{ userId: string; createdAt: string }[]> {
      await findVisible(db, actor, entityKey, id);
      const rows = await db.query(
        sql<{
          user_id: string;
          created_at: Date | string;
        }>`SELECT user_id, created_at FROM record_shares WHERE record_id = ${id} ORDER BY created_at`,
      );
      return rows.map((r) => ({ userId: r.user_id, createdAt: asIso(r.created_at) }));
    },

    async auditTrail(actor: Actor, entityKey: string, id: string) {
      await findVisible(db, actor, entityKey, id);
      return audit.forSubject(db, 'record', id);
    },

    /** The record visible to the actor, for other modules (activities, process actions). */
    findVisible: (actor: Actor, entityKey: string, id: string) =>
      findVisible(db, actor, entityKey, id).then(toRecordView),
  };
}

export type RecordsService = ReturnType<typeof createRecordsService>;
