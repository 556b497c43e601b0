// Connects record and activity events to running processes: a new record starts the processes
// whose trigger fits, a saved record signals its instances (waits and conditions are re-evaluated)
// and starts `onCondition` processes whose condition has just become true, a logged activity is
// offered to the instances. The write itself has already committed: a process engine that is down
// must not undo it, so failures here are logged, not thrown.
import { evaluateCondition, type Condition, type ProcessDefinition } from '@crm/definitions';
import type { Actor } from '../auth/actor';
import type { Logger } from '../config';
import type { Db } from '../db/db';
import type { DefinitionsService } from '../definitions/definitions.service';
import type { PublishedEntity } from '../records/records.service';
import type { RecordView } from '../records/record-row';
import type { ProcessGateway } from './process-gateway';
import { loadProcessRecordView } from './record-snapshot';

export interface ProcessTriggers {
  recordCreated(actor: Actor, record: RecordView): Promise<void>;
  recordUpdated(actor: Actor, before: RecordView, after: RecordView): Promise<void>;
  activityLogged(
    actor: Actor,
    record: { id: string; entity: string },
    activity: { type: string; result?: string; at: number },
  ): Promise<void>;
}

export function createProcessTriggers(deps: {
  gateway: ProcessGateway;
  db: Db;
  definitions: DefinitionsService;
  resolveEntity(key: string): Promise<PublishedEntity>;
  logger: Logger;
}): ProcessTriggers {
  const { gateway, logger } = deps;

  async function processesOf(entity: string): Promise<ProcessDefinition[]> {
    return (await deps.definitions.latestAll('process'))
      .map((v) => v.content as unknown as ProcessDefinition)
      .filter((p) => p.entity === entity);
  }

  async function holds(
    condition: Condition,
    recordId: string,
    data?: Record<string, unknown>,
  ): Promise<boolean> {
    const { view } = await loadProcessRecordView(deps.db, deps.resolveEntity, recordId);
    const record = data ?? view.data;
    return evaluateCondition(condition, {
      record,
      related: view.related ?? {},
      ...(typeof record.stage === 'string' ? { stage: record.stage } : {}),
      ...(typeof record.ownerId === 'string' ? { ownerId: record.ownerId } : {}),
    });
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

  return {
    async recordCreated(actor, record) {
      for (const process of await processesOf(record.entity)) {
        for (const trigger of process.triggers) {
          const fires =
            trigger.type === 'onCreate' ||
            (trigger.type === 'onCondition' && (await holds(trigger.condition, record.id)));
          if (!fires) continue;
          await guarded(`start ${process.key}`, () =>
            gateway.start(actor, { processKey: process.key, recordId: record.id }, record),
          );
          break;
        }
      }
    },

    async recordUpdated(actor, before, after) {
      for (const process of await processesOf(after.entity)) {
        const key = { processKey: process.key, recordId: after.id };
        await guarded(`recordChanged ${process.key}`, () => gateway.recordChanged(key));
        for (const trigger of process.triggers) {
          if (trigger.type !== 'onCondition') continue;
          const beforeData = { ...before.data, ownerId: before.ownerId, stage: before.stage };
          if (
            (await holds(trigger.condition, after.id)) &&
            !(await holds(trigger.condition, after.id, beforeData))
          )
            await guarded(`start ${process.key}`, () => gateway.start(actor, key));
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
