import type { ProcessEdge } from './definition-types';
import { AutomaticLoopError } from './errors';
import { isHoldingNode, nodeById } from './graph';
import { enterNode } from './nodes';
import type { Run } from './run';
import { emit, log, nextKey } from './run';
import type { Token } from './state';
import { cancelTimersOfToken } from './timers';

/** A token about to travel along an edge. */
export interface Continuation {
  token: Token;
  edge: ProcessEdge;
}

/**
 * The token leaves the node it rests at: its timers are cancelled and, for a stage, the stage
 * history is closed.
 */
export function leaveNode(run: Run, token: Token): void {
  const node = nodeById(run.definition, token.nodeId);
  cancelTimersOfToken(run, token.id);
  if (isHoldingNode(node)) {
    emit(run, { type: 'leaveStage', key: nextKey(run, node.id, 'leave'), nodeId: node.id, at: run.ctx.now });
    if (run.state.currentStage === node.id) delete run.state.currentStage;
  }
  log(run, { kind: 'left', at: run.ctx.now, nodeId: node.id, tokenId: token.id });
}

/**
 * Moves tokens along edges and through every automatic node until each token rests (at a stage,
 * end, approval, user task, wait or join). `chain` holds the automatic nodes passed since the
 * token last rested: meeting one of them again means the graph loops without ever stopping.
 */
export function follow(run: Run, continuations: readonly Continuation[]): void {
  const queue = continuations.map((continuation) => ({ ...continuation, chain: [] as string[] }));
  for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
    const { token, edge, chain } = item;
    const node = nodeById(run.definition, edge.target);
    if (chain.includes(node.id)) throw new AutomaticLoopError([...chain, node.id]);
    token.nodeId = node.id;
    token.enteredAt = run.ctx.now;
    token.lastActivityAt = run.ctx.now;
    log(run, { kind: 'entered', at: run.ctx.now, nodeId: node.id, viaEdgeId: edge.id, tokenId: token.id });
    for (const next of enterNode(run, token, node, edge.id)) {
      queue.push({ ...next, chain: [...chain, node.id] });
    }
  }
}

/** Tokens resting at their nodes leave them and follow the given edges. */
export function resume(run: Run, continuations: readonly Continuation[]): void {
  for (const { token } of continuations) leaveNode(run, token);
  follow(run, continuations);
}
