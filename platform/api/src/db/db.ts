import type { EntityManager } from '@mikro-orm/postgresql';
import type { RawBuilder } from 'kysely';

/**
 * The data access seam of the platform: parameterised SQL (kysely `sql` templates) executed on the
 * MikroORM connection, with transactions that nest by reuse. Records are dynamic JSONB documents
 * shaped by published definitions, so hand-written SQL reads better here than entity mapping.
 */
export interface Db {
  query<T>(query: RawBuilder<T>): Promise<T[]>;
  one<T>(query: RawBuilder<T>): Promise<T | undefined>;
  transaction<T>(work: (db: Db) => Promise<T>): Promise<T>;
}

export function createDb(em: EntityManager): Db {
  return new OrmDb(em, false);
}

class OrmDb implements Db {
  constructor(
    private readonly em: EntityManager,
    private readonly inTransaction: boolean,
  ) {}

  async query<T>(query: RawBuilder<T>): Promise<T[]> {
    const result = await query.execute(this.em.getKysely());
    return result.rows;
  }

  async one<T>(query: RawBuilder<T>): Promise<T | undefined> {
    const rows = await this.query(query);
    return rows[0];
  }

  transaction<T>(work: (db: Db) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    return this.em.fork().transactional((tem) => work(new OrmDb(tem, true)));
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
