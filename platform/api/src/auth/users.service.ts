import type { PublicUser } from '@crm/definitions';
import { sql } from 'kysely';
import type { Db } from '../db/db';
import { ConflictError, NotFoundError, ValidationError } from '../http/problems';
import type { Actor, RecordScope } from './actor';
import { hashPassword } from './passwords';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  manager_id: string | null;
  active: boolean;
  created_at: Date;
}

export interface UserWithHash extends UserRow {
  password_hash: string;
}

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: string;
  managerId?: string | null;
}

export function toPublicUser(row: UserRow): PublicUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    managerId: row.manager_id,
    active: row.active,
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function createUsersService(db: Db) {
  async function actorFor(userId: string): Promise<Actor | undefined> {
    const row = await db.one(
      sql<UserRow & { record_scope: RecordScope; capabilities: string[] }>`
      SELECT u.id, u.email, u.name, u.role, u.manager_id, u.active, u.created_at, r.record_scope, r.capabilities
      FROM users u JOIN roles r ON r.key = u.role WHERE u.id = ${userId} AND u.active`,
      { prepare: true },
    );
    if (!row) return undefined;
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      recordScope: row.record_scope,
      capabilities: new Set(row.capabilities),
    };
  }

  return {
    actorFor,

    async create(input: NewUser): Promise<PublicUser> {
      const errors = [];
      if (!EMAIL.test(input.email))
        errors.push({ field: 'email', rule: 'format', message: 'Enter a valid e-mail address.' });
      if (input.name.trim() === '')
        errors.push({ field: 'name', rule: 'required', message: 'Enter a name.' });
      if (input.password.length < 8)
        errors.push({
          field: 'password',
          rule: 'minLength',
          message: 'The password needs at least 8 characters.',
        });
      const role = await db.one(sql<{ key: string }>`SELECT key FROM roles WHERE key = ${input.role}`);
      if (!role) errors.push({ field: 'role', rule: 'exists', message: `There is no role "${input.role}".` });
      if (input.managerId) {
        const manager = await db.one(sql<{ id: string }>`SELECT id FROM users WHERE id = ${input.managerId}`);
        if (!manager)
          errors.push({ field: 'managerId', rule: 'exists', message: 'The manager does not exist.' });
      }
      if (errors.length > 0) throw new ValidationError('The user is not valid.', errors);
      const existing = await db.one(
        sql<{ id: string }>`SELECT id FROM users WHERE lower(email) = lower(${input.email})`,
      );
      if (existing)
        throw new ConflictError('A user with this e-mail exists.', [
          { field: 'email', rule: 'unique', message: 'This e-mail address is taken.' },
        ]);
      const passwordHash = await hashPassword(input.password);
      const row = await db.one(sql<UserRow>`
        INSERT INTO users (email, name, password_hash, role, manager_id)
        VALUES (${input.email}, ${input.name}, ${passwordHash}, ${input.role}, ${input.managerId ?? null})
        RETURNING id, email, name, role, manager_id, active, created_at`);
      if (!row) throw new Error('insert returned no row');
      return toPublicUser(row);
    },

    async findByEmail(email: string): Promise<UserWithHash | undefined> {
      return db.one(sql<UserWithHash>`
        SELECT id, email, name, role, manager_id, active, created_at, password_hash
        FROM users WHERE lower(email) = lower(${email})`);
    },

    async get(id: string): Promise<PublicUser> {
      const row = await db.one(
        sql<UserRow>`SELECT id, email, name, role, manager_id, active, created_at FROM users WHERE id = ${id}`,
      );
      if (!row) throw new NotFoundError('No such user.');
      return toPublicUser(row);
    },

    async list(): Promise<PublicUser[]> {
      const rows = await db.query(
        sql<UserRow>`SELECT id, email, name, role, manager_id, active, created_at FROM users ORDER BY name`,
      );
      return rows.map(toPublicUser);
    },

    async exists(id: string): Promise<boolean> {
      return (await db.one(sql<{ id: string }>`SELECT id FROM users WHERE id = ${id}`)) !== undefined;
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
