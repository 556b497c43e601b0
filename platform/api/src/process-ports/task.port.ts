import type { TaskPort } from '@crm/workflows/contract';
import { sql } from 'kysely';
import type { Db } from '../db/db';
import type { AuditService } from '../records/audit.service';
import { recordPeople, resolveAssignee } from '../tasks/assignee-resolution';

/**
 * Tasks the process creates (a `userTask` node, a `createTask` action) land in the tasks read
 * model, assigned to the user or role queue the spec resolves to when the task is created.
 */
export function createTaskPort(deps: { db: Db; audit: AuditService }): TaskPort {
  const { db, audit } = deps;
  return {
    async create(input) {
      const { instance } = input;
      const record = await recordPeople(db, instance.recordId);
      const resolved = await resolveAssignee(db, input.assignee, record);
      const assigneeId = resolved.kind === 'user' ? resolved.userId : null;
      const assigneeRole = resolved.kind === 'role' ? resolved.role : null;
      await db.transaction(async (tx) => {
        // Both unique constraints (activity key; workflow + task id) make a replay a no-op.
        const row = await tx.one(sql<{ id: string }>`
          INSERT INTO tasks (record_id, kind, title, description, assignee_id, assignee_role, assignee_spec,
            due_at, workflow_id, step_key, idempotency_key, process_key, process_version, node_id, blocking, payload)
          VALUES (${record.id}, 'task', ${input.title}, ${input.description ?? null}, ${assigneeId}, ${assigneeRole},
            ${JSON.stringify(input.assignee)}::jsonb,
            ${input.dueAt === undefined ? null : new Date(input.dueAt)}, ${instance.workflowId}, ${input.taskId},
            ${input.key}, ${instance.processKey}, ${instance.processVersion}, ${input.nodeId}, ${input.blocking},
            ${JSON.stringify(resolved.kind === 'nobody' ? { unassigned: resolved.reason } : {})}::jsonb)
          ON CONFLICT DO NOTHING RETURNING id`);
        if (!row) return;
        await audit.write(tx, {
          actorId: null,
          action: 'task.create',
          subjectType: 'record',
          subjectId: record.id,
          entity: record.entity,
          after: {
            taskId: row.id,
            title: input.title,
            assigneeId,
            assigneeRole,
            actor: 'process',
            processKey: instance.processKey,
            nodeId: input.nodeId,
          },
        });
      });
    },

    async cancel(input) {
      const { instance } = input;
      await db.transaction(async (tx) => {
        const row = await tx.one(sql<{ id: string; record_id: string }>`
          UPDATE tasks SET status = 'cancelled', cancelled_at = now()
          WHERE workflow_id = ${instance.workflowId} AND step_key = ${input.taskId} AND status = 'open'
          RETURNING id, record_id`);
        if (!row) return;
        await audit.write(tx, {
          actorId: null,
          action: 'task.cancel',
          subjectType: 'record',
          subjectId: row.record_id,
          entity: instance.entity,
          after: { taskId: row.id, actor: 'process', processKey: instance.processKey },
        });
      });
    },
  };
}
