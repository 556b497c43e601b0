import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RawBuilder } from 'kysely';
import type { Pool } from 'pg';

export interface QueryOptions {
  /**
   * Run as a named prepared statement, so PostgreSQL parses and plans it once per connection
   * instead of on every call. Only for hot statements of a fixed shape (a token lookup, a record
   * create for one entity version): every distinct text stays prepared on each pooled connection.
   * Ignored inside a transaction, which runs on the transaction's own connection.
   */
  prepare?: boolean;
}

/**
 * The data access seam of the platform: parameterised SQL (kysely `sql` templates) executed on the
 * MikroORM connection, with transactions that nest by reuse. Records are dynamic JSONB documents
 * shaped by published definitions, so hand-written SQL reads better here than entity mapping.
 */
export interface Db {
  query<T>(query: RawBuilder<T>, options?: QueryOptions): Promise<T[]>;
  one<T>(query: RawBuilder<T>, options?: QueryOptions): Promise<T | undefined>;
  transaction<T>(work: (db: Db) => Promise<T>): Promise<T>;
}

export function createDb(em: EntityManager): Db {
  let pool: Promise<Pool> | undefined;
  // The pool behind MikroORM's connection, so prepared statements share its connections and types.
  const nativePool = () => (pool ??= em.getConnection().getNativeClient());
  return new OrmDb(em, false, nativePool);
}

/** A stable name per statement text (PostgreSQL allows 63 bytes). */
function statementName(text: string): string {
  return `crm_${createHash('sha1').update(text).digest('hex').slice(0, 32)}`;
}

class OrmDb implements Db {
  constructor(
    private readonly em: EntityManager,
    private readonly inTransaction: boolean,
    private readonly nativePool: () => Promise<Pool>,
  ) {}

  async query<T>(query: RawBuilder<T>, options: QueryOptions = {}): Promise<T[]> {
    const kysely = this.em.getKysely();
    if (options.prepare !== true || this.inTransaction) return (await query.execute(kysely)).rows;
    const compiled = query.compile(kysely);
    const pool = await this.nativePool();
    const result = await pool.query({
      name: statementName(compiled.sql),
      text: compiled.sql,
      values: [...compiled.parameters],
    });
    return result.rows as T[];
  }

  async one<T>(query: RawBuilder<T>, options?: QueryOptions): Promise<T | undefined> {
    const rows = await this.query(query, options);
    return rows[0];
  }

  transaction<T>(work: (db: Db) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    return this.em.fork().transactional((tem) => work(new OrmDb(tem, true, this.nativePool)));
  }
}

/** The fields of a node-postgres error that the platform maps to problems. */
export interface PgError {
  code: string;
  constraint?: string;
  detail?: string;
}

export function isPgError(error: unknown): error is PgError {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof (error as { code: unknown }).code === 'string' &&
    'severity' in error
  );
}

/** Timestamps arrive as Date or as PostgreSQL text depending on the driver's type parsers. */
export function asIso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}
