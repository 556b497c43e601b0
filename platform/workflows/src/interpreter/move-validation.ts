import type { EntityDefinition, ProcessDefinition, ProcessEdge, ProcessNode } from './definition-types';
import type { MoveRequest } from './events';
import { conditionHolds } from './expressions';
import { fieldPathLabel } from './field-labels';
import { nodeById, outgoingEdges } from './graph';
import type { RecordView } from './record-view';
import { isFilled, readFieldPath } from './record-view';
import type { InterpreterState, Token } from './state';

/** Why a move is refused; `field` names the field path to fill in, when there is one. */
export interface MoveRejection {
  field?: string;
  rule: 'notRunning' | 'transitionNotAllowed' | 'requiredField' | 'checklistItem' | 'guard';
  message: string;
}

/** The edge a valid move takes, and the token that takes it. */
export type MoveValidation =
  { ok: true; edgeId: string; tokenId: string } | { ok: false; reasons: MoveRejection[] };

/** What move validation needs besides the instance: entities, for the labels of missing fields. */
export interface MoveValidationContext {
  entities?: readonly EntityDefinition[];
}

/**
 * Where the record would come to rest after `edge` on the expected path, as the record is now:
 * decisions are evaluated, approvals assumed granted, tasks and waits assumed done. Used to accept
 * a move named by its destination ("closed_won" behind a discount check and its approval) and to
 * check the required fields of the end node it leads to.
 */
function predictLanding(
  definition: ProcessDefinition,
  edge: ProcessEdge,
  record: RecordView,
  stage: string,
): ProcessNode {
  let node = nodeById(definition, edge.target);
  const seen = new Set<string>();
  while (!seen.has(node.id)) {
    seen.add(node.id);
    const edges = outgoingEdges(definition, node.id);
    let next: ProcessEdge | undefined;
    switch (node.type) {
      case 'decision':
        next =
          edges.find(
            (candidate) =>
              candidate.isDefault !== true &&
              candidate.condition !== undefined &&
              conditionHolds(candidate.condition, record, stage),
          ) ?? edges.find((candidate) => candidate.isDefault === true);
        break;
      case 'approval':
        next = edges.find((candidate) => candidate.sourceHandle === 'approved');
        break;
      case 'sendMail':
      case 'updateRecord':
      case 'createTask':
      case 'userTask':
      case 'wait':
        next = edges.find((candidate) => candidate.sourceHandle !== 'timeout');
        break;
      default:
        return node;
    }
    if (next === undefined) return node;
    node = nodeById(definition, next.target);
  }
  return node;
}

/** Whether the move names this edge: by its id, its target, or the node it is expected to lead to. */
function edgeMatches(
  definition: ProcessDefinition,
  edge: ProcessEdge,
  target: string,
  record: RecordView,
  stage: string,
): boolean {
  return (
    edge.id === target ||
    edge.target === target ||
    predictLanding(definition, edge, record, stage).id === target
  );
}

function checkEdge(
  definition: ProcessDefinition,
  state: InterpreterState,
  stage: ProcessNode,
  edge: ProcessEdge,
  move: MoveRequest,
  record: RecordView,
  ctx: MoveValidationContext,
): MoveRejection[] {
  const landing = predictLanding(definition, edge, record, stage.id);
  const destination = landing.label;
  const reasons: MoveRejection[] = [];
  const required = new Set<string>([
    ...(stage.type === 'stage' ? (stage.requiredFields ?? []) : []),
    ...(edge.requiredFields ?? []),
    ...(landing.type === 'end' ? (landing.requiredFields ?? []) : []),
  ]);
  for (const field of required) {
    if (isFilled(readFieldPath(record, field))) continue;
    const label = fieldPathLabel(field, definition.entity, ctx.entities);
    reasons.push({ field, rule: 'requiredField', message: `Fill in "${label}" to move to ${destination}.` });
  }
  if (stage.type === 'stage' && move.checkedItems !== undefined) {
    // Ticks kept by the instance count as well as the ones the move reports.
    const ticked = new Set([...move.checkedItems, ...(state.checklist?.[stage.id] ?? [])]);
    for (const item of stage.checklist ?? []) {
      if (item.required !== true || ticked.has(item.id)) continue;
      reasons.push({ rule: 'checklistItem', message: `Tick "${item.label}" before leaving ${stage.label}.` });
    }
  }
  if (edge.condition !== undefined && !conditionHolds(edge.condition, record, stage.id)) {
    const name = edge.label ?? `the move to ${destination}`;
    reasons.push({ rule: 'guard', message: `"${name}" is not possible yet: its condition is not met.` });
  }
  return reasons;
}

/**
 * Decides whether a user may move the record now, and if not, every reason at once (missing
 * required fields of the stage being left, of the transition and of an end node it leads to, open
 * required checklist items when `move.checkedItems` is given, and an unmet guard condition).
 * Pure: the Temporal Update validator and the API's pre-check call the same function.
 */
export function validateMove(
  definition: ProcessDefinition,
  state: InterpreterState,
  move: MoveRequest,
  record: RecordView,
  ctx: MoveValidationContext = {},
): MoveValidation {
  if (state.status !== 'running') {
    return {
      ok: false,
      reasons: [{ rule: 'notRunning', message: 'The process is not running, so the record cannot move.' }],
    };
  }
  const candidates: { token: Token; stage: ProcessNode; edge: ProcessEdge }[] = [];
  for (const token of state.tokens) {
    const stage = nodeById(definition, token.nodeId);
    if (stage.type !== 'stage') continue;
    for (const edge of outgoingEdges(definition, stage.id)) {
      if (edgeMatches(definition, edge, move.target, record, stage.id))
        candidates.push({ token, stage, edge });
    }
  }
  const first = candidates[0];
  if (first === undefined) {
    const here = state.currentStage === undefined ? 'here' : nodeById(definition, state.currentStage).label;
    return {
      ok: false,
      reasons: [
        { rule: 'transitionNotAllowed', message: `The record cannot move from ${here} to "${move.target}".` },
      ],
    };
  }
  const checked = candidates.map((candidate) => ({
    ...candidate,
    reasons: checkEdge(definition, state, candidate.stage, candidate.edge, move, record, ctx),
  }));
  const valid = checked.find((candidate) => candidate.reasons.length === 0);
  if (valid !== undefined) return { ok: true, edgeId: valid.edge.id, tokenId: valid.token.id };
  return { ok: false, reasons: checked[0]?.reasons ?? [] };
}
