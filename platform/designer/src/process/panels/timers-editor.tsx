// A stage's (or end's) timers: reminders, idle alerts, follow-ups and SLAs that run actions after
// a time while the record stays in the node.
import type { ActivityMatch, Timer } from '@crm/definitions';
import { freshId } from '../node-kinds';
import { ActionsEditor, newAction } from './actions-editor';
import { Field, TextInput } from './inputs';
import { activityChoices, withOptional, type PanelContext } from './panel-context';
import { TimingEditor } from './timing-editor';

function ActivityMatchEditor({
  value,
  name,
  ctx,
  onChange,
}: {
  value: ActivityMatch | undefined;
  name: string;
  ctx: PanelContext;
  onChange(v: ActivityMatch | undefined): void;
}) {
  const choices = activityChoices(ctx.entities);
  const set = (key: keyof ActivityMatch, v: string) => {
    const next = withOptional(value ?? {}, key, v);
    onChange(Object.keys(next).length ? next : undefined);
  };
  return (
    <span className="row">
      <TextInput
        label={`${name} cancelling activity type`}
        placeholder="any type"
        suggestions={choices.types}
        value={value?.type ?? ''}
        onCommit={(v) => set('type', v)}
      />
      <TextInput
        label={`${name} cancelling activity result`}
        placeholder="any result"
        suggestions={choices.results}
        value={value?.result ?? ''}
        onCommit={(v) => set('result', v)}
      />
    </span>
  );
}

/** A problem with the timer's own settings (those of its actions mark the action). */
function timerProblem(ctx: PanelContext, index: number): boolean {
  const base = `/timers/${index}`;
  return ctx.problems.some(
    (p) => (p.path === base || p.path.startsWith(`${base}/`)) && !p.path.startsWith(`${base}/actions/`),
  );
}

function TimerEditor({
  timer,
  index,
  ctx,
  onChange,
  onRemove,
}: {
  timer: Timer;
  index: number;
  ctx: PanelContext;
  onChange(t: Timer): void;
  onRemove(): void;
}) {
  const name = `Timer ${index + 1}`;
  return (
    <div
      className={`level-card timer-card${timerProblem(ctx, index) ? ' has-problems' : ''}`}
      role="group"
      aria-label={name}
    >
      <div className="level-head">
        <strong>
          {name} <code className="muted small">{timer.id}</code>
        </strong>
        <button
          type="button"
          className="icon-btn"
          aria-label={`Remove ${name.toLowerCase()}`}
          onClick={onRemove}
        >
          ×
        </button>
      </div>
      <Field label="Name">
        <TextInput
          label={`${name} name`}
          value={timer.label ?? ''}
          onCommit={(v) => onChange(withOptional(timer, 'label', v))}
        />
      </Field>
      <Field label="Counted from">
        <select
          className="input input-sm"
          aria-label={`${name} counted from`}
          value={timer.basis}
          onChange={(e) => onChange({ ...timer, basis: e.target.value as Timer['basis'] })}
        >
          <option value="entered">Entering this step</option>
          <option value="lastActivity">The last activity (an idle timer)</option>
        </select>
      </Field>
      <TimingEditor
        value={timer}
        durations={[{ key: 'after', label: 'Fires after', name: `${name} fires after`, fallback: 'P1D' }]}
        onChange={onChange}
      />
      <Field label="Cancelled when this activity is logged" hint="Leave both empty to keep it running">
        <ActivityMatchEditor
          value={timer.unlessActivity}
          name={name}
          ctx={ctx}
          onChange={(v) => onChange(withOptional(timer, 'unlessActivity', v))}
        />
      </Field>
      <Field label="Then">
        <ActionsEditor
          name={name}
          path={`/timers/${index}/actions`}
          actions={timer.actions}
          ctx={ctx}
          onChange={(actions) => onChange({ ...timer, actions })}
        />
      </Field>
    </div>
  );
}

export function TimersEditor({
  timers,
  ctx,
  onChange,
}: {
  timers: readonly Timer[];
  ctx: PanelContext;
  onChange(timers: Timer[]): void;
}) {
  return (
    <div className="list-editor timers-editor">
      {timers.map((timer, i) => (
        <TimerEditor
          key={timer.id}
          timer={timer}
          index={i}
          ctx={ctx}
          onChange={(t) => onChange(timers.map((x, j) => (j === i ? t : x)))}
          onRemove={() => onChange(timers.filter((_, j) => j !== i))}
        />
      ))}
      <button
        type="button"
        className="btn btn-ghost btn-xs"
        onClick={() =>
          onChange([
            ...timers,
            {
              id: freshId('timer', new Set([...ctx.timerIds, ...timers.map((t) => t.id)])),
              label: 'Reminder',
              after: 'P2D',
              basis: 'lastActivity',
              actions: [newAction('notify', ctx)],
            },
          ])
        }
      >
        + Timer
      </button>
    </div>
  );
}
