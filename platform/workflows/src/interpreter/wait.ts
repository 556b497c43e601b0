import type { NodeOf } from './graph';
import { continuationEdge, edgeByHandle, nodeById } from './graph';
import { conditionHolds, dueAfter, durationMs } from './expressions';
import { readFieldPath } from './record-view';
import type { Run } from './run';
import type { PendingTimer, Token } from './state';
import { cancelTimer, startTimer } from './timers';
import type { Continuation } from './traverse';

/** Epoch ms of a date (`2026-11-22`, read as UTC midnight) or date-time field value. */
function momentOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string') return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** When an until-date wait is due for the record as it is now; `undefined` while the date is unset. */
function untilDateDue(run: Run, node: NodeOf<'wait'>): number | undefined {
  if (node.wait.type !== 'untilDate') return undefined;
  const moment = momentOf(readFieldPath(run.state.record, node.wait.field));
  if (moment === undefined) return undefined;
  return moment + (node.wait.offset === undefined ? 0 : durationMs(node.wait.offset));
}

function proceed(token: Token, node: NodeOf<'wait'>, run: Run): Continuation[] {
  return [{ token, edge: continuationEdge(run.definition, node.id) }];
}

/**
 * (Re)arms an until-date wait: continues at once when the moment has passed, keeps a timer for a
 * future moment, and waits for a record change while the date is unset.
 */
function armUntilDate(run: Run, token: Token, node: NodeOf<'wait'>): Continuation[] {
  const due = untilDateDue(run, node);
  const existing = run.state.timers.find(
    (timer) => timer.tokenId === token.id && timer.kind === 'waitElapsed',
  );
  if (existing !== undefined && existing.fireAt === due) return [];
  if (existing !== undefined) cancelTimer(run, existing.id);
  if (due !== undefined && due <= run.ctx.now) return finishWait(run, token, node);
  if (due !== undefined) startTimer(run, token, 'waitElapsed', due);
  return [];
}

function finishWait(run: Run, token: Token, node: NodeOf<'wait'>): Continuation[] {
  run.state.waits = run.state.waits.filter((wait) => wait.tokenId !== token.id);
  return proceed(token, node, run);
}

/** A token reached a wait node. Returns the continuation when there is nothing to wait for. */
export function enterWait(run: Run, token: Token, node: NodeOf<'wait'>): Continuation[] {
  const spec = node.wait;
  switch (spec.type) {
    case 'duration':
      startTimer(
        run,
        token,
        'waitElapsed',
        dueAfter(run.ctx, run.ctx.now, spec.duration, spec.businessTime === true),
      );
      return [];
    case 'untilDate':
      run.state.waits.push({ tokenId: token.id, nodeId: node.id });
      return armUntilDate(run, token, node);
    case 'condition':
      if (conditionHolds(spec.condition, run.state.record, run.state.currentStage))
        return proceed(token, node, run);
      run.state.waits.push({ tokenId: token.id, nodeId: node.id });
      if (spec.timeout !== undefined) {
        startTimer(
          run,
          token,
          'waitTimeout',
          dueAfter(run.ctx, run.ctx.now, spec.timeout, spec.businessTime === true),
        );
      }
      return [];
    default:
      throw new Error(`Unknown wait type: ${(spec as { type: string }).type}`);
  }
}

/** A wait's timer fired: the wait is over, along the normal edge or the `timeout` edge. */
export function onWaitTimer(run: Run, timer: PendingTimer, token: Token): Continuation[] {
  const node = nodeById(run.definition, timer.nodeId);
  if (node.type !== 'wait') return [];
  run.state.waits = run.state.waits.filter((wait) => wait.tokenId !== token.id);
  if (timer.kind === 'waitTimeout')
    return [{ token, edge: edgeByHandle(run.definition, node.id, 'timeout') }];
  return proceed(token, node, run);
}

/** The record changed: condition waits that now hold end, and until-date waits follow the new date. */
export function reevaluateWaits(run: Run): Continuation[] {
  const continuations: Continuation[] = [];
  for (const wait of [...run.state.waits]) {
    const token = run.state.tokens.find((candidate) => candidate.id === wait.tokenId);
    const node = nodeById(run.definition, wait.nodeId);
    if (token === undefined || node.type !== 'wait') continue;
    if (node.wait.type === 'untilDate') {
      continuations.push(...armUntilDate(run, token, node));
    } else if (
      node.wait.type === 'condition' &&
      conditionHolds(node.wait.condition, run.state.record, run.state.currentStage)
    ) {
      continuations.push(...finishWait(run, token, node));
    }
  }
  return continuations;
}
