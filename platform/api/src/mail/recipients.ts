import type { Recipient, ResolvedRecipient } from '@crm/definitions';
import { sql } from 'kysely';
import type { Db } from '../db/db';
import { isUuid } from '../http/validate';
import type { MailRecordContext } from './mail-context';

export type RecipientResolution =
  { status: 'resolved'; recipients: ResolvedRecipient[] } | { status: 'none'; reason: string };

interface UserRow {
  id: string;
  name: string;
  email: string;
}

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

function readPath(context: MailRecordContext, path: string): unknown {
  const [head = '', tail] = path.split('.', 2);
  if (tail === undefined) return Object.hasOwn(context.data, head) ? context.data[head] : undefined;
  const related = Object.hasOwn(context.related, head) ? context.related[head] : undefined;
  return related && Object.hasOwn(related.data, tail) ? related.data[tail] : undefined;
}

async function activeUsers(db: Db, ids: (string | null | undefined)[]): Promise<UserRow[]> {
  const valid = ids.filter((id): id is string => isUuid(id));
  if (valid.length === 0) return [];
  return db.query(
    sql<UserRow>`SELECT id, name, email FROM users WHERE id = ANY(${valid}::uuid[]) AND active ORDER BY name`,
  );
}

const fromUsers = (users: UserRow[], reason: string): RecipientResolution =>
  users.length === 0
    ? { status: 'none', reason }
    : {
        status: 'resolved',
        recipients: users.map((u) => ({ address: u.email, name: u.name, userId: u.id })),
      };

/**
 * Turns a definition's recipient into addresses for one record. `none` (with a sentence saying
 * why) when nobody can be reached: the caller skips the mail instead of failing the process.
 */
export async function resolveRecipient(
  db: Db,
  context: MailRecordContext,
  recipient: Recipient,
): Promise<RecipientResolution> {
  switch (recipient.type) {
    case 'address':
      return EMAIL.test(recipient.address)
        ? { status: 'resolved', recipients: [{ address: recipient.address }] }
        : { status: 'none', reason: `"${recipient.address}" is not an e-mail address.` };
    case 'field': {
      const value = readPath(context, recipient.field);
      if (typeof value !== 'string' || value.trim() === '')
        return { status: 'none', reason: `The record has no e-mail address in ${recipient.field}.` };
      return EMAIL.test(value.trim())
        ? { status: 'resolved', recipients: [{ address: value.trim() }] }
        : { status: 'none', reason: `${recipient.field} holds "${value}", which is not an e-mail address.` };
    }
    case 'owner':
      return fromUsers(await activeUsers(db, [context.owner?.id]), 'The record has no active owner.');
    case 'ownerManager':
      return fromUsers(
        await activeUsers(db, [context.owner?.managerId]),
        "The record's owner has no active manager.",
      );
    case 'user':
      return fromUsers(await activeUsers(db, [recipient.userId]), `No active user ${recipient.userId}.`);
    case 'role': {
      const users = await db.query(
        sql<UserRow>`SELECT id, name, email FROM users WHERE role = ${recipient.role} AND active ORDER BY name`,
      );
      return fromUsers(users, `Nobody active has the role "${recipient.role}".`);
    }
    default:
      throw new Error(`Unknown recipient type: ${String((recipient as { type: unknown }).type)}`);
  }
}
