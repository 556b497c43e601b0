import type { CommentView } from '@crm/definitions';
import { sql } from 'kysely';
import type { Actor } from '../auth/actor';
import { asIso, type Db } from '../db/db';
import { ValidationError } from '../http/problems';
import { assertCapability } from '../rbac/require-capability';
import type { AuditService } from '../records/audit.service';
import type { RecordsService } from '../records/records.service';

export const COMMENT_MAX_LENGTH = 4000;

interface CommentRow {
  id: string;
  record_id: string;
  body: string;
  author_id: string;
  author_name: string;
  created_at: Date | string;
}

const toView = (row: CommentRow): CommentView => ({
  id: row.id,
  recordId: row.record_id,
  body: row.body,
  author: { id: row.author_id, name: row.author_name },
  createdAt: asIso(row.created_at),
});

/** Plain text, trimmed, 1..4000 characters; NUL is refused (PostgreSQL cannot store it in text). */
export function checkCommentBody(body: string): string {
  const text = body.trim();
  const fail = (rule: string, message: string) =>
    new ValidationError('The comment is not valid.', [{ field: 'body', pointer: '/body', rule, message }]);
  if (text === '') throw fail('required', 'Write something to comment.');
  if (text.length > COMMENT_MAX_LENGTH)
    throw fail(
      'maxLength',
      `A comment has at most ${COMMENT_MAX_LENGTH} characters (this one has ${text.length}).`,
    );
  if (text.includes('\u0000')) throw fail('format', 'The comment contains a NUL character.');
  return text;
}

/**
 * Comments on records: whoever may see a record may read and add its comments (a comment is a
 * conversation about the record, not a change of it). Comments are never edited, and each one is
 * audited with the record as its subject.
 */
export function createCommentsService(deps: { db: Db; audit: AuditService; records: RecordsService }) {
  const { db, audit, records } = deps;
  return {
    /** 403 without records.read, 404 for a record the actor may not see. */
    async assertVisible(actor: Actor, entityKey: string, recordId: string): Promise<void> {
      assertCapability(actor, 'records.read');
      await records.findVisible(actor, entityKey, recordId);
    },

    async list(actor: Actor, entityKey: string, recordId: string): Promise<CommentView[]> {
      assertCapability(actor, 'records.read');
      await records.findVisible(actor, entityKey, recordId);
      const rows = await db.query(sql<CommentRow>`SELECT c.id, c.record_id, c.body, c.author_id,
          u.name AS author_name, c.created_at
        FROM record_comments c JOIN users u ON u.id = c.author_id
        WHERE c.record_id = ${recordId} ORDER BY c.created_at DESC, c.id DESC`);
      return rows.map(toView);
    },

    async add(actor: Actor, entityKey: string, recordId: string, body: string): Promise<CommentView> {
      assertCapability(actor, 'records.read');
      const record = await records.findVisible(actor, entityKey, recordId);
      const text = checkCommentBody(body);
      return db.transaction(async (tx) => {
        const row = await tx.one(sql<CommentRow>`WITH c AS (
            INSERT INTO record_comments (record_id, author_id, body) VALUES (${record.id}, ${actor.id}, ${text})
            RETURNING id, record_id, body, author_id, created_at)
          SELECT c.id, c.record_id, c.body, c.author_id, u.name AS author_name, c.created_at
          FROM c JOIN users u ON u.id = c.author_id`);
        if (!row) throw new Error('insert returned no row');
        const view = toView(row);
        await audit.write(tx, {
          actorId: actor.id,
          action: 'comment.add',
          subjectType: 'record',
          subjectId: record.id,
          entity: record.entity,
          after: view,
        });
        return view;
      });
    },
  };
}

export type CommentsService = ReturnType<typeof createCommentsService>;
