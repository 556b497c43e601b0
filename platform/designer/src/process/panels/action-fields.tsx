// The settings of the things a process does: send a mail, create a task, update a record, notify.
// Each editor takes any object that holds those settings, so the same one serves an action node
// (e.g. a "Send mail" step) and an action inside a stage's onEnter list or a timer.
import type { Assignee, FieldDefinition, FieldValues, Recipient, TemplateChoice } from '@crm/definitions';
import { AssigneeEditor, Field, TextInput } from './inputs';
import { withOptional, type PanelContext } from './panel-context';
import { TemplateChoiceEditor } from './template-choice-editor';
import { TimingEditor, type DurationKey } from './timing-editor';

/** What every action editor takes: the settings, the panel's context and where edits go. */
interface ActionFieldsProps<T> {
  value: T;
  ctx: PanelContext;
  /** Prefixes the accessible names; the node panel uses the plain names. */
  name?: string | undefined;
  onChange(next: NoInfer<T>): void;
}

export function MailFields<T extends { template: TemplateChoice; to: Recipient }>({
  value,
  ctx,
  name,
  onChange,
}: ActionFieldsProps<T>) {
  return (
    <>
      <Field label="Template">
        <TemplateChoiceEditor
          {...(name ? { name: `${name} template` } : {})}
          value={value.template}
          ctx={ctx}
          onChange={(template) => onChange({ ...value, template })}
        />
      </Field>
      <Field label="Recipient">
        <AssigneeEditor
          recipient
          label={name ? `${name} recipient` : 'Recipient'}
          value={value.to}
          roles={ctx.roles}
          onChange={(to) => onChange({ ...value, to })}
        />
      </Field>
    </>
  );
}

export function TaskFields<
  T extends { title: string; assignee: Assignee; due?: string; businessTime?: boolean },
>({ value, ctx, name, onChange }: ActionFieldsProps<T>) {
  const prefix = name ? `${name} ` : '';
  return (
    <>
      <Field label="Task title">
        <TextInput
          label={`${prefix}Task title`.trim()}
          value={value.title}
          onCommit={(title) => onChange({ ...value, title })}
        />
      </Field>
      <Field label="Assignee">
        <AssigneeEditor
          label={`${prefix}Assignee`.trim()}
          value={value.assignee}
          roles={ctx.roles}
          onChange={(assignee) => onChange({ ...value, assignee })}
        />
      </Field>
      <TimingEditor
        value={value}
        durations={[{ key: 'due' as DurationKey<T>, label: 'Due after', name: `${prefix}Due`.trim() }]}
        onChange={onChange}
      />
    </>
  );
}

export function NotifyFields<T extends { to: Recipient; message: string }>({
  value,
  ctx,
  name,
  onChange,
}: ActionFieldsProps<T>) {
  const prefix = name ? `${name} ` : '';
  return (
    <>
      <Field label="Notify">
        <AssigneeEditor
          recipient
          label={`${prefix}recipient`}
          value={value.to}
          roles={ctx.roles}
          onChange={(to) => onChange({ ...value, to })}
        />
      </Field>
      <Field label="Message">
        <TextInput
          label={`${prefix}message`}
          multiline
          value={value.message}
          onCommit={(message) => onChange({ ...value, message })}
        />
      </Field>
    </>
  );
}

/** A text typed for a field: numbers and JSON stay typed, anything else is kept as text. */
function parseValue(text: string, field: FieldDefinition | undefined): unknown {
  if (field?.type === 'text' || field?.type === 'longText' || field?.type === 'email') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function ValueInput({
  field,
  value,
  label,
  onChange,
}: {
  field: FieldDefinition | undefined;
  value: unknown;
  label: string;
  onChange(v: unknown): void;
}) {
  if (field?.type === 'enum')
    return (
      <select
        className="input input-sm"
        aria-label={label}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">—</option>
        {field.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  if (field?.type === 'boolean')
    return (
      <select
        className="input input-sm"
        aria-label={label}
        value={String(value === true)}
        onChange={(e) => onChange(e.target.value === 'true')}
      >
        <option value="true">yes</option>
        <option value="false">no</option>
      </select>
    );
  return (
    <TextInput
      label={label}
      value={typeof value === 'string' ? value : JSON.stringify(value)}
      onCommit={(v) => onChange(parseValue(v, field))}
    />
  );
}

/** Which record to update (the record itself or one it refers to) and the values to set. */
export function UpdateFields<T extends { target?: string; set: FieldValues }>({
  value,
  ctx,
  name,
  onChange,
}: ActionFieldsProps<T>) {
  const prefix = name ? `${name} ` : '';
  const references = (ctx.entity?.fields ?? []).filter((f) => f.type === 'reference');
  const targetField = references.find((f) => f.key === value.target);
  const targetEntity =
    targetField?.type === 'reference' ? ctx.entities.find((e) => e.key === targetField.entity) : ctx.entity;
  const fields = targetEntity?.fields ?? [];
  const entries = Object.entries(value.set);
  const setValues = (set: FieldValues) => onChange({ ...value, set });
  return (
    <>
      <Field label="Record to update">
        <select
          className="input input-sm"
          aria-label={`${prefix}Record to update`.trim()}
          value={value.target ?? ''}
          onChange={(e) => onChange(withOptional(value, 'target', e.target.value as T['target']))}
        >
          <option value="">This record</option>
          {value.target && !targetField && <option value={value.target}>{value.target}</option>}
          {references.map((f) => (
            <option key={f.key} value={f.key}>
              The {f.label.toLowerCase()} it refers to
            </option>
          ))}
        </select>
      </Field>
      <Field label="Set fields">
        <div className="list-editor">
          {entries.map(([key, v]) => (
            <div key={key} className="list-row">
              <span className="chip chip-static">{fields.find((f) => f.key === key)?.label ?? key}</span>
              <ValueInput
                field={fields.find((f) => f.key === key)}
                value={v}
                label={`${prefix}Value of ${key}`}
                onChange={(next) => setValues({ ...value.set, [key]: next })}
              />
              <button
                type="button"
                className="icon-btn"
                aria-label={`${prefix}Stop setting ${key}`}
                onClick={() => {
                  const next = { ...value.set };
                  delete next[key];
                  setValues(next);
                }}
              >
                ×
              </button>
            </div>
          ))}
          <select
            className="input input-sm"
            aria-label={`${prefix}Add a field to set`.trim()}
            value=""
            onChange={(e) => e.target.value && setValues({ ...value.set, [e.target.value]: '' })}
          >
            <option value="">+ Set a field…</option>
            {fields
              .filter((f) => !(f.key in value.set))
              .map((f) => (
                <option key={f.key} value={f.key}>
                  {f.label}
                </option>
              ))}
          </select>
        </div>
      </Field>
    </>
  );
}
