import { runActions } from './actions';
import type { NodeOf } from './graph';
import { isHoldingNode, nodeById } from './graph';
import type { Run } from './run';
import { emit, log, nextKey } from './run';
import type { Token } from './state';
import { cancelTimersOfToken, startNodeTimers } from './timers';

/**
 * Ends every branch except `keep`: reaching an end node closes the record, so pending approvals,
 * user tasks, waits and timers elsewhere in the graph no longer apply.
 */
function endOtherBranches(run: Run, keep: Token): void {
  const { state } = run;
  for (const token of state.tokens.filter((candidate) => candidate.id !== keep.id)) {
    cancelTimersOfToken(run, token.id);
    for (const approval of state.approvals.filter((candidate) => candidate.tokenId === token.id)) {
      emit(run, {
        type: 'closeApproval',
        key: nextKey(run, approval.nodeId, 'approval-close'),
        approvalId: approval.id,
        nodeId: approval.nodeId,
        result: 'cancelled',
      });
    }
    for (const task of state.tasks.filter((candidate) => candidate.tokenId === token.id)) {
      emit(run, {
        type: 'cancelTask',
        key: nextKey(run, task.nodeId, 'task-cancel'),
        taskId: task.taskId,
        nodeId: task.nodeId,
      });
    }
    const node = nodeById(run.definition, token.nodeId);
    if (isHoldingNode(node)) {
      emit(run, {
        type: 'leaveStage',
        key: nextKey(run, node.id, 'leave'),
        nodeId: node.id,
        at: run.ctx.now,
      });
    }
    log(run, { kind: 'left', at: run.ctx.now, nodeId: node.id, tokenId: token.id });
  }
  state.tokens = state.tokens.filter((candidate) => candidate.id === keep.id);
  state.approvals = [];
  state.tasks = [];
  state.waits = [];
  state.joins = {};
}

/**
 * A token reached a stage or an end node: the record is mirrored into it, its `onEnter` actions run
 * and its timers start (fresh ids on every entry, so loops back to an earlier stage work). An end
 * node also completes the process with its outcome; its timers keep the instance alive.
 */
export function enterHoldingNode(run: Run, token: Token, node: NodeOf<'stage'> | NodeOf<'end'>): void {
  const { state } = run;
  state.currentStage = node.id;
  if (state.checklist?.[node.id] !== undefined) delete state.checklist[node.id];
  const key = nextKey(run, node.id, 'enter');
  if (node.type === 'stage') {
    emit(run, {
      type: 'enterStage',
      key,
      nodeId: node.id,
      label: node.label,
      ...(node.probability === undefined ? {} : { probability: node.probability }),
      at: run.ctx.now,
    });
  } else {
    endOtherBranches(run, token);
    emit(run, {
      type: 'enterStage',
      key,
      nodeId: node.id,
      label: node.label,
      ...(node.outcome === 'closed' ? {} : { probability: node.outcome === 'won' ? 100 : 0 }),
      outcome: node.outcome,
      at: run.ctx.now,
    });
  }
  runActions(run, node.id, node.onEnter);
  startNodeTimers(run, token, node);
  if (node.type === 'end') {
    state.status = 'completed';
    state.outcome = node.outcome;
    emit(run, {
      type: 'completeProcess',
      key: nextKey(run, node.id, 'complete'),
      nodeId: node.id,
      outcome: node.outcome,
    });
    log(run, { kind: 'completed', at: run.ctx.now, nodeId: node.id, outcome: node.outcome });
  }
}
