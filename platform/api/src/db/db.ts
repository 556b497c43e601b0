import { AsyncLocalStorage } from 'node:async_hooks';
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
 *
 * A transaction is also ambient: while its work runs, every call on the root handle (a service
 * built over it, a port) joins it instead of taking a connection of its own. So a unit of work that
 * spans services (a process step's stage change, task and automation history) commits once, and
 * nothing of it stays behind when one part fails.
 */
export interface Db {
  query<T>(query: RawBuilder<T>, options?: QueryOptions): Promise<T[]>;
  one<T>(query: RawBuilder<T>, options?: QueryOptions): Promise<T | undefined>;
  transaction<T>(work: (db: Db) => Promise<T>): Promise<T>;
  /**
   * Runs `work` once the transaction this call joins has committed (before that transaction's
   * caller resumes), or at once outside a transaction; never after a rollback. For what cannot be
   * rolled back (sending a mail) that must only follow committed rows. A failure of `work` reaches
   * the transaction's caller, although the transaction has committed: `work` handles its own.
   */
  afterCommit(work: () => Promise<void>): Promise<void>;
  /**
   * A handle on the same database that never joins an ambient transaction: for reads whose result
   * outlives the caller's unit of work and is shared (a cache), which must not see its uncommitted
   * writes or depend on its connection.
   */
  independent(): Db;
}

export function createDb(em: EntityManager): Db {
  let pool: Promise<Pool> | undefined;
  // The pool behind MikroORM's connection, so prepared statements share its connections and types.
  const nativePool = () => (pool ??= em.getConnection().getNativeClient());
  // A fork without MikroORM's own transaction context: which transaction a call joins is decided
  // here (per root handle, so two platforms in one process never join each other's), and work that
  // outlives a transaction does not inherit its finished connection.
  return new OrmDb(em.fork({ useContext: false }), false, nativePool, new AsyncLocalStorage<OrmDb>());
}

/** A stable name per statement text (PostgreSQL allows 63 bytes). */
function statementName(text: string): string {
  return `crm_${createHash('sha1').update(text).digest('hex').slice(0, 32)}`;
}

class OrmDb implements Db {
  /** A transaction's handle stops being ambient once it has committed or rolled back. */
  private open = true;
  /** What runs once this transaction has committed. */
  private readonly committed: (() => Promise<void>)[] = [];

  constructor(
    private readonly em: EntityManager,
    private readonly inTransaction: boolean,
    private readonly nativePool: () => Promise<Pool>,
    private readonly ambient: AsyncLocalStorage<OrmDb>,
    private readonly joinsAmbient = true,
  ) {}

  /** The transaction this call runs in, if any: its own, or the one whose work is running. */
  private joined(): OrmDb | undefined {
    if (this.inTransaction) return this;
    if (!this.joinsAmbient) return undefined;
    const outer = this.ambient.getStore();
    return outer?.open === true ? outer : undefined;
  }

  async query<T>(query: RawBuilder<T>, options: QueryOptions = {}): Promise<T[]> {
    const tx = this.joined();
    if (tx !== undefined && tx !== this) return tx.query(query, options);
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

  independent(): Db {
    if (this.inTransaction) throw new Error('independent() is for the root handle, not a transaction');
    return new OrmDb(this.em, false, this.nativePool, this.ambient, false);
  }

  async afterCommit(work: () => Promise<void>): Promise<void> {
    const tx = this.joined();
    if (tx === undefined) await work();
    else tx.committed.push(work);
  }

  async transaction<T>(work: (db: Db) => Promise<T>): Promise<T> {
    const tx = this.joined();
    if (tx !== undefined) return work(tx);
    let own: OrmDb | undefined;
    const result = await this.em.fork().transactional(async (tem) => {
      own = new OrmDb(tem, true, this.nativePool, this.ambient);
      const handle = own;
      try {
        return await this.ambient.run(handle, () => work(handle));
      } finally {
        handle.open = false;
      }
    });
    // Outside the transaction's context: what runs now joins no transaction that has ended.
    for (const committed of own?.committed ?? []) await committed();
    return result;
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
