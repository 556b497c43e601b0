import type { ProcessNode } from '../generated/process.generated';
import type { DiffContext } from './diff.types';

/**
 * Names a stage (a process node id) of an entity's processes for people; forms and mail gates
 * refer to stages by id only.
 */
export function stageLabel(nodeId: string, entityKey: string, ctx: DiffContext): string {
  for (const process of ctx.processes ?? []) {
    if (process.entity !== entityKey) continue;
    const node = process.nodes.find((n) => n.id === nodeId);
    if (node !== undefined) return node.label;
  }
  return nodeId;
}

/** The noun a node is called by in messages, e.g. `Stage “Proposal”`. */
export function nodeNoun(node: ProcessNode): string {
  switch (node.type) {
    case 'start':
      return 'Start';
    case 'stage':
      return 'Stage';
    case 'decision':
      return 'Decision';
    case 'parallelSplit':
      return 'Parallel split';
    case 'parallelJoin':
      return 'Parallel join';
    case 'approval':
      return 'Approval';
    case 'userTask':
      return 'User task';
    case 'wait':
      return 'Wait';
    case 'sendMail':
      return 'Mail step';
    case 'updateRecord':
      return 'Update step';
    case 'createTask':
      return 'Task step';
    case 'end':
      return 'End';
    default:
      throw new Error(`Unknown node type: ${JSON.stringify(node satisfies never)}`);
  }
}
