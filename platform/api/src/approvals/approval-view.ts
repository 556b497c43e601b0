import type { ApprovalStatus, ApprovalView, RecordFact } from '@crm/definitions';
import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../auth/actor';
import { asIso } from '../db/db';
import type { PublishedEntity } from '../records/records.service';
import { recordTitle } from '../tasks/task-view';

export interface ApprovalRow {
  id: string;
  approval_id: string;
  workflow_id: string;
  process_key: string;
  process_version: number;
  record_id: string;
  entity: string;
  node_id: string;
  node_label: string;
  level_index: number;
  level_id: string;
  level_label: string;
  approver: unknown;
  delegate_id: string | null;
  delegate_name: string | null;
  require_comment_on_reject: boolean;
  allow_delegation: boolean;
  reason: string | null;
  deadline: Date | string | null;
  overdue: boolean;
  status: ApprovalStatus;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | string | null;
  comment: string | null;
  requested_at: Date | string;
  record_data: Record<string, unknown>;
  record_stage: string | null;
  record_deleted: boolean;
  stage_label: string | null;
  owner_id: string | null;
  owner_name: string | null;
  eligible: boolean;
}

/** Who may decide: a resolved approver, a member of an approver role, or the delegate. */
export function eligibleFor(actor: Actor): RawBuilder<boolean> {
  return sql<boolean>`(${actor.id}::uuid = ANY(a.eligible_user_ids) OR ${actor.role} = ANY(a.approver_roles)
    OR a.delegate_id = ${actor.id}::uuid)`;
}

/** Select list over `approvals a JOIN records r` (see APPROVAL_FROM). */
export function approvalColumns(actor: Actor): RawBuilder<unknown> {
  return sql`a.id, a.approval_id, a.workflow_id, a.process_key, a.process_version, a.record_id, a.entity,
    a.node_id, a.node_label, a.level_index, a.level_id, a.level_label, a.approver, a.delegate_id,
    dl.name AS delegate_name, a.require_comment_on_reject, a.allow_delegation, a.reason, a.deadline,
    (a.status = 'pending' AND a.deadline < now()) AS overdue, a.status, a.decided_by, du.name AS decided_by_name,
    a.decided_at, a.comment, a.requested_at, r.data AS record_data, r.stage AS record_stage,
    (r.deleted_at IS NOT NULL) AS record_deleted,
    (SELECT sh.stage_label FROM stage_history sh WHERE sh.record_id = r.id AND sh.left_at IS NULL
      ORDER BY sh.entered_at DESC LIMIT 1) AS stage_label,
    r.owner_id, ou.name AS owner_name, ${eligibleFor(actor)} AS eligible`;
}

export const APPROVAL_FROM = sql.raw(`approvals a JOIN records r ON r.id = a.record_id
  LEFT JOIN users ou ON ou.id = r.owner_id LEFT JOIN users du ON du.id = a.decided_by
  LEFT JOIN users dl ON dl.id = a.delegate_id`);

const FACT_TYPES = new Set(['money', 'percent']);

/** The amount-like fields of the record (money, percent) that hold a value. */
export function recordFacts(
  published: PublishedEntity | undefined,
  data: Record<string, unknown>,
): RecordFact[] {
  if (!published) return [];
  return published.entity.fields
    .filter(
      (field) => FACT_TYPES.has(field.type) && data[field.key] !== undefined && data[field.key] !== null,
    )
    .map((field) => ({ field: field.key, label: field.label, type: field.type, value: data[field.key] }));
}

export function toApprovalView(
  row: ApprovalRow,
  published: PublishedEntity | undefined,
  canDecideAtAll: boolean,
): ApprovalView {
  const decided = row.status !== 'pending';
  return {
    id: row.id,
    status: row.status,
    processKey: row.process_key,
    processVersion: row.process_version,
    nodeId: row.node_id,
    nodeLabel: row.node_label,
    level: { index: row.level_index, id: row.level_id, label: row.level_label },
    reason: row.reason,
    approver: row.approver,
    delegate: row.delegate_id === null ? null : { userId: row.delegate_id, name: row.delegate_name },
    deadline: row.deadline === null ? null : asIso(row.deadline),
    overdue: row.overdue,
    requestedAt: asIso(row.requested_at),
    requireCommentOnReject: row.require_comment_on_reject,
    allowDelegation: row.allow_delegation,
    record: {
      id: row.record_id,
      entity: row.entity,
      title: recordTitle(published, row.record_data, row.record_id),
      stage: row.record_stage,
      stageLabel: row.stage_label,
      owner: row.owner_id === null ? null : { id: row.owner_id, name: row.owner_name },
      facts: recordFacts(published, row.record_data),
    },
    decision: decided
      ? {
          by: row.decided_by,
          byName: row.decided_by_name,
          at: row.decided_at === null ? null : asIso(row.decided_at),
          comment: row.comment,
        }
      : null,
    canDecide: !decided && row.eligible && canDecideAtAll,
  };
}
