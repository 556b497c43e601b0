// A list of actions (a stage's onEnter, a timer's actions): add, edit, reorder and remove them.
import type { Action } from '@crm/definitions';
import { MailFields, NotifyFields, TaskFields, UpdateFields } from './action-fields';
import { hasProblemAt, type PanelContext } from './panel-context';

type ActionType = Action['type'];

const ACTION_LABELS: Record<ActionType, string> = {
  sendMail: 'Send a mail',
  createTask: 'Create a task',
  updateRecord: 'Update a record',
  notify: 'Notify someone',
};

/** The smallest valid-looking action of a type; the analyst fills in the rest. */
export function newAction(type: ActionType, ctx: PanelContext): Action {
  switch (type) {
    case 'sendMail': {
      const template = ctx.templates.find((t) => !ctx.entity || t.entity === ctx.entity.key)?.key ?? '';
      return { type, template, to: { type: 'owner' } };
    }
    case 'createTask':
      return { type, title: 'Follow up', assignee: { type: 'owner' } };
    case 'updateRecord':
      return { type, set: {} };
    case 'notify':
      return { type, to: { type: 'owner' }, message: 'Please have a look at this record.' };
    default:
      throw new Error(`Unknown action: ${String(type satisfies never)}`);
  }
}

function ActionFields({
  action,
  ctx,
  name,
  onChange,
}: {
  action: Action;
  ctx: PanelContext;
  name: string;
  onChange(a: Action): void;
}) {
  switch (action.type) {
    case 'sendMail':
      return <MailFields value={action} ctx={ctx} name={name} onChange={onChange} />;
    case 'createTask':
      return <TaskFields value={action} ctx={ctx} name={name} onChange={onChange} />;
    case 'updateRecord':
      return <UpdateFields value={action} ctx={ctx} name={name} onChange={onChange} />;
    case 'notify':
      return <NotifyFields value={action} ctx={ctx} name={name} onChange={onChange} />;
    default:
      throw new Error(`Unknown action: ${String((action as { type: unknown }).type)}`);
  }
}

export function ActionsEditor({
  actions,
  ctx,
  name,
  path,
  addLabel = '+ Action…',
  onChange,
}: {
  actions: readonly Action[];
  ctx: PanelContext;
  /** Where the list sits in the node ("/onEnter", "/timers/0/actions"), to mark actions with problems. */
  path: string;
  /** Names the list for assistive technology and prefixes its inputs, e.g. "On entry". */
  name: string;
  addLabel?: string;
  onChange(actions: Action[]): void;
}) {
  const move = (i: number, delta: -1 | 1) => {
    const next = [...actions];
    const [item] = next.splice(i, 1);
    if (item) next.splice(i + delta, 0, item);
    onChange(next);
  };
  return (
    <div className="list-editor actions-editor">
      {actions.map((action, i) => {
        const title = `${name} action ${i + 1}`;
        return (
          <div
            key={i}
            className={`level-card action-card${hasProblemAt(ctx.problems, `${path}/${i}`) ? ' has-problems' : ''}`}
            role="group"
            aria-label={title}
          >
            <div className="level-head">
              <strong>{ACTION_LABELS[action.type]}</strong>
              <span className="row">
                <button
                  type="button"
                  className="icon-btn"
                  aria-label={`Move ${title} up`}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="icon-btn"
                  aria-label={`Move ${title} down`}
                  disabled={i === actions.length - 1}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="icon-btn"
                  aria-label={`Remove ${title}`}
                  onClick={() => onChange(actions.filter((_, j) => j !== i))}
                >
                  ×
                </button>
              </span>
            </div>
            <ActionFields
              action={action}
              ctx={ctx}
              name={title}
              onChange={(a) => onChange(actions.map((x, j) => (j === i ? a : x)))}
            />
          </div>
        );
      })}
      <select
        className="input input-sm"
        aria-label={`Add ${name.toLowerCase()} action`}
        value=""
        onChange={(e) => {
          const type = e.target.value as ActionType | '';
          if (type) onChange([...actions, newAction(type, ctx)]);
        }}
      >
        <option value="">{addLabel}</option>
        {(Object.keys(ACTION_LABELS) as ActionType[]).map((t) => (
          <option key={t} value={t}>
            {ACTION_LABELS[t]}
          </option>
        ))}
      </select>
    </div>
  );
}
