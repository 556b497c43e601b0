import { findPendingApproval } from './approval';
import type { Assignee, ProcessDefinition } from './definition-types';
import type { Actor } from './events';
import { nodeById } from './graph';
import type { RecordView } from './record-view';
import { ownerIdOf } from './record-view';
import type { InterpreterState, PendingApproval } from './state';

export interface ApprovalRejection {
  field?: string;
  rule: 'noPendingApproval' | 'notApprover' | 'commentRequired' | 'delegationNotAllowed' | 'invalidDelegate';
  message: string;
}

export type ApprovalValidation = { ok: true } | { ok: false; reasons: ApprovalRejection[] };

/** Whether the actor is the user an assignee spec designates for this record. */
export function actorMatches(assignee: Assignee, actor: Actor, record: RecordView): boolean {
  switch (assignee.type) {
    case 'owner':
      return ownerIdOf(record) === actor.userId;
    case 'ownerManager':
      return record.ownerManagerId !== undefined && record.ownerManagerId === actor.userId;
    case 'role':
      return actor.roles.includes(assignee.role);
    case 'user':
      return assignee.userId === actor.userId;
    default:
      throw new Error(`Unknown assignee type: ${(assignee as { type: string }).type}`);
  }
}

/** Whether the actor may decide the pending level: its approver, a delegate, or the escalation target. */
export function isEligibleApprover(
  definition: ProcessDefinition,
  pending: PendingApproval,
  actor: Actor,
  record: RecordView,
): boolean {
  const node = nodeById(definition, pending.nodeId);
  const level = node.type === 'approval' ? node.levels[pending.levelIndex] : undefined;
  if (level !== undefined && actorMatches(level.approver, actor, record)) return true;
  if (pending.delegations.some((delegation) => delegation.to === actor.userId)) return true;
  return pending.escalatedTo !== undefined && actorMatches(pending.escalatedTo, actor, record);
}

function pendingOrReason(
  state: InterpreterState,
  nodeId: string,
  levelIndex: number | undefined,
): PendingApproval | ApprovalRejection {
  const pending =
    state.status === 'running' ? findPendingApproval(state.approvals, nodeId, levelIndex) : undefined;
  return (
    pending ?? { rule: 'noPendingApproval', message: 'There is no approval waiting for a decision here.' }
  );
}

/**
 * Decides whether the actor may approve or reject the pending level of an approval node: only an
 * eligible approver (per the level's approver spec, a delegate, or the escalation target), and with
 * a comment when rejecting an approval that requires one. `record` defaults to the instance's.
 */
export function validateApprovalDecision(
  definition: ProcessDefinition,
  state: InterpreterState,
  decision: {
    nodeId: string;
    levelIndex?: number;
    decision: 'approved' | 'rejected';
    comment?: string;
    actor: Actor;
  },
  record: RecordView = state.record,
): ApprovalValidation {
  const pending = pendingOrReason(state, decision.nodeId, decision.levelIndex);
  if (!('id' in pending)) return { ok: false, reasons: [pending] };
  const reasons: ApprovalRejection[] = [];
  if (!isEligibleApprover(definition, pending, decision.actor, record)) {
    reasons.push({ rule: 'notApprover', message: 'You are not an approver of this request.' });
  }
  const node = nodeById(definition, decision.nodeId);
  const needsComment = node.type === 'approval' && node.requireCommentOnReject === true;
  if (decision.decision === 'rejected' && needsComment && (decision.comment ?? '').trim() === '') {
    reasons.push({
      field: 'comment',
      rule: 'commentRequired',
      message: 'Give a reason when you reject this request.',
    });
  }
  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}

/** Decides whether the actor may hand the pending level to another user. */
export function validateApprovalDelegation(
  definition: ProcessDefinition,
  state: InterpreterState,
  delegation: { nodeId: string; levelIndex?: number; actor: Actor; toUserId: string },
  record: RecordView = state.record,
): ApprovalValidation {
  const pending = pendingOrReason(state, delegation.nodeId, delegation.levelIndex);
  if (!('id' in pending)) return { ok: false, reasons: [pending] };
  const node = nodeById(definition, delegation.nodeId);
  const reasons: ApprovalRejection[] = [];
  if (node.type !== 'approval' || node.allowDelegation !== true) {
    reasons.push({ rule: 'delegationNotAllowed', message: 'This approval cannot be delegated.' });
  }
  if (!isEligibleApprover(definition, pending, delegation.actor, record)) {
    reasons.push({ rule: 'notApprover', message: 'Only an approver of this request can delegate it.' });
  }
  if (delegation.toUserId.trim() === '' || delegation.toUserId === delegation.actor.userId) {
    reasons.push({
      field: 'toUserId',
      rule: 'invalidDelegate',
      message: 'Choose another user to delegate to.',
    });
  }
  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}
