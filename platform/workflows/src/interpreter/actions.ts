import type { Action, TemplateChoice } from './definition-types';
import { conditionHolds, dueAfter } from './expressions';
import type { RecordView } from './record-view';
import { withFieldsSet } from './record-view';
import type { Run } from './run';
import { emit, nextKey } from './run';

/**
 * Picks the mail template key: a plain key, or the first `cases` entry whose `when` holds for the
 * record, else `otherwise`. Returns `undefined` when no case holds and there is no fallback.
 */
export function resolveTemplate(
  choice: TemplateChoice,
  record: RecordView,
  stage?: string,
): string | undefined {
  if (typeof choice === 'string') return choice;
  const chosen = choice.cases.find((entry) => conditionHolds(entry.when, record, stage));
  return chosen?.template ?? choice.otherwise;
}

/** Turns one action into commands (an `updateRecord` on the record itself also updates the view, so later decisions see it). */
export function runAction(run: Run, nodeId: string, action: Action): void {
  const { state } = run;
  switch (action.type) {
    case 'sendMail': {
      const template = resolveTemplate(action.template, state.record, state.currentStage);
      // A template chooser without a matching case sends nothing: that is the modelled behaviour.
      if (template === undefined) return;
      emit(run, { type: 'sendMail', key: nextKey(run, nodeId, 'mail'), nodeId, template, to: action.to });
      return;
    }
    case 'createTask': {
      const key = nextKey(run, nodeId, 'task');
      emit(run, {
        type: 'createTask',
        key,
        nodeId,
        taskId: key,
        title: action.title,
        assignee: action.assignee,
        ...(action.description === undefined ? {} : { description: action.description }),
        ...(action.due === undefined
          ? {}
          : { dueAt: dueAfter(run.ctx, run.ctx.now, action.due, action.businessTime === true) }),
        blocking: false,
      });
      return;
    }
    case 'updateRecord': {
      if (action.target === undefined) {
        state.record = withFieldsSet(state.record, action.set);
      } else {
        const related = state.record.related?.[action.target];
        if (related !== undefined) {
          state.record = {
            ...state.record,
            related: { ...state.record.related, [action.target]: { ...related, ...action.set } },
          };
        }
      }
      emit(run, {
        type: 'updateRecord',
        key: nextKey(run, nodeId, 'update'),
        nodeId,
        ...(action.target === undefined ? {} : { target: action.target }),
        set: action.set,
      });
      return;
    }
    case 'notify':
      emit(run, {
        type: 'notify',
        key: nextKey(run, nodeId, 'notify'),
        nodeId,
        to: action.to,
        message: action.message,
      });
      return;
    default:
      throw new Error(`Unknown action type: ${(action as { type: string }).type}`);
  }
}

export function runActions(run: Run, nodeId: string, actions: readonly Action[] | undefined): void {
  for (const action of actions ?? []) runAction(run, nodeId, action);
}
