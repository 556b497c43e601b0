import type { ProcessDefinition } from './definition-types';
import type { ChecklistTick } from './events';
import { nodeById } from './graph';
import type { InterpreterState } from './state';

/** Why a tick is refused. */
export interface ChecklistRejection {
  rule: 'notRunning' | 'unknownChecklistItem';
  message: string;
}

export type ChecklistValidation = { ok: true; nodeId: string } | { ok: false; reasons: ChecklistRejection[] };

/**
 * Whether `tick` names an item of the checklist of a stage that holds the record now; answers the
 * stage it belongs to. Pure: the Temporal Update validator and the interpreter call it alike.
 */
export function validateChecklistTick(
  definition: ProcessDefinition,
  state: InterpreterState,
  tick: ChecklistTick,
): ChecklistValidation {
  if (state.status !== 'running')
    return {
      ok: false,
      reasons: [{ rule: 'notRunning', message: 'The process is not running, so its checklist is closed.' }],
    };
  for (const token of state.tokens) {
    if (tick.nodeId !== undefined && token.nodeId !== tick.nodeId) continue;
    const stage = nodeById(definition, token.nodeId);
    if (stage.type !== 'stage') continue;
    if ((stage.checklist ?? []).some((item) => item.id === tick.itemId))
      return { ok: true, nodeId: stage.id };
  }
  return {
    ok: false,
    reasons: [
      {
        rule: 'unknownChecklistItem',
        message: `"${tick.itemId}" is not an item of the checklist of the stage the record is in.`,
      },
    ],
  };
}

/** The ticked items of a stage after `tick` (input state untouched). */
export function applyChecklistTick(state: InterpreterState, nodeId: string, tick: ChecklistTick): string[] {
  const current = state.checklist?.[nodeId] ?? [];
  const without = current.filter((item) => item !== tick.itemId);
  return tick.checked ? [...without, tick.itemId] : without;
}
