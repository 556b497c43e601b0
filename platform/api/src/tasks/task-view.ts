import type { TaskStatus, TaskView } from '@crm/definitions';
import { sql } from 'kysely';
import { asIso } from '../db/db';
import type { PublishedEntity } from '../records/records.service';

export interface TaskRow {
  id: string;
  record_id: string | null;
  entity: string | null;
  record_data: Record<string, unknown> | null;
  record_stage: string | null;
  title: string;
  description: string | null;
  status: TaskStatus;
  due_at: Date | string | null;
  overdue: boolean;
  blocking: boolean;
  assignee_id: string | null;
  assignee_name: string | null;
  assignee_role: string | null;
  assignee_spec: unknown;
  payload: Record<string, unknown>;
  process_key: string | null;
  process_version: number | null;
  node_id: string | null;
  workflow_id: string | null;
  step_key: string | null;
  created_by: string | null;
  created_at: Date | string;
  completed_at: Date | string | null;
  completed_by: string | null;
}

/** Select list over `tasks t LEFT JOIN records r LEFT JOIN users au`. */
export const TASK_COLUMNS =
  sql.raw(`t.id, t.record_id, r.entity, r.data AS record_data, r.stage AS record_stage,
  t.title, t.description, t.status, t.due_at, (t.status = 'open' AND t.due_at < now()) AS overdue, t.blocking,
  t.assignee_id, au.name AS assignee_name, t.assignee_role, t.assignee_spec, t.payload, t.process_key,
  t.process_version, t.node_id, t.workflow_id, t.step_key, t.created_by, t.created_at, t.completed_at, t.completed_by`);

export const TASK_FROM = sql.raw(
  'tasks t LEFT JOIN records r ON r.id = t.record_id LEFT JOIN users au ON au.id = t.assignee_id',
);

/** The record's title: its entity's title field, or its id when the entity or the value is missing. */
export function recordTitle(
  published: PublishedEntity | undefined,
  data: Record<string, unknown> | null,
  id: string,
): string {
  const key = published?.entity.titleField;
  const value = key === undefined ? undefined : data?.[key];
  return typeof value === 'string' && value !== '' ? value : id;
}

export function toTaskView(row: TaskRow, published: PublishedEntity | undefined): TaskView {
  const unassigned = row.payload.unassigned;
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    dueAt: row.due_at === null ? null : asIso(row.due_at),
    overdue: row.overdue,
    blocking: row.blocking,
    assignee: {
      userId: row.assignee_id,
      userName: row.assignee_name,
      role: row.assignee_role,
      spec: row.assignee_spec,
    },
    unassignedReason: typeof unassigned === 'string' ? unassigned : null,
    record:
      row.record_id === null || row.entity === null
        ? null
        : {
            id: row.record_id,
            entity: row.entity,
            title: recordTitle(published, row.record_data, row.record_id),
            stage: row.record_stage,
          },
    processKey: row.process_key,
    nodeId: row.node_id,
    createdBy: row.created_by,
    createdAt: asIso(row.created_at),
    completedAt: row.completed_at === null ? null : asIso(row.completed_at),
    completedBy: row.completed_by,
  };
}

/** Resolves each distinct entity once; an entity that is no longer published just has no title field. */
export async function entitiesOf(
  entities: (string | null)[],
  resolveEntity: (key: string) => Promise<PublishedEntity>,
): Promise<Map<string, PublishedEntity>> {
  const out = new Map<string, PublishedEntity>();
  for (const key of new Set(entities)) {
    if (key === null) continue;
    try {
      out.set(key, await resolveEntity(key));
    } catch {
      // Unpublished entity: titles fall back to record ids.
    }
  }
  return out;
}
