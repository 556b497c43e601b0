import type { NotificationView } from '@crm/definitions';
import { sql } from 'kysely';
import type { Actor } from '../auth/actor';
import { asIso, type Db } from '../db/db';
import { NotFoundError } from '../http/problems';
import { isUuid } from '../http/validate';

interface NotificationRow {
  id: string;
  user_id: string;
  message: string;
  record_id: string | null;
  entity: string | null;
  workflow_id: string | null;
  node_id: string | null;
  created_at: Date | string;
  read_at: Date | string | null;
}

const toView = (row: NotificationRow): NotificationView => ({
  id: row.id,
  message: row.message,
  recordId: row.record_id,
  entity: row.entity,
  workflowId: row.workflow_id,
  nodeId: row.node_id,
  createdAt: asIso(row.created_at),
  readAt: row.read_at === null ? null : asIso(row.read_at),
});

export interface NewNotification {
  key: string;
  userIds: string[];
  message: string;
  recordId?: string;
  entity?: string;
  workflowId?: string;
  nodeId?: string;
}

const COLUMNS = sql.raw('id, user_id, message, record_id, entity, workflow_id, node_id, created_at, read_at');

/** In-app notifications: one row per user and idempotency key, read only by that user. */
export function createNotificationsService(db: Db) {
  return {
    /** Creates the notification for each user once; answers the users it was new for. */
    async create(input: NewNotification): Promise<string[]> {
      const created: string[] = [];
      for (const userId of new Set(input.userIds)) {
        const row = await db.one(sql<{ user_id: string }>`INSERT INTO notifications
            (idempotency_key, user_id, record_id, entity, message, workflow_id, node_id)
          VALUES (${input.key}, ${userId}, ${input.recordId ?? null}, ${input.entity ?? null}, ${input.message},
            ${input.workflowId ?? null}, ${input.nodeId ?? null})
          ON CONFLICT (idempotency_key, user_id) DO NOTHING RETURNING user_id`);
        if (row) created.push(row.user_id);
      }
      return created;
    },

    async listMine(
      actor: Actor,
      options: { unreadOnly?: boolean; limit?: number } = {},
    ): Promise<NotificationView[]> {
      const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
      const rows = await db.query(sql<NotificationRow>`SELECT ${COLUMNS} FROM notifications
        WHERE user_id = ${actor.id} ${options.unreadOnly ? sql`AND read_at IS NULL` : sql``}
        ORDER BY created_at DESC, id DESC LIMIT ${limit}`);
      return rows.map(toView);
    },

    /** Someone else's notification is answered like a missing one. */
    async markRead(actor: Actor, id: string): Promise<NotificationView> {
      const row = isUuid(id)
        ? await db.one(sql<NotificationRow>`UPDATE notifications SET read_at = coalesce(read_at, now())
            WHERE id = ${id} AND user_id = ${actor.id} RETURNING ${COLUMNS}`)
        : undefined;
      if (!row) throw new NotFoundError(`No notification ${id}.`);
      return toView(row);
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
