import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { asIso, type Db } from '../db/db';
import { NotFoundError, ValidationError } from '../http/problems';
import type { Actor, RecordScope } from './actor';

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

/** What a bearer token resolves to: nothing, a user who may not act, or the actor. */
export type TokenResolution = { kind: 'invalid' } | { kind: 'inactive' } | { kind: 'actor'; actor: Actor };

interface TokenActorRow {
  user_id: string;
  id: string | null;
  email: string;
  name: string;
  role: string;
  record_scope: RecordScope;
  capabilities: string[];
}

/**
 * last_used_at is informational (shown in the token list), so it is written at most once a minute:
 * a write per request would make every read a write and cost a round trip of its own.
 */
const LAST_USED_RESOLUTION = sql`interval '60 seconds'`;

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

    /**
     * The token, its active user and the user's role in one statement, touching last_used_at in the
     * same statement when it is older than a minute (a data-modifying CTE always runs).
     */
    async resolveActor(token: string): Promise<TokenResolution> {
      if (!token.startsWith(PREFIX)) return { kind: 'invalid' };
      const row = await db.one(
        sql<TokenActorRow>`
        WITH t AS (
          SELECT id, user_id, last_used_at FROM api_tokens
          WHERE token_hash = ${hashToken(token)} AND revoked_at IS NULL
        ), touched AS (
          UPDATE api_tokens a SET last_used_at = now() FROM t
          WHERE a.id = t.id AND (t.last_used_at IS NULL OR t.last_used_at < now() - ${LAST_USED_RESOLUTION})
          RETURNING a.id
        )
        SELECT t.user_id, u.id, u.email, u.name, u.role, r.record_scope, r.capabilities
        FROM t LEFT JOIN (users u JOIN roles r ON r.key = u.role) ON u.id = t.user_id AND u.active`,
        { prepare: true },
      );
      if (!row) return { kind: 'invalid' };
      if (row.id === null) return { kind: 'inactive' };
      return {
        kind: 'actor',
        actor: {
          id: row.id,
          email: row.email,
          name: row.name,
          role: row.role,
          recordScope: row.record_scope,
          capabilities: new Set(row.capabilities),
        },
      };
    },
  };
}

export type TokensService = ReturnType<typeof createTokensService>;
