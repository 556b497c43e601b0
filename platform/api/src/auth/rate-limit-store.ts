import type { IncrementResponse, Options, Store } from 'express-rate-limit';
import { sql } from 'kysely';
import { asIso, type Db } from '../db/db';

/** express-rate-limit store in PostgreSQL: counters survive restarts and are shared by instances. */
export class PgRateLimitStore implements Store {
  private windowMs = 60_000;
  readonly prefix: string;

  constructor(
    private readonly db: Db,
    prefix: string,
  ) {
    this.prefix = prefix;
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<IncrementResponse> {
    const row = await this.db.one(sql<{ hits: number; reset_at: Date | string }>`
      INSERT INTO rate_limits (key, hits, reset_at)
      VALUES (${this.prefix + key}, 1, now() + make_interval(secs => ${this.windowMs / 1000}))
      ON CONFLICT (key) DO UPDATE SET
        hits = CASE WHEN rate_limits.reset_at <= now() THEN 1 ELSE rate_limits.hits + 1 END,
        reset_at = CASE WHEN rate_limits.reset_at <= now() THEN EXCLUDED.reset_at ELSE rate_limits.reset_at END
      RETURNING hits, reset_at`);
    if (!row) throw new Error('rate limit upsert returned no row');
    return { totalHits: row.hits, resetTime: new Date(asIso(row.reset_at)) };
  }

  async decrement(key: string): Promise<void> {
    await this.db.query(
      sql`UPDATE rate_limits SET hits = greatest(hits - 1, 0) WHERE key = ${this.prefix + key}`,
    );
  }

  async resetKey(key: string): Promise<void> {
    await this.db.query(sql`DELETE FROM rate_limits WHERE key = ${this.prefix + key}`);
  }
}
