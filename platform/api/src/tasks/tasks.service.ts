import type { TaskView } from '@crm/definitions';
import { sql } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/db';
import { forwardToProcess, requireGateway } from '../approvals/process-forwarding';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  type ProblemEntry,
} from '../http/problems';
import { isUuid } from '../http/validate';
import type { ProcessGateway } from '../processes/process-gateway';
import { assertCapability } from '../rbac/require-capability';
import { visibleTo } from '../rbac/visibility';
import type { AuditService } from '../records/audit.service';
import type { PublishedEntity, RecordsService } from '../records/records.service';
import { entitiesOf, TASK_COLUMNS, TASK_FROM, toTaskView, type TaskRow } from './task-view';

export type TaskFilter = 'open' | 'done' | 'overdue';

export interface ManualTaskInput {
  title: string;
  description?: string;
  dueAt?: string;
  assigneeId?: string;
}

export interface TasksDeps {
  db: Db;
  audit: AuditService;
  records: RecordsService;
  resolveEntity(key: string): Promise<PublishedEntity>;
  gateway: ProcessGateway | undefined;
}

const MAX_TITLE = 300;

/** The built-in administrator role may act on any task (e.g. one whose assignee left). */
const isAdmin = (actor: Actor) => actor.role === 'admin';

export function createTasksService(deps: TasksDeps) {
  const { db, audit, records } = deps;

  async function views(rows: TaskRow[]): Promise<TaskView[]> {
    const entities = await entitiesOf(
      rows.map((row) => row.entity),
      deps.resolveEntity,
    );
    return rows.map((row) => toTaskView(row, row.entity === null ? undefined : entities.get(row.entity)));
  }

  const statusClause = (filter: TaskFilter) => {
    switch (filter) {
      case 'open':
        return sql`t.status = 'open'`;
      case 'done':
        return sql`t.status = 'done'`;
      case 'overdue':
        return sql`t.status = 'open' AND t.due_at < now()`;
      default:
        throw new Error(`unknown task filter ${String(filter satisfies never)}`);
    }
  };

  /** A task of no record, or of one not deleted. */
  const liveRecord = sql`(t.record_id IS NULL OR r.deleted_at IS NULL)`;

  /** Assigned to the actor, or waiting in the queue of the actor's role. */
  const mineClause = (actor: Actor) => sql`(t.assignee_id = ${actor.id} OR t.assignee_role = ${actor.role})`;

  async function findRow(id: string): Promise<TaskRow | undefined> {
    if (!isUuid(id)) return undefined;
    return db.one(sql<TaskRow>`SELECT ${TASK_COLUMNS} FROM ${TASK_FROM} WHERE t.id = ${id}`);
  }

  async function recordVisible(actor: Actor, recordId: string | null): Promise<boolean> {
    if (recordId === null) return false;
    const row = await db.one(
      sql<{
        id: string;
      }>`SELECT r.id FROM records r WHERE r.id = ${recordId} AND r.deleted_at IS NULL AND ${visibleTo(actor)}`,
    );
    return row !== undefined;
  }

  async function markDone(actor: Actor, row: TaskRow): Promise<void> {
    await db.transaction(async (tx) => {
      const done = await tx.one(sql<{ id: string }>`UPDATE tasks SET status = 'done', completed_at = now(),
        completed_by = ${actor.id} WHERE id = ${row.id} AND status = 'open' RETURNING id`);
      if (!done || row.record_id === null) return;
      await audit.write(tx, {
        actorId: actor.id,
        action: 'task.complete',
        subjectType: 'record',
        subjectId: row.record_id,
        entity: row.entity,
        after: { taskId: row.id, title: row.title },
      });
    });
  }

  return {
    /** "My tasks" (mine=true): assigned to me or my role; otherwise also the tasks on records I can see. */
    async list(actor: Actor, filter: TaskFilter, mine: boolean): Promise<TaskView[]> {
      const scope = mine ? mineClause(actor) : sql`(${mineClause(actor)} OR ${visibleTo(actor)})`;
      const order =
        filter === 'done' ? sql`t.completed_at DESC, t.id` : sql`t.due_at ASC NULLS LAST, t.created_at, t.id`;
      const rows = await db.query(sql<TaskRow>`SELECT ${TASK_COLUMNS} FROM ${TASK_FROM}
        WHERE ${statusClause(filter)} AND ${liveRecord} AND ${scope}
        ORDER BY ${order} LIMIT 500`);
      return views(rows);
    },

    /** How many of "my tasks" are open, and how many of those are overdue (the list's scope, uncapped). */
    async countMine(actor: Actor): Promise<{ open: number; overdue: number }> {
      const row = await db.one(sql<{ open: number; overdue: number }>`SELECT count(*)::int AS open,
          (count(*) FILTER (WHERE ${statusClause('overdue')}))::int AS overdue
        FROM ${TASK_FROM} WHERE ${statusClause('open')} AND ${liveRecord} AND ${mineClause(actor)}`);
      return { open: row?.open ?? 0, overdue: row?.overdue ?? 0 };
    },

    /** Every task of a record the actor can see (404 otherwise), open ones first. */
    async forRecord(actor: Actor, entityKey: string, recordId: string): Promise<TaskView[]> {
      await records.findVisible(actor, entityKey, recordId);
      const rows = await db.query(sql<TaskRow>`SELECT ${TASK_COLUMNS} FROM ${TASK_FROM}
        WHERE t.record_id = ${recordId}
        ORDER BY (t.status = 'open') DESC, t.due_at ASC NULLS LAST, t.created_at DESC, t.id`);
      return views(rows);
    },

    async createManual(
      actor: Actor,
      entityKey: string,
      recordId: string,
      input: ManualTaskInput,
    ): Promise<TaskView> {
      assertCapability(actor, 'records.write');
      const record = await records.findVisible(actor, entityKey, recordId);
      const errors: ProblemEntry[] = [];
      const title = input.title.trim();
      if (title === '' || title.length > MAX_TITLE)
        errors.push({
          field: 'title',
          rule: 'required',
          message: `A title of 1–${MAX_TITLE} characters is needed.`,
        });
      const dueAt = input.dueAt === undefined ? null : new Date(input.dueAt);
      if (dueAt !== null && Number.isNaN(dueAt.getTime()))
        errors.push({ field: 'dueAt', rule: 'format', message: 'dueAt must be a date and time.' });
      const assigneeId = input.assigneeId ?? actor.id;
      const assignee =
        isUuid(assigneeId) &&
        (await db.one(sql<{ id: string }>`SELECT id FROM users WHERE id = ${assigneeId} AND active`));
      if (!assignee)
        errors.push({ field: 'assigneeId', rule: 'reference', message: 'No active user with this id.' });
      if (errors.length > 0) throw new ValidationError('The task is not valid.', errors);
      const id = await db.transaction(async (tx) => {
        const row = await tx.one(sql<{
          id: string;
        }>`INSERT INTO tasks (record_id, title, description, assignee_id,
            assignee_spec, due_at, created_by)
          VALUES (${record.id}, ${title}, ${input.description ?? null}, ${assigneeId},
            ${JSON.stringify({ type: 'user', userId: assigneeId })}::jsonb, ${dueAt}, ${actor.id}) RETURNING id`);
        if (!row) throw new Error('insert returned no row');
        await audit.write(tx, {
          actorId: actor.id,
          action: 'task.create',
          subjectType: 'record',
          subjectId: record.id,
          entity: record.entity,
          after: { taskId: row.id, title, assigneeId },
        });
        return row.id;
      });
      const created = await findRow(id);
      if (!created) throw new Error('created task vanished');
      const [view] = await views([created]);
      if (!view) throw new Error('no view of the created task');
      return view;
    },

    /**
     * Completes a task. A task the process waits for goes to the process first (its validator may
     * refuse); the read model is only marked done once the process accepted the completion.
     */
    async complete(actor: Actor, id: string): Promise<TaskView> {
      const row = await findRow(id);
      if (!row) throw new NotFoundError(`No task ${id}.`);
      const allowed = row.assignee_id === actor.id || row.assignee_role === actor.role || isAdmin(actor);
      if (!allowed) {
        if (!(await recordVisible(actor, row.record_id))) throw new NotFoundError(`No task ${id}.`);
        throw new ForbiddenError(
          'Only the assignee, a member of the assigned role or an administrator may complete this task.',
        );
      }
      if (row.status !== 'open') throw new ConflictError(`The task is already ${row.status}.`);
      if (row.blocking && row.workflow_id !== null && row.process_key !== null && row.record_id !== null) {
        const gateway = requireGateway(deps.gateway);
        const key = { processKey: row.process_key, recordId: row.record_id };
        const taskId = row.step_key ?? row.id;
        await forwardToProcess(() => gateway.completeTask(actor, key, taskId));
      }
      await markDone(actor, row);
      const updated = await findRow(id);
      if (!updated) throw new Error('completed task vanished');
      const [view] = await views([updated]);
      if (!view) throw new Error('no view of the completed task');
      return view;
    },
  };
}

export type TasksService = ReturnType<typeof createTasksService>;
