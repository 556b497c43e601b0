import type { SimulationAnswer } from '@crm/definitions';
import type { InterpreterCommand } from './commands';
import type { CalendarDefinition, EntityDefinition } from './definition-types';
import type { Actor, InterpreterEvent } from './events';
import type { InterpreterState, Outcome } from './state';

/**
 * A scripted user action. Record data is not repeated: `set` changes fields of the simulated record
 * and `related` fields of its related records; actors default to someone allowed to act.
 */
export type SimulationEvent =
  | {
      type: 'moveRequested';
      target: string;
      checkedItems?: readonly string[];
      actor?: Actor;
      set?: Record<string, unknown>;
    }
  | { type: 'activityLogged'; activityType: string; result?: string }
  | {
      type: 'recordChanged';
      set?: Record<string, unknown>;
      related?: Record<string, Record<string, unknown>>;
    }
  | {
      type: 'approvalDecided';
      nodeId: string;
      levelIndex?: number;
      decision: 'approved' | 'rejected';
      comment?: string;
      actor?: Actor;
    }
  | { type: 'approvalDelegated'; nodeId: string; levelIndex?: number; toUserId: string; actor?: Actor }
  /** Completes the open user task of `nodeId` (or the task with `taskId`). */
  | { type: 'taskCompleted'; nodeId?: string; taskId?: string };

/**
 * One line of the script: when it happens — `after` an ISO 8601 duration since the previous line,
 * or `at` an absolute epoch ms — and what happens (nothing: only let time pass and timers fire).
 */
export interface SimulationScriptEntry {
  after?: string;
  at?: number;
  event?: SimulationEvent;
}

export interface SimulationOptions {
  /** Virtual clock start (epoch ms). */
  startAt: number;
  calendar?: CalendarDefinition;
  entities?: readonly EntityDefinition[];
  instanceId?: string;
  /** Fire the timers still pending after the script up to this moment (default: all of them). */
  until?: number;
  /** Safety limit on timer firings after the script (default 1000). */
  maxTimerFirings?: number;
}

/**
 * The simulation's answer ({@link SimulationAnswer}, what the API sends) in the interpreter's own
 * types: its commands, events and state.
 */
export interface SimulationResult extends SimulationAnswer {
  mails: (Extract<InterpreterCommand, { type: 'sendMail' }> & { at: number })[];
  approvals: (Extract<InterpreterCommand, { type: 'requestApproval' }> & { at: number })[];
  tasks: (Extract<InterpreterCommand, { type: 'createTask' }> & { at: number })[];
  notifications: (Extract<InterpreterCommand, { type: 'notify' }> & { at: number })[];
  updates: (Extract<InterpreterCommand, { type: 'updateRecord' }> & { at: number })[];
  /** Every step with the event applied and the commands it produced. */
  timeline: { at: number; event: InterpreterEvent; commands: InterpreterCommand[] }[];
  /** Scripted actions the interpreter refused, with its reasons. */
  rejected: { at: number; event: SimulationEvent; reasons: string[] }[];
  status: InterpreterState['status'];
  outcome?: Outcome;
  finalState: InterpreterState;
}
