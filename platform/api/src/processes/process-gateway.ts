// The api's one door to running processes. Routes and services call this interface; the Temporal
// implementation (process-gateway.temporal.ts) turns each call into a workflow start, Update,
// Signal or Query, so a refused user action comes back synchronously with the validator's reasons.
// Routes never talk to Temporal directly, and records/activities services notify processes only
// through here.
import type { Actor } from '../auth/actor';
import type { ProcessRecordView } from '@crm/workflows/contract';
import type { KnownRecord } from './record-snapshot';

/** Why the process refused an action, one entry per missing field or broken rule. */
export interface ProcessRejectionReason {
  field?: string;
  rule: string;
  message: string;
}

/** A user action the process refused; the API answers 422 (or 403 for a non-eligible approver). */
export class ProcessActionRejectedError extends Error {
  constructor(
    message: string,
    readonly reasons: ProcessRejectionReason[],
    readonly forbidden = false,
  ) {
    super(message);
    this.name = 'ProcessActionRejectedError';
  }
}

/** Who starts a process: the interpreter knows the user and their role. */
export type StartActor = Pick<Actor, 'id' | 'role'>;

/** Identifies a process instance: one per (process, record). */
export interface InstanceKey {
  processKey: string;
  recordId: string;
}

import type { ProcessInstanceSummary } from '@crm/definitions';

export type { ProcessInstanceSummary };

export interface ProcessGateway {
  /**
   * Starts the process for a record (idempotent: a second start of the same instance is a no-op).
   * `record`: the record's row when the caller has it (a create), so it is not read again.
   */
  start(
    actor: StartActor | null,
    key: InstanceKey,
    record?: KnownRecord,
  ): Promise<{ workflowId: string; started: boolean }>;
  /**
   * Asks to move the record along a transition (edge id or target node id). Resolves to where the
   * instance stands right after the move (what `state` would answer), or undefined when the
   * implementation cannot tell without asking again.
   */
  move(
    actor: Actor,
    key: InstanceKey,
    request: { target: string; checkedItems?: string[] },
  ): Promise<unknown>;
  /** A communication was logged on the record (may advance the process or cancel timers). */
  activityLogged(
    actor: Actor,
    key: InstanceKey,
    activity: { type: string; result?: string; at: number },
  ): Promise<void>;
  /**
   * The record's data changed (conditions and waits are re-evaluated). `record`: the snapshot when
   * the caller has already read it, so it is not read again.
   */
  recordChanged(key: InstanceKey, record?: ProcessRecordView): Promise<void>;
  decideApproval(
    actor: Actor,
    key: InstanceKey,
    decision: { nodeId: string; levelIndex?: number; decision: 'approved' | 'rejected'; comment?: string },
  ): Promise<void>;
  delegateApproval(
    actor: Actor,
    key: InstanceKey,
    delegation: { nodeId: string; levelIndex?: number; toUserId: string },
  ): Promise<void>;
  completeTask(actor: Actor, key: InstanceKey, taskId: string): Promise<void>;
  /** Ticks or unticks a checklist item of a stage that holds the record; resolves like `move`. */
  tickChecklist(
    actor: Actor,
    key: InstanceKey,
    tick: { itemId: string; checked: boolean; nodeId?: string },
  ): Promise<unknown>;
  /** Where the instance is now (query); null when no instance exists. */
  state(key: InstanceKey): Promise<unknown | null>;
  /** Admin: runs a failed step of an instance again, or goes on without it. */
  resolveFailedStep(key: InstanceKey, stepKey: string, decision: 'retry' | 'skip'): Promise<void>;
  /** The instances of a process, optionally of one pinned version. */
  instances(processKey: string, version?: number): Promise<ProcessInstanceSummary[]>;
  /**
   * Moves a running instance to another published version of its process, when everything it is
   * doing exists there (else ProcessActionRejectedError with the reasons).
   */
  migrate(key: InstanceKey, toVersion: number): Promise<MigrationOutcome>;
}

/** What a migration kept and dropped (timers and checklist ticks the target no longer has). */
export interface MigrationOutcome {
  fromVersion: number;
  toVersion: number;
  droppedTimers: { nodeId: string; timerKey: string }[];
  droppedTicks: { nodeId: string; itemId: string }[];
}
