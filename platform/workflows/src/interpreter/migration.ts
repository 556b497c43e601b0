// Moving a running instance to another published version of its process ("migrating" it). Pure: the
// workflow's Update validator and handler, the API's dry run and the designer all decide with it.
//
// An instance can move when everything it is doing exists in the target version as it is now: every
// node holding a token (same id, same kind), every pending approval level (same id at the same
// place), every parallel join's arrived branches, and every open task's node. What it keeps:
// its position, record, log, approvals, tasks, waits and timers (each timer with its due time: a
// changed duration applies from the next time the node is entered). What it drops, and says so: the
// timers of a stage or end whose definition no longer has them, and the checklist ticks of items
// the target no longer lists. Nothing is re-run: entering actions of the current nodes ran already.
import type { ProcessDefinition, ProcessNode } from './definition-types';
import type { InterpreterState } from './state';

export interface MigrationReason {
  /** The node it is about, if any. */
  nodeId?: string;
  rule: 'completed' | 'nodeMissing' | 'nodeKindChanged' | 'approvalLevelMissing' | 'joinBranchMissing';
  message: string;
}

export type MigrationPlan =
  | {
      ok: true;
      /** The instance's state to carry into the target version. */
      state: InterpreterState;
      /** Timers the target no longer defines (their node's `timers`), by node and timer id. */
      droppedTimers: { nodeId: string; timerKey: string }[];
      /** Checklist ticks of items the target's stage no longer lists. */
      droppedTicks: { nodeId: string; itemId: string }[];
    }
  | { ok: false; reasons: MigrationReason[] };

const KIND_WORDS: Record<ProcessNode['type'], string> = {
  start: 'start',
  stage: 'stage',
  decision: 'decision',
  parallelSplit: 'parallel split',
  parallelJoin: 'parallel join',
  approval: 'approval',
  userTask: 'user task',
  wait: 'wait',
  sendMail: 'mail step',
  updateRecord: 'record update',
  createTask: 'task step',
  end: 'end',
};

/** Plans the move of an instance (its `state` under `from`) to the definition `to`. */
export function planMigration(
  from: ProcessDefinition,
  to: ProcessDefinition,
  state: InterpreterState,
): MigrationPlan {
  const reasons: MigrationReason[] = [];
  if (state.status !== 'running')
    return {
      ok: false,
      reasons: [{ rule: 'completed', message: 'The process has already ended; only running ones move.' }],
    };
  const before = new Map(from.nodes.map((node) => [node.id, node]));
  const after = new Map(to.nodes.map((node) => [node.id, node]));
  const label = (nodeId: string) => `“${before.get(nodeId)?.label ?? after.get(nodeId)?.label ?? nodeId}”`;

  /** Notes why the instance cannot be at `nodeId` under the target, once per node. */
  const checked = new Set<string>();
  const check = (nodeId: string): void => {
    if (checked.has(nodeId)) return;
    checked.add(nodeId);
    const was = before.get(nodeId);
    const target = after.get(nodeId);
    if (target === undefined)
      reasons.push({
        nodeId,
        rule: 'nodeMissing',
        message: `${label(nodeId)} is not in the new version, and the record is there now.`,
      });
    else if (was !== undefined && was.type !== target.type)
      reasons.push({
        nodeId,
        rule: 'nodeKindChanged',
        message: `${label(nodeId)} is a ${KIND_WORDS[target.type]} in the new version, not a ${KIND_WORDS[was.type]}.`,
      });
  };
  for (const token of state.tokens) check(token.nodeId);
  if (state.currentStage !== undefined) check(state.currentStage);
  for (const task of state.tasks) check(task.nodeId);
  for (const wait of state.waits) check(wait.nodeId);

  for (const approval of state.approvals) {
    check(approval.nodeId);
    const target = after.get(approval.nodeId);
    if (target?.type !== 'approval') continue;
    if (target.levels[approval.levelIndex]?.id !== approval.levelId)
      reasons.push({
        nodeId: approval.nodeId,
        rule: 'approvalLevelMissing',
        message: `The level “${approval.levelId}” of ${label(approval.nodeId)} waits for a decision and is not at the same place in the new version.`,
      });
  }

  for (const [joinId, arrived] of Object.entries(state.joins)) {
    if (arrived.length === 0) continue;
    check(joinId);
    const incoming = new Set(to.edges.filter((e) => e.target === joinId).map((e) => e.id));
    const missing = arrived.filter((edgeId) => !incoming.has(edgeId));
    if (missing.length > 0)
      reasons.push({
        nodeId: joinId,
        rule: 'joinBranchMissing',
        message: `${label(joinId)} waits for branches that arrived by ${missing.join(', ')}, which the new version no longer has.`,
      });
  }
  if (reasons.length > 0) return { ok: false, reasons };

  const timerKeys = (nodeId: string): Set<string> => {
    const node = after.get(nodeId);
    const timers = node?.type === 'stage' || node?.type === 'end' ? (node.timers ?? []) : [];
    return new Set(timers.map((timer) => timer.id));
  };
  const droppedTimers: { nodeId: string; timerKey: string }[] = [];
  const timers = state.timers.filter((timer) => {
    if (timer.kind !== 'stageTimer' || timer.timerKey === undefined) return true;
    if (timerKeys(timer.nodeId).has(timer.timerKey)) return true;
    droppedTimers.push({ nodeId: timer.nodeId, timerKey: timer.timerKey });
    return false;
  });

  const droppedTicks: { nodeId: string; itemId: string }[] = [];
  const checklist =
    state.checklist === undefined
      ? undefined
      : Object.fromEntries(
          Object.entries(state.checklist).flatMap(([nodeId, items]) => {
            const node = after.get(nodeId);
            const listed = new Set(
              node?.type === 'stage' ? (node.checklist ?? []).map((item) => item.id) : [],
            );
            for (const itemId of items) if (!listed.has(itemId)) droppedTicks.push({ nodeId, itemId });
            const kept = items.filter((itemId) => listed.has(itemId));
            return kept.length > 0 ? [[nodeId, kept]] : [];
          }),
        );

  return {
    ok: true,
    state: { ...state, timers, ...(checklist === undefined ? {} : { checklist }) },
    droppedTimers,
    droppedTicks,
  };
}
