import type { Assignee } from './definition-types';
import type { RecordView } from './record-view';

/** A position of execution in the graph; several exist at once between a parallel split and join. */
export interface Token {
  id: string;
  nodeId: string;
  /** Epoch ms when the token reached its node. */
  enteredAt: number;
  /** Epoch ms of the last activity logged while the token held its node (idle timers count from it). */
  lastActivityAt: number;
}

/** Why a timer exists; decides what happens when it fires. */
export type TimerKind =
  'stageTimer' | 'waitElapsed' | 'waitTimeout' | 'approvalReminder' | 'approvalDeadline';

export interface PendingTimer {
  /** Deterministic and unique within the instance: `node:purpose:sequence`. */
  id: string;
  kind: TimerKind;
  tokenId: string;
  nodeId: string;
  /** Epoch ms when it is due. */
  fireAt: number;
  /** For `stageTimer`: the `id` of the timer definition on the node. */
  timerKey?: string;
}

export interface Delegation {
  from: string;
  to: string;
  at: number;
}

export interface PendingApproval {
  /** Unique per request; also the idempotency base of its commands. */
  id: string;
  tokenId: string;
  nodeId: string;
  levelIndex: number;
  levelId: string;
  requestedAt: number;
  deadline?: number;
  reminded: boolean;
  escalated: boolean;
  /** Delegations made on this level: each delegate may decide too. */
  delegations: Delegation[];
  /** Who the decision was handed to when the deadline passed (may decide too). */
  escalatedTo?: Assignee;
}

export interface OpenTask {
  taskId: string;
  tokenId: string;
  nodeId: string;
}

/** A condition / until-date wait that is re-evaluated when the record changes. */
export interface PendingWait {
  tokenId: string;
  nodeId: string;
}

/** One line of the step log: what the instance did, in order. */
export type LogEntry =
  | { kind: 'entered'; at: number; nodeId: string; viaEdgeId?: string; tokenId: string }
  | { kind: 'left'; at: number; nodeId: string; tokenId: string }
  | { kind: 'timerFired'; at: number; nodeId: string; timerId: string; timerKey?: string }
  | {
      kind: 'approvalDecided';
      at: number;
      nodeId: string;
      levelId: string;
      decision: 'approved' | 'rejected';
      actorId: string;
      comment?: string;
    }
  | { kind: 'approvalSkipped'; at: number; nodeId: string; levelId?: string }
  | { kind: 'approvalDelegated'; at: number; nodeId: string; levelId: string; from: string; to: string }
  | { kind: 'approvalEscalated'; at: number; nodeId: string; levelId: string }
  | { kind: 'activity'; at: number; activityType: string; result?: string }
  | { kind: 'moveBlocked'; at: number; nodeId: string; edgeId: string; reasons: string[] }
  | { kind: 'commandFailed'; at: number; commandKey: string; error: string }
  | { kind: 'checklistTicked'; at: number; nodeId: string; itemId: string; checked: boolean; actorId: string }
  | { kind: 'completed'; at: number; nodeId: string; outcome: Outcome };

export type Outcome = 'won' | 'lost' | 'closed';

/**
 * The whole state of one process instance. Plain JSON (no Dates, Maps or functions) so that the
 * Temporal shell can carry it across continue-as-new.
 */
export interface InterpreterState {
  schemaVersion: 1;
  instanceId: string;
  status: 'notStarted' | 'running' | 'completed';
  outcome?: Outcome;
  /** The latest known record, used by decisions, waits and guards. */
  record: RecordView;
  tokens: Token[];
  /** Per parallel join: the ids of the incoming edges that have arrived. */
  joins: Record<string, string[]>;
  /** The stage or end node that holds the record (mirrored into the record), if any. */
  currentStage?: string;
  /**
   * Ticked checklist items per stage, by stage node id. A stage's ticks are cleared whenever it is
   * entered, so a loop back to it asks for them again. Absent in states from before ticks were kept.
   */
  checklist?: Record<string, string[]>;
  timers: PendingTimer[];
  approvals: PendingApproval[];
  tasks: OpenTask[];
  waits: PendingWait[];
  log: LogEntry[];
  /** Monotonic counter behind every id and idempotency key the instance creates. */
  sequence: number;
}

/** A state before the `start` event. */
export function initialState(instanceId: string): InterpreterState {
  return {
    schemaVersion: 1,
    instanceId,
    status: 'notStarted',
    record: { data: {} },
    tokens: [],
    joins: {},
    timers: [],
    approvals: [],
    tasks: [],
    waits: [],
    log: [],
    sequence: 0,
  };
}

/**
 * Whether nothing can happen any more: the process completed (reaching an end node ends every other
 * branch) and none of the end node's timers is still pending (they keep the instance alive).
 */
export function isFinished(state: InterpreterState): boolean {
  return state.status === 'completed' && state.timers.length === 0;
}
