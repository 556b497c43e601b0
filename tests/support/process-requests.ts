// What the interpreter asks of the process ports for the B2B pipeline's deals, for tests that put
// tasks, approvals and reminders in place without running a workflow: the instance of a record, the
// discount approval at one of its two levels, and a task of the qualification stage.
import type { Assignee } from '@crm/definitions';
import type { InstanceRef, ProcessPorts } from '@crm/workflows/contract';

/** The instance of the deal pipeline (or another process of the record) running for a record. */
export function instanceOf(
  recordId: string,
  options: { processKey?: string; version?: number; entity?: string } = {},
): InstanceRef {
  const processKey = options.processKey ?? 'deal_pipeline';
  return {
    workflowId: `process:${processKey}:${recordId}`,
    processKey,
    processVersion: options.version ?? 1,
    recordId,
    entity: options.entity ?? 'deal',
  };
}

export type ApprovalRequest = Parameters<ProcessPorts['approvals']['request']>[0];
export type TaskRequest = Parameters<ProcessPorts['tasks']['create']>[0];

const LEVELS = [
  { levelId: 'manager', levelLabel: 'Sales manager', approver: { type: 'ownerManager' } },
  { levelId: 'director', levelLabel: 'Sales director', approver: { type: 'role', role: 'director' } },
] as const;

/** The discount approval's request; the level's own approver unless another is given. */
export function discountApproval(
  instance: InstanceRef,
  approvalId: string,
  options: { level?: 0 | 1; approver?: Assignee; deadline?: number } = {},
): ApprovalRequest {
  const levelIndex = options.level ?? 0;
  const level = LEVELS[levelIndex];
  return {
    instance,
    key: approvalId,
    approvalId,
    nodeId: 'discount_approval',
    nodeLabel: 'Discount approval',
    levelIndex,
    levelId: level.levelId,
    levelLabel: level.levelLabel,
    approver: options.approver ?? level.approver,
    ...(options.deadline === undefined ? {} : { deadline: options.deadline }),
  };
}

/** A task of the qualification stage, keyed `key` (its task id too). */
export function qualificationTask(
  instance: InstanceRef,
  key: string,
  assignee: Assignee,
  options: { title?: string; blocking?: boolean; dueAt?: number } = {},
): TaskRequest {
  return {
    instance,
    key,
    taskId: key,
    nodeId: 'qualification',
    title: options.title ?? `Task ${key}`,
    assignee,
    blocking: options.blocking ?? false,
    ...(options.dueAt === undefined ? {} : { dueAt: options.dueAt }),
  };
}
