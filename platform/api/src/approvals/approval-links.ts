// Personal decision links in the mail that asks an approver for a decision. A link carries 32 random
// bytes; only their SHA-256 is stored, so neither the table nor a backup can be used to decide. A link
// stands for one approval and one approver, and lasts LINK_DAYS; deciding through it is deciding as
// that user, with every check of the inbox (eligible, still pending, comment when required).
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/db';

/** How long a link works. The approval's own deadline and escalation are the process's business. */
export const LINK_DAYS = 14;

/** What a link looks like: 32 bytes in base64url. Anything else is refused before any lookup. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (token: string): Buffer => createHash('sha256').update(token).digest();

/** The path of the runtime UI's decision page for a link (the app routes by hash). */
export const linkPath = (token: string): string => `/app/#/approval-link/${token}`;

export interface LinkTarget {
  /** The approvals row. */
  approvalId: string;
  userId: string;
}

export function createApprovalLinks(db: Db) {
  return {
    /**
     * A new link for an approver of a request. Issued once its mail is written: a link issued for a
     * mail that was never written (a crash in between) is replaced, never left valid unseen.
     */
    async issue(requestKey: string, target: LinkTarget): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      const expires = new Date(Date.now() + LINK_DAYS * 86_400_000);
      await db.query(sql`INSERT INTO approval_links (token_hash, approval_row, user_id, request_key, expires_at)
        VALUES (${hashOf(token)}, ${target.approvalId}::uuid, ${target.userId}::uuid, ${requestKey}, ${expires})
        ON CONFLICT (request_key, user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash,
          expires_at = EXCLUDED.expires_at, created_at = now()`);
      return token;
    },

    /** The approval and approver a link stands for; undefined when it is unknown or has expired. */
    async resolve(token: string): Promise<LinkTarget | undefined> {
      if (!TOKEN_SHAPE.test(token)) return undefined;
      const row = await db.one(sql<{ approval_id: string; user_id: string }>`
        SELECT approval_row::text AS approval_id, user_id::text FROM approval_links
        WHERE token_hash = ${hashOf(token)} AND expires_at > now()`);
      return row && { approvalId: row.approval_id, userId: row.user_id };
    },
  };
}

export type ApprovalLinks = ReturnType<typeof createApprovalLinks>;
