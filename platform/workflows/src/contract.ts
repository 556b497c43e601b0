// The contract between the api, the worker and the workflow code: names, Update/Signal/Query
// definitions and payload types, so that it can be imported from the workflow sandbox and from the
// api alike. `defineUpdate`/`defineSignal`/`defineQuery` only build plain descriptors, which is why
// the api may import them without running inside a workflow.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CalendarDefinition, EntityDefinition, ProcessDefinition } from '@crm/definitions';
import type { Actor as InterpreterActor, InterpreterState, RecordView } from './interpreter';
import type { InstanceRef } from './process-ports';

/** The task queue every platform worker polls. */
export const TASK_QUEUE = 'crm-processes';

/** Registered workflow type names (each is the exported function name in `workflows/index.ts`). */
export const WORKFLOW_NAMES = {
  healthCheck: 'healthCheck',
  process: 'processWorkflow',
} as const;

export type WorkflowName = (typeof WORKFLOW_NAMES)[keyof typeof WORKFLOW_NAMES];

export interface HealthCheckResult {
  ok: true;
  /** Workflow time when it ran (ISO 8601): deterministic, recorded in history. */
  at: string;
  /** Which worker process executed the activity (`hostname:pid`). */
  worker: string;
}

/** Proves that a worker polls the task queue and can run both workflow and activity code. */
export type HealthCheckWorkflow = () => Promise<HealthCheckResult>;

/** Workflow id of a health-check run; unique per call so that runs never collide. */
export function healthCheckWorkflowId(suffix: string): string {
  return `health-check-${suffix}`;
}

/** Workflow id of the one instance of a process for a record: starting twice is idempotent. */
export function processWorkflowId(processKey: string, recordId: string): string {
  return `process:${processKey}:${recordId}`;
}

/** A command whose activity failed after its retries; the instance waits for an admin. */
export interface FailedStep {
  /** The command's idempotency key (`:key` in the retry/skip routes). */
  key: string;
  type: string;
  nodeId?: string;
  error: string;
  at: number;
}

/** What a process instance carries across continue-as-new besides its input. */
export interface ProcessCarryOver {
  state: InterpreterState;
  /** Signals/updates accepted but not yet applied when the run ended. */
  inbox: ProcessInboxItem[];
}

/** An event waiting in the workflow's inbox (plain JSON: it may cross continue-as-new). */
export type ProcessInboxItem =
  | { id: string; kind: 'start'; record: RecordView; actor?: InterpreterActor }
  | { id: string; kind: 'move'; args: MoveArgs }
  | { id: string; kind: 'decide'; args: DecideApprovalArgs }
  | { id: string; kind: 'delegate'; args: DelegateApprovalArgs }
  | { id: string; kind: 'completeTask'; args: CompleteTaskArgs }
  | { id: string; kind: 'tick'; args: TickChecklistArgs }
  | { id: string; kind: 'activity'; args: LogActivityArgs }
  | { id: string; kind: 'recordChanged'; record: RecordView };

export interface ProcessWorkflowInput {
  instance: InstanceRef;
  /** The content of the pinned published version. */
  definition: ProcessDefinition;
  calendar?: CalendarDefinition;
  /** The solution's entities, for readable field labels in rejection reasons. */
  entities?: EntityDefinition[];
  /** The record when the process starts (omitted: the workflow loads it through an activity). */
  record?: RecordView;
  actor?: InterpreterActor;
  /** Set by continue-as-new. */
  carryOver?: ProcessCarryOver;
}

export interface ProcessWorkflowResult {
  status: InterpreterState['status'];
  outcome?: InterpreterState['outcome'];
  currentStage?: string;
}

/** Every user action carries the actor and the record as PostgreSQL holds it now. */
interface ActionArgs {
  actor: InterpreterActor;
  record: RecordView;
}
export interface MoveArgs extends ActionArgs {
  target: string;
  checkedItems?: string[];
}
export interface DecideApprovalArgs extends ActionArgs {
  nodeId: string;
  levelIndex?: number;
  decision: 'approved' | 'rejected';
  comment?: string;
}
export interface DelegateApprovalArgs extends ActionArgs {
  nodeId: string;
  levelIndex?: number;
  toUserId: string;
}
export interface CompleteTaskArgs extends ActionArgs {
  taskId: string;
}
export interface TickChecklistArgs extends ActionArgs {
  itemId: string;
  checked: boolean;
  /** The stage whose checklist it is; the held stage that has the item when omitted. */
  nodeId?: string;
}
export interface LogActivityArgs {
  record: RecordView;
  activityType: string;
  result?: string;
  at: number;
}

/** What an accepted action answers: where the instance stands once the action was carried out. */
export interface ActionResult {
  currentStage?: string;
  status: InterpreterState['status'];
  /**
   * The instance as the record page shows it, right after the action was applied (the state
   * query's answer, with only the latest entries of the step log), so the caller needs no second
   * round trip. Absent from answers recorded before it was added.
   */
  view?: ProcessStateView;
}

/** Failure type of a refused action; `details[0]` lists the reasons. */
export const ACTION_REJECTED = 'ProcessActionRejected';
/** Failure type of an action refused because the actor may not decide (403 in the api). */
export const ACTION_FORBIDDEN = 'ProcessActionForbidden';

/** A reason as it crosses the Temporal boundary. */
export interface ActionRejectionReason {
  field?: string;
  rule: string;
  message: string;
}

/** Moves a running instance to another published version of its process (see planMigration). */
export interface MigrateArgs {
  /** The target version's content, number, calendar and entities, as a start would pin them. */
  definition: ProcessDefinition;
  version: number;
  calendar?: CalendarDefinition;
  entities?: EntityDefinition[];
}

/** What a migration kept from and dropped of the instance; it continues on the target at once. */
export interface MigrationResult {
  fromVersion: number;
  toVersion: number;
  droppedTimers: { nodeId: string; timerKey: string }[];
  droppedTicks: { nodeId: string; itemId: string }[];
}

export const moveUpdate = defineUpdate<ActionResult, [MoveArgs]>('move');
export const migrateUpdate = defineUpdate<MigrationResult, [MigrateArgs]>('migrate');
export const decideApprovalUpdate = defineUpdate<ActionResult, [DecideApprovalArgs]>('decideApproval');
export const delegateApprovalUpdate = defineUpdate<ActionResult, [DelegateApprovalArgs]>('delegateApproval');
export const completeTaskUpdate = defineUpdate<ActionResult, [CompleteTaskArgs]>('completeTask');
export const logActivityUpdate = defineUpdate<ActionResult, [LogActivityArgs]>('logActivity');
export const tickChecklistUpdate = defineUpdate<ActionResult, [TickChecklistArgs]>('tickChecklist');
export const recordChangedSignal = defineSignal<[{ record: RecordView }]>('recordChanged');
/** Admin: run a failed step again, or go on without it. */
export const retryStepSignal = defineSignal<[{ key: string }]>('retryStep');
export const skipStepSignal = defineSignal<[{ key: string }]>('skipStep');

/** Where the instance stands, for the record page. */
export interface ProcessStateView {
  workflowId: string;
  processKey: string;
  processVersion: number;
  status: InterpreterState['status'];
  outcome?: InterpreterState['outcome'];
  currentStage?: { nodeId: string; label: string };
  /** Transitions out of the stages that hold a token, with what each still lacks. */
  transitions: {
    edgeId: string;
    target: string;
    label?: string;
    allowed: boolean;
    missing: ActionRejectionReason[];
  }[];
  approvals: InterpreterState['approvals'];
  tasks: InterpreterState['tasks'];
  timers: InterpreterState['timers'];
  failedSteps: FailedStep[];
  log: InterpreterState['log'];
  /** Ticked checklist items by stage node id (kept until the stage is entered again). */
  checklist: Record<string, string[]>;
}
export const processStateQuery = defineQuery<ProcessStateView>('processState');

/** The ports the process activities use; the api implements them. */
export type * from './process-ports';

// The simulation is the same pure interpreter the workflow runs; the api's "Try it" route calls
// it directly (no Temporal involved), so it is part of the contract the api may import.
export { simulate } from './interpreter';
export type { SimulationResult, SimulationScriptEntry, SimulationEvent } from './interpreter';
export type { RecordView as ProcessRecordView, InterpreterActor };
