import type { InterpreterCommand } from './commands';
import type { StepContext } from './context';
import type { ProcessDefinition } from './definition-types';
import type { InterpreterState, LogEntry } from './state';

/**
 * The working copy of one step: a private deep copy of the input state that the decision
 * functions update, and the commands they emit. The caller's state is never mutated.
 */
export interface Run {
  readonly definition: ProcessDefinition;
  readonly ctx: StepContext;
  readonly state: InterpreterState;
  readonly commands: InterpreterCommand[];
}

export function createRun(definition: ProcessDefinition, state: InterpreterState, ctx: StepContext): Run {
  // A JSON round trip is the copy that also proves the state stays plain JSON.
  const copy = JSON.parse(JSON.stringify(state)) as InterpreterState;
  return { definition, ctx, state: copy, commands: [] };
}

/** A new deterministic id/idempotency key: `instance:node:purpose:sequence`. */
export function nextKey(run: Run, nodeId: string, purpose: string): string {
  run.state.sequence += 1;
  return `${run.state.instanceId}:${nodeId}:${purpose}:${run.state.sequence}`;
}

export function emit(run: Run, command: InterpreterCommand): void {
  run.commands.push(command);
}

export function log(run: Run, entry: LogEntry): void {
  run.state.log.push(entry);
}

/** A new token id, unique within the instance. */
export function nextTokenId(run: Run): string {
  run.state.sequence += 1;
  return `token-${run.state.sequence}`;
}
