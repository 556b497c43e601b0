// Builds the query answer from the interpreter state: pure, so it runs in the sandbox and never
// changes anything.
import type { EntityDefinition, ProcessDefinition } from '@crm/definitions';
import type { FailedStep, ProcessStateView } from '../contract';
import { validateMove, type InterpreterState } from '../interpreter';
import type { InstanceRef } from '../process-ports';

export function processStateView(
  instance: InstanceRef,
  definition: ProcessDefinition,
  state: InterpreterState,
  failedSteps: readonly FailedStep[],
  entities: readonly EntityDefinition[],
  /** Only the step log's latest entries (an Update's answer is stored in history with each action). */
  logTail?: number,
): ProcessStateView {
  const stage = definition.nodes.find((node) => node.id === state.currentStage);
  const holding = new Set(state.tokens.map((token) => token.nodeId));
  const transitions = definition.edges
    .filter((edge) => holding.has(edge.source) && state.status === 'running')
    .filter((edge) => definition.nodes.find((node) => node.id === edge.source)?.type === 'stage')
    .map((edge) => {
      const verdict = validateMove(definition, state, { target: edge.id }, state.record, { entities });
      return {
        edgeId: edge.id,
        target: edge.target,
        ...(edge.label === undefined ? {} : { label: edge.label }),
        allowed: verdict.ok,
        missing: verdict.ok ? [] : verdict.reasons.map((reason) => ({ ...reason })),
      };
    });
  return {
    workflowId: instance.workflowId,
    processKey: instance.processKey,
    processVersion: instance.processVersion,
    status: state.status,
    ...(state.outcome === undefined ? {} : { outcome: state.outcome }),
    ...(stage === undefined ? {} : { currentStage: { nodeId: stage.id, label: stage.label } }),
    transitions,
    approvals: state.approvals,
    tasks: state.tasks,
    timers: state.timers,
    failedSteps: [...failedSteps],
    log: logTail === undefined ? state.log : state.log.slice(-logTail),
    checklist: state.checklist ?? {},
  };
}
