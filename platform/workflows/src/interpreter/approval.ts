import type { Assignee, Recipient } from './definition-types';
import { InvalidEventError } from './errors';
import { conditionHolds, dueAfter } from './expressions';
import type { NodeOf } from './graph';
import { edgeByHandle, nodeById } from './graph';
import type { Run } from './run';
import { emit, log, nextKey } from './run';
import type { PendingApproval, PendingTimer, Token } from './state';
import { cancelTimersOfToken, startTimer } from './timers';
import type { Continuation } from './traverse';

export function approvalNode(run: Run, nodeId: string): NodeOf<'approval'> {
  const node = nodeById(run.definition, nodeId);
  if (node.type !== 'approval') throw new InvalidEventError(`Node "${nodeId}" is not an approval.`);
  return node;
}

function approvedEdge(run: Run, token: Token, nodeId: string): Continuation[] {
  return [{ token, edge: edgeByHandle(run.definition, nodeId, 'approved') }];
}

/**
 * Asks the first level from `fromIndex` on whose condition holds; when no level is left, the
 * approval is granted and the token leaves through `approved`.
 */
function requestNextLevel(
  run: Run,
  token: Token,
  node: NodeOf<'approval'>,
  fromIndex: number,
): Continuation[] {
  const { record, currentStage } = run.state;
  for (let index = fromIndex; index < node.levels.length; index += 1) {
    const level = node.levels[index];
    if (level === undefined) break;
    if (level.condition !== undefined && !conditionHolds(level.condition, record, currentStage)) {
      log(run, { kind: 'approvalSkipped', at: run.ctx.now, nodeId: node.id, levelId: level.id });
      continue;
    }
    const businessTime = level.businessTime === true;
    const id = nextKey(run, node.id, `approval-${level.id}`);
    const deadline =
      level.deadline === undefined ? undefined : dueAfter(run.ctx, run.ctx.now, level.deadline, businessTime);
    const pending: PendingApproval = {
      id,
      tokenId: token.id,
      nodeId: node.id,
      levelIndex: index,
      levelId: level.id,
      requestedAt: run.ctx.now,
      reminded: false,
      escalated: false,
      delegations: [],
      ...(deadline === undefined ? {} : { deadline }),
    };
    run.state.approvals.push(pending);
    emit(run, {
      type: 'requestApproval',
      key: id,
      nodeId: node.id,
      approvalId: id,
      levelIndex: index,
      levelId: level.id,
      levelLabel: level.label,
      approver: level.approver,
      ...(deadline === undefined ? {} : { deadline }),
    });
    if (level.reminderAfter !== undefined) {
      startTimer(
        run,
        token,
        'approvalReminder',
        dueAfter(run.ctx, run.ctx.now, level.reminderAfter, businessTime),
      );
    }
    if (deadline !== undefined) startTimer(run, token, 'approvalDeadline', deadline);
    return [];
  }
  return approvedEdge(run, token, node.id);
}

/** A token reached an approval node: skipped (approved) when its condition does not hold. */
export function enterApproval(run: Run, token: Token, node: NodeOf<'approval'>): Continuation[] {
  if (
    node.condition !== undefined &&
    !conditionHolds(node.condition, run.state.record, run.state.currentStage)
  ) {
    log(run, { kind: 'approvalSkipped', at: run.ctx.now, nodeId: node.id });
    return approvedEdge(run, token, node.id);
  }
  return requestNextLevel(run, token, node, 0);
}

/** The pending approval at a node (of the given level, when given). */
export function findPendingApproval(
  approvals: readonly PendingApproval[],
  nodeId: string,
  levelIndex?: number,
): PendingApproval | undefined {
  return approvals.find(
    (approval) =>
      approval.nodeId === nodeId && (levelIndex === undefined || approval.levelIndex === levelIndex),
  );
}

function closePending(run: Run, pending: PendingApproval, result: 'approved' | 'rejected'): void {
  run.state.approvals = run.state.approvals.filter((approval) => approval.id !== pending.id);
  cancelTimersOfToken(run, pending.tokenId, ['approvalReminder', 'approvalDeadline']);
  emit(run, {
    type: 'closeApproval',
    key: nextKey(run, pending.nodeId, 'approval-close'),
    approvalId: pending.id,
    nodeId: pending.nodeId,
    result,
  });
}

/**
 * A (validated) decision on the pending level: approval asks the next level, or leaves through
 * `approved` after the last; rejection leaves through `rejected` at once.
 */
export function decideApproval(
  run: Run,
  decision: {
    nodeId: string;
    levelIndex?: number;
    decision: 'approved' | 'rejected';
    comment?: string;
    actorId: string;
  },
): Continuation[] {
  const node = approvalNode(run, decision.nodeId);
  const pending = findPendingApproval(run.state.approvals, decision.nodeId, decision.levelIndex);
  const token = run.state.tokens.find((candidate) => candidate.id === pending?.tokenId);
  if (pending === undefined || token === undefined) {
    throw new InvalidEventError(`No approval is pending at "${decision.nodeId}".`);
  }
  closePending(run, pending, decision.decision);
  log(run, {
    kind: 'approvalDecided',
    at: run.ctx.now,
    nodeId: node.id,
    levelId: pending.levelId,
    decision: decision.decision,
    actorId: decision.actorId,
    ...(decision.comment === undefined ? {} : { comment: decision.comment }),
  });
  if (decision.decision === 'rejected')
    return [{ token, edge: edgeByHandle(run.definition, node.id, 'rejected') }];
  return requestNextLevel(run, token, node, pending.levelIndex + 1);
}

/** A (validated) delegation: the delegate may decide too and receives the request. */
export function delegateApproval(
  run: Run,
  nodeId: string,
  levelIndex: number | undefined,
  from: string,
  to: string,
): void {
  const pending = findPendingApproval(run.state.approvals, nodeId, levelIndex);
  if (pending === undefined) throw new InvalidEventError(`No approval is pending at "${nodeId}".`);
  const level = approvalNode(run, nodeId).levels[pending.levelIndex];
  pending.delegations.push({ from, to, at: run.ctx.now });
  log(run, { kind: 'approvalDelegated', at: run.ctx.now, nodeId, levelId: pending.levelId, from, to });
  emit(run, {
    type: 'requestApproval',
    key: nextKey(run, nodeId, 'approval-delegate'),
    nodeId,
    approvalId: pending.id,
    levelIndex: pending.levelIndex,
    levelId: pending.levelId,
    levelLabel: level?.label ?? pending.levelId,
    approver: { type: 'user', userId: to },
    ...(pending.deadline === undefined ? {} : { deadline: pending.deadline }),
  });
}

/** Everyone currently asked to decide: the level's approver, delegates and the escalation target. */
export function currentApprovers(run: Run, pending: PendingApproval): Assignee[] {
  const level = approvalNode(run, pending.nodeId).levels[pending.levelIndex];
  const approvers: Assignee[] = level === undefined ? [] : [level.approver];
  for (const delegation of pending.delegations) approvers.push({ type: 'user', userId: delegation.to });
  if (pending.escalatedTo !== undefined) approvers.push(pending.escalatedTo);
  return approvers;
}

/**
 * A reminder or deadline timer of a pending level fired: the reminder notifies the approvers; the
 * deadline hands the decision to the level's escalation target (who may then decide as well), or,
 * without an escalation, tells the approvers that the deadline passed.
 */
export function onApprovalTimer(run: Run, timer: PendingTimer): void {
  const pending = run.state.approvals.find(
    (approval) => approval.tokenId === timer.tokenId && approval.nodeId === timer.nodeId,
  );
  if (pending === undefined) return;
  const node = approvalNode(run, pending.nodeId);
  const level = node.levels[pending.levelIndex];
  const notifyAll = (message: string): void => {
    for (const to of currentApprovers(run, pending)) {
      const recipient: Recipient = to;
      emit(run, {
        type: 'notify',
        key: nextKey(run, node.id, 'approval-notify'),
        nodeId: node.id,
        to: recipient,
        message,
      });
    }
  };
  const what = `${node.label} – ${level?.label ?? pending.levelId}`;
  if (timer.kind === 'approvalReminder') {
    pending.reminded = true;
    notifyAll(`Reminder: the approval "${what}" is waiting for your decision.`);
    return;
  }
  pending.escalated = true;
  log(run, { kind: 'approvalEscalated', at: run.ctx.now, nodeId: node.id, levelId: pending.levelId });
  if (level?.escalation === undefined) {
    notifyAll(`The deadline of the approval "${what}" has passed.`);
    return;
  }
  pending.escalatedTo = level.escalation.to;
  emit(run, {
    type: 'requestApproval',
    key: nextKey(run, node.id, 'approval-escalate'),
    nodeId: node.id,
    approvalId: pending.id,
    levelIndex: pending.levelIndex,
    levelId: pending.levelId,
    levelLabel: level.label,
    approver: level.escalation.to,
    ...(pending.deadline === undefined ? {} : { deadline: pending.deadline }),
  });
}
