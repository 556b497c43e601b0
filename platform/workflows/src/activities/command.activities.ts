import type { InterpreterCommand } from '../interpreter';
import type { InstanceRef, ProcessPorts } from '../process-ports';

export type SideEffectCommand = Exclude<InterpreterCommand, { type: 'scheduleTimer' | 'cancelTimer' }>;

/**
 * Executes one interpreter command through the ports, passing its idempotency key so that a
 * retried or replayed activity never acts twice. Returns what the automation history shows.
 */
export async function executeCommand(
  ports: ProcessPorts,
  input: {
    instance: InstanceRef;
    command: SideEffectCommand;
    by: string | null;
    comment?: string;
    nodeLabel?: string;
    at: number;
  },
): Promise<unknown> {
  const { instance, command } = input;
  switch (command.type) {
    case 'enterStage':
      return ports.stages.enterStage({
        instance,
        key: command.key,
        nodeId: command.nodeId,
        label: command.label,
        ...(command.probability === undefined ? {} : { probability: command.probability }),
        ...(command.outcome === undefined ? {} : { outcome: command.outcome }),
        at: command.at,
        by: input.by,
      });
    case 'sendMail':
      return ports.mail.send({
        instance,
        key: command.key,
        nodeId: command.nodeId,
        template: command.template,
        to: command.to,
      });
    case 'createTask':
      return ports.tasks.create({
        instance,
        key: command.key,
        taskId: command.taskId,
        nodeId: command.nodeId,
        title: command.title,
        assignee: command.assignee,
        blocking: command.blocking,
        ...(command.description === undefined ? {} : { description: command.description }),
        ...(command.dueAt === undefined ? {} : { dueAt: command.dueAt }),
      });
    case 'cancelTask':
      return ports.tasks.cancel({ instance, key: command.key, taskId: command.taskId });
    case 'updateRecord':
      return ports.records.update({
        instance,
        key: command.key,
        set: command.set,
        ...(command.target === undefined ? {} : { target: command.target }),
      });
    case 'notify':
      return ports.notifications.notify({
        instance,
        key: command.key,
        nodeId: command.nodeId,
        to: command.to,
        message: command.message,
      });
    case 'requestApproval':
      return ports.approvals.request({
        instance,
        key: command.key,
        approvalId: command.approvalId,
        nodeId: command.nodeId,
        nodeLabel: input.nodeLabel ?? command.nodeId,
        levelIndex: command.levelIndex,
        levelId: command.levelId,
        levelLabel: command.levelLabel,
        approver: command.approver,
        ...(command.deadline === undefined ? {} : { deadline: command.deadline }),
      });
    case 'closeApproval':
      return ports.approvals.close({
        instance,
        key: command.key,
        approvalId: command.approvalId,
        result: command.result,
        ...(input.by === null || command.result === 'cancelled' ? {} : { decidedBy: input.by }),
        ...(input.comment === undefined || command.result === 'cancelled' ? {} : { comment: input.comment }),
      });
    case 'leaveStage':
      // The stage mirror closes the open history row when the next stage is entered; leaving is
      // recorded in the automation history only.
      return { left: command.nodeId };
    case 'completeProcess':
      return { outcome: command.outcome };
    default:
      throw new Error(`Unknown command type: ${(command as { type: string }).type}`);
  }
}
