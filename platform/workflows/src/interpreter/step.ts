import { decideApproval, delegateApproval, onApprovalTimer } from './approval';
import { validateApprovalDecision, validateApprovalDelegation } from './approval-validation';
import type { InterpreterCommand } from './commands';
import type { StepContext } from './context';
import type { ProcessDefinition } from './definition-types';
import { applyChecklistTick, validateChecklistTick } from './checklist';
import { ActionRejectedError, InvalidEventError } from './errors';
import type { InterpreterEvent } from './events';
import { isHoldingNode, nodeById, outgoingEdges, startNode } from './graph';
import { validateMove } from './move-validation';
import type { Run } from './run';
import { createRun, log, nextTokenId } from './run';
import type { InterpreterState, Token } from './state';
import { fireNodeTimer, noteActivityOnNodeTimers } from './timers';
import { follow, resume } from './traverse';
import { completeUserTask } from './user-task';
import { onWaitTimer, reevaluateWaits } from './wait';

/** The new state after one event, and what the shell must do. */
export interface StepResult {
  state: InterpreterState;
  commands: InterpreterCommand[];
}

function onStart(run: Run, event: Extract<InterpreterEvent, { type: 'start' }>): void {
  if (run.state.status !== 'notStarted') throw new InvalidEventError('The process has already started.');
  const start = startNode(run.definition);
  run.state.status = 'running';
  run.state.record = event.record;
  const token: Token = {
    id: nextTokenId(run),
    nodeId: start.id,
    enteredAt: run.ctx.now,
    lastActivityAt: run.ctx.now,
  };
  run.state.tokens.push(token);
  log(run, { kind: 'entered', at: run.ctx.now, nodeId: start.id, tokenId: token.id });
  follow(run, [{ token, edge: outgoingEdges(run.definition, start.id)[0] ?? missingEdge(start.id) }]);
}

function missingEdge(nodeId: string): never {
  throw new InvalidEventError(`Node "${nodeId}" has no outgoing edge.`);
}

function onMove(run: Run, event: Extract<InterpreterEvent, { type: 'moveRequested' }>): void {
  run.state.record = event.record;
  const verdict = validateMove(run.definition, run.state, event, event.record, {
    entities: run.ctx.entities ?? [],
  });
  if (!verdict.ok) throw new ActionRejectedError(verdict.reasons);
  const token = run.state.tokens.find((candidate) => candidate.id === verdict.tokenId);
  const edge = run.definition.edges.find((candidate) => candidate.id === verdict.edgeId);
  if (token === undefined || edge === undefined) throw new InvalidEventError('The move no longer applies.');
  resume(run, [{ token, edge }]);
}

/**
 * An activity was logged: idle timers restart, `unlessActivity` timers are cancelled, and a stage
 * edge whose `activityTrigger` matches is taken when the move is valid (otherwise the blocked move
 * is logged with its reasons, so the UI can propose it).
 */
function onActivity(run: Run, event: Extract<InterpreterEvent, { type: 'activityLogged' }>): void {
  const { activityType, result, at } = event;
  log(run, { kind: 'activity', at, activityType, ...(result === undefined ? {} : { result }) });
  for (const token of [...run.state.tokens]) {
    const node = nodeById(run.definition, token.nodeId);
    if (!isHoldingNode(node)) continue;
    token.lastActivityAt = at;
    noteActivityOnNodeTimers(run, token, node, activityType, result);
    if (node.type !== 'stage' || run.state.status !== 'running') continue;
    const edge = outgoingEdges(run.definition, node.id).find(
      (candidate) =>
        candidate.activityTrigger !== undefined &&
        candidate.activityTrigger.type === activityType &&
        (candidate.activityTrigger.result === undefined || candidate.activityTrigger.result === result),
    );
    if (edge === undefined) continue;
    const verdict = validateMove(run.definition, run.state, { target: edge.id }, run.state.record, {
      entities: run.ctx.entities ?? [],
    });
    if (verdict.ok) {
      resume(run, [{ token, edge }]);
    } else {
      const reasons = verdict.reasons.map((reason) => reason.message);
      log(run, { kind: 'moveBlocked', at: run.ctx.now, nodeId: node.id, edgeId: edge.id, reasons });
    }
  }
}

function onTimer(run: Run, timerId: string): void {
  const timer = run.state.timers.find((candidate) => candidate.id === timerId);
  // A timer cancelled in the same instant may still fire in the shell: it no longer means anything.
  if (timer === undefined) return;
  run.state.timers = run.state.timers.filter((candidate) => candidate.id !== timerId);
  const token = run.state.tokens.find((candidate) => candidate.id === timer.tokenId);
  if (token === undefined) return;
  switch (timer.kind) {
    case 'stageTimer': {
      const node = nodeById(run.definition, timer.nodeId);
      if (isHoldingNode(node)) fireNodeTimer(run, timer, node);
      return;
    }
    case 'waitElapsed':
    case 'waitTimeout':
      log(run, { kind: 'timerFired', at: run.ctx.now, nodeId: timer.nodeId, timerId });
      resume(run, onWaitTimer(run, timer, token));
      return;
    case 'approvalReminder':
    case 'approvalDeadline':
      log(run, { kind: 'timerFired', at: run.ctx.now, nodeId: timer.nodeId, timerId });
      onApprovalTimer(run, timer);
      return;
    default:
      throw new Error(`Unknown timer kind: ${(timer.kind as string) ?? ''}`);
  }
}

function applyEvent(run: Run, event: InterpreterEvent): void {
  if (event.type !== 'start' && run.state.status === 'notStarted') {
    throw new InvalidEventError(`"${event.type}" arrived before the process started.`);
  }
  switch (event.type) {
    case 'start':
      return onStart(run, event);
    case 'moveRequested':
      return onMove(run, event);
    case 'activityLogged':
      return onActivity(run, event);
    case 'recordChanged':
      run.state.record = event.record;
      return resume(run, reevaluateWaits(run));
    case 'timerFired':
      return onTimer(run, event.timerId);
    case 'approvalDecided': {
      const verdict = validateApprovalDecision(run.definition, run.state, event);
      if (!verdict.ok) throw new ActionRejectedError(verdict.reasons);
      const { nodeId, decision } = event;
      return resume(
        run,
        decideApproval(run, {
          nodeId,
          decision,
          actorId: event.actor.userId,
          ...(event.levelIndex === undefined ? {} : { levelIndex: event.levelIndex }),
          ...(event.comment === undefined ? {} : { comment: event.comment }),
        }),
      );
    }
    case 'approvalDelegated': {
      const verdict = validateApprovalDelegation(run.definition, run.state, event);
      if (!verdict.ok) throw new ActionRejectedError(verdict.reasons);
      return delegateApproval(run, event.nodeId, event.levelIndex, event.actor.userId, event.toUserId);
    }
    case 'taskCompleted':
      return resume(run, completeUserTask(run, event.taskId));
    case 'checklistTicked': {
      const verdict = validateChecklistTick(run.definition, run.state, event);
      if (!verdict.ok) throw new ActionRejectedError(verdict.reasons);
      const { itemId, checked } = event;
      const ticked = applyChecklistTick(run.state, verdict.nodeId, event);
      run.state.checklist = { ...run.state.checklist, [verdict.nodeId]: ticked };
      log(run, {
        kind: 'checklistTicked',
        at: run.ctx.now,
        nodeId: verdict.nodeId,
        itemId,
        checked,
        actorId: event.actor.userId,
      });
      return;
    }
    case 'commandCompleted':
      return;
    case 'commandFailed':
      log(run, { kind: 'commandFailed', at: run.ctx.now, commandKey: event.key, error: event.error });
      return;
    default:
      throw new Error(`Unknown event type: ${(event as { type: string }).type}`);
  }
}

/**
 * The interpreter: applies one event to an instance of `definition` and returns the new state and
 * the commands for the effectful shell. Pure and deterministic — no clock (time is `ctx.now`), no
 * I/O, no randomness; the input state is not modified. Throws `ActionRejectedError` for an invalid
 * user action (call the validators first to get the reasons without an exception) and
 * `AutomaticLoopError` for a graph that would loop forever.
 */
export function step(
  definition: ProcessDefinition,
  state: InterpreterState,
  event: InterpreterEvent,
  ctx: StepContext,
): StepResult {
  const run = createRun(definition, state, ctx);
  applyEvent(run, event);
  return { state: run.state, commands: run.commands };
}
