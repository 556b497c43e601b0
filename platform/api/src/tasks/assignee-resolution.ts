import type { Assignee } from '@crm/definitions';
import { sql } from 'kysely';
import type { Db } from '../db/db';
import { isUuid } from '../http/validate';

/** The record a process acts on, reduced to what deciding "who" needs. */
export interface RecordPeople {
  id: string;
  entity: string;
  ownerId: string | null;
  ownerManagerId: string | null;
}

/** Who an assignee spec designates: one user, a role queue, or nobody (no owner, no manager). */
export type ResolvedAssignee =
  { kind: 'user'; userId: string } | { kind: 'role'; role: string } | { kind: 'nobody'; reason: string };

export class ProcessRecordNotFoundError extends Error {
  constructor(readonly recordId: string) {
    super(`No record ${recordId}.`);
    this.name = 'ProcessRecordNotFoundError';
  }
}

export async function recordPeople(db: Db, recordId: string): Promise<RecordPeople> {
  const row = isUuid(recordId)
    ? await db.one(sql<{ id: string; entity: string; owner_id: string | null; manager_id: string | null }>`
        SELECT r.id, r.entity, r.owner_id, u.manager_id FROM records r
        LEFT JOIN users u ON u.id = r.owner_id WHERE r.id = ${recordId} AND r.deleted_at IS NULL`)
    : undefined;
  if (!row) throw new ProcessRecordNotFoundError(recordId);
  return { id: row.id, entity: row.entity, ownerId: row.owner_id, ownerManagerId: row.manager_id };
}

async function activeUser(db: Db, userId: string): Promise<boolean> {
  if (!isUuid(userId)) return false;
  return (
    (await db.one(sql<{ id: string }>`SELECT id FROM users WHERE id = ${userId} AND active`)) !== undefined
  );
}

/** Resolves an assignee spec against the record's owner and the reporting line, at the time of the call. */
export async function resolveAssignee(
  db: Db,
  assignee: Assignee,
  record: RecordPeople,
): Promise<ResolvedAssignee> {
  switch (assignee.type) {
    case 'owner':
      return record.ownerId !== null
        ? { kind: 'user', userId: record.ownerId }
        : { kind: 'nobody', reason: 'The record has no owner.' };
    case 'ownerManager':
      return record.ownerManagerId !== null
        ? { kind: 'user', userId: record.ownerManagerId }
        : { kind: 'nobody', reason: "The record's owner has no manager." };
    case 'role':
      return { kind: 'role', role: assignee.role };
    case 'user':
      return (await activeUser(db, assignee.userId))
        ? { kind: 'user', userId: assignee.userId }
        : { kind: 'nobody', reason: `No active user ${assignee.userId}.` };
    default:
      throw new Error(
        `Unknown assignee type ${String((assignee satisfies never as { type: unknown }).type)}`,
      );
  }
}

/** The active members of a role: the users a role approval or a role queue reaches today. */
export async function roleMembers(db: Db, role: string): Promise<string[]> {
  const rows = await db.query(
    sql<{ id: string }>`SELECT id FROM users WHERE role = ${role} AND active ORDER BY created_at, id`,
  );
  return rows.map((row) => row.id);
}
