// Connects record and activity events to running processes: a new record starts the processes
// whose trigger fits, a saved record signals its instances (waits and conditions are re-evaluated)
// and starts `onCondition` processes whose condition has just become true, a logged activity is
// offered to the instances. The write itself has already committed: a process engine that is down
// must not undo it, so failures here are logged, not thrown. Starts are never lost, though: each
// is owed in the process start outbox first (a create owes its `onCreate` starts in the statement
// that inserts the record) and retried from there until Temporal accepts it.
import { evaluateCondition, type Condition, type ProcessDefinition } from '@crm/definitions';
import type { Actor } from '../auth/actor';
import type { Logger } from '../config';
import type { Db } from '../db/db';
import type { DefinitionsService } from '../definitions/definitions.service';
import type { PublishedEntity } from '../records/records.service';
import type { RecordView } from '../records/record-row';
import type { ProcessRecordView } from '@crm/workflows/contract';
import type { RawBuilder } from 'kysely';
import type { ProcessGateway } from './process-gateway';
import type { OwedStart, ProcessStartOutbox } from './process-start-outbox';
import { loadProcessRecordView } from './record-snapshot';

export interface ProcessTriggers {
  /** The processes a new record of the entity starts whatever its data (`onCreate` triggers). */
  startsOnCreate(entity: string): Promise<string[]>;
  /** The create statement's part that owes those starts for the record its `from` CTE inserts. */
  owedStartsSql(keys: readonly string[], actorId: string, from: string): RawBuilder<unknown>;
  /** `owed`: the starts the create statement owed, done here once Temporal accepted them. */
  recordCreated(actor: Actor, record: RecordView, owed?: readonly OwedStart[]): Promise<void>;
  recordUpdated(actor: Actor, before: RecordView, after: RecordView): Promise<void>;
  activityLogged(
    actor: Actor,
    record: { id: string; entity: string },
    activity: { type: string; result?: string; at: number },
  ): Promise<void>;
}

export function createProcessTriggers(deps: {
  gateway: ProcessGateway;
  outbox: ProcessStartOutbox;
  db: Db;
  definitions: DefinitionsService;
  resolveEntity(key: string): Promise<PublishedEntity>;
  logger: Logger;
}): ProcessTriggers {
  const { gateway, outbox, logger } = deps;

  async function processesOf(entity: string): Promise<ProcessDefinition[]> {
    return (await deps.definitions.latestAll('process'))
      .map((v) => v.content as unknown as ProcessDefinition)
      .filter((p) => p.entity === entity);
  }

  /** The record as its processes see it, read at most once per event however many ask. */
  function viewOf(record: RecordView, fresh: boolean): () => Promise<ProcessRecordView> {
    let loaded: Promise<ProcessRecordView> | undefined;
    return () =>
      (loaded ??= loadProcessRecordView(
        deps.db,
        deps.resolveEntity,
        record.id,
        // A create hands over the row it just wrote; an update's row may have moved on since.
        fresh ? { known: record } : { entity: record.entity },
      ).then((snapshot) => snapshot.view));
  }

  function holds(condition: Condition, view: ProcessRecordView, data?: Record<string, unknown>): boolean {
    const record = data ?? view.data;
    return evaluateCondition(condition, {
      record,
      related: view.related ?? {},
      ...(typeof record.stage === 'string' ? { stage: record.stage } : {}),
      ...(typeof record.ownerId === 'string' ? { ownerId: record.ownerId } : {}),
    });
  }

  /**
   * Whether an `onCondition` trigger fires: its condition holds now and (for an update) did not
   * hold on the data before. A record that cannot be read fires nothing, and says so in the log.
   */
  async function fires(
    processKey: string,
    condition: Condition,
    view: () => Promise<ProcessRecordView>,
    before?: Record<string, unknown>,
  ): Promise<boolean> {
    try {
      const now = await view();
      return holds(condition, now) && (before === undefined || !holds(condition, now, before));
    } catch (error) {
      logger.error(`process trigger failed: condition of ${processKey}`, {
        error: error instanceof Error ? error.message : String(error),
      });
      return false;
    }
  }

  async function guarded(what: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      logger.error(`process trigger failed: ${what}`, {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** Starts a process owed in the outbox (owing it first when `owedId` is not given). */
  async function startOwed(
    actor: Actor,
    key: { processKey: string; recordId: string },
    owedId: string | undefined,
    record?: RecordView,
  ): Promise<void> {
    await guarded(`start ${key.processKey}`, async () => {
      const id = owedId ?? (await outbox.owe(key.recordId, key.processKey, actor.id));
      try {
        await gateway.start(actor, key, record);
      } catch (error) {
        // The row stays for the sweep; it tells the administrator why the first try failed.
        // Best effort: the sweep retries the row either way.
        if (id !== undefined) await outbox.failed(id, error).catch(() => undefined);
        throw error;
      }
      if (id !== undefined) outbox.done(id);
    });
  }

  return {
    async startsOnCreate(entity) {
      return (await processesOf(entity))
        .filter((process) => process.triggers.some((trigger) => trigger.type === 'onCreate'))
        .map((process) => process.key);
    },

    owedStartsSql: (keys, actorId, from) => outbox.insertSql(keys, actorId, from),

    async recordCreated(actor, record, owed = []) {
      const view = viewOf(record, true);
      for (const process of await processesOf(record.entity)) {
        for (const trigger of process.triggers) {
          const starts =
            trigger.type === 'onCreate' ||
            (trigger.type === 'onCondition' && (await fires(process.key, trigger.condition, view)));
          if (!starts) continue;
          const owedId = owed.find((start) => start.processKey === process.key)?.id;
          await startOwed(actor, { processKey: process.key, recordId: record.id }, owedId, record);
          break;
        }
      }
    },

    async recordUpdated(actor, before, after) {
      const view = viewOf(after, false);
      const beforeData = { ...before.data, ownerId: before.ownerId, stage: before.stage };
      for (const process of await processesOf(after.entity)) {
        const key = { processKey: process.key, recordId: after.id };
        await guarded(`recordChanged ${process.key}`, async () => gateway.recordChanged(key, await view()));
        for (const trigger of process.triggers) {
          if (trigger.type !== 'onCondition') continue;
          if (await fires(process.key, trigger.condition, view, beforeData))
            await startOwed(actor, key, undefined);
        }
      }
    },

    async activityLogged(actor, record, activity) {
      for (const process of await processesOf(record.entity)) {
        const key = { processKey: process.key, recordId: record.id };
        // Only running instances take activities; a finished one (or none) has nothing to advance.
        const state = await gateway.state(key).catch(() => null);
        if (state === null || (state as { status?: unknown }).status !== 'running') continue;
        await guarded(`activity ${process.key}`, () => gateway.activityLogged(actor, key, activity));
      }
    },
  };
}
