import { sql } from 'kysely';
import type { Db } from '../db/db';
import type { RecordScope } from '../auth/actor';

export interface RoleRow {
  key: string;
  label: string;
  record_scope: RecordScope;
  capabilities: string[];
  builtin: boolean;
}

/** A role as the definition language describes it (kind `role`). */
export interface RoleInput {
  key: string;
  label: string;
  recordScope: RecordScope;
  capabilities: string[];
}

export function createRolesService(db: Db) {
  return {
    list(): Promise<RoleRow[]> {
      return db.query(
        sql<RoleRow>`SELECT key, label, record_scope, capabilities, builtin FROM roles ORDER BY key`,
      );
    },
    get(key: string): Promise<RoleRow | undefined> {
      return db.one(
        sql<RoleRow>`SELECT key, label, record_scope, capabilities, builtin FROM roles WHERE key = ${key}`,
      );
    },
    /** Publishing a role definition makes it effective at once (built-in roles may be refined too). */
    async upsert(tx: Db, role: RoleInput): Promise<void> {
      await tx.query(sql`
        INSERT INTO roles (key, label, record_scope, capabilities)
        VALUES (${role.key}, ${role.label}, ${role.recordScope}, ${JSON.stringify(role.capabilities)}::jsonb)
        ON CONFLICT (key) DO UPDATE SET label = EXCLUDED.label, record_scope = EXCLUDED.record_scope,
          capabilities = EXCLUDED.capabilities`);
    },
  };
}

export type RolesService = ReturnType<typeof createRolesService>;
