// Builders shared by the interpreter's unit tests: small, readable process graphs and a player that
// applies events one after another.
import type { InterpreterCommand } from './commands';
import type { StepContext } from './context';
import type { ProcessDefinition, ProcessEdge, ProcessNode } from './definition-types';
import type { InterpreterEvent } from './events';
import type { RecordView } from './record-view';
import type { InterpreterState } from './state';
import { initialState } from './state';
import { step } from './step';

type NodeInput = ProcessNode extends infer N
  ? N extends ProcessNode
    ? Omit<N, 'position' | 'label'> & { label?: string }
    : never
  : never;

/** A node with a label (its id) and a position, which the interpreter ignores. */
export function node(input: NodeInput): ProcessNode {
  return { label: input.id, position: { x: 0, y: 0 }, ...input } as ProcessNode;
}

export function edge(
  id: string,
  source: string,
  target: string,
  extra: Partial<ProcessEdge> = {},
): ProcessEdge {
  return { id, source, target, ...extra };
}

export function processOf(
  nodes: ProcessNode[],
  edges: ProcessEdge[],
  extra: Partial<ProcessDefinition> = {},
): ProcessDefinition {
  return {
    key: 'test_process',
    label: 'Test process',
    entity: 'deal',
    triggers: [{ type: 'onCreate' }],
    nodes: nodes as ProcessDefinition['nodes'],
    edges,
    ...extra,
  };
}

export const T0 = Date.UTC(2026, 0, 5, 8, 0, 0);
export const HOUR = 3600 * 1000;
export const DAY = 24 * HOUR;

export function record(data: Record<string, unknown> = {}, related?: RecordView['related']): RecordView {
  return {
    data: { ownerId: 'owner-1', ...data },
    ...(related === undefined ? {} : { related }),
    ownerManagerId: 'manager-1',
  };
}

/** Applies events in order, each at its own time; keeps the latest state and every command. */
export class Player {
  state: InterpreterState = initialState('inst-1');
  readonly commands: InterpreterCommand[] = [];
  last: InterpreterCommand[] = [];

  constructor(
    readonly definition: ProcessDefinition,
    readonly ctx: Omit<StepContext, 'now'> = {},
  ) {}

  apply(event: InterpreterEvent, now = T0): InterpreterCommand[] {
    const result = step(this.definition, this.state, event, { ...this.ctx, now });
    this.state = result.state;
    this.last = result.commands;
    this.commands.push(...result.commands);
    return result.commands;
  }

  start(data: RecordView = record(), now = T0): InterpreterCommand[] {
    return this.apply({ type: 'start', record: data }, now);
  }

  /** Fires the pending timer of a node (the first, or the one for `timerKey`). */
  fire(nodeId: string, now: number, timerKey?: string): InterpreterCommand[] {
    const timer = this.state.timers.find(
      (candidate) =>
        candidate.nodeId === nodeId && (timerKey === undefined || candidate.timerKey === timerKey),
    );
    if (timer === undefined) throw new Error(`No timer pending at ${nodeId}`);
    return this.apply({ type: 'timerFired', timerId: timer.id }, now);
  }

  /** Node ids where tokens rest now, sorted. */
  get positions(): string[] {
    return this.state.tokens.map((token) => token.nodeId).sort();
  }
}

export function ofType<T extends InterpreterCommand['type']>(
  commands: readonly InterpreterCommand[],
  type: T,
): Extract<InterpreterCommand, { type: T }>[] {
  return commands.filter(
    (command): command is Extract<InterpreterCommand, { type: T }> => command.type === type,
  );
}
