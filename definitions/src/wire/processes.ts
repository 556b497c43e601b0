// The answers of the inbox routes (/api/tasks, /api/approvals) and of a record's tasks, approvals
// and automation history: the read model the process instances mirror into PostgreSQL.

export type TaskStatus = 'open' | 'done' | 'cancelled';

/** A task as the inbox and the record page show it. */
export interface TaskView {
  id: string;
  title: string;
  description: string | null;
  status: TaskStatus;
  dueAt: string | null;
  /** Open and past its due date. */
  overdue: boolean;
  /** A process waits for it (a `userTask` node). */
  blocking: boolean;
  assignee: { userId: string | null; userName: string | null; role: string | null; spec: unknown };
  /** Set when the spec resolved to nobody (no owner, no manager, inactive user). */
  unassignedReason: string | null;
  record: { id: string; entity: string; title: string; stage: string | null } | null;
  processKey: string | null;
  nodeId: string | null;
  createdBy: string | null;
  createdAt: string;
  completedAt: string | null;
  completedBy: string | null;
}

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';

/** A fact of the record worth seeing before deciding: its amounts, percentages. */
export interface RecordFact {
  field: string;
  label: string;
  type: string;
  value: unknown;
}

/** One approval request as the inbox and the record timeline show it. */
export interface ApprovalView {
  id: string;
  status: ApprovalStatus;
  processKey: string;
  processVersion: number;
  nodeId: string;
  nodeLabel: string;
  level: { index: number; id: string; label: string };
  /** The rule that made approval necessary, in business terms. */
  reason: string | null;
  approver: unknown;
  delegate: { userId: string; name: string | null } | null;
  deadline: string | null;
  overdue: boolean;
  requestedAt: string;
  requireCommentOnReject: boolean;
  allowDelegation: boolean;
  record: {
    id: string;
    entity: string;
    title: string;
    stage: string | null;
    stageLabel: string | null;
    owner: { id: string; name: string | null } | null;
    facts: RecordFact[];
  };
  decision: { by: string | null; byName: string | null; at: string | null; comment: string | null } | null;
  /** Whether the reader may decide it now. */
  canDecide: boolean;
}

export type AutomationStatus = 'completed' | 'failed' | 'skipped' | 'retried';

/** One thing a process step did for a record, with its outcome or error. */
export interface AutomationEntry {
  id: string;
  /** The step's idempotency key. */
  key: string;
  step: string;
  nodeId: string | null;
  status: AutomationStatus;
  detail: unknown;
  error: string | null;
  processKey: string;
  processVersion: number;
  workflowId: string;
  at: string;
}

/** What an approver's mailed decision link shows and answers (GET/POST /api/approval-links/:token). */
export interface ApprovalLinkView {
  approval: ApprovalView;
  /** The user the link was mailed to, who decides through it. */
  approver: { id: string; name: string };
}

/** One process instance, as the instances-per-version listing shows it (GET /api/processes/:key/instances). */
export interface ProcessInstanceSummary {
  workflowId: string;
  processKey: string;
  processVersion: number;
  recordId: string;
  /** Temporal's execution status: RUNNING, COMPLETED, FAILED, TERMINATED… */
  status: string;
  startedAt: string;
  closedAt?: string;
}

/**
 * What moving running instances to another version of their process came to
 * (POST /api/processes/:key/migrate): each instance moved, was refused with the reasons, or failed.
 */
export interface MigrationReport {
  processKey: string;
  /** The version the instances were taken from; null: every version but the target. */
  from: number | null;
  to: number;
  migrated: {
    recordId: string;
    /** The record's title, or its id when the caller may not see the record. */
    title: string;
    fromVersion: number;
    /** Timers and checklist ticks the target no longer has, dropped on the way. */
    droppedTimers: { nodeId: string; timerKey: string }[];
    droppedTicks: { nodeId: string; itemId: string }[];
  }[];
  refused: {
    recordId: string;
    title: string;
    fromVersion: number;
    reasons: { rule: string; message: string }[];
  }[];
  failed: { recordId: string; title: string; fromVersion: number; error: string }[];
}
