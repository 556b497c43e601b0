// The Update/Signal handlers of a process instance. Updates are validated against the current
// interpreter state and the record snapshot the api passed in: an invalid action is rejected before
// it enters history. Accepted actions are queued and the handler waits until the main loop has
// applied them to the interpreter state (their side effects run after), so the caller gets a
// synchronous answer with the state it led to.
import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import type { EntityDefinition, ProcessDefinition } from '@crm/definitions';
import {
  ACTION_FORBIDDEN,
  ACTION_REJECTED,
  completeTaskUpdate,
  decideApprovalUpdate,
  delegateApprovalUpdate,
  logActivityUpdate,
  moveUpdate,
  recordChangedSignal,
  tickChecklistUpdate,
  retryStepSignal,
  skipStepSignal,
  type ActionRejectionReason,
  type ActionResult,
  type FailedStep,
  type ProcessInboxItem,
  type ProcessStateView,
} from '../contract';
import {
  validateApprovalDecision,
  validateApprovalDelegation,
  validateChecklistTick,
  validateMove,
  type InterpreterState,
} from '../interpreter';

/** How the main loop answered an inbox item. */
export type ItemOutcome = { ok: true } | { ok: false; reasons: ActionRejectionReason[] };

export interface InstanceMemory {
  definition: ProcessDefinition;
  entities: readonly EntityDefinition[];
  state(): InterpreterState;
  inbox: ProcessInboxItem[];
  outcomes: Map<string, ItemOutcome>;
  stepDecisions: Map<string, 'retry' | 'skip'>;
  /** Steps whose activity failed after its retries: the instance waits for an admin. */
  failedSteps(): readonly FailedStep[];
  nextId(): string;
  /** The state query's answer, returned with every accepted action. */
  view(): ProcessStateView;
}

export function rejection(reasons: readonly ActionRejectionReason[]): ApplicationFailure {
  const forbidden = reasons.some((reason) => reason.rule === 'notApprover');
  return ApplicationFailure.create({
    type: forbidden ? ACTION_FORBIDDEN : ACTION_REJECTED,
    message: reasons.map((reason) => reason.message).join(' ') || 'The action was refused.',
    details: [reasons.map((reason) => ({ ...reason }))],
    nonRetryable: true,
  });
}

function malformed(message: string): ApplicationFailure {
  return rejection([{ rule: 'malformed', message }]);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string' && value !== '';
const optional = (value: unknown, check: (v: unknown) => boolean) => value === undefined || check(value);

/** Shape checks shared by every action: a malformed update is rejected, never a failed workflow task. */
function checkAction(input: unknown): Record<string, unknown> {
  if (!isObject(input)) throw malformed('The action must be an object.');
  if (!isObject(input.record) || !isObject(input.record.data))
    throw malformed('The record snapshot is missing.');
  const actor = input.actor;
  if (
    !isObject(actor) ||
    !isString(actor.userId) ||
    !Array.isArray(actor.roles) ||
    !actor.roles.every(isString)
  )
    throw malformed('The actor must be { userId, roles }.');
  return input;
}

function checkLevel(input: Record<string, unknown>): void {
  if (!isString(input.nodeId)) throw malformed('"nodeId" must name the approval node.');
  if (!optional(input.levelIndex, (v) => Number.isInteger(v)))
    throw malformed('"levelIndex" must be an integer.');
}

/**
 * An instance parked on a failed step applies nothing until an admin retries or skips it, so an
 * action would wait without an answer: it is refused with the step and its error instead.
 */
function checkNotParked(memory: InstanceMemory): void {
  const failed = memory.failedSteps()[0];
  if (failed === undefined) return;
  throw rejection([
    {
      rule: 'stepFailed',
      message: `The process is waiting for an administrator to retry or skip the failed step "${failed.key}" (${failed.error}).`,
    },
  ]);
}

/**
 * An action can reach a new instance before its start is applied (a record created and moved at
 * once): the validator cannot judge it yet, so it is accepted and judged by the interpreter after
 * the start, which answers a refusal with the same reasons.
 */
function notStartedYet(memory: InstanceMemory): boolean {
  return memory.state().status === 'notStarted';
}

export function registerHandlers(memory: InstanceMemory): void {
  const submit = async (item: ProcessInboxItem): Promise<ActionResult> => {
    memory.inbox.push(item);
    await condition(() => memory.outcomes.has(item.id));
    const outcome = memory.outcomes.get(item.id);
    memory.outcomes.delete(item.id);
    if (outcome !== undefined && !outcome.ok) throw rejection(outcome.reasons);
    const state = memory.state();
    return {
      status: state.status,
      ...(state.currentStage === undefined ? {} : { currentStage: state.currentStage }),
      view: memory.view(),
    };
  };
  const ctx = () => ({ entities: memory.entities });

  setHandler(moveUpdate, (args) => submit({ id: memory.nextId(), kind: 'move', args }), {
    validator: (args) => {
      const input = checkAction(args);
      if (!isString(input.target)) throw malformed('"to" must name a transition or a stage.');
      if (!optional(input.checkedItems, (v) => Array.isArray(v) && v.every(isString)))
        throw malformed('"checkedItems" must list checklist item ids.');
      checkNotParked(memory);
      if (notStartedYet(memory)) return;
      const request = {
        target: args.target,
        ...(args.checkedItems === undefined ? {} : { checkedItems: args.checkedItems }),
      };
      const verdict = validateMove(memory.definition, memory.state(), request, args.record, ctx());
      if (!verdict.ok) throw rejection(verdict.reasons);
    },
  });

  setHandler(decideApprovalUpdate, (args) => submit({ id: memory.nextId(), kind: 'decide', args }), {
    validator: (args) => {
      const input = checkAction(args);
      checkLevel(input);
      if (input.decision !== 'approved' && input.decision !== 'rejected')
        throw malformed('"decision" must be "approved" or "rejected".');
      if (!optional(input.comment, (v) => typeof v === 'string')) throw malformed('"comment" must be text.');
      checkNotParked(memory);
      if (notStartedYet(memory)) return;
      const verdict = validateApprovalDecision(memory.definition, memory.state(), args, args.record);
      if (!verdict.ok) throw rejection(verdict.reasons);
    },
  });

  setHandler(delegateApprovalUpdate, (args) => submit({ id: memory.nextId(), kind: 'delegate', args }), {
    validator: (args) => {
      const input = checkAction(args);
      checkLevel(input);
      if (!isString(input.toUserId)) throw malformed('"toUserId" must name a user.');
      checkNotParked(memory);
      if (notStartedYet(memory)) return;
      const verdict = validateApprovalDelegation(memory.definition, memory.state(), args, args.record);
      if (!verdict.ok) throw rejection(verdict.reasons);
    },
  });

  setHandler(completeTaskUpdate, (args) => submit({ id: memory.nextId(), kind: 'completeTask', args }), {
    validator: (args) => {
      const input = checkAction(args);
      if (!isString(input.taskId)) throw malformed('"taskId" must name a task.');
      checkNotParked(memory);
      if (notStartedYet(memory)) return;
      if (!memory.state().tasks.some((task) => task.taskId === args.taskId))
        throw rejection([{ rule: 'noOpenTask', message: 'The process is not waiting for this task.' }]);
    },
  });

  setHandler(tickChecklistUpdate, (args) => submit({ id: memory.nextId(), kind: 'tick', args }), {
    validator: (args) => {
      const input = checkAction(args);
      if (!isString(input.itemId)) throw malformed('"itemId" must name a checklist item.');
      if (typeof input.checked !== 'boolean') throw malformed('"checked" must be true or false.');
      if (!optional(input.nodeId, isString)) throw malformed('"nodeId" must name a stage.');
      checkNotParked(memory);
      if (notStartedYet(memory)) return;
      const verdict = validateChecklistTick(memory.definition, memory.state(), args);
      if (!verdict.ok) throw rejection(verdict.reasons);
    },
  });

  setHandler(logActivityUpdate, (args) => submit({ id: memory.nextId(), kind: 'activity', args }), {
    validator: (args) => {
      if (!isObject(args) || !isString(args.activityType) || typeof args.at !== 'number')
        throw malformed('An activity needs a type and a time.');
      if (!optional(args.result, (v) => typeof v === 'string')) throw malformed('"result" must be text.');
      if (!isObject(args.record) || !isObject(args.record.data))
        throw malformed('The record snapshot is missing.');
      checkNotParked(memory);
    },
  });

  // Signals cannot be rejected: a malformed one is dropped instead of failing the workflow task.
  setHandler(recordChangedSignal, (payload) => {
    if (isObject(payload) && isObject(payload.record) && isObject(payload.record.data))
      memory.inbox.push({ id: memory.nextId(), kind: 'recordChanged', record: payload.record });
  });
  setHandler(retryStepSignal, (payload) => {
    if (isObject(payload) && isString(payload.key)) memory.stepDecisions.set(payload.key, 'retry');
  });
  setHandler(skipStepSignal, (payload) => {
    if (isObject(payload) && isString(payload.key)) memory.stepDecisions.set(payload.key, 'skip');
  });
}
