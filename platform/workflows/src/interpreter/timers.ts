import { runActions } from './actions';
import type { Timer } from './definition-types';
import { dueAfter } from './expressions';
import type { NodeOf } from './graph';
import type { Run } from './run';
import { emit, log, nextKey } from './run';
import type { PendingTimer, TimerKind, Token } from './state';

/** Adds a pending timer and tells the shell to start it. Returns its id. */
export function startTimer(
  run: Run,
  token: Token,
  kind: TimerKind,
  fireAt: number,
  timerKey?: string,
): string {
  const id = nextKey(run, token.nodeId, timerKey === undefined ? kind : `${kind}-${timerKey}`);
  const timer: PendingTimer = { id, kind, tokenId: token.id, nodeId: token.nodeId, fireAt };
  if (timerKey !== undefined) timer.timerKey = timerKey;
  run.state.timers.push(timer);
  emit(run, { type: 'scheduleTimer', timerId: id, fireAt });
  return id;
}

export function cancelTimer(run: Run, timerId: string): void {
  const before = run.state.timers.length;
  run.state.timers = run.state.timers.filter((timer) => timer.id !== timerId);
  if (run.state.timers.length !== before) emit(run, { type: 'cancelTimer', timerId });
}

/** Cancels every timer a token owns (used when it leaves its node). */
export function cancelTimersOfToken(run: Run, tokenId: string, kinds?: readonly TimerKind[]): void {
  const owned = run.state.timers.filter(
    (timer) => timer.tokenId === tokenId && (kinds === undefined || kinds.includes(timer.kind)),
  );
  for (const timer of owned) cancelTimer(run, timer.id);
}

function stageTimerFireAt(run: Run, token: Token, timer: Timer): number {
  const basis = timer.basis === 'lastActivity' ? token.lastActivityAt : token.enteredAt;
  return dueAfter(run.ctx, basis, timer.after, timer.businessTime === true);
}

/** Starts the timers of a stage or end node for a token that just entered it. */
export function startNodeTimers(run: Run, token: Token, node: NodeOf<'stage'> | NodeOf<'end'>): void {
  for (const timer of node.timers ?? []) {
    startTimer(run, token, 'stageTimer', stageTimerFireAt(run, token, timer), timer.id);
  }
}

function activityMatches(match: Timer['unlessActivity'], activityType: string, result?: string): boolean {
  if (match === undefined) return false;
  if (match.type !== undefined && match.type !== activityType) return false;
  return match.result === undefined || match.result === result;
}

/**
 * An activity was logged while the token holds a stage or end node: timers whose `unlessActivity`
 * matches are cancelled, and idle timers (`basis: lastActivity`) start again from the activity with
 * a new id, even when they had already fired (the record went idle again after the reminder).
 */
export function noteActivityOnNodeTimers(
  run: Run,
  token: Token,
  node: NodeOf<'stage'> | NodeOf<'end'>,
  activityType: string,
  result?: string,
): void {
  for (const timer of node.timers ?? []) {
    const pending = run.state.timers.filter(
      (candidate) =>
        candidate.tokenId === token.id && candidate.kind === 'stageTimer' && candidate.timerKey === timer.id,
    );
    const cancelled = activityMatches(timer.unlessActivity, activityType, result);
    if (!cancelled && timer.basis !== 'lastActivity') continue;
    for (const candidate of pending) cancelTimer(run, candidate.id);
    if (!cancelled) startTimer(run, token, 'stageTimer', stageTimerFireAt(run, token, timer), timer.id);
  }
}

/** A stage or end node timer fired: log it and run its actions. */
export function fireNodeTimer(run: Run, pending: PendingTimer, node: NodeOf<'stage'> | NodeOf<'end'>): void {
  const timer = (node.timers ?? []).find((candidate) => candidate.id === pending.timerKey);
  log(run, {
    kind: 'timerFired',
    at: run.ctx.now,
    nodeId: node.id,
    timerId: pending.id,
    ...(pending.timerKey === undefined ? {} : { timerKey: pending.timerKey }),
  });
  if (timer !== undefined) runActions(run, node.id, timer.actions);
}
