/**
 * The process interpreter: pure, deterministic decisions over a process definition. The Temporal
 * workflow feeds it events and carries out the commands it returns; the designer's "Try it" runs
 * it through {@link simulate}. No Temporal, no clock, no I/O, no randomness.
 *
 * @packageDocumentation
 */

/** Applies one event to an instance: `step(definition, state, event, ctx) → { state, commands }`. */
export { step } from './step';
export type { StepResult } from './step';

/** The state of an instance (plain JSON, safe to carry across continue-as-new) and its helpers. */
export { initialState, isFinished } from './state';
export type {
  InterpreterState,
  Token,
  PendingTimer,
  TimerKind,
  PendingApproval,
  Delegation,
  OpenTask,
  PendingWait,
  LogEntry,
  Outcome,
} from './state';

/** Inputs: events, the record as the interpreter sees it, and the step context (time, calendar). */
export type { InterpreterEvent, InterpreterEventType, Actor, MoveRequest, ChecklistTick } from './events';
export type { RecordView } from './record-view';
export type { StepContext } from './context';

/** Outputs: the commands the effectful shell executes, each side effect with an idempotency key. */
export type { InterpreterCommand, InterpreterCommandType } from './commands';

/** Validators for user actions (the Temporal Update validators and the API's pre-checks). */
export { validateMove } from './move-validation';
export { validateChecklistTick } from './checklist';
export type { ChecklistValidation, ChecklistRejection } from './checklist';
export type { MoveValidation, MoveRejection, MoveValidationContext } from './move-validation';
export { validateApprovalDecision, validateApprovalDelegation, actorMatches } from './approval-validation';
export type { ApprovalValidation, ApprovalRejection } from './approval-validation';

/** Simulation on a virtual clock, for the designer's "Try it". */
export { simulate } from './simulate';
export type {
  SimulationEvent,
  SimulationOptions,
  SimulationResult,
  SimulationScriptEntry,
} from './simulation-types';

/** Typed errors: a refused action carries its reasons; a broken or looping graph says where. */
export {
  InterpreterError,
  ActionRejectedError,
  AutomaticLoopError,
  BrokenGraphError,
  InvalidEventError,
  UnknownNodeError,
} from './errors';

/** Small pure helpers the UI and the shell share with the interpreter. */
export { resolveTemplate } from './actions';
export { readFieldPath, isFilled } from './record-view';

/** Moving a running instance to another published version of its process. */
export { planMigration } from './migration';
export type { MigrationPlan, MigrationReason } from './migration';
