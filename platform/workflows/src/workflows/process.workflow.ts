// One process instance: feeds events to the pure interpreter and carries out its commands. All
// state lives in this function's closure (never in module variables, which leak between runs when
// the sandbox is reused) and crosses continue-as-new as plain JSON.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  makeContinueAsNewFunc,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  processStateQuery,
  type FailedStep,
  type MigrateArgs,
  type ProcessInboxItem,
  type ProcessWorkflowInput,
  type ProcessWorkflowResult,
} from '../contract';
import {
  InterpreterError,
  initialState,
  isFinished,
  planMigration,
  step,
  type InterpreterCommand,
  type InterpreterEvent,
  type InterpreterState,
} from '../interpreter';
import { createCommandRunner, type StepCause } from './process-commands';
import { registerHandlers, type ItemOutcome } from './process-inbox';
import { registerMigration } from './process-migration';
import { processStateView } from './process-view';

const { loadRecord } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 ms', maximumInterval: '10 seconds' },
});

/** Step-log entries an action's answer carries (the state query answers the whole log). */
const ANSWER_LOG_TAIL = 20;

/** History length after which the instance continues as new (far below Temporal's limits). */
const HISTORY_LIMIT = 2000;

// Interpreter changes that alter the commands a running instance produces must be guarded with
// `patched('<change-id>')`, keeping the old behaviour for histories recorded before the change
// (replay would otherwise diverge). This one guards refreshing the record snapshot before an
// approval decision, task completion or activity, added after the first recorded histories.
const REFRESH_RECORD_PATCH = 'refresh-record-before-action';
// Guards queueing side effects: the main loop applies the next event (a user's next move) while the
// previous step's activities still run, instead of waiting for them. Effects still run one step
// after another, in order. Histories recorded before it applied events only between effects.
const EFFECTS_QUEUE_PATCH = 'queue-step-effects';

export async function processWorkflow(input: ProcessWorkflowInput): Promise<ProcessWorkflowResult> {
  const { definition, instance } = input;
  const entities = input.entities ?? [];
  let state: InterpreterState = input.carryOver?.state ?? initialState(instance.workflowId);
  const inbox: ProcessInboxItem[] = [...(input.carryOver?.inbox ?? [])];
  const outcomes = new Map<string, ItemOutcome>();
  const stepDecisions = new Map<string, 'retry' | 'skip'>();
  const failedSteps: FailedStep[] = [];
  let counter = 0;
  /** The inbox item being handled, answered as soon as its event is applied. */
  let answering: string | undefined;
  let refreshing = false;
  const answeredEarly = new Set<string>();

  registerHandlers({
    definition,
    entities,
    state: () => state,
    inbox,
    outcomes,
    stepDecisions,
    failedSteps: () => failedSteps,
    nextId: () => `item-${(counter += 1)}`,
    // The answer to every accepted action lands in history: only the log's tail, to keep it small.
    view: () => processStateView(instance, definition, state, failedSteps, entities, ANSWER_LOG_TAIL),
  });
  setHandler(processStateQuery, () => processStateView(instance, definition, state, failedSteps, entities));
  let migration: MigrateArgs | undefined;
  registerMigration({
    definition,
    instance,
    state: () => state,
    pending: () => migration,
    accept: (args) => {
      migration = args;
    },
  });
  const runner = createCommandRunner({ instance, definition, failedSteps, stepDecisions });
  const queueEffects = patched(EFFECTS_QUEUE_PATCH);
  const effects: { commands: InterpreterCommand[]; cause: StepCause }[] = [];
  let effectsRunning = false;
  const effectsDone = () => effects.length === 0 && !effectsRunning;

  async function runEffects(commands: readonly InterpreterCommand[], cause: StepCause): Promise<void> {
    const { failed } = await runner.run(commands, cause);
    for (const key of failed) {
      state = step(
        definition,
        state,
        { type: 'commandFailed', key, error: 'skipped by an admin' },
        { now: Date.now() },
      ).state;
    }
  }

  /** Runs the queued steps' side effects one step after another, for the life of this run. */
  async function pumpEffects(): Promise<void> {
    for (;;) {
      await condition(() => effects.length > 0);
      const next = effects.shift() as (typeof effects)[number];
      effectsRunning = true;
      try {
        await runEffects(next.commands, next.cause);
      } finally {
        effectsRunning = false;
      }
    }
  }
  if (queueEffects) void pumpEffects();

  /** Applies one event; a refused or impossible event leaves the state as it was. */
  async function apply(event: InterpreterEvent, cause: StepCause): Promise<ItemOutcome> {
    let result;
    try {
      result = step(definition, state, event, {
        now: Date.now(),
        entities,
        ...(input.calendar === undefined ? {} : { calendar: input.calendar }),
      });
    } catch (error) {
      if (!(error instanceof InterpreterError)) throw error;
      log.warn('process event refused', { type: event.type, error: error.message });
      const reasons =
        'reasons' in error && Array.isArray(error.reasons)
          ? (error.reasons as ItemOutcomeReasons)
          : [{ rule: error.code, message: error.message }];
      return { ok: false, reasons: reasons.map((reason) => ({ ...reason })) };
    }
    state = result.state;
    // The caller's answer does not wait for the side effects: a step parked on a failed activity
    // (waiting for an admin) must not hold the user's request open.
    if (answering !== undefined && !refreshing) {
      outcomes.set(answering, { ok: true });
      answeredEarly.add(answering);
    }
    if (queueEffects) effects.push({ commands: result.commands, cause });
    else await runEffects(result.commands, cause);
    return { ok: true };
  }

  async function refreshRecord(record: InterpreterState['record']): Promise<void> {
    if (!patched(REFRESH_RECORD_PATCH)) return;
    if (JSON.stringify(record) === JSON.stringify(state.record)) return;
    refreshing = true;
    try {
      await apply({ type: 'recordChanged', record }, { by: null });
    } finally {
      refreshing = false;
    }
  }

  async function handle(item: ProcessInboxItem): Promise<ItemOutcome> {
    switch (item.kind) {
      case 'start':
        return apply(
          { type: 'start', record: item.record, ...(item.actor === undefined ? {} : { actor: item.actor }) },
          { by: item.actor?.userId ?? null },
        );
      case 'move': {
        const { actor, record, target, checkedItems } = item.args;
        return apply(
          {
            type: 'moveRequested',
            actor,
            record,
            target,
            ...(checkedItems === undefined ? {} : { checkedItems }),
          },
          { by: actor.userId },
        );
      }
      case 'decide': {
        const { actor, record, nodeId, levelIndex, decision, comment } = item.args;
        await refreshRecord(record);
        return apply(
          {
            type: 'approvalDecided',
            actor,
            nodeId,
            decision,
            ...(levelIndex === undefined ? {} : { levelIndex }),
            ...(comment === undefined ? {} : { comment }),
          },
          { by: actor.userId, ...(comment === undefined ? {} : { comment }) },
        );
      }
      case 'delegate': {
        const { actor, record, nodeId, levelIndex, toUserId } = item.args;
        await refreshRecord(record);
        return apply(
          {
            type: 'approvalDelegated',
            actor,
            nodeId,
            toUserId,
            ...(levelIndex === undefined ? {} : { levelIndex }),
          },
          { by: actor.userId },
        );
      }
      case 'completeTask':
        await refreshRecord(item.args.record);
        return apply(
          { type: 'taskCompleted', taskId: item.args.taskId, actor: item.args.actor },
          { by: item.args.actor.userId },
        );
      case 'activity': {
        const { record, activityType, result, at } = item.args;
        await refreshRecord(record);
        return apply(
          { type: 'activityLogged', activityType, at, ...(result === undefined ? {} : { result }) },
          { by: null },
        );
      }
      case 'tick': {
        const { actor, itemId, checked, nodeId } = item.args;
        return apply(
          { type: 'checklistTicked', actor, itemId, checked, ...(nodeId === undefined ? {} : { nodeId }) },
          { by: actor.userId },
        );
      }
      case 'recordChanged':
        return apply({ type: 'recordChanged', record: item.record }, { by: null });
      default:
        throw new Error(`Unknown inbox item: ${(item as { kind: string }).kind}`);
    }
  }

  async function fireDueTimers(): Promise<void> {
    for (;;) {
      const due = [...state.timers].sort((a, b) => a.fireAt - b.fireAt)[0];
      if (due === undefined || due.fireAt > Date.now()) return;
      await apply({ type: 'timerFired', timerId: due.id }, { by: null });
    }
  }

  if (input.carryOver === undefined) {
    const record = input.record ?? (await loadRecord(instance));
    inbox.unshift({
      id: 'start',
      kind: 'start',
      record,
      ...(input.actor === undefined ? {} : { actor: input.actor }),
    });
  }

  for (;;) {
    while (inbox.length > 0) {
      const item = inbox.shift() as ProcessInboxItem;
      answering = item.id;
      const outcome = await handle(item);
      answering = undefined;
      if (!answeredEarly.delete(item.id)) outcomes.set(item.id, outcome);
    }
    await fireDueTimers();
    if (inbox.length > 0) continue;
    if (isFinished(state)) break;
    if (migration !== undefined) {
      // As for continue-as-new below: actions in flight are answered and queued effects done first.
      await condition(() => (allHandlersFinished() && effectsDone()) || inbox.length > 0);
      if (inbox.length > 0) continue;
      const target = migration;
      migration = undefined;
      const plan = planMigration(definition, target.definition, state);
      // Accepted moments ago on the same state: a refusal now means an event came in between.
      if (!plan.ok) {
        log.warn('migration no longer possible', { reasons: plan.reasons.map((r) => r.message) });
        continue;
      }
      await makeContinueAsNewFunc<typeof processWorkflow>({
        memo: { ...workflowInfo().memo, processVersion: target.version },
      })({
        instance: { ...instance, processVersion: target.version },
        definition: target.definition,
        // The target's own calendar (or none) and labels; the old run's stay behind.
        ...(target.calendar === undefined ? {} : { calendar: target.calendar }),
        entities: target.entities ?? entities,
        carryOver: { state: plan.state, inbox },
      });
    }
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > HISTORY_LIMIT) {
      // Let update callers receive their answers and queued effects finish first; anything arriving
      // meanwhile is handled before trying again.
      await condition(() => (allHandlersFinished() && effectsDone()) || inbox.length > 0);
      if (inbox.length === 0)
        await continueAsNew<typeof processWorkflow>({ ...input, carryOver: { state, inbox } });
      continue;
    }
    const next = state.timers.reduce((min, timer) => Math.min(min, timer.fireAt), Number.POSITIVE_INFINITY);
    // An accepted migration wakes the loop too (it is never set in histories from before it existed).
    const woken = () => inbox.length > 0 || migration !== undefined;
    if (Number.isFinite(next)) await condition(woken, Math.max(1, next - Date.now()));
    else await condition(woken);
  }

  await condition(() => allHandlersFinished() && effectsDone());
  return {
    status: state.status,
    ...(state.outcome === undefined ? {} : { outcome: state.outcome }),
    ...(state.currentStage === undefined ? {} : { currentStage: state.currentStage }),
  };
}

type ItemOutcomeReasons = { field?: string; rule: string; message: string }[];
