import type { Assignee, Recipient } from './definition-types';
import type { Outcome } from './state';

/**
 * What the effectful shell must do after a step, discriminated by `type`. Every command with a side
 * effect outside the workflow carries a deterministic idempotency `key` (instance, node, counter), so
 * that retried activities never act twice.
 */
export type InterpreterCommand =
  | {
      type: 'enterStage';
      key: string;
      nodeId: string;
      label: string;
      /** Set on stages with a probability; end nodes report 100 (won) or 0 (lost). */
      probability?: number;
      outcome?: Outcome;
      at: number;
    }
  | { type: 'leaveStage'; key: string; nodeId: string; at: number }
  | { type: 'sendMail'; key: string; nodeId: string; template: string; to: Recipient }
  | {
      type: 'createTask';
      key: string;
      nodeId: string;
      taskId: string;
      title: string;
      assignee: Assignee;
      description?: string;
      dueAt?: number;
      /** True for a `userTask` node: the process waits for `taskCompleted`. */
      blocking: boolean;
    }
  | { type: 'updateRecord'; key: string; nodeId: string; target?: string; set: Record<string, unknown> }
  | { type: 'notify'; key: string; nodeId: string; to: Recipient; message: string }
  | { type: 'scheduleTimer'; timerId: string; fireAt: number }
  | { type: 'cancelTimer'; timerId: string }
  | {
      type: 'requestApproval';
      key: string;
      nodeId: string;
      approvalId: string;
      levelIndex: number;
      levelId: string;
      levelLabel: string;
      approver: Assignee;
      deadline?: number;
    }
  | {
      type: 'closeApproval';
      key: string;
      approvalId: string;
      nodeId: string;
      result: 'approved' | 'rejected' | 'cancelled';
    }
  | { type: 'cancelTask'; key: string; taskId: string; nodeId: string }
  | { type: 'completeProcess'; key: string; nodeId: string; outcome: Outcome };

export type InterpreterCommandType = InterpreterCommand['type'];
