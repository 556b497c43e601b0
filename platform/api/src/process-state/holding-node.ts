import type { EndNode, ProcessDefinition, StageNode } from '@crm/definitions';
import { NotAStageNodeError, StageStatusMismatchError, UnknownNodeError } from './process-state.errors';

/** The status of a record while it rests in a node. */
export type ProcessStatus = 'open' | 'won' | 'lost' | 'closed';

export const PROCESS_STATUSES: readonly ProcessStatus[] = ['open', 'won', 'lost', 'closed'];

/** A node that holds the record: the only kinds a stage change can enter. */
export type HoldingNode = StageNode | EndNode;

/** The stage or end node `nodeId` of the process version, or the typed reason it cannot be entered. */
export function holdingNode(definition: ProcessDefinition, version: number, nodeId: string): HoldingNode {
  const node = definition.nodes.find((candidate) => candidate.id === nodeId);
  if (node === undefined) throw new UnknownNodeError(definition.key, version, nodeId);
  switch (node.type) {
    case 'stage':
    case 'end':
      return node;
    case 'start':
    case 'decision':
    case 'parallelSplit':
    case 'parallelJoin':
    case 'approval':
    case 'userTask':
    case 'wait':
    case 'sendMail':
    case 'updateRecord':
    case 'createTask':
      throw new NotAStageNodeError(node.id, node.type);
    default:
      throw new Error(`Unknown node type ${String((node satisfies never as { type: unknown }).type)}`);
  }
}

/**
 * The statuses a record may have in the node. A stage keeps it open; an end carries its outcome.
 * Either may be "closed" when the process stops there without an outcome (e.g. it was cancelled).
 */
export function allowedStatuses(node: HoldingNode): readonly ProcessStatus[] {
  switch (node.type) {
    case 'stage':
      return ['open', 'closed'];
    case 'end':
      return node.outcome === 'closed' ? ['closed'] : [node.outcome, 'closed'];
    default:
      throw new Error(
        `Unknown holding node type ${String((node satisfies never as { type: unknown }).type)}`,
      );
  }
}

/** The requested status, or the node's own (open for a stage, the outcome for an end). */
export function statusFor(node: HoldingNode, requested: ProcessStatus | undefined): ProcessStatus {
  const allowed = allowedStatuses(node);
  const status = requested ?? allowed[0];
  if (status === undefined || !allowed.includes(status))
    throw new StageStatusMismatchError(node.id, String(requested), allowed);
  return status;
}
