// Carries out the interpreter's commands. Timers live in the interpreter state (the main loop
// sleeps until the earliest one), so only side effects reach activities, each with the command's
// idempotency key. A command whose activity still fails after its retries parks the instance until
// an admin retries or skips it: the process never silently goes on without a step.
import { ActivityFailure, condition, patched, proxyActivities } from '@temporalio/workflow';
import type { ProcessDefinition } from '@crm/definitions';
import type { Activities } from '../activities';
import type { FailedStep } from '../contract';
import type { InterpreterCommand } from '../interpreter';
import type { InstanceRef } from '../process-ports';

/**
 * Guards running a step's side effects as one batch activity (histories recorded before it ran one
 * activity per command, and replay must see the same commands).
 */
export const BATCH_COMMANDS_PATCH = 'batch-step-commands';

const { runCommand, runCommands, recordStep } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '500 ms',
    backoffCoefficient: 2,
    maximumInterval: '10 seconds',
    maximumAttempts: 4,
  },
});

type SideEffect = Exclude<InterpreterCommand, { type: 'scheduleTimer' | 'cancelTimer' }>;

const isTimerCommand = (command: InterpreterCommand): boolean =>
  command.type === 'scheduleTimer' || command.type === 'cancelTimer';

/** Who caused the commands of one step (for stage history and approval decisions). */
export interface StepCause {
  by: string | null;
  comment?: string;
}

export interface CommandRunner {
  run(commands: readonly InterpreterCommand[], cause: StepCause): Promise<{ failed: string[] }>;
}

function errorText(error: unknown): string {
  if (error instanceof ActivityFailure && error.cause !== undefined) return error.cause.message;
  return error instanceof Error ? error.message : String(error);
}

export function createCommandRunner(deps: {
  instance: InstanceRef;
  definition: ProcessDefinition;
  failedSteps: FailedStep[];
  stepDecisions: Map<string, 'retry' | 'skip'>;
}): CommandRunner {
  const { instance, definition, failedSteps, stepDecisions } = deps;
  const nodeLabel = (nodeId: string) => definition.nodes.find((node) => node.id === nodeId)?.label ?? nodeId;

  async function runOne(command: SideEffect, cause: StepCause) {
    for (let round = 1; ; round += 1) {
      try {
        await runCommand({
          instance,
          command,
          by: cause.by,
          ...(cause.comment === undefined ? {} : { comment: cause.comment }),
          ...('nodeId' in command ? { nodeLabel: nodeLabel(command.nodeId) } : {}),
          at: Date.now(),
        });
        return true;
      } catch (error) {
        const failure: FailedStep = {
          key: command.key,
          type: command.type,
          ...('nodeId' in command ? { nodeId: command.nodeId } : {}),
          error: errorText(error),
          at: Date.now(),
        };
        failedSteps.push(failure);
        await recordStep({
          instance,
          key: `${command.key}:failed:${round}`,
          step: command.type,
          status: 'failed',
          error: failure.error,
          at: failure.at,
          ...(failure.nodeId === undefined ? {} : { nodeId: failure.nodeId }),
        });
        await condition(() => stepDecisions.has(command.key));
        const decision = stepDecisions.get(command.key);
        stepDecisions.delete(command.key);
        failedSteps.splice(failedSteps.indexOf(failure), 1);
        const status = decision === 'skip' ? 'skipped' : 'retried';
        await recordStep({
          instance,
          key: `${command.key}:${status}:${round}`,
          step: command.type,
          status,
          at: Date.now(),
        });
        if (decision === 'skip') return false;
      }
    }
  }

  /**
   * The whole step in one activity. False when the batch failed after its retries: the caller then
   * goes command by command, where the ones already done are no-ops (idempotency keys) and the
   * failing one is parked for an admin as before.
   */
  async function runBatch(commands: readonly SideEffect[], cause: StepCause): Promise<boolean> {
    try {
      await runCommands({
        instance,
        commands: commands.map((command) => ({
          command,
          ...('nodeId' in command ? { nodeLabel: nodeLabel(command.nodeId) } : {}),
        })),
        by: cause.by,
        ...(cause.comment === undefined ? {} : { comment: cause.comment }),
        at: Date.now(),
      });
      return true;
    } catch (error) {
      if (error instanceof ActivityFailure) return false;
      throw error;
    }
  }

  return {
    async run(commands, cause) {
      const failed: string[] = [];
      const effects = commands.filter((command): command is SideEffect => !isTimerCommand(command));
      if (effects.length === 0) return { failed };
      if (effects.length > 1 && patched(BATCH_COMMANDS_PATCH) && (await runBatch(effects, cause)))
        return { failed };
      for (const command of effects) if (!(await runOne(command, cause))) failed.push(command.key);
      return { failed };
    },
  };
}
