import { dueAfter } from './expressions';
import type { NodeOf } from './graph';
import { continuationEdge } from './graph';
import type { Run } from './run';
import { emit, nextKey } from './run';
import type { Token } from './state';
import type { Continuation } from './traverse';

/** A user task node creates a blocking task; the token waits for `taskCompleted`. */
export function enterUserTask(run: Run, token: Token, node: NodeOf<'userTask'>): void {
  const key = nextKey(run, node.id, 'task');
  emit(run, {
    type: 'createTask',
    key,
    nodeId: node.id,
    taskId: key,
    title: node.title,
    assignee: node.assignee,
    ...(node.description === undefined ? {} : { description: node.description }),
    ...(node.due === undefined
      ? {}
      : { dueAt: dueAfter(run.ctx, run.ctx.now, node.due, node.businessTime === true) }),
    blocking: true,
  });
  run.state.tasks.push({ taskId: key, tokenId: token.id, nodeId: node.id });
}

/**
 * A task was completed. Only the tasks of user task nodes move the process; a task created by an
 * action, or one already closed, is ignored. Returns the continuation of the waiting token.
 */
export function completeUserTask(run: Run, taskId: string): Continuation[] {
  const task = run.state.tasks.find((candidate) => candidate.taskId === taskId);
  if (task === undefined) return [];
  const token = run.state.tokens.find((candidate) => candidate.id === task.tokenId);
  run.state.tasks = run.state.tasks.filter((candidate) => candidate.taskId !== taskId);
  if (token === undefined) return [];
  return [{ token, edge: continuationEdge(run.definition, task.nodeId) }];
}
