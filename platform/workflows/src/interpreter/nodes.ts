import { runAction } from './actions';
import { enterApproval } from './approval';
import type { ProcessEdge, ProcessNode } from './definition-types';
import { BrokenGraphError } from './errors';
import { conditionHolds } from './expressions';
import { continuationEdge, incomingEdges, outgoingEdges } from './graph';
import type { Run } from './run';
import { nextTokenId } from './run';
import { enterHoldingNode } from './stage';
import type { Token } from './state';
import type { Continuation } from './traverse';
import { enterUserTask } from './user-task';
import { enterWait } from './wait';

/** The branch a decision takes: the first conditional edge that holds, else the default edge. */
export function chooseDecisionEdge(run: Run, nodeId: string): ProcessEdge {
  const edges = outgoingEdges(run.definition, nodeId);
  const { record, currentStage } = run.state;
  const chosen = edges.find(
    (edge) =>
      edge.isDefault !== true &&
      edge.condition !== undefined &&
      conditionHolds(edge.condition, record, currentStage),
  );
  const fallback = edges.find((edge) => edge.isDefault === true);
  const edge = chosen ?? fallback;
  if (edge === undefined)
    throw new BrokenGraphError(nodeId, 'no branch holds and there is no default branch.');
  return edge;
}

/** A parallel split sends one token down every outgoing edge (the arriving token takes the first). */
function splitTokens(run: Run, token: Token, nodeId: string): Continuation[] {
  return outgoingEdges(run.definition, nodeId).map((edge, index) => {
    if (index === 0) return { token, edge };
    const branch: Token = { ...token, id: nextTokenId(run) };
    run.state.tokens.push(branch);
    return { token: branch, edge };
  });
}

/** A join consumes arriving tokens until every incoming edge has delivered one, then continues. */
function joinTokens(run: Run, token: Token, nodeId: string, viaEdgeId: string): Continuation[] {
  const arrived = run.state.joins[nodeId] ?? [];
  if (!arrived.includes(viaEdgeId)) arrived.push(viaEdgeId);
  const complete = incomingEdges(run.definition, nodeId).every((edge) => arrived.includes(edge.id));
  if (!complete) {
    run.state.joins[nodeId] = arrived;
    run.state.tokens = run.state.tokens.filter((candidate) => candidate.id !== token.id);
    return [];
  }
  delete run.state.joins[nodeId];
  return [{ token, edge: continuationEdge(run.definition, nodeId) }];
}

/**
 * What happens when a token reaches a node: the node's own semantics, returning the edges along
 * which execution continues at once (none when the token rests there).
 */
export function enterNode(run: Run, token: Token, node: ProcessNode, viaEdgeId: string): Continuation[] {
  switch (node.type) {
    case 'start':
      return [{ token, edge: continuationEdge(run.definition, node.id) }];
    case 'stage':
    case 'end':
      enterHoldingNode(run, token, node);
      return [];
    case 'decision':
      return [{ token, edge: chooseDecisionEdge(run, node.id) }];
    case 'parallelSplit':
      return splitTokens(run, token, node.id);
    case 'parallelJoin':
      return joinTokens(run, token, node.id, viaEdgeId);
    case 'approval':
      return enterApproval(run, token, node);
    case 'userTask':
      enterUserTask(run, token, node);
      return [];
    case 'wait':
      return enterWait(run, token, node);
    case 'sendMail':
    case 'updateRecord':
    case 'createTask':
      runAction(run, node.id, node);
      return [{ token, edge: continuationEdge(run.definition, node.id) }];
    default:
      throw new Error(`Unknown node type: ${(node as { type: string }).type}`);
  }
}
