import type { SavedView, ViewQuery } from '@crm/definitions';
import { sql } from 'kysely';
import type { Actor } from '../auth/actor';
import { asIso, isPgError, type Db } from '../db/db';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../http/problems';
import { isUuid } from '../http/validate';
import { assertCapability } from '../rbac/require-capability';
import type { AuditService } from '../records/audit.service';
import type { PublishedEntity } from '../records/records.service';
import { checkViewAgainstEntity, type ViewChanges, type ViewInput } from './saved-view-input';

interface ViewRow {
  id: string;
  entity: string;
  name: string;
  shared: boolean;
  query: ViewQuery;
  owner_id: string;
  owner_name: string;
  created_at: Date | string;
  updated_at: Date | string;
}

const SELECT = sql`SELECT v.id, v.entity, v.name, v.shared, v.query, v.owner_id, u.name AS owner_name,
  v.created_at, v.updated_at FROM saved_views v JOIN users u ON u.id = v.owner_id`;

const toView = (row: ViewRow, actor: Actor): SavedView => ({
  id: row.id,
  entity: row.entity,
  name: row.name,
  shared: row.shared,
  query: row.query,
  owner: { id: row.owner_id, name: row.owner_name },
  mine: row.owner_id === actor.id,
  createdAt: asIso(row.created_at),
  updatedAt: asIso(row.updated_at),
});

/** A name already used by the same user for the same entity: 409 naming the field. */
function duplicateName(error: unknown, name: string | undefined): never {
  if (isPgError(error) && error.code === '23505' && error.constraint === 'saved_views_name_key')
    throw new ConflictError(`You already have a view named "${name ?? ''}" for this list.`, [
      { field: 'name', pointer: '/name', rule: 'unique', message: 'Choose another name for the view.' },
    ]);
  throw error;
}

/**
 * Saved list views: each user's own views of an entity's list, plus the views others shared with
 * the team (every user who may read records). A view only stores the list query; the records it
 * shows are still filtered by the reader's own record visibility, so sharing a view shares no data.
 */
export function createSavedViewsService(deps: {
  db: Db;
  audit: AuditService;
  resolveEntity(key: string): Promise<PublishedEntity>;
}) {
  const { db, audit } = deps;

  async function entityFor(key: string): Promise<PublishedEntity> {
    try {
      return await deps.resolveEntity(key);
    } catch (error) {
      if (error instanceof NotFoundError)
        throw new ValidationError(`There is no published entity "${key}".`, [
          {
            field: 'entity',
            pointer: '/entity',
            rule: 'unknownEntity',
            message: `No published entity "${key}".`,
          },
        ]);
      throw error;
    }
  }

  /** The view if the actor owns it or it is shared; anything else is answered like a missing one. */
  async function findReadable(actor: Actor, id: string): Promise<ViewRow> {
    assertCapability(actor, 'records.read');
    const row = isUuid(id)
      ? await db.one(sql<ViewRow>`${SELECT} WHERE v.id = ${id} AND (v.owner_id = ${actor.id} OR v.shared)`)
      : undefined;
    if (!row) throw new NotFoundError(`No saved view ${id}.`);
    return row;
  }

  async function findOwned(actor: Actor, id: string): Promise<ViewRow> {
    const row = await findReadable(actor, id);
    if (row.owner_id !== actor.id)
      throw new ForbiddenError(
        `The view "${row.name}" belongs to ${row.owner_name}; only its owner may change it.`,
      );
    return row;
  }

  const audited = (
    tx: Db,
    actor: Actor,
    action: string,
    id: string,
    entity: string,
    before: unknown,
    after: unknown,
  ) =>
    audit.write(tx, {
      actorId: actor.id,
      action,
      subjectType: 'savedView',
      subjectId: id,
      entity,
      before,
      after,
    });

  return {
    async list(actor: Actor, entity?: string): Promise<SavedView[]> {
      assertCapability(actor, 'records.read');
      const rows = await db.query(sql<ViewRow>`${SELECT}
        WHERE (v.owner_id = ${actor.id} OR v.shared) ${entity === undefined ? sql`` : sql`AND v.entity = ${entity}`}
        ORDER BY v.entity, (v.owner_id = ${actor.id}) DESC, lower(v.name), v.id`);
      return rows.map((row) => toView(row, actor));
    },

    async get(actor: Actor, id: string): Promise<SavedView> {
      return toView(await findReadable(actor, id), actor);
    },

    /** 404 unless the view is readable, 403 unless the actor owns it. */
    async assertOwner(actor: Actor, id: string): Promise<void> {
      await findOwned(actor, id);
    },

    async create(actor: Actor, input: ViewInput): Promise<SavedView> {
      assertCapability(actor, 'records.read');
      const published = await entityFor(input.entity);
      checkViewAgainstEntity(published.entity, input.query);
      return db
        .transaction(async (tx) => {
          const inserted = await tx.one(sql<{
            id: string;
          }>`INSERT INTO saved_views (owner_id, entity, name, shared, query)
            VALUES (${actor.id}, ${input.entity}, ${input.name}, ${input.shared}, ${JSON.stringify(input.query)}::jsonb)
            RETURNING id`);
          if (!inserted) throw new Error('insert returned no row');
          const row = await tx.one(sql<ViewRow>`${SELECT} WHERE v.id = ${inserted.id}`);
          if (!row) throw new Error('the inserted view is missing');
          const view = toView(row, actor);
          await audited(tx, actor, 'view.create', view.id, view.entity, undefined, view);
          return view;
        })
        .catch((error: unknown) => duplicateName(error, input.name));
    },

    async update(actor: Actor, id: string, changes: ViewChanges): Promise<SavedView> {
      const current = await findOwned(actor, id);
      if (changes.query !== undefined)
        checkViewAgainstEntity((await entityFor(current.entity)).entity, changes.query);
      return db
        .transaction(async (tx) => {
          const row = await tx.one(sql<{ id: string }>`UPDATE saved_views SET
              name = ${changes.name ?? current.name},
              shared = ${changes.shared ?? current.shared},
              query = ${JSON.stringify(changes.query ?? current.query)}::jsonb,
              updated_at = now()
            WHERE id = ${id} AND owner_id = ${actor.id} RETURNING id`);
          const updated = row && (await tx.one(sql<ViewRow>`${SELECT} WHERE v.id = ${row.id}`));
          if (!updated) throw new NotFoundError(`No saved view ${id}.`);
          const view = toView(updated, actor);
          await audited(tx, actor, 'view.update', id, view.entity, toView(current, actor), view);
          return view;
        })
        .catch((error: unknown) => duplicateName(error, changes.name));
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const current = await findOwned(actor, id);
      await db.transaction(async (tx) => {
        await tx.query(sql`DELETE FROM saved_views WHERE id = ${id} AND owner_id = ${actor.id}`);
        await audited(tx, actor, 'view.delete', id, current.entity, toView(current, actor), undefined);
      });
    },
  };
}

export type SavedViewsService = ReturnType<typeof createSavedViewsService>;
