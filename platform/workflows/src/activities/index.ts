import os from 'node:os';
import { ApplicationFailure } from '@temporalio/common';
import type { InterpreterCommand } from '../interpreter';
import type { InstanceRef, ProcessPorts, RecordSnapshot } from '../process-ports';
import { executeCommand, type SideEffectCommand } from './command.activities';

/**
 * What activities need from the outside world. Built by the composition root (start.ts, tests)
 * and passed to `createActivities`.
 */
export interface ActivityDeps {
  /** Name of this worker in health-check results; `hostname:pid` by default. */
  workerName?: string;
  /** The platform's read model (the api implements them); required by the process workflow. */
  ports?: ProcessPorts;
}

export interface RunCommandInput {
  instance: InstanceRef;
  command: Exclude<InterpreterCommand, { type: 'scheduleTimer' | 'cancelTimer' }>;
  /** The user whose action caused the step; null for automation. */
  by: string | null;
  comment?: string;
  nodeLabel?: string;
  at: number;
}

export type RecordStepInput = Parameters<ProcessPorts['automation']['record']>[0];

/** The side effects of one interpreter step, carried out in order by one activity. */
export interface RunCommandsInput {
  instance: InstanceRef;
  commands: { command: RunCommandInput['command']; nodeLabel?: string }[];
  by: string | null;
  comment?: string;
  at: number;
}

/**
 * Commands whose ports only write the platform's read model (PostgreSQL), so that consecutive ones
 * can commit as one transaction. Mail and notifications reach the outside world and run on their own.
 */
const READ_MODEL_COMMANDS: ReadonlySet<SideEffectCommand['type']> = new Set([
  'enterStage',
  'leaveStage',
  'createTask',
  'cancelTask',
  'updateRecord',
  'requestApproval',
  'closeApproval',
  'completeProcess',
]);

/** Consecutive commands grouped into runs that may share a transaction (`local`) and the rest. */
function groupCommands<T extends { command: { type: string } }>(
  items: readonly T[],
): { local: boolean; items: T[] }[] {
  const groups: { local: boolean; items: T[] }[] = [];
  for (const item of items) {
    const local = READ_MODEL_COMMANDS.has(item.command.type as SideEffectCommand['type']);
    const last = groups[groups.length - 1];
    if (last !== undefined && local && last.local) last.items.push(item);
    else groups.push({ local, items: [item] });
  }
  return groups;
}

/** Failures that another attempt with the same input cannot cure (by the ports' error names). */
const DETERMINISTIC_ERRORS = new Set(['TemplateRenderError', 'ProcessRecordNotFoundError']);

/**
 * A refusal that does not depend on timing (a template whose merge field has no value, an update
 * the entity schema rejects) fails the activity at once instead of after every retry: the step is
 * parked for an admin, who fixes the data and retries it.
 */
function asActivityFailure(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const status = (error as { status?: unknown }).status;
  const refused = typeof status === 'number' && status >= 400 && status < 500;
  if (!refused && !DETERMINISTIC_ERRORS.has(error.name)) return error;
  return ApplicationFailure.nonRetryable(error.message, error.name);
}

/** Builds the activities from their dependencies (no module-level state). */
export function createActivities(deps: ActivityDeps = {}) {
  const workerName = deps.workerName ?? `${os.hostname()}:${process.pid}`;
  const ports = (): ProcessPorts => {
    if (deps.ports === undefined)
      throw ApplicationFailure.nonRetryable('This worker has no process ports configured.', 'NoPorts');
    return deps.ports;
  };
  /** Runs read-model work in one transaction of the ports when they offer one. */
  function inUnit(local: boolean, work: () => Promise<void>): Promise<void> {
    const platform = ports();
    return local && platform.transaction !== undefined ? platform.transaction(work) : work();
  }
  async function runOne(input: RunCommandInput): Promise<void> {
    let detail: unknown;
    try {
      detail = await executeCommand(ports(), input as RunCommandInput & { command: SideEffectCommand });
    } catch (error) {
      throw asActivityFailure(error);
    }
    await ports().automation.record({
      instance: input.instance,
      key: `${input.command.key}:completed`,
      step: input.command.type,
      ...('nodeId' in input.command ? { nodeId: input.command.nodeId } : {}),
      status: 'completed',
      ...(detail === undefined ? {} : { detail }),
      at: input.at,
    });
  }

  return {
    async describeWorker(): Promise<string> {
      return workerName;
    },
    /** The record as the process sees it (start of an instance without a snapshot). */
    async loadRecord(instance: InstanceRef): Promise<RecordSnapshot> {
      return ports().records.load(instance);
    },
    /** Carries out one side effect through the ports and notes it in the automation history. */
    async runCommand(input: RunCommandInput): Promise<void> {
      await inUnit(READ_MODEL_COMMANDS.has(input.command.type), () => runOne(input));
    },
    /**
     * Carries out every side effect of one step in order, in one activity: one task round trip per
     * step instead of one per command. Consecutive read-model commands (a stage entered, a task
     * created, their automation history) commit as one transaction; mail and notifications run
     * between them on their own. Each command is idempotent by its key, so a retried batch does
     * again only what had not been done.
     */
    async runCommands(input: RunCommandsInput): Promise<void> {
      for (const group of groupCommands(input.commands))
        await inUnit(group.local, async () => {
          for (const { command, nodeLabel } of group.items)
            await runOne({
              instance: input.instance,
              command,
              by: input.by,
              ...(input.comment === undefined ? {} : { comment: input.comment }),
              ...(nodeLabel === undefined ? {} : { nodeLabel }),
              at: input.at,
            });
        });
    },
    async recordStep(entry: RecordStepInput): Promise<void> {
      await ports().automation.record(entry);
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
