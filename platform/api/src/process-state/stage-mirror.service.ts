import type { ProcessDefinition, RecordView } from '@crm/definitions';
import { sql } from 'kysely';
import { isPgError, type Db } from '../db/db';
import { versionsRepository } from '../definitions/versions.repository';
import { isUuid } from '../http/validate';
import type { AuditService } from '../records/audit.service';
import { RECORD_COLUMNS, toRecordView, type RecordRow } from '../records/record-row';
import { holdingNode, PROCESS_STATUSES, statusFor, type ProcessStatus } from './holding-node';
import {
  IdempotencyKeyReusedError,
  ProcessEntityMismatchError,
  ProcessNotFoundError,
  StageInputError,
  StageRecordNotFoundError,
  StageTimeConflictError,
} from './process-state.errors';
import { stageHistoryRepository as history, type StageHistoryEntry } from './stage-history.repository';

export interface EnterStageInput {
  recordId: string;
  processKey: string;
  /** The version the process instance is pinned to; the latest published one when left out. */
  processVersion?: number;
  /** A `stage` or `end` node of that version. */
  nodeId: string;
  /** Defaults to the node's label. */
  stageLabel?: string;
  /** Defaults to "open" for a stage and the outcome for an end. */
  status?: ProcessStatus;
  /** The user who moved the record; null (or left out) when the process moved it on its own. */
  by?: string | null;
  /** When the record entered the node; the process's own clock, so history can be replayed or back-dated. */
  at?: Date;
  /** Derived from workflow id and step: the same key never records a transition twice. */
  idempotencyKey: string;
}

export interface EnterStageResult {
  entry: StageHistoryEntry;
  record: RecordView;
  /** True when this key had recorded the change already: nothing was written this time. */
  replayed: boolean;
}

interface LockedRecord {
  id: string;
  entity: string;
  owner_id: string | null;
  stage: string | null;
  status: string;
}

const MAX_KEY_LENGTH = 300;

function checkInput(input: EnterStageInput): { at: Date; by: string | null } {
  if (!isUuid(input.recordId)) throw new StageInputError('recordId', 'recordId must be a record id (uuid).');
  for (const field of ['processKey', 'nodeId', 'idempotencyKey'] as const) {
    const value: unknown = input[field];
    if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_KEY_LENGTH)
      throw new StageInputError(
        field,
        `${field} must be a non-empty string of at most ${MAX_KEY_LENGTH} characters.`,
      );
  }
  const version = input.processVersion;
  if (version !== undefined && (!Number.isInteger(version) || version < 1))
    throw new StageInputError('processVersion', 'processVersion must be a positive integer.');
  if (input.status !== undefined && !PROCESS_STATUSES.includes(input.status))
    throw new StageInputError('status', `status must be one of ${PROCESS_STATUSES.join(', ')}.`);
  const by = input.by ?? null;
  if (by !== null && !isUuid(by)) throw new StageInputError('by', 'by must be a user id (uuid) or null.');
  const at = input.at ?? new Date();
  if (!(at instanceof Date) || Number.isNaN(at.getTime()))
    throw new StageInputError('at', 'at must be a valid date.');
  return { at, by };
}

/**
 * The one writer of a record's stage: the process mirrors every stage transition into PostgreSQL
 * through it (the read model for lists, kanban and funnel analytics). Internal only: no HTTP route
 * reaches it, because clients change stages by acting on the process.
 */
export function createStageMirrorService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  // Published versions never change, so a pinned one is read once (every stage change of every
  // instance names its version); a bounded map, oldest out first.
  const pinned = new Map<string, { version: number; definition: ProcessDefinition }>();
  const PINNED_MAX = 200;

  async function loadProcess(key: string, version: number | undefined) {
    const cacheKey = version === undefined ? undefined : `${key}@${version}`;
    const cached = cacheKey === undefined ? undefined : pinned.get(cacheKey);
    if (cached !== undefined) return cached;
    const found =
      version === undefined
        ? await versionsRepository.latest(db, 'process', key)
        : await versionsRepository.get(db, 'process', key, version);
    if (!found) throw new ProcessNotFoundError(key, version);
    const loaded = { version: found.version, definition: found.content as unknown as ProcessDefinition };
    if (cacheKey !== undefined) {
      if (pinned.size >= PINNED_MAX) pinned.delete(pinned.keys().next().value as string);
      pinned.set(cacheKey, loaded);
    }
    return loaded;
  }

  async function currentView(tx: Db, recordId: string): Promise<RecordView> {
    const row = await tx.one(
      sql<RecordRow>`SELECT ${RECORD_COLUMNS} FROM records r WHERE r.id = ${recordId}`,
    );
    if (!row) throw new StageRecordNotFoundError(recordId);
    return toRecordView(row);
  }

  async function enter(input: EnterStageInput): Promise<EnterStageResult> {
    const { at, by } = checkInput(input);
    const process = await loadProcess(input.processKey, input.processVersion);
    return db.transaction(async (tx) => {
      // Serialises stage changes of one record, so the open row read below stays the open row.
      const record = await tx.one(sql<LockedRecord>`SELECT id, entity, owner_id, stage, status FROM records
        WHERE id = ${input.recordId} AND deleted_at IS NULL FOR UPDATE`);
      if (!record) throw new StageRecordNotFoundError(input.recordId);

      const earlier = await history.byIdempotencyKey(tx, input.idempotencyKey);
      if (earlier) {
        const same =
          earlier.recordId === input.recordId &&
          earlier.processKey === input.processKey &&
          earlier.toStage === input.nodeId;
        if (!same) throw new IdempotencyKeyReusedError(input.idempotencyKey);
        return { entry: earlier, record: await currentView(tx, input.recordId), replayed: true };
      }

      if (process.definition.entity !== record.entity)
        throw new ProcessEntityMismatchError(input.processKey, process.definition.entity, record.entity);
      const node = holdingNode(process.definition, process.version, input.nodeId);
      const status = statusFor(node, input.status);
      if (by !== null && !(await tx.one(sql<{ id: string }>`SELECT id FROM users WHERE id = ${by}`)))
        throw new StageInputError('by', `No user ${by}.`);

      const open = await history.open(tx, input.recordId, input.processKey);
      if (open) {
        if (at.getTime() < Date.parse(open.enteredAt))
          throw new StageTimeConflictError(at.toISOString(), open.enteredAt);
        await history.close(tx, open.id, at);
      }
      const entry = await history.insert(tx, {
        recordId: input.recordId,
        processKey: input.processKey,
        processVersion: process.version,
        fromStage: open?.toStage ?? null,
        toStage: node.id,
        stageLabel: input.stageLabel ?? node.label,
        status,
        actorId: by,
        ownerId: record.owner_id,
        enteredAt: at,
        idempotencyKey: input.idempotencyKey,
      });
      const row = await tx.one(sql<RecordRow>`UPDATE records AS r SET stage = ${node.id}, status = ${status},
          version = r.version + 1, updated_by = ${by}, updated_at = now()
        WHERE r.id = ${input.recordId} RETURNING ${RECORD_COLUMNS}`);
      if (!row) throw new Error('update returned no row');
      await audit.write(tx, {
        actorId: by,
        action: 'record.stage',
        subjectType: 'record',
        subjectId: input.recordId,
        entity: record.entity,
        before: { stage: record.stage, status: record.status },
        after: {
          stage: node.id,
          status,
          stageLabel: entry.stageLabel,
          processKey: input.processKey,
          processVersion: process.version,
          enteredAt: entry.enteredAt,
          actor: by ?? 'process',
        },
      });
      return { entry, record: toRecordView(row), replayed: false };
    });
  }

  return {
    /**
     * Moves the record into a stage or end node, in one transaction: closes the open stay of the
     * record in this process, records the new one, mirrors stage and status onto the record and
     * audits the change. Safe to retry with the same idempotency key.
     */
    async enterStage(input: EnterStageInput): Promise<EnterStageResult> {
      try {
        return await enter(input);
      } catch (error) {
        // Two different records raced for one key: the unique constraint is the backstop.
        if (
          isPgError(error) &&
          error.code === '23505' &&
          error.constraint === 'stage_history_idempotency_key_key'
        )
          throw new IdempotencyKeyReusedError(input.idempotencyKey);
        throw error;
      }
    },

    /**
     * Dates a record's first stays in a process as they happened outside the platform (imported
     * history, demo data walked through a live process today): `times[i]` becomes when stay i
     * (oldest first) began and stay i-1 ended, and the record's creation moves to the first. Later
     * stays (the process went on by itself meanwhile) keep their times. Only when the record has at
     * least that many stays and the times ascend; answers whether it rewrote them. Temporal's own
     * history keeps the real times; this changes the read model that the analytics use.
     */
    async backdateStays(recordId: string, processKey: string, times: readonly Date[]): Promise<boolean> {
      const ascending = times.every((time, i) => i === 0 || time.getTime() >= (times[i - 1]?.getTime() ?? 0));
      if (!isUuid(recordId) || times.length === 0 || !ascending) return false;
      return db.transaction(async (tx) => {
        // The same lock as a stage change takes first: no stay opens or closes meanwhile.
        const record = await tx.one(sql<{ id: string }>`SELECT id FROM records
          WHERE id = ${recordId} AND deleted_at IS NULL FOR UPDATE`);
        if (!record) return false;
        const stays = await tx.query(sql<{ id: string }>`SELECT id::text FROM stage_history
          WHERE record_id = ${recordId} AND process_key = ${processKey} ORDER BY id`);
        if (stays.length < times.length) return false;
        // Newest first, so no stay ever ends before it begins while the others are rewritten.
        for (let i = times.length - 1; i >= 0; i -= 1) {
          const next = times[i + 1];
          await tx.query(sql`UPDATE stage_history SET entered_at = ${times[i]}
            ${next === undefined ? sql`` : sql`, left_at = ${next}`}
            WHERE id = ${stays[i]?.id}::bigint`);
        }
        await tx.query(sql`UPDATE records SET created_at = ${times[0]} WHERE id = ${recordId}`);
        return true;
      });
    },

    /** Every stay of the record (optionally in one process), oldest first. */
    stageHistory(recordId: string, processKey?: string): Promise<StageHistoryEntry[]> {
      if (!isUuid(recordId)) return Promise.resolve([]);
      return history.forRecord(db, recordId, processKey);
    },
  };
}

export type StageMirrorService = ReturnType<typeof createStageMirrorService>;
