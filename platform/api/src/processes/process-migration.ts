// Moving the running instances of a process to another of its published versions (by default the
// newest), for an analyst who has just published one. Each instance is judged by the engine on its
// own state (planMigration): those that can move do, the others stay on their version and the report
// says why. Every move is audited on its record.
import type { MigrationReport, ProcessDefinition } from '@crm/definitions';
import { sql } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/db';
import type { DefinitionsService } from '../definitions/definitions.service';
import { BadRequestError, type ProblemEntry } from '../http/problems';
import { isUuid, requireObject } from '../http/validate';
import { visibleTo } from '../rbac/visibility';
import type { AuditService } from '../records/audit.service';
import type { PublishedEntity } from '../records/records.service';
import { recordTitle } from '../tasks/task-view';
import {
  ProcessActionRejectedError,
  type ProcessGateway,
  type ProcessInstanceSummary,
} from './process-gateway';

export interface MigrationRequest {
  /** Only instances on this version; all but the target's when absent. */
  from?: number;
  /** The target version; the newest published when absent. */
  to?: number;
  /** Only these records' instances. */
  recordIds?: string[];
}

/** How many instances are moved at once: each is one Update round trip. */
const IN_FLIGHT = 4;

export function parseMigrationRequest(body: unknown): MigrationRequest {
  const input = requireObject(body);
  const errors: ProblemEntry[] = [];
  const version = (key: 'from' | 'to'): number | undefined => {
    const value = input[key];
    if (value === undefined) return undefined;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value < 1e9) return value;
    errors.push({ field: key, rule: 'type', message: `"${key}" must be a version number.` });
    return undefined;
  };
  const from = version('from');
  const to = version('to');
  const ids = input.recordIds;
  if (ids !== undefined && !(Array.isArray(ids) && ids.length <= 1000 && ids.every((id) => isUuid(id))))
    errors.push({ field: 'recordIds', rule: 'type', message: '"recordIds" must be up to 1,000 record ids.' });
  for (const key of Object.keys(input))
    if (!['from', 'to', 'recordIds'].includes(key))
      errors.push({ field: key, rule: 'unknownProperty', message: `Unknown property "${key}".` });
  if (from !== undefined && to !== undefined && from === to)
    errors.push({ field: 'from', rule: 'sameVersion', message: '"from" and "to" are the same version.' });
  if (errors.length > 0) throw new BadRequestError('The migration request is malformed.', errors);
  return {
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(ids === undefined ? {} : { recordIds: ids as string[] }),
  };
}

export interface MigrationDeps {
  gateway: ProcessGateway;
  definitions: DefinitionsService;
  audit: AuditService;
  db: Db;
  resolveEntity(key: string): Promise<PublishedEntity>;
}

/**
 * The titles of the records the actor may see, for a report a person reads; the others are named by
 * their id only (an analyst who moves instances need not see the records' data).
 */
async function titlesOf(
  deps: MigrationDeps,
  actor: Actor,
  entity: string,
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const published = await deps.resolveEntity(entity).catch(() => undefined);
  const rows = await deps.db.query(sql<{ id: string; data: Record<string, unknown> }>`
    SELECT r.id::text, r.data FROM records r WHERE r.id = ANY(${ids}::uuid[]) AND ${visibleTo(actor)}`);
  return new Map(rows.map((row) => [row.id, recordTitle(published, row.data, row.id)]));
}

/** Moves the running instances `request` names; the caller has checked `definitions.publish`. */
export async function migrateInstances(
  deps: MigrationDeps,
  actor: Actor,
  processKey: string,
  request: MigrationRequest,
): Promise<MigrationReport> {
  const latest = await deps.definitions.latest('process', processKey);
  // A version that was never published is a 404 here, before the engine is asked anything.
  const to =
    request.to === undefined
      ? latest.version
      : (await deps.definitions.version('process', processKey, request.to)).version;
  const wanted = request.recordIds === undefined ? undefined : new Set(request.recordIds);
  const running = (await deps.gateway.instances(processKey, request.from)).filter(
    (instance) =>
      instance.status === 'RUNNING' &&
      instance.processVersion !== to &&
      (wanted === undefined || wanted.has(instance.recordId)),
  );
  const definition = latest.content as unknown as ProcessDefinition;
  const titles = await titlesOf(
    deps,
    actor,
    definition.entity,
    running.map((instance) => instance.recordId),
  );
  const report: MigrationReport = {
    processKey,
    from: request.from ?? null,
    to,
    migrated: [],
    refused: [],
    failed: [],
  };
  const move = async (instance: ProcessInstanceSummary) => {
    const { recordId, processVersion: fromVersion } = instance;
    const title = titles.get(recordId) ?? recordId;
    try {
      const outcome = await deps.gateway.migrate({ processKey, recordId }, to);
      report.migrated.push({
        recordId,
        title,
        fromVersion,
        droppedTimers: outcome.droppedTimers,
        droppedTicks: outcome.droppedTicks,
      });
      await deps.audit.write(deps.db, {
        actorId: actor.id,
        action: 'process.migrate',
        subjectType: 'record',
        subjectId: recordId,
        before: { processKey, version: fromVersion },
        after: {
          processKey,
          version: to,
          droppedTimers: outcome.droppedTimers,
          droppedTicks: outcome.droppedTicks,
        },
      });
    } catch (error) {
      if (error instanceof ProcessActionRejectedError)
        report.refused.push({
          recordId,
          title,
          fromVersion,
          reasons: error.reasons.map(({ rule, message }) => ({ rule, message })),
        });
      else
        report.failed.push({
          recordId,
          title,
          fromVersion,
          error: error instanceof Error ? error.message : String(error),
        });
    }
  };
  const queue = [...running];
  await Promise.all(
    Array.from({ length: Math.min(IN_FLIGHT, queue.length) }, async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) await move(next);
    }),
  );
  const byRecord = (a: { recordId: string }, b: { recordId: string }) => a.recordId.localeCompare(b.recordId);
  report.migrated.sort(byRecord);
  report.refused.sort(byRecord);
  report.failed.sort(byRecord);
  return report;
}
