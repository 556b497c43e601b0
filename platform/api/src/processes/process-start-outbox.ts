// The process starts a record's creation owes, kept until Temporal has accepted them (a
// transactional outbox). A create writes the row in the statement that inserts the record; the
// trigger starts the process right away and marks the row done. When that start fails (the engine
// down or unreachable, the API stopped in between), the row stays and `sweep` retries it with
// backoff until the process runs. Starting is idempotent (one workflow per process and record), so
// a retry of a start that had in fact gone through is harmless.
import type { RetryOutcome } from '@crm/definitions';
import { sql, type RawBuilder } from 'kysely';
import type { Logger } from '../config';
import { asIso, type Db } from '../db/db';
import { ConflictError, NotFoundError, ProblemError } from '../http/problems';
import type { ProcessGateway, StartActor } from './process-gateway';

/** One start a creation owes. */
export interface OwedStart {
  id: string;
  processKey: string;
}

export interface ProcessStartOutboxOptions {
  /** How often due starts are retried; 0 turns the timer off (tests call `sweep`). Default 10 s. */
  sweepEveryMs?: number;
  /** Rows claimed per sweep. */
  batch?: number;
}

interface DueRow {
  id: string;
  record_id: string;
  process_key: string;
  attempts: number;
  actor_id: string | null;
  actor_role: string | null;
}

/** An error's message with its causes ("Failed to start Workflow: 14 UNAVAILABLE: …"), for the administrator. */
function errorChain(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e !== undefined && e !== null && parts.length < 5;) {
    const text = e instanceof Error ? e.message : String(e);
    if (text !== '' && !parts.includes(text)) parts.push(text);
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join(': ').slice(0, 2000);
}

/** Retry delay after `attempts` failed tries: 10 s, 20 s, 40 s … at most 10 minutes. */
export const retryDelayMs = (attempts: number): number =>
  Math.min(10 * 60_000, 10_000 * 2 ** Math.max(0, attempts - 1));

/**
 * The process starts a record still owes (its creation or a condition owed them; the engine has
 * not accepted them yet). Read from PostgreSQL alone, so it answers while the engine is down.
 */
export async function owedStartsOf(
  db: Db,
  recordId: string,
): Promise<{ processKey: string; attempts: number; nextAttemptAt: string }[]> {
  const rows = await db.query(sql<{ process_key: string; attempts: number; next_attempt_at: Date | string }>`
    SELECT process_key, attempts, next_attempt_at FROM process_start_outbox WHERE record_id = ${recordId}::uuid
    ORDER BY id`);
  return rows.map((row) => ({
    processKey: row.process_key,
    attempts: row.attempts,
    nextAttemptAt: asIso(row.next_attempt_at),
  }));
}

/**
 * The answer to an action on a record whose process has not started yet because its start is
 * still owed: 404 like any record without a process, saying why and that it will start.
 */
export function startPendingProblem(owed: { processKey: string; nextAttemptAt: string }[]): ProblemError {
  return new ProblemError(
    404,
    'Not found',
    'The process of this record has not started yet: the process engine has not accepted its start. It is tried again automatically and starts as soon as the engine is reachable.',
    [],
    { processStartPending: owed.map(({ processKey, nextAttemptAt }) => ({ processKey, nextAttemptAt })) },
  );
}

export function createProcessStartOutbox(deps: {
  db: Db;
  gateway: ProcessGateway;
  logger: Logger;
  options?: ProcessStartOutboxOptions;
}) {
  const { db, gateway, logger } = deps;
  const batch = deps.options?.batch ?? 50;
  let finished: string[] = [];
  let flushing: Promise<void> | undefined;
  let flushTimer: NodeJS.Timeout | undefined;

  /** Deletes the rows of starts that went through, many per statement. */
  async function flush(): Promise<void> {
    if (flushTimer !== undefined) clearTimeout(flushTimer);
    flushTimer = undefined;
    if (finished.length === 0) return;
    const ids = finished;
    finished = [];
    try {
      await db.query(sql`DELETE FROM process_start_outbox WHERE id = ANY(${ids}::bigint[])`);
    } catch (error) {
      // The rows stay; a sweep starts them again (a no-op) and deletes them then.
      logger.warn('process start outbox: could not delete finished starts', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  async function retry(row: DueRow): Promise<RetryOutcome> {
    const actor: StartActor | null =
      row.actor_id === null || row.actor_role === null ? null : { id: row.actor_id, role: row.actor_role };
    let result: RetryOutcome;
    try {
      await gateway.start(actor, { processKey: row.process_key, recordId: row.record_id });
      result = { outcome: 'started' };
    } catch (error) {
      const message = errorChain(error);
      if (!(error instanceof NotFoundError)) {
        logger.error(`process start failed again: ${row.process_key} for record ${row.record_id}`, {
          error: message,
          attempts: row.attempts,
        });
        await db.query(sql`UPDATE process_start_outbox SET last_error = ${message},
          next_attempt_at = now() + ${retryDelayMs(row.attempts)} * interval '1 millisecond'
          WHERE id = ${row.id}::bigint`);
        return { outcome: 'failed', error: message };
      }
      // The record was deleted, or the process is no longer published: nothing left to start.
      logger.warn(`process start dropped: ${row.process_key} for record ${row.record_id}`, {
        error: message,
      });
      result = { outcome: 'dropped', error: message };
    }
    await db.query(sql`DELETE FROM process_start_outbox WHERE id = ${row.id}::bigint`);
    return result;
  }

  /**
   * Takes the rows `ids` selects (FOR UPDATE SKIP LOCKED) for one try: they move a minute ahead, so
   * another API instance does not take them meanwhile, and count the attempt.
   */
  const claim = (ids: RawBuilder<unknown>) =>
    db.query(sql<DueRow>`
      UPDATE process_start_outbox o SET attempts = o.attempts + 1, next_attempt_at = now() + interval '1 minute'
      FROM (${ids}) d WHERE o.id = d.id
      RETURNING o.id::text, o.record_id::text, o.process_key, o.attempts, o.actor_id::text,
        (SELECT role FROM users WHERE id = o.actor_id) AS actor_role`);

  const sweepEveryMs = deps.options?.sweepEveryMs ?? 10_000;
  let sweeping: Promise<unknown> | undefined;
  const sweepTimer =
    sweepEveryMs > 0
      ? setInterval(() => {
          sweeping ??= outbox
            .sweep()
            .catch((error: unknown) =>
              logger.error('process start outbox: sweep failed', {
                error: error instanceof Error ? error.message : String(error),
              }),
            )
            .finally(() => {
              sweeping = undefined;
            });
        }, sweepEveryMs)
      : undefined;
  sweepTimer?.unref();

  const outbox = {
    /** The create statement's part that owes `keys` starts for the record its `from` CTE inserted. */
    insertSql(keys: readonly string[], actorId: string, from: string): RawBuilder<unknown> {
      return sql`INSERT INTO process_start_outbox (record_id, process_key, actor_id)
        SELECT f.id, k.key, ${actorId}::uuid FROM ${sql.table(from)} AS f, unnest(${keys}::text[]) AS k(key)
        RETURNING id::text, process_key`;
    },

    /** Owes a start for an existing record (a condition that has just become true); the row's id. */
    async owe(recordId: string, processKey: string, actorId: string | null): Promise<string | undefined> {
      const row = await db.one(sql<{ id: string }>`
        INSERT INTO process_start_outbox (record_id, process_key, actor_id)
        VALUES (${recordId}::uuid, ${processKey}, ${actorId}::uuid)
        ON CONFLICT (record_id, process_key) DO NOTHING RETURNING id::text`);
      return row?.id;
    },

    /** The first try failed: counted and noted; the row keeps its due time (the sweep's first retry). */
    async failed(id: string, error: unknown): Promise<void> {
      await db.query(sql`UPDATE process_start_outbox SET attempts = attempts + 1, last_error = ${errorChain(error)}
        WHERE id = ${id}::bigint`);
    },

    /** The start went through: its row goes with the next batch of deletes (within a second). */
    done(id: string): void {
      finished.push(id);
      if (finished.length >= 100) flushing = flush();
      else flushTimer ??= setTimeout(() => void flush(), 1000).unref();
    },

    /**
     * Retries every owed start whose time has come, claiming a batch at a time so that several
     * API instances share the work; answers how many went through, were dropped or failed again.
     */
    async sweep(): Promise<{ started: number; dropped: number; failed: number }> {
      const counts = { started: 0, dropped: 0, failed: 0 };
      for (;;) {
        const due = await claim(sql`SELECT id FROM process_start_outbox WHERE next_attempt_at <= now()
          ORDER BY next_attempt_at LIMIT ${batch} FOR UPDATE SKIP LOCKED`);
        for (const row of due) counts[(await retry(row)).outcome] += 1;
        if (due.length < batch) return counts;
      }
    },

    /**
     * Tries one owed start now, whatever its backoff says (an administrator's "retry now"). A start
     * another instance is trying at this moment is a conflict; an unknown id (already started,
     * dropped or never owed) is not found.
     */
    async retryNow(id: string): Promise<RetryOutcome> {
      if (!/^[1-9][0-9]{0,17}$/.test(id)) throw new NotFoundError('No such owed process start.');
      const [row] = await claim(sql`SELECT id FROM process_start_outbox WHERE id = ${id}::bigint
        FOR UPDATE SKIP LOCKED`);
      if (row !== undefined) return retry(row);
      const exists = await db.one(sql`SELECT 1 AS one FROM process_start_outbox WHERE id = ${id}::bigint`);
      if (exists === undefined)
        throw new NotFoundError('No such owed process start: it has started or was dropped.');
      throw new ConflictError('This start is being tried right now; look again in a moment.');
    },

    /** Stops the timer and deletes the rows of finished starts. */
    async close(): Promise<void> {
      if (sweepTimer !== undefined) clearInterval(sweepTimer);
      await sweeping;
      await flushing;
      await flush();
    },
  };
  return outbox;
}

export type ProcessStartOutbox = ReturnType<typeof createProcessStartOutbox>;
