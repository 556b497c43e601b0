import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { asIso, type Db } from '../db/db';
import { NotFoundError, ValidationError } from '../http/problems';

const PREFIX = 'crm_';

export interface TokenInfo {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

interface TokenRow {
  id: string;
  name: string;
  created_at: Date | string;
  last_used_at: Date | string | null;
}

/** Only the SHA-256 of a token is stored: a leaked table does not leak usable credentials. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const toInfo = (row: TokenRow): TokenInfo => ({
  id: row.id,
  name: row.name,
  createdAt: asIso(row.created_at),
  lastUsedAt: row.last_used_at === null ? null : asIso(row.last_used_at),
});

export function createTokensService(db: Db) {
  return {
    async create(userId: string, name: string): Promise<TokenInfo & { token: string }> {
      if (name.trim() === '' || name.length > 200)
        throw new ValidationError('The token needs a name.', [
          { field: 'name', rule: 'required', message: 'Give the token a name of at most 200 characters.' },
        ]);
      const token = PREFIX + randomBytes(32).toString('base64url');
      const row = await db.one(sql<TokenRow>`
        INSERT INTO api_tokens (user_id, name, token_hash) VALUES (${userId}, ${name}, ${hashToken(token)})
        RETURNING id, name, created_at, last_used_at`);
      if (!row) throw new Error('insert returned no row');
      return { ...toInfo(row), token };
    },

    async list(userId: string): Promise<TokenInfo[]> {
      const rows = await db.query(sql<TokenRow>`
        SELECT id, name, created_at, last_used_at FROM api_tokens
        WHERE user_id = ${userId} AND revoked_at IS NULL ORDER BY created_at`);
      return rows.map(toInfo);
    },

    async revoke(userId: string, tokenId: string): Promise<void> {
      const row = await db.one(sql<{ id: string }>`
        UPDATE api_tokens SET revoked_at = now()
        WHERE id = ${tokenId} AND user_id = ${userId} AND revoked_at IS NULL RETURNING id`);
      if (!row) throw new NotFoundError('No such token.');
    },

    /** Returns the user id the token belongs to, or undefined for an unknown or revoked token. */
    async resolve(token: string): Promise<string | undefined> {
      if (!token.startsWith(PREFIX)) return undefined;
      const row = await db.one(sql<{ user_id: string }>`
        UPDATE api_tokens SET last_used_at = now()
        WHERE token_hash = ${hashToken(token)} AND revoked_at IS NULL RETURNING user_id`);
      return row?.user_id;
    },
  };
}

export type TokensService = ReturnType<typeof createTokensService>;
