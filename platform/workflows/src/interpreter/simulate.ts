import { findPendingApproval } from './approval';
import type { InterpreterCommand } from './commands';
import type { StepContext } from './context';
import type { Assignee, ProcessDefinition } from './definition-types';
import { ActionRejectedError, InterpreterError } from './errors';
import type { Actor, InterpreterEvent } from './events';
import { durationMs } from './expressions';
import { nodeById } from './graph';
import type { RecordView } from './record-view';
import { ownerIdOf } from './record-view';
import type {
  SimulationEvent,
  SimulationOptions,
  SimulationResult,
  SimulationScriptEntry,
} from './simulation-types';
import type { InterpreterState } from './state';
import { initialState, isFinished } from './state';
import { step } from './step';

const SIMULATED_USER = 'simulated-user';

/** Someone the assignee spec designates, so that scripted decisions pass validation. */
function actorFor(assignee: Assignee | undefined, record: RecordView): Actor {
  switch (assignee?.type) {
    case 'owner':
      return { userId: ownerIdOf(record) ?? SIMULATED_USER, roles: [] };
    case 'ownerManager':
      return { userId: record.ownerManagerId ?? SIMULATED_USER, roles: [] };
    case 'role':
      return { userId: `${SIMULATED_USER}-${assignee.role}`, roles: [assignee.role] };
    case 'user':
      return { userId: assignee.userId, roles: [] };
    default:
      return { userId: ownerIdOf(record) ?? SIMULATED_USER, roles: [] };
  }
}

function withChanges(
  record: RecordView,
  set: Record<string, unknown> = {},
  related: Record<string, Record<string, unknown>> = {},
): RecordView {
  const mergedRelated = { ...record.related };
  for (const [key, values] of Object.entries(related))
    mergedRelated[key] = { ...mergedRelated[key], ...values };
  return { ...record, data: { ...record.data, ...set }, related: mergedRelated };
}

/** Turns a scripted action into the interpreter event it stands for, at `now`. */
function toEvent(
  definition: ProcessDefinition,
  state: InterpreterState,
  entry: SimulationEvent,
  now: number,
): InterpreterEvent {
  const record = state.record;
  switch (entry.type) {
    case 'moveRequested':
      return {
        type: 'moveRequested',
        target: entry.target,
        ...(entry.checkedItems === undefined ? {} : { checkedItems: entry.checkedItems }),
        actor: entry.actor ?? actorFor({ type: 'owner' }, record),
        record: withChanges(record, entry.set),
      };
    case 'activityLogged':
      return {
        type: 'activityLogged',
        activityType: entry.activityType,
        ...(entry.result === undefined ? {} : { result: entry.result }),
        at: now,
      };
    case 'recordChanged':
      return { type: 'recordChanged', record: withChanges(record, entry.set, entry.related) };
    case 'approvalDecided': {
      const pending = findPendingApproval(state.approvals, entry.nodeId, entry.levelIndex);
      const node = nodeById(definition, entry.nodeId);
      const level =
        pending !== undefined && node.type === 'approval' ? node.levels[pending.levelIndex] : undefined;
      return {
        type: 'approvalDecided',
        nodeId: entry.nodeId,
        decision: entry.decision,
        actor: entry.actor ?? actorFor(level?.approver, record),
        ...(entry.levelIndex === undefined ? {} : { levelIndex: entry.levelIndex }),
        ...(entry.comment === undefined ? {} : { comment: entry.comment }),
      };
    }
    case 'approvalDelegated': {
      const pending = findPendingApproval(state.approvals, entry.nodeId, entry.levelIndex);
      const node = nodeById(definition, entry.nodeId);
      const level =
        pending !== undefined && node.type === 'approval' ? node.levels[pending.levelIndex] : undefined;
      return {
        type: 'approvalDelegated',
        nodeId: entry.nodeId,
        toUserId: entry.toUserId,
        actor: entry.actor ?? actorFor(level?.approver, record),
        ...(entry.levelIndex === undefined ? {} : { levelIndex: entry.levelIndex }),
      };
    }
    case 'taskCompleted': {
      const task = state.tasks.find(
        (candidate) => candidate.taskId === entry.taskId || candidate.nodeId === entry.nodeId,
      );
      return { type: 'taskCompleted', taskId: task?.taskId ?? entry.taskId ?? '' };
    }
    default:
      throw new Error(`Unknown simulation event: ${(entry as { type: string }).type}`);
  }
}

/**
 * Runs a process against a sample record on a virtual clock: starts it, plays the script, and fires
 * every timer when its time comes (in time order), also after the script until nothing is pending.
 * Nothing is sent or stored: the result lists the path and what would go out. Backs the designer's
 * "Try it".
 */
export function simulate(
  definition: ProcessDefinition,
  sampleRecord: RecordView,
  script: readonly SimulationScriptEntry[],
  options: SimulationOptions,
): SimulationResult {
  let state = initialState(options.instanceId ?? 'simulation');
  let now = options.startAt;
  const timeline: SimulationResult['timeline'] = [];
  const rejected: SimulationResult['rejected'] = [];
  const ctxAt = (at: number): StepContext => ({
    now: at,
    ...(options.calendar === undefined ? {} : { calendar: options.calendar }),
    ...(options.entities === undefined ? {} : { entities: options.entities }),
  });
  const apply = (event: InterpreterEvent): void => {
    const result = step(definition, state, event, ctxAt(now));
    state = result.state;
    timeline.push({ at: now, event, commands: result.commands });
  };
  const fireDueTimers = (until: number, limit: number): void => {
    for (let fired = 0; fired < limit; fired += 1) {
      const due = [...state.timers].sort((a, b) => a.fireAt - b.fireAt)[0];
      if (due === undefined || due.fireAt > until) return;
      now = Math.max(now, due.fireAt);
      apply({ type: 'timerFired', timerId: due.id });
    }
  };

  let error: SimulationResult['error'];
  try {
    apply({ type: 'start', record: sampleRecord });
    for (const entry of script) {
      const target = entry.at ?? now + (entry.after === undefined ? 0 : durationMs(entry.after));
      fireDueTimers(target, Number.POSITIVE_INFINITY);
      now = Math.max(now, target);
      if (entry.event === undefined) continue;
      try {
        apply(toEvent(definition, state, entry.event, now));
      } catch (caught) {
        if (!(caught instanceof ActionRejectedError)) throw caught;
        rejected.push({
          at: now,
          event: entry.event,
          reasons: caught.reasons.map((reason) => reason.message),
        });
      }
    }
    if (!isFinished(state) || state.timers.length > 0) {
      fireDueTimers(options.until ?? Number.POSITIVE_INFINITY, options.maxTimerFirings ?? 1000);
    }
  } catch (caught) {
    if (!(caught instanceof InterpreterError)) throw caught;
    error = { code: caught.code, message: caught.message };
  }
  return summarise(definition, state, timeline, rejected, error);
}

function summarise(
  definition: ProcessDefinition,
  state: InterpreterState,
  timeline: SimulationResult['timeline'],
  rejected: SimulationResult['rejected'],
  error: SimulationResult['error'],
): SimulationResult {
  const withAt = <T extends InterpreterCommand['type']>(type: T) =>
    timeline.flatMap(({ at, commands }) =>
      commands
        .filter((command): command is Extract<InterpreterCommand, { type: T }> => command.type === type)
        .map((command) => ({ ...command, at })),
    );
  const visits = state.log.filter((entry) => entry.kind === 'entered');
  return {
    path: visits.map((entry) => {
      const node = nodeById(definition, entry.nodeId);
      return {
        at: entry.at,
        nodeId: node.id,
        label: node.label,
        type: node.type,
        ...(entry.viaEdgeId === undefined ? {} : { viaEdgeId: entry.viaEdgeId }),
      };
    }),
    edges: visits.flatMap((entry) => (entry.viaEdgeId === undefined ? [] : [entry.viaEdgeId])),
    mails: withAt('sendMail'),
    approvals: withAt('requestApproval'),
    tasks: withAt('createTask'),
    notifications: withAt('notify'),
    updates: withAt('updateRecord'),
    timeline,
    rejected,
    status: state.status,
    ...(state.outcome === undefined ? {} : { outcome: state.outcome }),
    ...(error === undefined ? {} : { error }),
    finalState: state,
  };
}
