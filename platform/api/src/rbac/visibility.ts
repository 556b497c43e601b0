import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../auth/actor';

/**
 * The SQL predicate deciding which rows of `records` (aliased `r`) an actor may see. Every record
 * read goes through it, so an invisible record is indistinguishable from a missing one (404).
 */
export function visibleTo(actor: Actor): RawBuilder<boolean> {
  const shared = sql<boolean>`EXISTS (SELECT 1 FROM record_shares s WHERE s.record_id = r.id AND s.user_id = ${actor.id})`;
  switch (actor.recordScope) {
    case 'all':
      return sql<boolean>`true`;
    case 'none':
      return sql<boolean>`false`;
    case 'own':
      return sql<boolean>`(r.owner_id = ${actor.id} OR ${shared})`;
    case 'team':
      // The team is the user and everybody reporting to them, transitively (users.manager_id).
      return sql<boolean>`(r.owner_id IN (
        WITH RECURSIVE team(id) AS (
          SELECT ${actor.id}::uuid
          UNION SELECT u.id FROM users u JOIN team t ON u.manager_id = t.id
        ) SELECT id FROM team) OR ${shared})`;
    default:
      throw new Error(`unknown record scope ${String(actor.recordScope satisfies never)}`);
  }
}
