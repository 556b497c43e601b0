import type { ActivityView } from '@crm/definitions';
import { sql } from 'kysely';
import type { Actor } from '../auth/actor';
import { asIso, type Db } from '../db/db';
import { NotFoundError, ValidationError, type ProblemEntry } from '../http/problems';
import { isUuid } from '../http/validate';
import type { AuditService } from '../records/audit.service';
import type { RecordsService } from '../records/records.service';
import type { ProcessTriggers } from '../processes/process-triggers';

export interface ActivityInput {
  type: string;
  topic?: string;
  result?: string;
  notes?: string;
  occurredAt?: string | Date;
  participants?: string[];
}

interface ActivityRow {
  id: string;
  record_id: string;
  type: string;
  topic: string | null;
  result: string | null;
  notes: string | null;
  occurred_at: Date | string;
  participants: string[];
  actor_id: string | null;
}

const toView = (row: ActivityRow): ActivityView => ({
  id: row.id,
  recordId: row.record_id,
  type: row.type,
  topic: row.topic,
  result: row.result,
  notes: row.notes,
  occurredAt: asIso(row.occurred_at),
  participants: row.participants,
  actorId: row.actor_id,
});

function check(input: ActivityInput): Date {
  const errors: ProblemEntry[] = [];
  if (typeof input.type !== 'string' || input.type.trim() === '')
    errors.push({ field: 'type', rule: 'required', message: 'Choose the activity type.' });
  const occurredAt = input.occurredAt === undefined ? new Date() : new Date(input.occurredAt);
  if (Number.isNaN(occurredAt.getTime()))
    errors.push({ field: 'occurredAt', rule: 'format', message: 'occurredAt must be a date and time.' });
  if (errors.length > 0) throw new ValidationError('The activity is not valid.', errors);
  return occurredAt;
}

/** The interaction history of a record (calls, meetings, mails), the timeline's main source. */
export function createActivitiesService(deps: {
  db: Db;
  audit: AuditService;
  records: RecordsService;
  /** Offers a logged activity to the record's running processes (it may advance them). */
  processes?: ProcessTriggers | undefined;
}) {
  const { db, audit, records } = deps;
  return {
    async log(
      actor: Actor,
      recordId: string,
      activity: ActivityInput,
      entityKey?: string,
    ): Promise<ActivityView> {
      const occurredAt = check(activity);
      if (!isUuid(recordId)) throw new NotFoundError(`No record ${recordId}.`);
      const record = await db.one(
        sql<{ entity: string }>`SELECT entity FROM records WHERE id = ${recordId} AND deleted_at IS NULL`,
      );
      // The same visibility rules as every record access: an invisible record is a missing one.
      const visible = await records.findVisible(actor, entityKey ?? record?.entity ?? '-', recordId);
      const logged = await db.transaction(async (tx) => {
        const row = await tx.one(sql<ActivityRow>`
          INSERT INTO activity_log (record_id, type, topic, result, notes, occurred_at, participants, actor_id)
          VALUES (${recordId}, ${activity.type}, ${activity.topic ?? null}, ${activity.result ?? null}, ${activity.notes ?? null},
            ${occurredAt}, ${JSON.stringify(activity.participants ?? [])}::jsonb, ${actor.id})
          RETURNING id, record_id, type, topic, result, notes, occurred_at, participants, actor_id`);
        if (!row) throw new Error('insert returned no row');
        await audit.write(tx, {
          actorId: actor.id,
          action: 'activity.log',
          subjectType: 'record',
          subjectId: recordId,
          entity: record?.entity ?? null,
          after: toView(row),
        });
        return toView(row);
      });
      await deps.processes?.activityLogged(
        actor,
        { id: visible.id, entity: visible.entity },
        {
          type: logged.type,
          at: Date.parse(logged.occurredAt),
          ...(logged.result === null ? {} : { result: logged.result }),
        },
      );
      return logged;
    },

    async list(actor: Actor, entityKey: string, recordId: string): Promise<ActivityView[]> {
      await records.findVisible(actor, entityKey, recordId);
      const rows =
        await db.query(sql<ActivityRow>`SELECT id, record_id, type, topic, result, notes, occurred_at, participants, actor_id
        FROM activity_log WHERE record_id = ${recordId} ORDER BY occurred_at DESC, created_at DESC`);
      return rows.map(toView);
    },
  };
}

export type ActivitiesService = ReturnType<typeof createActivitiesService>;
