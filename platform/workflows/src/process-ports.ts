// The ports between the process workflow's activities and the platform's read model. The worker's
// activities (platform/workflows/src/activities) call these interfaces; the api implements them on
// PostgreSQL (platform/api/src/process-ports) and the composition root (devservices start, tests)
// hands the implementation to `createActivities(deps)`. Types only: safe in the workflow sandbox
// and importable by the api through `@crm/workflows/contract`.
//
// Every call that changes something carries the interpreter's deterministic idempotency `key`:
// an implementation must make a repeated call with the same key a no-op (unique constraint), so a
// retried or replayed activity never acts twice.
import type { Assignee, Recipient } from '@crm/definitions';
import type { RecordView } from './interpreter/record-view';

/** The process instance a call is about. */
export interface InstanceRef {
  /** Temporal workflow id: `process:<processKey>:<recordId>`. */
  workflowId: string;
  processKey: string;
  /** The pinned published version the instance runs. */
  processVersion: number;
  recordId: string;
  entity: string;
}

/** The record as the process sees it, with its owner and the owner's manager. */
export interface RecordSnapshot extends RecordView {
  ownerId: string | null;
  stage: string | null;
  version: number;
}

export interface StagePort {
  /** Mirrors entering a stage (or end) node into the record and the stage history. */
  enterStage(input: {
    instance: InstanceRef;
    key: string;
    nodeId: string;
    label: string;
    probability?: number;
    outcome?: 'won' | 'lost' | 'closed';
    at: number;
    /** The user whose action caused it; null for automation. */
    by: string | null;
  }): Promise<void>;
}

export interface RecordPort {
  /** The record, its referenced records (by reference field key) and the owner's manager. */
  load(instance: InstanceRef): Promise<RecordSnapshot>;
  /**
   * Sets fields on the record, or on the record a reference field points to (`target`); validated
   * against the entity's record schema like any write, audited with the process as the actor.
   */
  update(input: {
    instance: InstanceRef;
    key: string;
    target?: string;
    set: Record<string, unknown>;
  }): Promise<void>;
}

export interface TaskPort {
  create(input: {
    instance: InstanceRef;
    key: string;
    taskId: string;
    nodeId: string;
    title: string;
    assignee: Assignee;
    description?: string;
    dueAt?: number;
    /** A `userTask` node: the process waits until it is completed. */
    blocking: boolean;
  }): Promise<void>;
  cancel(input: { instance: InstanceRef; key: string; taskId: string }): Promise<void>;
}

export interface ApprovalPort {
  /** Opens an approval request in the approvers' inbox. */
  request(input: {
    instance: InstanceRef;
    key: string;
    approvalId: string;
    nodeId: string;
    nodeLabel: string;
    levelIndex: number;
    levelId: string;
    levelLabel: string;
    approver: Assignee;
    deadline?: number;
    /** Why approval is needed, in business terms ("Discount is greater than 10 %"). */
    reason?: string;
  }): Promise<void>;
  close(input: {
    instance: InstanceRef;
    key: string;
    approvalId: string;
    result: 'approved' | 'rejected' | 'cancelled';
    decidedBy?: string;
    comment?: string;
  }): Promise<void>;
}

export interface MailPort {
  /**
   * Renders the template for the record and sends it over SMTP through the outbox: a second call
   * with the same key never sends again (`duplicate`). `skipped` when there is no recipient address.
   */
  send(input: {
    instance: InstanceRef;
    key: string;
    nodeId: string;
    template: string;
    to: Recipient;
  }): Promise<{ status: 'sent' | 'duplicate' | 'skipped'; messageId?: string; reason?: string }>;
}

export interface NotificationPort {
  /** A reminder or an alert for a user (the owner, their manager, a role): in-app, and by mail when configured. */
  notify(input: {
    instance: InstanceRef;
    key: string;
    nodeId: string;
    to: Recipient;
    message: string;
  }): Promise<void>;
}

export interface AutomationLogPort {
  /** One step of the automation history of a record: what the process did, with its outcome. */
  record(entry: {
    instance: InstanceRef;
    key: string;
    step: string;
    nodeId?: string;
    status: 'completed' | 'failed' | 'skipped' | 'retried';
    detail?: unknown;
    error?: string;
    at: number;
  }): Promise<void>;
}

/** Everything the process activities need from the platform. */
export interface ProcessPorts {
  stages: StagePort;
  records: RecordPort;
  tasks: TaskPort;
  approvals: ApprovalPort;
  mail: MailPort;
  notifications: NotificationPort;
  automation: AutomationLogPort;
  /**
   * Runs `work` as one unit of the read model: the stage, record, task, approval and automation
   * history calls made inside it commit together, or none does. Optional: without it every call
   * commits on its own (still idempotent by key). Mail and notifications never run inside one,
   * since a message sent cannot be rolled back.
   */
  transaction?<T>(work: () => Promise<T>): Promise<T>;
}
